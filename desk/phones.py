"""Phone numbers: parse what was typed, check it, store it in E.164, show it for the shop.

Every phone is read with the shop's country (desk.settings.SHOP_COUNTRY) as the region of
a number typed without a country code ("07993 672961" in the United Kingdom is
+447993672961), stored in E.164 (`to_e164`), and shown in the national format when it
belongs to the shop's country and in the international one otherwise (`show_phone`).
A stored value that is not E.164 (typed before numbers were checked, and not readable)
is shown as it is and flagged (`needs_fixing`). Uses Google's libphonenumber rules (the
`phonenumbers` package); imports nothing of desk but the catalogs (its messages are in the
desk's language), so any module may use it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import TYPE_CHECKING

from desk.i18n.catalog import _

if TYPE_CHECKING:
    from phonenumbers import PhoneNumber

DEFAULT_COUNTRY = "GB"
"""The shop's country until it is set: the demo shop and its counter numbers are British."""


@cache
def _numbers():
    """The `phonenumbers` package, imported at the first phone (its metadata takes about
    15 ms to load, which the window's start does not need)."""
    import phonenumbers

    return phonenumbers


def _sms_types() -> frozenset[int]:
    """The kinds of number a text message reaches."""
    kinds = _numbers().PhoneNumberType
    return frozenset({kinds.MOBILE, kinds.FIXED_LINE_OR_MOBILE})


_E164 = re.compile(r"^\+[1-9]\d{6,14}$")
_TYPED = re.compile(r"^[\d\s()./+-]+$")  # what a phone typed in a search box looks like


def parse(text: str, country: str = DEFAULT_COUNTRY) -> PhoneNumber | None:
    """The number `text` stands for, read with `country` as its region; None if it is
    not a valid number (garbage, too short, too long, or not in use anywhere).

    A number that is not valid in `country` but is once a + is put before it was typed
    with its country code and no + ("55 11 91234 5678", as some tills export it).
    """
    text = (text or "").strip()
    if not text or len(text) > 60:
        return None
    number = _valid(text, (country or DEFAULT_COUNTRY).upper())
    if number is None and not text.startswith("+") and sum(c.isdigit() for c in text) >= 8:
        number = _valid("+" + text, None)  # its country code typed without the + (a till)
    return number


def _valid(text: str, region: str | None) -> PhoneNumber | None:
    try:
        number = _numbers().parse(text, region)
    except _numbers().NumberParseException:
        return None
    return number if _numbers().is_valid_number(number) else None


def to_e164(text: str, country: str = DEFAULT_COUNTRY) -> str | None:
    """`text` in E.164 ("+447993672961"), or None when it is not a valid number or carries
    an extension (which E.164 cannot hold, so it would be lost)."""
    number = parse(text, country)
    if number is None or number.extension:
        return None
    return _numbers().format_number(number, _numbers().PhoneNumberFormat.E164)


def is_e164(text: str | None) -> bool:
    """Whether `text` is already a number in E.164 (a plus and 7 to 15 digits, valid)."""
    return bool(text) and bool(_E164.match(text)) and parse(text) is not None


def can_receive_sms(text: str, country: str = DEFAULT_COUNTRY) -> bool:
    """Whether `text` is a mobile number (or one that may be mobile), so a text reaches it."""
    number = parse(text, country)
    return number is not None and _numbers().number_type(number) in _sms_types()


