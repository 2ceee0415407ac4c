"""The audit table: entries newest first, a page at a time, read in the background.

`set_query` asks for the first page of a filter; `fetchMore` (the view scrolled to the end)
for the next one, older than the last row shown (`before_id`). At most one page is on its
way at a time, and a page asked for under an older filter is dropped (a generation
counter). The rows are plain values made on the worker thread; the audit is read-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from desk.db import Database
from desk.i18n.catalog import N_, _, pgettext
from desk.i18n.formats import format_datetime
from desk.staff.audit import AuditQuery, read_entries
from desk.staff.codes import AuditAction
from desk.staff.roles import Permission, Role
from desk.staff.tables import AuditEntry
from ui.background import run_in_background
from ui.staff.staff_models import shown_name

PAGE = 200
"""Entries read at a time."""
WHEN, WHO, APPROVER, WHAT, SUBJECT, CHANGE = COLUMNS = range(6)


def column_titles() -> tuple[str, ...]:
    """The table's headers, in the desk's language."""
    return (
        pgettext("audit column", "When"),
        pgettext("audit column", "Who"),
        _("Approved by"),
        pgettext("audit column", "What"),
        pgettext("audit column", "Subject"),
        pgettext("audit column", "Change"),
    )


_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class AuditRow:
    """One entry as the table shows it."""

    id: int
    at: datetime
    who: str
    approver: str
    action: AuditAction
    subject: str
    old: str | None
    new: str | None


def _row(entry: AuditEntry) -> AuditRow:
    return AuditRow(
        id=entry.id or 0,
        at=entry.at,
        who=entry.actor_name,
        approver=entry.approver_name or "",
        action=entry.action,
        subject=entry.subject,
        old=entry.old_value,
        new=entry.new_value,
    )


def read_page(db: Database, query: AuditQuery) -> list[AuditRow]:
    """One page of the entries `query` selects, as rows (runs on the worker thread)."""
    return [_row(entry) for entry in read_entries(db, query)]


_WORDS = {"True": N_("yes"), "False": N_("no"), "active": N_("active"), "off": N_("turned off")}
"""Stored words of the staff entries shown in the desk's language (a grant, an account)."""
_STAFF_ACTIONS = {AuditAction.STAFF_ADDED, AuditAction.STAFF_CHANGED, AuditAction.GRANT_CHANGED}
"""The entries whose values and subject hold roles and permissions by their codes."""


def _word(token: str) -> str:
    if token in _WORDS:
        return _(_WORDS[token])
    for kind in (Role, Permission):
        if token in kind._value2member_map_:
            return kind(token).label
    return token


def readable(row: AuditRow, text: str | None) -> str:
    """`text` of `row` with its codes in words ("clerk: print" → "Clerk: Print …")."""
    if text is None:
        return "–"
    text = " ".join(text.split())
    if row.action not in _STAFF_ACTIONS:
        return text
    return " · ".join(
        ": ".join(_word(token) for token in part.split(": ")) for part in text.split(" · ")
    )


def change_text(row: AuditRow) -> str:
    """The change as one line: old → new (a dash for a value that was not there)."""
    if row.old is None and row.new is None:
        return ""
    return f"{readable(row, row.old)} → {readable(row, row.new)}"


def cell_text(row: AuditRow, column: int) -> str:
    """What `column` shows for `row`, in the desk's language."""
    if column == WHEN:
        return format_datetime(row.at)
    if column == WHAT:
        return row.action.label
    if column == CHANGE:
        return change_text(row)
    if column == SUBJECT:
        return readable(row, row.subject) if row.subject else ""
    return shown_name({WHO: row.who, APPROVER: row.approver}[column])


class AuditModel(QAbstractTableModel):
    """The audit entries a filter selects, newest first, fetched in pages on demand.

    `loaded` is emitted when a page has arrived; `load_failed(message)` when the audit
    could not be read.
    """

    loaded = Signal()
    load_failed = Signal(str)

    def __init__(self, db: Database, parent=None):
        super().__init__(parent)
        self._db = db
        self.query = AuditQuery(limit=PAGE)
        self.rows: list[AuditRow] = []
        self._generation = 0
        self._fetching = False
        self._exhausted = True

    @property
    def loading(self) -> bool:
        """True while a page is on its way."""
        return self._fetching

    def set_query(self, query: AuditQuery) -> None:
        """Show the entries `query` selects (its limit and before_id are the model's)."""
        self._generation += 1
        self.query = AuditQuery(
            since=query.since,
            until=query.until,
            actions=tuple(query.actions),
            actor_name=query.actor_name,
            limit=PAGE,
        )
        self.beginResetModel()
        self.rows = []
        self._exhausted = False
        self._fetching = False
        self.endResetModel()
        self._read(None)

    def reload(self) -> None:
        """Read the entries of the filter shown again, from the newest."""
        self.set_query(self.query)

    def _read(self, before_id: int | None) -> None:
        self._fetching = True
        generation, db = self._generation, self._db
        query = AuditQuery(
            since=self.query.since,
            until=self.query.until,
            actions=self.query.actions,
            actor_name=self.query.actor_name,
            limit=PAGE,
            before_id=before_id,
        )
        run_in_background(
            lambda: (generation, read_page(db, query)),
            owner=self,
            on_success=self._arrived,
            on_failure=lambda error: self._failed(generation, error),
        )

    def _arrived(self, answer: tuple[int, list[AuditRow]]) -> None:
        generation, page = answer
        if generation != self._generation:
            return  # a page of an older filter
        if page:  # still "fetching" meanwhile: a view asking for more gets nothing twice
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()
        self._fetching = False
        self._exhausted = len(page) < PAGE
        self.loaded.emit()

    def _failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self._exhausted = True
        self.load_failed.emit(_("The audit could not be read: {error}").format(error=error))

    # the model

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and not self._exhausted and not self._fetching

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: N802, B008
        if self.canFetchMore(parent) and self.rows:
            self._read(self.rows[-1].id)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.DisplayRole:
            return cell_text(row, index.column())
        if role == Qt.ToolTipRole and index.column() in (SUBJECT, CHANGE):
            return cell_text(row, index.column()) or None
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable  # read-only: the audit never changes

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole):  # noqa: N802
        shown = role == Qt.DisplayRole and orientation == Qt.Horizontal
        return column_titles()[section] if shown and 0 <= section < len(COLUMNS) else None
