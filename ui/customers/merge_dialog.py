"""The question before a merge: which of two records of the same person is kept."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desk.customers.directory import CustomerRow
from desk.i18n.catalog import _, ngettext
from desk.i18n.formats import format_number
from ui.actions import dialog_keys


def offered(rows: list[CustomerRow]) -> CustomerRow:
    """The record offered as the one to keep: more returns, then the older record."""
    return max(rows, key=lambda r: (r.returns, -r.created_at.timestamp(), -r.id))


def _describe(row: CustomerRow) -> str:
    contact = " · ".join(x for x in (row.email, row.phone) if x) or _("no contact")
    returns = (
        ngettext("{n} return", "{n} returns", row.returns).format(n=format_number(row.returns))
        if row.returns
        else _("no returns")
    )
    return f"{row.name} (#{row.id}) — {contact} — {returns}"


class MergeDialog(QDialog):
    """Two records, one radio button each; the one `offered` is checked."""

    def __init__(self, rows: list[CustomerRow], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Merge customers"))
        self.rows = rows
        intro = QLabel(
            _(
                "These two records will become one. Choose the record to <b>keep</b>: the other "
                "one's returns, reward codes and missing contact details move onto it."
            )
        )
        intro.setWordWrap(True)
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        best = offered(rows)
        for i, row in enumerate(rows):
            button = QRadioButton(_describe(row))
            button.setObjectName(f"keep_{row.id}")
            button.setChecked(row is best)
            self.group.addButton(button, i)
            layout.addWidget(button)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(_("Continue…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        dialog_keys(self, accept=self.accept)

    def kept(self) -> CustomerRow:
        """The record chosen to keep."""
        return self.rows[self.group.checkedId()]


def choose_kept(parent: QWidget, rows: list[CustomerRow]) -> CustomerRow | None:
    """Ask which record to keep; None when staff cancel."""
    dialog = MergeDialog(rows, parent)
    return dialog.kept() if dialog.exec() == QDialog.Accepted else None
