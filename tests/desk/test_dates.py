"""Typed dates: short forms mean the most recent such day, the shop's order, clear refusals."""

from datetime import date

import pytest

from desk.dates import format_day, parse_day, pattern
from desk.errors import DeskError

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("typed", "currency", "meant"),
    [
        ("20", "EUR", date(2026, 11, 20)),  # the 20th of this month is still to come
        ("1", "BRL", date(2026, 12, 1)),  # today
        ("20/11", "BRL", date(2026, 11, 20)),
        ("3/12", "EUR", date(2025, 12, 3)),  # 3 December 2026 is to come: last year's
        ("20/11/26", "GBP", date(2026, 11, 20)),
        ("20.11.2026", "EUR", date(2026, 11, 20)),
        ("20-11-2026", "BRL", date(2026, 11, 20)),
        ("11/20/2026", "USD", date(2026, 11, 20)),  # month first in a dollar shop
        ("2026-11-20", "USD", date(2026, 11, 20)),  # ISO whatever the shop
        (" 31 ", "EUR", date(2026, 10, 31)),  # November has no 31st
    ],
)
def test_typed_dates(typed, currency, meant):
    assert parse_day(typed, currency=currency, today=TODAY) == meant


@pytest.mark.parametrize("typed", ["32/1/2026", "20/13", "yesterday", "1/2/3/4", "29/2/2026"])
def test_what_is_not_a_date_is_refused_with_how_to_type_it(typed):
    with pytest.raises(DeskError, match=r"is not a date: type it as 20/11/2026 \(dd/mm/yyyy\)"):
        parse_day(typed, currency="BRL", today=TODAY)


def test_nothing_typed_is_no_date_and_the_shop_order_shows():
    assert parse_day("  ", currency="EUR", today=TODAY) is None
    assert (pattern("USD"), format_day(date(2026, 3, 4), "USD")) == ("mm/dd/yyyy", "03/04/2026")
    assert format_day(date(2026, 3, 4), "BRL") == "04/03/2026"


def test_how_to_type_a_date_is_said_in_the_desks_language():
    from desk.i18n.catalog import set_language

    set_language("pt_BR")
    assert pattern("BRL") == "dd/mm/aaaa" and pattern("USD") == "mm/dd/aaaa"
    with pytest.raises(
        DeskError, match=r"^“ontem” não é uma data: digite como 20/11/2026 \(dd/mm/aaaa\)"
    ):
        parse_day("ontem", currency="BRL", today=TODAY)
    assert parse_day("20/11", currency="BRL", today=TODAY) == date(2026, 11, 20)
