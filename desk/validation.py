"""Checks on what staff type, each failing with a message that says how to fix it.

The same checks run before anything reaches the database, so SQLite and PostgreSQL
refuse the same input with the same words: text lengths come from the model columns
(`column_limit`), text may hold no control character (a NUL byte among them; a note or
a description may hold tabs and line breaks), and amounts stay within the bounds below,
which fit PostgreSQL's 32-bit INTEGER columns.

Every message is in the desk's language. A `label` naming the field ("note", "purchase
date") is English marked with N_() by the caller and translated here.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import Column

from desk.i18n.catalog import _
from desk.i18n.formats import format_decimal, format_number
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
    """Why `value` cannot be stored as the `label` field (N_-marked English), or None.

    `limit` is a number of characters or the model column whose length bounds it.
    """
    if isinstance(limit, Column):
        limit = column_limit(limit)
    if (char := control_character(value, multiline=multiline)) is not None:
        code = "NUL" if char == "\x00" else f"U+{ord(char):04X}"
        return _("The {field} contains an invisible character ({code}); retype it.").format(
            field=_(label), code=code
        )
    if limit is not None and len(value) > limit:
        return _("The {field} is too long ({length} characters); use at most {limit}.").format(
            field=_(label), length=format_number(len(value)), limit=format_number(limit)
        )
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
    return _("“{text}” is not an email address; it should look like name@example.com.").format(
        text=shown[:80]
    )


def phone_error(value: str, country: str = DEFAULT_COUNTRY, *, sms: bool = False) -> str | None:
    """Return why `value` is not a usable phone number, or None if it is (or is empty).

    It is read with `country` (the shop's) as the region of a number typed without a
    country code (desk.phones); with `sms` it must also be able to receive a text message.
    """
    value = value.strip()
    if not value:
        return None
    if control_character(value) is not None:
        return _("“{text}” is not a phone number; retype it.").format(text=repr(value)[:80])
    return phone_problem(value, country, sms=sms)


def quantity_error(value: int) -> str | None:
    """Return why `value` is not an acceptable quantity, or None."""
    if value < 1:
        return _("Quantity must be at least 1.")
    if value > MAX_QUANTITY:
        return _("Quantity must be at most {most}.").format(most=format_number(MAX_QUANTITY))
    return None


def price_error(cents: int) -> str | None:
    """Return why `cents` is not an acceptable unit price, or None."""
    if cents < 0:
        return _("Price cannot be negative.")
    if cents > MAX_UNIT_PRICE_CENTS:
        return _("Price must be at most {most}.").format(most=_plain_amount(MAX_UNIT_PRICE_CENTS))
    return None


def amount_error(cents: int, label: str) -> str | None:
    """Why `cents` is out of the range a stored amount may take (the `label` one, N_-marked
    English), or None."""
    if abs(cents) > MAX_AMOUNT_CENTS:
        return _("The {field} must be at most {most}; check the amounts.").format(
            field=_(label), most=_plain_amount(MAX_AMOUNT_CENTS)
        )
    return None


def _plain_amount(cents: int) -> str:
    """An amount without a currency sign, in the desk's language: 1,000,000.00 / 1.000.000,00."""
    return format_decimal(cents / 100, 2)


def date_error(value: date | None, label: str, *, today: date | None = None) -> str | None:
    """Why `value` is not a plausible past date for the `label` field (N_-marked English),
    or None."""
    if value is None:
        return None
    if value > (today or date.today()):
        # TRANSLATORS: {field} names a date, e.g. "purchase date"
        return _("The {field} cannot be in the future.").format(field=_(label))
    if value < EARLIEST_DATE:
        # TRANSLATORS: {field} names a date, e.g. "purchase date"
        return _("The {field} is before {year}; check the year.").format(
            field=_(label), year=EARLIEST_DATE.year
        )
    return None


def parse_money(text: str) -> int:
    """Parse an amount typed by staff ("12.50", "12,50", "1 299") into integer cents.

    Raises ValueError with a readable message (in the desk's language) when it is not one.
    """
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        return 0
    if len(cleaned) > 30:  # Decimal would take a billion digits; no real amount has 30
        raise ValueError(_not_amount(text.strip()[:30] + "…"))
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
        raise ValueError(_not_amount(text.strip())) from None
    if not exact:
        raise ValueError(_("“{text}” has more than two decimals.").format(text=text.strip()))
    return int(amount * 100)


def _not_amount(text: str) -> str:
    return _("“{text}” is not an amount; type it like {example}.").format(
        text=text, example=_plain_amount(1250)
    )
