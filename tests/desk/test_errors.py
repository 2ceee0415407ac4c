"""Domain errors: one readable sentence; a validation error keeps one message per field."""

from __future__ import annotations

import pytest

from desk.errors import DeskError, NotFound, ValidationError


def test_validation_error_joins_its_messages_and_keeps_its_own_copy():
    given = {"customer.name": "Enter the customer's name.", "lines": "Add at least one item."}
    error = ValidationError(given)
    assert str(error) == "Enter the customer's name. Add at least one item."
    given.clear()
    assert set(error.errors) == {"customer.name", "lines"}


def test_every_domain_error_is_caught_as_a_desk_error():
    for error in (NotFound("There is no return R-1."), ValidationError({"x": "Bad."})):
        with pytest.raises(DeskError):
            raise error
