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
    ("value", "country"),
    [
        ("", "GB"),
        ("  ", "GB"),
        ("+351 912 345 678", "GB"),
        ("(11) 98765-4321", "BR"),
        ("912345678", "PT"),
        ("07993 672961", "GB"),
        (" 0044 20 7946 0958 ", "GB"),
        ("(650) 253-0000", "US"),
    ],
)
def test_phone_accepted(value, country):
    assert phone_error(value, country) is None


@pytest.mark.parametrize(
    "value",
    ["12345", "phone", "123-abc-456", "------", "12+345678", "+ ( ) - . 12", "912 345 678 x"],
)
def test_phone_refused(value):
    message = phone_error(value)
    assert message is not None
    assert value.strip() in message


def test_a_phone_with_a_control_character_is_refused_without_showing_it_raw():
    message = phone_error("07993\x00672961")
    assert message is not None and "\\x00" in message


def test_a_landline_is_refused_only_when_texts_go_to_it():
    assert phone_error("020 7946 0958", "GB") is None
    message = phone_error("020 7946 0958", "GB", sms=True)
    assert "landline" in message and "email" in message
    assert phone_error("07993 672961", "GB", sms=True) is None


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


@pytest.mark.parametrize(
    "value",
    ["<a@b.com>", "Ana <ana@example.com>", '"ana"@example.com', "ana@exa,mple.com",
     "a..b@example.com", ".ana@example.com", "ana.@example.com", "ana@example.com\x00",
     "ana@[127.0.0.1]", f"{'a' * 65}@example.com", f"ana@{'d' * 250}.com"],
)  # fmt: skip
def test_email_refuses_display_names_quotes_and_oversized_parts(value):
    assert email_error(value) is not None


def test_column_limit_reads_the_model():
    from desk.models import Customer, ReturnLine
    from desk.validation import column_limit

    assert column_limit(ReturnLine.__table__.c.sku) == 64
    assert column_limit(Customer.__table__.c.notes) is None


@pytest.mark.parametrize(
    ("value", "multiline", "message"),
    [
        ("ok", False, None),
        ("two\nlines\tand tab", True, None),
        ("two\nlines", False, "The note contains an invisible character (U+000A); retype it."),
        ("bell\x07", True, "The note contains an invisible character (U+0007); retype it."),
        ("nul\x00", True, "The note contains an invisible character (NUL); retype it."),
        ("lone \ud800", True, "The note contains an invisible character (U+D800); retype it."),
        ("x" * 101, False, "The note is too long (101 characters); use at most 100."),
    ],
)
def test_text_error_names_the_field_and_the_problem(value, multiline, message):
    from desk.validation import text_error

    assert text_error(value, "note", limit=100, multiline=multiline) == (message)


def test_amounts_and_dates_have_bounds():
    from datetime import date, timedelta

    from desk.validation import MAX_AMOUNT_CENTS, amount_error, date_error

    assert amount_error(MAX_AMOUNT_CENTS, "total") is None
    assert amount_error(MAX_AMOUNT_CENTS + 1, "total") == (
        "The total must be at most 20,000,000.00; check the amounts."
    )
    assert MAX_AMOUNT_CENTS < 2**31  # fits PostgreSQL's INTEGER columns
    today = date(2026, 12, 1)
    assert date_error(today, "purchase date", today=today) is None
    assert date_error(today + timedelta(days=1), "purchase date", today=today) == (
        "The purchase date cannot be in the future."
    )
    assert date_error(date(1899, 12, 31), "purchase date", today=today) == (
        "The purchase date is before 1900; check the year."
    )


@pytest.mark.parametrize("typed", ["1e99", "9" * 40, "1E-5"])
def test_parse_money_refuses_exponents_and_absurd_lengths(typed):
    with pytest.raises(ValueError):
        parse_money(typed)


def test_the_checks_speak_the_desks_language_with_its_numbers():
    from desk.i18n.catalog import N_, set_language
    from desk.validation import amount_error, date_error, text_error

    set_language("pt_BR")
    assert quantity_error(20_000) == "A quantidade deve ser no máximo 10.000."
    assert price_error(10**12) == "O preço deve ser no máximo 1.000.000,00."
    assert text_error("a" * 41, N_("note"), limit=40) == (
        "O texto de “observação” é longo demais (41 caracteres); use no máximo 40."
    )
    assert text_error("a\x00", N_("staff name")) == (
        "Há um caractere invisível (NUL) em “nome do atendente”; digite de novo."
    )
    assert amount_error(3 * 10**9, N_("restocking fee")).startswith(
        "O limite para “taxa de reposição” é 20.000.000,00"
    )
    from datetime import date

    assert date_error(date(2999, 1, 1), N_("purchase date")) == (
        "A data da compra não pode estar no futuro."
    )
    with pytest.raises(ValueError, match="^“x” não é um valor; digite como 12,50.$"):
        parse_money("x")
    assert parse_money("1.299,50") == 129950  # typing rules do not change with the language
