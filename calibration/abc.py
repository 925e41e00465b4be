"""Sequential approximate Bayesian computation (ABC-SMC) on numpy.

The scheme is the ABC sequential Monte Carlo of Toni, Welch, Strelkowa, Ipsen & Stumpf (2009,
J R Soc Interface 6:187-202) and Beaumont, Cornuet, Marin & Robert (2009, Biometrika
96:983-990), with each threshold a quantile of the previous generation's distances (the median,
as pyABC does by default; Klinger et al. 2018), the "optimal local covariance" kernels of
Filippi, Barnes, Cornebise & Stumpf (2013, Stat Appl Genet Mol Biol 12:87-107), and a
resample-move step when the weights degenerate. Its result depends on the seed alone, never
on how many workers ran it or in which order they finished:

- generation 0 simulates ``population / keep_fraction`` parameter sets drawn from the uniform
  prior and keeps the ``population`` closest to the data (weight 1 each);
- generation t > 0 sets its threshold epsilon_t to the ``keep_fraction`` quantile of generation
  t-1's distances, then proposes batches of ``population`` parameter sets: pick a particle of
  t-1 by weight and move it with a Gaussian kernel of that particle's own local covariance
  (``kernel_covariances``); a move that leaves the prior box is drawn again. Batches are
  simulated until ``population`` sets fall within epsilon_t; they are taken in submission order,
  so the result does not depend on timing;
- an accepted set's weight is prior density / proposal density,
  ``pi(theta) / (sum_j w_j N(theta; theta_j, Sigma_j) / Q)``, with Q the kernel mixture's mass
  inside the prior box (estimated from the share of moves that landed inside). Generation t
  replaces t-1 whole, so a particle whose distance was low by luck of its seed does not linger
  (it did in the pooled APMC scheme of Lenormand, Jabot & Deffuant 2013 that an earlier
  version used);
- in the directions the data leave open the posterior is flat up to the prior box and the
  kernels cover its edges thinly, so a few edge particles can take most of the weight. When
  the effective sample size falls below ``REJUVENATE_BELOW`` of the population, the generation
  is resampled to equal weights and every copy takes ABC Metropolis-Hastings steps until the
  copies have spread out again (``rejuvenate``), which leave the posterior at epsilon_t
  unchanged;
- no threshold goes below ``min_epsilon``, the floor (below it a distance measures the luck
  of the seeds more than the parameters); the run stops once a threshold reaches it, after
  ``generations`` generations, when the budget cannot pay for another generation, or when a
  generation would need more than ``population / min_acceptance`` simulations (fewer than
  ``min_acceptance`` of its proposals accepted: the population has stopped improving,
  Lenormand's rule). An unfinished generation is dropped.

Randomness: generation 0 uses ``SeedSequence(seed, spawn_key=(0,))``; batch b of generation t
uses ``SeedSequence(seed, spawn_key=(t, b))``, its rejuvenation ``(t, REJUVENATE_STREAM)`` and
the next ``REJUVENATE_MAX_SWEEPS`` keys. A run resumed from stored generations continues exactly
as an uninterrupted one would.
The module only computes; callers store generations and show progress through callbacks.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.special import logsumexp

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

    @property
    def batch(self) -> int:
        """Parameter sets proposed and simulated together in a later generation."""
        return self.population

    @property
    def most_per_generation(self) -> int:
        """Simulations after which a generation gives up: its acceptance is below the minimum."""
        return max(self.batch, math.ceil(self.population / max(self.min_acceptance, 1e-9)))


@dataclass
class Generation:
    """One population: kept particles (natural units), log importance weights and bookkeeping."""

    index: int
    particles: np.ndarray
    log_weights: np.ndarray
    distances: np.ndarray
    seeds: np.ndarray
    epsilon: float
    acceptance: float  # share of this generation's new particles within its epsilon
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
        """Normalised importance weights."""
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


def kernel_covariances(
    prior: UniformPrior, generation: Generation, keep_fraction: float = 0.5
) -> np.ndarray:
    """One Gaussian kernel covariance per particle (unit-box coordinates), shape ``(n, d, d)``.

    The optimal local covariance matrix of Filippi, Barnes, Cornebise & Stumpf (2013, Stat Appl
    Genet Mol Biol 12:87-107): particle j moves with
    ``Sigma_j = sum_k w_k (theta_k - theta_j)(theta_k - theta_j)^T`` over the particles k that
    will likely survive the next threshold (the best ``keep_fraction`` of the population, weights
    renormalised among them). A particle far from that set gets a wide kernel pointing towards it;
    one inside it moves locally. In ten dimensions with ridges, this keeps far more proposals
    inside the next threshold than one global kernel of twice the covariance does.
    """
    unit = prior.to_unit(generation.particles)
    n, d = unit.shape
    best = np.argsort(generation.distances, kind="stable")[: max(2, math.ceil(n * keep_fraction))]
    w = generation.weights[best] / generation.weights[best].sum()
    diff = unit[best][None, :, :] - unit[:, None, :]  # (n, k, d)
    cov = np.einsum("k,jka,jkb->jab", w, diff, diff)
    # a floor keeps every kernel proper when the set collapses onto one point
    return cov + 1e-8 * np.eye(d)[None, :, :]


def propose(
    rng: np.random.Generator,
    prior: UniformPrior,
    previous: Generation,
    n: int,
    keep_fraction: float = 0.5,
) -> tuple[np.ndarray, float]:
    """``n`` proposals inside the prior box from the kernel mixture, and the mixture's box mass."""
    unit = prior.to_unit(previous.particles)
    chol = np.linalg.cholesky(kernel_covariances(prior, previous, keep_fraction))
    weights = previous.weights
    found: list[np.ndarray] = []
    inside_count = drawn = 0
    while inside_count < n:
        picks = rng.choice(len(unit), size=n, p=weights)
        noise = rng.standard_normal((n, unit.shape[1]))
        moved = unit[picks] + np.einsum("nab,nb->na", chol[picks], noise)
        inside = moved[np.all((moved >= 0.0) & (moved <= 1.0), axis=1)]
        found.append(inside)
        inside_count += len(inside)
        drawn += n
    return prior.from_unit(np.concatenate(found)[:n]), inside_count / drawn


