"""Measure the customer space serving return pages; print one JSON object per line.

    python bench/portal_bench.py --returns 100000 [--requests 2000] [--concurrency 20]
                                 [--workers 2] [--db returns.db]

Seeds a demo database (or reuses --db), makes personal links to 200 open returns,
starts `returndesk portal --workers N` in its own process (uvicorn; 1 worker unless told),
then fetches return pages from `--concurrency` threads over keep-alive connections.
Metrics: requests_per_s, p50_ms, p95_ms, server_cpu_ms_per_page (the server's CPU time
per page, which a busy machine changes less than the rates), server_rss_mb (every
worker's), queries_per_page;
beside them the raw limits: a bare Starlette "ok" route on the same server (healthz_per_s)
and the page's own selects through bare sqlite3 in this process (raw_sql_per_s). Each
line carries the load average, since a busy machine is slower: compare only quiet runs.
Targets on a 2-core machine: over 300 requests/s and p95 under 50 ms.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from desk.db import open_database  # noqa: E402
from desk.demo.seed import seed_demo  # noqa: E402
from desk.models import Return  # noqa: E402
from desk.paths import sqlite_url  # noqa: E402
from desk.portal.links import FINAL, KEY_ENV, personal_link  # noqa: E402


def emit(metric: str, value: float, unit: str, **extra) -> None:
    load = round(os.getloadavg()[0], 2)
    line = {"metric": metric, "value": round(value, 2), "unit": unit, **extra, "load_1m": load}
    print(json.dumps(line), flush=True)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(path: Path, returns: int) -> list[str]:
    db = open_database(sqlite_url(path))
    with db.connect() as conn:
        have = conn.execute(select(Return.id).limit(1)).first()
    if have is None:
        started = time.perf_counter()
        seed_demo(db, returns=returns, seed=7)
        emit("seed_s", time.perf_counter() - started, "s", returns=returns)
    with db.connect() as conn:
        numbers = (
            conn.execute(select(Return.number).where(Return.status.not_in(list(FINAL))).limit(5000))
            .scalars()
            .all()
        )
    links = [personal_link(db, number=n) for n in random.Random(3).sample(numbers, 200)]
    db.close()
    return links


def load(port: int, paths: list[str], total: int, concurrency: int) -> tuple[float, list[float]]:
    times: list[float] = []
    lock = threading.Lock()
    per_thread = total // concurrency

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine = []
        for _ in range(per_thread):
            started = time.perf_counter()
            conn.request("GET", rng.choice(paths))
            answer = conn.getresponse()
            answer.read()
            if answer.status != 200:
                raise SystemExit(f"status {answer.status}")
            mine.append((time.perf_counter() - started) * 1000)
        conn.close()
        with lock:
            times.extend(mine)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(times) / (time.perf_counter() - started), times


def rss_mb(pid: int) -> float:
    """The resident memory of `pid` and its children (the workers), in MB."""
    total = 0.0
    children = Path(f"/proc/{pid}/task/{pid}/children")
    kids = children.read_text().split() if children.exists() else []
    for one in [pid, *map(int, kids)]:
        for line in Path(f"/proc/{one}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) / 1024
    return total


def cpu_s(pid: int) -> float:
    """CPU seconds (user + system) used so far by `pid` and its children (the workers)."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    kids = children.read_text().split() if children.exists() else []
    total = 0
    for one in [pid, *map(int, kids)]:
        fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def page_queries(path: Path, link: str) -> int:
    """How many statements one return page sends to the database (in this process)."""
    from sqlalchemy import event

    from desk.portal.view import return_page

    db = open_database(sqlite_url(path))
    token = link.rsplit("/", 1)[-1]
    return_page(db, token=token)  # warm the shop cache, as a running server has
    seen = []
    event.listen(db.engine, "before_cursor_execute", lambda *_args: seen.append(1))
    return_page(db, token=token)
    db.close()
    return len(seen)


def raw_sql_per_s(path: Path, rounds: int = 2000) -> float:
    """Pages' worth of the page's selects per second through bare sqlite3: the floor."""
    import sqlite3

    conn = sqlite3.connect(path)
    ids = [row[0] for row in conn.execute("SELECT id FROM return ORDER BY id LIMIT 500")]
    started = time.perf_counter()
    for i in range(rounds):
        rid = ids[i % len(ids)]
        conn.execute(  # the link's version (desk.portal.links: signed tokens)
            "SELECT max(version) FROM portal_revocation WHERE return_id = ?", (rid,)
        ).fetchall()
        conn.execute(
            "SELECT * FROM return r JOIN customer c ON c.id = r.customer_id "
            "LEFT JOIN return_line l ON l.return_id = r.id WHERE r.id = ? ORDER BY l.id",
            (rid,),
        ).fetchall()
        conn.execute(
            "SELECT * FROM status_change WHERE return_id = ? ORDER BY at, id", (rid,)
        ).fetchall()
    per_s = rounds / (time.perf_counter() - started)
    conn.close()
    return per_s


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--returns", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--db", type=Path, help="reuse this database file (seeded if empty)")
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp(prefix="portal-bench-")) / "returns.db"
    # personal links are signed: a throwaway key for this run (its server inherits it)
    os.environ.setdefault(KEY_ENV, secrets.token_urlsafe(32))
    links = prepare(path, args.returns)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--db", str(path), "portal", "--port", str(port)]
        + ["--workers", str(args.workers)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):
            if server.poll() is not None:
                raise SystemExit(f"the server stopped at start (exit code {server.returncode})")
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        load(port, links, 200, 10)  # warm up
        cpu_before = cpu_s(server.pid)
        per_s, times = load(port, links, args.requests, args.concurrency)
        cpu_ms = (cpu_s(server.pid) - cpu_before) * 1000 / len(times)
        raw_per_s, _ = load(port, ["/healthz"], args.requests, args.concurrency)
        cuts = statistics.quantiles(times, n=100)
        extra = {
            "returns": args.returns,
            "concurrency": args.concurrency,
            "workers": args.workers,
        }
        emit("requests_per_s", per_s, "1/s", **extra)
        emit("p50_ms", cuts[49], "ms", **extra)
        emit("p95_ms", cuts[94], "ms", **extra)
        emit("server_cpu_ms_per_page", cpu_ms, "ms", **extra)
        emit("healthz_per_s", raw_per_s, "1/s", **extra)
        emit("server_rss_mb", rss_mb(server.pid), "MB", **extra)
        emit("queries_per_page", page_queries(path, links[0]), "1", **extra)
        emit("raw_sql_per_s", raw_sql_per_s(path), "1/s", **extra)
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
