"""What this desk remembers between runs (window layout, staff name): one QSettings."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

GEOMETRY = "window/geometry"
SPLITTER = "window/splitter"
STAFF = "desk/staff_name"


def _settings() -> QSettings:
    return QSettings("ReturnDesk", "ReturnDesk")


def load_bytes(key: str) -> QByteArray | None:
    """Return the saved bytes under `key`, if any."""
    value = _settings().value(key)
    return value if isinstance(value, QByteArray) else None


def load_text(key: str, default: str = "") -> str:
    """Return the saved text under `key`, or `default`."""
    value = _settings().value(key, default)
    return value if isinstance(value, str) else default


def save(key: str, value: object) -> None:
    """Remember `value` under `key`."""
    _settings().setValue(key, value)
