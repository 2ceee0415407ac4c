"""Checks on typed input: email, phone, quantity, price and amounts of money."""

from __future__ import annotations

import pytest

from desk.validation import email_error, parse_money, phone_error, price_error, quantity_error


@pytest.mark.parametrize(
    "value",
    ["", "   ", "ana@example.com", " ana@example.com ", "j.o+tag@mail.example.co.uk", "ç@ü.pt"],
)
def test_email_accepted(value):
    assert email_error(value) is None


@pytest.mark.parametrize(
    "value",
    [
        "ana.example.com",
        "ana@example",
        "ana@example.c",
        "ana@@example.com",
        "ana@exa@mple.com",
        "an a@example.com",
        "ana@example.com.",
        "@example.com",
    ],
)
def test_email_refused(value):
    message = email_error(value)
    assert message is not None
    assert value.strip() in message
    assert "name@example.com" in message


@pytest.mark.parametrize(
    "value",
    [
        "",
        "  ",
        "+351 912 345 678",
        "(11) 98765-4321",
        "912345678",
        "030.123.456",
        " 0044 20 7946 0958 ",
    ],
)
def test_phone_accepted(value):
    assert phone_error(value) is None


@pytest.mark.parametrize(
    "value",
    ["12345", "phone", "123-abc-456", "------", "12+345678", "+ ( ) - . 12", "912 345 678 x"],
)
def test_phone_refused(value):
    message = phone_error(value)
    assert message is not None
    assert value.strip() in message


@pytest.mark.parametrize(("value", "ok"), [(1, True), (99, True), (0, False), (-1, False)])
def test_quantity_error(value, ok):
    assert (quantity_error(value) is None) is ok
    if not ok:
        assert "at least 1" in quantity_error(value)


@pytest.mark.parametrize(("cents", "ok"), [(0, True), (1, True), (129950, True), (-1, False)])
def test_price_error(cents, ok):
    assert (price_error(cents) is None) is ok
    if not ok:
        assert "negative" in price_error(cents)


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("12.50", 1250),
        ("12,50", 1250),
        ("1.299,50", 129950),
        ("1,299.50", 129950),
        ("1.299.000,50", 129900050),
        ("1 299", 129900),
        ("1\u00a0299,5", 129950),
        ("  7 ", 700),
        ("0", 0),
        ("0.01", 1),
        ("", 0),
        ("   ", 0),
        ("-3", -300),
    ],
)
def test_parse_money(typed, cents):
    assert parse_money(typed) == cents


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("abc", "is not an amount"),
        ("12.5.0", "is not an amount"),
        ("1.299.000", "is not an amount"),
        ("€12", "is not an amount"),
        # one separator is always read as the decimal one, so 1.234 is not one thousand
        ("1.234", "more than two decimals"),
        ("1,234", "more than two decimals"),
        ("12.505", "more than two decimals"),
    ],
)
def test_parse_money_refuses(typed, says):
    with pytest.raises(ValueError, match=says) as caught:
        parse_money(typed)
    assert typed.strip() in str(caught.value)


@pytest.mark.parametrize("typed", ["inf", "-Infinity", "nan", "sNaN"])
def test_parse_money_refuses_special_numbers_with_a_value_error(typed):
    """Decimal reads these; they must still come back as a readable ValueError."""
    with pytest.raises(ValueError, match="is not an amount"):
        parse_money(typed)


def test_negative_amount_parses_so_price_error_catches_it():
    cents = parse_money("-3")
    assert cents == -300
    assert price_error(cents) == "Price cannot be negative."
