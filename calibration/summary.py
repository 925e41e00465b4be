"""What a calibration found: posterior summary, identifiability and posterior predictive checks.

A parameter is called *constrained* when its posterior 90 % interval is clearly narrower than
half of its prior 90 % interval (uniform prior: 0.9 times the declared range), *not
constrained* when it is clearly wider (the targets leave it open and results that depend on it
carry the prior's spread), and *borderline* when the ratio of the widths is within
``borderline_band`` of the cut: closer than the final population, at its effective size, can
place it.
The posterior predictive check runs the model on posterior draws with fresh seeds (Gelman,
Meng & Stern 1996, Stat Sinica 6:733) and asks, per hard target, whether the median lies within
the fit tolerance and the 90 % interval covers the reported figure, and per pattern, in what
share of draws it holds.

Each width ratio comes with its Monte Carlo standard error (``width_ratio_errors``): the
population is resampled by distinct particle, so the copies of one particle that a population
holds after resample-move count as one piece of evidence, not several.
"""

from __future__ import annotations

from statistics import NormalDist

import numpy as np
import pandas as pd
from scipy.stats import rankdata

from calibration.abc import Generation, UniformPrior, weighted_quantiles
from calibration.targets import Targets

CONSTRAINED_RATIO = 0.5  # posterior 90 % width / prior 90 % width below this: constrained
BAND_ERRORS = 1.6  # half-width of the borderline band, in standard errors of the ratio at the cut
BOOTSTRAP_DRAWS = 400  # resamples behind each width ratio's standard error (its own error ~4 %)
BOOTSTRAP_SEED = 20100901  # fixed: the same population always gets the same standard errors
FIT_TOLERANCE = 0.10  # posterior predictive median within 10 % of each target
PATTERN_SHARE = 0.80  # each pattern must hold in at least 80 % of posterior draws


def posterior_table(
    prior: UniformPrior, generation: Generation, units: dict[str, str] | None = None
) -> pd.DataFrame:
    """Median and 90 % interval per parameter, prior against posterior width, and a verdict."""
    q05, median, q95 = weighted_quantiles(
        generation.particles, generation.weights, [0.05, 0.5, 0.95]
    )
    prior_width = 0.9 * prior.width
    ratio = (q95 - q05) / prior_width
    band = borderline_band(generation.effective_size)
    return pd.DataFrame(
        {
            "parameter": prior.names,
            "unit": [(units or {}).get(n, "") for n in prior.names],
            "prior_low": prior.low,
            "prior_high": prior.high,
            "median": median,
            "q05": q05,
            "q95": q95,
            "prior_width90": prior_width,
            "posterior_width90": q95 - q05,
            "width_ratio": ratio,
            "width_ratio_se": width_ratio_errors(generation, prior_width),
            "borderline_band": band,
            "verdict": verdicts(ratio, band),
        }
    )


def width_ratio_errors(
    generation: Generation,
    prior_width: np.ndarray,
    draws: int = BOOTSTRAP_DRAWS,
    seed: int = BOOTSTRAP_SEED,
) -> np.ndarray:
    """Bootstrap standard error of each parameter's posterior / prior 90 % width ratio.

    A cluster bootstrap (Davison & Hinkley 1997, Bootstrap Methods and their Application,
    section 3.8): the distinct particles are drawn with replacement, each bringing all its copies
    and their weights, and the weighted 90 % width is computed again; the standard error is the
    spread of the ``draws`` ratios. It says how precisely this population places a width, not how
    far another calibration seed would move it: a population carries the history of its
    generations, so two seeds can differ by more (docs/calibration.md, "A second seed").
    """
    distinct, cluster = np.unique(generation.particles, axis=0, return_inverse=True)
    cluster = cluster.ravel()
    rng = np.random.default_rng(np.random.SeedSequence(seed))
    ratios = np.empty((draws, len(prior_width)))
    for b in range(draws):
        # drawing clusters with replacement = weighting each by how often it was drawn
        times = np.bincount(rng.integers(0, len(distinct), len(distinct)), minlength=len(distinct))
        weights = generation.weights * times[cluster]
        q05, q95 = weighted_quantiles(generation.particles, weights / weights.sum(), [0.05, 0.95])
        ratios[b] = (q95 - q05) / prior_width
    return ratios.std(axis=0, ddof=1)


