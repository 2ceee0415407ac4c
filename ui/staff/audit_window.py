"""Owner › Audit: who changed what and when (and who approved it), newest first, read-only.

Filters (from and to dates, the action, the person) apply at once; the rows come a page
at a time as the table is scrolled (ui.staff.audit_model). Export CSV writes every entry
the filters select (desk.staff.audit_export) in the background. The audit is append-only:
nothing here changes it.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.db import Database
from desk.i18n.catalog import _, ngettext, pgettext
from desk.i18n.formats import format_number
from desk.staff.accounts import list_staff
from desk.staff.actor import computer_user
from desk.staff.audit import AuditQuery
from desk.staff.audit_export import export_audit
from desk.staff.codes import AuditAction
from ui import prompts
from ui.background import run_in_background
from ui.staff.audit_model import APPROVER, CHANGE, COLUMNS, SUBJECT, WHAT, WHEN, WHO, AuditModel
from ui.staff.staff_models import shown_name
from ui.widgets.form_parts import ERROR_COLOR

WIDEST = 260
"""The widest a column but the change's is made to fit its first rows (pixels)."""


def ask_save_path(parent: QWidget | None, title: str, suggested: str) -> Path | None:
    """Ask where to save the CSV file (one place, so tests can answer it); None: cancelled."""
    path, _filter = QFileDialog.getSaveFileName(
        parent, title, str(Path.home() / suggested), _("CSV files (*.csv)")
    )
    return Path(path) if path else None


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _start_of(value: QDate) -> datetime:
    """Midnight at the start of `value`, in this computer's time zone."""
    day = date(value.year(), value.month(), value.day())
    return datetime.combine(day, time()).astimezone()


