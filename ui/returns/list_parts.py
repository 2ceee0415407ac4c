"""The returns list's parts: search box, status filter, table view and its empty-list text.

The table's columns are as wide as what they hold (measured with the table's font, never a
fixed pixel count) and the customer's name takes the rest; when the list is too narrow for
a readable name, the item count and then the logged date step aside (`ColumnFitter`).
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QTableView,
)

from desk import list_window, listing
from desk.codes import Status
from desk.db import Database
from desk.i18n.catalog import _, ngettext, pgettext
from desk.i18n.formats import format_date, format_number
from desk.listing import ReturnFilter
from desk.money import format_money
from ui.actions import Act, shortcut_text
from ui.returns.model import (
    CUSTOMER,
    ITEMS,
    LOGGED,
    NUMBER,
    STATUS,
    TOTAL,
    ReturnsModel,
    headers,
)
from ui.widgets.after_paint import after_paint

ALL = ""
"""The status filter's data for "All"."""


def samples() -> dict[int, tuple[str, ...]]:
    """The widest texts each column shows, in the desk's language (the total's: four
    figures in the common currencies)."""
    totals = tuple(format_money(9_999_99, c) for c in ("EUR", "BRL", "USD", "GBP"))
    return {
        NUMBER: ("R-2026-00000",),
        LOGGED: (format_date(date(2026, 12, 31)), format_date(date(2026, 11, 28))),
        ITEMS: ("999",),
        STATUS: tuple(s.label for s in Status),
        TOTAL: totals,
    }


CUSTOMER_ROOM = "Maria Eduarda S"
"""The customer's name gets at least the width of this text before other columns step aside."""
OPTIONAL = (ITEMS, LOGGED)
"""The columns hidden, in this order, when the list is too narrow for the customer's name."""


def search_box() -> QLineEdit:
    """The search box over number, customer, email, phone and SKU."""
    edit = QLineEdit()
    edit.setObjectName("search")
    edit.setPlaceholderText(
        _("Search number, customer, email, phone or SKU  ({shortcut})").format(
            shortcut=shortcut_text(Act.FIND)
        )
    )
    edit.setClearButtonEnabled(True)
    edit.setMinimumWidth(360)
    return edit


class StatusFilter(QComboBox):
    """A combo box that says whether its current change comes from stepping through it
    (arrow keys or the wheel on the closed box) rather than a pick from its open list."""

    stepping = False

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self._step(super().keyPressEvent, event)

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self._step(super().wheelEvent, event)

    def _step(self, handle, event) -> None:
        self.stepping = True
        try:
            handle(event)
        finally:
            self.stepping = False


def status_filter() -> StatusFilter:
    """The status filter: open returns (the default), all, or one status."""
    combo = StatusFilter()
    combo.setObjectName("statusFilter")
    combo.addItem(_("Open (not closed)"), listing.OPEN)
    combo.addItem(pgettext("statuses", "All"), ALL)
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
    # the indicator first: enabling sorting sorts by it, the model's own order (no read)
    table.horizontalHeader().setSortIndicator(LOGGED, Qt.DescendingOrder)
    table.setSortingEnabled(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(26)
    table.setShowGrid(False)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.Interactive)
    header.setSectionResizeMode(CUSTOMER, QHeaderView.Stretch)
    table.column_fitter = ColumnFitter(table)
    viewport = table.viewport()
    model.paint_first = lambda start: after_paint(viewport, start)  # the rows paint first
    return table


