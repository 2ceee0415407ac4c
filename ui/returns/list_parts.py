"""The returns list's parts: search box, status filter, table view and its empty-list text."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
)

from desk import listing
from desk.codes import Status
from desk.db import Database
from desk.listing import ReturnFilter
from ui.actions import Act, shortcut_text
from ui.returns.model import CUSTOMER, ITEMS, LOGGED, NUMBER, STATUS, TOTAL, ReturnsModel

ALL = ""
"""The status filter's data for "All"."""

COLUMN_WIDTHS = {NUMBER: 112, LOGGED: 92, ITEMS: 48, TOTAL: 90, STATUS: 130}


def search_box() -> QLineEdit:
    """The search box over number, customer, email, phone and SKU."""
    edit = QLineEdit()
    edit.setObjectName("search")
    edit.setPlaceholderText(
        f"Search number, customer, email, phone or SKU  ({shortcut_text(Act.FIND)})"
    )
    edit.setClearButtonEnabled(True)
    edit.setMinimumWidth(360)
    return edit


def status_filter() -> QComboBox:
    """The status filter: open returns (the default), all, or one status."""
    combo = QComboBox()
    combo.setObjectName("statusFilter")
    combo.addItem("Open (not closed)", listing.OPEN)
    combo.addItem("All", ALL)
    for status in Status:
        combo.addItem(status.label, status.value)
    return combo


def returns_table(model: ReturnsModel) -> QTableView:
    """The table over `model`: whole rows selected one at a time, newest first."""
    table = QTableView()
    table.setObjectName("returnsTable")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setSortingEnabled(True)
    table.horizontalHeader().setSortIndicator(LOGGED, Qt.DescendingOrder)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(26)
    table.setShowGrid(False)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.Interactive)
    header.setSectionResizeMode(CUSTOMER, QHeaderView.Stretch)
    for column, width in COLUMN_WIDTHS.items():
        table.setColumnWidth(column, width)
    return table


def empty_label() -> QLabel:
    """The label shown instead of the table when no return matches."""
    label = QLabel()
    label.setAlignment(Qt.AlignCenter)
    label.setStyleSheet("color: #666; padding: 24px;")
    label.setWordWrap(True)
    label.setTextFormat(Qt.RichText)  # what was typed is escaped by empty_text
    return label


def has_returns(db: Database) -> bool:
    """True when the database holds any return at all."""
    return listing.has_returns(db)


SHOW_ALL_LINK = "show-all-statuses"
"""The link of the empty-list text that switches the status filter to All."""


def empty_text(
    flt: ReturnFilter, *, any_returns: bool, hidden: listing.ListPage | None = None
) -> str:
    """What to say when no return matches `flt`, and how to find some (rich text).

    `any_returns` says whether the database holds any return at all; `hidden` is what
    the search finds under every status, when the status filter hides it: then the text
    says where the return is and links to the switch to All (also a shortcut).
    """
    typed = flt.text.strip()
    if typed and hidden is not None and hidden.rows:
        switch = (
            f"<a href='{SHOW_ALL_LINK}'>show all statuses</a> "
            f"({shortcut_text(Act.SHOW_ALL_STATUSES)})"
        )
        if hidden.total == 1:
            row = hidden.rows[0]
            return f"{escape(row.number)} is {row.status.label.lower()}: {switch}."
        shown = "open" if flt.status == listing.OPEN else Status(flt.status).label.lower()
        return (
            f"No {shown} return matches “{escape(typed)}”; {hidden.total:,} with other "
            f"statuses do: {switch}."
        )
    if typed:
        return f"No return matches “{escape(typed)}”. Check the spelling or clear the search."
    if not any_returns:
        return f"No returns yet. Press {shortcut_text(Act.NEW_RETURN)} to log the first one."
    if flt.status == listing.OPEN:
        return "No open returns. Choose “All” in Status to see closed ones."
    return "No returns with this status. Choose “All” to see every return."
