"""Pieces of the new-return dialog's customer picker: the card of the customer picked and
the hints said under the matches."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desk.i18n.catalog import _, ngettext
from desk.i18n.formats import format_number
from desk.labels import CHANNELS, LANGUAGES, REFUND_METHODS, label
from desk.models import Customer
from desk.phones import show_phone

SEARCH_LIMIT = 20  # matches listed at most
_CARD_STYLE = """
QFrame#pickedCard {
    background: #ecfdf5; border: 1px solid #a7f3d0; border-left: 5px solid #059669;
    border-radius: 4px;
}
"""


def several_hint(count: int) -> str:
    """What the hint says when `count` customers match the search."""
    if count >= SEARCH_LIMIT:
        return _(
            "{count} or more customers match: Down and Up choose one, Enter picks it. "
            "Type more to narrow them down."
        ).format(count=format_number(count))
    return ngettext(
        "{count} customer matches: Down and Up choose one, Enter picks it.",
        "{count} customers match: Down and Up choose one, Enter picks it.",
        count,
    ).format(count=format_number(count))


def choose_first(count: int) -> str:
    """What the hint says when Enter was pressed with `count` matches and none chosen."""
    if count >= SEARCH_LIMIT:
        said = _(
            "{count} or more customers match: highlight one with Down or Up, then Enter picks "
            "it (or click it)."
        )
    else:
        said = ngettext(
            "{count} customer matches: highlight it with Down or Up, then Enter picks it "
            "(or click it).",
            "{count} customers match: highlight one with Down or Up, then Enter picks it "
            "(or click it).",
            count,
        )
    return said.format(count=format_number(count))


class PickedCard(QFrame):
    """Who the return is for: name, contacts and preferences, and a Change button."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, objectName="pickedCard")
        self.setStyleSheet(_CARD_STYLE)
        self.name = QLabel()
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.PlainText)  # customer data, never markup
        self.change_button = QPushButton(_("&Change customer"))
        self.change_button.setToolTip(_("Pick someone else or enter a new customer (Alt+C)"))
        text = QVBoxLayout()
        text.addWidget(self.name)
        text.addWidget(self.details)
        layout = QHBoxLayout(self)
        layout.addLayout(text, 1)
        layout.addWidget(self.change_button, 0, Qt.AlignVCenter)

    def show_customer(self, customer: Customer, country: str) -> None:
        """Show `customer` (phones written for the shop's `country`)."""
        self.name.setText(f"<b>✓ {escape(customer.name)}</b>")
        contact = [customer.email or _("no email"), show_phone(customer.phone, country)]
        contact[1] = contact[1] or _("no phone")
        channel = label(CHANNELS, customer.preferred_channel).lower()
        refund = label(REFUND_METHODS, customer.preferred_refund).lower()
        prefs = [
            _("contact by {channel}").format(channel=channel),
            label(LANGUAGES, customer.preferred_language),
            _("usual refund: {method}").format(method=refund),
        ]
        self.details.setText(" · ".join(contact) + "\n" + " · ".join(prefs))
