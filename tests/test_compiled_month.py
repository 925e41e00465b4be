"""The compiled month equals the numpy month it replaced, phase by phase and run by run.

``tests/numpy_month`` is the vectorised numpy model as it was before the month was compiled.
Each phase of the compiled month (``model.staffing`` ... ``model.records``) runs on a copy of a
state drawn from real runs of that model (several scenarios, seeds and months), and the numpy
phase runs on another copy; every table, counter and random stream must be identical afterwards.
Whole runs must give identical summaries, monthly series and network registers.

numpy computes ``exp``, ``log1p`` and ``pow`` with its own SIMD code on CPUs with AVX-512 and with
the C library elsewhere; the compiled code always uses the C library. The last bit of a value can
differ between the two on AVX-512 machines, so this module runs the comparison in a subprocess
whose numpy is told not to use AVX-512 (``NPY_DISABLE_CPU_FEATURES``): then both use the same
functions and equality is exact. (Whole runs agree in either case; see the second test.)
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
AVX512 = "X86_V4 AVX512_ICL AVX512_SPR AVX512_SKX AVX512_CLX AVX512_CNL AVX512F"
SCENARIOS = {
    "baseline": {},
    "cofund": {"post_funding_share": 0.3},
    "fees": {"member_fee": 1.0},
    "successor": {"successor_probability": 0.7, "successor_start_month": 50},
    "taper-crisis": {"taper_months": 12, "crisis_severity": 0.5, "crisis_start_month": 20},
    "handover": {"champion_training": 0.3},
}
SMALL = {"n_companies": 1500, "n_partners": 12, "horizon_months": 72}
PHASES = (
    "update_staff",
    "renew_companies",
    "allocate_hosts",
    "found_networks",
    "recruit",
    "meet",
    "leave",
    "champions",
    "end_networks",
    "record_month",
)
MONTHS = (3, 20, 35, 36, 37, 52)


def _oracle():
    sys.path.insert(0, str(HERE))
    import numpy_month.model

    return numpy_month.model.NetworkModel


def compiled_state(old):
    """The state of a numpy-month model in the compiled model's tables."""
    from model import state as S
    from model.month import Streams
    from model.params import as_record

    p, c, st, ix, n, m, w = (
        old.params,
        old.companies,
        old.staff,
        old.index,
        old.networks_,
        old.members,
        old.waiting,
    )
    companies = np.zeros(c.level.size, S.COMPANY)
    for name in S.COMPANY.names:
        companies[name] = getattr(c, "size" if name == "size_class" else name)
    staff = np.zeros(st.partner.size, S.STAFF)
    for name in S.STAFF.names:
        staff[name] = {"free_hours": old.free_hours, "tie_start": ix.tie_start}.get(
            name, getattr(st, name, None)
        )
    partners = np.zeros(old.partners.engaged.size, S.PARTNER)
    partners["engaged"], partners["successor"] = old.partners.engaged, old.partners.successor
    partners["mix_cdf"] = old.partners.mix_cdf
    partners["house_start"], partners["house_count"] = ix.house_start, ix.house_count
    partners["catchment_start"] = ix.catchment_start
    partners["catchment_count"] = ix.catchment_count
    groups = np.zeros(ix.by_group_start.size, S.GROUP)
    groups["start"], groups["count"] = ix.by_group_start, ix.by_group_count
    networks = S.empty_networks(n.count + staff.size + 64)
    for name in S.NETWORK.names:
        networks[name][: n.count] = n.view(name)
    members = np.zeros(c.level.size * p["max_memberships"], S.MEMBERSHIP)
    for name in S.MEMBERSHIP.names:
        members[name][: m.size] = getattr(m, name)
    waiting = np.zeros(c.level.size, S.WAITING_ENTRY)
    for name in S.WAITING_ENTRY.names:
        waiting[name][: w.company.size] = getattr(w, name)
    tally = np.zeros(1, S.TALLY)
    values = {
        "networks": n.count,
        "members": m.size,
        "waiting": w.company.size,
        "month": old.month,
        "staff_involved": old._staff_involved,
        "companies_involved": old._companies_involved,
        "dialogues": old._dialogues,
        "small_waitlisted": old._small_waitlisted,
        "cost": old._cost,
        "cost_month": getattr(old, "_cost_month", 0.0),
        "joins_early": old._joins_early,
        "kept_12": old._kept_12,
    }
    for name, value in values.items():
        tally[name] = value
    records = np.zeros((p["horizon_months"], len(S.RECORD_COLUMNS)))
    if old._records:
        records[: len(old._records)] = np.array(old._records, dtype=float)
    state = S.State(
        companies,
        staff,
        partners,
        groups,
        ix.tie_order.copy(),
        ix.house_order.copy(),
        networks,
        members,
        waiting,
        tally,
        records,
    )
    streams = Streams(*(copy.deepcopy(old.streams[name]) for name in Streams._fields))
    return state, as_record(p)[0], streams


