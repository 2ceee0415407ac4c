"""The Drop-off points tab: places that take returned goods, listed on the instruction sheets."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.db import Database
from desk.errors import DeskError, ValidationError
from desk.i18n.catalog import N_, _, language
from desk.instructions.dropoff import (
    DropOffDraft,
    accepts_text,
    load_point,
    load_points,
    save_dropoff_point,
    set_dropoff_active,
)
from desk.models import DropOffPoint
from ui import prompts
from ui.actions import dialog_keys
from ui.widgets.form_parts import CAPTION_WIDTH, STYLE_SHEET, FieldError, with_error

COLUMNS = (N_("Name"), N_("Address"), N_("Hours"), N_("Accepts"), N_("Active"))
"""The list's column heads (marked: shown through _())."""
INACTIVE_COLOR = "#8a8a8a"
EXTRA_STYLE = 'QPlainTextEdit[error="true"] { border: 2px solid #b91c1c; }'


def _one_line(text: str) -> str:
    return ", ".join(part.strip() for part in text.splitlines() if part.strip())


def _text_box(height: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


class DropOffForm(QDialog):
    """Add or edit one drop-off point; Save stores it at once (desk.instructions.dropoff)."""

    saved = Signal(object)
    """Emitted with the stored desk.models.DropOffPoint."""

    def __init__(self, db: Database, point: DropOffPoint | None = None, parent=None):
        super().__init__(parent)
        self.db = db
        self.point_id = point.id if point else None
        self._active = point.active if point else True
        if point:
            self.setWindowTitle(_("Edit “{name}”").format(name=point.name))
        else:
            self.setWindowTitle(_("New drop-off point"))
        self.setStyleSheet(STYLE_SHEET + EXTRA_STYLE)
        self.setMinimumWidth(520)
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("e.g. City recycling centre"))
        self.address = _text_box(52)
        self.hours = QLineEdit()
        self.hours.setPlaceholderText(_("e.g. Mon–Sat 8:00–18:00"))
        self.reuse = QCheckBox(_("Reuse"))
        self.recycling = QCheckBox(_("Recycling"))
        self.donation = QCheckBox(_("Donation"))
        self.categories = QLineEdit()
        self.categories.setPlaceholderText(_("e.g. electronics, batteries, textiles"))
        self.notes = _text_box(52)
        self.errors: dict[str, FieldError] = {}
        name_box, self.errors["name"] = with_error(self.name)
        address_box, self.errors["address"] = with_error(self.address)
        accepts = QWidget()
        row = QHBoxLayout(accepts)
        row.setContentsMargins(0, 0, 0, 0)
        for box in (self.reuse, self.recycling, self.donation):
            row.addWidget(box)
        row.addStretch(1)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setColumnMinimumWidth(0, CAPTION_WIDTH)
        grid.setColumnStretch(1, 1)
        rows = (
            (_("&Name"), name_box),
            (_("&Address"), address_box),
            (_("&Hours"), self.hours),
            (_("Accepts"), accepts),
            (_("&Categories"), self.categories),
            (_("N&otes"), self.notes),
        )
        for row_number, (caption, field) in enumerate(rows):
            label = QLabel(caption)
            label.setContentsMargins(0, 4, 0, 0)  # level with the text in the field
            label.setBuddy(field)
            grid.addWidget(label, row_number, 0, Qt.AlignTop | Qt.AlignLeft)
            grid.addWidget(field, row_number, 1)
        self.status = QLabel()
        self.status.setProperty("role", "error")
        self.status.setWordWrap(True)
        self.status.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        dialog_keys(self, accept=self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        if point is not None:
            self._show(point)

    def _show(self, point: DropOffPoint) -> None:
        self.name.setText(point.name)
        self.address.setPlainText(point.address)
        self.hours.setText(point.hours)
        self.reuse.setChecked(point.accepts_reuse)
        self.recycling.setChecked(point.accepts_recycling)
        self.donation.setChecked(point.accepts_donation)
        self.categories.setText(point.categories)
        self.notes.setPlainText(point.notes)

    def draft(self) -> DropOffDraft:
        """What is typed now, as a draft for desk.instructions.dropoff.save_dropoff_point."""
        return DropOffDraft(
            id=self.point_id,
            name=self.name.text(),
            address=self.address.toPlainText(),
            hours=self.hours.text(),
            accepts_reuse=self.reuse.isChecked(),
            accepts_recycling=self.recycling.isChecked(),
            accepts_donation=self.donation.isChecked(),
            categories=self.categories.text(),
            notes=self.notes.toPlainText(),
            active=self._active,
        )

    def save(self) -> None:
        """Store the point; on a problem, say what is wrong and keep what was typed."""
        for error in self.errors.values():
            error.clear()
        self.status.hide()
        try:
            point = save_dropoff_point(self.db, self.draft())
        except ValidationError as problem:
            first = None
            for key, message in problem.errors.items():
                if key in self.errors:
                    self.errors[key].show(message)
                    first = first or self.errors[key].widget
                else:
                    self.status.setText(message)
                    self.status.show()
            if first is not None:
                first.setFocus(Qt.OtherFocusReason)
            self.adjustSize()
            return
        except DeskError as problem:
            self.status.setText(str(problem))
            self.status.show()
            self.adjustSize()
            return
        self.saved.emit(point)
        self.accept()


class DropOffPage(QWidget):
    """Lists every drop-off point; adds, edits, deactivates and reactivates them."""

    changed = Signal()
    """Emitted after a point was stored."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.form: DropOffForm | None = None
        self.points: list[DropOffPoint] = []
        hint = QLabel(
            _(
                "Places near the shop that take goods for reuse, recycling or donation. Active "
                "points are printed on the return instructions, in this order. Changes here are "
                "saved at once."
            )
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("dropoffTable")
        self.table.setHorizontalHeaderLabels([_(title) for title in COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setStretchLastSection(False)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.edit_point())
        self.add_button = QPushButton(_("Add…"))
        self.edit_button = QPushButton(_("Edit…"))
        self.toggle_button = QPushButton(_("Deactivate"))
        longer = max(_("Deactivate"), _("Reactivate"), key=len)
        self.toggle_button.setMinimumWidth(QPushButton(longer).sizeHint().width())
        self.add_button.clicked.connect(self.add_point)
        self.edit_button.clicked.connect(self.edit_point)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.empty = QLabel(
            _("No drop-off points yet: add the places customers can take goods to.")
        )
        self.empty.setWordWrap(True)
        self.empty.setProperty("role", "hint")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.toggle_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        """Read the points again and show them, keeping (or moving) the selection."""
        keep = select_id if select_id is not None else self.selected_id()
        self.points = load_points(self.db)
        self.table.setRowCount(len(self.points))
        for row, point in enumerate(self.points):
            cells = (
                point.name,
                _one_line(point.address),
                _one_line(point.hours),
                accepts_text(point, language()) or "—",
                _("Yes") if point.active else _("No"),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.UserRole, point.id)
                item.setToolTip(point.address if column == 1 else text)
                if not point.active:
                    item.setForeground(QBrush(QColor(INACTIVE_COLOR)))
                self.table.setItem(row, column, item)
        self._size_columns()
        self.empty.setVisible(not self.points)
        if keep is not None:
            self._select(keep)
        self._update_buttons()

    def _size_columns(self) -> None:
        widths = {0: 200, 2: 170, 3: 150}
        for column, most in widths.items():
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), most))
        self.table.resizeColumnToContents(4)

    def _select(self, point_id: int) -> None:
        for row, point in enumerate(self.points):
            if point.id == point_id:
                self.table.selectRow(row)
                return

    def selected_id(self) -> int | None:
        """The id of the selected point, or None."""
        items = self.table.selectedItems()
        return items[0].data(Qt.UserRole) if items else None

    def selected_point(self) -> DropOffPoint | None:
        """The selected point as last read, or None."""
        point_id = self.selected_id()
        return next((p for p in self.points if p.id == point_id), None)

    def _update_buttons(self) -> None:
        point = self.selected_point()
        self.edit_button.setEnabled(point is not None)
        self.toggle_button.setEnabled(point is not None)
        reactivate = point and not point.active
        self.toggle_button.setText(_("Reactivate") if reactivate else _("Deactivate"))

    def add_point(self) -> None:
        """Open the form for a new point."""
        self._open_form(None)

    def edit_point(self) -> None:
        """Open the form on the selected point."""
        point_id = self.selected_id()
        if point_id is None:
            return
        try:
            point = load_point(self.db, point_id)
        except DeskError as problem:
            prompts.show_error(self, _("Drop-off point"), str(problem))
            self.reload()
            return
        self._open_form(point)

    def _open_form(self, point: DropOffPoint | None) -> None:
        self.form = DropOffForm(self.db, point, self)
        self.form.saved.connect(self._stored)
        self.form.open()

    def _stored(self, point: DropOffPoint) -> None:
        self.reload(select_id=point.id)
        self.changed.emit()

    def toggle_active(self) -> None:
        """Deactivate the selected point (after asking), or reactivate it at once."""
        point = self.selected_point()
        if point is None:
            return
        if point.active:
            question = _(
                "Deactivate “{name}”? It will no longer be printed on return "
                "instructions. It is kept, and you can reactivate it later."
            ).format(name=point.name)
            if not prompts.ask_yes_no(self, _("Deactivate drop-off point"), question):
                return
        try:
            set_dropoff_active(self.db, point.id, not point.active)
        except DeskError as problem:
            prompts.show_error(self, _("Drop-off point"), str(problem))
        self.reload(select_id=point.id)
        self.changed.emit()
