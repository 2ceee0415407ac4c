"""Measure Return Desk over a big demo database; print one JSON object per line.

    python bench/desk_bench.py --returns 100000
    python bench/desk_bench.py --db /tmp/me/1m.db --window-only      # a copy of it is measured
    python bench/desk_bench.py --db 100k.db --database-url postgresql+psycopg://desk@HOST:PORT/NAME

Metrics: seed_s (seed_demo), cold_start_s (a fresh `main.py --exit-after-paint`
process, from its launch to right after the first paint that shows the list's first
page, median), bare_window_s (bench/bare_window.py, a bare PySide6 window, timed alternately
with it) and cold_start_ratio (their ratio; targets at 1M: < 0.45 s, < 4), search_ms and
search_p95_ms (listing's first page plus count per query, no window), and
transition_ms (desk.workflow.transition, as the transition dialog calls it).
Targets at 100,000 returns: cold start < 1 s, search < 20 ms, transition < 10 ms.

The window's own path (bench/window_bench.py; the real MainWindow and ReturnsModel,
offscreen, 1280x800, shown): each figure is `busy`, the longest time the UI thread spent
in one event dispatch from the action until the list settled (a subclassed
QApplication.notify times them, bench/window_probe.py), with `wall`, the time until it
settled, beside it.
- keystroke_ms: p50/p95/max per keystroke, over 30+ queries (broad words like "a" and
  "gmail", names with and without accents, email prefixes, phone fragments, return
  numbers, SKU prefixes, no-hit queries) typed one key at a time into the search box,
  under the Open, All and Closed filters; per filter, overall, and the worst queries.
- filter_change_ms: the status combo's popup Open -> All -> Closed -> Received -> Open,
  with no search and with "maria" typed.
- sort_ms: a click on each column's header, both directions; `sorted` says whether the
  first rows came out in that column's order, `changed` whether the order changed at all.
- scroll_end_ms: the All list's scroll bar dragged to its end (again while the list
  grows under it, as a user keeps pulling) until the last rows show real data.
- refresh_row_ms: window.show_moved after a move (desk.workflow.transition) of returns
  among the last rows loaded, after scrolling.
- rss_mib: VmRSS after showing the window, after 200 searches, after scrolling to the end.
- window_paint_ms: a full repaint of the main window (median of 15), beside the same for a
  bare QTableView of its size and columns (a bare Python model, and a C++ one): the paint
  every action above ends with, and Qt's own floor under it.
- raw_fts_ms: each query's worst prefix through bare sqlite3 (the FTS5 MATCH count plus
  200 rowids), beside that query's worst keystroke under each filter and the ratio;
  raw_count_ms: a bare count(*) of the returns. With --database-url, the window's figures
  again on that PostgreSQL (seeded with --returns when empty) with raw psycopg timings
  of the same search condition as the limit.
Targets at 1,000,000 returns: keystroke p95 < 16 ms and max < 33 ms; filter change, sort,
scroll to the end and row refresh < 16 ms each; rss < 250 MiB. Figures on a loaded 2-core
machine are noisy: compare runs made in the same conditions.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before PySide6 is imported

import raw_search  # noqa: E402  (bench/, beside this script)
from sqlalchemy import func, select  # noqa: E402
from sqlmodel import col  # noqa: E402

from desk import listing  # noqa: E402
from desk.codes import OPEN_STATUSES  # noqa: E402
from desk.db import Database, open_database  # noqa: E402
from desk.demo.seed import seed_demo  # noqa: E402
from desk.listing import ReturnFilter  # noqa: E402
from desk.models import Customer, Return, ReturnLine  # noqa: E402
from desk.paths import sqlite_url  # noqa: E402
from desk.workflow import NOTE_REQUIRED, allowed_next, transition  # noqa: E402

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
"""Fixed, so every run seeds the same data."""


def emit(metric: str, value: float | None, unit: str, **extra: object) -> None:
    """Print one measured figure as a JSON line."""
    print(json.dumps({"metric": metric, "value": value, "unit": unit, **extra}), flush=True)


def bench_seed(db: Database, returns: int) -> None:
    started = time.perf_counter()
    summary = seed_demo(db, returns=returns, seed=1, now=NOW)
    emit(
        "seed_s",
        round(time.perf_counter() - started, 3),
        "s",
        returns=summary.returns,
        customers=summary.customers,
        sales=summary.sales,
    )


def _child_env(home: Path) -> dict[str, str]:
    """The environment of a started window: offscreen, its own settings, bytecode cached."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        env[name] = str(home / name.lower())  # keep the user's settings and logs untouched
    # as installed (pip compiles the bytecode): the warm-up run writes it, the timed runs
    # read it; without this, a PYTHONDONTWRITEBYTECODE shell compiles every module each run
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    return env


