"""A return's timeline in the detail panel: one row per move (when, what, who, note).

The rows' labels are made once and reused from one return to the next (the panel shows a
new return at every keystroke of a search): making, styling and deleting a dozen labels
each time cost more than the rest of the panel.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel

from desk.i18n.catalog import _
from desk.i18n.formats import format_datetime
from desk.models import StatusChange
from desk.returns import ReturnDetail
from desk.workflow import ChangeKind, change_kind
from ui.returns.list_look import STATUS_COLORS

ERASED_COLOR = "#6b7280"


def change_text(change: StatusChange) -> str:
    """A timeline entry's kind and status: a move is a coloured dot, an undo an arrow back."""
    status = change.to_status
    if change_kind(change) == ChangeKind.UNDO:
        said = _("↶ Undone: back to {status}").format(status=escape(status.label))
        return f"<b style='color:{ERASED_COLOR}'>{said}</b>"
    return f"<b style='color:{STATUS_COLORS[status]}'>● {escape(status.label)}</b>"


def entries(detail: ReturnDetail) -> list[tuple[str, str, str, str]]:
    """The timeline's rows as texts: each move, then the erasure of the customer's data."""
    rows = [
        (format_datetime(c.at), change_text(c), escape(c.staff) or "—", escape(c.note))
        for c in detail.timeline
    ]
    if detail.erasure_note:  # an entry of its own kind: grey, no status
        customer = detail.customer
        erased = f"<b style='color:{ERASED_COLOR}'>{_('○ Data erased')}</b>"
        rows.append(
            (
                format_datetime(customer.erased_at),
                erased,
                escape(customer.erased_by) or "—",
                escape(detail.erasure_note),
            )
        )
    return rows


class TimelineBox(QGroupBox):
    """The Timeline group: its rows, shown from a return's detail."""

    def __init__(self) -> None:
        super().__init__(_("Timeline"))
        self.grid = QGridLayout(self)
        self.grid.setHorizontalSpacing(14)
        self.grid.setColumnStretch(3, 1)
        self._rows: list[tuple[QLabel, ...]] = []
        self._shown = 0

    def show_detail(self, detail: ReturnDetail) -> None:
        """Show `detail`'s timeline (reusing the rows shown before)."""
        texts = entries(detail)
        for i, row in enumerate(texts):
            for label, text in zip(self._row(i), row, strict=True):
                label.setText(text)
                if label.isHidden():
                    label.show()
        for row in self._rows[len(texts) : self._shown]:
            for label in row:
                label.hide()
        self._shown = len(texts)

    def _row(self, i: int) -> tuple[QLabel, ...]:
        while len(self._rows) <= i:
            n = len(self._rows)
            row = tuple(QLabel() for _ in range(4))
            row[3].setWordWrap(True)
            for j, label in enumerate(row):
                label.setObjectName(f"timeline_{n}_{j}")
                self.grid.addWidget(label, n, j, Qt.AlignTop)
            self._rows.append(row)
        return self._rows[i]

    def texts(self) -> list[str]:
        """The timeline as shown, one string per entry (status, staff, note)."""
        return [" | ".join(label.text() for label in row) for row in self._rows[: self._shown]]
