"""Reading the cells of a till's export: amounts, quantities, dates, yes/no, codes.

Tills write amounts with their currency ("$12.00", "R$ 1.299,90", "-£2.50", "(3.00)"),
quantities as decimals ("2.0"), dates in their own way ("2026-03-01 14:05:00 -0300",
"03/01/2026" for a US shop, "01/03/2026 14:05" elsewhere), and spreadsheets keep a
leading apostrophe that forced a cell to text ("'+5511912345678", "'0123"). Each reader
returns the value or raises ValueError with the words a skipped row is reported with.
Amounts go through decimal.Decimal (desk.validation.parse_money), never float.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from desk.dates import day_first
from desk.i18n.catalog import N_, _
from desk.validation import parse_money

_AMOUNT_JUNK = re.compile(r"[^\d,.\-]")
_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r"\s*(Z|UTC|[+-]\d{2}:?\d{2})?"
)
_NUMERIC = re.compile(
    r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?"
    r"\s*([AaPp][Mm])?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?"
)
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?")
_NOT_A_DATE = N_("date “{text}” is not a date (use 2026-03-31 or 31/03/2026)")
_YES = {"y", "yes", "true", "1", "s", "sim", "verdadeiro", "x"}
_NO = {"n", "no", "false", "0", "nao", "não", "falso"}


def clean(cell: str) -> str:
    """The cell without surrounding spaces and without a spreadsheet's leading apostrophe."""
    text = cell.strip()
    return text[1:].strip() if text[:1] == "'" else text


@lru_cache(maxsize=8192)  # a till repeats its prices: read each once
def amount_cents(text: str) -> int:
    """An amount as the till wrote it, in integer cents ("R$ 1.299,90" -> 129990).

    A minus sign anywhere, or parentheses around it, make it negative.
    """
    raw = clean(text)
    negative = raw.startswith("(") and raw.endswith(")")
    digits = _AMOUNT_JUNK.sub("", raw)
    if "-" in digits:
        negative, digits = True, digits.replace("-", "")
    if not re.search(r"\d", digits):
        raise ValueError(_("“{text}” is not an amount").format(text=raw[:40]))
    try:
        cents = parse_money(digits)
    except ValueError:
        raise ValueError(_("“{text}” is not an amount").format(text=raw[:40])) from None
    return -cents if negative else cents


def whole_quantity(text: str) -> int:
    """A quantity the till may write as a decimal ("2", "2.0", "2,000"); whole units only."""
    raw = clean(text).replace(" ", "")
    try:
        value = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        raise ValueError(_("quantity “{text}” is not a number").format(text=raw[:20])) from None
    if not value.is_finite() or value != value.to_integral_value():
        raise ValueError(_("quantity “{text}” is not a whole number").format(text=raw[:20]))
    return int(value)


def per_unit(total_cents: int, quantity: int) -> int:
    """A line's total paid shared over its units, rounded half up to the cent."""
    share = (Decimal(total_cents) / Decimal(quantity)).quantize(Decimal(1), ROUND_HALF_UP)
    return int(share)


def flag(text: str, default: bool = True) -> bool:
    """A yes/no cell (yes, true, 1, sim, x / no, false, 0, não); empty is `default`."""
    raw = clean(text).casefold()
    if not raw:
        return default
    if raw in _YES:
        return True
    if raw in _NO:
        return False
    raise ValueError(_("“{text}” is neither yes nor no").format(text=raw[:20]))


def sold_at(text: str, clock: str = "", *, currency: str) -> datetime:
    """When a sale happened, as aware UTC, from its date cell (and a separate time cell).

    ISO dates with or without a time and an offset; numeric dates day first, or month
    first for a US-dollar shop (desk.dates.day_first). A time without an offset is the
    computer's local time.
    """
    raw = clean(text)
    if found := _ISO.fullmatch(raw):
        year, month, day = int(found[1]), int(found[2]), int(found[3])
        hour, minute, second, meridiem, zone = found[4], found[5], found[6], None, found[7]
    elif found := _NUMERIC.fullmatch(raw):
        first, second_, year = int(found[1]), int(found[2]), int(found[3])
        year += 2000 if year < 100 else 0
        day, month = (first, second_) if day_first(currency) else (second_, first)
        hour, minute, second, meridiem, zone = found[4], found[5], found[6], found[7], found[8]
    else:
        raise ValueError(_(_NOT_A_DATE).format(text=raw[:40]))
    if hour is None and (at := _TIME.fullmatch(clean(clock))):
        hour, minute, second, meridiem = at[1], at[2], at[3], at[4]
    try:
        day_part = date(year, month, day)
        clock_part = _clock(hour, minute, second, meridiem)
    except ValueError:
        raise ValueError(_(_NOT_A_DATE).format(text=raw[:40])) from None
    moment = datetime.combine(day_part, clock_part)
    tz = _zone(zone)
    aware = moment.replace(tzinfo=tz) if tz else moment.astimezone()  # naive: local time
    return aware.astimezone(UTC)


def _clock(hour, minute, second, meridiem) -> time:
    if hour is None:
        return time(12)  # a date alone: midday, so no time zone moves it to another day
    h = int(hour)
    if meridiem:
        h = h % 12 + (12 if meridiem.lower() == "pm" else 0)
    return time(h, int(minute), int(second or 0))


def _zone(text: str | None) -> timezone | None:
    if not text:
        return None
    if text in ("Z", "UTC"):
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


__all__ = ["amount_cents", "clean", "flag", "per_unit", "sold_at", "whole_quantity"]
