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