def _timed_run(command: list[str], env: dict[str, str]) -> tuple[float, float] | str:
    """Run `command` to its end: (seconds from launch to the `painted_at` it prints, CPU
    seconds of the whole child), or what failed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    launched = time.time()
    try:
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        return "no exit within 60 s of start"
    if done.returncode != 0:
        tail = done.stderr.decode(errors="replace").strip().splitlines()[-3:]
        return f"exit code {done.returncode}: {' | '.join(tail)}"
    said = [line.split() for line in done.stdout.decode().splitlines()]
    painted = [float(words[1]) for words in said if words[:1] == ["painted_at"]]
    if not painted:
        return "exited without saying painted_at"
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return painted[0] - launched, cpu


def bare_window_command() -> list[str]:
    """The floor: a bare PySide6 window with a table that exits after its first paint."""
    return [sys.executable, str(ROOT / "bench" / "bare_window.py")]


def bench_cold_start(db_path: Path, runs: int, home: Path) -> None:
    """Start the window `runs` times after one warm-up run, each run followed by a bare
    PySide6 window's (so both see the same load); report both medians and their ratio."""
    command = [sys.executable, "main.py", "--db", str(db_path), "--exit-after-paint"]
    env = _child_env(home)
    times: dict[str, list[tuple[float, float]]] = {"cold_start_s": [], "bare_window_s": []}
    for run in range(runs + 1):
        for metric, argv in (("cold_start_s", command), ("bare_window_s", bare_window_command())):
            outcome = _timed_run(argv, env)
            if isinstance(outcome, str):
                emit(metric, None, "s", error=outcome)
                return
            if run:  # run 0 warms the OS file cache, the bytecode and Qt's caches
                times[metric].append(outcome)
    medians = {}
    for metric, measured in times.items():
        medians[metric] = statistics.median(wall for wall, _ in measured)
        emit(
            metric,
            round(medians[metric], 3),
            "s",
            runs=[round(wall, 3) for wall, _ in measured],
            cpu_s=round(statistics.median(cpu for _, cpu in measured), 3),
            note=f"median of {runs} runs after 1 warm-up run (OS file cache and bytecode "
            "warm), process launch to right after the first paint "
            + (
                "that shows the list's first page (main.py --exit-after-paint)"
                if metric == "cold_start_s"
                else "of a QMainWindow with a QTableView (bench/bare_window.py)"
            )
            + "; QT_QPA_PLATFORM=offscreen; cpu_s: the whole process's CPU, its exit included",
        )
    emit(
        "cold_start_ratio",
        round(medians["cold_start_s"] / medians["bare_window_s"], 2),
        "x",
        note="cold_start_s / bare_window_s, measured alternately in the same run; target < 4",
    )


