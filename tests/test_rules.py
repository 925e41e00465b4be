"""Each decision rule on tiny hand-built states (model/rules.py), called from Python."""

import math

import numpy as np
import pytest

from model import rules


def test_current_need_unchanged_after_zero_months():
    rng = np.random.default_rng(0)
    need = np.array([1, 2, 3])
    assert (rules.current_need(need, np.zeros(3, np.int64), 0.9, 8, rng) == need).all()


def test_current_need_always_redrawn_at_rate_one():
    rng = np.random.default_rng(1)
    need = np.full(20000, 7)
    new = rules.current_need(need, np.ones(20000, np.int64), 1.0, 8, rng)
    # redrawn uniformly over 8 topics: topic 7 keeps about 1/8 (binomial sd ~0.0023)
    assert abs((new == 7).mean() - 1 / 8) < 0.01


def test_current_need_change_probability_compounds_over_months():
    rng = np.random.default_rng(2)
    n = 40000
    new = rules.current_need(np.zeros(n, np.int64), np.full(n, 3), 0.25, 1000, rng)
    # P(changed) = 1 - 0.75**3 = 0.578; a redraw hits topic 0 with prob 1/1000 only
    assert abs((new != 0).mean() - (1 - 0.75**3)) < 0.01


def test_peer_value_saturates_at_the_optimum_and_crowding_lowers_it():
    v = [rules.peer_value(n, 0.0, 1.0, 0.3, 10, 0.1) for n in (0, 5, 10, 20, 60)]
    assert v[0] == 0
    assert v[1] < v[2]  # more peers help up to the optimum
    assert v[3] == pytest.approx(math.log(11) - 0.1 * 10)  # beyond: no gain, congestion
    assert v[4] < v[3] < v[2]


def test_peer_value_falls_with_level_distance():
    v = [rules.peer_value(8, d, 1.0, 0.3, 10, 0.0) for d in (0.0, 0.3, 0.9)]
    assert v[0] > v[1] > v[2] > 0
    assert v[1] == pytest.approx(math.log(9) * math.exp(-1))


def test_fit_value_counts_only_a_fitting_topic_and_grows_in_a_crisis():
    assert rules.fit_value(0.0, 2.5, 0.0) == 0.0
    assert rules.fit_value(1.0, 2.5, 0.0) == 2.5
    assert rules.fit_value(1.0, 2.5, 0.4) == pytest.approx(3.5)


def test_social_value_adds_a_tie_to_the_host_and_cohesion():
    assert rules.social_value(False, 0.2, 1.0) == pytest.approx(0.2)
    assert rules.social_value(True, 0.2, 1.0) == pytest.approx(0.7)


def test_longterm_value_needs_interest_and_content_and_falls_in_a_crisis():
    assert rules.longterm_value(0.0, 0.9, 1.0, 0.0) == 0.0
    assert rules.longterm_value(0.5, 0.4, 2.0, 0.0) == pytest.approx(0.4)
    assert rules.longterm_value(0.5, 0.4, 2.0, 0.5) == pytest.approx(0.2)


def test_time_cost_is_higher_for_smaller_firms_and_a_crisis_hits_micro_firms_only():
    assert rules.time_cost(1.0, 1.3, 0.0, True, 0.0) > rules.time_cost(1.0, 0.7, 0.0, False, 0.0)
    assert rules.time_cost(1.0, 1.3, 0.5, True, 0.0) == pytest.approx(1.3 * 1.5)
    assert rules.time_cost(1.0, 1.0, 0.5, False, 0.0) == pytest.approx(1.0)


def test_members_who_host_their_network_carry_its_hosting_time():
    alone = rules.time_cost(1.0, 1.0, 0.0, False, 0.0)
    hosting = rules.time_cost(1.0, 1.0, 0.0, False, rules.MEETING_HOURS)
    assert hosting == pytest.approx(2 * alone)


def test_fade_lets_what_a_dormant_member_got_decay_at_its_memory():
    assert rules.fade(2.0, 0.25) == pytest.approx(1.5)
    assert rules.fade(rules.fade(2.0, 0.25), 0.25) < 1.5


def test_realised_value_adds_benefits_and_subtracts_costs():
    assert rules.realised_value(2.0, 1.0, 0.5, 0.25, 1.5, 0.5, 0.0) == 1.75
    assert rules.realised_value(2.0, 1.0, 0.5, 0.25, 1.5, 0.5, 1.0) == 2.75


def test_attends_needs_value_above_outside_and_enough_peers():
    cases = [(2.0, 0.5, True), (2.0, 0.1, False), (0.5, 0.5, False), (2.0, 0.3, True)]
    for satisfaction, share, expected in cases:
        assert rules.attends(satisfaction, 0.0, 1.0, share, 0.25) is expected


