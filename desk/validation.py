"""Checks on what staff type, each failing with a message that says how to fix it.

The same checks run before anything reaches the database, so SQLite and PostgreSQL
refuse the same input with the same words: text lengths come from the model columns
(`column_limit`), text may hold no control character (a NUL byte among them; a note or
a description may hold tabs and line breaks), and amounts stay within the bounds below,
which fit PostgreSQL's 32-bit INTEGER columns.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import Column

from desk.phones import DEFAULT_COUNTRY, phone_problem

MAX_UNIT_PRICE_CENTS = 100_000_000
"""The highest unit price of one item: 1,000,000.00 in the shop's currency."""
MAX_QUANTITY = 10_000
"""The most items of one kind on one line."""
MAX_AMOUNT_CENTS = 2_000_000_000
"""The highest stored amount (a line's quantity × price, a return's total, a customer's
spend): 20,000,000.00, below 2^31 cents so it fits every engine's integer column."""
MAX_COUNT = 1_000_000
"""The highest count typed or imported (a customer's number of orders)."""
EARLIEST_DATE = date(1900, 1, 1)
"""Dates before this one are typing mistakes."""

# A strict address: no display name (`Ana <a@b.com>`), no quotes, brackets, commas or
# spaces; dot-separated labels with a top-level domain of at least two characters.
_SPECIALS = r"\s<>()\[\]\\,;:\"@\x00-\x1f\x7f"
_EMAIL = re.compile(rf"^[^{_SPECIALS}]+@(?:[^{_SPECIALS}.]+\.)+[^{_SPECIALS}.]{{2,}}$")
_LINE_BREAKS = frozenset("\t\n\r")


def column_limit(column: Column) -> int | None:
    """The most characters `column` holds (its VARCHAR length), or None when unbounded."""
    return getattr(column.type, "length", None)


def control_character(value: str, *, multiline: bool = False) -> str | None:
    """The first control character in `value` (tabs and line breaks allowed if `multiline`)."""
    for char in value:
        if unicodedata.category(char) in ("Cc", "Cs") and not (multiline and char in _LINE_BREAKS):
            return char
    return None


def text_error(
    value: str, label: str, *, limit: int | Column | None = None, multiline: bool = False
) -> str | None:
    """Why `value` cannot be stored as the `label` field, or None.

    `limit` is a number of characters or the model column whose length bounds it.
    """
    if isinstance(limit, Column):
        limit = column_limit(limit)
    if (char := control_character(value, multiline=multiline)) is not None:
        code = "NUL" if char == "\x00" else f"U+{ord(char):04X}"
        return f"The {label} contains an invisible character ({code}); retype it."
    if limit is not None and len(value) > limit:
        return f"The {label} is too long ({len(value)} characters); use at most {limit}."
    return None


def email_error(value: str) -> str | None:
    """Return why `value` is not a usable email address, or None if it is (or is empty)."""
    value = value.strip()
    if not value:
        return None
    local = value.rpartition("@")[0]
    if (
        _EMAIL.match(value)
        and len(value) <= 254
        and len(local) <= 64
        and ".." not in value
        and not local.startswith(".")
        and not local.endswith(".")
    ):
        return None
    shown = value if control_character(value) is None else repr(value)
    return f"“{shown[:80]}” is not an email address; it should look like name@example.com."


def phone_error(value: str, country: str = DEFAULT_COUNTRY, *, sms: bool = False) -> str | None:
    """Return why `value` is not a usable phone number, or None if it is (or is empty).

    It is read with `country` (the shop's) as the region of a number typed without a
    country code (desk.phones); with `sms` it must also be able to receive a text message.
    """
    value = value.strip()
    if not value:
        return None
    if control_character(value) is not None:
        return f"“{repr(value)[:80]}” is not a phone number; retype it."
    return phone_problem(value, country, sms=sms)


def quantity_error(value: int) -> str | None:
    """Return why `value` is not an acceptable quantity, or None."""
    if value < 1:
        return "Quantity must be at least 1."
    if value > MAX_QUANTITY:
        return f"Quantity must be at most {MAX_QUANTITY:,}."
    return None


def price_error(cents: int) -> str | None:
    """Return why `cents` is not an acceptable unit price, or None."""
    if cents < 0:
        return "Price cannot be negative."
    if cents > MAX_UNIT_PRICE_CENTS:
        return f"Price must be at most {MAX_UNIT_PRICE_CENTS // 100:,}.00."
    return None


def amount_error(cents: int, label: str) -> str | None:
    """Why `cents` is out of the range a stored amount may take (the `label` one), or None."""
    if abs(cents) > MAX_AMOUNT_CENTS:
        return f"The {label} must be at most {MAX_AMOUNT_CENTS // 100:,}.00; check the amounts."
    return None


def date_error(value: date | None, label: str, *, today: date | None = None) -> str | None:
    """Why `value` is not a plausible past date for the `label` field, or None."""
    if value is None:
        return None
    if value > (today or date.today()):
        return f"The {label} cannot be in the future."
    if value < EARLIEST_DATE:
        return f"The {label} is before {EARLIEST_DATE.year}; check the year."
    return None


def parse_money(text: str) -> int:
    """Parse an amount typed by staff ("12.50", "12,50", "1 299") into integer cents.

    Raises ValueError with a readable message when it is not an amount.
    """
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        return 0
    if len(cleaned) > 30:  # Decimal would take a billion digits; no real amount has 30
        raise ValueError(f"“{text.strip()[:30]}…” is not an amount; type it like 12.50.")
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
        exact = amount == amount.quantize(Decimal("0.01"))  # "1e99" cannot be quantized
    except InvalidOperation:
        raise ValueError(f"“{text.strip()}” is not an amount; type it like 12.50.") from None
    if not exact:
        raise ValueError(f"“{text.strip()}” has more than two decimals.")
    return int(amount * 100)
