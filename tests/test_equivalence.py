"""The compiled model and the plain-Mesa reference are the same model, in distribution.

benchmarks/reference_model.py restates every rule one agent at a time; it cannot reproduce the
vectorised model's random stream, so the two are compared over 40 fixed seeds each at a reduced
size (benchmarks/equivalence.py: ``PARAMS``, ``compare``). The key outcomes (companies involved,
networks founded, survival 24 months after the funding end, members at the funding end) must
agree: Kolmogorov-Smirnov p-value above, and Welch interval for the mean difference around 0 at,
the level 0.05 / 8 (Bonferroni over 4 outcomes x 2 tests, family-wise 5 %).

The check must be able to fail: the same reference runs against a vectorised model with one rule
changed (members leave after one missed meeting instead of three) must be rejected.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/ is not a package

from benchmarks.equivalence import (
    MUTATION,
    OUTCOMES,
    PARAMS,
    compare,
    run_sample,
    seeds,
)
from benchmarks.reference_model import (
    CAPACITY,
    DORMANT,
    MEMBER_LED,
    ReferenceModel,
    simulate_reference,
)
from experiments.runner import simulate
from model import NetworkModel
from model.reporters import TIMESERIES_COLUMNS
from model.state import Carrier

N_SEEDS = 40
TINY = {"n_companies": 300, "n_partners": 4, "horizon_months": 40}
SEEDS = seeds(N_SEEDS)


@pytest.fixture(scope="module")
def reference():
    """Summaries of the reference model over its 40 seeds (about a minute)."""
    return run_sample(simulate_reference, PARAMS, SEEDS["reference"])


@pytest.mark.slow
def test_reference_and_vectorised_agree(reference):
    vectorised = run_sample(simulate, PARAMS, SEEDS["vectorised"])
    table = compare(vectorised, reference)
    assert list(table["outcome"]) == list(OUTCOMES)
    assert table["agree"].all(), "\n" + table.to_string()


@pytest.mark.slow
def test_equivalence_test_detects_a_changed_rule(reference):
    mutated = run_sample(simulate, {**PARAMS, **MUTATION}, SEEDS["mutated"])
    table = compare(mutated, reference)
    assert not table["agree"].all(), "\n" + table.to_string()


def test_reference_gives_the_vectorised_outputs():
    ref, vec = ReferenceModel(seed=3, **TINY), NetworkModel(seed=3, **TINY)
    ref.run_model()
    vec.run_model()
    assert list(ref.summary()) == list(vec.summary())
    assert list(ref.timeseries().columns) == TIMESERIES_COLUMNS
    assert list(ref.networks().columns) == list(vec.networks().columns)
    assert len(ref.timeseries()) == TINY["horizon_months"]
    assert ref.summary()["networks_founded"] == len(ref.networks()) > 0


def test_reference_records_match_its_agents():
    model = ReferenceModel(seed=4, **TINY)
    model.run_model()
    last = model.timeseries().iloc[-1]
    alive = [n for n in model.register if n.alive]
    assert last["networks_alive"] == len(alive)
    assert last["members"] == sum(len(c.memberships) for c in model.company_list)
    assert last["waiting"] == sum(c.waiting_for is not None for c in model.company_list)
    assert last["member_led"] == sum(n.carrier == MEMBER_LED for n in alive)
    assert last["dormant"] == sum(n.carrier == DORMANT for n in alive)
    for network in alive:
        assert len(network.members) <= CAPACITY[network.format]
        assert all(network in company.memberships for company in network.members)


def test_reference_is_reproducible_from_its_seed():
    first, again, other = (pd.Series(simulate_reference(TINY, s)) for s in (11, 11, 12))
    assert first.equals(again)  # NaN where the other is NaN counts as equal
    assert not first.equals(other)


def test_reference_validates_parameters_like_the_vectorised_model():
    with pytest.raises(ValueError, match="n_companies"):
        ReferenceModel(seed=1, n_companies=-5)
    with pytest.raises(ValueError, match="tie_invite_rate"):
        ReferenceModel(seed=1, tie_invite_rat=0.5)


def test_reference_runs_the_policy_branches():
    """Successor, taper, co-funding, fees, crisis and champion training run; the successor pays."""
    branches = {
        **TINY,
        "horizon_months": 70,
        "successor_probability": 1.0,
        "successor_start_month": 40,
        "successor_months": 12,
        "member_fee": 0.5,
        "taper_months": 6,
        "post_funding_share": 0.3,
        "crisis_severity": 0.5,
        "champion_training": 0.5,
    }
    model = ReferenceModel(seed=2, **branches)
    model.run_model()
    cost = model.timeseries()["cost_month"]
    successor = cost[40:52].mean()
    assert successor > cost[36:40].mean() and successor > cost[52:].mean() > 0
    assert model.summary()["networks_founded"] > 0


def test_reference_runs_every_carrier():
    """Hosts, successor, company networks, members, parties and dormancy all occur; parties pay.

    Many networks (founding rate 0.15), half of them built inside company networks, a successor
    at every partner, strong parties with hours for several networks, champions easy to find and
    member-led hosting at low cohesion: every route out of dormancy is open.
    """
    routes = {
        "n_companies": 400,
        "n_partners": 4,
        "horizon_months": 60,
        "founding_rate": 0.15,
        "infiltration_share": 0.5,
        "successor_probability": 1.0,
        "successor_start_month": 40,
        "successor_months": 12,
        "labour_party_influence": 1.0,
        "party_hours": 100.0,
        "mix_partnership": 0.3,
        "mix_job_rotation": 0.3,
        "champion_rate": 0.3,
        "member_led_cohesion": 0.2,
    }
    model = ReferenceModel(seed=3, **routes)
    seen = set()
    while model.running:
        model.step()
        seen.update(n.carrier for n in model.register if n.alive)
    assert seen == set(Carrier)
    assert model.summary()["cost_parties"] > 0
