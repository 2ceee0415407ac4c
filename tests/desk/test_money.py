"""Amounts in cents, shown in the shop's currency and locale."""

import pytest

from desk.money import format_money, format_signed


@pytest.mark.parametrize(
    ("cents", "currency", "locale", "shown"),
    [
        (1250, "EUR", "en", "€12.50"),
        (0, "GBP", "en_GB", "£0.00"),
        (123456789, "USD", "en", "$1,234,567.89"),
        (1250, "BRL", "pt_BR", "R$\xa012,50"),
        (-5, "EUR", "pt_PT", "-0,05\xa0€"),
    ],
)
def test_cents_in_the_currency_and_locale(cents, currency, locale, shown):
    assert format_money(cents, currency, locale) == shown


def test_euro_in_english_by_default():
    assert format_money(8990) == "€89.90"


@pytest.mark.parametrize(("cents", "shown"), [(450, "+€4.50"), (0, "+€0.00"), (-50, "\u2212€0.50")])
def test_signed_amounts_never_read_plus_minus(cents, shown):
    assert format_signed(cents) == shown
    assert "+-" not in format_signed(cents)


@pytest.mark.parametrize(
    ("currency", "locale"),
    [("EUR", "en"), ("BRL", "pt_BR"), ("GBP", "en"), ("USD", "pt_BR"), ("JPY", "en"),
     ("EUR", "fr"), ("CHF", "de_CH"), ("INR", "en_IN")],
)  # fmt: skip
def test_format_money_says_what_babel_says(currency, locale):
    """The quick layout read off Babel (two decimals in groups of three) gives Babel's text
    for every amount; the other layouts go to Babel itself."""
    import random
    from decimal import Decimal

    from babel.numbers import format_currency

    amounts = [0, 1, 9, 10, 99, 100, 101, 999, 1000, 99999, 100000, 12345678, 10**15]
    amounts += random.Random(3).sample(range(-(10**9), 10**9), 300)
    for cents in amounts:
        expected = format_currency(Decimal(cents) / 100, currency, locale=locale)
        assert format_money(cents, currency, locale) == expected, cents
