"""Customers › All customers: every customer the shop knows, searched, sorted, merged.

Imported customers without a return are here too. Typing searches (the same matching as
the new-return finder); a click on a column header sorts by it; Enter or a double click
opens the profile. Selecting two rows enables "Merge…": staff choose which record to keep
(the one with more returns is offered), confirm (No is the default), and the other's
history moves onto it. Every query runs off the UI thread; an answer that arrives after a
newer one was asked for is dropped.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.customers.directory import (
    MAX_MATCHES,
    CustomerRow,
    SortKey,
    count_customers,
    list_customers,
)
from desk.customers.merge import MergeResult, merge_customers
from desk.db import Database
from desk.i18n.catalog import N_, _, ngettext
from desk.i18n.formats import format_date, format_number
from desk.staff.roles import Permission
from ui import prompts
from ui.background import run_in_background
from ui.customers.merge_dialog import choose_kept
from ui.staff.gate import authorised

COLUMNS = (
    (N_("Name"), SortKey.NAME),
    (N_("Email"), None),
    (N_("Phone"), None),
    (N_("Returns"), SortKey.RETURNS),
    (N_("Last return"), SortKey.LAST_RETURN),
    (N_("Added"), SortKey.SINCE),
)
"""The list's columns (translated where shown) and the sort each header click asks for
(None: not sortable)."""

SEARCH_DELAY_MS = 200


def _day(stamp) -> str:
    return format_date(stamp) if stamp is not None else "—"


class CustomerTableModel(QAbstractTableModel):
    """The rows of the customer list, as loaded."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[CustomerRow] = []

    def set_rows(self, rows: list[CustomerRow]) -> None:
        """Show these rows instead of the current ones."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(COLUMNS):
            return _(COLUMNS[section][0])
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        if role == Qt.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.TextAlignmentRole and index.column() == 3:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ForegroundRole and row.erased:
            from PySide6.QtGui import QColor

            return QColor("#6b7280")
        if role == Qt.UserRole:
            return row.id
        return None

    @staticmethod
    def _text(row: CustomerRow, column: int) -> str:
        values = (
            row.name,
            row.email or "—",
            row.phone or "—",
            format_number(row.returns),
            _day(row.last_return),
            _day(row.created_at),
        )
        return values[column]


class CustomerDirectory(QWidget):
    """The customers window; `profile_requested(customer_id)`, `merged(MergeResult)`."""

    profile_requested = Signal(int)
    merged = Signal(object)

    def __init__(self, db: Database, parent: QWidget | None = None, *, staff: str = ""):
        super().__init__(parent, Qt.Window)
        self.setWindowTitle(_("Customers"))
        self.resize(900, 600)
        self._db, self._staff, self._generation = db, staff, 0
        self.sort, self.descending = SortKey.NAME, False
        self.search_edit = QLineEdit(placeholderText=_("Search by name, email or phone"))
        self.search_edit.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("customerCount")
        self.model = CustomerTableModel(self)
        self.table = self._make_table()
        self.open_button = QPushButton(_("Open profile"))
        self.merge_button = QPushButton(_("Merge…"))
        self.merge_button.setToolTip(_("Select two records of the same person to merge them"))
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._layout()
        self._connect()
        self._selection_changed()
        self.reload()

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
        table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.AscendingOrder)
        header.setSectionsClickable(True)
        return table

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.count_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.merge_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(lambda _: self._timer.start())
        self.search_edit.returnPressed.connect(self._focus_list)
        self._timer.timeout.connect(self.reload)
        self.table.horizontalHeader().sectionClicked.connect(self._sort_by)
        self.table.doubleClicked.connect(lambda _: self.open_profile())
        self.table.activated.connect(lambda _: self.open_profile())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.model.modelReset.connect(self._selection_changed)
        self.open_button.clicked.connect(self.open_profile)
        self.merge_button.clicked.connect(self.merge_selected)

    # loading

    def reload(self) -> None:
        """Ask for the customers matching the search, in the chosen order."""
        self._generation += 1
        generation, query = self._generation, self.search_edit.text()
        sort, descending, db = self.sort, self.descending, self._db
        self.count_label.setText(_("Searching…"))
        run_in_background(
            lambda: (
                list_customers(db, query=query, sort=sort, descending=descending),
                count_customers(db, query=query),
            ),
            owner=self,
            on_success=lambda found: self._loaded(generation, query, *found),
            on_failure=lambda error: self._failed(generation, error),
        )

    def _loaded(self, generation: int, query: str, rows: list[CustomerRow], total: int) -> None:
        if generation != self._generation:
            return
        self.model.set_rows(rows)
        self.count_label.setText(self._count_words(query, len(rows), total))

    @staticmethod
    def _count_words(query: str, shown: int, total: int) -> str:
        if query.strip() and not total:
            return _("No customer matches “{text}”").format(text=query.strip())
        if query.strip() and total >= MAX_MATCHES:
            return ngettext(
                "First {n} match: type more to narrow the search",
                "First {n} matches: type more to narrow the search",
                shown,
            ).format(n=format_number(shown))
        if total == 0:
            return _("No customers yet")
        if shown >= total:
            return ngettext("{n} customer", "{n} customers", total).format(n=format_number(total))
        return ngettext("{shown} of {n} customer", "{shown} of {n} customers", total).format(
            shown=format_number(shown), n=format_number(total)
        )

    def _failed(self, generation: int, error: Exception) -> None:
        if generation == self._generation:
            self.count_label.setText(_("Could not read the customers: {error}").format(error=error))

    def _sort_by(self, section: int) -> None:
        key = COLUMNS[section][1]
        header = self.table.horizontalHeader()
        if key is None:  # not sortable: keep showing the current order
            current = next(i for i, (_name, k) in enumerate(COLUMNS) if k is self.sort)
            header.setSortIndicator(
                current, Qt.DescendingOrder if self.descending else Qt.AscendingOrder
            )
            return
        self.descending = not self.descending if key is self.sort else key is not SortKey.NAME
        self.sort = key
        header.setSortIndicator(
            section, Qt.DescendingOrder if self.descending else Qt.AscendingOrder
        )
        self.reload()

    def _focus_list(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    # actions

    def selected_rows(self) -> list[CustomerRow]:
        """The customers selected in the list, top to bottom."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.rows[i] for i in rows if i < len(self.model.rows)]

    def _selection_changed(self) -> None:
        chosen = self.selected_rows()
        self.open_button.setEnabled(len(chosen) == 1)
        self.merge_button.setEnabled(len(chosen) == 2 and not any(r.erased for r in chosen))

    def open_profile(self) -> None:
        """Open the profile of the one selected customer."""
        chosen = self.selected_rows()
        if len(chosen) == 1:
            self.profile_requested.emit(chosen[0].id)

    def merge_selected(self) -> None:
        """Ask which of the two selected records to keep, confirm, then merge in the background."""
        chosen = self.selected_rows()
        if len(chosen) != 2:
            return
        kept = choose_kept(self, chosen)
        if kept is None:
            return
        dropped = next(r for r in chosen if r.id != kept.id)
        question = ngettext(
            "Merge “{dropped}” into “{kept}”? {n} return moves to “{kept}” and the record "
            "of “{dropped}” is deleted. This cannot be undone.",
            "Merge “{dropped}” into “{kept}”? {n} returns move to “{kept}” and the record "
            "of “{dropped}” is deleted. This cannot be undone.",
            dropped.returns,
        )
        if not dropped.returns:
            question = _(
                "Merge “{dropped}” into “{kept}”? “{dropped}” has no returns; its missing "
                "contact details move to “{kept}” and its record is deleted. This cannot be "
                "undone."
            )
        question = question.format(
            dropped=dropped.name, kept=kept.name, n=format_number(dropped.returns)
        )
        if not prompts.ask_yes_no(self, _("Merge customers"), question):
            return
        actor = authorised(self, self._db, Permission.MERGE_CUSTOMERS)
        if actor is None:
            return
        self.merge_button.setEnabled(False)
        db, staff = self._db, self._staff
        run_in_background(
            lambda: merge_customers(
                db, keep_id=kept.id, drop_id=dropped.id, staff=staff, actor=actor
            ),
            owner=self,
            on_success=self._merged,
            on_failure=lambda error: prompts.show_error(self, _("Merge customers"), str(error)),
            on_finished=self._selection_changed,
        )

    def _merged(self, result: MergeResult) -> None:
        self.merged.emit(result)
        self.reload()
