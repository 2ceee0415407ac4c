"""Dates as staff type them at the counter: "20", "20/11", "20/11/26", "2026-11-20".

The order of day and month is the shop's: month first for a shop in US dollars, day
first everywhere else (Brazil, the euro and pound countries). A date typed without its
month or year is the most recent one that is not in the future: typing "20" on
1 December means 20 November, "3/12" on 1 December 2026 means 3 December 2025.
The words that say how to type a date are in the desk's language ("dd/mm/aaaa" in
Portuguese); the order of day and month stays the shop's.
"""

from __future__ import annotations

import re
from datetime import date

from desk.errors import DeskError
from desk.i18n.catalog import _

_PARTS = re.compile(r"\d+")
_ISO = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*")


def day_first(currency: str) -> bool:
    """True when the shop writes the day before the month (all but US-dollar shops)."""
    return currency.strip().upper() != "USD"


def pattern(currency: str) -> str:
    """How the shop writes a date, for a placeholder: "dd/mm/yyyy" or "mm/dd/yyyy" (in the
    desk's language: "dd/mm/aaaa")."""
    if day_first(currency):
        # TRANSLATORS: a placeholder: how to type a date (d = day, m = month, y = year)
        return _("dd/mm/yyyy")
    # TRANSLATORS: a placeholder: how to type a date in a US-dollar shop (month first)
    return _("mm/dd/yyyy")


def format_day(day: date, currency: str) -> str:
    """`day` the way the shop writes it, e.g. "20/11/2026"."""
    first, second = (day.day, day.month) if day_first(currency) else (day.month, day.day)
    return f"{first:02d}/{second:02d}/{day.year}"


def parse_day(text: str, *, currency: str, today: date) -> date | None:
    """Read a typed date (None when nothing was typed); raise DeskError saying how to type it."""
    if not text.strip():
        return None
    if iso := _ISO.fullmatch(text):
        return _make(int(iso[1]), int(iso[2]), int(iso[3]), text, currency)
    parts = [int(p) for p in _PARTS.findall(text)]
    if not parts or len(parts) > 3 or re.search(r"[^\d\s/.\-]", text):
        raise DeskError(_how(text, currency))
    if not day_first(currency) and len(parts) >= 2:
        parts[0], parts[1] = parts[1], parts[0]
    if len(parts) == 1:
        return _recent(parts[0], today.month, today.year, text, currency, today, by="month")
    if len(parts) == 2:
        return _recent(parts[0], parts[1], today.year, text, currency, today, by="year")
    year = parts[2] + 2000 if parts[2] < 100 else parts[2]
    return _make(year, parts[1], parts[0], text, currency)


def _recent(day, month, year, text, currency, today, *, by: str) -> date:
    """The latest valid such day not after today, going back month by month (or by year)."""
    for _step in range(12 if by == "month" else 8):  # 8 years back reaches a 29 February
        found = _make(year, month, day, text, currency, strict=False)
        if found is not None and found <= today:
            return found
        if by == "month":
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        else:
            year -= 1
    raise DeskError(_how(text, currency))


def _make(year, month, day, text, currency, *, strict: bool = True) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        if strict:
            raise DeskError(_how(text, currency)) from None
        return None


def _how(text: str, currency: str) -> str:
    example = format_day(date(2026, 11, 20), currency)
    return _("“{text}” is not a date: type it as {example} ({pattern}), or pick it.").format(
        text=text.strip(), example=example, pattern=pattern(currency)
    )
