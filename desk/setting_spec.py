"""What a setting is: its type (SettingSpec), the yes/no words, and the checks on its value.

desk.settings declares every setting with these; this module knows none of them, and
imports only leaf modules (errors, validation).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from desk.errors import DeskError
from desk.validation import MAX_AMOUNT_CENTS, email_error, text_error

MAX_TEXT_CHARS = 2000
"""The longest text setting (an address, opening hours); no name or host comes close."""

T = TypeVar("T")

TRUE_WORDS = frozenset({"true", "yes", "y", "on", "1"})
FALSE_WORDS = frozenset({"false", "no", "n", "off", "0", ""})
"""How a yes/no setting may be typed or stored ("yes"/"no" is what older versions stored)."""


@dataclass(frozen=True, eq=False)
class SettingSpec(Generic[T]):
    """One setting: its stable dotted key, type, default, the label staff see, and checks.

    `type` is str, int or bool. A bool is stored as "true"/"false" and shown as "yes"/"no".
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

    def show(self, value: T) -> str:
        """`value` as staff read and type it ("yes"/"no" for a yes/no setting)."""
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
        if problem := text_error(text, "value", limit=limit, multiline=self.multiline):
            raise DeskError(f"{self.label}: {problem}")
        if self.type is bool:
            if text.lower() not in TRUE_WORDS | FALSE_WORDS or not text:
                raise DeskError(f"{self.label} must be yes or no, not “{text}”.")
            typed = text.lower() in TRUE_WORDS
        else:
            try:
                typed = self.type(text)
            except (TypeError, ValueError):
                raise DeskError(f"{self.label} must be a whole number, not “{text}”.") from None
        if self.choices and typed not in self.choices:
            raise DeskError(f"{self.label} must be one of: {', '.join(self.choices)}.")
        if self.check and (problem := self.check(typed)):
            raise DeskError(f"{self.label}: {problem}")
        return typed  # type: ignore[return-value]


# checks: each returns why a typed value is not usable, or None


def email_or_empty(value: object) -> str | None:
    """Why `value` is not an email address (an empty one is fine), or None."""
    return email_error(str(value))


def port(value: object) -> str | None:
    """Why `value` is not a TCP port number, or None."""
    return None if 0 < int(value) < 65536 else "A port is a number from 1 to 65535."


def currency(value: object) -> str | None:
    """Why `value` is not an ISO currency code babel knows, or None."""
    from babel.numbers import get_currency_name  # babel is slow to import

    code = str(value)
    if len(code) == 3 and get_currency_name(code) != code:
        return None
    return f"“{code}” is not a currency code; use one like EUR, USD or BRL."


def seconds(value: object) -> str | None:
    """Why `value` is not a timeout from 1 to 300 seconds, or None."""
    return None if 1 <= int(value) <= 300 else "Enter a number of seconds from 1 to 300."


def count(value: object) -> str | None:
    """Why `value` is not a count from 0 to 1,000,000, or None."""
    return None if 0 <= int(value) <= 1_000_000 else "Enter a number from 0 to 1,000,000."


def positive_days(value: object) -> str | None:
    """Why `value` is not a usable number of days, or None."""
    return None if 0 < int(value) <= 3650 else "Enter a number of days from 1 to 3650."


def percent(value: object) -> str | None:
    """Why `value` is not a percentage from 0 to 100, or None."""
    return None if 0 <= int(value) <= 100 else "Enter a percentage from 0 to 100."


def code_set(
    allowed: dict[str, str], *, at_least_one: bool = False
) -> Callable[[object], str | None]:
    """A check that a value is a comma-separated set of `allowed` codes (at least one if asked)."""

    def check(value: object) -> str | None:
        codes = [c.strip() for c in str(value).split(",") if c.strip()]
        if at_least_one and not codes:
            return "choose at least one."
        unknown = [c for c in codes if c not in allowed]
        if unknown:
            return f"unknown {', '.join(unknown)}; use {', '.join(allowed)} (comma-separated)."
        return None

    return check


def rating(value: object) -> str | None:
    """Why `value` is not a rating from 1 to 5, or None."""
    return None if 1 <= int(value) <= 5 else "Enter a rating from 1 to 5."


def hours(value: object) -> str | None:
    """Why `value` is not a number of hours from 1 to 720, or None."""
    return None if 1 <= int(value) <= 720 else "Enter a number of hours from 1 to 720."


def not_negative(value: object) -> str | None:
    """Why `value` is below 0 or above an amount the database holds, or None."""
    if 0 <= int(value) <= MAX_AMOUNT_CENTS:
        return None
    return f"Enter a number from 0 to {MAX_AMOUNT_CENTS:,}."