def _same(a, b, where):
    """Equal arrays (NaN equal to NaN); an AssertionError naming the first difference."""
    a, b = np.asarray(a), np.asarray(b)
    assert a.shape == b.shape, f"{where}: shapes {a.shape} and {b.shape}"
    if a.dtype.names:
        for name in a.dtype.names:
            _same(a[name], b[name], f"{where}.{name}")
        return
    differ = ~((a == b) | ((a != a) & (b != b)))
    assert not differ.any(), f"{where}: first difference at {np.argwhere(differ)[0]}"


def compare_states(old_state, new_state, old_streams, new_streams):
    """Every used row of every table, the tallies, the records and the random streams agree."""
    t_old, t_new = old_state.tally[0], new_state.tally[0]
    _same(old_state.tally, new_state.tally, "tally")
    used = {
        "networks": int(t_old["networks"]),
        "members": int(t_old["members"]),
        "waiting": int(t_old["waiting"]),
    }
    for name in old_state._fields:
        a, b = getattr(old_state, name), getattr(new_state, name)
        if name in used:
            a, b = a[: used[name]], b[: used[name]]
        _same(a, b, name)
    for name in old_streams._fields:
        assert (
            getattr(old_streams, name).bit_generator.state
            == getattr(new_streams, name).bit_generator.state
        ), f"stream {name}"
    assert t_new["month"] == t_old["month"]


def run_phase(name, old, t):
    """Run one numpy phase on ``old`` and the compiled phase on a copy; compare the states."""
    from model import (
        formats,
        founding,
        hosting,
        lifecycle,
        meetings,
        records,
        recruitment,
        staffing,
    )
    from model.funding import crisis_level, fee_active

    state, p, streams = compiled_state(old)
    crisis = crisis_level(t, old.crisis_start_month, old.crisis_severity)
    fee = old.member_fee if fee_active(t, old.fee_start_month, old.programme_months) else 0.0
    running = staffing.programme_running(state, p, t)
    upkeep = formats.upkeep_hours(old.hour_cost)
    funding, attendance = 0.8, 17
    if name == "update_staff":
        old._update_staff(t)
        staffing.update_staff(state, p, streams.staff, t, running)
    elif name == "renew_companies":
        old._renew_companies(t)
        lifecycle.renew_companies(state, p, streams.companies, t)
    elif name == "allocate_hosts":
        old._allocate_hosts(t)
        hosting.allocate_hosts(state, p, streams.hosts, t, running, upkeep)
    elif name == "found_networks":
        old._found_networks(t)
        founding.found_networks(state, p, streams.founding, t, running, upkeep)
    elif name == "recruit":
        old._recruit(t, crisis, fee)
        recruitment.recruit(state, p, streams.recruitment, t, crisis, fee)
    elif name == "meet":
        old._meet(t, crisis, fee)
        meetings.meet(state, p, streams.meetings, t, crisis, fee)
    elif name == "leave":
        old._leave()
        lifecycle.leave(state, p)
    elif name == "champions":
        old._champions(t)
        lifecycle.champions(state, p, streams.champions, t)
    elif name == "end_networks":
        old._end_networks(t)
        lifecycle.end_networks(state, p, t)
    elif name == "record_month":
        old._cost_month = getattr(old, "_cost_month", 0.0)
        old._record(t, funding, attendance)
        if t == old.programme_months - 1:
            small = np.isin(old.networks_.view("format"), formats.SMALL_TAILORED)
            old._small_waitlisted = int((small & (old.networks_.view("waiting_peak") > 0)).sum())
        old.month += 1  # the numpy model appends a row; the compiled one writes row t
        records.record_month(state, p, t, funding, attendance)
        state.tally[0]["month"] += 1
    expected, _, old_streams = compiled_state(old)
    compare_states(expected, state, old_streams, streams)