def log_proposal_density(
    prior: UniformPrior, previous: Generation, particles: np.ndarray, keep_fraction: float = 0.5
) -> np.ndarray:
    """Log density (unit-box coordinates) of the untruncated kernel mixture at ``particles``."""
    chol = np.linalg.cholesky(kernel_covariances(prior, previous, keep_fraction))  # (m, d, d)
    centres = prior.to_unit(previous.particles)
    points = prior.to_unit(particles)
    d = points.shape[1]
    diff = points[None, :, :] - centres[:, None, :]  # (m, n, d)
    solved = np.linalg.solve(chol, np.swapaxes(diff, 1, 2))  # (m, d, n)
    mahalanobis = np.sum(solved**2, axis=1)  # (m, n)
    log_det = 2 * np.sum(np.log(np.diagonal(chol, axis1=1, axis2=2)), axis=1)  # (m,)
    log_comp = -0.5 * (d * np.log(2 * np.pi) + log_det)[:, None] - 0.5 * mahalanobis
    return logsumexp(np.log(previous.weights)[:, None] + log_comp, axis=0)


def next_generation(
    prior: UniformPrior,
    evaluate: Evaluate,
    settings: SMCSettings,
    previous: Generation | None,
    allowed: int | None = None,
) -> Generation | None:
    """Propose, simulate and select one generation; None if it cannot finish.

    A later generation gives up (returns None) when it would need more than ``allowed``
    simulations (the rest of the budget, less a rejuvenation) or more than
    ``settings.most_per_generation`` (acceptance below ``min_acceptance``: the population has
    stopped improving).
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
    index = previous.index + 1
    # never below the floor: a threshold that undershoots it would select the luck of the
    # seeds, which the floor is there to stop (docs/calibration.md, "Why a floor")
    epsilon = max(
        float(np.quantile(previous.distances, settings.keep_fraction, method="inverted_cdf")),
        settings.min_epsilon,
    )
    limit = (
        settings.most_per_generation
        if allowed is None
        else min(allowed - REJUVENATE_SWEEPS * settings.population, settings.most_per_generation)
    )
    found_t, found_d, found_s, found_x = [], [], [], []
    accepted = simulated = inside = drawn = 0
    batch = 0
    while accepted < settings.population:
        if simulated + settings.batch > limit:
            return None
        rng, seed_sequence = batch_streams(settings.seed, index, batch)
        thetas, box_mass = propose(rng, prior, previous, settings.batch, settings.keep_fraction)
        inside += settings.batch
        drawn += settings.batch / box_mass
        seeds = sequence_seeds(seed_sequence, len(thetas))
        distances, extras = _evaluate(evaluate, thetas, seeds)
        ok = np.flatnonzero(distances <= epsilon)
        found_t.append(thetas[ok])
        found_d.append(distances[ok])
        found_s.append(seeds[ok])
        if extras is not None:
            found_x.append(extras.iloc[ok])
        accepted += ok.size
        simulated += len(thetas)
        batch += 1
    n = settings.population
    thetas = np.concatenate(found_t)[:n]
    # uniform prior in unit coordinates has density 1: log w = -log(q / Q)
    log_w = np.log(inside / drawn) - log_proposal_density(
        prior, previous, thetas, settings.keep_fraction
    )
    extras = pd.concat(found_x, ignore_index=True).iloc[:n] if found_x else None
    generation = Generation(
        index,
        thetas,
        log_w,
        np.concatenate(found_d)[:n],
        np.concatenate(found_s)[:n],
        epsilon,
        n / simulated,
        simulated,
        None if extras is None else extras.reset_index(drop=True),
    )
    if generation.effective_size >= settings.population * REJUVENATE_BELOW:
        return generation
    sweeps = REJUVENATE_MAX_SWEEPS if allowed is None else (allowed - simulated) // n
    return rejuvenate(prior, evaluate, generation, settings.seed, sweeps)


REJUVENATE_BELOW = 0.5  # share of the population: resample and move when the ESS falls below
# spawn keys (generation, this and the next REJUVENATE_MAX_SWEEPS), apart from the batches' keys
REJUVENATE_STREAM = 1_000_000
REJUVENATE_SWEEPS = 3  # Metropolis-Hastings sweeps after resampling, at least
REJUVENATE_MAX_SWEEPS = 20  # and at most; in between, until the effective size (copies of
# one point counted as one) is back at REJUVENATE_BELOW of the population


def rejuvenate(
    prior: UniformPrior,
    evaluate: Evaluate,
    generation: Generation,
    seed: int,
    max_sweeps: int = REJUVENATE_MAX_SWEEPS,
) -> Generation:
    """Resample a generation whose weights have degenerated and move every copy.

    Resample-move (Gilks & Berzuini 2001; Del Moral, Doucet & Jasra 2012): systematic
    resampling to equal weights, then ABC Metropolis-Hastings sweeps (Marjoram et al. 2003) at
    the generation's threshold, which leave its ABC posterior unchanged and spread the copies of
    heavily weighted particles. In many dimensions the weights can fall onto two or three
    particles, and a sweep moves only some copies; so the sweeps go on, at least
    ``REJUVENATE_SWEEPS`` and at most ``max_sweeps`` (``REJUVENATE_MAX_SWEEPS``, or what the
    budget has left), until the effective size, copies of one point counted as one, is back at
    ``REJUVENATE_BELOW`` of the population: the level whose loss called for the rejuvenation
    (Drovandi & Pettitt 2011, Biometrics 67:225-233, likewise adapt the number of moves to how
    many are accepted). Costs at most ``max(REJUVENATE_SWEEPS, max_sweeps) * population``
    simulations.
    """
    n = len(generation.particles)
    rng = np.random.default_rng(
        np.random.SeedSequence(seed, spawn_key=(generation.index, REJUVENATE_STREAM))
    )
    parents = systematic_picks(generation.weights, n, rng)
    state = {
        "unit": prior.to_unit(generation.particles[parents]),
        "distances": generation.distances[parents].copy(),
        "seeds": generation.seeds[parents].copy(),
        "extras": None
        if generation.extras is None
        else generation.extras.iloc[parents].reset_index(drop=True),
    }
    # the step size comes from the accepted particles as drawn, not from the resampled copies,
    # which may sit on a few points and would barely move
    reference = prior.to_unit(generation.particles)
    sweeps = 0
    most = min(max_sweeps, REJUVENATE_MAX_SWEEPS)
    while sweeps < REJUVENATE_SWEEPS or (
        sweeps < most and distinct_size(state["unit"]) < REJUVENATE_BELOW * n
    ):
        sequence = np.random.SeedSequence(
            seed, spawn_key=(generation.index, REJUVENATE_STREAM + 1 + sweeps)
        )
        mh_sweep(prior, evaluate, state, reference, generation.epsilon, sequence)
        sweeps += 1
    return Generation(
        generation.index,
        prior.from_unit(state["unit"]),
        np.zeros(n),
        state["distances"],
        state["seeds"],
        generation.epsilon,
        generation.acceptance,
        generation.simulated + sweeps * n,
        state["extras"],
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


def batch_streams(
    seed: int, index: int, batch: int
) -> tuple[np.random.Generator, np.random.SeedSequence]:
    """Proposal generator and model-seed sequence of one batch of a later generation."""
    proposal, seeds = np.random.SeedSequence(seed, spawn_key=(index, batch)).spawn(2)
    return np.random.default_rng(proposal), seeds


def spent(generations: Sequence[Generation]) -> int:
    """Parameter sets simulated by the finished generations."""
    return int(sum(g.simulated for g in generations))


def finished(generations: Sequence[Generation], settings: SMCSettings) -> bool:
    """Whether the run is complete: the generation cap, the budget, or the acceptance rule."""
    if len(generations) >= settings.generations:
        return True
    if (
        settings.budget is not None
        and generations
        and spent(generations) + settings.population > settings.budget
    ):
        return True
    if generations and generations[-1].epsilon <= settings.min_epsilon:
        return True
    return (
        bool(generations)
        and generations[-1].index > 0
        and generations[-1].acceptance < settings.min_acceptance
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
