"""Measure the owner's dashboard over a big demo database; print one JSON object per line.

    python bench/dashboard_bench.py --returns 100000
    python bench/dashboard_bench.py --returns 1000000 --db /tmp/big.db   # keep the file

Seeds demo data (desk.demo.seed, which brings messages and feedback); when the demo
brings none (older demos), adds a sent message for most status changes (INSERT ...
SELECT, minutes to hours after the change), a sent feedback request for most closed
returns and feedback (Core insert) on a share of those.

When the demo brings no catalogue (older demos), adds one product per demo SKU, ties every
other return line to its product by id (the rest count by their SKU) and puts a sale behind
each return, days before it, with one sale line per return line, sold two to eight times
what came back (INSERT ... SELECT; catalogue_s says how many rows).

Metrics: seed_s, catalogue_s, figure_ms (one line per figure, over the last year, on one
connection; `products` is desk.reports.products), dashboard_ms (every figure over the last
year, median of --runs, with the bare GROUP BY beside it), dashboard_cards_ms (the same
without the product figures, as the window loads its cards),
dashboard_segment_ms (the same for one segment), report_csv_ms (the figures as CSV rows
written to a file), feedback_write_ms (desk.feedback.record_feedback, as the counter
screen calls it) and the raw limits beside them: feedback_row_ms (a bare ORM insert of
one Feedback row in its own transaction), raw_count_ms (bare sqlite3 `SELECT count(*)
FROM return`) and raw_group_by_ms (one bare GROUP BY reason over the year).
Targets: dashboard under 300 ms at 100,000 returns, under 1.5 s at 1,000,000.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, select, text  # noqa: E402

from desk.catalog.keys import search_key  # noqa: E402
from desk.catalog.tables import Product  # noqa: E402
from desk.codes import FeedbackSource, Status  # noqa: E402
from desk.customers.segments import Segment  # noqa: E402
from desk.db import Database, open_database  # noqa: E402
from desk.demo.content import VARIANTS  # noqa: E402
from desk.demo.seed import seed_demo  # noqa: E402
from desk.feedback.record import record_feedback  # noqa: E402
from desk.models import Feedback, Return, StatusChange  # noqa: E402
from desk.paths import sqlite_url  # noqa: E402
from desk.reports import figures  # noqa: E402
from desk.reports.cli import csv_text  # noqa: E402
from desk.reports.dashboard import dashboard, report_rows  # noqa: E402
from desk.reports.facts import refresh  # noqa: E402
from desk.reports.period import ReportRange  # noqa: E402
from desk.reports.products import product_figures  # noqa: E402

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
"""Fixed, so every run seeds the same data."""

YEAR = ReportRange(NOW.date() - timedelta(days=364), NOW.date())

EVENT_OF_STATUS = """CASE sc.to_status WHEN 'requested' THEN 'acknowledged'
    ELSE sc.to_status END"""

# every 5th status change sends nothing; the others one email, sent 1 to 240 minutes
# (every 10th: up to 2 days) after the change, in the canonical text form of UTCDateTime
MESSAGES_SQL = f"""
INSERT INTO outbox_message (return_id, status_change_id, event, channel, language,
    recipient, subject, body_text, body_html, message_id, state, attempts, last_error,
    created_at, next_attempt_at, sent_at, staff)
SELECT sc.return_id, sc.id, {EVENT_OF_STATUS}, 'email', 'en', 'bench@example.com',
    'Your return', 'Hello', '', '', 'sent', 1, '', sc.at, sc.at,
    strftime('%Y-%m-%d %H:%M:%f', sc.at,
        '+' || (CASE WHEN sc.id % 10 = 0 THEN sc.id * 7919 % 2880 ELSE sc.id * 7919 % 240 END
                + 1) || ' minutes') || '000',
    ''
