"""The replacement items of an exchange: SKU, description, quantity and price, and who pays."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desk.i18n.catalog import N_, _
from desk.returns import ExchangeDraft
from ui.new_return.line_editor import parse_price, parse_quantity
from ui.widgets.form_parts import ErrorLabel, mark_error

HEADERS = (N_("SKU *"), N_("Description"), N_("Qty"), N_("Unit price"), "")


class ExchangeRow:
    """The fields of one replacement item."""

    def __init__(self):
        self.sku, self.description = QLineEdit(), QLineEdit()
        self.sku.setMinimumWidth(100)
        self.quantity, self.price = QLineEdit("1"), QLineEdit()
        self.price.setPlaceholderText("0.00")
        for edit, width in ((self.quantity, 52), (self.price, 92)):
            edit.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
            edit.setFixedWidth(width)
        self.remove_button = QToolButton(text="✕", autoRaise=True)
        self.remove_button.setFocusPolicy(Qt.NoFocus)
        self.remove_button.setToolTip(_("Remove this replacement item"))
        self.error_label = ErrorLabel()
        self.fields = {
            "sku": self.sku,
            "description": self.description,
            "quantity": self.quantity,
            "unit_price": self.price,
        }

    def cells(self) -> list[QWidget]:
        """The widgets of the row, in column order."""
        return [*self.fields.values(), self.remove_button]

    def is_blank(self) -> bool:
        """True when nothing was typed in the row."""
        typed = (self.sku, self.description, self.price)
        return self.quantity.text().strip() in {"", "1"} and not any(
            e.text().strip() for e in typed
        )

    def parse(self) -> tuple[ExchangeDraft, dict[str, str]]:
        """The row as an ExchangeDraft, and the fields whose text cannot be read."""
        quantity, quantity_problem = parse_quantity(self.quantity.text())
        cents, price_problem = parse_price(self.price.text())
        draft = ExchangeDraft(self.sku.text(), self.description.text(), quantity, cents)
        problems = {"quantity": quantity_problem, "unit_price": price_problem}
        return draft, {k: v for k, v in problems.items() if v}


class ExchangeEditor(QGroupBox):
    """Rows of items the customer takes instead, and the settlement line."""

    changed = Signal()
    """Emitted when a row was added, removed or edited."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(_("Exchange: what the customer takes instead"), parent)
        self.rows: list[ExchangeRow] = []
        self.grid = QGridLayout()
        self.grid.setVerticalSpacing(3)
        for column, text in enumerate(HEADERS):
            self.grid.addWidget(QLabel(f"<b>{_(text)}</b>" if text else ""), 0, column)
        self.grid.setColumnStretch(0, 2)
        self.grid.setColumnStretch(1, 4)
        self.add_button = QPushButton(_("Add &replacement"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_row())
        self.settlement_label = QLabel()
        self.settlement_label.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        bar = QHBoxLayout()
        bar.addWidget(self.add_button)
        bar.addStretch(1)
        bar.addWidget(self.settlement_label)
        layout = QVBoxLayout(self)
        layout.addLayout(self.grid)
        layout.addLayout(bar)
        self.add_row(focus=False)

    def add_row(self, focus: bool = True) -> ExchangeRow:
        """Add an empty replacement row; put the cursor in its SKU when `focus`."""
        row = ExchangeRow()
        row.remove_button.clicked.connect(lambda: self.remove_row(row))
        for field, edit in row.fields.items():
            edit.textChanged.connect(lambda *_, f=field: self._edited(row, f))
        self.rows.append(row)
        self._relayout()
        if focus:
            row.sku.setFocus(Qt.OtherFocusReason)
        return row

    def remove_row(self, row: ExchangeRow) -> None:
        """Remove `row`."""
        self.rows.remove(row)
        for widget in (*row.cells(), row.error_label):
            self.grid.removeWidget(widget)
            widget.deleteLater()
        self._relayout()

    def _relayout(self) -> None:
        for i, row in enumerate(self.rows):
            for column, widget in enumerate(row.cells()):
                self.grid.addWidget(widget, 1 + 2 * i, column)
            self.grid.addWidget(row.error_label, 2 + 2 * i, 0, 1, len(HEADERS))
        self.changed.emit()

    def _edited(self, row: ExchangeRow, field: str) -> None:
        mark_error(row.fields[field], False)
        row.error_label.set_message(None)
        self.changed.emit()

    def set_settlement(self, text: str) -> None:
        """Show who pays what (rich text)."""
        self.settlement_label.setText(text)

    def drafts(self) -> tuple[list[ExchangeDraft], dict[str, str]]:
        """The non-blank rows as ExchangeDrafts, and messages about unreadable text."""
        lines, problems = [], {}
        for i, row in enumerate(r for r in self.rows if not r.is_blank()):
            draft, row_problems = row.parse()
            lines.append(draft)
            problems.update({f"exchange.{i}.{k}": v for k, v in row_problems.items()})
        return lines, problems

    def _filled(self) -> list[ExchangeRow]:
        return [row for row in self.rows if not row.is_blank()]

    def error_widgets(self) -> list[tuple[str, QWidget]]:
        """(error key, field) for every non-blank row, in tab order."""
        return [
            (f"exchange.{i}.{field}", widget)
            for i, row in enumerate(self._filled())
            for field, widget in row.fields.items()
        ]

    def show_errors(self, errors: dict[str, str]) -> None:
        """Mark the fields in error and say why under their row."""
        for i, row in enumerate(self._filled()):
            said = [
                (f, errors[f"exchange.{i}.{f}"])
                for f in row.fields
                if f"exchange.{i}.{f}" in errors
            ]
            for field, _message in said:
                mark_error(row.fields[field], True)
            row.error_label.set_message(" ".join(message for _field, message in said))

    def focus_chain(self) -> list[QWidget]:
        """The replacement widgets in tab order."""
        return [w for row in self.rows for w in row.fields.values()] + [self.add_button]

    def has_input(self) -> bool:
        """True when some replacement row has something typed in it."""
        return bool(self._filled())
