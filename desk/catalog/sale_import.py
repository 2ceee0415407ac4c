"""Importing sales from the till's export: rows grouped by receipt into sales and lines.

`import_sales` is one transaction. Rows sharing a receipt (or order) number make one sale;
its date, customer and currency come from the first row that has them (Shopify fills the
order's cells on its first row only). A line's product is found by SKU, barcode or the
till's own product id; its price is what was paid per unit after the line's discounts, in
integer cents. The customer is matched, never created: by email (any case), else phone
(E.164 with the shop's country), else the till's customer id. A receipt already imported
is skipped and reported, so importing the same file again changes nothing. A bad row is
skipped and reported; a file that cannot be read, or lacks a receipt or date column,
imports nothing and says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Connection, func, insert, select
from sqlmodel import Session

from desk.catalog.barcodes import check_barcode
from desk.catalog.import_report import (
    Skipped,
    counted,
    invisible_character,
    report_lines,
    width_problem,
)
from desk.catalog.keys import receipt_key
from desk.catalog.tables import Product, ProductBarcode, Sale, SaleLine
from desk.catalog.till_columns import Columns, sale_columns
from desk.catalog.till_values import amount_cents, per_unit, sold_at, whole_quantity
from desk.customers.csv_table import CsvTable, read_csv
from desk.db import Database, lock_for_writing, reserve_ids
from desk.errors import DeskError
from desk.i18n.catalog import N_, _, ngettext, pgettext
from desk.i18n.formats import format_decimal, format_number
from desk.models import Customer
from desk.phones import to_e164
from desk.settings import SHOP_COUNTRY, SHOP_CURRENCY, get_setting
from desk.staff.actor import Actor, require
from desk.staff.audit import record
from desk.staff.codes import AuditAction
from desk.staff.roles import Permission
from desk.validation import MAX_UNIT_PRICE_CENTS, date_error, quantity_error

BATCH = 5_000
"""Rows written per Core statement."""

_RECEIPT_LENGTH = Sale.__table__.c.receipt.type.length
_SKU_LENGTH = SaleLine.__table__.c.sku.type.length
_REFUNDS = {"refund", "return", "returned", "devolucao", "estorno"}
_NO_VARIANT = {"regular", "default title", "default"}


@dataclass
class SaleImportReport:
    """What a sales import did (or, for a dry run, would do)."""

    format_name: str
    sales: int = 0
    sale_lines: int = 0
    customers_matched: int = 0
    unknown_products: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    already_imported: list[Skipped] = field(default_factory=list)
    dry_run: bool = False

    def lines(self) -> list[str]:
        """The summary line, then one line per skipped row and per receipt already imported."""
        words = {
            "sales": ngettext("{n} sale", "{n} sales", self.sales),
            "lines": ngettext("{n} line", "{n} lines", self.sale_lines),
            "unknown": ngettext("{n} line", "{n} lines", self.unknown_products),
            "rows": ngettext("{n} row", "{n} rows", len(self.skipped)),
            "receipts": ngettext("{n} receipt", "{n} receipts", len(self.already_imported)),
        }
        nothing = {  # 0 has words of its own: Portuguese plurals make it singular
            "sales": _("no sales"),
            "lines": _("no lines"),
            "unknown": pgettext("sale lines", "none"),
            "rows": _("no rows"),
            "receipts": _("no receipts"),
        }
        numbers = {
            "sales": self.sales,
            "lines": self.sale_lines,
            "unknown": self.unknown_products,
            "rows": len(self.skipped),
            "receipts": len(self.already_imported),
        }
        words = {key: text if numbers[key] else nothing[key] for key, text in words.items()}
        counts = counted(words, numbers)
        if self.dry_run:
            # TRANSLATORS: sales, lines, unknown, rows and receipts are counts ("3 lines").
            head = _(
                "Would import {sales} with {lines} ({matched} matched to a customer, "
                "{unknown} of no known product); skipped {rows} and {receipts} already imported."
            )
        else:
            # TRANSLATORS: sales, lines, unknown, rows and receipts are counts ("3 lines").
            head = _(
                "Imported {sales} with {lines} ({matched} matched to a customer, "
                "{unknown} of no known product); skipped {rows} and {receipts} already imported."
            )
        head = head.format(matched=format_number(self.customers_matched), **counts)
        return report_lines(head, self.skipped + self.already_imported, dry_run=self.dry_run)


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


def import_sales(
    db: Database,
    source: str | Path | bytes | CsvTable,
    options: tuple[str, ...] | list[str] = (),
    *,
    dry_run: bool = False,
    actor: Actor | None = None,
) -> SaleImportReport:
    """Import a sales export in one transaction (a dry run writes nothing).

    Writing needs Permission.IMPORT_DATA (NotAllowed) and is audited with its counts.

    Raises DeskError, saying why, when the file cannot be read or lacks a receipt or date
    column.
    """
    table = source if isinstance(source, CsvTable) else read_csv(source)
    columns = sale_columns(table.header, options)
    report = SaleImportReport(format_name=columns.format_name, dry_run=dry_run)
    with db.session() as session:
        try:
            if not dry_run:
                lock_for_writing(session, "sale", "sale_line")
                actor = require(session, actor, Permission.IMPORT_DATA)
            currency = get_setting(session, SHOP_CURRENCY)
            country = get_setting(session, SHOP_COUNTRY)
            lines, orders, report.skipped = read_sales(table, columns, currency=currency)
            conn = session.connection()
            sales = _plan(conn, lines, orders, columns, report)
            matcher = _Matcher(conn, country)
            _write(session, sales, orders, matcher, currency, columns.source, report)
            if not dry_run:
                skipped = len(report.skipped)
                counts = f"sales={report.sales} lines={report.sale_lines} skipped={skipped}"
                record(session, actor, AuditAction.DATA_IMPORTED, "sales", new=counts)
            session.rollback() if dry_run else session.commit()
        except Exception:
            session.rollback()
            raise
    return report


def _plan(conn: Connection, lines, orders, columns: Columns, report) -> list[list[SaleRow]]:
    """Group the lines by receipt; leave out receipts already imported or without a date."""
    groups: dict[str, list[SaleRow]] = {}
    for line in lines:
        groups.setdefault(line.key, []).append(line)
    known = set()
    keys = list(groups)
    for start in range(0, len(keys), BATCH):
        chunk = keys[start : start + BATCH]
        found = select(Sale.__table__.c.receipt_key).where(Sale.__table__.c.receipt_key.in_(chunk))
        known.update(conn.execute(found).scalars())
    sales = []
    for key, group in groups.items():
        rows = _rows(group)
        if key in known:
            report.already_imported.append(
                Skipped(
                    group[0].row,
                    _("receipt {receipt} ({rows}) already imported").format(
                        receipt=group[0].receipt, rows=rows
                    ),
                )
            )
        elif "sold_at" not in orders[key]:
            for line in group:
                report.skipped.append(
                    Skipped(
                        line.row, _("no date for receipt {receipt}").format(receipt=line.receipt)
                    )
                )
        else:
            sales.append(group)
    if "order_discount" in columns.mapping and not {"discount", "net"} & set(columns.mapping):
        for group in sales:
            _share_order_discount(group, orders[group[0].key].get("order_discount", 0))
    return sales


def _rows(group: list[SaleRow]) -> str:
    first, last = group[0].row, group[-1].row
    if first == last:
        return _("row {row}").format(row=first)
    return _("rows {first}–{last}").format(first=first, last=last)


def _share_order_discount(group: list[SaleRow], discount: int) -> None:
    """Spread an order's discount over its lines in proportion to their totals."""
    total = sum(ln.line["total_cents"] for ln in group)
    if not discount or not total:
        return
    left = min(discount, total)
    for index, ln in enumerate(group):
        share = left if index == len(group) - 1 else discount * ln.line["total_cents"] // total
        share = min(share, left, ln.line["total_cents"])
        ln.line["total_cents"] -= share
        left -= share