FROM status_change sc
WHERE sc.id % 5 != 0 AND sc.to_status != 'cancelled'
"""

# a feedback request a day after closing, for 9 closed returns in 10
REQUESTS_SQL = """
INSERT INTO outbox_message (return_id, status_change_id, event, channel, language,
    recipient, subject, body_text, body_html, message_id, state, attempts, last_error,
    created_at, next_attempt_at, sent_at, staff)
SELECT sc.return_id, NULL, 'feedback', 'email', 'en', 'bench@example.com',
    'How was your return?', 'Hello', '', '', 'sent', 1, '', sc.at, sc.at,
    strftime('%Y-%m-%d %H:%M:%f', sc.at, '+1 day') || '000', ''
FROM status_change sc
WHERE sc.to_status = 'closed' AND sc.return_id % 10 != 0
"""

RATINGS = (5, 5, 5, 5, 4, 4, 4, 3, 2, 1)  # mostly good, some poor

# every other line tied by id (the rest by SKU); a sale 1 to 20 days before each return,
# with the sale's id the return's, in the canonical text form of UTCDateTime
TIE_SQL = """
UPDATE return_line SET product_id = (SELECT p.id FROM product p WHERE p.sku = return_line.sku)
WHERE id % 2 = 0
"""
SALES_SQL = """
INSERT INTO sale (id, receipt, receipt_key, sold_at, customer_id, currency, source)
SELECT r.id, 'B-' || r.id, 'B-' || r.id,
    strftime('%Y-%m-%d %H:%M:%f', r.created_at, '-' || (r.id % 20 + 1) || ' days') || '000',
    r.customer_id, r.currency, 'demo'
FROM return r
"""
SALE_LINES_SQL = """
INSERT INTO sale_line (sale_id, line_no, product_id, sku, description, quantity, paid_cents)
SELECT rl.return_id, rl.id, CASE WHEN rl.id % 3 != 0 THEN p.id END, rl.sku, rl.description,
    rl.quantity * (2 + rl.id % 7), rl.unit_price_cents
FROM return_line rl LEFT JOIN product p ON p.sku = rl.sku
"""


def emit(metric: str, value: float | None, unit: str, **extra: object) -> None:
    """Print one measured figure as a JSON line."""
    print(json.dumps({"metric": metric, "value": value, "unit": unit, **extra}), flush=True)


def seed(db: Database, returns: int) -> None:
    """Seed demo returns, then messages, feedback requests and feedback."""
    started = time.perf_counter()
    summary = seed_demo(db, returns=returns, seed=1, now=NOW)
    with db.connect() as conn:
        demo_messages = conn.execute(text("SELECT count(*) FROM outbox_message")).scalar()
        demo_feedback = conn.execute(text("SELECT count(*) FROM feedback")).scalar()
    if not demo_messages:
        with db.engine.begin() as conn:
            conn.execute(text(MESSAGES_SQL))
            conn.execute(text(REQUESTS_SQL))
    if not demo_feedback:
        add_feedback(db)
    with db.connect() as conn:
        messages = conn.execute(text("SELECT count(*) FROM outbox_message")).scalar()
        feedback = conn.execute(text("SELECT count(*) FROM feedback")).scalar()
    emit(
        "seed_s",
        round(time.perf_counter() - started, 3),
        "s",
        returns=summary.returns,
        customers=summary.customers,
        messages=messages,
        feedback=feedback,
        added_by_bench=not (demo_messages and demo_feedback),
    )


def add_catalogue(db: Database) -> None:
    """Products for the demo's SKUs, lines tied to them, a sale behind each return."""
    started = time.perf_counter()
    with db.engine.begin() as conn:
        if conn.execute(select(func.count()).select_from(Product)).scalar():
            return
        seen: dict[str, dict] = {}
        for category, sku, description, price in VARIANTS:
            seen.setdefault(
                sku,
                {
                    "sku": sku,
                    "name": description,
                    "price_cents": price,
                    "category": category,
                    "search_key": search_key(sku, description),
                    "created_at": NOW,
                    "updated_at": NOW,
                },
            )
        conn.execute(insert(Product), list(seen.values()))
        conn.execute(text(TIE_SQL))
        conn.execute(text(SALES_SQL))
        conn.execute(text(SALE_LINES_SQL))
        sales = conn.execute(text("SELECT count(*) FROM sale")).scalar()
        lines = conn.execute(text("SELECT count(*) FROM sale_line")).scalar()
    emit(
        "catalogue_s",
        round(time.perf_counter() - started, 3),
        "s",
        products=len(seen),
        sales=sales,
        sale_lines=lines,
    )


