"""Sequential approximate Bayesian computation (ABC-SMC) on numpy.

The scheme is the replenishment ABC-SMC of Drovandi & Pettitt (2011, Biometrics 67:225-233),
a form of the adaptive ABC-SMC of Del Moral, Doucet & Jasra (2012, Stat Comput 22:1009-1020),
with each threshold a quantile of the previous generation's distances (the median, as pyABC
does by default; Klinger et al. 2018). Its result depends on the seed alone, never on how many
workers ran it or in which order they finished:

- generation 0 simulates ``population / keep_fraction`` parameter sets drawn from the uniform
  prior and keeps the ``population`` closest to the data;
- generation t > 0 sets its threshold epsilon_t to the ``keep_fraction`` quantile of generation
  t-1's distances and keeps the particles within it; copies of them, picked uniformly, take the
  places of the rest, and each copy takes ABC Metropolis-Hastings steps at epsilon_t (Marjoram,
  Molitor, Plagnol & Tavare 2003) until it has moved at least once with chance 0.99
  (``replenish``). The steps leave the ABC posterior at epsilon_t unchanged, so every particle
  keeps weight 1;
- why not importance weights: an earlier version proposed from Gaussian kernels around the
  particles (Beaumont et al. 2009; the local covariances of Filippi et al. 2013) and weighted
  each by prior / proposal density. With 39 parameters the weights fell onto a few particles in
  nearly every generation, resampling them left copies of a handful of points, and two seeds
  ended on different, narrow parts of the parameter sets that fit (docs/calibration.md);
- no threshold goes below ``min_epsilon``, the floor (below it a distance measures the luck
  of the seeds more than the parameters); the run stops once a threshold reaches it, after
  ``generations`` generations, when the budget cannot pay for another sweep of moves, or when
  fewer than ``min_acceptance`` of a generation's moves are accepted (the copies would stay
  where they were copied: the population has stopped improving). An unfinished generation is
  dropped.

Randomness: generation 0 uses ``SeedSequence(seed, spawn_key=(0,))``; generation t picks its
copies with ``SeedSequence(seed, spawn_key=(t, MOVE_STREAM))`` and sweeps with the next
``MAX_SWEEPS`` keys. A run resumed from stored generations continues exactly as an
uninterrupted one would.
The module only computes; callers store generations and show progress through callbacks.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from model.seeds import sequence_seeds

# evaluate(parameter sets (n, d) in natural units, one seed per set) -> (distances (n,), extras)
Evaluate = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, "pd.DataFrame | None"]]


@dataclass(frozen=True)
class UniformPrior:
    """Independent uniform priors on a box ``low <= theta <= high``."""

    names: tuple[str, ...]
    low: np.ndarray
    high: np.ndarray

    def __post_init__(self) -> None:
        object.__setattr__(self, "low", np.asarray(self.low, dtype=float))
        object.__setattr__(self, "high", np.asarray(self.high, dtype=float))
        if not (len(self.names) == self.low.size == self.high.size) or not self.names:
            raise ValueError("prior needs one low and one high bound per parameter name")
        if np.any(self.high <= self.low):
            bad = self.names[int(np.argmax(self.high <= self.low))]
            raise ValueError(f"prior bounds of {bad!r} are empty (high <= low)")

    @property
    def width(self) -> np.ndarray:
        """Width of each parameter's range."""
        return self.high - self.low

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` draws from the prior, shape ``(n, d)``."""
        return self.low + rng.random((n, len(self.names))) * self.width

    def to_unit(self, theta: np.ndarray) -> np.ndarray:
        """Natural units to the unit box."""
        return (np.asarray(theta, dtype=float) - self.low) / self.width

    def from_unit(self, unit: np.ndarray) -> np.ndarray:
        """The unit box to natural units."""
        return self.low + np.asarray(unit, dtype=float) * self.width


@dataclass(frozen=True)
class SMCSettings:
    """Size and stopping of an ABC-SMC run."""

    population: int = 200
    keep_fraction: float = 0.5
    generations: int = 10
    min_acceptance: float = 0.02
    seed: int = 0
    budget: int | None = None  # parameter sets simulated over the whole run (None: no limit)
    min_epsilon: float = 0.0  # the floor: no threshold below it; the run stops on reaching it

    def __post_init__(self) -> None:
        if self.population < 2:
            raise ValueError(f"population = {self.population}; allowed: at least 2")
        if not 0 < self.keep_fraction < 1:
            raise ValueError(f"keep_fraction = {self.keep_fraction}; allowed: 0 < f < 1")
        if self.generations < 1:
            raise ValueError(f"generations = {self.generations}; allowed: at least 1")
        if self.budget is not None and self.budget < self.first_proposals:
            raise ValueError(
                f"budget = {self.budget}; allowed: at least the first generation's "
                f"{self.first_proposals} parameter sets"
            )

    @property
    def first_proposals(self) -> int:
        """Parameter sets simulated in generation 0."""
        return math.ceil(self.population / self.keep_fraction)


@dataclass
class Generation:
    """One population: particles (natural units), log weights (all equal here) and bookkeeping."""

    index: int
    particles: np.ndarray
    log_weights: np.ndarray
    distances: np.ndarray
    seeds: np.ndarray
    epsilon: float
    acceptance: float  # share of this generation's moves accepted (generation 0: 1)
    simulated: int  # parameter sets simulated in this generation
    extras: pd.DataFrame | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        # one memory layout whatever the source (fresh or read back from Parquet), so that
        # BLAS reductions sum in the same order and a resumed run matches to the last bit
        self.particles = np.ascontiguousarray(self.particles, dtype=float)
        self.log_weights = np.ascontiguousarray(self.log_weights, dtype=float)
        self.distances = np.ascontiguousarray(self.distances, dtype=float)
        self.seeds = np.ascontiguousarray(self.seeds, dtype=np.int64)

    @property
    def weights(self) -> np.ndarray:
        """Normalised weights (equal for generations of ``replenish``; kept for stored runs)."""
        w = np.exp(self.log_weights - np.max(self.log_weights))
        return w / w.sum()

    @property
    def effective_size(self) -> float:
        """Kish effective sample size, counting copies of one particle as one."""
        return distinct_size(self.particles, self.weights)


def distinct_size(particles: np.ndarray, weights: np.ndarray | None = None) -> float:
    """Kish effective size of weighted particles (equal weights if None), copies counted as one."""
    _, group = np.unique(particles, axis=0, return_inverse=True)
    mass = np.bincount(group.ravel(), weights=weights)
    if weights is None:  # counts to shares (``weights`` are normalised already)
        mass = mass / mass.sum()
    return float(1.0 / np.sum(mass**2))


def generation_streams(seed: int, index: int) -> tuple[np.random.Generator, np.random.SeedSequence]:
    """The proposal generator and the seed sequence for model seeds of generation ``index``."""
    proposal, seeds = np.random.SeedSequence(seed, spawn_key=(index,)).spawn(2)
    return np.random.default_rng(proposal), seeds


def next_generation(
    prior: UniformPrior,
    evaluate: Evaluate,
    settings: SMCSettings,
    previous: Generation | None,
    allowed: int | None = None,
) -> Generation | None:
    """Simulate and select one generation; None if it cannot finish.

    Generation 0 draws from the prior. A later one lowers the threshold to the ``keep_fraction``
    quantile of the previous distances (never below the floor), keeps the particles within it,
    refills the population with copies of them and moves the copies (``replenish``). It gives up
    (returns None) when the budget left (``allowed``) cannot pay for one sweep of moves, or when
    no particle would be dropped (the threshold cannot fall).
    """
    if previous is None:
        index = 0
        rng, seed_sequence = generation_streams(settings.seed, index)
        thetas = prior.sample(rng, settings.first_proposals)
        seeds = sequence_seeds(seed_sequence, len(thetas))
        distances, extras = _evaluate(evaluate, thetas, seeds)
        keep = np.argsort(distances, kind="stable")[: settings.population]
        return Generation(
            index,
            thetas[keep],
            np.zeros(keep.size),
            distances[keep],
            seeds[keep],
            float(distances[keep[-1]]),
            1.0,
            len(thetas),
            None if extras is None else extras.iloc[keep].reset_index(drop=True),
        )
    epsilon = next_threshold(previous, settings)
    survivors = np.flatnonzero(previous.distances <= epsilon)
    refill = len(previous.particles) - survivors.size
    if refill == 0 or survivors.size == 0 or (allowed is not None and allowed < refill):
        return None
    return replenish(
        prior,
        evaluate,
        previous,
        survivors,
        epsilon,
        settings.seed,
        min_acceptance=settings.min_acceptance,
        affordable=None if allowed is None else allowed // refill,
    )


def next_threshold(previous: Generation, settings: SMCSettings) -> float:
    """The threshold of the generation after ``previous``: its ``keep_fraction`` quantile.

    Never below the floor: a threshold that undershoots it would select the luck of the seeds,
    which the floor is there to stop (docs/calibration.md, "Why a floor").
    """
    return max(
        float(np.quantile(previous.distances, settings.keep_fraction, method="inverted_cdf")),
        settings.min_epsilon,
    )


MOVE_STREAM = 1_000_000  # spawn keys (generation, this + 1 + sweep), apart from generation 0's
MISSED_MOVE = 0.01  # sweep until a copy is left where it was copied with at most this chance
MAX_SWEEPS = 30  # and at most this many sweeps a generation
# The share of moves accepted is held against ``min_acceptance`` only once the moves tried would
# hold this many accepted ones at that share (1,000 moves at 2 %: a share twice the minimum then
# reads below it with chance under 0.1 %), or after the generation's last sweep. Judged after
# each sweep, one calibration was once ended by 3 moves accepted of 233 (1.3 %); that run still
# stops when judged on 1,165 moves, but the decision should not rest on three.
JUDGED_ACCEPTED = 20


def sweeps_to_move(accepted: float, max_sweeps: int = MAX_SWEEPS) -> int:
    """Sweeps after which a copy has moved at least once with chance ``1 - MISSED_MOVE``.

    ``log(MISSED_MOVE) / log(1 - p)`` for a share ``p`` of moves accepted; ``max_sweeps`` when
    none is, 1 when every one is.
    """
    if accepted <= 0.0:
        return max_sweeps
    if accepted >= 1.0:
        return 1
    return math.ceil(math.log(MISSED_MOVE) / math.log1p(-accepted))


def replenish(
    prior: UniformPrior,
    evaluate: Evaluate,
    previous: Generation,
    survivors: np.ndarray,
    epsilon: float,
    seed: int,
    max_sweeps: int = MAX_SWEEPS,
    min_acceptance: float = 0.0,
    affordable: int | None = None,
) -> Generation | None:
    """The survivors of ``previous`` within ``epsilon``, and copies of them moved until spread.

    Replenishment ABC-SMC (Drovandi & Pettitt 2011, Biometrics 67:225-233; Del Moral, Doucet &
    Jasra 2012, Stat Comput 22:1009-1020): the particles beyond the new threshold are dropped;
    as many copies of survivors, picked uniformly, take their places; each copy takes ABC
    Metropolis-Hastings steps at the new threshold (Marjoram et al. 2003), which leave the ABC
    posterior unchanged. The steps go on until a copy has moved at least once with chance
    ``1 - MISSED_MOVE``: with a share ``p`` of moves accepted (estimated from the sweeps so far),
    ``log(MISSED_MOVE) / log(1 - p)`` sweeps; at most ``max_sweeps``. Every particle keeps weight
    1, so no importance weight can fall onto a few particles: in 39 dimensions the weights of
    kernel proposals did, and resampling them left copies of a handful of points, which narrowed
    the population onto a seed-dependent part of the parameter sets that fit (docs/calibration.md,
    "Method", step 4). None when fewer than ``min_acceptance`` of the moves so far were accepted,
    judged once enough moves were tried to tell (``JUDGED_ACCEPTED``) or after the last sweep: the
    copies would stay where they were copied (the population has stopped improving, Lenormand,
    Jabot & Deffuant 2013; Drovandi & Pettitt stop likewise), and when
    the sweeps it needs are more than ``affordable`` (the budget): a generation is kept whole or
    not at all, so a larger budget continues the same run.
    """
    n = len(previous.particles)
    rng = np.random.default_rng(
        np.random.SeedSequence(seed, spawn_key=(previous.index + 1, MOVE_STREAM))
    )
    parents = survivors[rng.integers(0, survivors.size, n - survivors.size)]
    extras = previous.extras
    state = {
        "unit": prior.to_unit(previous.particles[parents]),
        "distances": previous.distances[parents].copy(),
        "seeds": previous.seeds[parents].copy(),
        "extras": None if extras is None else extras.iloc[parents].reset_index(drop=True),
    }
    # the step size comes from the survivors, all distinct points, not from the copies
    reference = prior.to_unit(previous.particles[survivors])
    sweeps = moved = 0
    needed = 1
    while sweeps < min(needed, max_sweeps):
        if affordable is not None and sweeps >= affordable:
            return None
        sequence = np.random.SeedSequence(
            seed, spawn_key=(previous.index + 1, MOVE_STREAM + 1 + sweeps)
        )
        moved += mh_sweep(prior, evaluate, state, reference, epsilon, sequence)
        sweeps += 1
        accepted = moved / (sweeps * len(parents))
        needed = sweeps_to_move(accepted, max_sweeps)
        enough = sweeps * len(parents) * min_acceptance >= JUDGED_ACCEPTED
        if accepted < min_acceptance and (enough or sweeps >= min(needed, max_sweeps)):
            return None
    return Generation(
        previous.index + 1,
        np.concatenate([previous.particles[survivors], prior.from_unit(state["unit"])]),
        np.zeros(n),
        np.concatenate([previous.distances[survivors], state["distances"]]),
        np.concatenate([previous.seeds[survivors], state["seeds"]]),
        epsilon,
        moved / (sweeps * len(parents)),
        sweeps * len(parents),
        None
        if extras is None
        else pd.concat(
            [extras.iloc[survivors].reset_index(drop=True), state["extras"]], ignore_index=True
        ),
    )


def move_covariance(reference: np.ndarray) -> np.ndarray:
    """Covariance of the random-walk moves: (2.38^2 / d) times that of the survivors.

    Roberts, Gelman & Gilks (1997): the scale that mixes a random-walk Metropolis chain best in
    d dimensions. One covariance for every particle, so the kernel is symmetric and the
    Hastings ratio is 1 inside the prior box. (Local kernels were tried for these moves: with
    them the Hastings ratio refused most moves before they were simulated.)
    """
    d = reference.shape[1]
    cov = np.atleast_2d(np.cov(reference, rowvar=False)) if len(reference) > 1 else np.zeros((d, d))
    return 2.38**2 / d * cov + 1e-10 * np.eye(d)


def reflect_into_unit_box(x: np.ndarray) -> np.ndarray:
    """Fold coordinates into [0, 1] by reflecting at 0 and 1 (as often as needed)."""
    folded = np.mod(x, 2.0)
    return np.where(folded > 1.0, 2.0 - folded, folded)


def mh_sweep(
    prior: UniformPrior,
    evaluate: Evaluate,
    state: dict,
    reference: np.ndarray,
    epsilon: float,
    sequence: np.random.SeedSequence,
) -> int:
    """One ABC Metropolis-Hastings step for every particle in ``state`` (updated in place).

    Simulates one proposal per particle; returns how many particles moved.
    """
    proposal_sequence, seed_sequence = sequence.spawn(2)
    rng = np.random.default_rng(proposal_sequence)
    current = state["unit"]
    chol = np.linalg.cholesky(move_covariance(reference))
    # a step past a face of the box is reflected back into it: the reflected random walk is
    # still symmetric, so with the uniform prior every move is decided by its distance alone
    proposed = reflect_into_unit_box(current + rng.standard_normal(current.shape) @ chol.T)
    seeds = sequence_seeds(seed_sequence, len(current))
    distances, extras = _evaluate(evaluate, prior.from_unit(proposed), seeds)
    ok = distances <= epsilon
    current[ok] = proposed[ok]
    state["distances"][ok] = distances[ok]
    state["seeds"][ok] = seeds[ok]
    if state["extras"] is not None and extras is not None:
        state["extras"].iloc[np.flatnonzero(ok)] = extras.iloc[np.flatnonzero(ok)].to_numpy()
    return int(ok.sum())


def _evaluate(
    evaluate: Evaluate, thetas: np.ndarray, seeds: np.ndarray
) -> tuple[np.ndarray, pd.DataFrame | None]:
    distances, extras = evaluate(thetas, seeds)
    distances = np.asarray(distances, dtype=float)
    return np.where(np.isnan(distances), np.inf, distances), extras


def spent(generations: Sequence[Generation]) -> int:
    """Parameter sets simulated by the finished generations."""
    return int(sum(g.simulated for g in generations))


def finished(generations: Sequence[Generation], settings: SMCSettings) -> bool:
    """Whether the run is complete: the generation cap, the budget, or a threshold at the floor.

    (A generation whose moves are refused too often is not kept: ``replenish`` returns None.)
    """
    if len(generations) >= settings.generations:
        return True
    if (
        settings.budget is not None
        and generations
        and spent(generations) + settings.population > settings.budget
    ):
        return True
    return bool(generations) and generations[-1].epsilon <= settings.min_epsilon


def stop_reason(generations: Sequence[Generation], settings: SMCSettings) -> str:
    """Why a run that ended with ``generations`` ended, in words (for its record).

    The floor and the generation cap are read off the generations. Otherwise the next generation
    was not kept: for lack of budget when what is left cannot pay ``MAX_SWEEPS`` sweeps of a
    population (the most a generation may need), else because its moves were accepted too
    rarely (``replenish``), unless the threshold left no particle to keep or none to replace.
    """
    last = generations[-1]
    if last.epsilon <= settings.min_epsilon:
        return f"the threshold reached the floor ({settings.min_epsilon:g})"
    if len(generations) >= settings.generations:
        return f"the generation cap ({settings.generations})"
    left = None if settings.budget is None else settings.budget - spent(generations)
    if left is not None and left < MAX_SWEEPS * settings.population:
        return f"the budget: {left:,} runs left could not pay the next generation's sweeps"
    kept = np.sum(last.distances <= next_threshold(last, settings))
    if kept in (0, len(last.distances)):
        return "the next threshold keeps no particle or all of them"
    return (
        f"moves stalled: fewer than {settings.min_acceptance:.0%} of generation "
        f"{last.index + 1}'s moves were accepted, short of the floor ({settings.min_epsilon:g})"
    )


def run_smc(
    prior: UniformPrior,
    evaluate: Evaluate,
    settings: SMCSettings,
    done: Sequence[Generation] = (),
    on_generation: Callable[[Generation], None] | None = None,
) -> list[Generation]:
    """Run (or continue, from the generations in ``done``) an ABC-SMC calibration."""
    generations = list(done)
    for i, generation in enumerate(generations):
        if generation.index != i:
            raise ValueError(
                f"stored generations are not consecutive (found {generation.index} "
                f"where {i} belongs)"
            )
    while not finished(generations, settings):
        allowed = None if settings.budget is None else settings.budget - spent(generations)
        generation = next_generation(
            prior, evaluate, settings, generations[-1] if generations else None, allowed
        )
        if generation is None:
            break
        generations.append(generation)
        if on_generation is not None:
            on_generation(generation)
    return generations


def weighted_quantiles(
    values: np.ndarray, weights: np.ndarray, probabilities: Sequence[float]
) -> np.ndarray:
    """Quantiles of a weighted sample (rows = draws), per column; inverted-CDF definition."""
    values = np.atleast_2d(np.asarray(values, dtype=float).T).T
    return np.stack(
        [
            np.quantile(values[:, j], list(probabilities), weights=weights, method="inverted_cdf")
            for j in range(values.shape[1])
        ],
        axis=1,
    )


def resample(generation: Generation, n: int, seed: int) -> np.ndarray:
    """``n`` equally weighted draws from a weighted population (systematic resampling)."""
    rng = np.random.default_rng(np.random.SeedSequence(seed))
    picks = systematic_picks(generation.weights, n, rng)
    return generation.particles[rng.permutation(picks)]


def systematic_picks(weights: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    """Indices of ``n`` systematic-resampling draws from normalised ``weights`` (one uniform)."""
    positions = (rng.random() + np.arange(n)) / n
    cumulative = np.cumsum(weights)
    cumulative[-1] = 1.0
    return np.searchsorted(cumulative, positions, side="left")
