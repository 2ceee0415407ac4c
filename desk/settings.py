"""Shop settings: each declared once with its type, default and label."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from desk.errors import DeskError
from desk.models import Setting


@dataclass(frozen=True)
class SettingSpec:
    """One setting: its stable dotted key, type, default and the label staff see."""

    key: str
    type: type
    default: object
    label: str


SETTINGS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec("shop.name", str, "My Shop", "Shop name"),
        SettingSpec("shop.currency", str, "EUR", "Currency (ISO code)"),
        SettingSpec("shop.locale", str, "en", "Language for amounts and dates"),
    )
}


def _spec(key: str) -> SettingSpec:
    try:
        return SETTINGS[key]
    except KeyError:
        raise DeskError(f"Unknown setting {key!r}; known: {', '.join(SETTINGS)}.") from None


def get_setting(session: Session, key: str) -> object:
    """Return the value of setting `key`, or its default when it was never set."""
    spec = _spec(key)
    row = session.get(Setting, key)
    return spec.default if row is None else spec.type(row.value)


def set_setting(session: Session, key: str, value: object) -> None:
    """Store setting `key` and commit."""
    spec = _spec(key)
    try:
        typed = spec.type(value)
    except (TypeError, ValueError):
        raise DeskError(f"{spec.label} must be a {spec.type.__name__}.") from None
    if key == "shop.currency":
        typed = _check_currency(str(typed))
    session.merge(Setting(key=key, value=str(typed)))
    session.commit()


def _check_currency(code: str) -> str:
    from babel.numbers import get_currency_name

    code = code.strip().upper()
    if len(code) != 3 or get_currency_name(code) == code:
        raise DeskError(f"“{code}” is not a currency code; use one like EUR, USD or BRL.")
    return code