def add_feedback(db: Database) -> None:
    """Feedback on 45 % of the closed returns that got a request, mostly good."""
    rng = random.Random(1)
    with db.engine.begin() as conn:
        closed = conn.execute(
            select(StatusChange.return_id, StatusChange.at).where(
                StatusChange.to_status == Status.CLOSED, StatusChange.return_id % 10 != 0
            )
        ).all()
        rows = [
            {
                "return_id": return_id,
                "rating": rng.choice(RATINGS),
                "comment": "",
                "source": rng.choice(list(FeedbackSource)),
                "staff": "",
                "at": at + timedelta(hours=rng.randint(1, 72)),
                "replaced_at": None,
            }
            for return_id, at in closed
            if rng.random() < 0.45
        ]
        if rows:
            conn.execute(insert(Feedback), rows)


def timed(work, runs: int) -> tuple[float, list[float]]:
    """Run `work` once to warm up, then `runs` times; the median and every time in ms."""
    work()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), times


FIGURES = (
    ("per_week", figures.returns_per_week),
    ("reason", figures.by_reason),
    ("status", figures.by_status),
    ("refunded", figures.refunded_by_method),
    ("days_to_settle", figures.days_to_settle),
    ("response_time", figures.response_time),
    ("satisfaction", figures.satisfaction),
    ("sustainability", figures.sustainability),
    ("top_skus", figures.top_skus),
    ("returners", figures.frequent_returners),
    ("products", product_figures),
)
"""Every figure of the dashboard, by the name the per-figure lines carry."""


def bench_figures(db: Database, runs: int, rng: ReportRange = YEAR) -> None:
    """Each figure alone on one connection: one `figure_ms` line per figure."""
    with db.connect() as conn:
        for name, figure in FIGURES:
            median, _ = timed(lambda figure=figure: figure(conn, rng, now=NOW), runs)
            segment = rng.segment.value if rng.segment else "all"
            emit("figure_ms", round(median, 1), "ms", figure=name, segment=segment)


def bench_dashboard(db: Database, runs: int, folder: Path, raw_group_by_ms: float) -> None:
    returns = _count(db, YEAR)
    median, times = timed(lambda: dashboard(db, YEAR, now=NOW), runs)
    emit(
        "dashboard_ms",
        round(median, 1),
        "ms",
        returns_in_range=returns,
        raw_group_by_ms=raw_group_by_ms,
        runs=[round(t, 1) for t in times],
        note=f"every figure from {YEAR.start} to {YEAR.end}, median of {runs} after a warm-up; "
        "raw_group_by_ms: one bare sqlite3 GROUP BY reason over the same year",
    )
    median, times = timed(lambda: dashboard(db, YEAR, now=NOW, products=False), runs)
    emit(
        "dashboard_cards_ms",
        round(median, 1),
        "ms",
        runs=[round(t, 1) for t in times],
        note="every figure but the product ones, as the window loads its cards (the Products "
        "section loads beside them: figure_ms products)",
    )
    loyal = ReportRange(YEAR.start, YEAR.end, Segment.LOYAL)
    median, times = timed(lambda: dashboard(db, loyal, now=NOW), runs)
    emit("dashboard_segment_ms", round(median, 1), "ms", segment="loyal", runs=len(times))
    out = folder / "report.csv"

    def report() -> None:
        out.write_text(csv_text(report_rows(dashboard(db, YEAR, now=NOW))), encoding="utf-8")

    median, times = timed(report, runs)
    emit("report_csv_ms", round(median, 1), "ms", rows=len(report_rows(dashboard(db, YEAR))))


