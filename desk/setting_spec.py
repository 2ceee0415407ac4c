"""What a setting is: its type (SettingSpec), the yes/no words, and the checks on its value.

desk.settings declares every setting with these; this module knows none of them, and
imports only leaf modules (errors, validation, the catalogs).

A setting's label, help and option words are English marked with N_() where declared;
they are read in the desk's language with `_(spec.label)` (or `spec.title`), and the
messages here name a setting that way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from desk.errors import DeskError
from desk.i18n.catalog import N_, _
from desk.i18n.formats import format_number
from desk.validation import MAX_AMOUNT_CENTS, email_error, text_error

MAX_TEXT_CHARS = 2000
"""The longest text setting (an address, opening hours); no name or host comes close."""

T = TypeVar("T")

TRUE_WORDS = frozenset({"true", "yes", "y", "on", "1", "sim", "s"})
FALSE_WORDS = frozenset({"false", "no", "n", "off", "0", "", "não", "nao"})
"""How a yes/no setting may be typed or stored ("yes"/"no" is what older versions stored;
"sim"/"não" is what a Portuguese desk shows)."""


@dataclass(frozen=True, eq=False)
class SettingSpec(Generic[T]):
    """One setting: its stable dotted key, type, default, the label staff see, and checks.

    `type` is str, int or bool. A bool is stored as "true"/"false" and shown as "yes"/"no"
    in the desk's language. `label`, `help` and the words of `options` are marked English.
    """

    key: str
    type: type[T]
    default: T
    label: str
    choices: tuple[str, ...] = ()
    check: Callable[[object], str | None] | None = None
    help: str = ""
    options: dict[str, str] | None = None  # a comma-separated set of these codes (with labels)
    uppercase: bool = False  # typed text is upper-cased first (currency codes)
    multiline: bool = False  # may hold line breaks (an address, opening hours)

    def from_stored(self, text: str) -> T:
        """The typed value of `text` as kept in the database."""
        if self.type is bool:
            word = text.strip().lower()
            return word in TRUE_WORDS if word in TRUE_WORDS | FALSE_WORDS else self.default
        return self.type(text)

    def to_stored(self, value: T) -> str:
        """`value` as kept in the database."""
        if self.type is bool:
            return "true" if value else "false"
        return str(value)

    @property
    def title(self) -> str:
        """The label staff read, in the desk's language."""
        return _(self.label)

    def show(self, value: T) -> str:
        """`value` as staff read and type it ("yes"/"no" for a yes/no setting, in the desk's
        language: "sim"/"não" in Portuguese, which parse() takes back)."""
        if self.type is bool:
            return _("yes") if value else _("no")
        return str(value)

    def choice_code(self, value: T) -> str:
        """The code of `value` among a list of choices: "yes"/"no" (in English, whatever the
        desk's language) for a yes/no setting, else the value as text."""
        if self.type is bool:
            return "yes" if value else "no"
        return str(value)

    def parse(self, value: object) -> T:
        """Return `value` converted and checked; raise DeskError if it is bad."""
        if self.type is bool and isinstance(value, bool):
            return value  # type: ignore[return-value]
        text = str(value).strip()
        if self.uppercase:
            text = text.upper()
        limit = MAX_TEXT_CHARS if self.type is str else 40
        label = self.title
        if problem := text_error(text, N_("value"), limit=limit, multiline=self.multiline):
            raise DeskError(f"{label}: {problem}")
        if self.type is bool:
            if text.lower() not in TRUE_WORDS | FALSE_WORDS or not text:
                raise DeskError(
                    _("{setting} must be {yes} or {no}, not “{text}”.").format(
                        setting=label, yes=_("yes"), no=_("no"), text=text
                    )
                )
            typed = text.lower() in TRUE_WORDS
        else:
            try:
                typed = self.type(text)
            except (TypeError, ValueError):
                raise DeskError(
                    _("{setting} must be a whole number, not “{text}”.").format(
                        setting=label, text=text
                    )
                ) from None
        if self.choices and typed not in self.choices:
            raise DeskError(
                _("{setting} must be one of: {choices}.").format(
                    setting=label, choices=", ".join(self.choices)
                )
            )
        if self.check and (problem := self.check(typed)):
            raise DeskError(f"{label}: {problem}")
        return typed  # type: ignore[return-value]


# checks: each returns why a typed value is not usable, or None


def email_or_empty(value: object) -> str | None:
    """Why `value` is not an email address (an empty one is fine), or None."""
    return email_error(str(value))


def port(value: object) -> str | None:
    """Why `value` is not a TCP port number, or None."""
    return None if 0 < int(value) < 65536 else _("A port is a number from 1 to 65535.")


def currency(value: object) -> str | None:
    """Why `value` is not an ISO currency code babel knows, or None."""
    from babel.numbers import get_currency_name  # babel is slow to import

    code = str(value)
    if len(code) == 3 and get_currency_name(code) != code:
        return None
    return _("“{code}” is not a currency code; use one like EUR, USD or BRL.").format(code=code)


def seconds(value: object) -> str | None:
    """Why `value` is not a timeout from 1 to 300 seconds, or None."""
    return None if 1 <= int(value) <= 300 else _("Enter a number of seconds from 1 to 300.")


def count(value: object) -> str | None:
    """Why `value` is not a count from 0 to 1,000,000, or None."""
    return None if 0 <= int(value) <= 1_000_000 else _between(0, 1_000_000)


def positive_days(value: object) -> str | None:
    """Why `value` is not a usable number of days, or None."""
    return None if 0 < int(value) <= 3650 else _("Enter a number of days from 1 to 3650.")


def percent(value: object) -> str | None:
    """Why `value` is not a percentage from 0 to 100, or None."""
    return None if 0 <= int(value) <= 100 else _("Enter a percentage from 0 to 100.")


def code_set(
    allowed: dict[str, str], *, at_least_one: bool = False
) -> Callable[[object], str | None]:
    """A check that a value is a comma-separated set of `allowed` codes (at least one if asked)."""

    def check(value: object) -> str | None:
        codes = [c.strip() for c in str(value).split(",") if c.strip()]
        if at_least_one and not codes:
            return _("choose at least one.")
        unknown = [c for c in codes if c not in allowed]
        if unknown:
            return _("unknown {codes}; use {allowed} (comma-separated).").format(
                codes=", ".join(unknown), allowed=", ".join(allowed)
            )
        return None

    return check


def rating(value: object) -> str | None:
    """Why `value` is not a rating from 1 to 5, or None."""
    return None if 1 <= int(value) <= 5 else _("Enter a rating from 1 to 5.")


def hours(value: object) -> str | None:
    """Why `value` is not a number of hours from 1 to 720, or None."""
    return None if 1 <= int(value) <= 720 else _("Enter a number of hours from 1 to 720.")


def not_negative(value: object) -> str | None:
    """Why `value` is below 0 or above an amount the database holds, or None."""
    if 0 <= int(value) <= MAX_AMOUNT_CENTS:
        return None
    return _between(0, MAX_AMOUNT_CENTS)


def _between(low: int, high: int) -> str:
    return _("Enter a number from {low} to {high}.").format(
        low=format_number(low), high=format_number(high)
    )
