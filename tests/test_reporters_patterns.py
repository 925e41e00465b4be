"""The summary's pattern statistics, computed by compiled kernels, equal numpy's formulation.

``model.reporters._patterns`` counts in compiled loops; the reference below is the same
statistics as numpy array expressions (the form they had before). Both must agree bit for bit
on real runs' tables and on a hand-built table whose ratios are worked out by hand.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from model import formats, reporters
from model.params import validate
from model.run import advance, prepare
from model.state import COMPANY, empty_networks


def patterns_by_array_calls(nets, duration, companies) -> dict:
    """Means, shares and within-format ratios as numpy expressions (the specification)."""

    def mean(values):
        return float(values.mean()) if values.size else math.nan

    fmt = nets["format"]
    joiners = nets["joiners"].astype(float)
    involved = companies["involved_month"] >= 0
    met = nets["attendances"] > 0
    ratios = []
    for column in (joiners, duration):
        top_sum = bottom_sum = 0.0
        for f in sorted(range(formats.N_FORMATS), key=lambda f: formats.FORMATS[f]):
            here = np.flatnonzero(fmt == f)
            n = here.size
            if n < 2:
                continue
            emb = nets["host_embeddedness"][here]
            median = float(np.median(emb))
            top = emb >= median
            n_top = int(top.sum())
            if n_top in (0, n):
                continue
            values = column[here]
            top_sum += float(values[top].sum()) / n_top * n
            bottom_sum += float(values[~top].sum()) / (n - n_top) * n
        ratios.append(top_sum / bottom_sum if bottom_sum > 0 else math.nan)
    return {
        "conference_mean_joiners": mean(joiners[fmt == formats.CONFERENCE]),
        "small_mean_joiners": mean(joiners[(fmt == formats.PEER) | (fmt == formats.IN_HOUSE)]),
        "share_members_micro_small": mean(companies["size_class"][involved] <= 1),
        "share_networks_cd_purpose": mean(
            nets["dialogues"][met] / nets["attendances"][met] >= 1 / 3
        ),
        "embedded_recruit_ratio": ratios[0],
        "embedded_duration_ratio": ratios[1],
    }


def compiled(nets, duration, companies) -> dict:
    zeros = np.zeros(formats.N_FORMATS, np.int64)
    return reporters._patterns(nets, duration, companies, zeros, zeros, 0)


def same(ours: dict, spec: dict) -> bool:
    return all(np.array_equal(ours[k], v, equal_nan=True) for k, v in spec.items())


@pytest.mark.parametrize("seed", range(5))
def test_patterns_equal_numpy_formulation_on_real_runs(seed):
    values = validate({})
    state, record, streams = prepare(values, seed)
    state = advance(state, record, streams, values["horizon_months"])
    nets = state.networks[: state.tally[0]["networks"]]
    duration = (np.where(nets["alive"], 120, nets["ended"]) - nets["founded"]).astype(float)
    spec = patterns_by_array_calls(nets, duration, state.companies)
    assert same(compiled(nets, duration, state.companies), spec)
    assert not math.isnan(spec["embedded_recruit_ratio"])  # the ratio branch was exercised


def test_patterns_on_a_hand_built_table():
    # two peer groups and three conferences; hosts split at each format's median embeddedness
    nets = empty_networks(5)
    nets["format"] = [formats.PEER, formats.PEER] + [formats.CONFERENCE] * 3
    nets["host_embeddedness"] = [0.2, 0.8, 0.1, 0.5, 0.9]
    nets["joiners"] = [2, 6, 10, 20, 40]
    nets["attendances"] = [3, 0, 9, 9, 9]
    nets["dialogues"] = [1, 0, 2, 3, 9]
    duration = np.array([4.0, 8.0, 1.0, 2.0, 3.0])
    companies = np.zeros(4, COMPANY)
    companies["involved_month"] = [0, 5, -1, 7]
    companies["size_class"] = [0, 2, 0, 1]
    ours = compiled(nets, duration, companies)
    assert same(ours, patterns_by_array_calls(nets, duration, companies))
    # peers: top (0.8) 6 vs bottom (0.2) 2, each mean times 2 networks; conferences: median
    # 0.5, top {0.5, 0.9} mean 30 vs bottom {0.1} 10, each times 3 networks
    assert ours["embedded_recruit_ratio"] == pytest.approx((6 * 2 + 30 * 3) / (2 * 2 + 10 * 3))
    assert ours["embedded_duration_ratio"] == pytest.approx((8 * 2 + 2.5 * 3) / (4 * 2 + 1 * 3))
    assert ours["conference_mean_joiners"] == pytest.approx(70 / 3)
    assert ours["small_mean_joiners"] == 4.0
    assert ours["share_members_micro_small"] == pytest.approx(2 / 3)
    # of the 4 that met, dialogues in 1/3, 2/9, 3/9 and 9/9 of attendances: 3 reach a third
    assert ours["share_networks_cd_purpose"] == 0.75
