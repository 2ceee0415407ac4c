"""Measure the customer space serving return pages; print one JSON object per line.

    python bench/portal_bench.py --returns 100000 [--requests 2000] [--concurrency 20]

Seeds a demo database (or reuses --db), makes personal links to 200 open returns,
starts `returndesk portal` in its own process (uvicorn, one worker, as shops run it),
then fetches return pages from `--concurrency` threads over keep-alive connections.
Metrics: requests_per_s, p50_ms, p95_ms, server_rss_mb; beside them the raw limit,
a bare Starlette "ok" route on the same server (healthz_per_s), so the ratio shows.
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
    print(json.dumps({"metric": metric, "value": round(value, 2), "unit": unit, **extra}))


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
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--returns", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--db", type=Path, help="reuse this database file (seeded if empty)")
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp(prefix="portal-bench-")) / "returns.db"
    # personal links are signed: a throwaway key for this run (its server inherits it)
    os.environ.setdefault(KEY_ENV, secrets.token_urlsafe(32))
    links = prepare(path, args.returns)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--db", str(path), "portal", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        load(port, links, 200, 10)  # warm up
        per_s, times = load(port, links, args.requests, args.concurrency)
        raw_per_s, _ = load(port, ["/healthz"], args.requests, args.concurrency)
        cuts = statistics.quantiles(times, n=100)
        extra = {"returns": args.returns, "concurrency": args.concurrency}
        emit("requests_per_s", per_s, "1/s", **extra)
        emit("p50_ms", cuts[49], "ms", **extra)
        emit("p95_ms", cuts[94], "ms", **extra)
        emit("healthz_per_s", raw_per_s, "1/s", **extra)
        emit("server_rss_mb", rss_mb(server.pid), "MB", **extra)
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
