"""The dashboard's two runs: the chosen settings beside the baseline on one seed (no browser)."""

from __future__ import annotations

import gc
import weakref

import pandas as pd
import pytest

from experiments.dashboard.live import HORIZON, DashboardModel, LiveComparison

AFTER_END = {"post_funding_share": 0.5, "taper_months": 12}  # differ only from month 36 on
SEED = 7


def test_runs_share_their_random_numbers_until_the_settings_matter():
    live = LiveComparison(AFTER_END, seed=SEED)
    live.advance_to(60)
    frame = live.frame()
    base, chosen = frame.baseline.series, frame.chosen.series
    assert frame.month == 60 and len(base) == len(chosen) == 60
    end = frame.chosen.programme_months
    # common random numbers: identical while the settings make no difference ...
    pd.testing.assert_frame_equal(base.iloc[:end], chosen.iloc[:end])
    # ... and the co-funding keeps more networks alive afterwards (by the end of the taper)
    alive, alive_base = chosen["networks_alive"], base["networks_alive"]
    assert (alive.iloc[end:] >= alive_base.iloc[end:]).all()
    assert (alive.iloc[end + 12 :] > alive_base.iloc[end + 12 :]).all()


def test_each_run_is_the_model_s_own_run_on_that_seed():
    live = LiveComparison(AFTER_END, seed=SEED)
    live.advance_to(50)
    frame = live.frame()
    for settings, view in (({}, frame.baseline), (AFTER_END, frame.chosen)):
        model = DashboardModel(seed=SEED, **settings)
        for _ in range(50):
            model.step()
        pd.testing.assert_frame_equal(view.series, model.timeseries())
        whole = DashboardModel(seed=SEED, **settings)
        whole.run_model()
        pd.testing.assert_frame_equal(view.whole, whole.timeseries())
        pd.testing.assert_frame_equal(view.series, view.whole.iloc[:50])


def test_still_alive_monitor_is_the_model_s_survival_k_months_after_the_end():
    live = LiveComparison(AFTER_END, seed=SEED)
    live.advance_to(35)
    assert live.frame().chosen.still_alive(35) is None  # not known before the funding end
    summaries = {}
    for settings, key in (({}, "baseline"), (AFTER_END, "chosen")):
        model = DashboardModel(seed=SEED, **settings)
        model.run_model()
        summaries[key] = model.summary()
    for k in (12, 24, 36, 60):
        live.advance_to(36 + k)
        frame = live.frame()
        for key in ("baseline", "chosen"):
            alive, total = getattr(frame, key).still_alive(frame.month)
            assert total == summaries[key]["networks_alive_at_end"]
            assert alive / total == pytest.approx(summaries[key][f"survival_{k}"], abs=1e-12)


def test_step_and_advance_stop_at_the_horizon():
    live = LiveComparison({}, horizon=40)  # the horizon must pass the 36-month programme
    live.step()
    assert live.month == 1 and not live.finished
    live.advance_to(500)
    assert live.month == 40 and live.finished
    live.step()
    assert live.month == 40 and len(live.frame().chosen.series) == 40


def test_a_change_rebuilds_the_chosen_run_at_the_month_shown():
    live = LiveComparison({}, seed=SEED)
    live.advance_to(20)
    before = live.frame().baseline.series
    live.change(settings={"programme_months": 24})
    frame = live.frame()
    assert frame.month == 20 and frame.chosen.programme_months == 24
    pd.testing.assert_frame_equal(frame.baseline.series, before)  # baseline untouched
    fresh = LiveComparison({"programme_months": 24}, seed=SEED)
    fresh.advance_to(20)
    pd.testing.assert_frame_equal(frame.chosen.series, fresh.frame().chosen.series)
    live.change(seed=SEED + 1)  # a new seed: both runs rebuilt
    model = DashboardModel(seed=SEED + 1)
    for _ in range(20):
        model.step()
    pd.testing.assert_frame_equal(live.frame().baseline.series, model.timeseries())
    assert live.seed == SEED + 1 and live.month == 20


def test_a_bad_setting_is_refused_and_the_runs_are_kept():
    live = LiveComparison({"taper_months": 6}, seed=SEED)
    live.advance_to(5)
    with pytest.raises(ValueError, match="taper_months"):
        live.change(settings={"taper_months": -1})
    with pytest.raises(ValueError, match="seed"):
        live.change(seed=-3)
    assert live.settings == {"taper_months": 6} and live.seed == SEED and live.month == 5


def test_reset_goes_back_to_month_0_and_stops_an_older_play_loop():
    live = LiveComparison({}, seed=SEED)
    epoch = live.epoch
    assert live.advance_to(10, epoch)
    live.reset()
    assert live.month == 0
    assert not live.advance_to(30, epoch)  # a Play loop started before the Reset
    assert live.month == 0 and live.advance_to(3, live.epoch) and live.month == 3


def test_replaced_runs_are_freed():
    """Rebuilt models are not kept alive by anything (Mesa keeps agent ids per model)."""
    live = LiveComparison({}, seed=SEED)
    live.step()
    old = [weakref.ref(live._chosen), weakref.ref(live._baseline)]
    live.change(settings={"programme_months": 30})
    live.reset()
    gc.collect()
    assert [ref() for ref in old] == [None, None]


def test_dashboard_model_defaults():
    model = DashboardModel()
    assert (model.seed, model.horizon_months) == (2010, HORIZON)
    with pytest.raises(ValueError, match="taper_months"):
        DashboardModel(taper_months=-1)
