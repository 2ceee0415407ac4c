"""The product form: add a product to the catalogue or change one.

Each problem is said beside its field (a bad barcode by its value: "4006381333932: the
check digit should be 1"); what was typed stays and nothing is saved until every field
is right. Saving runs in the background (desk.catalog.products.save_product, one
transaction), so a refused SKU or barcode saves nothing half.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desk.catalog.browse import product_usage
from desk.catalog.lookup import ProductView
from desk.catalog.products import ProductDraft, product_errors, save_product
from desk.db import Database
from desk.errors import DeskError, ValidationError
from desk.i18n.catalog import N_, _
from desk.i18n.formats import format_decimal, format_number
from desk.labels import DISPOSITIONS
from desk.money import currency_symbol
from desk.validation import parse_money
from ui import prompts
from ui.actions import Key, dialog_keys, shortcut_text
from ui.background import run_in_background
from ui.widgets.form_parts import CAPTION_WIDTH, STYLE_SHEET, ErrorLabel, FieldError, with_error

NO_DISPOSITION = N_("None: staff choose at each return")
EXTRA_STYLE = 'QPlainTextEdit[error="true"] { border: 2px solid #b91c1c; }'
FIELD_OF = {"price_cents": "price", "default_disposition": "disposition"}
"""The form's field for a key of desk.catalog.products.product_errors named otherwise."""


def barcode_lines(text: str) -> list[str]:
    """The barcodes typed in the box, one per line (a Code 128 value may hold a comma)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def field_errors(errors: dict[str, str], barcodes: list[str]) -> dict[str, str]:
    """desk.catalog.products' errors by the form's fields: the first bad barcode
    ("barcodes.2") is said beside the barcodes box, named by its value."""
    found: dict[str, str] = {}
    for key, message in errors.items():
        field, _, index = key.partition(".")
        if field == "barcodes" and index.isdigit() and int(index) < len(barcodes):
            code = barcodes[int(index)]
            message = message if code in message else f"{code}: {message}"
        found.setdefault(FIELD_OF.get(field, field), message)
    return found


def _price_text(cents: int) -> str:
    """The price as typed in the desk's language: "1.234,50" (parse_money reads it back)."""
    return format_decimal(Decimal(cents) / 100, 2)


