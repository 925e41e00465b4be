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
    # generation 0 simulates population / keep_fraction; a later one whole sweeps over the
    # copies that replaced the particles beyond its threshold
    assert generations[0].simulated == 400
    for before, g in zip(generations, generations[1:]):
        copies = int(np.sum(before.distances > g.epsilon))
        assert 0 < copies < SETTINGS.population
        assert g.simulated % copies == 0 and 1 <= g.simulated // copies <= abc.MAX_SWEEPS


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


def test_posterior_mean_matches_the_exact_one_on_a_conjugate_case():
    """Unit-width Gaussian model with uniform prior: the ABC posterior mean tends to the data.

    With the distance |x - y|, x ~ N(theta, 0.1), the exact posterior (flat prior, eps -> 0) is
    N(y, 0.1); the mean must land within 0.03 (3 posterior s.d. / sqrt(ESS ~ 100)).
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

    def worse_after_first(thetas, seeds):  # no move ever comes within generation 0's distances
        calls.append(len(thetas))
        base = 0.0 if len(calls) == 1 else 1000.0
        return base + np.arange(len(thetas), dtype=float), None

    settings = abc.SMCSettings(population=20, generations=10, min_acceptance=0.1, seed=1)
    gens = abc.run_smc(PRIOR, worse_after_first, settings)
    # generation 1 keeps the 10 of 20 within the median and moves 10 copies; no move is ever
    # accepted, and the share is judged once the moves tried would hold 20 accepted ones at the
    # minimum share (200 moves: 20 sweeps), so it gives up there and is dropped
    assert len(gens) == 1
    assert calls == [40] + [10] * 20


def test_a_few_unlucky_first_sweeps_do_not_end_the_run():
    # 100 copies, 3 % of moves accepted overall but none in the first two sweeps: judged after
    # 1,000 moves (10 sweeps) at the 2 % minimum, the share is above it and the generation is kept;
    # judged after each sweep, as before, it would have been dropped after the first
    g = _population(n=200)
    survivors = np.flatnonzero(g.distances <= 99.0)
    sweeps = []

    def evaluate(thetas, seeds):
        sweeps.append(len(thetas))
        accepted = 0 if len(sweeps) <= 2 else 4  # 4 of 100 a sweep from the third on
        return np.where(np.arange(len(thetas)) < accepted, 0.0, 999.0), None

    out = abc.replenish(PRIOR, evaluate, g, survivors, 99.0, seed=1, min_acceptance=0.02)
    assert out is not None
    assert len(sweeps) == abc.MAX_SWEEPS  # about 3 % accepted: 152 sweeps wanted, 30 allowed


def _population(index=3, n=50, seed=2):
    """A hand-built generation: ``n`` prior draws, distances 0, 1, ..., n - 1."""
    particles = PRIOR.sample(np.random.default_rng(seed), n)
    return abc.Generation(
        index, particles, np.zeros(n), np.arange(n, dtype=float), np.arange(n), n - 1.0, 0.5, 100
    )


def test_survivors_stay_and_copies_of_them_move_within_the_threshold():
    """Replenishment: the survivors stay as they are; copies of them take the other places.

    The copies move, each move kept only within the threshold.
    """
    g = _population()
    survivors = np.flatnonzero(g.distances <= 24.0)
    proposals = np.random.default_rng(4)

    def evaluate(thetas, seeds):  # half the moves land within the threshold
        return np.where(proposals.random(len(thetas)) < 0.5, 10.0, 99.0), None

    out = abc.replenish(PRIOR, evaluate, g, survivors, 24.0, seed=1)
    assert out.index == g.index + 1 and out.epsilon == 24.0
    np.testing.assert_array_equal(out.particles[:25], g.particles[survivors])
    np.testing.assert_array_equal(out.distances[:25], g.distances[survivors])
    np.testing.assert_array_equal(out.log_weights, np.zeros(50))
    assert np.all(out.distances <= 24.0)
    # a copy stays put with chance 0.5 ** sweeps (under 1 %); a moved copy is a new point with
    # the distance of its accepted move
    new = ~np.any(np.all(out.particles[25:, None, :] == g.particles[None, :, :], axis=2), axis=1)
    assert new.mean() > 0.9
    np.testing.assert_array_equal(new, out.distances[25:] == 10.0)
    assert out.simulated % 25 == 0 and out.acceptance == pytest.approx(0.5, abs=0.1)


def test_replenishment_sweeps_until_a_copy_has_moved_with_chance_99_percent():
    """With a share p of moves accepted, log(0.01) / log(1 - p) sweeps: 13 for p = 0.3.

    The share is estimated from the sweeps so far, so the count varies a little around 13; three
    sweeps, the old fixed number, would leave a third of the copies (0.7 ** 3) where they were.
    """
    g = _population()
    survivors = np.flatnonzero(g.distances <= 24.0)
    proposals = np.random.default_rng(4)

    def evaluate(thetas, seeds):
        return np.where(proposals.random(len(thetas)) < 0.3, 0.0, 99.0), None

    out = abc.replenish(PRIOR, evaluate, g, survivors, 24.0, seed=1)
    sweeps = out.simulated // 25
    assert 9 <= sweeps <= 20, sweeps
    assert out.effective_size >= 45  # copies counted as one: nearly all 50 are distinct
    # none accepted: the generation gives up under a minimum acceptance (after 1,000 moves)
    refuse = abc.replenish(
        PRIOR,
        lambda t, s: (np.full(len(t), 99.0), None),
        g,
        survivors,
        24.0,
        1,
        min_acceptance=0.02,
    )
    assert refuse is None
    assert abc.distinct_size(np.repeat(g.particles[:2], [30, 10], axis=0)) == 1 / (
        0.75**2 + 0.25**2
    )


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
    state = {
        "unit": prior.to_unit(prior.sample(np.random.default_rng(0), 2000)),
        "distances": np.zeros(2000),
        "seeds": np.arange(2000),
        "extras": None,
    }
    reference = state["unit"].copy()
    for sweep in range(15):
        abc.mh_sweep(
            prior,
            lambda t, s: (np.zeros(len(t)), None),
            state,
            reference,
            0.0,
            np.random.SeedSequence(1, spawn_key=(sweep,)),
        )
    unit = state["unit"]
    assert not np.array_equal(unit, reference)
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


def test_the_record_says_why_a_run_stopped():
    settings = abc.SMCSettings(population=50, generations=5, min_epsilon=2.0, budget=10_000)

    def generation(epsilon, simulated, distances=None):
        distances = np.arange(50.0) if distances is None else distances
        return abc.Generation(
            3, np.zeros((50, 1)), np.zeros(50), distances, np.arange(50), epsilon, 1.0, simulated
        )

    assert "floor" in abc.stop_reason([generation(2.0, 1_000)], settings)
    assert "generation cap" in abc.stop_reason([generation(3.0, 100)] * 5, settings)
    # 10,000 - 9,000 left: less than 30 sweeps of 50
    assert "budget" in abc.stop_reason([generation(3.0, 9_000)], settings)
    assert "moves stalled" in abc.stop_reason([generation(3.0, 1_000)], settings)
    tied = generation(3.0, 1_000, np.full(50, 7.0))
    assert "no particle or all" in abc.stop_reason([tied], settings)
