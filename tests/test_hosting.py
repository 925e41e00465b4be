"""Who carries a network, on tiny hand-built states: each decision rule and scenario mechanism.

Every test builds one partner with two facilitators and a network or two (tests/tiny_state.py),
runs one compiled phase and reads what it decided. Figures in the comments follow from the
format table (model/formats.py) and the rules (model/rules.py) for the values the test sets.
"""

from __future__ import annotations

import numpy as np
import pytest

from model import formats
from model.hosting import allocate_hosts
from model.lifecycle import champions, end_networks, leave
from model.recruitment import candidates
from model.staffing import programme_running, update_staff
from model.state import ALIVE_WINDOW_MONTHS, Carrier
from tests.tiny_state import add_network, tiny

END = 36  # the programme's last month is 35
EVEN = {  # an even format mix: every format fits the partner's strategy with weight 1
    f"mix_{f}": 1.0 for f in formats.FORMATS
}
AFTER = {"hour_cost": 500.0, "target_pressure": 0.5, "attendance_value": 500.0, **EVEN}


def decide(state, record, t=END, fee=0.0):
    """One month's hosting decision; returns the carriers of the networks."""
    running = programme_running(state, record, t)
    allocate_hosts(state, record, np.random.default_rng(1), t, running, fee)
    return [Carrier(int(c)) for c in state.networks["carrier"][: state.tally[0]["networks"]]]


def even_mix(state):
    state.partners["mix_cdf"] = np.cumsum(np.full(formats.N_FORMATS, 1 / formats.N_FORMATS))


def test_the_partner_keeps_the_network_worth_more_per_hour_when_its_pool_is_short():
    state, record, _ = tiny(core_hours=2.0, dialogue_value=3000.0, **AFTER)
    even_mix(state)
    # two peer groups of 8, each 2.8 hours a month; the pool has 4 hours
    plain = add_network(state, formats.PEER, 8, first_company=0)
    talks = add_network(state, formats.PEER, 8, dialogues=6, first_company=8)
    carriers = decide(state, record)
    assert carriers[talks] == Carrier.HOSTED
    assert carriers[plain] == Carrier.DORMANT


def test_a_network_not_worth_its_cost_is_dropped_whatever_the_pool():
    state, record, _ = tiny(core_hours=80.0, **AFTER)
    even_mix(state)
    # a conference of 100 at half turnout: worth 3,125 DKK a month, costs about 5,400
    big = add_network(state, formats.CONFERENCE, 100, expected_share=0.5)
    assert decide(state, record)[big] == Carrier.DORMANT


def test_while_the_programme_pays_the_partner_hosts_what_its_pool_carries():
    state, record, _ = tiny(core_hours=80.0, **AFTER)
    even_mix(state)
    big = add_network(state, formats.CONFERENCE, 100, expected_share=0.5)
    assert decide(state, record, t=END - 1)[big] == Carrier.HOSTED


def test_expected_member_fees_keep_a_network_hosted_that_without_fees_is_dropped():
    # a theme network of 10 at 80 % turnout: worth 3,000 DKK a month, costs 4,250 without fees
    state, record, _ = tiny(core_hours=10.0, fee_value_dkk=300.0, **AFTER)
    even_mix(state)
    theme = add_network(state, formats.THEME, 10, expected_share=0.8)
    without = decide(state, record, fee=0.0)[theme]
    state, record, _ = tiny(core_hours=10.0, fee_value_dkk=300.0, **AFTER)
    even_mix(state)
    theme = add_network(state, formats.THEME, 10, expected_share=0.8)
    with_fees = decide(state, record, fee=5.0)[theme]  # 6,000 DKK a month expected
    assert without == Carrier.DORMANT and with_fees == Carrier.HOSTED


@pytest.mark.parametrize("hour_cost, kept", [(500.0, True), (2000.0, False)])
def test_a_dearer_hour_makes_hosting_dearer_not_cheaper(hour_cost, kept):
    # a peer group of 8: worth 6,000 DKK a month; costs 2.8 h x hour_cost + 800 DKK
    state, record, _ = tiny(core_hours=10.0, **{**AFTER, "hour_cost": hour_cost})
    even_mix(state)
    peer = add_network(state, formats.PEER, 8)
    assert (decide(state, record)[peer] == Carrier.HOSTED) is kept


def test_cofunding_adds_hours_to_the_pool_and_leaves_retention_alone():
    def at_the_end(**params):
        state, record, _ = tiny(staff_per_partner=40, staff_retention=0.5, **params)
        running = programme_running(state, record, END)
        update_staff(state, record, np.random.default_rng(3), END, running)
        return state.staff["active"].copy(), state.staff["free_hours"].copy()

    active, hours = at_the_end(post_funding_share=0.0)
    active_cf, hours_cf = at_the_end(post_funding_share=0.5)
    assert (active == active_cf).all()  # the same staff stay (common random numbers)
    funded = tiny()[2]["funded_hours"]
    assert np.allclose(hours_cf[active], hours[active] + 0.5 * funded)
    # the retention channel is a separate, documented switch
    active_ret, _ = at_the_end(post_funding_share=0.5, cofund_retention=1.0)
    assert active_ret.sum() > active.sum() and (active_ret >= active).all()


def test_a_successor_project_revives_a_dormant_network_at_its_partners():
    def revived(successor: bool):
        start = END + 6
        state, record, _ = tiny(
            successor_start_month=start, successor_months=24, core_hours=0.0, **AFTER
        )
        even_mix(state)
        state.partners["successor"] = successor
        state.staff["active"] = False  # the facilitators left at the end
        net = add_network(state, formats.PEER, 8, carrier=Carrier.DORMANT, last_met=END - 1)
        running = programme_running(state, record, start)
        update_staff(state, record, np.random.default_rng(2), start, running)
        return decide(state, record, t=start)[net]

    assert revived(True) == Carrier.SUCCESSOR
    assert revived(False) == Carrier.DORMANT


