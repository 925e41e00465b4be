"""``netsustain calibrate`` writes under --out only; adopting it is an explicit --install."""

from __future__ import annotations

import hashlib
import tomllib
from importlib import resources

import pytest
from test_calibration_command import toy_args

from calibration import posterior, toy
from experiments.cli import build_parser
from experiments.cli import calibrate as command
from experiments.errors import InputError
from experiments.sweeps.store import LOCK, acquire_lock


def package_files() -> dict[str, str]:
    """SHA-256 of every file of the installed calibration package."""
    folder = resources.files("calibration")
    return {
        entry.name: hashlib.sha256(entry.read_bytes()).hexdigest()
        for entry in folder.iterdir()
        if entry.is_file()
    }


@pytest.fixture(scope="module")
def default_run(tmp_path_factory):
    """A toy calibration with the command line's defaults for --calibrated and --install."""
    before = package_files()
    args = toy_args(tmp_path_factory.mktemp("calib"), calibrated=None, draws=12)
    plan = command.make_plan(args, toy.parameters(), toy.simulate)
    command.execute(plan)
    return args, plan, before


def test_the_command_line_defaults_write_nothing_into_the_package():
    args = build_parser().parse_args(["calibrate"])
    assert args.calibrated is None and args.install is False
    assert not args.out.is_absolute()  # under the working folder, not the package


def test_a_default_calibration_leaves_the_package_files_byte_identical(default_run):
    args, plan, before = default_run
    assert package_files() == before
    assert plan.calibrated == args.out / "calibrated.toml"
    written = tomllib.loads(plan.calibrated.read_text())
    assert set(written["params"]) == {"mu", "sigma"}
    draws = posterior.draws(12, seed=1, path=plan.calibrated)  # the draws sit beside it
    assert len(draws) == 12
    leftovers = [p.name for p in args.out.rglob("*.partial")]
    assert leftovers == []


def test_install_copies_both_files_whole_over_the_target(default_run, tmp_path):
    args, plan, _ = default_run
    target = tmp_path / "package" / "calibrated.toml"
    target.parent.mkdir()
    target.write_text("[params]\nold = 1\n")
    (target.parent / "posterior_draws.csv").write_text("draw,old\n0,1\n")
    assert command.install(plan.calibrated, target) == target
    assert target.read_bytes() == plan.calibrated.read_bytes()
    assert (target.parent / "posterior_draws.csv").read_bytes() == (
        args.out / "posterior_draws.csv"
    ).read_bytes()
    assert sorted(p.name for p in target.parent.iterdir()) == [
        "calibrated.toml",
        "posterior_draws.csv",
    ]


def test_a_second_calibration_into_the_same_folder_is_refused(tmp_path):
    args = toy_args(tmp_path, calibrated=None)
    plan = command.make_plan(args, toy.parameters(), toy.simulate)
    args.out.mkdir(parents=True)
    held = acquire_lock(args.out / LOCK, "held by the test")
    try:
        with pytest.raises(InputError, match="another calibration is writing to"):
            command.execute(plan)
    finally:
        held.close()
    assert not (args.out / "generations").exists()