class _Matcher:
    """Known products (by SKU, barcode, till id) and customers (by email, phone, till id)."""

    def __init__(self, conn: Connection, country: str):
        p, b, c = Product.__table__.c, ProductBarcode.__table__.c, Customer.__table__.c
        self.country = country
        products = conn.execute(select(p.id, p.sku)).all()
        self.by_sku = {sku.casefold(): pid for pid, sku in products}
        self.skus = dict(products)
        self.by_code = dict(conn.execute(select(b.code, b.product_id)).all())
        refs = select(p.external_ref, p.id).where(p.external_ref != "")
        self.by_ref = dict(conn.execute(refs).all())
        self.by_email, self.by_phone, refs_seen = {}, {}, {}
        people = select(c.id, c.email, c.phone, c.external_ref).where(c.erased_at.is_(None))
        for cid, email, phone, ref in conn.execute(people.order_by(c.id)):
            if email:
                self.by_email.setdefault(email.casefold(), cid)
            if phone and (e164 := phone if phone.startswith("+") else to_e164(phone, country)):
                self.by_phone.setdefault(e164, cid)
            if ref:
                refs_seen.setdefault(ref, []).append(cid)
        self.by_customer_ref = {ref: ids[0] for ref, ids in refs_seen.items() if len(ids) == 1}

    def product(self, line: dict) -> int | None:
        """The id of the product a line names, or None."""
        if (found := self.by_sku.get(line["sku"].casefold())) is not None:
            return found
        for code in line["codes"]:
            for form in (code, *_other_forms(code)):
                if form in self.by_code:
                    return self.by_code[form]
        return self.by_ref.get(line["product_ref"]) if line["product_ref"] else None

    def customer(self, order: dict) -> int | None:
        """The id of the customer an order names by email, phone or till id, or None."""
        if (email := order.get("email", "").casefold()) and email in self.by_email:
            return self.by_email[email]
        phone = to_e164(order["phone"], self.country) if order.get("phone") else None
        if phone in self.by_phone:
            return self.by_phone[phone]
        return self.by_customer_ref.get(order.get("customer_ref", ""))