class ProductForm(QDialog):
    """Add a product (`product` None) or edit one; `saved(ProductView)` once it is stored."""

    saved = Signal(object)

    def __init__(
        self,
        db: Database,
        product: ProductView | None = None,
        *,
        categories: Sequence[str] = (),
        currency: str = "EUR",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.db, self.product, self.result_ = db, product, None
        self._saving: ProductDraft | None = None  # the draft on its way to the database
        self.setWindowTitle(
            _("Edit {sku}").format(sku=product.sku) if product else _("New product")
        )
        self.setStyleSheet(STYLE_SHEET + EXTRA_STYLE)
        self.setMinimumWidth(520)
        self._build_fields(categories, currency)
        self.errors: dict[str, FieldError] = {}
        grid = self._grid()
        self.banner = ErrorLabel()
        self.banner.setObjectName("productBanner")
        hint = QLabel(
            _("{confirm} saves · {cancel} cancels").format(
                confirm=shortcut_text(Key.CONFIRM), cancel=shortcut_text(Key.CANCEL)
            ),
            objectName="productHint",
        )
        hint.setProperty("role", "hint")
        self.usage_label = QLabel(objectName="productUsage")
        self.usage_label.setProperty("role", "hint")
        self.usage_label.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        self.save_button.setToolTip(
            _("Save the product ({key})").format(key=shortcut_text(Key.CONFIRM))
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        dialog_keys(self, accept=self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.usage_label)
        layout.addStretch(1)
        layout.addWidget(self.banner)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        if product is not None:
            self._show(product)
            self._read_usage(product.id)
        self._typed = self.draft_fields()

    def _read_usage(self, product_id: int) -> None:
        db = self.db
        run_in_background(
            lambda: product_usage(db, product_id), owner=self, on_success=self._show_usage
        )

    def _show_usage(self, usage: tuple[int, int]) -> None:
        sold, returned = usage
        self.usage_label.setText(
            _(
                "Sold {sold} and returned {returned} so far (imported sales, logged returns)."
            ).format(sold=format_number(sold), returned=format_number(returned))
        )
        self.usage_label.show()

    def _build_fields(self, categories: Sequence[str], currency: str) -> None:
        self.sku = QLineEdit(placeholderText=_("e.g. BLT-7402-S"))
        self.name = QLineEdit(placeholderText=_("e.g. Leather belt"))
        self.variant = QLineEdit(placeholderText=_("e.g. Brown, size S (optional)"))
        self.price = QLineEdit(placeholderText=f"{currency_symbol(currency)} {_price_text(0)}")
        self.price.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.price.setMaximumWidth(160)
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.setInsertPolicy(QComboBox.NoInsert)
        self.category.addItems(["", *categories])
        self.category.lineEdit().setPlaceholderText(_("e.g. Electronics (optional)"))
        self.returnable = QCheckBox(_("Customers may return it"))
        self.returnable.setChecked(True)
        self.disposition = QComboBox()
        self.disposition.addItem(_(NO_DISPOSITION), "")
        for code, text in DISPOSITIONS.items():
            self.disposition.addItem(_(text), str(code))
        self.barcodes = QPlainTextEdit()
        self.barcodes.setTabChangesFocus(True)
        self.barcodes.setFixedHeight(78)
        self.barcodes.setPlaceholderText(_("One per line: EAN-13, UPC-A, EAN-8 or the shop's own"))

    def _grid(self) -> QGridLayout:
        """One column of captioned fields, top-aligned so an error label can grow."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setColumnMinimumWidth(0, CAPTION_WIDTH)
        grid.setColumnStretch(1, 1)
        for row, (caption, field) in enumerate(self._rows()):
            label = QLabel(caption)
            label.setContentsMargins(0, 4, 0, 0)  # level with the text in the field
            label.setBuddy(field)
            grid.addWidget(label, row, 0, Qt.AlignTop | Qt.AlignLeft)
            grid.addWidget(field, row, 1)
        return grid

    def _rows(self) -> list[tuple[str, QWidget]]:
        boxes = {}
        for key in ("sku", "name", "variant", "price", "category", "disposition", "barcodes"):
            boxes[key], self.errors[key] = with_error(getattr(self, key))
        rows = [
            (_("&SKU"), boxes["sku"]),
            (_("&Name"), boxes["name"]),
            (_("&Variant"), boxes["variant"]),
            (_("&Price"), boxes["price"]),
            (_("&Category"), boxes["category"]),
            (_("Returns"), self.returnable),
            (_("&Usually goes to"), boxes["disposition"]),
            (_("&Barcodes"), boxes["barcodes"]),
        ]
        return rows

    def _show(self, product: ProductView) -> None:
        self.sku.setText(product.sku)
        self.name.setText(product.name)
        self.variant.setText(product.variant)
        self.price.setText(_price_text(product.price_cents))
        self.category.setCurrentText(product.category)
        self.returnable.setChecked(product.returnable)
        found = self.disposition.findData(str(product.default_disposition or ""))
        self.disposition.setCurrentIndex(max(found, 0))
        self.barcodes.setPlainText("\n".join(product.barcodes))

    def draft_fields(self) -> tuple:
        """Everything typed, as text (to tell whether anything changed)."""
        return (
            self.sku.text(),
            self.name.text(),
            self.variant.text(),
            self.price.text(),
            self.category.currentText(),
            self.returnable.isChecked(),
            self.disposition.currentData(),
            self.barcodes.toPlainText(),
        )

    def _price(self) -> tuple[int, str | None]:
        """The price typed, in cents (0 when it is not an amount), and what is wrong with it."""
        try:
            return parse_money(self.price.text()), None
        except ValueError as problem:
            return 0, str(problem)

    def draft(self) -> ProductDraft:
        """What is typed, as a draft (a price that is not an amount counts as 0)."""
        return ProductDraft(
            sku=self.sku.text().strip(),
            name=self.name.text().strip(),
            variant=self.variant.text().strip(),
            price_cents=self._price()[0],
            category=self.category.currentText().strip(),
            returnable=self.returnable.isChecked(),
            default_disposition=self.disposition.currentData() or None,
            barcodes=barcode_lines(self.barcodes.toPlainText()),
            external_ref=self.product.external_ref if self.product else "",
        )

    def problems(self) -> dict[str, str]:
        """What is wrong with what is typed, field by field (empty when it can be saved)."""
        draft = self.draft()
        found = field_errors(product_errors(draft), draft.barcodes)
        if price_problem := self._price()[1]:
            found["price"] = price_problem
        return found

    # saving

    def save(self) -> None:
        """Check what was typed; store it in the background when every field is right."""
        if not self.save_button.isEnabled():
            return  # already saving
        found = self.problems()
        self._show_problems(found)
        if found:
            return
        draft, db = self.draft(), self.db
        self._saving = draft
        product_id = self.product.id if self.product else None
        self.save_button.setEnabled(False)
        run_in_background(
            lambda: save_product(db, draft, product_id=product_id),
            owner=self,
            on_success=self._saved,
            on_failure=self._refused,
            on_finished=lambda: self.save_button.setEnabled(True),
        )

    def _show_problems(self, found: dict[str, str], banner: str = "") -> None:
        first = None
        for key, error in self.errors.items():
            if key in found:
                error.show(found[key])
                first = first or error.widget
            else:
                error.clear()
        others = [message for key, message in found.items() if key not in self.errors]
        if found and not banner:
            banner = " ".join([*others, _("Nothing was saved: correct the fields in red.")])
        self.banner.set_message(banner or None)
        if first is not None:
            first.setFocus(Qt.OtherFocusReason)

    def _saved(self, product: ProductView) -> None:
        self.result_ = product
        self.saved.emit(product)
        self.accept()

    def _refused(self, error: Exception) -> None:
        if isinstance(error, ValidationError):
            self._show_problems(field_errors(error.errors, self._saving.barcodes))
        elif isinstance(error, DeskError):
            self._show_problems({}, _("{error} Nothing was saved.").format(error=error))
        else:
            self._show_problems(
                {},
                _("Could not save the product ({error}). Nothing was saved.").format(error=error),
            )

    def reject(self) -> None:
        """Close without saving, after asking when something was changed."""
        if self._saving is not None and not self.save_button.isEnabled():
            return  # being saved: its answer decides (closing now would hide a refusal)
        if (
            self.result_ is None
            and self.draft_fields() != self._typed
            and not prompts.ask_yes_no(
                self,
                _("Discard the changes?"),
                _("Close without saving? What you typed will be lost."),
            )
        ):
            return
        super().reject()