def test_an_existing_company_network_carries_what_was_built_inside_it():
    state, record, _ = tiny(core_hours=0.0, **AFTER)
    even_mix(state)
    group = int(np.flatnonzero(state.groups["association_count"] >= 3)[0])
    inside = add_network(state, formats.THEME, 10, association=group)
    outside = add_network(state, formats.THEME, 10, first_company=10)
    carriers = decide(state, record)
    assert carriers[inside] == Carrier.ASSOCIATION
    assert carriers[outside] == Carrier.DORMANT


def test_a_network_inside_a_company_network_invites_its_members():
    state, record, _ = tiny(house_invite_rate=1.0, tie_invite_rate=0.0, open_call_scale=0.0)
    group = int(np.argmax(state.groups["association_count"]))
    net = add_network(state, formats.PEER, 0, association=group)
    nets, comps, _ = candidates(state, record, np.random.default_rng(0))
    g = state.groups[group]
    expected = state.association_order[
        g["association_start"] : g["association_start"] + g["association_count"]
    ]
    invited = set(comps[nets == net].tolist())
    assert set(expected.tolist()) <= invited


def test_an_open_call_invites_each_catchment_company_with_the_poisson_thinned_chance():
    # a conference's call reaches OPEN_CALL * scale * (1 + target pressure) companies a month, drawn
    # with repeats from the catchment of 200: each is reached with chance 1 - exp(-reach / 200)
    scale = 2.0
    state, record, _ = tiny(
        house_invite_rate=0.0, tie_invite_rate=0.0, open_call_scale=scale, target_pressure=0.5
    )
    net = add_network(state, formats.CONFERENCE, 0)
    reach = formats.OPEN_CALL[formats.CONFERENCE] * scale * 1.5
    chance = -np.expm1(-reach / state.companies.size)
    rng = np.random.default_rng(3)
    invited = []
    for _ in range(200):
        nets, comps, _ = candidates(state, record, rng)
        assert np.unique(comps[nets == net]).size == comps[nets == net].size  # no repeats
        invited.append(comps[nets == net].size)
    trials = 200 * state.companies.size
    se = np.sqrt(chance * (1 - chance) / trials)
    assert abs(np.sum(invited) / trials - chance) < 4 * se  # 4 standard errors: a 1 in 15,000 miss


def test_no_open_call_reaches_anyone_at_zero_scale():
    state, record, _ = tiny(house_invite_rate=0.0, tie_invite_rate=0.0, open_call_scale=0.0)
    add_network(state, formats.CONFERENCE, 0)
    nets, _, _ = candidates(state, record, np.random.default_rng(0))
    assert nets.size == 0


def test_members_carry_a_small_cohesive_network_with_a_champion():
    state, record, _ = tiny(core_hours=0.0, member_led_cohesion=0.5, member_led_max_size=12)
    led = add_network(state, formats.PEER, 6, cohesion=0.8, champion=0)
    crowd = add_network(state, formats.THEME, 20, cohesion=0.8, champion=6, first_company=6)
    carriers = decide(state, record)
    assert carriers[led] == Carrier.MEMBER_LED
    assert carriers[crowd] == Carrier.DORMANT  # too big to run as a group of equals


@pytest.mark.parametrize("party_hours, carrier", [(100.0, Carrier.PARTIES), (0.0, Carrier.DORMANT)])
def test_the_parties_carry_a_job_rotation_network_from_their_own_hours_and_pay(
    party_hours, carrier
):
    state, record, _ = tiny(
        core_hours=0.0,
        labour_party_influence=1.0,
        municipalisation=0.0,
        party_hours=party_hours,
    )
    rotation = add_network(state, formats.JOB_ROTATION, 8)
    assert decide(state, record)[rotation] == carrier
    assert (state.tally[0]["party_cost"] > 0) == (carrier == Carrier.PARTIES)


def test_members_of_a_dormant_network_drift_away_and_it_ends_when_too_few_are_left():
    state, record, values = tiny(satisfaction_memory=0.25, min_members=3)
    net = add_network(state, formats.PEER, 6, carrier=Carrier.DORMANT)
    # outside options 0.2 .. 0.7: the least attached members leave first
    state.companies["outside"][:6] = np.linspace(0.2, 0.7, 6)
    left = []
    for t in range(1, 12):
        leave(state, record)
        left.append(int(state.networks["members"][net]))
        end_networks(state, record, t)
        if not state.networks["alive"][net]:
            break
    assert left[0] == 6 and left == sorted(left, reverse=True)  # members leave one by one
    assert not state.networks["alive"][net] and left[-1] < values["min_members"]


def test_a_network_is_alive_while_it_has_met_within_the_window():
    state, record, _ = tiny()
    net = add_network(state, formats.CONFERENCE, 50, last_met=10, founded=0)
    end_networks(state, record, 10 + ALIVE_WINDOW_MONTHS)
    assert state.networks["alive"][net]
    end_networks(state, record, 10 + ALIVE_WINDOW_MONTHS + 1)
    assert not state.networks["alive"][net]


def test_champions_burn_out():
    state, record, _ = tiny(champion_burnout=1.0, champion_rate=0.0)
    net = add_network(state, formats.PEER, 6, champion=2)
    champions(state, record, np.random.default_rng(0), END)
    assert state.networks["champion"][net] == -1