def test_expected_meeting_value_corrects_only_headline_formats():
    assert rules.expected_meeting_value(1.0, 0.8, False, True, 2.0, 0.0) == pytest.approx(1.0 - 1.6)
    assert rules.expected_meeting_value(1.0, 0.8, True, True, 2.0, 0.0) == pytest.approx(1.0 + 0.4)
    assert rules.expected_meeting_value(1.0, 0.8, False, False, 2.0, 0.0) == 1.0


def test_update_satisfaction_weighs_first_meeting_half_then_memory():
    assert rules.update_satisfaction(2.0, 0.0, 0.25, 1) == 1.0
    assert rules.update_satisfaction(2.0, 0.0, 0.25, 9) == 1.5


def test_leaves_on_low_satisfaction_or_missed_meetings():
    assert rules.leaves(0.5, 1.0, 0, 3)
    assert rules.leaves(2.0, 1.0, 3, 3)
    assert not rules.leaves(2.0, 1.0, 1, 3)


def test_joins_only_when_expected_value_beats_outside_option():
    assert rules.joins(1.1, 1.0) and not rules.joins(0.9, 1.0)


def test_dialogue_probability_scales_with_interest_and_content():
    assert rules.dialogue(0.5, 0.5, 0.8, 0.05)  # 0.8*0.5*0.5 = 0.2
    assert not rules.dialogue(0.0, 0.9, 0.8, 0.05)
    assert not rules.dialogue(0.5, 0.5, 0.8, 0.3)


def test_cohesion_grows_in_small_groups_and_decays_otherwise():
    assert rules.update_cohesion(0.2, True, 1.0, 5, 10, 0.5, 0.1) == pytest.approx(
        (0.2 + 0.5 * 0.8) * 0.9
    )
    # a crowd forms fewer ties
    assert rules.update_cohesion(0.2, True, 1.0, 50, 10, 0.5, 0.1) == pytest.approx(
        (0.2 + 0.5 * 0.2 * 0.8) * 0.9
    )
    assert rules.update_cohesion(0.2, False, 1.0, 5, 10, 0.5, 0.1) == pytest.approx(0.18)


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
    group = np.zeros(50, np.int64)
    need = np.zeros(50, np.int64)
    hits = sum(rules.agenda(group, need, 1, 8, 1, np.array([False]), rng)[0, 0] for _ in range(400))
    assert 20 < hits < 80  # about 1/8 of 400 = 50, not always


def test_first_per_group_and_rank_in_group():
    group = np.array([3, 1, 3, 1, 2])
    key = np.array([0.5, 0.9, 0.1, 0.2, 0.7])
    assert rules.first_per_group(group, key, 4).tolist() == [3, 4, 2]  # groups 1, 2, 3
    assert rules.rank_in_group(group, key, 4).tolist() == [1, 1, 0, 0, 0]


def test_equal_keys_go_by_position_and_group_minus_one_takes_no_part():
    group = np.array([0, -1, 0, 0])
    key = np.array([-1.0, 0.3, -1.0, 0.5])
    assert rules.rank_in_group(group, key, 1).tolist() == [0, -1, 1, 2]
    assert rules.first_per_group(group, key, 1).tolist() == [0]


def test_ranks_in_large_groups_equal_numpy_lexsort():
    rng = np.random.default_rng(5)
    group = rng.integers(0, 3, 500)
    key = np.where(rng.random(500) < 0.2, -1.0, rng.random(500))
    order = np.lexsort((key, group))
    expected = np.empty(500, np.int64)
    for g in range(3):
        members = order[group[order] == g]
        expected[members] = np.arange(members.size)
    assert (rules.rank_in_group(group, key, 3) == expected).all()


def test_keep_within_budget_keeps_best_networks_first():
    host = np.array([0, 0, 0, 1])
    need = np.array([4.0, 4.0, 4.0, 10.0])
    budget = np.array([9.0, 5.0])
    priority = np.array([1.0, 3.0, 2.0, 1.0])
    keep = rules.keep_within_budget(host, need, budget, priority)
    assert keep.tolist() == [False, True, True, False]


def test_member_led_needs_champion_cohesion_and_small_size():
    assert rules.can_be_member_led(True, 0.6, 8, 0.5, 12)
    assert not rules.can_be_member_led(False, 0.9, 8, 0.5, 12)
    assert not rules.can_be_member_led(True, 0.3, 8, 0.5, 12)
    assert not rules.can_be_member_led(True, 0.9, 40, 0.5, 12)


def test_institution_value_weighs_head_counts_by_target_pressure_and_fit():
    base = rules.institution_value(10.0, 1.0, 1.0, 0.0, 100.0, 1000.0)
    assert base == pytest.approx(10 * 100 + 1000)
    assert rules.institution_value(10.0, 1.0, 1.0, 1.0, 100.0, 1000.0) == pytest.approx(3000)
    assert rules.institution_value(10.0, 1.0, 0.5, 0.0, 100.0, 1000.0) == pytest.approx(base / 2)


