"""Money: amounts are integer cents; formatting follows the shop's currency and locale."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache

from desk.i18n.formats import locale_name

_LAYOUT = re.compile(r"(\D*)1(\D+)234(\D+)567(\D+)89(\D*)")
"""Where Babel puts the symbol and separators in 1,234,567.89 (as €1,234,567.89)."""
_CHECKED = (0, 5, 99, 100, 1250, 99999, 100000, 123456789, 10**13 + 7)


@lru_cache(maxsize=64)
def _formatter(currency: str, locale: str) -> Callable[[int], str]:
    from babel.numbers import format_currency

    def babel(cents: int) -> str:
        return format_currency(Decimal(cents) / 100, currency, locale=locale)

    return _plain_layout(babel) or babel


def _plain_layout(babel: Callable[[int], str]) -> Callable[[int], str] | None:
    """A formatter that lays amounts out as `babel` does, read off its answer for
    1,234,567.89, in a few microseconds instead of Babel's 0.2 ms (a list of a thousand
    returns formats a thousand totals); None unless the currency has two decimals in groups
    of three and the result equals Babel's for every amount of _CHECKED (negative amounts
    always go to Babel)."""
    found = _LAYOUT.fullmatch(babel(123456789))
    if found is None or found[2] != found[3]:
        return None
    prefix, group, point, suffix = found[1], found[2], found[4], found[5]

    def plain(cents: int) -> str:
        if cents < 0:
            return babel(cents)
        units, rest = divmod(cents, 100)
        return f"{prefix}{units:,}".replace(",", group) + f"{point}{rest:02d}{suffix}"

    if any(plain(cents) != babel(cents) for cents in _CHECKED):
        return None
    return plain


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
