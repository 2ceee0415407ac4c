"""The items part of the new-return dialog: one row of fields per returned item, and a total."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desk.catalog.lookup import ProductView
from desk.codes import PriceSource
from desk.i18n.catalog import N_, _, ngettext
from desk.i18n.formats import format_number
from desk.labels import CONDITIONS, DISPOSITIONS, label
from desk.money import format_money
from desk.returns import LineDraft
from desk.validation import parse_money, price_error
from ui.actions import Key, add_shortcut, shortcut_text
from ui.widgets.form_parts import ErrorLabel, combo, mark_error

HEADERS = ("#", N_("SKU *"), N_("Description"), N_("Serial / batch"), N_("Qty"),
           N_("Unit price"), N_("Condition"), N_("Disposition"), "")  # fmt: skip
"""The item columns (English, marked: translated where shown)."""
STRETCH = {1: 2, 2: 4, 3: 2}  # SKU, description and serial share the spare width
MIN_HEIGHT, ROOMY_HEIGHT = 64, 150  # two rows at least; up to four with notes before it scrolls
NOTE_COLUMN = 4  # notes under the quantity, price and condition; errors under the rest
ADD_KEY, REMOVE_KEY = shortcut_text(Key.ADD_LINE), shortcut_text(Key.REMOVE_LINE)


def parse_quantity(text: str) -> tuple[int, str | None]:
    """Return (quantity, why it cannot be read or None)."""
    text = text.strip()
    if not text:
        return 1, _("Enter the quantity.")
    try:
        return int(text), None
    except ValueError:
        return 1, _("“{text}” is not a whole number.").format(text=text)


def price_placeholder() -> str:
    """What an empty price field shows: "0.00", "0,00" in Portuguese."""
    from babel.numbers import get_decimal_symbol

    from desk.i18n.formats import locale_name

    return "0" + get_decimal_symbol(locale_name()) + "00"


def parse_price(text: str) -> tuple[int, str | None]:
    """Return (unit price in cents, why it cannot be read or None)."""
    try:
        cents = parse_money(text)
    except ValueError as error:
        return 0, str(error)
    if problem := price_error(cents):  # desk's bounds and words, refused as typed
        return 0, problem
    return cents, None


class LineRow:
    """The widgets of one returned item, and the messages about it."""

    def __init__(self):
        self.number = QLabel()
        self.number.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.number.setProperty("role", "hint")
        self.sku, self.description, self.serial = QLineEdit(), QLineEdit(), QLineEdit()
        self.serial.setPlaceholderText(_("optional"))
        for edit, width in ((self.sku, 90), (self.description, 90), (self.serial, 70)):
            edit.setMinimumWidth(width)
        self.quantity, self.price = QLineEdit("1"), QLineEdit()
        self.quantity.setMaxLength(6)
        self.price.setMaxLength(16)
        self.price.setPlaceholderText(price_placeholder())
        for edit, width in ((self.quantity, 52), (self.price, 92)):
            edit.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
            edit.setFixedWidth(width)
        self.condition = combo({code: label(CONDITIONS, code) for code in CONDITIONS})
        self.disposition = combo({code: label(DISPOSITIONS, code) for code in DISPOSITIONS})
        self.remove_button = QToolButton(text="✕")
        self.remove_button.setFocusPolicy(Qt.NoFocus)
        self.remove_button.setAutoRaise(True)
        self.error_label = ErrorLabel()
        self.note = QLabel()  # "catalogue price", "only 1 left to return on this receipt"
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.RichText)
        self.note.hide()
        self.product_id: int | None = None  # what a product or receipt look-up filled in
        self.sale_line_id: int | None = None
        self.price_source = PriceSource.TYPED
        self.product: ProductView | None = None
        self.notes: dict[str, str] = {}
        self.fields: dict[str, QWidget] = {
            "sku": self.sku,
            "description": self.description,
            "serial": self.serial,
            "quantity": self.quantity,
            "unit_price": self.price,
            "condition": self.condition,
            "disposition": self.disposition,
        }
        self.messages: dict[str, str] = {}

    def cells(self) -> list[QWidget]:
        """The widgets of the row, in column order."""
        return [self.number, *self.fields.values(), self.remove_button]

    def is_blank(self) -> bool:
        """True when nothing was typed in the row (it is then left out)."""
        texts = (self.sku, self.description, self.serial, self.price)
        untouched_quantity = self.quantity.text().strip() in {"", "1"}
        return untouched_quantity and not any(e.text().strip() for e in texts)

    def parse(self) -> tuple[LineDraft, dict[str, str]]:
        """Return the row as a LineDraft, and the fields whose text cannot be read."""
        quantity, quantity_problem = parse_quantity(self.quantity.text())
        cents, price_problem = parse_price(self.price.text())
        draft = LineDraft(
            sku=self.sku.text(),
            description=self.description.text(),
            quantity=quantity,
            unit_price_cents=cents,
            serial=self.serial.text(),
            condition=self.condition.currentData(),
            disposition=self.disposition.currentData(),
            product_id=self.product_id,
            sale_line_id=self.sale_line_id,
            price_source=self.price_source,
        )
        problems = {"quantity": quantity_problem, "unit_price": price_problem}
        return draft, {k: v for k, v in problems.items() if v}

    def set_note(self, key: str, html: str | None) -> None:
        """Show (or with None, drop) one of the notes under the row ("price", "limit")."""
        if html:
            self.notes[key] = html
        else:
            self.notes.pop(key, None)
        self.note.setText(" · ".join(self.notes[k] for k in sorted(self.notes)))
        self.note.setVisible(bool(self.notes))

    def show_error(self, field: str, message: str | None) -> None:
        """Show (or with None, clear) the message about `field`."""
        if message:
            self.messages[field] = message
        else:
            self.messages.pop(field, None)
        mark_error(self.fields[field], bool(message))
        self.error_label.set_message(
            " ".join(self.messages[f] for f in self.fields if f in self.messages)
        )


class LineEditor(QGroupBox):
    """Rows of returned items with Add line / remove, and the running total."""

    rows_changed = Signal()
    """Emitted when a row was added or removed."""

    def __init__(self, currency: str = "EUR", parent: QWidget | None = None):
        super().__init__(_("Items"), parent)
        self.currency = currency
        self.rows: list[LineRow] = []
        self._draft_rows: list[LineRow] = []
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(3)
        for column, text in enumerate(HEADERS):
            header = QLabel(f"<b>{_(text) if text != '#' else text}</b>" if text else "")
            self.grid.addWidget(header, 0, column)
            self.grid.setColumnStretch(column, STRETCH.get(column, 0))
        self.grid.setColumnMinimumWidth(0, 18)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 4, 0)
        content_layout.addLayout(self.grid)
        content_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.NoFrame)
        self.scroll.setWidget(content)
        self.scroll.setMinimumHeight(MIN_HEIGHT)
        content.installEventFilter(self)  # its rows and notes change: fit_height
        self.add_button = QPushButton(_("&Add line"))
        self.add_button.setToolTip(
            _("Add another returned item ({shortcut} or Alt+A)").format(shortcut=ADD_KEY)
        )
        self.add_button.clicked.connect(lambda: self.add_line())
        self.lines_error = ErrorLabel()
        self.total_label = QLabel()
        self.total_label.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        keys = QLabel(
            _("{add} adds a line, {remove} removes the current one").format(
                add=ADD_KEY, remove=REMOVE_KEY
            )
        )
        keys.setProperty("role", "hint")
        bar = QHBoxLayout()
        bar.addWidget(self.add_button)
        bar.addWidget(keys)
        bar.addStretch(1)
        bar.addWidget(self.total_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.lines_error)
        layout.addLayout(bar)
        add_shortcut(self, Key.ADD_LINE, self.add_line)
        add_shortcut(self, Key.REMOVE_LINE, self.remove_current)
        self.add_line(focus=False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """The rows asked for another layout: fit the list's height to them."""
        if watched is self.scroll.widget() and event.type() == QEvent.LayoutRequest:
            self.fit_height()
        return super().eventFilter(watched, event)

    def fit_height(self) -> None:
        """Show up to four rows with their notes before scrolling (the dialog's form scrolls
        on a small screen, so a taller list squeezes nothing)."""
        need = self.scroll.widget().layout().sizeHint().height()
        self.scroll.setMinimumHeight(max(MIN_HEIGHT, min(need, ROOMY_HEIGHT)))

    # rows

    def add_line(self, focus: bool = True) -> LineRow:
        """Add an empty row at the end; put the cursor in its SKU when `focus`."""
        row = LineRow()
        row.remove_button.clicked.connect(lambda: self.remove_line(row))
        for field, widget in row.fields.items():
            signal = (
                widget.currentIndexChanged
                if field in ("condition", "disposition")
                else (widget.textChanged)
            )
            signal.connect(lambda *_, f=field: row.show_error(f, None))
        for edit in (row.quantity, row.price):
            edit.textChanged.connect(self._update_total)
        row.sku.textChanged.connect(lambda: self.lines_error.set_message(None))
        self.rows.append(row)
        self._relayout()
        for widget in row.cells():
            widget.show()  # now, not later: a later show would take the focus back
        if focus:
            row.sku.setFocus(Qt.OtherFocusReason)
            QTimer.singleShot(0, lambda: self.scroll.ensureWidgetVisible(row.sku))
        return row

    def remove_line(self, row: LineRow) -> None:
        """Remove `row`; the cursor goes to the row that takes its place."""
        index = self.rows.index(row)
        self.rows.remove(row)
        for widget in (*row.cells(), row.error_label, row.note):
            self.grid.removeWidget(widget)
            widget.deleteLater()
        self._relayout()
        if self.rows:
            self.rows[min(index, len(self.rows) - 1)].sku.setFocus(Qt.OtherFocusReason)
        else:
            self.add_button.setFocus(Qt.OtherFocusReason)

    def remove_current(self) -> None:
        """Remove the row holding the cursor, if any."""
        focused = self.focusWidget() if self.isAncestorOf(self.focusWidget() or self) else None
        for row in self.rows:
            if focused in row.fields.values():
                self.remove_line(row)
                return

    def _relayout(self) -> None:
        for row in self.rows:
            for widget in (*row.cells(), row.error_label, row.note):
                self.grid.removeWidget(widget)
        for i, row in enumerate(self.rows):
            row.number.setText(str(i + 1))
            row.remove_button.setToolTip(
                _("Remove line {n} ({shortcut})").format(n=i + 1, shortcut=REMOVE_KEY)
            )
            for column, widget in enumerate(row.cells()):
                self.grid.addWidget(widget, 1 + 2 * i, column)
            self.grid.addWidget(row.error_label, 2 + 2 * i, 1, 1, NOTE_COLUMN - 1)
            self.grid.addWidget(row.note, 2 + 2 * i, NOTE_COLUMN, 1, len(HEADERS) - NOTE_COLUMN)
        self._update_total()
        self.rows_changed.emit()

    def _update_total(self) -> None:
        total, unread = 0, 0
        for row in self.rows:
            quantity, quantity_problem = parse_quantity(row.quantity.text())
            cents, price_problem = parse_price(row.price.text())
            if quantity_problem or price_problem:
                unread += not row.is_blank()
            else:
                total += quantity * cents
        text = _("Total <b>{amount}</b>").format(amount=format_money(total, self.currency))
        if unread:
            said = ngettext("({n} line not counted)", "({n} lines not counted)", unread)
            text += f" <span style='color:#555555'>{said.format(n=format_number(unread))}</span>"
        self.total_label.setText(text)

    # for the dialog

    def total_cents(self) -> int:
        """The value of every row that can be read, in cents."""
        total = 0
        for row in self.rows:
            draft, problems = row.parse()
            if not problems:
                total += draft.quantity * draft.unit_price_cents
        return total

    def drafts(self) -> tuple[list[LineDraft], dict[str, str]]:
        """Return the non-blank rows as LineDrafts, and messages about unreadable text."""
        self._draft_rows = [row for row in self.rows if not row.is_blank()]
        lines, problems = [], {}
        for i, row in enumerate(self._draft_rows):
            draft, row_problems = row.parse()
            lines.append(draft)
            problems.update({f"lines.{i}.{k}": v for k, v in row_problems.items()})
        return lines, problems

    def error_widgets(self) -> list[tuple[str, QWidget]]:
        """(error key, field) for every field of the last drafts(), in tab order."""
        pairs = [
            (f"lines.{i}.{field}", widget)
            for i, row in enumerate(self._draft_rows)
            for field, widget in row.fields.items()
        ]
        first = self.rows[0].sku if self.rows else self.add_button
        return [*pairs, ("lines", first)]

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show the messages about lines next to their fields."""
        self.lines_error.set_message(errors.get("lines"))
        for i, row in enumerate(self._draft_rows):
            for field in row.fields:
                if message := errors.get(f"lines.{i}.{field}"):
                    row.show_error(field, message)

    def clear_errors(self) -> None:
        """Hide every message about lines."""
        self.lines_error.set_message(None)
        for row in self.rows:
            for field in list(row.messages):
                row.show_error(field, None)

    def focus_chain(self) -> list[QWidget]:
        """The item widgets in tab order."""
        return [w for row in self.rows for w in row.fields.values()] + [self.add_button]

    def has_input(self) -> bool:
        """True when some row has something typed in it."""
        return any(not row.is_blank() for row in self.rows)
