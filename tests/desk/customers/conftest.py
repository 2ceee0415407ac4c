"""Fixtures of the customer tests."""

import pytest

from tests.desk.customers.histories import make_history


@pytest.fixture
def history(db):
    """Ana: four returns over the last months (one cancelled), two messages; Bruno: one."""
    return make_history(db)
