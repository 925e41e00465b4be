"""``netsustain calibrate``: ABC-SMC against the SkanKomp figures, resumable, with checks.

Writes to ``--out`` (default results/calibration), and nowhere else: one Parquet file per
finished generation (``generations/gen_NNN.parquet``; a rerun with the same settings continues
after the last one), ``posterior.parquet``, ``summary.csv``/``summary.md``, ``predictive.csv``/
``predictive.png``, ``posterior_draws.csv`` and ``calibrated.toml`` (or ``--calibrated PATH``, with
``posterior_draws.csv`` beside it). Every file is written whole (temporary name, then renamed), and
a lock refuses a second calibration writing to the same folder.

The package's own calibration (calibration/calibrated.toml and posterior_draws.csv, which every
run starts from) changes only with ``--install``: after the calibration, both files are copied
there. See docs/calibration.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
from tqdm import tqdm

from calibration import abc, checkpoint, fit_screen, posterior, prior_predictive, summary
from calibration.calibrate import (
    ModelEvaluator,
    as_params,
    calibrated_names,
    prior_from,
    statistics_table,
)
from calibration.posterior import CALIBRATED_FILE, default_calibrated_path
from calibration.targets import Targets, default_targets_path, load_targets
from experiments.cli.outputs import warn_if_oversubscribed
from experiments.errors import InputError
from experiments.runner import MAX_WORKERS, simulate
from experiments.sweeps.store import LOCK, acquire_lock, prepare_out_dir
from model.params import PARAMETERS
from model.seeds import sampler_seed, sequence_seeds

DEFAULT_BUDGET = 30_000  # model runs (parameter sets x replicates); about 5 minutes on 2 cores
MAX_GENERATIONS = 1_000  # a safety cap; the floor, the budget or the acceptance rule stops first
DEFAULT_POPULATION = 300  # at 100 (ten parameters), generations fell to effective sizes of 2-8
DEFAULT_DRAWS = 200  # posterior draws stored and run for the predictive check
DEFAULT_PRIOR_DRAWS = 400  # prior draws run for the prior predictive check
PREDICTIVE_STREAM = 1_000_000  # spawn key of the predictive seeds (apart from generations)
POINT_STREAM = 2_000_000  # spawn key of the seeds that pick the point value
POINT_CANDIDATES = 25  # distinct posterior draws nearest the centre, tried as the point value
POINT_SEEDS = 20  # runs per candidate in the first round
POINT_FINALISTS = 5  # best candidates re-run on new seeds
POINT_CONFIRM_SEEDS = 40  # runs per finalist
GENERATIONS_DIR = "generations"
# Upper bounds of the sizes (the budget is some 4 days of model runs on two cores; a population
# above 10,000 makes each generation's kernel slow; every draw is one predictive run).
LIMITS = {"budget": 10_000_000, "population": 10_000, "draws": 100_000, "workers": MAX_WORKERS}


@dataclass
class Plan:
    """A validated calibration: everything decided before anything is written."""

    targets: Targets
    targets_path: Path
    names: tuple[str, ...]
    parameters: dict
    simulator: object
    prior: abc.UniformPrior
    settings: abc.SMCSettings
    out: Path
    calibrated: Path
    workers: int
    draws: int
    fingerprint: dict
    done: list


def register(subparsers) -> None:
    """Add ``calibrate`` to the command line."""
    p = subparsers.add_parser(
        "calibrate",
        help="fit the uncertain parameters to the SkanKomp figures (ABC-SMC)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--budget",
        type=int,
        default=DEFAULT_BUDGET,
        help=f"model runs for the ABC-SMC (default {DEFAULT_BUDGET})",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="worker processes (default: all cores)",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=Path("results/calibration"),
        help="output and checkpoint folder (default results/calibration)",
    )
    p.add_argument("--seed", type=int, default=20100901, help="master seed (default 20100901)")
    p.add_argument(
        "--population",
        type=int,
        default=DEFAULT_POPULATION,
        help=f"particles kept per generation (default {DEFAULT_POPULATION})",
    )
    p.add_argument(
        "--draws",
        type=int,
        default=DEFAULT_DRAWS,
        help=f"posterior draws stored and checked (default {DEFAULT_DRAWS})",
    )
    p.add_argument(
        "--targets",
        type=Path,
        default=None,
        help="targets file (default: calibration/targets.toml)",
    )
    p.add_argument(
        "--calibrated",
        type=Path,
        default=None,
        help="where to write calibrated.toml (default: OUT/calibrated.toml)",
    )
    p.add_argument(
        "--install",
        action="store_true",
        help="also make this calibration the package default (copies calibrated.toml and "
        "posterior_draws.csv into the installed calibration package)",
    )
    p.add_argument(
        "--fresh",
        action="store_true",
        help="discard stored generations in --out instead of resuming",
    )
    p.add_argument(
        "--prior-draws",
        type=int,
        default=DEFAULT_PRIOR_DRAWS,
        help="prior draws run for the prior predictive check, prior_predictive.csv/.md "
        f"(default {DEFAULT_PRIOR_DRAWS}; 0 skips it)",
    )
    p.add_argument(
        "--prior-only", action="store_true", help="write the prior predictive check and stop"
    )
    p.add_argument(
        "--fit-check",
        action="store_true",
        help="write which parameters move the calibration's distance (fit_screen.csv/.md) and stop",
    )
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    """Entry point: validate, run (or resume), write the results, install them if asked."""
    prior_draws = getattr(args, "prior_draws", 0)
    if prior_draws < 0 or (getattr(args, "prior_only", False) and prior_draws < 1):
        raise InputError(
            f"--prior-draws {prior_draws}: allowed 0 or more (1 or more with --prior-only)"
        )
    plan = make_plan(args, PARAMETERS, simulate)
    warn_if_oversubscribed(args.workers)
    if getattr(args, "fit_check", False):
        write_fit_check(plan)
        return 0
    if prior_draws:
        write_prior_predictive(plan, prior_draws)
    if getattr(args, "prior_only", False):
        return 0
    execute(plan, fresh=args.fresh)
    if args.install:
        installed = install(plan.calibrated)
        print(f"installed as the package default: {installed}")
    else:
        print(
            "the package default is unchanged; to adopt this calibration for every run, repeat "
            "the command with --install (docs/calibration.md)"
        )
    return 0


def install(calibrated: Path, target: Path | None = None) -> Path:
    """Copy ``calibrated`` and the draws beside it over the package's calibration, each whole.

    Args:
        calibrated: A calibrated.toml written by this command.
        target: The calibrated.toml to replace (default: the installed package's).

    Returns:
        The path written.
    """
    target = target or default_calibrated_path()
    for name, path in (
        ("posterior_draws.csv", calibrated.parent / "posterior_draws.csv"),
        (target.name, calibrated),
    ):
        data = path.read_bytes()
        write_atomic(target.parent / name, lambda p, data=data: p.write_bytes(data))
    return target


def write_fit_check(plan: Plan) -> None:
    """The fit check (calibration.fit_screen) over every uncertain parameter, in this process."""
    from experiments.ema.space import uncertainty_names  # imported here: only this check needs it

    names = uncertainty_names()
    stream = np.random.SeedSequence(plan.settings.seed, spawn_key=fit_screen.SEED_STREAM)
    seeds = [int(s) for s in sequence_seeds(stream, fit_screen.SEEDS)]
    # the posterior the point value was picked from (the package's calibration, as defaults())
    draws, draw_seeds = [], []
    if default_calibrated_path().is_file():
        stored = len(posterior.draws_table())
        draws = posterior.draws(
            min(fit_screen.DRAWS, stored), sampler_seed(plan.settings.seed, fit_screen.DRAW_STREAM)
        )
        stream = np.random.SeedSequence(plan.settings.seed, spawn_key=fit_screen.DRAW_SEED_STREAM)
        draw_seeds = [int(s) for s in sequence_seeds(stream, len(draws))]
    plan.out.mkdir(parents=True, exist_ok=True)
    total = 2 * (len(seeds) + len(draws)) * len(names)
    with tqdm(total=total, unit="run", desc="fit check") as bar:
        result = fit_screen.fit_screen(
            names, seeds, plan.simulator, plan.targets, bar.update, draws, draw_seeds
        )
    text = fit_screen.table(result, len(seeds), plan.settings.seed, len(draws)) + "\n"
    write_atomic(plan.out / "fit_screen.csv", lambda p: result.to_csv(p, index=False))
    write_atomic(plan.out / "fit_screen.md", lambda p: p.write_text(text, encoding="utf-8"))
    moved = result[fit_screen.movers(result)]
    missing = sorted(moved.loc[~moved["calibrated"], "parameter"])
    print(
        f"wrote {plan.out / 'fit_screen.md'}: {len(moved)} of {len(result)} parameters move the fit"
    )
    if missing:
        print("they move the fit but are not calibrated: " + ", ".join(missing))


def write_prior_predictive(plan: Plan, n: int) -> None:
    """The prior predictive check (calibration.prior_predictive) as prior_predictive.csv/.md."""
    plan.out.mkdir(parents=True, exist_ok=True)
    with (
        tqdm(total=n, unit="run", desc="prior predictive") as bar,
        ModelEvaluator(
            plan.targets, plan.names, plan.parameters, plan.simulator, workers=plan.workers,
            progress=bar.update,
        ) as evaluator,
    ):  # fmt: skip
        runs = prior_predictive.prior_predictive(evaluator, plan.prior, n, plan.settings.seed)
    table = prior_predictive.prior_table(plan.targets, runs)
    runs.to_csv(plan.out / "prior_predictive_runs.csv", index=False)
    table.to_csv(plan.out / "prior_predictive.csv", index=False)
    (plan.out / "prior_predictive.md").write_text(
        f"# Prior predictive check ({n} prior draws, seed {plan.settings.seed})\n\n"
        + summary.markdown_table(table.drop(columns=["source"]))
        + "\n",
        encoding="utf-8",
    )


def make_plan(args: argparse.Namespace, parameters: dict, simulator) -> Plan:
    """Check every input and read stored generations; raise InputError on the first problem."""
    for flag in ("budget", "workers", "population", "draws"):
        if getattr(args, flag) < 1:
            raise InputError(f"--{flag} {getattr(args, flag)}: allowed a whole number >= 1")
    if args.population < 2:
        raise InputError(f"--population {args.population}: allowed 2 or more")
    for flag, most in LIMITS.items():
        if getattr(args, flag) > most:
            raise InputError(f"--{flag} {getattr(args, flag):,}: allowed at most {most:,}")
    if args.out.exists() and not args.out.is_dir():
        raise InputError(f"--out {str(args.out)!r} is a file; allowed: a folder")
    targets_path = args.targets or default_targets_path()
    targets = load_targets(targets_path)
    names = calibrated_names(targets, parameters)
    prior = prior_from(names, parameters, targets.priors)
    per_set = targets.replicates
    settings = abc.SMCSettings(population=args.population, seed=args.seed)
    first = settings.first_proposals * per_set
    if args.budget < first:
        raise InputError(
            f"--budget {args.budget}: the first generation alone needs {first} "
            f"model runs ({settings.first_proposals} parameter sets x {per_set} "
            "replicates); allowed: at least that"
        )
    settings = abc.SMCSettings(
        population=args.population,
        generations=MAX_GENERATIONS,
        seed=args.seed,
        budget=args.budget // per_set,
        min_epsilon=targets.epsilon_floor,
    )
    # one run at the prior's centre shows whether the model reports every key the checks read
    unknown = sorted(set(targets.fixed) - set(parameters))
    if unknown:
        raise InputError(
            f"targets file: calibrate.fixed names {unknown[0]!r}, which is not a model parameter"
        )
    centre = as_params(names, (prior.low + prior.high) / 2, parameters)
    targets.check_keys(simulator(targets.fixed | centre, args.seed))
    calibrated = args.calibrated or args.out / CALIBRATED_FILE
    if args.calibrated is not None and not calibrated.parent.is_dir():
        raise InputError(f"--calibrated {str(calibrated)!r}: folder does not exist")
    fingerprint = {
        "seed": args.seed,
        "population": args.population,
        "keep_fraction": settings.keep_fraction,
        "replicates": per_set,
        "parameters": {
            n: [float(lo), float(hi)] for n, lo, hi in zip(names, prior.low, prior.high)
        },
        "fixed": targets.fixed,
        "targets_sha256": hashlib.sha256(Path(targets_path).read_bytes()).hexdigest(),
    }
    done = [] if args.fresh else stored_generations(args.out, names, fingerprint)
    return Plan(
        targets,
        Path(targets_path),
        names,
        parameters,
        simulator,
        prior,
        settings,
        args.out,
        calibrated,
        args.workers,
        args.draws,
        fingerprint,
        done,
    )


def stored_generations(out: Path, names: tuple[str, ...], fingerprint: dict) -> list:
    """Generations already finished in ``out`` (consecutive from 0) for the same settings."""
    folder = out / GENERATIONS_DIR
    found = []
    for index in range(10_000):
        path = folder / f"gen_{index:03d}.parquet"
        if not path.is_file():
            break
        table = pq.read_table(path)
        stored = checkpoint.fingerprint_of(table)
        if stored != fingerprint:
            differing = sorted(k for k in fingerprint if stored.get(k) != fingerprint[k])
            raise InputError(
                f"--out {str(out)!r} holds a calibration with other settings "
                f"({', '.join(differing)}); pass --fresh to start over or choose "
                "another --out"
            )
        found.append(checkpoint.from_table(table, names))
    return found


def write_atomic(path: Path, write) -> None:
    """Write through a temporary file and rename, so a stop never leaves half a file.

    A failure (a full disk) removes the temporary file and leaves ``path`` as it was.
    """
    tmp = path.with_name(path.name + ".partial")
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def execute(plan: Plan, fresh: bool = False) -> None:
    """Run the remaining generations, then the summary and the posterior predictive check.

    Holds a lock on ``--out`` throughout: a second calibration into the same folder is refused.
    """
    prepare_out_dir(plan.out)
    lock = acquire_lock(
        plan.out / LOCK,
        f"another calibration is writing to {str(plan.out)!r}; wait or choose --out",
    )
    try:
        _execute(plan, fresh)
    finally:
        if lock is not None:
            lock.close()


def _execute(plan: Plan, fresh: bool) -> None:
    gen_dir = plan.out / GENERATIONS_DIR
    gen_dir.mkdir(parents=True, exist_ok=True)
    if fresh:
        for old in gen_dir.glob("gen_*.parquet"):
            old.unlink()
    settings, replicates = plan.settings, plan.targets.replicates
    remaining = settings.budget - abc.spent(plan.done)
    if plan.done:
        print(f"resuming after generation {plan.done[-1].index} in {plan.out}", file=sys.stderr)

    def save(generation: abc.Generation) -> None:
        table = checkpoint.to_table(generation, plan.names, plan.fingerprint)
        write_atomic(
            gen_dir / f"gen_{generation.index:03d}.parquet", lambda p: pq.write_table(table, p)
        )
        bar.set_postfix(
            gen=generation.index,
            eps=f"{generation.epsilon:.3g}",
            acc=f"{generation.acceptance:.2f}",
        )

    with (
        tqdm(total=max(remaining, 0) * replicates, unit="run", desc="ABC-SMC") as bar,
        ModelEvaluator(
            plan.targets,
            plan.names,
            plan.parameters,
            plan.simulator,
            workers=plan.workers,
            progress=lambda n: bar.update(n * replicates),
        ) as evaluator,
    ):
        generations = abc.run_smc(plan.prior, evaluator, settings, plan.done, save)
    final = generations[-1]
    draws = abc.resample(final, plan.draws, plan.settings.seed)
    predictive_seeds = sequence_seeds(
        np.random.SeedSequence(plan.settings.seed, spawn_key=(PREDICTIVE_STREAM,)), len(draws)
    )
    candidates = summary.central_candidates(draws, POINT_CANDIDATES)
    with ModelEvaluator(
        plan.targets, plan.names, plan.parameters, plan.simulator, workers=plan.workers
    ) as evaluator:
        with tqdm(total=len(draws), unit="run", desc="predictive check") as bar:
            evaluator.progress = bar.update
            runs = evaluator.simulate(draws, predictive_seeds, replicates=1)
        points = choose_point(plan, evaluator, candidates)
    predictive_runs = statistics_table(plan.targets, runs)
    write_outputs(plan, generations, draws, predictive_seeds, predictive_runs, points)


def choose_point(plan: Plan, evaluator: ModelEvaluator, candidates: np.ndarray) -> pd.DataFrame:
    """Rank candidate point values on common seeds, then re-run the best few on new seeds.

    The second round, on seeds the first did not use, removes the luck that made a candidate
    win the first (winner's curse). Returns both rounds, the final ranking first.
    """
    rounds = []
    for stage, (count, seeds) in enumerate(
        [(len(candidates), POINT_SEEDS), (POINT_FINALISTS, POINT_CONFIRM_SEEDS)], start=1
    ):
        thetas = (
            candidates if stage == 1 else rounds[-1][list(plan.names)].to_numpy(dtype=float)[:count]
        )
        seed = sequence_seeds(
            np.random.SeedSequence(plan.settings.seed, spawn_key=(POINT_STREAM + stage,)), 1
        )
        with tqdm(total=len(thetas) * seeds, unit="run", desc=f"point value, round {stage}") as bar:
            evaluator.progress = lambda n, seeds=seeds, bar=bar: bar.update(n * seeds)
            # common seeds for every candidate, so they are compared on equal luck
            runs = evaluator.simulate(thetas, np.repeat(seed, len(thetas)), replicates=seeds)
        rounds.append(
            summary.point_table(plan.targets, plan.names, thetas, runs).assign(round=stage)
        )
    return pd.concat(rounds[::-1], ignore_index=True)


def write_outputs(
    plan: Plan,
    generations: list,
    draws: np.ndarray,
    predictive_seeds: np.ndarray,
    predictive_runs: pd.DataFrame,
    points: pd.DataFrame,
) -> None:
    """Posterior, summaries, predictive table and plot, draws and calibrated.toml."""
    final = generations[-1]
    units = {n: getattr(plan.parameters[n], "unit", "") for n in plan.names}
    post = summary.posterior_table(plan.prior, final, units)
    pred = summary.predictive_table(plan.targets, predictive_runs)
    out = plan.out
    write_atomic(
        out / "posterior.parquet",
        lambda p: pq.write_table(checkpoint.to_table(final, plan.names, plan.fingerprint), p),
    )
    draw_table = pd.DataFrame([as_params(plan.names, d, plan.parameters) for d in draws])
    draw_table.insert(0, "draw", np.arange(len(draw_table)))
    runs = pd.concat(
        [draw_table, pd.DataFrame({"seed": predictive_seeds}), predictive_runs], axis=1
    )
    for name, table in (
        ("summary.csv", post),
        ("predictive.csv", pred),
        ("point_candidates.csv", points),
        ("posterior_draws.csv", draw_table),
        ("predictive_runs.csv", runs),
    ):
        write_atomic(out / name, lambda p, table=table: table.to_csv(p, index=False))
    figure = summary.predictive_figure(pred)
    write_atomic(out / "predictive.png", lambda p: figure.savefig(p, dpi=150, format="png"))
    text = summary_markdown(plan, generations, post, pred)
    write_atomic(out / "summary.md", lambda p: p.write_text(text, encoding="utf-8"))
    if plan.calibrated.parent.resolve() != out.resolve():
        write_atomic(
            plan.calibrated.parent / "posterior_draws.csv",
            lambda p: draw_table.to_csv(p, index=False),
        )
    toml = calibrated_toml(plan, post, final, points)
    write_atomic(plan.calibrated, lambda p: p.write_text(toml, encoding="utf-8"))
    fits = int(pred["fits"].sum())
    print(
        f"stopped after generation {final.index} (threshold {final.epsilon:.3g}) by "
        f"{abc.stop_reason(generations, plan.settings)}",
        file=sys.stderr,
    )
    print(
        f"wrote {out} and {plan.calibrated}: {fits} of {len(pred)} checks fit; "
        f"of {len(post)} parameters, {int((post['verdict'] == 'constrained').sum())} "
        f"constrained and {int((post['verdict'] == 'borderline').sum())} borderline"
    )


def summary_markdown(plan: Plan, generations: list, post: pd.DataFrame, pred: pd.DataFrame) -> str:
    """The human-readable record of a calibration."""
    runs = pd.DataFrame(
        [
            {
                "generation": g.index,
                "epsilon": g.epsilon,
                "acceptance": g.acceptance,
                "effective_size": g.effective_size,
                "parameter_sets": g.simulated,
            }
            for g in generations
        ]
    )
    band = float(post["borderline_band"].iloc[0])  # the band the verdicts used
    settings = asdict(plan.settings) | {
        "replicates": plan.targets.replicates,
        "workers": plan.workers,
        "draws": plan.draws,
    }
    return (
        "\n\n".join(
            [
                "# Calibration against SkanKomp status report no. 4",
                f"Written {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `netsustain calibrate`. "
                f"Settings: `{json.dumps(settings)}`. Targets: `{plan.targets_path}`.",
                "## Parameters (posterior median and 90 % interval; constrained = posterior 90 % "
                f"width below {summary.CONSTRAINED_RATIO - band:.1%} of the prior's, "
                f"borderline below {summary.CONSTRAINED_RATIO + band:.1%}: a band of "
                f"{band:.3f} for the final effective size {generations[-1].effective_size:.0f})",
                summary.markdown_table(post),
                "## Posterior predictive check (fresh seed per draw; target fits when the median "
                "is within 10 % and the 90 % interval covers it; pattern fits when it holds in "
                ">= 80 % of draws)",
                summary.markdown_table(pred.drop(columns=["source"])),
                "## Generations",
                summary.markdown_table(runs),
                f"Stopped by {abc.stop_reason(generations, plan.settings)}.",
            ]
        )
        + "\n"
    )


def calibrated_toml(
    plan: Plan, post: pd.DataFrame, final: abc.Generation, points: pd.DataFrame
) -> str:
    """The calibrated parameter file: the best-fitting posterior draw plus a pointer to the draws.

    Marginal medians are not used as the point: where the posterior is a ridge (for example
    more networks against more members each) their combination falls off it.
    """
    best = points.iloc[0]
    means = ", ".join(f"{t.name} {best['mean_' + t.name]:.4g}" for t in plan.targets.targets)
    values = as_params(plan.names, best[list(plan.names)].to_numpy(dtype=float), plan.parameters)
    lines = [
        "# Calibrated parameters (`netsustain calibrate`: ABC-SMC against SkanKomp status report",
        "# no. 4, see docs/calibration.md). Generated; do not edit.",
        f"# The point is the posterior draw whose mean over {POINT_CONFIRM_SEEDS} fresh seeds "
        "reproduces the",
        f"# figures best among {POINT_FINALISTS} finalists of {POINT_CANDIDATES} distinct draws. "
        f"Its means: {means}.",
        "# Each comment gives the posterior median and 90 % interval and whether the targets",
        "# constrain the parameter.",
        "",
        "[params]",
    ]
    for row, name in zip(post.itertuples(index=False), plan.names):
        lines.append(
            f"{name} = {values[name]!r}  # median {row.median:.4g}, "
            f"90 % [{row.q05:.4g}, {row.q95:.4g}], {row.verdict}"
        )
    lines += [
        "",
        "[posterior]",
        'draws = "posterior_draws.csv"',
        f"n_draws = {plan.draws}",
        "",
        "[meta]",
        f"seed = {plan.settings.seed}",
        f"population = {plan.settings.population}",
        f"generations = {final.index + 1}",
        f"epsilon = {final.epsilon!r}",
        f"replicates = {plan.targets.replicates}",
        f'written = "{datetime.now(UTC):%Y-%m-%dT%H:%M:%SZ}"',
    ]
    return "\n".join(lines) + "\n"
