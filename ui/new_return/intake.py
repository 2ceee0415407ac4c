"""The new-return dialog's catalogue side: receipts and products looked up as staff type or scan.

`Intake` ties the dialog's parts together: the receipt field looks its receipt up (Enter, or
leaving the field), a found receipt picks the customer, fills the purchase date and lists its
lines to tick; a ticked line becomes an item row (unticked, it goes); a barcode or SKU typed in
a row's SKU field fills that row; a scan is routed to one or the other. Every look-up runs in
the background and carries a generation number, so a late answer to an older question is
dropped. Asking for more than is left on the receipt is said beside the row and becomes a
policy problem (an override reason is then needed to save).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt

from desk.catalog.counter import CounterMatch, counter_look_up, has_sales
from desk.catalog.keys import receipt_key
from desk.catalog.lookup import ProductView, SaleView
from desk.codes import PriceSource
from desk.i18n.catalog import _
from desk.i18n.formats import format_number
from ui.background import run_in_background
from ui.new_return.line_editor import LineRow, parse_quantity
from ui.new_return.product_fill import (
    SkuCompleter,
    fill_from_product,
    fill_from_sale_line,
    limit_note,
    unlink,
)
from ui.new_return.receipt_panel import ReceiptPanel

if TYPE_CHECKING:
    from ui.new_return.dialog import NewReturnDialog

_ENTER = (Qt.Key_Return, Qt.Key_Enter)


class Intake(QObject):
    """Receipt and product look-ups for one NewReturnDialog."""

    def __init__(self, dialog: NewReturnDialog):
        super().__init__(dialog)
        self.dialog = dialog
        self._db = dialog._db
        self._generation = 0  # of the receipt look-up and scans
        self._asked = ""  # the receipt key last looked up
        self.match: CounterMatch | None = None  # the receipt found, with its defaults
        self._ticked_rows: dict[int, LineRow] = {}  # sale line id → the row its tick made
        self._attached: set[int] = set()
        self.pending = 0  # look-ups asked and not yet answered (tests wait on it)
        ref = dialog.return_fields.ref_edit
        self.panel = ReceiptPanel(ref, dialog._currency)
        self.panel.changed.connect(self._ticks_changed)
        self.panel.done.connect(self._ticking_done)
        ref.installEventFilter(self)
        ref.editingFinished.connect(self.look_up_receipt)
        ref.textEdited.connect(lambda _: self.panel.note.clear())
        dialog.lines.rows_changed.connect(self._sync_ticks)
        self.sales_known = has_sales(self._db)

    @property
    def sale(self) -> SaleView | None:
        """The receipt found for what is in the receipt field, or None."""
        return self.panel.sale

    def sale_id(self) -> int | None:
        """The sale the return comes from: the receipt found, if the field still names it."""
        sale = self.sale
        typed = receipt_key(self.panel.ref_edit.text())
        return sale.id if sale is not None and typed == receipt_key(sale.receipt) else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Enter in the receipt field looks it up (and the dialog moves on only if it is not
        known: a found receipt puts the cursor in its lines)."""
        if (
            event.type() == QEvent.KeyPress
            and event.key() in _ENTER
            and event.modifiers() & ~Qt.KeypadModifier == Qt.NoModifier
        ):
            self.look_up_receipt()
            return True
        return super().eventFilter(watched, event)

    # asking desk

    def _ask(self, text: str, want: str, on_answer) -> None:
        self._generation += 1
        generation, db = self._generation, self._db
        self.pending += 1

        def work():
            return generation, counter_look_up(db, text, want=want)

        def answered(result):
            self.pending -= 1
            if result[0] == self._generation:  # else a newer question was asked since
                on_answer(result[1])

        def failed(error: Exception):
            self.pending -= 1
            self.panel.note.setText(_("The look-up failed: {error}").format(error=error))

        run_in_background(work, owner=self, on_success=answered, on_failure=failed)

    def look_up_receipt(self) -> None:
        """Look up what is in the receipt field (unless it was just looked up)."""
        text = self.panel.ref_edit.text().strip()
        key = receipt_key(text) if text else ""
        if key == self._asked:
            if self.sale is not None and self.panel.ref_edit.hasFocus():
                self.panel.focus_lines()
            return
        self._asked = key
        if not key:
            self._generation += 1  # drop any answer on its way
            self._forget_sale()
            self.panel.note.clear()
            return
        self._ask(text, "sale", self._receipt_answer)

    def _receipt_answer(self, match: CounterMatch) -> None:
        if match.kind == "sale" and match.sale is not None:
            self._show_sale(match)
        else:
            self._forget_sale()
            self.panel.show_not_found()

    def take_scan(self, code: str) -> None:
        """Route a scanned code: a receipt, a product, or a short note that it is unknown."""
        code = code.strip()
        if code:
            self._ask(code, "any", lambda match: self._scan_answer(code, match))

    def _scan_answer(self, code: str, match: CounterMatch) -> None:
        if match.kind == "sale" and match.sale is not None:
            self.panel.ref_edit.setText(code)
            self._asked = receipt_key(code)
            self._show_sale(match, focus=True)
        elif match.kind == "product" and match.product is not None:
            lines = self.dialog.lines
            row = next((r for r in lines.rows if r.is_blank()), None) or lines.add_line(False)
            self._fill_product(row, match.product, match)
            row.quantity.setFocus(Qt.OtherFocusReason)
            row.quantity.selectAll()
        else:
            self.panel.note.setText(
                _("“{code}” is neither a receipt nor a known product.").format(code=code[:40])
            )

    # a receipt

    def _show_sale(self, match: CounterMatch, *, focus: bool = False) -> None:
        """Fill in what the receipt knows; the cursor goes to its lines when it was in the
        receipt field (Enter) or `focus` (a scan), never from a field staff moved on to."""
        sale = match.sale
        focus = focus or self.panel.ref_edit.hasFocus()
        self._forget_sale(keep=sale)
        self.match = match
        dialog = self.dialog
        if match.customer is not None:
            before = dialog.focusWidget()
            dialog.customer.pick(match.customer)  # the dialog then puts the cursor in the items
            if before is not None and not focus:
                before.setFocus(Qt.OtherFocusReason)  # where staff went meanwhile
        dialog.return_fields.date_field.set_value(sale.purchase_date)
        self.panel.show_sale(sale)
        for row in dialog.lines.rows:  # rows typed before the receipt was known
            if row.product_id is not None and row.sale_line_id is None:
                product = match.products.get(row.product_id)
                if product is not None:
                    self._fill_product(row, product, match)
        self.check_limits()
        if focus:
            self.panel.focus_lines()

    def _forget_sale(self, keep: SaleView | None = None) -> None:
        """Rows ticked from another receipt go; rows tied to its lines are typed ones now."""
        kept = {line.id for line in keep.lines} if keep is not None else set()
        for line_id, row in list(self._ticked_rows.items()):
            if line_id not in kept:
                del self._ticked_rows[line_id]
                if row in self.dialog.lines.rows:
                    self.dialog.lines.remove_line(row)
        for row in self.dialog.lines.rows:
            if row.sale_line_id is not None and row.sale_line_id not in kept:
                unlink(row)
        if keep is None:
            self.match = None
            self.panel.forget()
            self.dialog.refresh_policy()

    def _ticks_changed(self) -> None:
        chosen = self.panel.chosen()
        lines = self.dialog.lines
        for line_id, row in list(self._ticked_rows.items()):
            if line_id not in chosen:
                del self._ticked_rows[line_id]
                if row in lines.rows:
                    lines.remove_line(row)
        match = self.match
        for line_id, quantity in chosen.items():
            row = self._ticked_rows.get(line_id)
            if row is None:
                row = next((r for r in lines.rows if r.is_blank()), None) or lines.add_line(False)
                self._ticked_rows[line_id] = row
                line = self.panel.line(line_id)
                product = match.products.get(line.product_id) if line.product_id else None
                choice = match.choices.get(line.category)
                fill_from_sale_line(row, line, quantity, product=product, choice=choice)
            else:
                row.quantity.setText(str(quantity))
        self.check_limits()
        self.panel.focus_lines()  # removing a row moved the cursor

    def _ticking_done(self) -> None:
        """Enter in the receipt's lines: on to the reason (or what else still needs input)."""
        fields = self.dialog.return_fields
        target = fields.reason_combo if fields.reason_combo.currentIndex() <= 0 else None
        (target or self.dialog.save_button).setFocus(Qt.OtherFocusReason)
        self.dialog.body.ensureWidgetVisible(target or fields)

    # a product in a row

    def attach(self, row: LineRow) -> None:
        """Give a new row its SKU completion and its look-up when the SKU is entered."""
        if id(row) in self._attached:
            return
        self._attached.add(id(row))
        row.completer = SkuCompleter(self._db, row, self._completion_picked)
        row.sku.editingFinished.connect(lambda: self._sku_entered(row))
        row.sku.textEdited.connect(lambda _: self._sku_edited(row))
        row.price.textEdited.connect(lambda _: self._price_edited(row))
        row.quantity.textChanged.connect(self._sync_ticks)

    def _sku_edited(self, row: LineRow) -> None:
        if row.product_id is not None:
            unlink(row)  # typed over: no longer that product
            self._drop_tick(row)
            self.check_limits()

    def _price_edited(self, row: LineRow) -> None:
        row.price_source = PriceSource.TYPED  # typed by hand: neither paid nor catalogue
        row.set_note("price", None)

    def _drop_tick(self, row: LineRow) -> None:
        for line_id, ticked in list(self._ticked_rows.items()):
            if ticked is row:
                del self._ticked_rows[line_id]
                self.panel.set_quantity(line_id, None)

    def _sku_entered(self, row: LineRow) -> None:
        text = row.sku.text().strip()
        if not text or row.product_id is not None or row.completer.completer.popup().isVisible():
            return
        self._ask_product(row, text)

    def _ask_product(self, row: LineRow, text: str) -> None:
        db = self._db
        self.pending += 1

        def work():
            return counter_look_up(db, text, want="product")

        def answered(match: CounterMatch):
            self.pending -= 1
            alive = row in self.dialog.lines.rows and row.sku.text().strip() == text
            if alive and match.kind == "product" and match.product is not None:
                self._fill_product(row, match.product, match)

        def failed(error: Exception):
            self.pending -= 1

        run_in_background(work, owner=self, on_success=answered, on_failure=failed)

    def _fill_product(self, row: LineRow, product: ProductView, match: CounterMatch) -> None:
        fill_from_product(row, product, sale=self.sale, choice=match.choices.get(product.category))
        self.check_limits()

    def _completion_picked(self, row: LineRow, product: ProductView) -> None:
        """A product picked from the list: looked up like a SKU typed in full."""
        unlink(row)
        self._ask_product(row, product.sku)

    # limits

    def limit_problems(self) -> list[str]:
        """What the rows take back that the policy refuses without a reason: beyond what is
        left on the receipt (the rows concerned get their note beside them, and lose it once
        within the limit), and products marked not returnable."""
        sale = self.sale
        asked: dict[int, int] = defaultdict(int)
        rows: dict[int, list[LineRow]] = defaultdict(list)
        for row in self.dialog.lines.rows:
            if row.sale_line_id is not None:
                quantity, problem = parse_quantity(row.quantity.text())
                asked[row.sale_line_id] += 0 if problem else quantity
                rows[row.sale_line_id].append(row)
        problems = []
        refused = {r.product.id: r.product for r in self.dialog.lines.rows if r.product}
        for product in refused.values():
            if not product.returnable:  # as desk.catalog.limits says it when saving
                problems.append(
                    _("{sku} ({name}) is marked not returnable.").format(
                        sku=product.sku, name=product.name
                    )
                )
        for line_id, row_list in rows.items():
            line = self.panel.line(line_id) if sale is not None else None
            over = line is not None and asked[line_id] > line.left
            for row in row_list:
                row.set_note("limit", limit_note(line.left) if over else None)
            if over:
                problems.append(  # as desk.catalog.limits says it when saving
                    _(
                        "Only {left} of {item} left to return on receipt {receipt} ({bought} "
                        "bought, {returned} returned already); {asked} asked."
                    ).format(
                        left=format_number(line.left),
                        item=line.sku or line.description,
                        receipt=sale.receipt,
                        bought=format_number(line.quantity),
                        returned=format_number(line.returned),
                        asked=format_number(asked[line_id]),
                    )
                )
        return problems

    def check_limits(self) -> None:
        """Redraw the ticks, the notes beside the rows and the policy panel."""
        self._sync_ticks()
        self.dialog.refresh_policy()

    def _sync_ticks(self) -> None:
        """Each receipt line with a row shows ticked with the row's quantity (a row filled
        from a SKU or barcode counts as ticked: unticking removes it)."""
        rows = self.dialog.lines.rows
        for line_id, row in list(self._ticked_rows.items()):
            if row not in rows:  # removed with ✕ or Ctrl+Shift+L
                del self._ticked_rows[line_id]
                self.panel.set_quantity(line_id, None)
        for row in rows:
            line_id = row.sale_line_id
            if line_id is not None and self.panel.line(line_id) is not None:
                self._ticked_rows.setdefault(line_id, row)
        for line_id, row in self._ticked_rows.items():
            quantity, problem = parse_quantity(row.quantity.text())
            if not problem and quantity > 0:
                self.panel.set_quantity(line_id, quantity)
