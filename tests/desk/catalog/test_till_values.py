"""Reading a till's cells: amounts in cents, whole quantities, dates, yes/no, apostrophes."""

from datetime import UTC, datetime

import pytest

from desk.catalog.till_values import amount_cents, clean, flag, per_unit, sold_at, whole_quantity


def test_a_leading_apostrophe_and_spaces_are_dropped():
    assert clean("  '+5511912345678 ") == "+5511912345678"
    assert clean("'0123") == "0123"
    assert clean("O'Brien") == "O'Brien"


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("$12.00", 1200),
        ("R$ 1.299,90", 129990),
        ("1,299.90", 129990),
        ("-$4.00", -400),
        ("(3.50)", -350),
        ("£4,250.00", 425000),
        ("24.9", 2490),
        ("0.10", 10),
        ("12 USD", 1200),
    ],
)
def test_amounts_read_as_the_till_writes_them(text, cents):
    assert amount_cents(text) == cents


@pytest.mark.parametrize("text", ["abc", "", "$", "1.234"])
def test_what_is_not_an_amount_says_so(text):
    with pytest.raises(ValueError, match="is not an amount|more than two decimals"):
        amount_cents(text)


def test_quantities_are_whole_units_even_written_as_decimals():
    assert whole_quantity("2") == whole_quantity("2.0") == whole_quantity("2,00") == 2
    assert whole_quantity("-1") == -1
    with pytest.raises(ValueError, match="not a whole number"):
        whole_quantity("1.5")
    with pytest.raises(ValueError, match="not a number"):
        whole_quantity("two")


def test_a_line_total_is_shared_per_unit_rounding_half_up():
    assert per_unit(16182, 2) == 8091
    assert per_unit(1000, 3) == 333
    assert per_unit(1001, 2) == 501  # 500.5 rounds up, never a float


def test_yes_and_no_in_english_and_portuguese():
    assert flag("Yes") and flag("sim") and flag("1") and flag("")
    assert not flag("Não") and not flag("false") and not flag("", default=False)
    with pytest.raises(ValueError, match="neither yes nor no"):
        flag("maybe")


def test_dates_with_offsets_are_stored_in_utc():
    assert sold_at("2026-11-02 10:15:00 -0300", currency="BRL") == datetime(
        2026, 11, 2, 13, 15, tzinfo=UTC
    )
    assert sold_at("2026-11-02T10:15:00Z", currency="EUR") == datetime(
        2026, 11, 2, 10, 15, tzinfo=UTC
    )


def test_numeric_dates_follow_the_shops_order_of_day_and_month():
    assert sold_at("02/11/2026 15:15", currency="EUR").date().isoformat() == "2026-11-02"
    assert sold_at("11/02/2026 3:15 PM", currency="USD").date().isoformat() == "2026-11-02"
    assert sold_at("2026-11-03", "14:05:10", currency="EUR").date().isoformat() == "2026-11-03"


@pytest.mark.parametrize("text", ["31/02/2026", "yesterday", "2026-13-01", ""])
def test_what_is_not_a_date_says_how_to_write_one(text):
    with pytest.raises(ValueError, match="use 2026-03-31 or 31/03/2026"):
        sold_at(text, currency="EUR")
