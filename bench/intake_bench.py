"""Measure the intake look-ups and the till imports over a big catalogue; print JSON lines.

    python bench/intake_bench.py                      # 100,000 products, 1,000,000 sale lines
    python bench/intake_bench.py --products 20000 --lines 100000 --runs 100
    python bench/intake_bench.py --pg postgresql+psycopg://desk@127.0.0.1:55452/bench

Builds a temporary SQLite file (or fills the empty PostgreSQL database --pg names) with
--products products, each with an EAN-13 barcode and its completion words, and --lines
sale lines in sales of 1 to 5 lines (Core bulk inserts), then measures, over --runs varied
inputs each, the look-ups the new-return dialog makes, through desk.catalog.service:
barcode_lookup_ms (look_up of a scanned barcode), receipt_lookup_ms (look_up of a receipt
number, with what is left to return of each line) and sku_complete_ms
(product_completions of what staff type: SKU prefixes, name prefixes, two words,
accents). Each prints its wall-clock p95 as the value, with p50 beside it and the CPU
time's p50 and p95 (on a loaded machine the wall clock waits for the cores); raw_barcode_ms,
raw_receipt_ms and raw_complete_ms are the same queries through the bare driver (sqlite3,
or psycopg), the floor. Then import_products_rows_per_s and import_sales_rows_per_s run
desk.catalog.product_import / sale_import on generated CSV files of --import-products
products and --import-lines sale lines into that database (reading the file included;
cpu_s beside the wall-clock seconds shows what a busy machine added).
Last, intake_keys: the keys from Ctrl+N in the main window (offscreen) to a saved 2-item
return from one of the demo's "try" receipts for its existing customer, driven through the
real dialog by tests/ui/new_return/intake_keys.py (the same script the test asserts on):
the value is with the receipt scanned (a 2 ms burst the dialog's scan detector takes),
`typed` beside it with the receipt typed key by key (each character counts).
Targets: barcode under 2 ms, receipt under 5 ms, completion under 10 ms (p95), imports
well over 10,000 sale lines/s.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, select  # noqa: E402

from desk.catalog.barcodes import gtin_check_digit  # noqa: E402
from desk.catalog.keys import receipt_key, search_key  # noqa: E402
from desk.catalog.lookup import word_rows  # noqa: E402
from desk.catalog.product_import import import_products  # noqa: E402
from desk.catalog.sale_import import import_sales  # noqa: E402
from desk.catalog.service import look_up, product_completions  # noqa: E402
from desk.catalog.tables import Product, ProductBarcode, ProductWord, Sale, SaleLine  # noqa: E402
from desk.codes import BarcodeKind  # noqa: E402
from desk.db import Database, open_database  # noqa: E402
from desk.paths import sqlite_url  # noqa: E402

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
BATCH = 20_000
NAMES = (
    "Camiseta Básica", "Chaleira Elétrica", "Caneca Cerâmica", "Tênis Corrida", "Blusa de Linho",
    "Leather Belt", "Soy Candle", "Canvas Tote", "Wool Scarf", "Desk Lamp", "Café Moído",
    "Brinco de Prata", "Açaí Bowl", "Garrafa Térmica", "Mochila Escolar", "Phone Case",
    "Yoga Mat", "Linen Shirt", "Travesseiro Macio", "Relógio Digital",
)  # fmt: skip
VARIANTS = ("", "P", "M", "G", "Azul", "Preto", "Small", "Large", "1,7 L", "500 g")
CATEGORIES = tuple(f"Category {i:02d}" for i in range(30))
COMPLETIONS = ("cami", "chal", "eletr", "elétr", "cer", "sku-01", "sku-0999", "cafe", "cam bas",
               "acai", "soy c", "lin", "relog", "mochila esc", "SKU-04")  # fmt: skip


SHOPIFY_ORDER_COLUMNS = (
    "Name", "Email", "Created at", "Lineitem quantity", "Lineitem name", "Lineitem price",
    "Lineitem sku", "Lineitem discount", "Currency",
)  # fmt: skip


def emit(metric: str, value: float | None, unit: str, **extra: object) -> None:
    """Print one measured figure as a JSON line."""
    print(json.dumps({"metric": metric, "value": value, "unit": unit, **extra}), flush=True)


def ean13(number: int) -> str:
    """A valid in-store EAN-13 (prefix 2) for `number`."""
    body = f"2{number:011d}"
    return body + str(gtin_check_digit(body))


def build(db: Database, products: int, lines: int, rng: random.Random) -> list[str]:
    """Fill the catalogue and the sales with Core bulk inserts; return the receipts."""
    stamp = NOW
    with db.engine.begin() as conn:
        for start in range(1, products + 1, BATCH):
            rows, codes, words = [], [], []
            for i in range(start, min(start + BATCH, products + 1)):
                sku, name, variant = f"SKU-{i:06d}", NAMES[i % len(NAMES)], VARIANTS[i % 10]
                rows.append({
                    "id": i, "sku": sku, "name": name, "variant": variant,
                    "price_cents": rng.randrange(100, 50_000), "category": CATEGORIES[i % 30],
                    "returnable": True, "default_disposition": None,
                    "search_key": search_key(sku, name, variant), "external_ref": "",
                    "created_at": stamp, "updated_at": stamp,
                })  # fmt: skip
                codes.append({"code": ean13(i), "product_id": i, "kind": BarcodeKind.EAN13})
                words += word_rows(i, sku, name, variant)
            conn.execute(insert(Product.__table__), rows)
            conn.execute(insert(ProductBarcode.__table__), codes)
            conn.execute(insert(ProductWord.__table__), words)
        receipts: list[str] = []
        sale_rows, line_rows, made, sale_id = [], [], 0, 0
        while made < lines:
            sale_id += 1
            receipt = f"R{sale_id:07d}"
            receipts.append(receipt)
            sold = NOW - timedelta(minutes=rng.randrange(525_600))
            sale_rows.append({
                "id": sale_id, "receipt": receipt, "receipt_key": receipt_key(receipt),
                "sold_at": sold, "customer_id": None, "currency": "EUR", "source": "csv",
            })  # fmt: skip
            for line_no in range(1, min(rng.randint(1, 5), lines - made) + 1):
                product = rng.randint(1, products)
                line_rows.append({
                    "sale_id": sale_id, "line_no": line_no, "product_id": product,
                    "sku": f"SKU-{product:06d}", "description": NAMES[product % len(NAMES)],
                    "quantity": rng.randint(1, 3), "paid_cents": rng.randrange(100, 50_000),
                })  # fmt: skip
                made += 1
            if len(line_rows) >= BATCH:
                conn.execute(insert(Sale.__table__), sale_rows)
                conn.execute(insert(SaleLine.__table__), line_rows)
                sale_rows, line_rows = [], []
        if sale_rows:
            conn.execute(insert(Sale.__table__), sale_rows)
            conn.execute(insert(SaleLine.__table__), line_rows)
    if db.engine.dialect.name == "postgresql":  # ids were given: move the sequences on
        with db.engine.begin() as conn:
            for table in ("product", "sale", "sale_line"):
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
            conn.exec_driver_sql("ANALYZE")
    else:
        with db.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    return receipts


def timed(call: Callable[[str], object], inputs: list[str]) -> tuple[list[float], list[float]]:
    """Milliseconds each call took, one input each: wall clock, and this process's CPU."""
    wall, cpu = [], []
    for text in inputs:
        start, used = time.perf_counter(), time.process_time()
        call(text)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - used) * 1000)
    return wall, cpu


