"""Patterns the rules must produce (checked over seeds, never written into the rules).

Each compares means over 8 seeds of the baseline at a reduced horizon; the margins are several
standard errors wide at the values the baseline produces (see the comments).
"""

import numpy as np
import pytest

from experiments.runner import simulate

SEEDS = range(101, 109)


@pytest.fixture(scope="module")
def baseline():
    runs = [simulate({"horizon_months": 60}, s) for s in SEEDS]
    return {k: np.array([r[k] for r in runs]) for k in runs[0]}


def test_conferences_draw_many_but_keep_fewer_than_peer_networks(baseline):
    # seed l.73-75 against l.91-98; per-seed retention differs by ~0.2 with sd ~0.05
    assert baseline["conference_mean_joiners"].mean() > 2 * baseline["small_mean_joiners"].mean()
    assert (baseline["conference_retention"] < baseline["peer_retention"]).mean() >= 7 / 8


# The embeddedness patterns (seed l.107-110) hold at the shipped point value, tested below; over
# the whole posterior they hold in about three draws of four, short of the 80 % the calibration's
# fit asks (docs/calibration.md, "The shipped calibration"), so they are a property of this point
# more than of every parameter set that meets the head counts.


def test_well_embedded_facilitators_recruit_more_and_keep_networks_longer(baseline):
    # seed l.107-110; ratio of top-half to bottom-half embeddedness hosts within format. The
    # ratios scatter more between seeds than the other statistics (over seeds 101-140 at the
    # shipped calibration: means 1.12 and 1.24, sd 0.11 and 0.15), so 24 seeds (the shared 8
    # and 16 more): the margins below are 3 and 8 standard errors of a 24-seed mean
    more = [simulate({"horizon_months": 60}, s) for s in range(SEEDS.stop, SEEDS.stop + 16)]
    for key, least in [("embedded_recruit_ratio", 1.05), ("embedded_duration_ratio", 1.0)]:
        ratios = np.concatenate([baseline[key], [r[key] for r in more]])
        assert np.nanmean(ratios) > least, key


def test_members_are_mostly_micro_and_small_firms(baseline):
    assert baseline["share_members_micro_small"].mean() > 0.8  # seed l.59-60


def test_few_networks_make_competence_development_their_purpose(baseline):
    assert baseline["share_networks_cd_purpose"].mean() < 0.15  # seed l.54-55


def test_some_small_network_is_full_with_a_waiting_list(baseline):
    assert (baseline["full_small_networks_with_waitlist"] >= 1).all()  # seed l.92-93


@pytest.fixture(scope="module")
def embedded_contrast():
    """Paired over 24 seeds: a staff far less embedded (0.15) and far more (0.8).

    Few networks are alive at the funding end at the shipped point (about a hundred founded), so
    survival differences scatter: over 8 seeds the standard error of the mean difference in
    survival 12 months on was 0.024, over 24 it is 0.011.
    """
    seeds = range(SEEDS.start, SEEDS.start + 24)
    low = [simulate({"horizon_months": 60, "embeddedness_mean": 0.15}, s) for s in seeds]
    high = [simulate({"horizon_months": 60, "embeddedness_mean": 0.8}, s) for s in seeds]
    return low, high


def test_more_embedded_facilitators_keep_more_networks(embedded_contrast):
    # at the shipped calibration the paired difference in survival 12 months on is about +0.036
    # with a standard error of 0.011 over these 24 seeds: more than 2 standard errors above 0
    low, high = embedded_contrast
    kept = np.array([h["survival_12"] - lo["survival_12"] for h, lo in zip(high, low)])
    assert kept.mean() > 2 * kept.std(ddof=1) / np.sqrt(kept.size)


def test_more_embedded_facilitators_involve_more_companies(embedded_contrast):
    # seed l.107-110; at the shipped calibration the paired gain is about +128 companies (of about
    # 1,400) with a standard error of 13 over 24 seeds
    low, high = embedded_contrast
    gain = np.array(
        [h["companies_involved"] - lo["companies_involved"] for h, lo in zip(high, low)]
    )
    assert gain.mean() > 2 * gain.std(ddof=1) / np.sqrt(gain.size)


def test_cofunding_keeps_more_networks_alive_than_an_abrupt_end():
    abrupt = np.mean([simulate({"horizon_months": 60}, s)["survival_12"] for s in SEEDS])
    cofund = np.mean(
        [
            simulate({"horizon_months": 60, "post_funding_share": 0.5}, s)["survival_12"]
            for s in SEEDS
        ]
    )
    assert cofund > abrupt + 0.05