def test_institution_cost_counts_its_own_hours_and_money_less_fees():
    assert rules.institution_cost(10.0, 1.0, 500.0, 1000.0, 0.0) == pytest.approx(6000.0)
    assert rules.institution_cost(10.0, 0.5, 500.0, 1000.0, 0.0) == pytest.approx(3500.0)
    assert rules.institution_cost(10.0, 1.0, 500.0, 1000.0, 2000.0) == pytest.approx(4000.0)


def test_fee_income_beyond_the_money_buys_fewer_hours_when_hours_are_dearer():
    assert rules.pool_hours(10.0, 1000.0, 500.0, 500.0) == 10.0  # fees do not cover the money
    assert rules.pool_hours(10.0, 1000.0, 3000.0, 500.0) == pytest.approx(6.0)
    assert rules.pool_hours(10.0, 1000.0, 3000.0, 1000.0) == pytest.approx(8.0)
    assert rules.pool_hours(10.0, 0.0, 1e9, 500.0) == 0.0


def test_an_institution_keeps_what_a_programme_pays_or_what_is_worth_its_cost():
    assert rules.keeps_network(True, 0.0, 1e6)
    assert rules.keeps_network(False, 5000.0, 4000.0)
    assert not rules.keeps_network(False, 3000.0, 4000.0)


def test_party_takeover_weakened_by_municipalisation_for_job_rotation():
    assert not rules.party_takeover(True, True, 0.5, 0.8, 0.3)  # rotation: 0.5*0.2 = 0.1 < 0.3
    assert rules.party_takeover(True, False, 0.5, 0.8, 0.3)
    assert not rules.party_takeover(False, False, 0.5, 0.8, 0.0)


def test_dying_only_after_startup():
    assert not rules.dying(1, 3, 2, 4)
    assert rules.dying(1, 3, 6, 4)
    assert not rules.dying(5, 3, 6, 4)


@pytest.mark.parametrize("n", [0, 1, 7, 8, 9, 127, 128, 129, 300, 1000, 5000])
def test_pairwise_sum_equals_numpy_sum_to_the_last_bit(n):
    x = np.random.default_rng(n).normal(size=n) * 10 ** np.random.default_rng(n + 1).uniform(
        -3, 3, n
    )
    assert rules.pairwise_sum(x, 0, n) == x.sum()
    if n > 3:
        assert rules.pairwise_sum(x, 3, n - 3) == x[3:].sum()


@pytest.mark.parametrize("high", [1, 2, 7, 2053, 300_000, 2**31 + 11, 2**32 - 1, 2**32, 2**40])
def test_whole_numbers_equal_numpy_integers_and_leave_the_generator_in_the_same_state(high):
    ours, numpys = np.random.default_rng(high), np.random.default_rng(high)
    for rng in (ours, numpys):  # a 32-bit draw leaves half a 64-bit word buffered
        rng.random(3)
        rng.integers(0, 5)
    assert np.array_equal(rules.whole_numbers(ours, high, 1001), numpys.integers(0, high, 1001))
    assert ours.bit_generator.state == numpys.bit_generator.state


def test_trials_before_success_are_geometric_with_the_chance_given():
    # the gaps of a Bernoulli(0.2) process: mean (1 - p) / p = 4, P(gap = 0) = p; 20,000 draws
    # put 5 standard errors at 0.11 on the mean (sd sqrt(1 - p) / p = 4.47) and at 0.014 on p
    chance = 0.2
    gaps = trials_before_success_many(np.random.default_rng(7), math.log1p(-chance), 20_000)
    assert abs(gaps.mean() - 4.0) < 5 * 4.47 / np.sqrt(20_000)
    assert abs((gaps == 0).mean() - chance) < 5 * np.sqrt(chance * (1 - chance) / 20_000)
    assert (gaps == np.floor(gaps)).all() and gaps.min() >= 0


def test_trials_before_success_at_chance_one_are_none():
    assert (trials_before_success_many(np.random.default_rng(0), -np.inf, 50) == 0).all()


def trials_before_success_many(rng, log_miss, n):
    return np.array([rules.trials_before_success(rng, log_miss) for _ in range(n)])


def test_trials_before_success_at_a_tiny_chance_are_many_not_negative():
    # beyond 2**63 a whole-number type would wrap round to a negative gap
    gaps = trials_before_success_many(np.random.default_rng(1), math.log1p(-1e-300), 20)
    assert (gaps > 1e290).all()


def test_size_class_is_numpys_searchsorted_at_and_between_the_cuts():
    micro, small = 0.625, 0.25  # cuts at 0.625 and 0.875, exact in binary
    u = np.array([0.0, 0.3, 0.625, 0.7, 0.875, 0.99])
    expected = np.searchsorted([micro, micro + small], u, side="right")
    assert [rules.size_class(x, micro, small) for x in u] == list(expected) == [0, 0, 1, 1, 2, 2]
