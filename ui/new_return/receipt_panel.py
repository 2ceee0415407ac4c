"""The receipt part of the new-return dialog: the receipt field, and the receipt's lines to tick.

The panel shows; it does not look anything up (ui.new_return.intake does, and hands it the
sale found). Staff tick the lines that come back (Space, or a click), Down and Up move, a digit
sets the quantity (never more than is left), + and - change it, Enter says the ticking is done.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.catalog.lookup import SaleLineView, SaleView
from desk.i18n.catalog import N_, _, ngettext, pgettext
from desk.i18n.formats import format_date, format_number
from desk.money import format_money

COLUMNS = ("Item", "SKU", "Paid", "On the receipt", "Return")
"""The receipt lines' columns (`headers()` gives them in the desk's language)."""
ITEM, SKU, PAID, BOUGHT, RETURN = range(len(COLUMNS))
VISIBLE_LINES = 6  # lines shown before the list scrolls
_ENTER = (Qt.Key_Return, Qt.Key_Enter)
LINES_HINT = N_(
    "Space ticks what comes back · Down/Up move · a digit sets the quantity · Enter: done"
)
NOT_FOUND = N_("Not in the imported sales: type the items.")


def headers() -> list[str]:
    """The receipt lines' column headers in the desk's language."""
    # TRANSLATORS: the column of how many of the receipt's line come back
    back = pgettext("quantity to return", "Return")
    return [_("Item"), _("SKU"), _("Paid"), _("On the receipt"), back]


def bought_text(line: SaleLineView) -> str:
    """ "2 bought · 1 returned", or "1 bought" when nothing came back yet."""
    # TRANSLATORS: how many of a receipt line were bought ("1 comprado", "2 comprados")
    bought = ngettext("{n} bought", "{n} bought", line.quantity)
    bought = bought.format(n=format_number(line.quantity))
    if not line.returned:
        return bought
    # TRANSLATORS: how many of a receipt line came back already ("1 devolvido")
    returned = ngettext("{n} returned", "{n} returned", line.returned)
    # TRANSLATORS: "2 bought · 1 returned": the two counts above, side by side
    return _("{bought} · {returned}").format(
        bought=bought, returned=returned.format(n=format_number(line.returned))
    )


class ReceiptPanel(QGroupBox):
    """The receipt field and, once a receipt is found, its lines with a tick and a quantity."""

    changed = Signal()
    """Staff ticked or unticked a line or changed its quantity (not emitted for set_quantity)."""
    done = Signal()
    """Enter was pressed in the lines: the ticking is over."""

    def __init__(self, ref_edit: QLineEdit, currency: str = "EUR", parent: QWidget | None = None):
        super().__init__(_("Receipt"), parent)
        self.currency = currency
        self.ref_edit = ref_edit
        self.sale: SaleView | None = None
        self._items: dict[int, QTreeWidgetItem] = {}
        caption = QLabel(_("Receipt / &order"))
        caption.setBuddy(ref_edit)
        self.note = QLabel()
        self.note.setProperty("role", "hint")
        self.note.setTextFormat(Qt.PlainText)  # it quotes what was typed
        self.note.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(headers())
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(ITEM, QHeaderView.Stretch)
        self.tree.installEventFilter(self)
        self.tree.itemChanged.connect(self._item_changed)
        self.lines_hint = QLabel(_(LINES_HINT))
        self.lines_hint.setProperty("role", "hint")
        self.lines_hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(caption)
        row.addWidget(ref_edit, 1)
        row.addWidget(self.note, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.tree)
        layout.addWidget(self.lines_hint)
        self._show_lines(False)

    def _show_lines(self, shown: bool) -> None:
        self.tree.setVisible(shown)
        self.lines_hint.setVisible(shown)

    # what the look-up found

    def show_sale(self, sale: SaleView) -> None:
        """List the lines of `sale`, none ticked, the first that can come back current."""
        self.sale = sale
        self.tree.blockSignals(True)
        self.tree.clear()
        self._items = {}
        for line in sale.lines:
            item = QTreeWidgetItem(
                [
                    line.description,
                    line.sku,
                    format_money(line.paid_cents, self.currency),
                    bought_text(line),
                    "",
                ]  # fmt: skip
            )
            item.setData(ITEM, Qt.UserRole, line.id)
            item.setTextAlignment(PAID, Qt.AlignRight | Qt.AlignVCenter)
            item.setTextAlignment(RETURN, Qt.AlignRight | Qt.AlignVCenter)
            if line.left:
                item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsUserCheckable)
                item.setCheckState(ITEM, Qt.Unchecked)
                item.setToolTip(
                    ITEM,
                    ngettext("{n} left to return", "{n} left to return", line.left).format(
                        n=format_number(line.left)
                    ),
                )
            else:
                item.setFlags(Qt.ItemIsSelectable)  # all of it came back already: shown, greyed
                item.setToolTip(ITEM, _("Everything bought on this line was returned already"))
            self.tree.addTopLevelItem(item)
            self._items[line.id] = item
        self.tree.blockSignals(False)
        shown = min(max(len(sale.lines), 1), VISIBLE_LINES)
        row_height = self.tree.sizeHintForRow(0) if sale.lines else 20
        self.tree.setFixedHeight(
            self.tree.header().sizeHint().height() + shown * row_height + 2 * self.tree.frameWidth()
        )
        first = next((self._items[li.id] for li in sale.lines if li.left), None)
        if first is not None:
            self.tree.setCurrentItem(first)
        self._show_lines(bool(sale.lines))
        count = len(sale.lines)
        said = ngettext("✓ {receipt}, {date}: {n} line", "✓ {receipt}, {date}: {n} lines", count)
        self.note.setText(
            said.format(
                receipt=sale.receipt, date=format_date(sale.purchase_date), n=format_number(count)
            )
        )

    def show_not_found(self) -> None:
        """Say quietly that the receipt is not known; nothing else changes."""
        self.forget()
        self.note.setText(_(NOT_FOUND))

    def forget(self) -> None:
        """Drop the receipt's lines (the receipt field was changed)."""
        self.sale = None
        self.tree.clear()
        self._items = {}
        self._show_lines(False)
        self.note.clear()

    def focus_lines(self) -> None:
        """Put the cursor in the lines (the first one that can come back is current)."""
        self.tree.setFocus(Qt.OtherFocusReason)

    # ticks and quantities

    def line(self, line_id: int) -> SaleLineView | None:
        """The receipt's line `line_id`, or None."""
        if self.sale is None:
            return None
        return next((li for li in self.sale.lines if li.id == line_id), None)

    def chosen(self) -> dict[int, int]:
        """The ticked lines: sale line id → quantity to return."""
        return {
            line_id: self._quantity(item)
            for line_id, item in self._items.items()
            if item.checkState(ITEM) == Qt.Checked
        }

    def _quantity(self, item: QTreeWidgetItem) -> int:
        text = item.text(RETURN)
        return int(text) if text.isdigit() else 1

    def set_quantity(self, line_id: int, quantity: int | None) -> None:
        """Show `quantity` as ticked for the line (None: unticked), without `changed`;
        more than is left (typed in the item row) shows in red."""
        item, line = self._items.get(line_id), self.line(line_id)
        if item is None or line is None or not item.flags() & Qt.ItemIsUserCheckable:
            return
        self.tree.blockSignals(True)
        item.setCheckState(ITEM, Qt.Unchecked if quantity is None else Qt.Checked)
        item.setText(RETURN, "" if quantity is None else str(quantity))
        over = quantity is not None and quantity > line.left
        item.setForeground(RETURN, QBrush(QColor("#b91c1c")) if over else QBrush())
        said = _("Only {n} left to return").format(n=format_number(line.left)) if over else ""
        item.setToolTip(RETURN, said)
        self.tree.blockSignals(False)

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if column != ITEM:
            return
        ticked = item.checkState(ITEM) == Qt.Checked
        self.tree.blockSignals(True)
        item.setText(RETURN, str(self._quantity(item)) if ticked else "")
        self.tree.blockSignals(False)
        self.changed.emit()

    def _type_quantity(self, item: QTreeWidgetItem, quantity: int) -> None:
        line = self.line(item.data(ITEM, Qt.UserRole))
        if line is None or not line.left:
            return
        quantity = max(1, min(quantity, line.left))  # at most what is left, here
        self.set_quantity(line.id, quantity)
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Digits set the current line's quantity, + and - change it, Enter is done."""
        if watched is self.tree and event.type() == QEvent.KeyPress:
            plain = event.modifiers() & ~Qt.KeypadModifier == Qt.NoModifier
            item = self.tree.currentItem()
            text = event.text()
            if plain and event.key() in _ENTER:
                self.done.emit()
                return True
            if plain and item is not None and text.isdigit() and text != "0":
                self._type_quantity(item, int(text))
                return True
            if plain and item is not None and text in ("+", "-"):
                ticked = item.checkState(ITEM) == Qt.Checked
                start = self._quantity(item) if ticked else 0
                self._type_quantity(item, start + (1 if text == "+" else -1))
                return True
        return super().eventFilter(watched, event)

    def focus_chain(self) -> list[QWidget]:
        """The receipt widgets in tab order."""
        return [self.ref_edit, self.tree]
