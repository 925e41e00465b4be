"""experiments.simulate (keyword entry) and experiments.ema (an EMA Workbench ReplicatorModel)."""

from __future__ import annotations

import math

import numpy as np
import pytest

import experiments
from experiments.ema.model import DEFAULT_OUTCOMES, ema_model, import_ema
from experiments.ema.space import LEVERS, lever_names, salib_problem, uncertainty_names
from experiments.entry import STANDINS, numbers
from model.params import PARAMETERS, defaults
from model.run import simulate as summary_simulate
from model.seeds import spawn_seeds


def test_keyword_entry_equals_the_dict_entry_and_is_all_numbers():
    found = experiments.simulate(seed=3, post_funding_share=0.5)
    raw = summary_simulate({"post_funding_share": 0.5}, 3)
    for key, value in raw.items():
        if math.isfinite(value):
            assert found[key] == value, key
    assert all(isinstance(v, float) and math.isfinite(v) for v in found.values())
    assert found["networks_alive_24"] == round(raw["survival_24"] * raw["networks_alive_at_end"])
    assert found["undefined_outcomes"] == 0 and found["follow_up_months"] == 84


def test_undefined_values_get_the_documented_stand_ins_and_a_count():
    # 4 months of follow-up: survival after 12-60 months, the 60-month mean and members 24
    # months on cannot be observed
    found = experiments.simulate(seed=3, horizon_months=40)
    unobserved = ["survival_12", "survival_24", "survival_36", "survival_60", "hazard_years_2_5",
                  "mean_survival_months_60", "members_end_plus_24"]  # fmt: skip
    for key in unobserved:
        assert found[key] == STANDINS[key][0]
    assert found["undefined_outcomes"] == len(unobserved)
    assert found["follow_up_months"] == 4
    assert found["cost_per_network_alive_24"] == found["cost_total"]  # no survivor: whole cost


def test_no_network_alive_at_the_end_gives_zero_survival_not_nan():
    summary = {
        "networks_alive_at_end": 0.0,
        "survival_24": math.nan,
        "cost_total": 10.0,
        "cost_per_network_alive_24": math.nan,
        "embedded_recruit_ratio": math.nan,
    }
    found = numbers(summary, defaults())
    assert found["survival_24"] == 0.0 and found["networks_alive_24"] == 0.0
    assert found["cost_per_network_alive_24"] == 10.0
    assert found["embedded_recruit_ratio"] == 1.0
    assert found["undefined_outcomes"] == 2  # survival_24 and the ratio; the cost is defined


def test_bad_keyword_is_a_one_line_error():
    with pytest.raises(ValueError, match="unknown parameter 'post_funding'"):
        experiments.simulate(seed=1, post_funding=0.5)
    with pytest.raises(ValueError, match="seed="):
        experiments.simulate(seed=-1)


def test_levers_are_the_policy_parameters_and_the_rest_are_uncertain():
    named = {
        "post_funding_share",
        "taper_months",
        "member_fee",
        "champion_training",
        "embeddedness_mean",
        "labour_party_influence",
        "successor_probability",
    }
    assert named <= set(LEVERS)
    assert {n for n in PARAMETERS if n.startswith("mix_")} <= set(LEVERS)
    uncertain = set(uncertainty_names())
    assert not uncertain & set(LEVERS)
    for name in uncertain:  # plausible and of non-zero width; facts are held at their value
        low, high, _ = PARAMETERS[name].plausible
        assert low < high
    assert "programme_months" not in uncertain and "horizon_months" not in uncertain


def test_salib_problem_reads_plausible_ranges_or_validity_bounds():
    plausible = salib_problem(["tie_density", "max_missed"])
    validity = salib_problem(["tie_density", "max_missed"], ranges="validity")
    assert plausible["bounds"][0] == list(PARAMETERS["tie_density"].plausible[:2])
    assert validity["bounds"][1] == [PARAMETERS["max_missed"].low, PARAMETERS["max_missed"].high]
    assert salib_problem()["num_vars"] == len(lever_names()) + len(uncertainty_names())


def test_ema_model_is_built_from_the_parameter_table():
    model = ema_model(replicates=3, seed=11)
    ema = import_ema()
    assert isinstance(model, ema.ReplicatorModel)
    assert [u.name for u in model.uncertainties] == uncertainty_names()
    assert [lever.name for lever in model.levers] == lever_names()
    tie = model.uncertainties["tie_density"]
    assert (tie.lower_bound, tie.upper_bound) == PARAMETERS["tie_density"].plausible[:2]
    assert isinstance(model.uncertainties["max_missed"], ema.IntegerParameter)
    assert [o.name for o in model.outcomes] == list(DEFAULT_OUTCOMES)
    assert [r["seed"] for r in model.replications] == spawn_seeds(11, 3)
    wide = ema_model(ranges="validity").uncertainties["tie_density"]
    assert (wide.lower_bound, wide.upper_bound) == (0.0, 1.0)


def _experiments(evaluator_class, **options):
    ema = import_ema()
    model = ema_model(replicates=2, seed=5, outcomes=("survival_24", "cost_total"))
    scenarios = [ema.Scenario(f"s{i}", tie_density=t) for i, t in enumerate((0.3, 0.8))]
    policies = [
        ema.Policy("none", post_funding_share=0.0),
        ema.Policy("half", post_funding_share=0.5),
    ]
    with evaluator_class(model, **options) as evaluator:
        return evaluator.perform_experiments(scenarios, policies)


def test_perform_experiments_averages_replicates_on_spawned_seeds():
    table, outcomes = _experiments(import_ema().SequentialEvaluator)
    assert len(table) == 4
    first = table.iloc[0]
    params = {
        "tie_density": first["tie_density"],
        "post_funding_share": first["post_funding_share"],
    }
    expected = np.mean(
        [experiments.simulate(seed=s, **params)["survival_24"] for s in spawn_seeds(5, 2)]
    )
    assert outcomes["survival_24"][0] == pytest.approx(expected, rel=1e-12)


def test_a_process_pool_gives_the_same_numbers():
    serial = _experiments(import_ema().SequentialEvaluator)[1]
    pooled = _experiments(import_ema().MultiprocessingEvaluator, n_processes=2)[1]
    for key in serial:
        np.testing.assert_array_equal(serial[key], pooled[key])