def phone_problem(text: str, country: str = DEFAULT_COUNTRY, *, sms: bool = False) -> str | None:
    """Why `text` cannot be stored as a phone number, or None (also for an empty one).

    With `sms`, the number must also reach a text message (a mobile number).
    """
    text = (text or "").strip()
    if not text:
        return None
    shown = text[:40] if text.isprintable() else repr(text[:40])
    number = parse(text, country)
    if number is None:
        national = _example(country, _numbers().PhoneNumberFormat.NATIONAL)
        international = _example(country, _numbers().PhoneNumberFormat.INTERNATIONAL)
        return _(
            "“{text}” is not a phone number; type it as dialled in the shop ({national}) "
            "or with its country code ({international})."
        ).format(text=shown, national=national, international=international)
    if number.extension:
        return _(
            "“{text}” has an extension, which a phone number cannot keep; type the number "
            "without it and put the extension in the notes."
        ).format(text=shown)
    if sms and _numbers().number_type(number) not in _sms_types():
        return _(
            "“{text}” is a landline, so it cannot receive text messages; type a mobile "
            "number, or contact the customer by email or a printed letter instead."
        ).format(text=shown)
    return None


def show_phone(stored: str | None, country: str = DEFAULT_COUNTRY) -> str:
    """`stored` as staff and customers read it: national format for a number of the shop's
    country ("07993 672961"), international otherwise ("+55 11 91234-5678"); a stored
    value that is not a readable number is shown exactly as it was typed."""
    if not stored:
        return ""
    number = parse(stored, country)
    if number is None or not stored.startswith("+"):
        return stored
    region = _numbers().region_code_for_number(number)
    national = region == (country or DEFAULT_COUNTRY).upper()
    style = (
        _numbers().PhoneNumberFormat.NATIONAL
        if national
        else _numbers().PhoneNumberFormat.INTERNATIONAL
    )
    return _numbers().format_number(number, style)


def needs_fixing(stored: str | None) -> bool:
    """Whether a stored phone is not in E.164 (kept as typed because it could not be read)."""
    return bool(stored) and not is_e164(stored)


def search_digits(query: str) -> str | None:
    """The digits to look for when `query` is a phone typed any usual way, else None.

    "07993 672961", "+44 7993 672961", "0044 7993 672961" and "447993672961" all give
    digits that end a stored "+447993672961": the leading zeros (trunk or international
    prefix) are dropped, so the national form matches the number's last digits.
    """
    query = query.strip()
    if not _TYPED.match(query) or "+" in query[1:]:
        return None
    digits = "".join(c for c in query if c.isdigit()).lstrip("0")
    return digits if len(digits) >= 7 else None


def is_country(code: str) -> bool:
    """Whether `code` is a two-letter country whose phone numbers are known ("GB", "BR")."""
    return code.upper() in _numbers().SUPPORTED_REGIONS


def country_error(value: object) -> str | None:
    """Why `value` is not a country code for phone numbers, or None (a setting's check)."""
    code = str(value).strip().upper()
    if len(code) == 2 and is_country(code):
        return None
    return _("“{code}” is not a country code; use two letters like GB, BR, PT or US.").format(
        code=code[:10]
    )


@cache
def country_names(language: str = "en") -> dict[str, str]:
    """Every country phones are known for, code → name in `language` ("en", "pt_BR"),
    sorted by name."""
    from babel import Locale  # babel is slow to import

    try:
        names = Locale.parse(language).territories
    except (ValueError, TypeError):
        names = Locale.parse("en").territories
    found = {code: names.get(code, code) for code in _numbers().SUPPORTED_REGIONS}
    return dict(sorted(found.items(), key=lambda item: _sort_key(item[1])))


def country_name(code: str, language: str = "en") -> str:
    """The name of country `code` in `language`, or the code itself when unknown."""
    return country_names(language).get((code or "").upper(), code)


def _sort_key(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if c.isalnum())


def example_phone(country: str = DEFAULT_COUNTRY) -> str:
    """A mobile number of `country` as it is dialled there ("07400 123456"): a placeholder."""
    return _example(country, _numbers().PhoneNumberFormat.NATIONAL)


def _example(country: str, style: int) -> str:
    example = _numbers().example_number_for_type(
        (country or DEFAULT_COUNTRY).upper(), _numbers().PhoneNumberType.MOBILE
    )
    if example is None:
        example = _numbers().parse("+447993672961")
    return _numbers().format_number(example, style)