class ColumnFitter(QObject):
    """Keeps a returns table's columns as wide as their content, the customer's name
    stretching; hides the item count, then the logged date, when the name would not fit."""

    def __init__(self, table: QTableView):
        super().__init__(table)
        self.table = table
        self._headers = headers()
        self.widths = {
            column: self._content_width(column, texts) for column, texts in samples().items()
        }
        for column, width in self.widths.items():
            table.setColumnWidth(column, width)
        self.customer_room = self._content_width(CUSTOMER, (CUSTOMER_ROOM,))
        table.viewport().installEventFilter(self)
        self.fit()

    def _content_width(self, column: int, texts: tuple[str, ...]) -> int:
        metrics = self.table.fontMetrics()
        bold = self.table.horizontalHeader().fontMetrics()
        pad = 2 * self.table.style().pixelMetric(QStyle.PM_FocusFrameHMargin) + 10
        arrow = 24  # every header keeps room for its sort arrow
        header = bold.horizontalAdvance(self._headers[column]) + arrow
        return max(header, *(metrics.horizontalAdvance(t) + pad for t in texts))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        """Show each optional column only while the customer's name keeps its room."""
        room = self.table.viewport().width()
        shown = [c for c in self.widths if c not in OPTIONAL]
        needed = sum(self.widths[c] for c in shown) + self.customer_room
        hidden = list(OPTIONAL)
        for column in reversed(OPTIONAL):  # the logged date comes back first
            if needed + self.widths[column] <= room:
                needed += self.widths[column]
                hidden.remove(column)
        for column in OPTIONAL:
            self.table.setColumnHidden(column, column in hidden)


def count_text(total: int, bound: list_window.Bound) -> str:
    """The count under the list: "1 return", "12,345 returns", "about 12,000 returns",
    "more than 10,000 returns" (numbers in the desk's language); "No returns" for none
    (a text of its own: Portuguese plurals make 0 singular, "0 devolução")."""
    if total == 0:
        return _("No returns")
    n = format_number(total)
    if bound == list_window.Bound.ABOUT:
        return ngettext("about {n} return", "about {n} returns", total).format(n=n)
    if bound == list_window.Bound.MORE_THAN:
        return ngettext("more than {n} return", "more than {n} returns", total).format(n=n)
    return ngettext("{n} return", "{n} returns", total).format(n=n)


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
    return list_window.has_returns(db)


SHOW_ALL_LINK = "show-all-statuses"
"""The link of the empty-list text that switches the status filter to All."""


def empty_text(
    flt: ReturnFilter, *, any_returns: bool, hidden: list_window.ListPage | None = None
) -> str:
    """What to say when no return matches `flt`, and how to find some (rich text).

    `any_returns` says whether the database holds any return at all; `hidden` is what
    the search finds under every status, when the status filter hides it: then the text
    says where the return is and links to the switch to All (also a shortcut).
    """
    typed = flt.text.strip()
    if typed and hidden is not None and hidden.rows:
        switch = _("<a href='{link}'>show all statuses</a> ({shortcut})").format(
            link=SHOW_ALL_LINK, shortcut=shortcut_text(Act.SHOW_ALL_STATUSES)
        )
        if hidden.total == 1:
            row = hidden.rows[0]
            return _("{number} has the status {status}: {switch}.").format(
                number=escape(row.number), status=escape(row.status.label), switch=switch
            )
        n = format_number(hidden.total)
        if flt.status == listing.OPEN:
            said = ngettext(
                "No open return matches “{typed}”; {n} with other statuses does: {switch}.",
                "No open return matches “{typed}”; {n} with other statuses do: {switch}.",
                hidden.total,
            )
        else:
            said = ngettext(
                "No return with the status {status} matches “{typed}”; {n} with other "
                "statuses does: {switch}.",
                "No return with the status {status} matches “{typed}”; {n} with other "
                "statuses do: {switch}.",
                hidden.total,
            )
        status = Status(flt.status).label if flt.status != listing.OPEN else ""
        return said.format(typed=escape(typed), n=n, switch=switch, status=escape(status))
    if typed:
        return _("No return matches “{typed}”. Check the spelling or clear the search.").format(
            typed=escape(typed)
        )
    if not any_returns:
        return _("No returns yet. Press {shortcut} to log the first one.").format(
            shortcut=shortcut_text(Act.NEW_RETURN)
        )
    if flt.status == listing.OPEN:
        return _("No open returns. Choose “All” in Status to see closed ones.")
    return _("No returns with this status. Choose “All” to see every return.")
