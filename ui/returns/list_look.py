"""How the returns list looks: each status's colour, the low-rating mark, the totals.

Plain drawing and formatting helpers for ui/returns/model.py, kept apart so the model is
only about rows.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QColor, QPainter, QPixmap

from desk.codes import Status
from desk.i18n.formats import locale_name
from desk.money import format_money

STATUS_COLORS: dict[Status, str] = {
    Status.REQUESTED: "#6b7280",
    Status.RECEIVED: "#2563eb",
    Status.INSPECTING: "#d97706",
    Status.APPROVED: "#0891b2",
    Status.REJECTED: "#dc2626",
    Status.REFUNDED: "#16a34a",
    Status.EXCHANGED: "#16a34a",
    Status.CREDITED: "#16a34a",
    Status.CLOSED: "#374151",
    Status.CANCELLED: "#9ca3af",
}


LOW_COLOR = "#dc2626"
_low_mark: list[QPixmap] = []


def low_mark() -> QPixmap:
    """The red dot a low-rated return shows in the Status column (drawn once)."""
    if not _low_mark:
        mark = QPixmap(12, 12)
        mark.fill(QColor(0, 0, 0, 0))
        painter = QPainter(mark)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setPen(QColor(LOW_COLOR).darker(130))
        painter.setBrush(QColor(LOW_COLOR))
        painter.drawEllipse(1, 1, 10, 10)
        painter.end()
        _low_mark.append(mark)
    return _low_mark[0]


def money(cents: int, currency: str) -> str:
    """A total as the list shows it, in the desk's language (Babel takes half a millisecond
    a call; totals repeat, so each is formatted once)."""
    return _money(cents, currency, locale_name())


@lru_cache(maxsize=4096)
def _money(cents: int, currency: str, locale: str) -> str:
    return format_money(cents, currency, locale)