def bench_feedback_write(db: Database, writes: int) -> None:
    """Record feedback on `writes` returns without any, by the service then by a bare insert."""
    with db.connect() as conn:
        rated = select(Feedback.return_id)
        ids = conn.execute(
            select(Return.id).where(Return.id.not_in(rated)).order_by(Return.id).limit(2 * writes)
        ).scalars()
        ids = list(ids)
    service, bare = [], []
    for return_id in ids[:writes]:
        started = time.perf_counter()
        record_feedback(db, return_id=return_id, rating=4, source=FeedbackSource.COUNTER)
        service.append((time.perf_counter() - started) * 1000)
    for return_id in ids[writes:]:
        started = time.perf_counter()
        with db.session() as session:
            session.add(
                Feedback(return_id=return_id, rating=4, source=FeedbackSource.PHONE, staff="Bench")
            )
            session.commit()
        bare.append((time.perf_counter() - started) * 1000)
    with db.engine.begin() as conn:  # the bare rows bypassed the service: bring the facts along
        refresh(conn, ids[writes:])
    emit(
        "feedback_write_ms",
        round(statistics.median(service), 2),
        "ms",
        writes=len(service),
        note="desk.feedback.record_feedback (counter): feedback, reward code, one transaction",
    )
    emit(
        "feedback_row_ms",
        round(statistics.median(bare), 2),
        "ms",
        writes=len(bare),
        note="bare ORM insert of one Feedback row, one transaction each (commit included)",
    )


def bench_raw(db_path: Path, runs: int) -> float:
    """The floor: bare sqlite3 on the same file; returns the GROUP BY's median ms."""
    conn = sqlite3.connect(db_path)
    since = YEAR.since.strftime("%Y-%m-%d %H:%M:%S.%f")
    until = YEAR.until.strftime("%Y-%m-%d %H:%M:%S.%f")
    try:
        median, _ = timed(lambda: conn.execute("SELECT count(*) FROM return").fetchone(), runs)
        emit("raw_count_ms", round(median, 3), "ms", note="bare sqlite3 SELECT count(*)")
        group = (
            "SELECT reason, count(*) FROM return WHERE created_at >= ? AND created_at < ? "
            "GROUP BY reason"
        )
        median, _ = timed(lambda: conn.execute(group, (since, until)).fetchall(), runs)
        emit("raw_group_by_ms", round(median, 2), "ms", note="bare sqlite3 GROUP BY reason, year")
        return round(median, 2)
    finally:
        conn.close()


def _count(db: Database, rng: ReportRange) -> int:
    with db.connect() as conn:
        return conn.execute(
            select(func.count())
            .select_from(Return)
            .where(Return.created_at >= rng.since, Return.created_at < rng.until)
        ).scalar()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--returns", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7, metavar="N")
    parser.add_argument("--writes", type=int, default=30, metavar="N")
    parser.add_argument(
        "--db", type=Path, metavar="PATH", help="keep the database here (seeded when new)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dashboard-bench-") as folder:
        db_path = args.db or Path(folder) / "bench.db"
        db = open_database(sqlite_url(db_path))
        try:
            if not _count(db, ReportRange(date(1970, 1, 1), date(2999, 12, 31))):
                seed(db, args.returns)
            add_catalogue(db)
        finally:
            db.close()  # the last connection closing folds the WAL into the file
        db = open_database(sqlite_url(db_path))
        try:
            raw = bench_raw(db_path, args.runs)
            bench_figures(db, args.runs)
            bench_dashboard(db, args.runs, Path(folder), raw)
            bench_feedback_write(db, args.writes)
        finally:
            db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
