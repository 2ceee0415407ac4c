"""Importing products from the till's export: read, recognise the columns, check, write.

`import_products` is one transaction: every good row creates a product or updates the
one with its SKU (or, failing that, one of its barcodes); a bad row is skipped and
reported with its spreadsheet row number; a bad barcode is left out and reported while
its product imports. A file that cannot be read, or has no column for the product name,
imports nothing and says why. Rows of one product's variants (a Shopify handle) share the
first row's name and category. Written with Core bulk statements: a row costs microseconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, bindparam, delete, insert, select, update
from sqlmodel import Session

from desk.catalog.barcodes import check_barcode
from desk.catalog.import_report import (
    Skipped,
    counted,
    invisible_character,
    report_lines,
    width_problem,
)
from desk.catalog.keys import fold, search_key
from desk.catalog.lookup import word_rows
from desk.catalog.tables import Product, ProductBarcode, ProductWord
from desk.catalog.till_columns import Columns, product_columns
from desk.catalog.till_values import amount_cents, clean, flag
from desk.customers.csv_table import CsvTable, read_csv
from desk.db import Database, lock_for_writing, reserve_ids
from desk.errors import DeskError
from desk.i18n.catalog import N_, _, ngettext
from desk.i18n.formats import format_number
from desk.models import utcnow
from desk.staff.actor import Actor, require
from desk.staff.audit import record
from desk.staff.codes import AuditAction
from desk.staff.roles import Permission
from desk.validation import column_limit, price_error

BATCH = 5_000
"""Rows written per Core statement."""

_NO_VARIANT = {"regular", "default title", "default"}  # Square's and Shopify's "no option"
_TEXTS = ("sku", "name", "variant", "category", "external_ref")
_TEXT_NAMES = {
    "sku": N_("SKU"),
    "name": N_("name"),
    "variant": N_("variant"),
    "category": N_("category"),
    "external_ref": N_("till product id"),
}


@dataclass
class ProductImportReport:
    """What a product import did (or, for a dry run, would do)."""

    format_name: str
    created: int = 0
    updated: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    barcode_problems: list[Skipped] = field(default_factory=list)
    dry_run: bool = False

    def lines(self) -> list[str]:
        """The summary line, then one line per skipped row and per barcode left out."""
        created, skipped, left_out = self.created, len(self.skipped), len(self.barcode_problems)
        words = {  # 0 has words of its own: Portuguese plurals make it singular
            "products": ngettext("{n} product", "{n} products", created)
            if created
            else _("no products"),
            "rows": ngettext("{n} row", "{n} rows", skipped) if skipped else _("no rows"),
            "barcodes": ngettext("{n} barcode", "{n} barcodes", left_out)
            if left_out
            else _("no barcodes"),
        }
        counts = {"products": created, "rows": skipped, "barcodes": left_out}
        if self.dry_run:
            # TRANSLATORS: products, rows and barcodes are counts such as "3 products".
            head = _(
                "Would create {products}, updated {updated}, skipped {rows}, left out {barcodes}."
            )
        else:
            # TRANSLATORS: products, rows and barcodes are counts such as "3 products".
            head = _("Created {products}, updated {updated}, skipped {rows}, left out {barcodes}.")
        head = head.format(updated=format_number(self.updated), **counted(words, counts))
        return report_lines(head, self.skipped + self.barcode_problems, dry_run=self.dry_run)


@dataclass
class ProductRow:
    """One row read as product values, with its good barcodes (normalized) and their kinds."""

    row: int
    values: dict
    barcodes: list[tuple[str, str]]


def read_products(
    table: CsvTable, columns: Columns
) -> tuple[list[ProductRow], ProductImportReport]:
    """Read every data row of `table` as product values; the report lists what was left out."""
    report = ProductImportReport(format_name=columns.format_name)
    report.skipped += [Skipped(n, why) for n, why in table.bad_rows]
    rows: list[ProductRow] = []
    group_key, group_values = None, {}
    mapping, width = columns.mapping, len(table.header)
    for number, cells in zip(table.numbers, table.rows, strict=True):
        raw = {k: clean(cells[i]) if i < len(cells) else "" for k, i in mapping.items()}
        if not any(raw.get(k) for k in ("sku", "name", "barcode", "barcode_2", "price")):
            continue  # a row of a product's images only (Shopify), or empty cells
        if group := raw.get("group"):
            if group != group_key:
                group_key, group_values = group, {}
            for key in ("name", "category", "category_2"):  # variant rows leave them empty
                if raw.get(key):
                    group_values.setdefault(key, raw[key])
                else:
                    raw[key] = group_values.get(key, "")
        if why := width_problem(cells, width):
            report.skipped.append(Skipped(number, why))
            continue
        parsed = _product_row(number, raw, report.barcode_problems)
        if isinstance(parsed, str):
            report.skipped.append(Skipped(number, parsed))
        else:
            rows.append(parsed)
    return rows, report


def _product_row(number: int, raw: dict[str, str], problems: list[Skipped]) -> ProductRow | str:
    """One row's product values, or why it cannot be imported (the bad barcodes of a row
    that imports go to `problems`)."""
    barcodes: list[tuple[str, str]] = []
    bad: list[Skipped] = []
    for key in ("barcode", "barcode_2"):
        if text := raw.get(key, ""):
            try:
                kind, code = check_barcode(text)
                barcodes.append((code, kind))
            except DeskError as error:
                why = str(error) if text in str(error) else f"“{text[:48]}”: {error}"
                bad.append(Skipped(number, _("barcode left out, {why}").format(why=why)))
    parsed = _values(raw, barcodes)
    if isinstance(parsed, str):
        return parsed
    problems += bad
    return ProductRow(number, parsed, barcodes)


def _values(raw: dict[str, str], barcodes: list[tuple[str, str]]) -> dict | str:
    """The product values of one row, or why it cannot be imported."""
    sku = raw.get("sku") or (barcodes[0][0] if barcodes else "") or raw.get("external_ref", "")
    if not sku:
        return _("no SKU, barcode or till id")
    if not raw.get("name"):
        return _("missing name")
    options = [raw.get(k, "") for k in ("variant", "variant_2", "variant_3")]
    variant = " / ".join(o for o in options if o and o.casefold() not in _NO_VARIANT)
    category = raw.get("category") or raw.get("category_2", "").rsplit(">", 1)[-1].strip()
    values = {"sku": sku, "name": raw["name"], "variant": variant, "category": category}
    values["external_ref"] = raw.get("external_ref", "")
    for key in _TEXTS:
        if not values[key].isprintable():  # a cell's line breaks and tabs become spaces
            values[key] = " ".join(values[key].split())
        limit = column_limit(Product.__table__.c[key])
        if limit and len(values[key]) > limit:
            return _("{field} longer than {limit} characters").format(
                field=_(_TEXT_NAMES[key]), limit=format_number(limit)
            )
        if hidden := invisible_character(values[key]):
            return _("the {field} holds {what}; retype it").format(
                field=_(_TEXT_NAMES[key]), what=hidden
            )
    if price := raw.get("price", ""):
        try:
            values["price_cents"] = amount_cents(price)
        except ValueError as error:
            return _("bad price: {problem}").format(problem=error)
        if problem := price_error(values["price_cents"]):
            return _("bad price “{text}”: {problem}").format(
                text=price[:30], problem=problem[0].lower() + problem[1:].rstrip(".")
            )
    if raw.get("returnable"):  # an empty cell keeps what a known product has
        try:
            values["returnable"] = flag(raw["returnable"])
        except ValueError as error:
            return _("bad returnable: {problem}").format(problem=error)
    return values


def import_products(
    db: Database,
    source: str | Path | bytes | CsvTable,
    options: tuple[str, ...] | list[str] = (),
    *,
    dry_run: bool = False,
    actor: Actor | None = None,
) -> ProductImportReport:
    """Import a product export in one transaction (a dry run writes nothing).

    Writing needs Permission.IMPORT_DATA (NotAllowed) and is audited with its counts.

    Raises DeskError, saying why, when the file cannot be read or lacks a name column.
    """
    table = source if isinstance(source, CsvTable) else read_csv(source)
    columns = product_columns(table.header, options)
    rows, report = read_products(table, columns)
    report.dry_run = dry_run
    with db.session() as session:
        try:
            if not dry_run:
                lock_for_writing(session, "product", "product_barcode")
                actor = require(session, actor, Permission.IMPORT_DATA)
            _write(session, rows, report)
            if not dry_run:
                skipped = len(report.skipped)
                counts = f"created={report.created} updated={report.updated} skipped={skipped}"
                record(session, actor, AuditAction.DATA_IMPORTED, "products", new=counts)
            session.rollback() if dry_run else session.commit()
        except Exception:
            session.rollback()
            raise
    return report


def _write(session: Session, rows: list[ProductRow], report: ProductImportReport) -> None:
    """Match the rows with known products, then insert and update them in bulk."""
    conn = session.connection()
    by_sku, by_code = _known(conn, rows)
    seen_sku: dict[str, int] = {}
    seen_target: dict[int, int] = {}
    new: list[ProductRow] = []
    changes: list[tuple[int, ProductRow]] = []
    for row in rows:
        key = fold(row.values["sku"])
        target = by_sku.get(key)
        if target is None:  # a new SKU: maybe a known product's barcode (its SKU changed)
            target = next((by_code[c] for c, _ in row.barcodes if c in by_code), None)
        if key in seen_sku or target in seen_target:
            first = seen_sku.get(key) or seen_target[target]
            report.skipped.append(
                Skipped(row.row, _("same product as row {row}").format(row=first))
            )
            continue
        seen_sku[key] = row.row
        if target is None:
            new.append(row)
        else:
            seen_target[target] = row.row
            changes.append((target, row))
    now = utcnow()
    ids = _insert_products(session, new, now)
    _update_products(conn, changes, now)
    taken = dict(by_code)
    codes = []
    for product_id, row in [*zip(ids, new, strict=True), *changes]:
        for code, kind in row.barcodes:
            owner = taken.setdefault(code, product_id)
            if owner != product_id:
                report.barcode_problems.append(
                    Skipped(
                        row.row,
                        _("barcode {code} left out: another product has it").format(code=code),
                    )
                )
            elif code not in by_code:
                by_code[code] = product_id
                codes.append({"code": code, "product_id": product_id, "kind": kind})
    for start in range(0, len(codes), BATCH):
        conn.execute(insert(ProductBarcode.__table__), codes[start : start + BATCH])
    _write_words(conn, [*zip(ids, new, strict=True), *changes], [pid for pid, _ in changes])
    report.created, report.updated = len(new), len(changes)


def _known(conn: Connection, rows: list[ProductRow]) -> tuple[dict[str, int], dict[str, int]]:
    """The known products the rows name: by folded SKU (as desk.catalog.lookup finds a SKU,
    through its whole-SKU word) and by barcode; only the file's values are looked up."""
    p, b, w = Product.__table__.c, ProductBarcode.__table__.c, ProductWord.__table__.c
    skus = sorted({fold(row.values["sku"]) for row in rows})
    codes = sorted({code for row in rows for code, _ in row.barcodes})
    by_sku: dict[str, int] = {}
    by_code: dict[str, int] = {}
    for start in range(0, len(skus), BATCH):
        chunk = skus[start : start + BATCH]
        query = select(p.sku, p.id).select_from(ProductWord.__table__)
        query = query.join(Product.__table__, p.id == w.product_id)
        for sku, product_id in conn.execute(query.where(w.word.in_(chunk))):
            by_sku.setdefault(fold(sku), product_id)
    for start in range(0, len(codes), BATCH):
        query = select(b.code, b.product_id).where(b.code.in_(codes[start : start + BATCH]))
        by_code.update(conn.execute(query).all())
    return by_sku, by_code