def realistic_queries(db: Database, rng: random.Random) -> list[str]:
    """Return 20 different things staff type, taken from the data."""
    with db.connect() as conn:
        names = conn.execute(select(Customer.name).order_by(Customer.id)).scalars().all()
        emails = conn.execute(select(Customer.email).where(col(Customer.email).is_not(None)))
        emails = emails.scalars().all()
        phones = conn.execute(select(Customer.phone).where(col(Customer.phone).is_not(None)))
        phones = phones.scalars().all()
        numbers = conn.execute(select(Return.number).order_by(Return.id)).scalars().all()
        skus = conn.execute(select(ReturnLine.sku).distinct().order_by(ReturnLine.sku))
        skus = skus.scalars().all()
    queries: list[str] = []

    def add(make, count: int) -> None:
        while count:
            query = make()
            if query not in queries:
                queries.append(query)
                count -= 1

    add(lambda: rng.choice(names).split()[0], 4)  # first names
    add(lambda: rng.choice(names).split()[-1], 4)  # last names
    add(lambda: rng.choice(numbers)[: rng.choice((9, 10, 11))], 2)  # R-2026-0, R-2026-01...
    add(lambda: rng.choice(numbers)[-5:].lstrip("0")[:4], 1)  # "1234" of R-2026-01234
    add(lambda: rng.choice(emails).split("@")[0][: rng.randint(4, 8)], 3)  # email prefixes
    add(lambda: "".join(c for c in rng.choice(phones) if c.isdigit())[-6:], 3)  # phone fragments
    add(lambda: rng.choice(skus)[: rng.choice((3, 5, 6))], 3)  # SKU prefixes
    return queries


def bench_search(db: Database) -> None:
    """Time the first page plus the count, as the list does on every keystroke."""
    queries = realistic_queries(db, random.Random(0))
    keystroke(db, "warm up")
    timings = {q: keystroke(db, q) for q in queries}
    ordered = sorted(timings.values())
    slowest = max(timings, key=timings.get)
    emit(
        "search_ms",
        round(statistics.median(ordered), 2),
        "ms",
        queries=len(queries),
        note="median over different queries: first names, last names, return numbers, "
        "email prefixes, phone fragments, SKU prefixes; fetch_page + count each",
    )
    p95 = statistics.quantiles(ordered, n=20, method="inclusive")[-1]
    emit(
        "search_p95_ms",
        round(p95, 2),
        "ms",
        slowest=[slowest, round(timings[slowest], 2)],
        per_query={q: round(ms, 2) for q, ms in timings.items()},
    )


def keystroke(db: Database, query: str) -> float:
    started = time.perf_counter()
    with db.connect() as conn:
        listing.fetch_page(conn, ReturnFilter(text=query))
        listing.count(conn, ReturnFilter(text=query))
    return (time.perf_counter() - started) * 1000


def bench_transition(db: Database, moves: int) -> None:
    """Move `moves` different open returns one step on, as the transition dialog does."""
    with db.connect() as conn:
        candidates = conn.execute(
            select(Return.id, Return.status, Return.version)
            .where(col(Return.status).in_([s.value for s in OPEN_STATUSES]))
            .order_by(Return.id)
        ).all()
    picked = random.Random(0).sample(candidates, min(moves, len(candidates)))
    timings = []
    for return_id, status, version in picked:
        target = allowed_next(status)[0]  # received, inspecting, approved, refunded, closed
        note = "Benchmark move." if target in NOTE_REQUIRED else ""
        started = time.perf_counter()
        with db.session() as session:
            transition(
                session=session,
                return_id=return_id,
                to=target,
                expected_version=version,
                staff="Bench",
                note=note,
            )
        timings.append((time.perf_counter() - started) * 1000)
    emit("transition_ms", round(statistics.median(timings), 2), "ms", moves=len(timings))


# -- the window's own path (issue 14): bench/window_bench.py drives the real window ------


def copy_database(source: Path, folder: Path) -> Path:
    """Copy a demo database (and its -wal and -shm) into `folder`: never open it in place."""
    target = folder / source.name
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")
    return target


