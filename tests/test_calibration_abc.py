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
    """On ten data sets drawn with the true values, the 90 % intervals cover them nearly always.

    One data set may sit far from the truth by chance (this module's has a standard deviation 1.5
    standard errors low), so coverage is checked over ten: 90 % intervals miss the truth more
    than three times in ten with probability 1.3 % (binomial), and the seeds are fixed.
    """
    covered = np.zeros(2, int)
    for data_seed in range(101, 111):
        observed = toy.simulate(TRUE, seed=data_seed)

        def evaluate(thetas, seeds, observed=observed):
            out = [
                toy.simulate({"mu": mu, "sigma": sigma}, int(seed))
                for (mu, sigma), seed in zip(thetas, seeds)
            ]
            return np.array(
                [np.hypot(o["mean"] - observed["mean"], o["sd"] - observed["sd"]) for o in out]
            ), None

        final = abc.run_smc(PRIOR, evaluate, abc.SMCSettings(200, generations=10, seed=data_seed))[
            -1
        ]
        q05, q95 = abc.weighted_quantiles(final.particles, final.weights, [0.05, 0.95])
        covered += (q05 <= [TRUE["mu"], TRUE["sigma"]]) & ([TRUE["mu"], TRUE["sigma"]] <= q95)
    assert np.all(covered >= 7), covered
    # and the data are informative: both intervals well under a tenth of the prior range
    final = generations[-1]
    q05, q95 = abc.weighted_quantiles(final.particles, final.weights, [0.05, 0.95])
    assert np.all((q95 - q05) / PRIOR.width < 0.1), (q95 - q05) / PRIOR.width


def test_threshold_falls_and_each_generation_is_within_it(generations):
    eps = [g.epsilon for g in generations]
    assert all(b <= a for a, b in zip(eps, eps[1:])), eps
    assert eps[-1] < 0.25 * eps[0]
    for g in generations:
        assert np.all(g.distances <= g.epsilon)
        assert np.all(g.particles >= PRIOR.low) and np.all(g.particles <= PRIOR.high)
    # generation 0 simulates population / keep_fraction; later ones whole batches of
    # population, plus at most one rejuvenation of REJUVENATE_SWEEPS sweeps of population
    assert generations[0].simulated == 400
    assert all(g.simulated >= 200 for g in generations[1:])


def test_resampled_copies_spread_out_again(generations):
    """Counting copies of a particle as one, the population stays diverse to the last generation."""
    assert min(g.effective_size for g in generations) > 0.25 * SETTINGS.population


def test_budget_stops_the_run_before_it_is_exceeded():
    settings = abc.SMCSettings(population=50, generations=100, seed=3, budget=400)
    gens = abc.run_smc(PRIOR, toy_evaluate, settings)
    more = abc.run_smc(
        PRIOR, toy_evaluate, abc.SMCSettings(population=50, generations=100, seed=3, budget=1200)
    )
    assert abc.spent(gens) <= 400 and abc.spent(more) <= 1200
    assert 1 < len(gens) < len(more) < 100
    for a, b in zip(gens, more):  # a larger budget continues the same run
        np.testing.assert_array_equal(a.particles, b.particles)


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
        draws = np.array(
            [np.random.default_rng(int(s)).normal(t[0], 0.1) for t, s in zip(thetas, seeds)]
        )
        return np.abs(draws - y), None

    final = abc.run_smc(prior, evaluate, abc.SMCSettings(200, generations=12, seed=2))[-1]
    mean = float(np.sum(final.weights * final.particles[:, 0]))
    sd = float(np.sqrt(np.sum(final.weights * (final.particles[:, 0] - mean) ** 2)))
    assert mean == pytest.approx(y, abs=0.03)
    assert 0.07 < sd < 0.2  # posterior sd 0.1, widened a little by the final epsilon


def test_resume_from_stored_generations_equals_uninterrupted(generations):
    names = PRIOR.names
    stored = [
        checkpoint.from_table(pa.table(checkpoint.to_table(g, names, {"k": 1})), names)
        for g in generations[:5]
    ]
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

    settings = abc.SMCSettings(population=20, generations=10, min_acceptance=0.1, seed=1)
    gens = abc.run_smc(PRIOR, worse_after_first, settings)
    # generation 1 gives up after population / min_acceptance = 200 simulations (10 batches)
    assert len(gens) == 1
    assert calls == [40] + [20] * 10


