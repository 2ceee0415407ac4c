"""File › Import customers…: pick the till's CSV, map its columns, check, then import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desk.customers.csv_table import CsvTable, read_csv
from desk.customers.import_plan import ImportPlan, cell_values, parse_row
from desk.customers.imports import ImportReport, check_import, erased_line, run_import
from desk.customers.mapping import FIELDS, guess_mapping, has_name, till_format
from desk.db import Database
from desk.errors import DeskError
from desk.i18n.catalog import _, ngettext
from desk.i18n.formats import format_number
from desk.settings import SHOP_COUNTRY, load_settings
from desk.staff.roles import Permission
from ui.actions import dialog_keys
from ui.background import run_in_background
from ui.customers.import_words import check_summary, done_summary
from ui.staff.gate import authorised

PREVIEW_ROWS = 10
PROBLEM_WIDTH = 280  # pixels: the preview's Problem column leaves room for the values
NOT_IMPORTED = -1
BAD_ROW = QColor("#fde2e1")
LEFT_OUT = QColor("#fff4ce")  # imported, without a bad email or phone


class ImportDialog(QDialog):
    """Import customers from a CSV file in three steps: map, check, import."""

    imported = Signal(object)  # the ImportReport
    file_loaded = Signal(bool)  # after `load_file`: whether the file could be read

    def __init__(self, db: Database, parent=None):
        super().__init__(parent)
        self.db = db
        self.country = load_settings(db)[SHOP_COUNTRY]  # phones typed without a country code
        self.table: CsvTable | None = None
        self.plan: ImportPlan | None = None
        self.report: ImportReport | None = None
        self._reading = 0  # which `load_file` call the shown file comes from
        self.setWindowTitle(_("Import customers"))
        self.resize(980, 660)
        self._build()
        self._set_busy(False)

    def _build(self) -> None:
        self.path_edit = QLineEdit(readOnly=True, placeholderText=_("No file chosen"))
        choose = QPushButton(_("Choose file…"), objectName="chooseFile")
        choose.clicked.connect(self.choose_file)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("CSV file from the till:")))
        top.addWidget(self.path_edit, 1)
        top.addWidget(choose)
        self.error_label = QLabel(objectName="importError", wordWrap=True)
        self.error_label.setStyleSheet("color: #a30000; font-weight: bold;")
        self.error_label.hide()
        self.format_label = QLabel(objectName="tillFormat", wordWrap=True)
        self.format_label.hide()

        self.mapping_table = QTableWidget(len(FIELDS), 2, objectName="mapping")
        self.mapping_table.setHorizontalHeaderLabels([_("Field"), _("Column in the file")])
        self.mapping_table.verticalHeader().hide()
        self.mapping_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.mapping_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.mapping_table.horizontalHeader().setStretchLastSection(True)
        self.mapping_table.setMinimumWidth(470)  # the Portuguese field names and choices fit
        self.combos: dict[str, QComboBox] = {}
        for row, spec in enumerate(FIELDS):
            item = QTableWidgetItem(_(spec.label) + (" *" if spec.required else ""))
            self.mapping_table.setItem(row, 0, item)
            combo = QComboBox(objectName=f"map_{spec.key}")
            combo.currentIndexChanged.connect(self._mapping_changed)
            self.mapping_table.setCellWidget(row, 1, combo)
            self.combos[spec.key] = combo
        mapping_box = QGroupBox(_("Columns  (* required: the name, or first and last names)"))
        QVBoxLayout(mapping_box).addWidget(self.mapping_table)

        self.preview = QTableWidget(objectName="preview")
        self.preview.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.preview.verticalHeader().hide()
        self.preview.setWordWrap(False)
        preview_box = QGroupBox(
            ngettext(
                "Preview: the first row as it will be imported",
                "Preview: the first {n} rows as they will be imported",
                PREVIEW_ROWS,
            ).format(n=format_number(PREVIEW_ROWS))
        )
        QVBoxLayout(preview_box).addWidget(self.preview)
        middle = QHBoxLayout()
        middle.addWidget(mapping_box, 0)
        middle.addWidget(preview_box, 1)

        self.summary_label = QLabel(objectName="summary", wordWrap=True)
        self.rejected_list = QListWidget(objectName="rejected")
        self.rejected_list.setMaximumHeight(120)
        check_box = QGroupBox(_("What will happen"))
        check_layout = QVBoxLayout(check_box)
        check_layout.addWidget(self.summary_label)
        check_layout.addWidget(self.rejected_list)

        buttons = QDialogButtonBox()
        self.check_button = buttons.addButton(_("&Check"), QDialogButtonBox.ActionRole)
        self.import_button = buttons.addButton(_("&Import"), QDialogButtonBox.AcceptRole)
        self.close_button = buttons.addButton(QDialogButtonBox.Close)
        self.check_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.run_import)
        self.close_button.clicked.connect(self.reject)
        dialog_keys(self, accept=self.run_import)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.format_label)
        layout.addWidget(self.error_label)
        layout.addLayout(middle, 1)
        layout.addWidget(check_box)
        layout.addWidget(buttons)
        self._say(_("Choose the CSV file your till exports, then check what will happen."))

    # step 1: the file and its mapping

    def choose_file(self) -> None:
        """Ask for a CSV file and load it."""
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Import customers"),
            "",
            _("CSV files (*.csv *.txt *.tsv);;All files (*)"),
        )
        if path:
            self.load_file(path)

    def load_file(self, path: str | Path) -> None:
        """Read `path` in the background, then guess its mapping and show the preview.

        `file_loaded(ok)` says when it is done; an unreadable file is explained.
        """
        self.path_edit.setText(str(path))
        self._reading += 1
        reading = self._reading
        self.table = self.plan = None
        self._set_busy(True, _("Reading the file…"))
        run_in_background(
            lambda: read_csv(path),
            owner=self,
            on_success=lambda table: self._file_read(reading, table),
            on_failure=lambda error: self._file_unreadable(reading, error),
        )

    def _file_read(self, reading: int, table: CsvTable) -> None:
        if reading != self._reading:
            return  # another file was chosen meanwhile
        self.table = table
        self.error_label.hide()
        till = till_format(table.header)
        self.format_label.setText(
            _(
                "Recognised: <b>{till}</b>. Its columns are chosen below; the others "
                "(addresses, marketing consent…) are not imported."
            ).format(till=_(till.label))
            if till
            else _("Columns chosen by their names; check them below.")
        )
        self.format_label.show()
        self._fill_combos(table.header, guess_mapping(table.header))
        self._mapping_changed()
        self.file_loaded.emit(True)

    def _file_unreadable(self, reading: int, error: Exception) -> None:
        if reading != self._reading:
            return
        self._show_error(
            str(error)
            if isinstance(error, DeskError)
            else _("Cannot read: {error}").format(error=error)
        )
        self.format_label.hide()
        self._fill_combos([], {})
        self.preview.clear()
        self.preview.setRowCount(0)
        self.preview.setColumnCount(0)
        self._say(_("Choose the CSV file your till exports, then check what will happen."))
        self._set_busy(False)
        self.file_loaded.emit(False)

    def _fill_combos(self, header: list[str], mapping: dict[str, int]) -> None:
        for key, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("— not imported —"), NOT_IMPORTED)
            no_name = _("(no name)")
            for index, name in enumerate(header):
                combo.addItem(f"{index + 1} · {name or no_name}", index)
            combo.setCurrentIndex(combo.findData(mapping.get(key, NOT_IMPORTED)))
            combo.blockSignals(False)

    def mapping(self) -> dict[str, int]:
        """The chosen column of each mapped field."""
        chosen = {key: combo.currentData() for key, combo in self.combos.items()}
        return {key: index for key, index in chosen.items() if index not in (None, NOT_IMPORTED)}

    def _mapping_changed(self) -> None:
        self.plan = None
        self.report = None
        self.rejected_list.clear()
        self._fill_preview()
        if self.table is not None:
            rows = len(self.table.rows)
            self._say(
                ngettext(
                    "{n} row in the file. Press Check.", "{n} rows in the file. Press Check.", rows
                ).format(n=format_number(rows))
            )
        self._set_busy(False)

    def _fill_preview(self) -> None:
        if self.table is None:
            return
        mapping = self.mapping()
        fields = [f for f in FIELDS if f.key in mapping]
        self.preview.clear()
        self.preview.setColumnCount(len(fields) + 2)
        self.preview.setHorizontalHeaderLabels(
            [_("Row"), _("Problem"), *(_(f.label) for f in fields)]
        )
        shown = min(PREVIEW_ROWS, len(self.table.rows))
        self.preview.setRowCount(shown)
        for i in range(shown):
            values = cell_values(self.table, i, mapping)
            left_out: list[str] = []
            parsed = (
                parse_row(self.table, i, mapping, self.country, left_out)
                if has_name(mapping)
                else _("no name column")
            )
            problem = parsed if isinstance(parsed, str) else "; ".join(left_out)
            shade = BAD_ROW if isinstance(parsed, str) else LEFT_OUT
            cells = [str(self.table.numbers[i]), problem, *(values[f.key] for f in fields)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if problem:
                    item.setBackground(shade)
                    item.setToolTip(problem)
                self.preview.setItem(i, column, item)
        self.preview.resizeColumnsToContents()
        if self.preview.columnWidth(1) > PROBLEM_WIDTH:  # the whole of it is in its tooltip
            self.preview.setColumnWidth(1, PROBLEM_WIDTH)

    # step 2: check; step 3: import

    def check(self) -> None:
        """Work out, in the background, what importing would do."""
        if self.table is None:
            return
        mapping = self.mapping()
        if not has_name(mapping):
            self._show_error(_("Choose the column that holds the customer's name; it is required."))
            return
        self.error_label.hide()
        table, db = self.table, self.db
        self._set_busy(True, _("Checking…"))
        run_in_background(
            lambda: check_import(db, table, mapping),
            owner=self,
            on_success=self._checked,
            on_failure=self._failed,
        )

    def _checked(self, plan: ImportPlan) -> None:
        self.plan = plan
        self._say(check_summary(plan))
        self._list_rows(plan.rejected + plan.left_out, plan.erased)
        self._set_busy(False)

    def _list_rows(self, rows: list, erased: int) -> None:
        """List the erased rows skipped (a count), then each row rejected or left out."""
        self.rejected_list.clear()
        if erased:
            self.rejected_list.addItem(erased_line(erased))
        self.rejected_list.addItems([str(r) for r in sorted(rows, key=lambda r: r.row)])

    def run_import(self) -> None:
        """Import in the background, in one transaction that checks the rows again."""
        if self.plan is None or self.table is None:
            return
        actor = authorised(self, self.db, Permission.IMPORT_DATA)
        if actor is None:
            return
        table, mapping, db = self.table, self.mapping(), self.db
        self._set_busy(True, _("Importing…"))
        run_in_background(
            lambda: run_import(db, table, mapping, actor=actor),
            owner=self,
            on_success=self._imported,
            on_failure=self._failed,
        )

    def _imported(self, report: ImportReport) -> None:
        self.report = report
        self.plan = None
        skipped = f" {erased_line(report.erased)}" if report.erased else ""
        self._say(done_summary(report) + skipped)
        self._list_rows(report.rejected_rows + report.left_out, report.erased)
        self._set_busy(False)
        self.close_button.setFocus()
        self.imported.emit(report)

    def _failed(self, error: Exception) -> None:
        message = (
            str(error)
            if isinstance(error, DeskError)
            else _("Nothing was imported: {error}").format(error=error)
        )
        self._show_error(message)
        self._set_busy(False)

    # state

    def _say(self, html: str) -> None:
        self.summary_label.setText(html)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def reject(self) -> None:
        """Close, unless a check or an import is still running."""
        if not self._busy:
            super().reject()

    def _set_busy(self, busy: bool, what: str = "") -> None:
        self._busy = busy
        if busy:
            self._say(what)
        self.check_button.setEnabled(not busy and self.table is not None)
        self.import_button.setEnabled(not busy and self.plan is not None)
        self.mapping_table.setEnabled(not busy)
        self.close_button.setEnabled(not busy)
