"""Numbers, dates and times in the desk's language, by Babel (nothing is formatted by hand):
1.234 and 01/12/2026 in Portuguese, 1,234 and 12/1/26 in English. Money is desk.money's.

Babel is imported at the first use (it costs about 35 ms), and its locale is parsed once.
"""

from __future__ import annotations

from datetime import date, datetime, time
from functools import cache

from desk.i18n.catalog import language

_BABEL_LOCALE = {"en": "en_US", "pt_BR": "pt_BR"}


def locale_name(lang: str | None = None) -> str:
    """The Babel locale of `lang` (the desk's language when None), e.g. "pt_BR"."""
    return _BABEL_LOCALE.get(lang or language(), "en_US")


@cache
def _locale(name: str):
    from babel import Locale

    return Locale.parse(name)


def format_number(n: int) -> str:
    """A whole number with the language's grouping: 1234567 -> "1.234.567" in Portuguese."""
    from babel.numbers import format_decimal as babel_decimal

    return babel_decimal(n, locale=_locale(locale_name()))


def format_decimal(x: float, digits: int = 1) -> str:
    """A number with exactly `digits` decimals: 2.5 -> "2,5" in Portuguese."""
    from babel.numbers import format_decimal as babel_decimal

    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return babel_decimal(x, format=pattern, locale=_locale(locale_name()))


def format_percent(share: float, digits: int = 0) -> str:
    """A share from 0 to 1 as a percentage: 0.25 -> "25%" ("25 %" where the language says so)."""
    from babel.numbers import format_percent as babel_percent

    pattern = "#,##0." + "0" * digits + "%" if digits else "#,##0%"
    return babel_percent(share, format=pattern, locale=_locale(locale_name()))


def format_date(day: date | datetime, form: str = "short") -> str:
    """A date in the language's `form` ("short": 01/12/2026, 12/1/26; "medium"; "long"),
    or a Babel skeleton such as "MMMd" (1 de dez., Dec 1) when `form` is not one of those.
    A datetime is shown in the computer's time zone."""
    from babel.dates import format_date as babel_date
    from babel.dates import format_skeleton

    if isinstance(day, datetime):
        day = day.astimezone().date()
    if form in ("short", "medium", "long", "full"):
        return babel_date(day, form, locale=_locale(locale_name()))
    return format_skeleton(form, day, locale=_locale(locale_name()))


def format_time(moment: datetime | time) -> str:
    """The time of day, hours and minutes: "14:05" in Portuguese, "2:05 PM" in English."""
    from babel.dates import format_time as babel_time

    if isinstance(moment, datetime):
        moment = moment.astimezone().time()
    return babel_time(moment, "short", locale=_locale(locale_name()))


def format_datetime(moment: datetime) -> str:
    """A moment as date and time in the computer's time zone: "01/12/2026 14:05"."""
    from babel.dates import format_datetime as babel_datetime

    local = moment.astimezone().replace(tzinfo=None)
    return babel_datetime(local, "short", locale=_locale(locale_name()))


def file_name_part(words: str) -> str:
    """Words (already in the desk's language) as part of a file name staff are offered:
    lower case, without accents, joined by "-".

    "Devoluções por semana" -> "devolucoes-por-semana"."""
    import re
    import unicodedata

    plain = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", plain.lower())) or "export"
