"""Sequential approximate Bayesian computation (adaptive ABC population Monte Carlo) on numpy.

The scheme is the adaptive population Monte Carlo ABC of Lenormand, Jabot & Deffuant (2013,
Comput Stat 28:2777-2796, "APMC"), which builds on ABC-PMC (Beaumont, Cornuet, Marin & Robert
2009, Biometrika 96:983-990; Toni et al. 2009, J R Soc Interface 6:187-202). It costs a fixed
number of simulations per generation and its result depends on the seed alone, never on how
many workers ran it or in which order they finished:

- generation 0 simulates ``population / keep_fraction`` parameter sets drawn from the uniform
  prior and keeps the ``population`` closest to the data (weight 1 each);
- generation t > 0 simulates ``population / keep_fraction - population`` new sets drawn from
  the kept weighted population: pick a particle by weight and move it with a Gaussian kernel
  whose covariance is twice the population's weighted covariance (Beaumont et al. 2009);
  a move that leaves the prior box is drawn again (particle and move);
- a new particle's weight is prior density / proposal density,
  ``pi(theta) / (sum_j w_j N(theta; theta_j, 2 Sigma) / Q)``, where Q is the kernel mixture's
  mass inside the prior box, estimated from the share of moves that landed inside; old
  particles keep their weights (both are importance weights against the same prior);
- old and new particles are pooled and the ``population`` closest are kept: the threshold
  epsilon_t is the keep_fraction-quantile of the pooled distances, so it never rises;
- the run stops after ``generations`` generations, or when fewer than ``min_acceptance`` of a
  generation's new particles fall within the new threshold (Lenormand's rule: the population
  has stopped improving).

Randomness: generation t uses ``SeedSequence(seed, spawn_key=(t,))`` only, so a run resumed
from stored generations continues exactly as an uninterrupted one would.
The module only computes; callers store generations and show progress through callbacks.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.special import logsumexp

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
        return self.high - self.low

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return self.low + rng.random((n, len(self.names))) * self.width

    def to_unit(self, theta: np.ndarray) -> np.ndarray:
        return (np.asarray(theta, dtype=float) - self.low) / self.width

    def from_unit(self, unit: np.ndarray) -> np.ndarray:
        return self.low + np.asarray(unit, dtype=float) * self.width


@dataclass(frozen=True)
class SMCSettings:
    """Size and stopping of an ABC-SMC run."""

    population: int = 200
    keep_fraction: float = 0.5
    generations: int = 10
    min_acceptance: float = 0.02
    seed: int = 0

    def __post_init__(self) -> None:
        if self.population < 2:
            raise ValueError(f"population = {self.population}; allowed: at least 2")
        if not 0 < self.keep_fraction < 1:
            raise ValueError(f"keep_fraction = {self.keep_fraction}; allowed: 0 < f < 1")
        if self.generations < 1:
            raise ValueError(f"generations = {self.generations}; allowed: at least 1")

    @property
    def first_proposals(self) -> int:
        """Parameter sets simulated in generation 0."""
        return math.ceil(self.population / self.keep_fraction)

    @property
    def proposals(self) -> int:
        """Parameter sets simulated in each later generation."""
        return max(1, self.first_proposals - self.population)

    def simulations(self, generations: int | None = None) -> int:
        """Parameter sets simulated by ``generations`` generations (default: all)."""
        n = self.generations if generations is None else generations
        return 0 if n <= 0 else self.first_proposals + (n - 1) * self.proposals


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
        """Kish effective sample size of the weights."""
        return float(1.0 / np.sum(self.weights**2))


def generation_streams(seed: int, index: int) -> tuple[np.random.Generator, np.random.SeedSequence]:
    """The proposal generator and the seed sequence for model seeds of generation ``index``."""
    proposal, seeds = np.random.SeedSequence(seed, spawn_key=(index,)).spawn(2)
    return np.random.default_rng(proposal), seeds


def particle_seeds(sequence: np.random.SeedSequence, n: int) -> np.ndarray:
    """``n`` model seeds (non-negative 63-bit integers) from a seed sequence."""
    words = sequence.generate_state(2 * n, dtype=np.uint32).astype(np.uint64)
    return ((words[0::2] << np.uint64(31)) ^ words[1::2]).astype(np.int64)


def kernel_covariance(prior: UniformPrior, generation: Generation) -> np.ndarray:
    """Twice the weighted covariance of a population, in unit-box coordinates."""
    unit = prior.to_unit(generation.particles)
    cov = np.atleast_2d(np.cov(unit, rowvar=False, aweights=generation.weights))
    return 2.0 * cov + 1e-10 * np.eye(len(prior.names))


def propose(rng: np.random.Generator, prior: UniformPrior, previous: Generation,
            n: int) -> tuple[np.ndarray, float]:
    """``n`` proposals inside the prior box from the kernel mixture, and the mixture's box mass."""
    unit = prior.to_unit(previous.particles)
    chol = np.linalg.cholesky(kernel_covariance(prior, previous))
    weights = previous.weights
    found: list[np.ndarray] = []
    inside_count = drawn = 0
    while inside_count < n:
        picks = rng.choice(len(unit), size=n, p=weights)
        moved = unit[picks] + rng.standard_normal((n, unit.shape[1])) @ chol.T
        inside = moved[np.all((moved >= 0.0) & (moved <= 1.0), axis=1)]
        found.append(inside)
        inside_count += len(inside)
        drawn += n
    return prior.from_unit(np.concatenate(found)[:n]), inside_count / drawn


