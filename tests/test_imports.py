"""The packages depend one way, without cycles: model <- calibration <- experiments.

Every import statement of the three packages is read from the source (top level and inside
functions), so a new module or a late import is checked the day it is written. Inside
``experiments`` the subpackages are layered too (docs/architecture.md): a module may import its
own part and the parts of a lower rank, never a part of the same or a higher rank.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("model", "calibration", "experiments")

# Lower ranks may be imported by higher ones, never the other way round.
RANKS = {
    "model": 0,
    "calibration": 1,
    "experiments.errors": 2,
    "experiments.i18n": 3,
    "experiments.runner": 3,
    "experiments.entry": 3,
    "experiments.scenarios": 4,
    "experiments.mesa_batch": 4,
    "experiments.sweeps": 5,
    "experiments.reports": 5,
    "experiments.ema": 5,
    "experiments.dashboard": 6,
    "experiments.discovery": 6,
    "experiments.forecast": 6,
    "experiments.cli": 7,
    "experiments": 8,  # the package itself: the public API
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            found[module_name(path)] = path
    return found


MODULES = modules()


def unit(module: str) -> str:
    """The part a module belongs to: the longest key of RANKS it starts with."""
    candidates = [key for key in RANKS if module == key or module.startswith(key + ".")]
    return max(candidates, key=len)


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(module: str) -> list[tuple[str, int, bool]]:
    """(imported project module, line, inside a function) for each import of ``module``."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking(child):
                continue  # never executed: annotations only
            nested = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            targets = []
            if isinstance(child, ast.Import):
                targets = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                names = [f"{child.module}.{alias.name}" for alias in child.names]
                targets = [n if n in MODULES else child.module for n in names]
            for target in targets:
                if target.split(".")[0] in PACKAGES:
                    found.append((target, child.lineno, in_function))
            visit(child, nested)

    visit(tree, False)
    return found


def test_every_module_belongs_to_a_ranked_part():
    assert MODULES, "no modules found"
    for module in MODULES:
        assert unit(module) in RANKS


def test_no_module_imports_upwards():
    upward = []
    for module in MODULES:
        here = unit(module)
        for target, line, _ in imports(module):
            there = unit(target)
            if there != here and RANKS[there] >= RANKS[here]:
                upward.append(f"{MODULES[module].relative_to(ROOT)}:{line} imports {target}")
    assert not upward, "imports against the direction of the layers:\n" + "\n".join(upward)


def test_calibration_never_imports_experiments():
    for module in MODULES:
        if module.startswith("calibration"):
            assert not [t for t, _, _ in imports(module) if t.startswith("experiments")], module


def test_there_is_no_import_cycle():
    graph = {m: sorted({t for t, _, _ in imports(m) if t in MODULES}) for m in MODULES}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles = []

    def walk(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                cycles.append(" -> ".join([*path[path.index(nxt) :], nxt]))
            elif nxt not in state:
                walk(nxt, [*path, nxt])
        state[node] = 2

    for module in graph:
        if module not in state:
            walk(module, [module])
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def _explained(lines: list[str], lineno: int) -> bool:
    """An import line carries a comment, or the run of import lines it belongs to follows one."""
    index = lineno - 1
    while index >= 0:
        line = lines[index].strip()
        if "#" in line:
            return True
        if not line.startswith(("import ", "from ")):
            return False
        index -= 1
    return False


@pytest.mark.parametrize("package", ["calibration", "experiments"])
def test_function_level_imports_say_why(package):
    """A late import is allowed where it keeps start-up fast or the dependency is optional."""
    silent = []
    for module, path in MODULES.items():
        if not module.startswith(package):
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        tree = ast.parse("\n".join(lines))
        for node in ast.walk(tree):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for child in ast.walk(node):
                if isinstance(child, (ast.Import, ast.ImportFrom)) and not _explained(
                    lines, child.lineno
                ):
                    silent.append(f"{path.relative_to(ROOT)}:{child.lineno}")
    assert not silent, "function-level imports without a comment saying why:\n" + "\n".join(silent)


def test_a_worker_imports_no_plotting_or_statistics():
    """Sweep and calibration workers import the runner; it must stay quick to import."""
    code = (
        "import sys, experiments.runner, experiments.sweeps.worker\n"
        "print('\\n'.join(sorted(sys.modules)))"
    )
    loaded = set(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
        ).stdout.split()
    )
    heavy = {"scipy.stats", "matplotlib", "seaborn", "solara", "SALib", "experiments.dashboard"}
    assert not heavy & loaded


def test_the_summary_path_runs_without_mesa_or_pandas():
    """What a sweep worker unpickles (``simulate`` and the batch runner) imports neither."""
    make = (
        "import pickle, sys; from experiments.runner import simulate; "
        "sys.stdout.buffer.write(pickle.dumps(simulate))"
    )
    blob = subprocess.run(
        [sys.executable, "-c", make], capture_output=True, check=True, cwd=ROOT
    ).stdout
    load = (
        "import pickle, sys\n"
        "pickle.loads(sys.stdin.buffer.read())\n"
        "import experiments.sweeps.worker\n"
        "print('\\n'.join(sorted(sys.modules)))"
    )
    loaded = set(
        subprocess.run(
            [sys.executable, "-c", load], input=blob, capture_output=True, check=True, cwd=ROOT
        )
        .stdout.decode()
        .split()
    )
    assert "model.run" in loaded
    assert not {"mesa", "pandas", "scipy.stats", "matplotlib"} & loaded
