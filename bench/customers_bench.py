"""Measure customer work on a database with demo data; print JSON lines.

    python bench/customers_bench.py --returns 5000 --rows 50000

Metrics: import_rows_per_s (desk.customers.imports.import_customers: read, guess the
mapping, plan and apply in one transaction) for a generated till CSV with some
duplicates, some rows matching demo customers, and some bad rows.
One function per metric; main() calls them.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from desk.customers.imports import import_customers  # noqa: E402
from desk.db import Database, open_database  # noqa: E402
from desk.demo.seed import seed_demo  # noqa: E402
from desk.models import Customer  # noqa: E402
from desk.paths import sqlite_url  # noqa: E402

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
FIRST = ["Ana", "Bruno", "Carla", "Diego", "Eva", "Fábio", "Gil", "Helena", "Igor", "Joana"]
LAST = ["Souza", "Lima", "Dias", "Rocha", "Melo", "Costa", "Smith", "Brown", "Jones", "Ávila"]


def emit(metric: str, value: float | None, unit: str, **extra: object) -> None:
    """Print one measured figure as a JSON line."""
    print(json.dumps({"metric": metric, "value": value, "unit": unit, **extra}), flush=True)


def make_db(folder: Path, returns: int) -> Database:
    """A fresh database file with `returns` demo returns."""
    db = open_database(sqlite_url(folder / "bench.db"))
    seed_demo(db, returns=returns, seed=7, now=NOW)
    return db


def till_csv(db: Database, rows: int, seed: int = 3) -> bytes:
    """A till export of `rows` rows: ~5% repeat earlier rows, ~5% match demo customers
    by email, ~2% are bad (bad email, missing name, wrong column count)."""
    rng = random.Random(seed)
    with db.connect() as conn:
        known = [e for e in conn.execute(select(Customer.email)).scalars() if e]
    lines = ["Código;Nome;E-mail;Celular;Cliente desde;Pedidos;Total gasto;Observações"]
    for n in range(rows):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        email = f"cliente{n}@example.com"
        phone = f"+55 11 9{n:08d}"
        roll = rng.random()
        if roll < 0.05 and n > 10:
            email = f"CLIENTE{rng.randrange(n)}@example.com"  # a duplicate within the file
        elif roll < 0.10 and known:
            email = rng.choice(known)  # a customer the shop already knows
        elif roll < 0.11:
            email = f"cliente{n}@"  # bad email
        elif roll < 0.115:
            name = ""  # missing name
        elif roll < 0.12:
            lines.append(f"C{n};{name};{email}")  # wrong column count
            continue
        since = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2012, 2025)}"
        spend = f"{rng.randint(0, 500_000) / 100:.2f}".replace(".", ",")
        orders = rng.randint(1, 60)
        lines.append(f"C{n};{name};{email};{phone};{since};{orders};{spend};")
    return ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")


def bench_import(db: Database, folder: Path, rows: int) -> None:
    """Import a generated `rows`-row CSV file and report rows per second."""
    path = folder / "till.csv"
    path.write_bytes(till_csv(db, rows))
    with db.connect() as conn:
        before = conn.execute(select(func.count()).select_from(Customer)).scalar_one()
    started = time.perf_counter()
    with db.session() as session:
        report = import_customers(session, path)
    elapsed = time.perf_counter() - started
    emit(
        "import_rows_per_s",
        round(rows / elapsed),
        "rows/s",
        rows=rows,
        seconds=round(elapsed, 2),
        created=report.created,
        merged=report.merged,
        rejected=report.rejected,
        customers_before=before,
        returns_reindexed=report.returns_reindexed,
    )


def bench_profile(folder: Path, returns: int, own: int = 200, runs: int = 15) -> None:
    """Open the profile (habits, policy, returns, messages) of a customer with `own` returns."""
    import statistics

    from sqlalchemy import select, update

    from desk.customers.profile import profile
    from desk.models import Return

    db = make_db(folder / "profile", returns)
    try:
        with db.session() as session:
            ids = session.exec(select(Return.id).order_by(Return.id).limit(own)).scalars().all()
            session.exec(update(Return).where(Return.id.in_(ids)).values(customer_id=1))
            session.commit()
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            with db.session() as session:
                shown = profile(session, 1)
            times.append((time.perf_counter() - started) * 1000)
        emit(
            "profile_ms",
            round(statistics.median(times[1:]), 2),
            "ms",
            returns_in_db=returns,
            customer_returns=len(shown.returns),
            segment=shown.habits.segment.value,
            note="median of desk.customers.profile after one warm-up (what the window loads)",
        )
    finally:
        db.close()


def main(argv: list[str] | None = None) -> int:
    """Build the database once, then run each measurement."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--returns", type=int, default=5000, help="demo returns first")
    parser.add_argument("--rows", type=int, default=50_000, help="rows in the CSV file")
    parser.add_argument(
        "--profile-returns",
        type=int,
        default=100_000,
        metavar="N",
        help="returns in the database for profile_ms",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="returndesk-bench-") as tmp:
        folder = Path(tmp)
        db = make_db(folder, args.returns)
        try:
            bench_import(db, folder, args.rows)
        finally:
            db.close()
        bench_profile(folder, args.profile_returns)
    return 0


if __name__ == "__main__":
    sys.exit(main())