def report(metric: str, spent: tuple[list[float], list[float]], target: float | None = None):
    """Emit the wall-clock p95 (ms) as `metric`, with its p50, and the CPU's p50 and p95
    (what the look-up itself costs; the difference is time waiting for a busy machine)."""
    wall, cpu = spent
    extra: dict = {"p50": round(statistics.median(wall), 3), "runs": len(wall)}
    extra["cpu_p50"] = round(statistics.median(cpu), 3)
    extra["cpu_p95"] = round(statistics.quantiles(cpu, n=20, method="inclusive")[-1], 3)
    if target is not None:
        extra["target_p95"] = target
    emit(metric, round(statistics.quantiles(wall, n=20, method="inclusive")[-1], 3), "ms", **extra)


class Raw:
    """The same look-ups as bare driver queries (no ORM, no session): the floor."""

    def __init__(self, db: Database):
        self.conn = db.engine.raw_connection()
        self.mark = "%s" if db.engine.dialect.name == "postgresql" else "?"

    def _all(self, sql: str, params: tuple) -> list:
        cursor = self.conn.cursor()
        cursor.execute(sql.replace("?", self.mark), params)
        rows = cursor.fetchall()
        cursor.close()
        return rows

    def barcode(self, code: str) -> None:
        found = self._all("SELECT product_id FROM product_barcode WHERE code = ?", (code,))
        if found:
            self._all("SELECT * FROM product WHERE id = ?", (found[0][0],))
            self._all("SELECT code FROM product_barcode WHERE product_id = ?", (found[0][0],))

    def receipt(self, text: str) -> None:
        sale = self._all("SELECT id FROM sale WHERE receipt_key = ?", (receipt_key(text),))
        self._all(
            "SELECT l.*, (SELECT coalesce(sum(rl.quantity), 0) FROM return_line rl JOIN "
            '"return" r ON r.id = rl.return_id WHERE rl.sale_line_id = l.id AND r.status '
            "NOT IN ('cancelled', 'rejected')), coalesce(p.category, '') FROM sale_line l "
            "LEFT JOIN product p ON p.id = l.product_id WHERE l.sale_id = ? "
            "ORDER BY l.line_no, l.id",
            (sale[0][0],),
        )

    def complete(self, text: str) -> None:
        first = max(text.casefold().split(), key=len)
        ids = self._all(
            "SELECT product_id FROM product_word WHERE word >= ? AND word < ? LIMIT 200",
            (first, first[:-1] + chr(ord(first[-1]) + 1)),
        )
        if ids:
            marks = ",".join("?" * len(ids))
            self._all(f"SELECT * FROM product WHERE id IN ({marks})", tuple(i[0] for i in ids))

    def close(self) -> None:
        self.conn.close()


