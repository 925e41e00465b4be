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
    # seed l.107-110; ratio of top-half to bottom-half embeddedness hosts within format, against
    # each pattern's own cut of 1 (calibration/targets.toml). The ratios scatter more between
    # seeds than the other statistics (over seeds 101-140 at the shipped calibration: means 1.065
    # and 1.081, sd 0.12 and 0.14), so 24 seeds (the shared 8 and 16 more): the margins are 2.6
    # and 2.7 standard errors of a 24-seed mean
    more = [simulate({"horizon_months": 60}, s) for s in range(SEEDS.stop, SEEDS.stop + 16)]
    for key in ("embedded_recruit_ratio", "embedded_duration_ratio"):
        ratios = np.concatenate([baseline[key], [r[key] for r in more]])
        assert np.nanmean(ratios) > 1.0, key


def test_members_are_mostly_micro_and_small_firms(baseline):
    assert baseline["share_members_micro_small"].mean() > 0.8  # seed l.59-60


def test_few_networks_make_competence_development_their_purpose(baseline):
    assert baseline["share_networks_cd_purpose"].mean() < 0.15  # seed l.54-55


def test_some_small_network_is_full_with_a_waiting_list(baseline):
    assert (baseline["full_small_networks_with_waitlist"] >= 1).all()  # seed l.92-93


@pytest.fixture(scope="module")
def embedded_contrast():
    """Paired over 96 seeds: a staff far less embedded (0.15) and far more (0.8).

    Survival differences scatter between seeds: at the shipped point the standard error of the
    mean difference in survival 12 months on is 0.007 over 24 seeds, where the difference is
    about 0.02 (+0.009 on seeds 101-124, two standard errors short), and 0.0036 over 96.
    """
    seeds = range(SEEDS.start, SEEDS.start + 96)
    low = [simulate({"horizon_months": 60, "embeddedness_mean": 0.15}, s) for s in seeds]
    high = [simulate({"horizon_months": 60, "embeddedness_mean": 0.8}, s) for s in seeds]
    return low, high


def test_more_embedded_facilitators_keep_more_networks(embedded_contrast):
    # at the shipped calibration the paired difference in survival 12 months on is +0.021 with a
    # standard error of 0.0036 over these 96 seeds: more than 5 standard errors above 0
    low, high = embedded_contrast
    kept = np.array([h["survival_12"] - lo["survival_12"] for h, lo in zip(high, low)])
    assert kept.mean() > 2 * kept.std(ddof=1) / np.sqrt(kept.size)


def test_more_embedded_facilitators_involve_more_companies(embedded_contrast):
    # seed l.107-110; at the shipped calibration the paired gain is about +68 companies (of about
    # 1,350) with a standard error of 8 over 96 seeds
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
