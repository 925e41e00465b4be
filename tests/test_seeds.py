"""Seeds derive from a root seed in one place (``model.seeds``) and never change."""

import numpy as np

from model.seeds import child_seed, sampler_seed, sequence_seeds, spawn_seeds


def test_replicate_seeds_are_pinned():
    # Recorded outputs: changing the derivation would silently change every stored result.
    assert spawn_seeds(12345, 3) == [6864596863322291500, 770740658761493587, 8254786547478850972]
    assert child_seed(20100901, 0) == 8836979266331992400


def test_child_seed_is_the_spawned_seed_at_that_position():
    assert spawn_seeds(3, 40) == [child_seed(3, i) for i in range(40)]
    assert spawn_seeds(3, 40)[:5] == spawn_seeds(3, 5)
    assert child_seed(3, 999) == spawn_seeds(3, 1000)[999]


def test_seeds_are_non_negative_63_bit_integers():
    seeds = spawn_seeds(1, 200) + sequence_seeds(np.random.SeedSequence(1), 200).tolist()
    assert all(0 <= s < 2**63 for s in seeds)
    assert len(set(seeds)) == len(seeds)


def test_sampler_seeds_are_32_bit_and_keyed():
    design, analysis = sampler_seed(7, (0, 1)), sampler_seed(7, (0, 2))
    assert 0 <= design < 2**32 and 0 <= analysis < 2**32
    assert design != analysis
    assert sampler_seed(7, (0, 1)) == design


def test_sequence_seeds_follow_the_sequence_alone():
    a = sequence_seeds(np.random.SeedSequence(9, spawn_key=(4,)), 10)
    b = sequence_seeds(np.random.SeedSequence(9, spawn_key=(4,)), 10)
    assert a.dtype == np.int64 and np.array_equal(a, b)