def write_products_csv(path: Path, count: int, first: int) -> None:
    """A plain product export of `count` new products (SKU, name, variant, price, EAN)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["SKU", "Name", "Variant", "Price", "Category", "EAN"])
        for i in range(first, first + count):
            out.writerow([f"NEW-{i:06d}", NAMES[i % len(NAMES)], VARIANTS[i % 10],
                          f"{(i % 400) + 1}.90", CATEGORIES[i % 30], ean13(i)])  # fmt: skip


def write_sales_csv(path: Path, lines: int, products: int, rng: random.Random) -> None:
    """A Shopify-like orders export of `lines` lines in new orders (SKU or barcode)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(SHOPIFY_ORDER_COLUMNS)
        made, order = 0, 0
        while made < lines:
            order += 1
            day = (NOW - timedelta(days=rng.randrange(365))).strftime("%Y-%m-%d %H:%M:%S +0000")
            email = f"client{order % 5000}@example.com"
            for _ in range(min(rng.randint(1, 5), lines - made)):
                product = rng.randint(1, products)
                out.writerow([f"#N{order:07d}", email, day, rng.randint(1, 3),
                              NAMES[product % len(NAMES)], "19.90", f"SKU-{product:06d}",
                              "1.00" if product % 3 == 0 else "0.00", "EUR"])  # fmt: skip
                made += 1