def log_proposal_density(prior: UniformPrior, previous: Generation,
                         particles: np.ndarray) -> np.ndarray:
    """Log density (unit-box coordinates) of the untruncated kernel mixture at ``particles``."""
    cov = kernel_covariance(prior, previous)
    chol = np.linalg.cholesky(cov)
    centres = prior.to_unit(previous.particles)
    points = prior.to_unit(particles)
    diff = points[:, None, :] - centres[None, :, :]
    solved = np.linalg.solve(chol, diff.reshape(-1, diff.shape[2]).T).T
    mahalanobis = np.sum(solved**2, axis=1).reshape(len(points), len(centres))
    log_norm = -0.5 * (len(prior.names) * np.log(2 * np.pi) + 2 * np.sum(np.log(np.diag(chol))))
    return logsumexp(np.log(previous.weights)[None, :] - 0.5 * mahalanobis, axis=1) + log_norm


def next_generation(prior: UniformPrior, evaluate: Evaluate, settings: SMCSettings,
                    previous: Generation | None) -> Generation:
    """Propose, simulate and select one generation."""
    index = 0 if previous is None else previous.index + 1
    rng, seed_sequence = generation_streams(settings.seed, index)
    if previous is None:
        thetas = prior.sample(rng, settings.first_proposals)
        log_w = np.zeros(len(thetas))  # prior draws: weight prior / prior = 1
    else:
        thetas, box_mass = propose(rng, prior, previous, settings.proposals)
        # uniform prior in unit coordinates has density 1: log w = -log(q / Q)
        log_w = np.log(box_mass) - log_proposal_density(prior, previous, thetas)
    seeds = particle_seeds(seed_sequence, len(thetas))
    distances, extras = evaluate(thetas, seeds)
    distances = np.asarray(distances, dtype=float)
    distances = np.where(np.isnan(distances), np.inf, distances)
    new_distances = distances
    if previous is not None:
        thetas = np.concatenate([previous.particles, thetas])
        log_w = np.concatenate([previous.log_weights, log_w])
        distances = np.concatenate([previous.distances, distances])
        seeds = np.concatenate([previous.seeds, seeds])
        if extras is not None and previous.extras is not None:
            extras = pd.concat([previous.extras, extras], ignore_index=True)
    keep = np.argsort(distances, kind="stable")[: settings.population]
    epsilon = float(distances[keep[-1]])
    acceptance = 1.0 if previous is None else float(np.mean(new_distances <= epsilon))
    kept_extras = None if extras is None else extras.iloc[keep].reset_index(drop=True)
    return Generation(index, thetas[keep], log_w[keep], distances[keep], seeds[keep], epsilon,
                      acceptance, len(new_distances), kept_extras)


def finished(generations: Sequence[Generation], settings: SMCSettings) -> bool:
    """Whether the run is complete: enough generations, or the population stopped improving."""
    if len(generations) >= settings.generations:
        return True
    return bool(generations) and generations[-1].index > 0 \
        and generations[-1].acceptance < settings.min_acceptance


def run_smc(prior: UniformPrior, evaluate: Evaluate, settings: SMCSettings,
            done: Sequence[Generation] = (),
            on_generation: Callable[[Generation], None] | None = None) -> list[Generation]:
    """Run (or continue, from the generations in ``done``) an ABC-SMC calibration."""
    generations = list(done)
    for i, generation in enumerate(generations):
        if generation.index != i:
            raise ValueError(f"stored generations are not consecutive (found {generation.index} "
                             f"where {i} belongs)")
    while not finished(generations, settings):
        generation = next_generation(prior, evaluate, settings,
                                     generations[-1] if generations else None)
        generations.append(generation)
        if on_generation is not None:
            on_generation(generation)
    return generations


def weighted_quantiles(values: np.ndarray, weights: np.ndarray,
                       probabilities: Sequence[float]) -> np.ndarray:
    """Quantiles of a weighted sample (rows = draws), per column; inverted-CDF definition."""
    values = np.atleast_2d(np.asarray(values, dtype=float).T).T
    return np.stack([np.quantile(values[:, j], list(probabilities), weights=weights,
                                 method="inverted_cdf") for j in range(values.shape[1])], axis=1)


def resample(generation: Generation, n: int, seed: int) -> np.ndarray:
    """``n`` equally weighted draws from a weighted population (systematic resampling)."""
    rng = np.random.default_rng(np.random.SeedSequence(seed))
    positions = (rng.random() + np.arange(n)) / n
    cumulative = np.cumsum(generation.weights)
    cumulative[-1] = 1.0
    picks = np.searchsorted(cumulative, positions, side="left")
    return generation.particles[rng.permutation(picks)]
