"""Shared fixtures: a small model size that keeps tests fast while every mechanism runs."""

import pytest

SMALL = {"n_companies": 600, "n_partners": 8, "horizon_months": 72}


@pytest.fixture
def small():
    """Parameters of a small but complete run (all phases, funding end at month 36)."""
    return dict(SMALL)
