"""Money: amounts are integer cents; formatting follows the shop's currency and locale."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from desk.i18n.formats import locale_name


@lru_cache(maxsize=64)
def _formatter(currency: str, locale: str):
    from babel.numbers import format_currency

    def fmt(cents: int) -> str:
        return format_currency(Decimal(cents) / 100, currency, locale=locale)

    return fmt


def format_money(cents: int, currency: str = "EUR", locale: str | None = None) -> str:
    """Format an amount in cents for display, e.g. 1250 -> '€12.50' ('€ 12,50' in
    Portuguese): in `locale`, or in the desk's language when None."""
    return _formatter(currency, locale or locale_name())(cents)


def format_signed(cents: int, currency: str = "EUR", locale: str | None = None) -> str:
    """Format a change of amount with its sign: 450 -> '+€4.50', -50 -> '−€0.50', never '+-'."""
    sign = "+" if cents >= 0 else "\u2212"
    return sign + format_money(abs(cents), currency, locale)


def currency_symbol(currency: str, locale: str | None = None) -> str:
    """The symbol of `currency` (e.g. "€" for EUR, "R$" for BRL), or the code if unknown."""
    from babel.numbers import get_currency_symbol

    try:
        return get_currency_symbol(currency.upper(), locale=locale or locale_name())
    except (ValueError, LookupError):
        return currency.upper()