def borderline_band(effective_size: float) -> float:
    """Half-width of the borderline band around the cut, for a population of this effective size.

    ``BAND_ERRORS`` standard errors of a width ratio at the cut, by the asymptotic variance of two
    sample quantiles of a normal posterior (the 5 % and 95 % points, each with variance
    p(1 - p) / (n f^2), covariance p^2 / (n f^2), f the density there): the 90 % width, 3.29
    standard deviations, has a relative standard error of 0.884 / sqrt(n), 0.0625 at the cut for
    n = 50 and so a band of 0.10 (the fixed band of earlier calibrations, whose final populations
    had effective sizes near 50). A population four times as large places the cut twice as
    precisely and gets half the band.
    """
    p = 0.05
    z = NormalDist().inv_cdf(1 - p)
    density = NormalDist().pdf(z)
    relative_se = np.sqrt(2 * p * (1 - p) - 2 * p * p) / (density * 2 * z * np.sqrt(effective_size))
    return float(BAND_ERRORS * CONSTRAINED_RATIO * relative_se)


def verdicts(ratio: np.ndarray, band: float) -> np.ndarray:
    """'constrained', 'borderline' or 'not constrained' for each posterior / prior width ratio.

    ``band`` is the borderline band's half-width around the cut (``borderline_band``).
    """
    return np.where(
        ratio < CONSTRAINED_RATIO - band,
        "constrained",
        np.where(ratio < CONSTRAINED_RATIO + band, "borderline", "not constrained"),
    )


def predictive_table(targets: Targets, runs: pd.DataFrame) -> pd.DataFrame:
    """Each target against its predicted median and 90 % interval; each pattern's share held.

    ``runs`` has one row per posterior draw (one fresh seed each) and a column per statistic.
    """
    rows = []
    for target in targets.targets:
        values = runs[target.name].to_numpy(dtype=float)
        q05, median, q95 = np.nanquantile(values, [0.05, 0.5, 0.95])
        rows.append(
            {
                "name": target.name,
                "kind": "target",
                "check": f"= {target.value:g}",
                "observed": target.value,
                "median": median,
                "q05": q05,
                "q95": q95,
                "share_holding": np.nan,
                "fits": bool(
                    abs(median / target.value - 1) <= FIT_TOLERANCE and q05 <= target.value <= q95
                ),
                "source": target.source,
            }
        )
    records = runs.to_dict("records")
    for pattern in targets.patterns:
        share = float(np.mean([pattern.holds(r) for r in records]))
        rows.append(
            {
                "name": pattern.name,
                "kind": "pattern",
                "check": pattern.check,
                "observed": np.nan,
                "median": np.nan,
                "q05": np.nan,
                "q95": np.nan,
                "share_holding": share,
                "fits": bool(share >= PATTERN_SHARE),
                "source": pattern.source,
            }
        )
    return pd.DataFrame(rows)


def central_candidates(draws: np.ndarray, count: int) -> np.ndarray:
    """The ``count`` distinct draws nearest the posterior's centre, most central first.

    Each parameter's value becomes its mid-rank quantile u among the draws (ties share their
    mean rank, so copies of a particle count at one place), and a draw's distance from the
    centre is the sum over parameters of (u - 1/2)^2. Draws are otherwise taken in draw order,
    and that order can put the point value at one marginal's edge: a candidate set drawn at
    random from 40 marginals holds mostly draws in some tail, and the best-fitting of them
    reproduces the figures with a value the posterior itself calls unusual. Ties keep draw
    order; copies count once.
    """
    draws = np.asarray(draws, dtype=float)
    ranks = np.apply_along_axis(rankdata, 0, draws)
    quantiles = (ranks - 0.5) / len(draws)
    distance = ((quantiles - 0.5) ** 2).sum(axis=1)
    first = np.sort(np.unique(draws, axis=0, return_index=True)[1])
    order = first[np.argsort(distance[first], kind="stable")]
    return draws[order[:count]]


