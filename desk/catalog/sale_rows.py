"""Reading a till's sales export: each row as a sale line, with its receipt's order values.

A row's line needs a SKU, barcode or description and a price (what was paid for its
units after the line's discounts, in integer cents); its order values (date, customer,
currency, order discount) come from the first row of the receipt that gives them. A row
that cannot be used is skipped with why (ValueError's words). desk.catalog.sale_import
writes what is read here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from desk.catalog.barcodes import check_barcode
from desk.catalog.import_report import Skipped, invisible_character, width_problem
from desk.catalog.keys import receipt_key
from desk.catalog.tables import Sale, SaleLine
from desk.catalog.till_columns import Columns
from desk.catalog.till_values import amount_cents, sold_at, whole_quantity
from desk.customers.csv_table import CsvTable
from desk.errors import DeskError
from desk.i18n.catalog import N_, _
from desk.i18n.formats import format_decimal, format_number
from desk.validation import MAX_UNIT_PRICE_CENTS, date_error, quantity_error

_RECEIPT_LENGTH = Sale.__table__.c.receipt.type.length
_SKU_LENGTH = SaleLine.__table__.c.sku.type.length
_REFUNDS = {"refund", "return", "returned", "devolucao", "estorno"}
_NO_VARIANT = {"regular", "default title", "default"}


@dataclass
class SaleRow:
    """One row of a sales export read as a sale line: its receipt and the line's values."""

    row: int
    receipt: str
    key: str  # desk.catalog.keys.receipt_key(receipt)
    line: dict  # sku, codes, product_ref, description, quantity, total_cents


def read_sales(
    table: CsvTable, columns: Columns, *, currency: str
) -> tuple[list[SaleRow], dict[str, dict], list[Skipped]]:
    """Every data row of `table` read as a sale line; each receipt's order values (sold_at,
    email, phone, customer_ref, currency, order_discount: the first row giving one wins,
    also a row whose line is skipped); and the rows skipped with why."""
    skipped = [Skipped(n, why) for n, why in table.bad_rows]
    lines: list[SaleRow] = []
    orders: dict[str, dict] = {}
    pairs, width = list(columns.mapping.items()), len(table.header)
    carry = columns.source == "shopify"  # its later rows of an order may leave Name empty
    receipt, key = "", ""
    for number, cells in zip(table.numbers, table.rows, strict=True):
        if why := width_problem(cells, width):
            skipped.append(Skipped(number, why))
            continue
        raw = {k: v[1:].strip() if (v := cells[i].strip())[:1] == "'" else v for k, i in pairs}
        text = raw.get("receipt") or (receipt if carry else "")
        if text != receipt:
            receipt, key = text, receipt_key(text)
        try:
            order = _read_order(raw, receipt, key, currency)
            known = orders.setdefault(key, {})
            for name, value in order.items():
                known.setdefault(name, value)
            lines.append(SaleRow(number, receipt, key, _read_line(raw)))
        except ValueError as error:
            skipped.append(Skipped(number, str(error)))
    return lines, orders, skipped


def _read_order(raw: dict[str, str], receipt: str, key: str, currency: str) -> dict:
    """The order's values a row gives; ValueError says why the row cannot be used."""
    if not key:
        raise ValueError(_("no receipt or order number"))
    if len(receipt) > _RECEIPT_LENGTH:
        raise ValueError(
            _("receipt number longer than {limit}").format(limit=format_number(_RECEIPT_LENGTH))
        )
    if raw.get("kind") and raw["kind"].casefold() in _REFUNDS:
        raise ValueError(_("a refund, not a sale"))
    if hidden := invisible_character(receipt):
        raise ValueError(_("the receipt number holds {what}").format(what=hidden))
    order: dict = {}
    if text := raw.get("sold_at"):
        order["sold_at"] = _sold_at(text, raw.get("time", ""), currency)
    for name in ("email", "customer_ref", "currency"):
        if raw.get(name):
            order[name] = raw[name]
    if phone := raw.get("phone") or raw.get("phone_2"):
        order["phone"] = phone
    if raw.get("order_discount"):
        order["order_discount"] = abs(amount_cents(raw["order_discount"]))
    return order


def _read_line(raw: dict[str, str]) -> dict:
    """The line's values of one row; ValueError says why it cannot be imported."""
    quantity = _quantity(raw.get("quantity") or "1")
    line = {"quantity": quantity, "total_cents": _paid(raw, quantity)}
    line["sku"] = sku = raw.get("sku", "")
    if len(sku) > _SKU_LENGTH:
        raise ValueError(
            _("SKU longer than {limit} characters").format(limit=format_number(_SKU_LENGTH))
        )
    line["codes"] = [c for k in ("barcode", "barcode_2") if (c := _code(raw.get(k, "")))]
    line["product_ref"] = raw.get("product_ref", "")
    variant = raw.get("variant", "")
    described = raw.get("description", "")
    if variant and variant.casefold() not in _NO_VARIANT and variant not in described:
        described = f"{described} {variant}".strip()
    if not described.isprintable():  # a cell's line breaks and tabs become spaces
        described = " ".join(described.split())
    line["description"] = described
    for name, text in ((N_("SKU"), sku), (N_("description"), described)):
        if hidden := invisible_character(text):
            raise ValueError(_("the {field} holds {what}").format(field=_(name), what=hidden))
    if not (sku or line["codes"] or line["product_ref"] or described):
        raise ValueError(_("no SKU, barcode or description"))
    return line


@lru_cache(maxsize=4096)
def _sold_at(text: str, clock: str, currency: str) -> datetime:
    """When a sale happened (desk.catalog.till_values.sold_at), not after tomorrow."""
    moment = sold_at(text, clock, currency=currency)
    if problem := date_error(moment.date(), _("sale date"), today=_tomorrow()):
        raise ValueError(problem[0].lower() + problem[1:].rstrip("."))
    return moment


@lru_cache(maxsize=256)
def _quantity(text: str) -> int:
    quantity = whole_quantity(text)
    if quantity < 0:
        raise ValueError(_("quantity {quantity}: a refund, not a sale").format(quantity=quantity))
    if problem := quantity_error(quantity):
        raise ValueError(
            _("quantity “{text}”: {problem}").format(
                text=text, problem=problem[0].lower() + problem[1:].rstrip(".")
            )
        )
    return quantity


def _paid(raw: dict[str, str], quantity: int) -> int:
    """What the line's units cost together after the line's discounts, in cents."""
    discount = abs(amount_cents(raw["discount"])) if raw.get("discount") else 0
    if raw.get("net"):
        total = amount_cents(raw["net"])
    elif raw.get("unit_price"):
        total = amount_cents(raw["unit_price"]) * quantity - discount
    elif raw.get("gross"):
        total = amount_cents(raw["gross"]) - discount
    else:
        raise ValueError(_("no price: the file gives no unit price or line total"))
    if total < 0:
        raise ValueError(_("the price paid is negative (a discount larger than the price?)"))
    if quantity and total / quantity > MAX_UNIT_PRICE_CENTS:
        raise ValueError(
            _("price must be at most {limit}").format(
                limit=format_decimal(MAX_UNIT_PRICE_CENTS / 100, 2)
            )
        )
    return total


def _code(text: str) -> str:
    """A barcode as stored (normalized), or "" when it is not a valid one."""
    try:
        return check_barcode(text)[1] if text else ""
    except DeskError:
        return ""


def _tomorrow() -> date:
    return date.today() + timedelta(days=1)  # a till a time zone ahead is not "future"


__all__ = ["SaleRow", "read_sales"]
