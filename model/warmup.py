"""The month's first compilation, shared out over two processes.

numba compiles one function at a time, so a first run on a new machine would spend about a
minute compiling on one core. ``ensure_compiled`` shortens that: when the cache holds no compiled
month yet, a second process compiles the recruitment phase while this one compiles the others;
both write to the cache (``model.jit``), and the schedule (``model.month``) then loads the phases
from it and compiles only itself. Everything happens under the cache's file lock, so processes
that start together wait for one compilation and then load its result.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np

from model import (
    formats,
    founding,
    hosting,
    lifecycle,
    meetings,
    records,
    recruitment,
    reporters,
    staffing,
)
from model.jit import CACHE_DIR, compile_lock
from model.month import Streams, run_months
from model.params import as_record, validate
from model.state import build_state

_done = False


def _tiny_run():
    """A tiny run's state, parameter record and streams: the types the month is compiled for."""
    tiny = {"n_companies": 60, "n_partners": 2, "horizon_months": 3, "programme_months": 2}
    values = validate(tiny | {"status_report_month": 1})  # model/relations.py holds
    streams = Streams(*(np.random.default_rng(i) for i in range(len(Streams._fields))))
    return build_state(values, np.random.default_rng(0)), as_record(values)[0], streams


def compile_phases(group: str) -> None:
    """Compile (and cache) one of two groups of phases of about equal compile time.

    ``"recruitment"`` is recruiting and meeting, ``"others"`` the rest (and the summary's
    kernels). Each phase is called once on a tiny model's state with the argument types the
    schedule uses.
    """
    s, p, r = _tiny_run()
    t = np.int64(0)
    running = staffing.programme_running(s, p, t)
    planned_hours = np.ones(formats.N_FORMATS)
    if group == "recruitment":
        recruitment.recruit(s, p, r.recruitment, t, 0.0, 0.0)
        meetings.meet(s, p, r.meetings, t, running, 0.0, 0.0)
        return
    staffing.update_staff(s, p, r.staff, t, running)
    lifecycle.renew_companies(s, p, r.companies, t)
    hosting.allocate_hosts(s, p, r.hosts, t, running, 0.0)
    founding.found_networks(s, p, r.founding, t, running, planned_hours)
    lifecycle.leave(s, p)
    lifecycle.champions(s, p, r.champions, t)
    lifecycle.end_networks(s, p, t)
    records.record_month(s, p, t, 1.0, np.int64(0))
    nets = s.networks[: s.tally[0]["networks"]]
    reporters.summary(s.records[:1], nets, s.companies, s.tally[0], 1, 2, 1)  # its pattern kernels


def _month_is_cached() -> bool:
    return any(CACHE_DIR.glob("**/month.run_months-*.nbi"))


def ensure_compiled() -> None:
    """Make sure this process has the compiled month: load it, or compile it (once per machine)."""
    global _done
    if _done:
        return
    with compile_lock():
        if not _month_is_cached():
            helper = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    "from model import warmup; warmup.compile_phases('recruitment')",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            compile_phases("others")
            helper.wait()  # if it failed, the schedule compiles recruitment itself
        s, p, r = _tiny_run()
        run_months(s, p, r, 3)  # compiles the schedule, or loads it
    _done = True
