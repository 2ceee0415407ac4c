"""Shop settings: each declared once with its key, type, default, label and choices."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlmodel import Session, select

from desk.errors import DeskError
from desk.models import Setting
from desk.validation import email_error


@dataclass(frozen=True)
class SettingSpec:
    """One setting: its stable dotted key, type, default, the label staff see, and checks."""

    key: str
    type: type
    default: object
    label: str
    choices: tuple[str, ...] = ()
    check: Callable[[object], str | None] | None = None
    help: str = ""
    options: dict[str, str] | None = None  # a comma-separated set of these codes (with labels)


def _email_or_empty(value: object) -> str | None:
    return email_error(str(value))


def _port(value: object) -> str | None:
    return None if 0 < int(value) < 65536 else "A port is a number from 1 to 65535."


def _currency(value: object) -> str | None:
    from babel.numbers import get_currency_name

    code = str(value)
    if len(code) == 3 and get_currency_name(code) != code:
        return None
    return f"“{code}” is not a currency code; use one like EUR, USD or BRL."


def positive_days(value: object) -> str | None:
    """Why `value` is not a usable number of days, or None."""
    return None if 0 < int(value) <= 3650 else "Enter a number of days from 1 to 3650."


NOTIFY_CHOICES = ("off", "ask", "auto")
"""Per event: never offered, offered in the transition dialog (ticked), or always sent."""

LANGUAGE_CHOICES = ("en", "pt_BR")

_SPECS = (
    SettingSpec("shop.name", str, "My Shop", "Shop name"),
    SettingSpec("shop.email", str, "", "Sender address", check=_email_or_empty),
    SettingSpec("shop.reply_to", str, "", "Reply-to address", check=_email_or_empty),
    SettingSpec("shop.phone", str, "", "Phone"),
    SettingSpec("shop.address", str, "", "Address"),
    SettingSpec("shop.hours", str, "", "Opening hours"),
    SettingSpec("shop.logo", str, "", "Logo (path to a PNG or JPEG file)"),
    SettingSpec("shop.currency", str, "EUR", "Currency (ISO code)", check=_currency),
    SettingSpec("shop.locale", str, "en", "Shop language", choices=LANGUAGE_CHOICES),
    SettingSpec(
        "shop.refund_days",
        int,
        3,
        "Business days for a refund to reach the card",
        check=positive_days,
    ),
    SettingSpec("smtp.host", str, "", "SMTP server"),
    SettingSpec("smtp.port", int, 587, "SMTP port", check=_port),
    SettingSpec("smtp.security", str, "starttls", "Security", choices=("starttls", "ssl", "none")),
    SettingSpec("smtp.user", str, "", "SMTP user name"),
    SettingSpec("smtp.timeout", int, 20, "SMTP timeout (seconds)"),
    SettingSpec("sms.url", str, "", "SMS provider API base URL (Twilio-style)"),
    SettingSpec("sms.account", str, "", "SMS account id"),
    SettingSpec("sms.sender", str, "", "SMS sender number or name"),
)

SETTINGS: dict[str, SettingSpec] = {spec.key: spec for spec in _SPECS}


def register(spec: SettingSpec) -> None:
    """Declare one more setting (used for the per-event notification settings)."""
    SETTINGS[spec.key] = spec


def _spec(key: str) -> SettingSpec:
    try:
        return SETTINGS[key]
    except KeyError:
        raise DeskError(f"Unknown setting {key!r}; see `returndesk config list`.") from None


def get_setting(session: Session, key: str) -> object:
    """Return the value of setting `key`, or its default when it was never set."""
    spec = _spec(key)
    row = session.get(Setting, key)
    return spec.default if row is None else spec.type(row.value)


def all_settings(session: Session) -> dict[str, object]:
    """Return every declared setting with its current value."""
    stored = {row.key: row.value for row in session.exec(select(Setting))}
    return {
        key: spec.type(stored[key]) if key in stored else spec.default
        for key, spec in SETTINGS.items()
    }


def parse_setting(key: str, value: object) -> object:
    """Return `value` converted and checked for setting `key`; raise DeskError if it is bad."""
    spec = _spec(key)
    text = str(value).strip()
    if key == "shop.currency":
        text = text.upper()
    try:
        typed = spec.type(text)
    except (TypeError, ValueError):
        raise DeskError(f"{spec.label} must be a whole number, not “{text}”.") from None
    if spec.choices and typed not in spec.choices:
        raise DeskError(f"{spec.label} must be one of: {', '.join(spec.choices)}.")
    if spec.check and (problem := spec.check(typed)):
        raise DeskError(f"{spec.label}: {problem}")
    return typed


def set_setting(session: Session, key: str, value: object) -> object:
    """Check and store setting `key`; commit; return the stored value."""
    typed = parse_setting(key, value)
    session.merge(Setting(key=key, value=str(typed)))
    session.commit()
    return typed


def set_settings(session: Session, values: dict[str, object]) -> None:
    """Check every value first, then store them all in one transaction."""
    typed = {key: parse_setting(key, value) for key, value in values.items()}
    for key, value in typed.items():
        session.merge(Setting(key=key, value=str(value)))
    session.commit()


# The modules that register more settings (notify.*, segment.*, policy.*):
from desk.customers import habits  # noqa: E402, F401
from desk.messages import events  # noqa: E402, F401
from desk.policy import intake, rules  # noqa: E402, F401