class AuditWindow(QWidget):
    """The audit: filters on top, the entries below, Export CSV."""

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: date | None = None):
        super().__init__(parent, Qt.Window)
        self.setObjectName("auditWindow")
        self.setWindowTitle(_("Audit — Return Desk"))
        self.db = db
        self.today = today or date.today()
        self.exporting = False
        self.model = AuditModel(db, self)
        self.model.loaded.connect(self._show_count)
        self.model.loaded.connect(self._fit_columns)
        self._fitted = False  # the columns fitted to the first rows (then the person's)
        self.model.modelReset.connect(self._show_count)
        self.model.load_failed.connect(self._load_failed)
        self.resize(1180, 720)
        layout = QVBoxLayout(self)
        layout.addLayout(self._filters())
        self.table = QTableView()
        self.table.setObjectName("audit:table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.Interactive)
        header.setSectionResizeMode(CHANGE, QHeaderView.Stretch)
        layout.addWidget(self.table, 1)
        self.status = QLabel()
        self.status.setObjectName("audit:status")
        layout.addWidget(self.status)
        self._read_people()
        self.apply_filters()

    def _filters(self) -> QHBoxLayout:
        self.from_check = QCheckBox(pgettext("audit dates", "From"))
        self.from_date = self._date_edit(self.today - timedelta(days=30))
        self.to_check = QCheckBox(pgettext("audit dates", "To"))
        self.to_date = self._date_edit(self.today)
        self.action_combo = QComboBox()
        self.action_combo.addItem(_("Every action"), None)
        for action in sorted(AuditAction, key=lambda a: a.label):
            self.action_combo.addItem(action.label, action)
        self.person_combo = QComboBox()
        self.person_combo.addItem(_("Everyone"), None)
        self.person_combo.setMinimumContentsLength(12)
        self.export_button = QPushButton(_("Export CSV…"))
        self.export_button.setToolTip(_("Save the entries the filters select as a CSV file"))
        self.export_button.clicked.connect(self.export_csv)
        for check, edit in ((self.from_check, self.from_date), (self.to_check, self.to_date)):
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(lambda _on: self.apply_filters())
            edit.dateChanged.connect(lambda _day: self.apply_filters())
        self.action_combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.person_combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        row = QHBoxLayout()
        for widget in (self.from_check, self.from_date, self.to_check, self.to_date):
            row.addWidget(widget)
        row.addSpacing(12)
        row.addWidget(QLabel(_("Action")))
        row.addWidget(self.action_combo)
        row.addWidget(QLabel(_("Person")))
        row.addWidget(self.person_combo)
        row.addStretch(1)
        row.addWidget(self.export_button)
        return row

    def _date_edit(self, day: date) -> QDateEdit:
        edit = QDateEdit(_qdate(day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(_("d MMM yyyy"))  # a Qt date format
        edit.setEnabled(False)
        return edit

    # reading

    def _read_people(self) -> None:
        """Fill the person filter with the staff's names (and this computer's user)."""
        db = self.db
        run_in_background(
            lambda: [info.name for info in list_staff(db)],
            owner=self,
            on_success=self._show_people,
        )

    def _show_people(self, names: list[str]) -> None:
        chosen = self.person_combo.currentData()
        self.person_combo.blockSignals(True)
        while self.person_combo.count() > 1:
            self.person_combo.removeItem(1)
        for name in dict.fromkeys([*names, computer_user().name]):
            self.person_combo.addItem(shown_name(name), name)
        if chosen is not None:
            self.person_combo.setCurrentIndex(max(0, self.person_combo.findData(chosen)))
        self.person_combo.blockSignals(False)

    def query(self) -> AuditQuery:
        """The entries the filters select."""
        since = _start_of(self.from_date.date()) if self.from_check.isChecked() else None
        until = _start_of(self.to_date.date().addDays(1)) if self.to_check.isChecked() else None
        action = self.action_combo.currentData()
        return AuditQuery(
            since=since,
            until=until,
            actions=(action,) if action is not None else (),
            actor_name=self.person_combo.currentData(),
        )

    def apply_filters(self) -> None:
        """Show the entries the filters select, from the newest (read in the background)."""
        self.status.setStyleSheet("")
        self.status.setText(_("Reading the audit…"))
        self.model.set_query(self.query())

    def reload(self) -> None:
        """Read the entries again (new ones may have been made meanwhile)."""
        self.apply_filters()

    def _show_count(self) -> None:
        if self.model.loading:
            return
        shown = self.model.rowCount()
        if not shown:
            self.status.setText(_("No audit entry matches these filters."))
            return
        text = ngettext("{count} entry shown", "{count} entries shown", shown)
        more = _("; scroll down for older ones") if self.model.canFetchMore() else ""
        self.status.setText(text.format(count=format_number(shown)) + more + ".")

    def _fit_columns(self) -> None:
        """Fit the columns but the last to the first rows read, each at most WIDEST."""
        if self._fitted or not self.model.rowCount():
            return
        self._fitted = True
        for column in (WHEN, WHO, APPROVER, WHAT, SUBJECT):
            self.table.resizeColumnToContents(column)
            width = self.table.columnWidth(column)
            self.table.setColumnWidth(column, min(width + 8, WIDEST))

    def _load_failed(self, message: str) -> None:
        self.status.setStyleSheet(f"color: {ERROR_COLOR};")
        self.status.setText(message)

    # export

    def export_csv(self) -> None:
        """Ask where, then write every entry the filters select as CSV, in the background."""
        if self.exporting:
            return
        suggested = f"audit-{self.today.isoformat()}.csv"
        path = ask_save_path(self, _("Export the audit as CSV"), suggested)
        if path is None:
            return
        if path.suffix.lower() != ".csv":
            path = path.with_name(path.name + ".csv")
        db, query = self.db, self.query()
        self.exporting = True
        self.export_button.setEnabled(False)
        self.status.setText(_("Writing {file}…").format(file=path.name))
        run_in_background(
            lambda: export_audit(db, path, query),
            owner=self,
            on_success=lambda count: self._exported(count, path),
            on_failure=self._export_failed,
            on_finished=self._export_done,
        )

    def _exported(self, count: int, path: Path) -> None:
        text = ngettext(
            "{count} entry written to {path}.", "{count} entries written to {path}.", count
        )
        self.status.setStyleSheet("")
        self.status.setText(text.format(count=format_number(count), path=path))

    def _export_failed(self, error: Exception) -> None:
        prompts.show_error(
            self,
            _("Audit not exported"),
            _("The file could not be written: {error}. Choose another folder.").format(error=error),
        )
        self._show_count()

    def _export_done(self) -> None:
        self.exporting = False
        self.export_button.setEnabled(True)