def _other_forms(code: str) -> tuple[str, ...]:
    """A UPC-A is stored by some tills as the EAN-13 "0" + its 12 digits, and the reverse."""
    if code.isdigit() and len(code) == 12:
        return ("0" + code,)
    if code.isdigit() and len(code) == 13 and code.startswith("0"):
        return (code[1:],)
    return ()


def _write(session: Session, sales, orders, match: _Matcher, currency, source, report) -> None:
    """Insert the sales (their order values from `orders`), then their lines, in bulk."""
    conn = session.connection()
    names = dict(conn.execute(select(Product.__table__.c.id, _description())).all())
    heads = []
    for group in sales:
        order = orders[group[0].key]
        customer = match.customer(order)
        report.customers_matched += customer is not None
        code = order.get("currency", currency).strip().upper()
        heads.append({
            "receipt": group[0].receipt, "receipt_key": group[0].key,
            "sold_at": order["sold_at"], "customer_id": customer,
            "currency": code if len(code) == 3 and code.isalpha() else currency, "source": source,
        })  # fmt: skip
    ids = reserve_ids(session, "sale", len(heads))
    for sale_id, head in zip(ids, heads, strict=True):
        head["id"] = sale_id
    for start in range(0, len(heads), BATCH):
        conn.execute(insert(Sale.__table__), heads[start : start + BATCH])
    limit = SaleLine.__table__.c.description.type.length
    rows = []
    for sale_id, group in zip(ids, sales, strict=True):
        for line_no, ln in enumerate(group, start=1):
            values = ln.line
            product_id = match.product(values)
            report.unknown_products += product_id is None
            described = values["description"] or names.get(product_id, "") or values["sku"]
            rows.append({
                "sale_id": sale_id, "line_no": line_no, "product_id": product_id,
                "sku": values["sku"] or match.skus.get(product_id, ""),
                "description": described[:limit], "quantity": values["quantity"],
                "paid_cents": per_unit(values["total_cents"], values["quantity"]),
            })  # fmt: skip
    for start in range(0, len(rows), BATCH):
        conn.execute(insert(SaleLine.__table__), rows[start : start + BATCH])
    report.sales, report.sale_lines = len(heads), len(rows)


def _description():
    p = Product.__table__.c
    return func.trim(p.name + " " + p.variant)


__all__ = ["SaleImportReport", "SaleRow", "import_sales", "read_sales"]