def phase_cases():
    """(scenario, seed, month) states: every scenario at two seeds and every sampled month."""
    return [(s, seed, month) for s in SCENARIOS for seed in (3, 8) for month in MONTHS]


def check_all_phases() -> int:
    """Run every phase on every sampled state; return how many comparisons were made."""
    NumpyModel = _oracle()
    done = 0
    for scenario, seed, month in phase_cases():
        old = NumpyModel(seed=seed, agents=False, **SMALL, **SCENARIOS[scenario])
        for _ in range(month):
            old.step()
        # the phases of one month in order, each from the state the previous one left
        old._cost_month = getattr(old, "_cost_month", 0.0)
        for name in PHASES:
            before = copy.deepcopy(old)
            try:
                run_phase(name, before, month)
            except AssertionError as exc:
                raise AssertionError(
                    f"{scenario} seed {seed} month {month} {name}: {exc}"
                ) from None
            done += 1
            _advance(old, name, month)
    return done


def _advance(old, name, t):
    """Apply numpy phase ``name`` to ``old`` (the state the next phase starts from)."""
    from model.funding import crisis_level, fee_active

    crisis = crisis_level(t, old.crisis_start_month, old.crisis_severity)
    fee = old.member_fee if fee_active(t, old.fee_start_month, old.programme_months) else 0.0
    calls = {
        "update_staff": lambda: old._update_staff(t),
        "renew_companies": lambda: old._renew_companies(t),
        "allocate_hosts": lambda: old._allocate_hosts(t),
        "found_networks": lambda: old._found_networks(t),
        "recruit": lambda: old._recruit(t, crisis, fee),
        "meet": lambda: old._meet(t, crisis, fee),
        "leave": old._leave,
        "champions": lambda: old._champions(t),
        "end_networks": lambda: old._end_networks(t),
        "record_month": lambda: None,
    }
    calls[name]()


def run_digest(model) -> str:
    """sha256 of a run's summary, monthly series and network register."""
    h = hashlib.sha256()
    h.update(json.dumps(model.summary(), sort_keys=True).encode())
    h.update(model.timeseries().to_csv().encode())
    h.update(model.networks().to_csv().encode())
    return h.hexdigest()


def check_whole_runs() -> int:
    """10 seeds x 3 scenarios, full size and horizon: identical outputs. Returns the run count."""
    from model import NetworkModel

    NumpyModel = _oracle()
    done = 0
    for scenario in ("baseline", "cofund", "successor"):
        for seed in range(1, 11):
            old = NumpyModel(seed=seed, agents=False, **SCENARIOS[scenario])
            new = NetworkModel(seed=seed, **SCENARIOS[scenario])
            old.run_model()
            new.run_model()
            assert run_digest(old) == run_digest(new), f"{scenario} seed {seed}"
            done += 1
    return done


def _in_subprocess(function: str, disable_avx512: bool) -> str:
    env = {**os.environ}
    if disable_avx512:
        env["NPY_DISABLE_CPU_FEATURES"] = AVX512
    code = (
        f"import sys; sys.path.insert(0, {str(HERE)!r}); import test_compiled_month as t; "
        f"print(t.{function}())"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout.strip().splitlines()[-1]


@pytest.mark.slow
def test_each_phase_equals_the_numpy_phase():
    """6 scenarios x 2 seeds x 6 months x 10 phases: identical tables, tallies and streams."""
    done = int(_in_subprocess("check_all_phases", disable_avx512=True))
    assert done == len(phase_cases()) * len(PHASES)


@pytest.mark.slow
def test_whole_runs_equal_the_numpy_model():
    """Identical summaries, series and registers for 10 seeds of 3 scenarios (numpy as it is)."""
    assert int(_in_subprocess("check_whole_runs", disable_avx512=False)) == 30


def test_a_phase_comparison_detects_a_difference():
    """The comparison can fail: one changed value in one table is found and named."""
    from model import NetworkModel

    m = NetworkModel(seed=1, n_companies=300, n_partners=4, horizon_months=40)
    for _ in range(20):
        m.step()
    other = m.state._replace(members=m.state.members.copy())
    other.members["satisfaction"][0] = np.nextafter(other.members["satisfaction"][0], 9.0)
    with pytest.raises(AssertionError, match="members.satisfaction"):
        compare_states(m.state, other, m.streams, m.streams)
