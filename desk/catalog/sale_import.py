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
from pathlib import Path

from sqlalchemy import Connection, func, insert, select
from sqlmodel import Session

from desk.catalog.import_report import (
    Skipped,
    counted,
    report_lines,
)
from desk.catalog.sale_rows import SaleRow, read_sales
from desk.catalog.tables import Product, ProductBarcode, Sale, SaleLine
from desk.catalog.till_columns import Columns, sale_columns
from desk.catalog.till_values import per_unit
from desk.customers.csv_table import CsvTable, read_csv
from desk.db import Database, lock_for_writing, reserve_ids
from desk.i18n.catalog import _, ngettext, pgettext
from desk.i18n.formats import format_number
from desk.models import Customer
from desk.phones import to_e164
from desk.settings import SHOP_COUNTRY, SHOP_CURRENCY, get_setting
from desk.staff.actor import Actor, require
from desk.staff.audit import record
from desk.staff.codes import AuditAction
from desk.staff.roles import Permission

BATCH = 5_000
"""Rows written per Core statement."""


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


__all__ = ["SaleImportReport", "import_sales"]