def bench_window(db: Database, args: argparse.Namespace, folder: Path, labels: dict) -> dict:
    """Every figure of the window's own path; return each query's worst keystroke by filter."""
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[name] = str(folder / name.lower())  # the window's layout memory stays here
    import window_bench as steps
    from PySide6.QtWidgets import QApplication
    from window_probe import TimedApplication, rss_mib

    app = QApplication.instance() or TimedApplication([sys.argv[0]])
    if not isinstance(app, TimedApplication):
        raise SystemExit("bench_window needs the TimedApplication, created before any other")
    from ui.widgets.look import apply_look

    apply_look(app)  # the app's look, as ui.app gives it: its style sheet costs every paint
    queries = steps.window_queries(db, random.Random(0))[: args.queries]
    window = steps.open_window(db)
    emit("rss_mib", rss_mib(), "MiB", at="after showing the window", target=250, **labels)
    worst = steps.bench_keystrokes(app, window, queries, emit, labels)
    steps.bench_filter_change(app, window, emit, labels)
    steps.bench_sort(app, window, emit, labels)
    steps.bench_scroll_end(app, window, emit, labels, args.scroll_limit)
    steps.bench_refresh_row(app, window, db, emit, labels)
    steps.bench_paint(app, window, emit, labels)
    window.close()
    app.processEvents()
    return {"queries": queries, "worst": worst}


def bench_postgresql(args: argparse.Namespace, folder: Path) -> None:
    """The window's figures on the PostgreSQL of --database-url, seeded when it has no return."""
    db = open_database(args.database_url)
    try:
        with db.connect() as conn:
            returns = conn.execute(select(func.count()).select_from(Return)).scalar_one()
        if not returns:
            bench_seed(db, args.returns)
            with db.connect() as conn:
                returns = conn.execute(select(func.count()).select_from(Return)).scalar_one()
        labels = {"engine": "postgresql", "returns": returns}
        found = bench_window(db, args, folder, labels)
    finally:
        db.close()
    raw_search.bench_raw_postgresql(args.database_url, found, emit, labels)


def prepare_sqlite(args: argparse.Namespace, folder: Path) -> Path:
    """The SQLite file to measure: a copy of --db, else --returns seeded in `folder`."""
    if args.db:
        return copy_database(args.db, folder)
    db_path = folder / "bench.db"
    db = open_database(sqlite_url(db_path))
    try:
        bench_seed(db, args.returns)
    finally:
        db.close()  # the last connection closing folds the WAL into the file
    return db_path


def bench_sqlite(args: argparse.Namespace, folder: Path) -> None:
    """Every figure on SQLite: a copy of --db, else --returns seeded."""
    db_path = prepare_sqlite(args, folder)
    if not args.window_only:
        bench_cold_start(db_path, args.cold_runs, folder)
    db = open_database(sqlite_url(db_path))
    try:
        with db.connect() as conn:
            returns = conn.execute(select(func.count()).select_from(Return)).scalar_one()
        labels = {"engine": "sqlite", "returns": returns}
        if not args.window_only:
            bench_search(db)
        found = bench_window(db, args, folder, labels)
        if not args.window_only:
            bench_transition(db, args.moves)
    finally:
        db.close()
    raw_search.bench_raw_sqlite(db_path, found, emit, labels)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--returns", type=int, default=100_000)
    parser.add_argument("--cold-runs", type=int, default=5, metavar="N")
    parser.add_argument("--moves", type=int, default=50, metavar="N")
    parser.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        help="measure a copy of this demo "
        "database (never opened in place) instead of seeding --returns",
    )
    parser.add_argument(
        "--database-url",
        metavar="URL",
        help="also measure the window on this "
        "PostgreSQL database (seeded with --returns when it has none)",
    )
    parser.add_argument(
        "--postgresql-only",
        action="store_true",
        help="with --database-url: measure only that database",
    )
    parser.add_argument(
        "--window-only", action="store_true", help="only the window's own path and raw_fts_ms"
    )
    parser.add_argument("--queries", type=int, metavar="N", help="the first N queries only")
    parser.add_argument(
        "--scroll-limit",
        type=float,
        default=120,
        metavar="S",
        help="give up scrolling to the end after S seconds (default 120)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="desk-bench-") as name:
        if not (args.postgresql_only and args.database_url):
            bench_sqlite(args, Path(name))
        if args.database_url:
            bench_postgresql(args, Path(name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