def test_degenerate_weights_are_resampled_and_moved():
    """A generation with its weight on one particle leaves with equal weights and spread copies."""
    rng = np.random.default_rng(2)
    particles = PRIOR.sample(rng, 50)
    log_w = np.full(50, -50.0)
    log_w[7] = 0.0  # all the weight on one particle
    g = abc.Generation(3, particles, log_w, np.zeros(50), np.arange(50), 1.0, 0.5, 100)
    out = abc.rejuvenate(PRIOR, lambda t, s: (np.zeros(len(t)), None), g, seed=1)
    np.testing.assert_array_equal(out.log_weights, np.zeros(50))
    assert out.effective_size > 10  # copies of particle 7 moved apart
    # and far apart: the step size comes from the 50 particles as drawn (unit spread about
    # 0.29), not from the 50 copies of one point, which would leave them within 1e-5 of it
    assert np.all(PRIOR.to_unit(out.particles).std(axis=0) > 0.1)
    assert out.simulated == g.simulated + abc.REJUVENATE_SWEEPS * 50
    assert out.epsilon == g.epsilon


def test_rejuvenation_sweeps_until_the_copies_have_spread_out_again():
    """When few moves are accepted, three sweeps leave many copies in place; sweeping goes on.

    Every move is accepted with probability 0.3 here, so after three sweeps about a third of the
    50 copies (0.7 ** 3) would still sit on particle 7, an effective size below 1 / 0.34 ** 2 =
    8.6; the rule sweeps on until it is back at half the population.
    """
    rng = np.random.default_rng(2)
    particles = PRIOR.sample(rng, 50)
    log_w = np.full(50, -50.0)
    log_w[7] = 0.0
    g = abc.Generation(3, particles, log_w, np.zeros(50), np.arange(50), 1.0, 0.5, 100)
    accept = np.random.default_rng(4)

    def evaluate(thetas, seeds):
        return np.where(accept.random(len(thetas)) < 0.3, 0.0, 2.0), None

    out = abc.rejuvenate(PRIOR, evaluate, g, seed=1)
    assert out.effective_size >= abc.REJUVENATE_BELOW * 50
    sweeps = (out.simulated - g.simulated) // 50
    assert abc.REJUVENATE_SWEEPS < sweeps <= abc.REJUVENATE_MAX_SWEEPS
    assert abc.distinct_size(np.repeat(particles[:2], [30, 10], axis=0)) == 1 / (0.75**2 + 0.25**2)


def test_resample_follows_weights():
    g = abc.Generation(
        0,
        np.array([[0.0], [1.0]]),
        np.log([0.25, 0.75]),
        np.zeros(2),
        np.zeros(2, dtype=np.int64),
        0.0,
        1.0,
        2,
    )
    draws = abc.resample(g, 400, seed=3)
    assert np.mean(draws[:, 0] == 1.0) == pytest.approx(0.75, abs=1 / 400)


def test_moves_leave_the_target_unchanged():
    """With every distance 0 the ABC posterior is the uniform prior; the moves must keep it.

    A step past a face of the box is reflected back into it, which keeps the walk symmetric.
    Clipping it to the box instead piles particles on the edges and raises the variance of a
    coordinate well above 1/12; each coordinate's variance must stay within three standard
    errors (0.0017 for 2,000 uniform draws) of 1/12, and its mean within three of 1/2.
    """
    prior = abc.UniformPrior(("a", "b"), [0.0, -1.0], [2.0, 1.0])
    g = abc.Generation(
        0,
        prior.sample(np.random.default_rng(0), 2000),
        np.zeros(2000),
        np.zeros(2000),
        np.arange(2000),
        0.0,
        1.0,
        2000,
    )
    for index in range(1, 16):
        g = abc.rejuvenate(
            prior,
            lambda t, s: (np.zeros(len(t)), None),
            abc.Generation(index, g.particles, g.log_weights, g.distances, g.seeds, 0.0, 1.0, 0),
            seed=1,
        )
    unit = prior.to_unit(g.particles)
    assert np.all(np.abs(unit.var(axis=0) - 1 / 12) < 3 * 0.0017), unit.var(axis=0)
    assert np.all(np.abs(unit.mean(axis=0) - 0.5) < 3 * np.sqrt(1 / 12 / 2000))


def test_threshold_stops_at_the_floor_and_the_run_ends_there(generations):
    """A floor between two thresholds of the reference run ends the run at the floor.

    The next threshold is the floor itself (the median would undershoot it), and the run ends
    with that generation.
    """
    floor = 0.5 * (generations[4].epsilon + generations[5].epsilon)
    stopped = abc.run_smc(
        PRIOR,
        toy_evaluate,
        abc.SMCSettings(population=200, generations=14, seed=5, min_epsilon=floor),
    )
    assert len(stopped) == 6 and stopped[-1].epsilon == floor
    assert np.all(stopped[-1].distances <= floor)
    for a, b in zip(stopped[:5], generations[:5]):  # the same run up to the floor
        np.testing.assert_array_equal(a.particles, b.particles)
