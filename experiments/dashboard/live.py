"""Two runs played side by side: the settings chosen in the dashboard and the baseline.

Both runs are ``NetworkModel``s on the same seed. The model draws every mechanism from its own
random stream spawned from that seed (``model.run.prepare``), so the two runs draw the same
numbers wherever their states agree (common random numbers): a difference between the lines is
the settings' doing, not chance's. ``LiveComparison`` advances both a month at a time and hands
the page a ``Frame``: what both runs look like now, plus each run's whole series (run ahead once
when the run is built, about 30 ms) so that the axes are fixed from the first month and the
baseline's whole course can be drawn as the reference.

Plain Python, no Solara: the page (``experiments.dashboard.app``) calls it from its event
handlers and its Play thread, so every method takes one lock.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from model import NetworkModel
from model.params import PARAMETERS

DASHBOARD_SEED = 2010
HORIZON = 120  # months shown: the programme and seven years after
SEED_MAX = 999_999_999  # the seed box takes whole numbers from 0 to this


class DashboardModel(NetworkModel):
    """``NetworkModel`` with the dashboard's seed and horizon as defaults, without agent views.

    A taper the sliders set longer than the months left after the programme is cut to end at the
    horizon (the model refuses a taper that ends beyond the run; the page cannot show past it).
    """

    def __init__(self, seed: int = DASHBOARD_SEED, horizon_months: int = HORIZON, **params):
        programme = int(params.get("programme_months", PARAMETERS["programme_months"].default))
        if "taper_months" in params:
            params["taper_months"] = min(
                int(params["taper_months"]), max(0, horizon_months - programme)
            )
        super().__init__(seed=seed, agents=False, horizon_months=horizon_months, **params)


@lru_cache(maxsize=64)
def _whole_series(settings: tuple, seed: int, horizon: int) -> pd.DataFrame:
    model = DashboardModel(seed=seed, horizon_months=horizon, **dict(settings))
    model.run_model()
    return model.timeseries()


def whole_series(settings: dict, seed: int, horizon: int = HORIZON) -> pd.DataFrame:
    """The monthly series of the whole run (cached, so shared: read it, never change it)."""
    return _whole_series(tuple(sorted(settings.items())), seed, horizon)


@dataclass(frozen=True, eq=False)
class RunView:
    """One run as the page shows it at the current month.

    Attributes:
        params: Every parameter of the run (``model.params``).
        series: ``model.timeseries()`` so far (one row per month simulated).
        whole: The series of the whole run (the same run, run ahead to the horizon; shared
            between frames, read-only).
        register: ``model.networks()`` now.
    """

    params: dict
    series: pd.DataFrame
    whole: pd.DataFrame
    register: pd.DataFrame

    @property
    def programme_months(self) -> int:
        """Months of funding; the first unfunded month is the funding end."""
        return int(self.params["programme_months"])

    @property
    def taper_months(self) -> int:
        """Months over which funding falls to the co-funding share after the end."""
        return int(self.params["taper_months"])

    @property
    def networks_alive(self) -> int:
        """Networks alive now (0 before the first month)."""
        return int(self.series["networks_alive"].iat[-1]) if len(self.series) else 0

    @property
    def members(self) -> int:
        """Memberships now (0 before the first month)."""
        return int(self.series["members"].iat[-1]) if len(self.series) else 0

    def still_alive(self, month: int) -> tuple[int, int] | None:
        """(alive now, alive at the funding end) of the networks alive at the funding end.

        None before the funding end, when that set is not known yet.
        """
        if month < self.programme_months:
            return None
        at_end = self.register["alive_at_funding_end"].to_numpy(dtype=bool)
        alive = self.register["censored"].to_numpy(dtype=bool)
        return int((at_end & alive).sum()), int(at_end.sum())


@dataclass(frozen=True, eq=False)
class Frame:
    """Both runs at one month (what one picture of the page shows)."""

    month: int
    horizon: int
    seed: int
    baseline: RunView
    chosen: RunView


class LiveComparison:
    """The chosen settings and the baseline, advanced together month by month on one seed.

    Args:
        settings: Parameters changed from the baseline (names of ``model.params.PARAMETERS``).
        seed: Seed of both runs.
        horizon: Months to run.

    Raises:
        ValueError: A bad parameter name or value, or a bad seed (one line naming it).
    """

    def __init__(self, settings: dict, seed: int = DASHBOARD_SEED, horizon: int = HORIZON):
        self._lock = threading.RLock()
        self.horizon = horizon
        self.epoch = 0  # counts resets and changes, so a Play loop notices them
        self._settings = dict(settings)
        self._seed = seed
        self._baseline = self._build({})
        self._chosen = self._build(self._settings)

    def _build(self, settings: dict) -> NetworkModel:
        return DashboardModel(seed=self._seed, horizon_months=self.horizon, **settings)

    @property
    def month(self) -> int:
        """Months both runs have simulated."""
        return self._baseline.month

    @property
    def settings(self) -> dict:
        """The chosen settings (a copy)."""
        return dict(self._settings)

    @property
    def seed(self) -> int:
        """The seed of both runs."""
        return self._seed

    @property
    def finished(self) -> bool:
        """Whether both runs have reached the horizon."""
        return self.month >= self.horizon

    def step(self) -> None:
        """Advance both runs one month (nothing at the horizon)."""
        with self._lock:
            self._advance(self.month + 1)

    def advance_to(self, month: int, epoch: int | None = None) -> bool:
        """Advance both runs to ``month`` (at most the horizon).

        Args:
            month: Month to reach; a month already passed does nothing.
            epoch: If given, advance only while ``self.epoch`` still equals it (a Play loop
                started before a Reset must not move the new runs).

        Returns:
            Whether the runs were advanced (False if ``epoch`` is out of date).
        """
        with self._lock:
            if epoch is not None and epoch != self.epoch:
                return False
            self._advance(month)
            return True

    def _advance(self, month: int) -> None:
        for model in (self._baseline, self._chosen):
            while model.month < min(month, self.horizon):
                model.step()

    def reset(self) -> None:
        """Both runs back to month 0 with the same settings and seed."""
        with self._lock:
            self.epoch += 1
            self._baseline = self._build({})
            self._chosen = self._build(self._settings)

    def change(self, settings: dict | None = None, seed: int | None = None) -> None:
        """New settings and/or seed, applied at once (no Reset needed).

        The runs are rebuilt and brought back to the current month, so the page shows the new
        settings' run at the month it was showing.

        Raises:
            ValueError: A bad parameter or seed; the current runs are kept.
        """
        with self._lock:
            month = self.month
            old = (self._settings, self._seed)
            self._settings = dict(settings) if settings is not None else self._settings
            self._seed = seed if seed is not None else self._seed
            try:
                chosen = self._build(self._settings)
                baseline = self._build({}) if self._seed != old[1] else self._baseline
            except ValueError:
                self._settings, self._seed = old
                raise
            self._chosen, self._baseline = chosen, baseline
            self._advance(month)

    def frame(self) -> Frame:
        """Both runs now (tables of their own: the page may draw them while the runs go on)."""
        with self._lock:
            return Frame(
                month=self.month,
                horizon=self.horizon,
                seed=self._seed,
                baseline=self._view(self._baseline, {}),
                chosen=self._view(self._chosen, self._settings),
            )

    def _view(self, model: NetworkModel, settings: dict) -> RunView:
        return RunView(
            params=dict(model.params),
            series=model.timeseries(),
            whole=whole_series(settings, self._seed, self.horizon),
            register=model.networks(),
        )
