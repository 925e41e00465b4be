"""The compiled population builder draws what numpy's array calls draw, number for number.

``model.state.build_companies`` fills the company table in a compiled kernel, one number at a
time. The reference below writes the same population as numpy array calls, the form the builder
had before it was compiled: both must give identical tables, the same staff tie counts and leave
the generator in the same state, or the numbers of every run would silently change.
"""

from __future__ import annotations

import numpy as np
import pytest

from model import formats
from model.params import validate
from model.state import (
    COMPANY,
    GROUP,
    PARTNER,
    SECTOR_SHARES,
    SECTORS,
    SIZE_TIME_FACTOR,
    STAFF,
    _counting_order,
    _index_population,
    build_companies,
    build_partners,
    build_staff,
    engaged_count,
)


def same_table(a: np.ndarray, b: np.ndarray) -> bool:
    """Every column equal, bit for bit (a table's padding bytes are not data: copies drop them)."""
    return a.dtype == b.dtype and all(
        a[name].tobytes() == b[name].tobytes() for name in a.dtype.names
    )


def companies_by_array_calls(p: dict, staff: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The company table drawn with numpy array calls (the builder's specification)."""
    n, n_p = p["n_companies"], p["n_partners"]
    c = np.zeros(n, COMPANY)
    partner = np.sort(rng.integers(0, n_p, n)).astype(np.int32)
    sector = rng.choice(len(SECTORS), size=n, p=SECTOR_SHARES).astype(np.int8)
    order = np.lexsort((sector, partner))
    c["partner"], c["sector"] = partner[order], sector[order]
    cut = np.array([p["share_micro"], p["share_micro"] + p["share_small"]])
    size = np.searchsorted(cut, rng.random(n), side="right").astype(np.int8)
    c["size_class"] = size
    c["level"] = rng.beta(2.0 + size, 3.0)
    mean = p["interest_mean"]
    c["interest"] = rng.beta(max(mean * 5.0, 1e-6), max((1.0 - mean) * 5.0, 1e-6), n)
    c["outside"] = rng.normal(p["outside_option_mean"], p["outside_option_sd"], n)
    c["threshold"] = np.clip(rng.normal(p["threshold_mean"], p["threshold_sd"], n), 0.0, 1.0)
    c["need"] = rng.integers(0, p["n_topics"], n)
    c["house"] = rng.random(n) < p["share_house_customers"]
    c["time_factor"] = SIZE_TIME_FACTOR[size]
    c["involved_month"] = -1
    emb, staff_partner = staff["embeddedness"], staff["partner"]
    per_partner = np.bincount(staff_partner, weights=emb, minlength=n_p)
    before = np.concatenate([[0.0], np.cumsum(per_partner)[:-1]])
    log_none = np.bincount(
        staff_partner,
        minlength=n_p,
        weights=np.log1p(-np.minimum(p["tie_density"] * emb, 1 - 1e-12)),
    )
    p_tie = 1.0 - np.exp(log_none)
    partner = c["partner"]
    tied = rng.random(n) < p_tie[partner]
    target = before[partner] + rng.random(n) * per_partner[partner]
    tie = np.where(tied, np.minimum(np.searchsorted(np.cumsum(emb), target), staff.size - 1), -1)
    c["tie"] = np.where(tied & (staff_partner[np.maximum(tie, 0)] == partner), tie, -1)
    staff["ties"] = np.bincount(c["tie"][c["tie"] >= 0], minlength=staff.size)
    return c


@pytest.mark.parametrize(
    "overrides",
    [
        {},  # the calibrated baseline
        {"n_companies": 300, "n_partners": 3, "staff_per_partner": 2, "tie_density": 0.9},
        {"share_micro": 0.0, "share_small": 1.0, "interest_mean": 0.02, "n_topics": 1},
        {"n_companies": 5000, "n_partners": 40, "share_house_customers": 1.0},
    ],
)
@pytest.mark.parametrize("seed", [0, 20100901])
def test_compiled_builder_equals_numpy_array_calls(overrides, seed):
    p = validate(overrides)
    staff_rng = np.random.default_rng(seed)
    staff = build_staff(p, staff_rng)
    ours_rng, numpys_rng = np.random.default_rng(seed + 1), np.random.default_rng(seed + 1)
    ours_staff, numpys_staff = staff.copy(), staff.copy()
    ours = build_companies(p, ours_staff, ours_rng)
    numpys = companies_by_array_calls(p, numpys_staff, numpys_rng)
    assert same_table(ours, numpys)
    assert np.array_equal(ours_staff["ties"], numpys_staff["ties"])
    assert ours_rng.bit_generator.state == numpys_rng.bit_generator.state
    assert (ours["tie"] >= 0).any()  # the tie draw was exercised, not skipped


def orderings_by_array_calls(p, companies, staff, partners, rng):
    """The population's orderings and company networks with numpy array calls (the spec)."""

    def starts(sorted_keys, n_keys):
        count = np.bincount(sorted_keys, minlength=n_keys)
        return np.concatenate([[0], np.cumsum(count)[:-1]]), count

    n_p = p["n_partners"]
    group = companies["partner"].astype(np.int64) * len(SECTORS) + companies["sector"]
    groups = np.zeros(n_p * len(SECTORS), GROUP)
    groups["start"], groups["count"] = starts(group, groups.size)
    tie = companies["tie"]
    tied = np.flatnonzero(tie >= 0)
    tie_order = tied[np.argsort(tie[tied], kind="stable")]
    staff["tie_start"] = starts(tie[tie_order], staff.size)[0]
    house_order = np.flatnonzero(companies["house"])
    partners["house_start"], partners["house_count"] = starts(
        companies["partner"][house_order], n_p
    )
    partners["catchment_start"], partners["catchment_count"] = starts(companies["partner"], n_p)
    association_order = np.flatnonzero(rng.random(companies.size) < p["association_share"])
    groups["association_start"], groups["association_count"] = starts(
        group[association_order], groups.size
    )
    return groups, tie_order, house_order, association_order


@pytest.mark.parametrize(
    "overrides",
    [{}, {"n_companies": 300, "n_partners": 3, "staff_per_partner": 2, "tie_density": 0.9}],
)
def test_compiled_orderings_equal_numpy_array_calls(overrides):
    p = validate(overrides)
    rng = np.random.default_rng(7)
    partners, staff = build_partners(p, rng), build_staff(p, rng)
    companies = build_companies(p, staff, rng)
    ours_rng, numpys_rng = np.random.default_rng(8), np.random.default_rng(8)
    ours_staff, ours_partners = staff.copy(), partners.copy()
    ours_groups = np.zeros(p["n_partners"] * len(SECTORS), GROUP)
    ours = _index_population(
        companies, ours_staff, ours_partners, ours_groups, p["association_share"], ours_rng
    )
    groups, *orders = orderings_by_array_calls(p, companies, staff, partners, numpys_rng)
    for mine, theirs in zip(ours, orders):
        assert mine.dtype == theirs.dtype and np.array_equal(mine, theirs)
    assert same_table(ours_groups, groups)
    assert same_table(ours_partners, partners)
    assert same_table(ours_staff, staff)
    assert ours_rng.bit_generator.state == numpys_rng.bit_generator.state
    assert all(order.size > 0 for order in orders)  # every ordering was exercised


def partners_by_array_calls(p: dict, rng: np.random.Generator) -> np.ndarray:
    """The partner table drawn with numpy array calls (the builder's specification)."""
    n = p["n_partners"]
    partners = np.zeros(n, PARTNER)
    partners["engaged"][rng.permutation(n)[: engaged_count(p["partner_engagement"], n)]] = True
    partners["successor"] = rng.random(n) < p["successor_probability"]
    weights = np.array([p[f"mix_{f}"] for f in formats.FORMATS], dtype=float)
    weights = weights / weights.sum()
    alpha = np.maximum(weights * 20.0, 1e-9)
    mix = rng.gamma(alpha, 1.0, size=(n, formats.N_FORMATS))
    mix = np.where(weights > 0, mix, 0.0)
    mix /= np.maximum(mix.sum(axis=1, keepdims=True), 1e-300)
    partners["mix_cdf"] = np.cumsum(mix, axis=1)
    return partners


def staff_by_array_calls(p: dict, rng: np.random.Generator) -> np.ndarray:
    """The staff table drawn with numpy array calls (the builder's specification)."""

    def beta_from_mean(mean, concentration, size):
        return rng.beta(
            max(mean * concentration, 1e-6), max((1 - mean) * concentration, 1e-6), size
        )

    n = p["n_partners"] * p["staff_per_partner"]
    staff = np.zeros(n, STAFF)
    staff["partner"] = np.repeat(np.arange(p["n_partners"]), p["staff_per_partner"])
    staff["embeddedness"] = beta_from_mean(
        p["embeddedness_mean"], p["embeddedness_concentration"], n
    )
    listen_mean = np.clip(p["listening_mean"] * (1.0 - 0.5 * p["target_pressure"]), 0.01, 0.99)
    staff["listening"] = beta_from_mean(listen_mean, 8.0, n)
    staff["join_month"] = -1
    return staff


@pytest.mark.parametrize(
    "overrides",
    [
        {},
        {"n_partners": 3, "staff_per_partner": 2, "target_pressure": 0.0, "listening_mean": 0.99},
        {"mix_conference": 0.0, "mix_theme": 0.0, "partner_engagement": 0.0},
    ],
)
@pytest.mark.parametrize("seed", [0, 20100901])
def test_compiled_partners_and_staff_equal_numpy_array_calls(overrides, seed):
    p = validate(overrides)
    ours_rng, numpys_rng = np.random.default_rng(seed), np.random.default_rng(seed)
    assert same_table(build_partners(p, ours_rng), partners_by_array_calls(p, numpys_rng))
    assert same_table(build_staff(p, ours_rng), staff_by_array_calls(p, numpys_rng))
    assert ours_rng.bit_generator.state == numpys_rng.bit_generator.state


def test_counting_order_is_numpys_stable_sort():
    keys = np.random.default_rng(3).integers(0, 17, 2_000)
    ordered, order = _counting_order(keys, 17)
    assert np.array_equal(order, np.argsort(keys, kind="stable"))
    assert np.array_equal(ordered, np.sort(keys))
