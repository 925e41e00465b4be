"""The ABC-SMC machinery on a simulator with a known answer (calibration.toy)."""

import numpy as np
import pyarrow as pa
import pytest

from calibration import abc, checkpoint, toy

TRUE = {"mu": 2.0, "sigma": 0.5}
OBSERVED = toy.simulate(TRUE, seed=11)
PRIOR = abc.UniformPrior(("mu", "sigma"), [-5.0, 0.05], [5.0, 3.0])


def toy_evaluate(thetas, seeds):
    """Euclidean distance between simulated and observed (mean, sd)."""
    out = []
    for (mu, sigma), seed in zip(thetas, seeds):
        s = toy.simulate({"mu": mu, "sigma": sigma}, int(seed))
        out.append(np.hypot(s["mean"] - OBSERVED["mean"], s["sd"] - OBSERVED["sd"]))
    return np.array(out), None


SETTINGS = abc.SMCSettings(population=200, generations=14, seed=5)


@pytest.fixture(scope="module")
def generations():
    return abc.run_smc(PRIOR, toy_evaluate, SETTINGS)


def test_recovers_known_parameters_within_90_percent_intervals(generations):
    final = generations[-1]
    q05, q95 = abc.weighted_quantiles(final.particles, final.weights, [0.05, 0.95])
    for j, name in enumerate(PRIOR.names):
        assert q05[j] <= TRUE[name] <= q95[j], (name, q05[j], q95[j])
    # and the data are informative: both intervals well under a tenth of the prior range
    assert np.all((q95 - q05) / PRIOR.width < 0.1), (q95 - q05) / PRIOR.width


def test_threshold_never_rises_and_cost_is_fixed(generations):
    eps = [g.epsilon for g in generations]
    assert all(b <= a for a, b in zip(eps, eps[1:])), eps
    assert eps[-1] < 0.25 * eps[0]
    assert [g.simulated for g in generations] == [400] + [200] * (len(generations) - 1)
    assert SETTINGS.simulations() == 400 + 13 * 200


def test_weights_are_normalised_and_positive(generations):
    for g in generations:
        assert np.all(g.weights > 0)
        assert g.weights.sum() == pytest.approx(1.0)
        assert len(g.particles) == SETTINGS.population


def test_importance_weights_match_exact_posterior_mean_on_conjugate_case():
    """Unit-width Gaussian model with uniform prior: the ABC posterior mean tends to the data.

    With the distance |x - y|, x ~ N(theta, 0.1), the exact posterior (flat prior, eps -> 0) is
    N(y, 0.1); the weighted mean must land within 0.03 (3 posterior s.d. / sqrt(ESS ~ 100)).
    """
    prior = abc.UniformPrior(("theta",), [-3.0], [3.0])
    y = 0.7

    def evaluate(thetas, seeds):
        draws = np.array([np.random.default_rng(int(s)).normal(t[0], 0.1)
                          for t, s in zip(thetas, seeds)])
        return np.abs(draws - y), None

    final = abc.run_smc(prior, evaluate, abc.SMCSettings(200, generations=12, seed=2))[-1]
    mean = float(np.sum(final.weights * final.particles[:, 0]))
    sd = float(np.sqrt(np.sum(final.weights * (final.particles[:, 0] - mean) ** 2)))
    assert mean == pytest.approx(y, abs=0.03)
    assert 0.07 < sd < 0.2  # posterior sd 0.1, widened a little by the final epsilon


def test_resume_from_stored_generations_equals_uninterrupted(generations):
    names = PRIOR.names
    stored = [checkpoint.from_table(pa.table(checkpoint.to_table(g, names, {"k": 1})), names)
              for g in generations[:5]]
    resumed = abc.run_smc(PRIOR, toy_evaluate, SETTINGS, done=stored)
    assert len(resumed) == len(generations)
    for a, b in zip(resumed, generations):
        np.testing.assert_array_equal(a.particles, b.particles)
        np.testing.assert_array_equal(a.log_weights, b.log_weights)
        np.testing.assert_array_equal(a.seeds, b.seeds)
        assert a.epsilon == b.epsilon


def test_same_seed_same_result_other_seed_other_result():
    short = abc.SMCSettings(population=50, generations=3, seed=9)
    a = abc.run_smc(PRIOR, toy_evaluate, short)[-1]
    b = abc.run_smc(PRIOR, toy_evaluate, short)[-1]
    c = abc.run_smc(PRIOR, toy_evaluate, abc.SMCSettings(50, generations=3, seed=10))[-1]
    np.testing.assert_array_equal(a.particles, b.particles)
    assert not np.array_equal(a.particles, c.particles)


def test_early_stop_when_population_stops_improving():
    calls = []

    def worse_after_first(thetas, seeds):  # no new particle ever beats generation 0's best
        calls.append(len(thetas))
        base = 0.0 if len(calls) == 1 else 1000.0
        return base + np.arange(len(thetas), dtype=float), None

    settings = abc.SMCSettings(population=20, generations=10, min_acceptance=0.02, seed=1)
    gens = abc.run_smc(PRIOR, worse_after_first, settings)
    assert len(gens) == 2 and gens[-1].acceptance == 0.0
    assert calls == [40, 20]
    np.testing.assert_array_equal(gens[1].particles, gens[0].particles)


def test_proposals_stay_inside_prior_box(generations):
    rng = np.random.default_rng(0)
    proposals, mass = abc.propose(rng, PRIOR, generations[0], 1000)
    assert np.all(proposals >= PRIOR.low) and np.all(proposals <= PRIOR.high)
    assert 0 < mass <= 1


def test_resample_follows_weights():
    g = abc.Generation(0, np.array([[0.0], [1.0]]), np.log([0.25, 0.75]), np.zeros(2),
                       np.zeros(2, dtype=np.int64), 0.0, 1.0, 2)
    draws = abc.resample(g, 400, seed=3)
    assert np.mean(draws[:, 0] == 1.0) == pytest.approx(0.75, abs=1 / 400)
