"""``netsustain sweep`` and ``sensitivity`` end to end on the real model (small specs)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from experiments.cli import main
from experiments.runner import simulate
from experiments.sweeps.store import RUNS
from model.seeds import child_seed

SMOKE = Path(__file__).resolve().parent.parent / "experiments" / "sweeps" / "smoke.toml"


def read_runs(out: Path) -> pd.DataFrame:
    return pd.read_parquet(out / RUNS).sort_values("run_id", ignore_index=True)


def test_smoke_sweep_same_numbers_serial_and_local_dask(tmp_path, capsys):
    # The process pool gives the same numbers too (tests/test_sweep.py, on stand-ins); here the
    # real model crosses a process boundary on a Dask LocalCluster started by --dask-local.
    serial_out, dask_out = tmp_path / "serial", tmp_path / "dask"
    assert main(["sweep", str(SMOKE), "--out", str(serial_out), "--workers", "1"]) == 0
    assert main(["sweep", str(SMOKE), "--out", str(dask_out), "--dask-local", "2"]) == 0
    captured = capsys.readouterr()
    assert captured.out.count("8 runs in ") == 2 and captured.out.count("; 0 failed") == 2
    assert "8/8" in captured.err  # the progress bar
    # The same command again finds every run on disk and runs none.
    assert main(["sweep", str(SMOKE), "--out", str(serial_out), "--workers", "1"]) == 0
    assert "8 runs in " in (printed := capsys.readouterr().out)
    assert "0 run now" in printed and "8 already there" in printed
    serial = read_runs(serial_out)
    assert len(serial) == 8 and (serial["status"] == "ok").all()
    assert serial["seed"].tolist() == [child_seed(20100901, i) for i in range(8)]
    assert serial["members_end_plus_24"].nunique() > 1  # the runs differ from one another
    pd.testing.assert_frame_equal(read_runs(dask_out), serial)
    # Any row can be repeated alone from the manifest's base values, its parameters and seed.
    row = serial.iloc[5]
    manifest = json.loads((serial_out / "manifest.json").read_text())
    swept = {name: row[name] for name in ("embeddedness_mean", "staff_retention")}
    again = simulate({**manifest["base"], **swept}, int(row["seed"]))
    assert [again[name] for name in ("networks_alive_at_end", "members_end_plus_24")] == [
        row["networks_alive_at_end"],
        row["members_end_plus_24"],
    ]


def test_sensitivity_command_writes_indices_plot_and_sentences(tmp_path, capsys):
    spec = tmp_path / "tiny.toml"
    spec.write_text(
        'design = "morris"\npoints = 2\nreplicates = 1\nseed = 4\n'
        'outcomes = ["networks_alive_at_end", "members_at_end"]\n'
        "[parameters]\nembeddedness_mean = [0.1, 0.8]\nfounding_rate = [0.02, 0.3]\n"
        "[fixed]\nhorizon_months = 40\n"
    )
    out = tmp_path / "out"
    assert (
        main(["sensitivity", str(spec), "--method", "morris", "--out", str(out), "--workers", "1"])
        == 0
    )
    indices = pd.read_csv(out / "indices.csv")
    assert list(indices.columns) == [
        "outcome",
        "parameter",
        "mu",
        "mu_star",
        "mu_star_conf",
        "sigma",
    ]
    assert len(indices) == 4 and (indices["mu_star"] >= 0).all()
    assert (out / "indices.png").stat().st_size > 5000
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("6 runs (0 failed now); indices in ")
    assert [line.split(":")[0] for line in lines[1:]] == ["networks_alive_at_end", "members_at_end"]
