"""Each decision rule on tiny hand-built states (model/rules.py)."""

import numpy as np
import pytest

from model import rules


def test_current_need_unchanged_after_zero_months():
    rng = np.random.default_rng(0)
    need = np.array([1, 2, 3])
    assert (rules.current_need(need, np.zeros(3), 0.9, 8, rng) == need).all()


def test_current_need_always_redrawn_at_rate_one():
    rng = np.random.default_rng(1)
    need = np.full(20000, 7)
    new = rules.current_need(need, np.ones(20000), 1.0, 8, rng)
    # redrawn uniformly over 8 topics: topic 7 keeps about 1/8 (binomial sd ~0.0023)
    assert abs((new == 7).mean() - 1 / 8) < 0.01


def test_current_need_change_probability_compounds_over_months():
    rng = np.random.default_rng(2)
    n = 40000
    new = rules.current_need(np.zeros(n, int), np.full(n, 3), 0.25, 1000, rng)
    # P(changed) = 1 - 0.75**3 = 0.578; a redraw hits topic 0 with prob 1/1000 only
    assert abs((new != 0).mean() - (1 - 0.75 ** 3)) < 0.01


def test_peer_value_saturates_at_the_optimum_and_crowding_lowers_it():
    n = np.array([0, 5, 10, 20, 60])
    v = rules.peer_value(n, np.zeros(5), w_peer=1.0, level_scale=0.3, optimal_group=10, crowding=0.1)
    assert v[0] == 0
    assert v[1] < v[2]  # more peers help up to the optimum
    assert v[3] == pytest.approx(np.log(11) - 0.1 * 10)  # beyond: no gain, congestion
    assert v[4] < v[3] < v[2]


def test_peer_value_falls_with_level_distance():
    d = np.array([0.0, 0.3, 0.9])
    v = rules.peer_value(np.full(3, 8), d, 1.0, 0.3, 10, 0.0)
    assert v[0] > v[1] > v[2] > 0
    assert v[1] == pytest.approx(np.log(9) * np.exp(-1))


def test_realised_value_adds_benefits_and_subtracts_costs():
    one = np.ones(2)
    v = rules.realised_value(2 * one, one, 0.5 * one, 0.25 * one, 1.5 * one, 0.5, np.array([0.0, 1.0]))
    assert v.tolist() == [1.75, 2.75]


def test_attends_needs_value_above_outside_and_enough_peers():
    sat = np.array([2.0, 2.0, 0.5, 2.0])
    share = np.array([0.5, 0.1, 0.5, 0.3])
    go = rules.attends(sat, np.zeros(4), np.ones(4), share, np.full(4, 0.25))
    assert go.tolist() == [True, False, False, True]


def test_expected_meeting_value_corrects_only_headline_formats():
    sat = np.array([1.0, 1.0, 1.0])
    v = rules.expected_meeting_value(sat, fit_rate=np.array([0.8, 0.8, 0.8]),
                                     announced_fit=np.array([False, True, False]),
                                     headline=np.array([True, True, False]), w_fit=2.0, crisis=0.0)
    assert v.tolist() == pytest.approx([1.0 - 1.6, 1.0 + 0.4, 1.0])


def test_update_satisfaction_weighs_first_meeting_half_then_memory():
    s = rules.update_satisfaction(np.array([2.0, 2.0]), np.array([0.0, 0.0]), 0.25, np.array([1, 9]))
    assert s.tolist() == [1.0, 1.5]


def test_leaves_on_low_satisfaction_or_missed_meetings():
    out = rules.leaves(np.array([0.5, 2.0, 2.0]), np.ones(3), np.array([0, 3, 1]), 3)
    assert out.tolist() == [True, True, False]


def test_joins_only_when_expected_value_beats_outside_option():
    assert rules.joins(np.array([1.1, 0.9]), np.ones(2)).tolist() == [True, False]


def test_dialogue_probability_scales_with_interest_and_content():
    u = np.array([0.05, 0.05, 0.3])
    out = rules.dialogue(np.array([0.5, 0.0, 0.5]), np.array([0.5, 0.9, 0.5]), 0.8, u)
    assert out.tolist() == [True, False, False]  # 0.8*0.5*0.5 = 0.2


def test_cohesion_grows_in_small_groups_and_decays_otherwise():
    c = np.array([0.2, 0.2, 0.2])
    out = rules.update_cohesion(c, met=np.array([True, True, False]), share=np.ones(3),
                                attendees=np.array([5, 50, 5]), optimal_group=10, growth=0.5, decay=0.1)
    assert out[0] == pytest.approx((0.2 + 0.5 * 0.8) * 0.9)
    assert out[1] == pytest.approx((0.2 + 0.5 * 0.2 * 0.8) * 0.9)  # a crowd forms fewer ties
    assert out[2] == pytest.approx(0.18)


def test_agenda_of_a_listening_host_covers_the_most_common_needs():
    rng = np.random.default_rng(3)
    group = np.array([0, 0, 0, 0, 0, 1, 1])
    need = np.array([2, 2, 2, 5, 5, 1, 1])
    plan = rules.agenda(group, need, 2, 8, 1, np.array([True, True]), rng)
    assert plan.sum(axis=1).tolist() == [1, 1]
    assert plan[0, 2] and plan[1, 1]
    plan2 = rules.agenda(group, need, 2, 8, 2, np.array([True, True]), rng)
    assert plan2[0, 2] and plan2[0, 5]


def test_agenda_of_a_host_who_does_not_listen_ignores_needs():
    rng = np.random.default_rng(4)
    group = np.zeros(50, int)
    need = np.zeros(50, int)
    hits = sum(rules.agenda(group, need, 1, 8, 1, np.array([False]), rng)[0, 0] for _ in range(400))
    assert 20 < hits < 80  # about 1/8 of 400 = 50, not always


def test_first_per_group_and_rank_in_group():
    group = np.array([3, 1, 3, 1, 2])
    key = np.array([0.5, 0.9, 0.1, 0.2, 0.7])
    assert sorted(rules.first_per_group(group, key).tolist()) == [2, 3, 4]
    assert rules.rank_in_group(group, key).tolist() == [1, 1, 0, 0, 0]


def test_keep_within_budget_keeps_best_networks_first():
    host = np.array([0, 0, 0, 1])
    need = np.array([4.0, 4.0, 4.0, 10.0])
    budget = np.array([9.0, 5.0])
    priority = np.array([1.0, 3.0, 2.0, 1.0])
    assert rules.keep_within_budget(host, need, budget, priority).tolist() == [False, True, True, False]


def test_member_led_needs_champion_cohesion_and_small_size():
    ok = rules.can_be_member_led(np.array([True, False, True, True]), np.array([0.6, 0.9, 0.3, 0.9]),
                                 np.array([8, 8, 8, 40]), 0.5, 12)
    assert ok.tolist() == [True, False, False, False]


def test_party_takeover_weakened_by_municipalisation_for_job_rotation():
    u = np.full(2, 0.3)
    out = rules.party_takeover(np.array([True, True]), np.array([True, False]), 0.5, 0.8, u)
    assert out.tolist() == [False, True]  # rotation: 0.5*0.2 = 0.1 < 0.3


def test_dying_only_after_startup():
    out = rules.dying(np.array([1, 1, 5]), 3, np.array([2, 6, 6]), 4)
    assert out.tolist() == [False, True, False]
