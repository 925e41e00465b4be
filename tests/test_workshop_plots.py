"""Workshop plots, the dashboard figures and local number formats, on small hand-made tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from experiments.dashboard.plots import MAX_DOTS, member_dots, network_positions, network_view
from experiments.reports import workshop_plots as wp
from model.formats import FOCUS, FORMATS, STRATEGIC


def register(rows):
    """A network register with the columns the plots read: (format, alive, members, founded)."""
    frame = pd.DataFrame(rows, columns=["format", "censored", "members_end", "founded"])
    frame.insert(0, "network_id", range(len(frame)))
    return frame


@pytest.mark.parametrize(
    "staff, companies, met", [(240, 1400, True), (150, 1400, False), (240, 1300, False)]
)
def test_headcount_title_says_whether_the_goal_is_met(staff, companies, met):
    runs = pd.DataFrame(
        {
            "staff_involved": [staff - 2, staff + 2],
            "companies_involved": [companies - 10, companies + 10],
        }
    )
    fig = wp.plot_headcounts(runs, month=24, lang="en")
    title = fig._suptitle.get_text().replace("\n", " ")
    assert title.startswith("The model meets" if met else "The model falls short")
    assert f"{staff} staff" in title and f"{companies:,} companies" in title
    staff_ax, company_ax = fig.axes
    assert [p.get_height() for p in staff_ax.patches] == [168, 227, staff]
    assert [p.get_height() for p in company_ax.patches] == [1365, 1381, companies]


def test_headcounts_in_danish_use_danish_words_and_numbers():
    runs = pd.DataFrame({"staff_involved": [236.0], "companies_involved": [1403.0]})
    fig = wp.plot_headcounts(runs, lang="da")
    title = fig._suptitle.get_text().replace("\n", " ")
    assert "medarbejdere og 1.403 virksomheder" in title
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert labels[0] == "Mål" and labels[1].startswith("Indberettet")


def test_map_positions_keep_each_format_in_its_quadrant():
    frame = register([(f, True, 5, 0) for f in FORMATS for _ in range(80)])
    x, y = wp.map_positions(frame)
    i = frame["format"].map(FORMATS.index).to_numpy()
    assert np.all((x > FOCUS[i]) & (x < FOCUS[i] + 1))
    assert np.all((y > STRATEGIC[i]) & (y < STRATEGIC[i] + 1))


def test_map_title_counts_networks_meeting_two_years_later():
    at_end = register(
        [("conference", True, 100, 3)] * 4
        + [("peer_exchange", True, 8, 5)] * 3
        + [("partnership", True, 6, 9), ("theme", False, 0, 1)]
    )
    later = register(
        [("conference", False, 0, 3)] * 4
        + [("peer_exchange", True, 7, 5)] * 2
        + [
            ("peer_exchange", False, 0, 5),
            ("partnership", True, 5, 9),
            ("theme", False, 0, 1),
            ("theme", True, 4, 40),
        ]
    )  # founded after the end
    fig = wp.plot_format_map(at_end, later, funding_end=36, seed=1, lang="en")
    title = fig._suptitle.get_text().replace("\n", " ")
    assert title.startswith("3 of the 8 networks alive when the money stopped")
    assert title.endswith("most of them peer-exchange groups and partnerships")
    left, right = fig.axes
    assert len(left.collections[0].get_offsets()) == 8
    assert len(right.collections[0].get_offsets()) == 4  # alive then, whenever founded
    sizes = left.collections[0].get_sizes()
    assert sizes.max() == pytest.approx(8 + 1.6 * 100)  # area grows with members


def test_map_title_when_nothing_survives_in_danish():
    at_end = register([("theme", True, 10, 2)] * 5)
    later = register([("theme", False, 0, 2)] * 5)
    title = wp.plot_format_map(at_end, later, lang="da")._suptitle.get_text().replace("\n", " ")
    assert title.startswith("Ingen af de 5 netværk")


def comparison(costs: dict, diff_ci: dict | None = None) -> pd.DataFrame:
    """A comparison table; ``diff_ci``: scenario -> (low, high) of the paired cost difference."""
    rows = []
    for name, cost in costs.items():
        low, high = (diff_ci or {}).get(name, (float("nan"), float("nan")))
        rows.append(
            {
                "scenario": name,
                "metric": "cost_per_network_alive_24",
                "mean": cost,
                "ci_low": cost * 0.8,
                "ci_high": cost * 1.2,
                "diff_ci_low": low,
                "diff_ci_high": high,
            }
        )
        rows.append(
            {
                "scenario": name,
                "metric": "cost_total",
                "mean": 50e6,
                "ci_low": 49e6,
                "ci_high": 51e6,
            }
        )
    return pd.DataFrame(rows)


def test_cost_title_names_a_clearly_cheaper_scenario_and_marks_no_survivors():
    costs = {"baseline": 2.5e6, "taper": 3e6, "peer-first": 1.5e6, "crisis": float("nan")}
    clear = {"taper": (0.1e6, 0.9e6), "peer-first": (-1.6e6, -0.4e6)}
    fig = wp.plot_cost_per_network(comparison(costs, clear), 10)
    title = fig._suptitle.get_text().replace("\n", " ")
    assert title == (
        "The peer-networks-first scenario costs clearly less per surviving network than the "
        "baseline scenario: 1.5 million DKK against 2.5 million DKK"
    )
    ax = fig.axes[0]
    assert [round(p.get_width(), 2) for p in ax.patches] == [2.5, 3.0, 1.5]
    assert any("no network alive" in t.get_text() for t in ax.texts)
    da = wp.plot_cost_per_network(comparison({"baseline": 2.54e6}), 10, lang="da")
    assert "kostede 2,5 mio. kr." in da._suptitle.get_text().replace("\n", " ")


def test_cost_title_ranks_nothing_when_the_intervals_include_zero():
    """peer-first is cheaper on average, but its paired interval includes 0: no claim."""
    costs = {"baseline": 2.8e6, "peer-first": 2.1e6}
    for table in (comparison(costs, {"peer-first": (-1.5e6, 0.1e6)}), comparison(costs)):
        title = wp.plot_cost_per_network(table, 10)._suptitle.get_text().replace("\n", " ")
        assert title == (
            "No scenario costs clearly less per surviving network than the baseline scenario "
            "(2.8 million DKK)"
        )


def test_network_positions_never_move_when_networks_are_added():
    first = np.array([0, 2, 2, 5, 1])
    more = np.concatenate([first, [2, 0, 3, 2]])
    x1, y1 = network_positions(first)
    x2, y2 = network_positions(more)
    np.testing.assert_array_equal(x1, x2[:5])
    np.testing.assert_array_equal(y1, y2[:5])
    assert len({(round(a, 9), round(b, 9)) for a, b in zip(x2, y2)}) == len(more)


def test_member_dots_one_per_member_up_to_the_cap():
    x, y = np.array([0.0, 1.0, 2.0]), np.zeros(3)
    dx, dy = member_dots(x, y, np.array([3, 0, MAX_DOTS + 50]))
    assert dx.size == 3 + MAX_DOTS
    assert np.all(np.abs(dx[:3] - 0.0) < 0.1) and np.all(np.abs(dx[3:] - 2.0) < 0.1)


def test_network_view_greys_ended_networks_and_counts_the_living():
    frame = register([("theme", True, 10, 0), ("theme", False, 0, 0), ("in_house", True, 5, 1)])
    fig = network_view(frame, month=12)
    ax = fig.axes[0]
    assert ax.get_title() == "Month 12: 2 networks alive, 15 member companies"
    ended = ax.collections[0]
    assert len(ended.get_offsets()) == 1
    np.testing.assert_allclose(ended.get_facecolor()[0][:3], [0x9A / 255] * 3)
