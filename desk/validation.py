"""Checks on what staff type, each failing with a message that says how to fix it."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# A pragmatic address check: something@domain.tld, no spaces, one @.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_PHONE = re.compile(r"^\+?[\d\s().-]{6,}$")


def email_error(value: str) -> str | None:
    """Return why `value` is not a usable email address, or None if it is (or is empty)."""
    value = value.strip()
    if not value or _EMAIL.match(value):
        return None
    return f"“{value}” is not an email address; it should look like name@example.com."


def phone_error(value: str) -> str | None:
    """Return why `value` is not a usable phone number, or None if it is (or is empty)."""
    value = value.strip()
    if not value or (_PHONE.match(value) and sum(c.isdigit() for c in value) >= 6):
        return None
    return f"“{value}” is not a phone number; use digits, spaces and an optional leading +."


def quantity_error(value: int) -> str | None:
    """Return why `value` is not an acceptable quantity, or None."""
    if value < 1:
        return "Quantity must be at least 1."
    return None


def price_error(cents: int) -> str | None:
    """Return why `cents` is not an acceptable unit price, or None."""
    if cents < 0:
        return "Price cannot be negative."
    return None


def parse_money(text: str) -> int:
    """Parse an amount typed by staff ("12.50", "12,50", "1 299") into integer cents.

    Raises ValueError with a readable message when it is not an amount.
    """
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        return 0
    if "," in cleaned and "." in cleaned:
        # the last separator is the decimal one: 1.299,50 or 1,299.50
        decimal_sep = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        thousands = "." if decimal_sep == "," else ","
        cleaned = cleaned.replace(thousands, "").replace(decimal_sep, ".")
    else:
        cleaned = cleaned.replace(",", ".")
    try:
        amount = Decimal(cleaned)
        if not amount.is_finite():  # "inf", "NaN": not amounts, and quantize() would raise
            raise InvalidOperation
    except InvalidOperation:
        raise ValueError(f"“{text.strip()}” is not an amount; type it like 12.50.") from None
    if amount != amount.quantize(Decimal("0.01")):
        raise ValueError(f"“{text.strip()}” has more than two decimals.")
    return int(amount * 100)