def main() -> None:
    """Parse the options, build the database, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=300, help="inputs per look-up")
    parser.add_argument("--import-products", type=int, default=20_000, metavar="N")
    parser.add_argument("--import-lines", type=int, default=200_000, metavar="N")
    parser.add_argument("--pg", metavar="URL", help="an empty PostgreSQL database to fill")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="intake-bench-") as folder:
        url = args.pg or sqlite_url(Path(folder) / "intake.db")
        db = open_database(url)
        with db.session() as session:
            if session.execute(select(func.count()).select_from(Product.__table__)).scalar():
                sys.exit("intake_bench: the database already has products; give an empty one.")
        start = time.perf_counter()
        receipts = build(db, args.products, args.lines, rng)
        emit("build_s", round(time.perf_counter() - start, 2), "s",
             products=args.products, lines=args.lines, engine=db.engine.dialect.name)  # fmt: skip
        runs = args.runs
        codes = [ean13(rng.randint(1, args.products)) for _ in range(runs)]
        asked = [rng.choice(receipts) for _ in range(runs)]
        typed = [COMPLETIONS[i % len(COMPLETIONS)] for i in range(runs)]
        look_up(db, codes[0])  # warm the pool and the caches once
        report("barcode_lookup_ms", timed(lambda c: look_up(db, c), codes), 2)
        report("receipt_lookup_ms", timed(lambda r: look_up(db, r), asked), 5)
        report("sku_complete_ms", timed(lambda t: product_completions(db, t), typed), 10)
        raw = Raw(db)
        report("raw_barcode_ms", timed(raw.barcode, codes))
        report("raw_receipt_ms", timed(raw.receipt, asked))
        report("raw_complete_ms", timed(raw.complete, typed))
        raw.close()
        products_csv, sales_csv = Path(folder) / "products.csv", Path(folder) / "sales.csv"
        write_products_csv(products_csv, args.import_products, args.products + 1)
        start, cpu = time.perf_counter(), time.process_time()
        done = import_products(db, products_csv)
        spent, cpu = time.perf_counter() - start, time.process_time() - cpu
        emit("import_products_rows_per_s", round(args.import_products / spent), "rows/s",
             rows=args.import_products, created=done.created, seconds=round(spent, 2),
             cpu_s=round(cpu, 2))  # fmt: skip
        write_sales_csv(sales_csv, args.import_lines, args.products, rng)
        start, cpu = time.perf_counter(), time.process_time()
        done = import_sales(db, sales_csv)
        spent, cpu = time.perf_counter() - start, time.process_time() - cpu
        emit("import_sales_rows_per_s", round(args.import_lines / spent), "rows/s",
             rows=args.import_lines, sales=done.sales, lines=done.sale_lines,
             seconds=round(spent, 2), cpu_s=round(cpu, 2))  # fmt: skip
        db.close()
        scanned, more = intake_keys(Path(folder))
        emit("intake_keys", scanned, "keys", target=12, before=77, **more)


def intake_keys(folder: Path) -> tuple[int, dict]:
    """Keys to log a 2-item return from a demo receipt: (scanned, {"typed": n, ...})."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desk.demo.seed import seed_demo
    from tests.ui.new_return.intake_keys import log_return_from_receipt
    from ui import prompts
    from ui.main_window import MainWindow
    from ui.widgets.scanner import ScanDetector

    app = QApplication.instance() or QApplication([])
    prompts.ask_yes_no = lambda *a: True  # nothing is asked on this path; never wait on it
    counted = {}
    for how in ("scanned", "typed"):
        db = open_database(sqlite_url(folder / f"keys-{how}.db"))
        receipt = seed_demo(db, returns=300).try_receipts[0]
        window = MainWindow(db)
        window.resize(1366, 768)
        window.show()
        while window.model.loading:
            app.processEvents()
        ScanDetector.active = how == "scanned"  # typed: a person's keys, never a burst
        counted[how] = log_return_from_receipt(window, receipt, scan=how == "scanned")
        counted[f"{how}_receipt_chars"] = len(receipt)
        window.close()
        db.close()
    ScanDetector.active = True
    return counted["scanned"], {k: v for k, v in counted.items() if k != "scanned"}


if __name__ == "__main__":
    main()