def _insert_products(session: Session, new: list[ProductRow], now) -> list[int]:
    ids = reserve_ids(session, "product", len(new))
    rows = [{"id": i, **_new_values(row.values, now)} for i, row in zip(ids, new, strict=True)]
    for start in range(0, len(rows), BATCH):
        session.connection().execute(insert(Product.__table__), rows[start : start + BATCH])
    return ids


def _new_values(values: dict, now) -> dict:
    row = {"price_cents": 0, "returnable": True, "default_disposition": None, **values}
    row["search_key"] = search_key(row["sku"], row["name"], row["variant"])
    return {**row, "created_at": now, "updated_at": now}


def _update_products(conn: Connection, changes: list[tuple[int, ProductRow]], now) -> None:
    """Update matched products with every cell the row fills (a price only when it has one)."""
    table = Product.__table__
    groups: dict[tuple[str, ...], list[dict]] = {}
    for product_id, row in changes:
        values = {k: v for k, v in row.values.items() if v != "" or k == "variant"}
        values["search_key"] = search_key(values["sku"], values["name"], row.values["variant"])
        values["updated_at"] = now
        groups.setdefault(tuple(sorted(values)), []).append({"_id": product_id, **values})
    for keys, batch in groups.items():
        statement = (
            update(table)
            .where(table.c.id == bindparam("_id"))
            .values({k: bindparam(k) for k in keys})
        )
        for start in range(0, len(batch), BATCH):
            conn.execute(statement, batch[start : start + BATCH])


def _write_words(conn: Connection, products: list[tuple[int, ProductRow]], replaced) -> None:
    """The words SKU completion finds these products by (desk.catalog.lookup.word_rows),
    those of the `replaced` products' old names deleted first."""
    word = ProductWord.__table__
    ids = list(replaced)
    for start in range(0, len(ids), BATCH):
        conn.execute(delete(word).where(word.c.product_id.in_(ids[start : start + BATCH])))
    rows: list[dict] = []
    for product_id, row in products:
        values = row.values
        rows += word_rows(product_id, values["sku"], values["name"], values["variant"])
        if len(rows) >= BATCH:
            conn.execute(insert(word), rows)
            rows = []
    if rows:
        conn.execute(insert(word), rows)


__all__ = ["ProductImportReport", "ProductRow", "import_products", "read_products"]