def point_table(
    targets: Targets, names: tuple[str, ...], candidates: np.ndarray, results: list[list[dict]]
) -> pd.DataFrame:
    """Candidate point values ranked by how well their average run meets the figures.

    ``results[i]`` are the runs of ``candidates[i]``. The score is the sum of squared misses of
    the mean head counts (in tolerances: squared, so one count far off weighs more than three
    slightly off) plus, per pattern, the pattern weight times
    the share of runs in which it fails: a point value should reproduce the figures on
    average, so its own run-to-run noise is not held against it. Best first; the stable sort
    keeps draw order on ties.
    """
    rows = []
    for theta, runs in zip(candidates, results):
        row = dict(zip(names, map(float, theta)))
        score = 0.0
        for target in targets.targets:
            mean = float(np.mean([r[target.name] for r in runs]))
            row[f"mean_{target.name}"] = mean
            score += target.cost(mean) ** 2
        for pattern in targets.patterns:
            held = float(np.mean([pattern.holds(r) for r in runs]))
            row[f"holds:{pattern.name}"] = held
            score += targets.pattern_weight * (1.0 - held)
        row["score"] = score
        row["mean_distance"] = targets.mean_distance(runs)
        rows.append(row)
    table = pd.DataFrame(rows)
    return table.sort_values("score", kind="stable").reset_index(drop=True)


def markdown_table(frame: pd.DataFrame, digits: int = 3) -> str:
    """A plain Markdown table (no extra dependency), numbers to ``digits`` significant digits."""

    def cell(value) -> str:
        if isinstance(value, (float, np.floating)):
            return "" if np.isnan(value) else f"{value:.{digits}g}"
        return str(value)

    header = "| " + " | ".join(frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    body = ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *body])


def predictive_figure(table: pd.DataFrame):
    """Targets (predicted / reported, 90 % interval) and patterns (share of draws holding)."""
    # imported here: `netsustain --help` and the calibration's runs need no matplotlib
    from matplotlib.figure import Figure

    targets = table[table["kind"] == "target"]
    patterns = table[table["kind"] == "pattern"]
    fig = Figure(figsize=(10, 0.5 * max(len(table), 6) + 1.2))
    left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.3]})
    y = np.arange(len(targets))
    ratio = targets["median"] / targets["observed"]
    err = np.vstack(
        [ratio - targets["q05"] / targets["observed"], targets["q95"] / targets["observed"] - ratio]
    )
    left.axvspan(1 - FIT_TOLERANCE, 1 + FIT_TOLERANCE, color="0.9", label="within 10 %")
    left.axvline(1.0, color="0.3", lw=1)
    left.errorbar(
        ratio,
        y,
        xerr=err,
        fmt="o",
        color="C0",
        capsize=4,
        label="posterior predictive median, 90 % interval",
    )
    left.set_yticks(y, [f"{n} ({o:g})" for n, o in zip(targets["name"], targets["observed"])])
    left.invert_yaxis()
    left.set_xlabel("simulated / reported (status report no. 4)")
    left.set_title("Hard targets")
    left.legend(loc="lower center", bbox_to_anchor=(0.5, -0.45), fontsize=8, frameon=False)
    yp = np.arange(len(patterns))
    right.barh(yp, patterns["share_holding"], color=np.where(patterns["fits"], "C2", "C3"))
    for yi, share in zip(yp, patterns["share_holding"]):
        right.text(min(share, 0.88) + 0.01, yi, f"{share:.0%}", va="center", fontsize=8)
    right.axvline(PATTERN_SHARE, color="0.3", lw=1, ls="--")
    right.set_yticks(yp, patterns["name"])
    right.invert_yaxis()
    right.set_xlim(0, 1)
    right.set_xlabel("share of posterior draws in which the pattern holds")
    right.set_title("Patterns (docs/odd.md, section 1)")
    fig.tight_layout()
    return fig
