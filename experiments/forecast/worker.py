"""One forecast run: the summary and the survival curve after the funding end, without Mesa.

``forecast_run`` is what a worker process runs. It takes the same steps as
``model.run.simulate`` (``prepare``, ``advance``, ``model.reporters.summary``), so its summary is
that function's to the last digit (tests/test_forecast.py checks), and adds the monthly share of
networks alive at the funding end that are still alive m months later, for m = 0 to the
follow-up. The module imports no pandas, plotting or statistics, so workers start quickly.
"""

from __future__ import annotations

import numpy as np

from model.params import validate
from model.reporters import summary
from model.run import advance, check_seed, prepare


def survival_curve(nets: np.ndarray, month: int, programme_months: int) -> np.ndarray:
    """Share of the networks alive at the funding end still alive m months later, m = 0..follow-up.

    The same definition as ``model.reporters.survival_after_funding_end`` (0 when no network was
    alive at the end): ``curve[24]`` is the summary's ``survival_24``.
    """
    follow_up = max(month - programme_months, 0)
    alive = nets["alive"]
    ended = np.where(alive, month, nets["ended"])
    at_end = (nets["founded"] < programme_months) & (alive | (nets["ended"] >= programme_months))
    after = ended[at_end] - programme_months
    if after.size == 0:
        return np.zeros(follow_up + 1)
    counts = np.bincount(np.minimum(after, follow_up), minlength=follow_up + 1)
    # networks still alive m months on: those whose time after the end is >= m
    return counts[::-1].cumsum()[::-1] / after.size


def forecast_run(task: tuple[dict, int, tuple[str, ...]]) -> tuple[dict, np.ndarray]:
    """Run ``(params, seed, keys)``: the summary values of ``keys`` and the survival curve."""
    params, seed, keys = task
    values = validate(params)
    state, record, streams = prepare(values, check_seed(seed))
    state = advance(state, record, streams, values["horizon_months"])
    tally = state.tally[0]
    month = int(tally["month"])
    nets = state.networks[: tally["networks"]]
    found = summary(
        state.records[:month], nets, state.companies, tally, month,
        values["programme_months"], values["status_report_month"])  # fmt: skip
    curve = survival_curve(nets, month, values["programme_months"])
    return {key: float(found[key]) for key in keys}, curve
