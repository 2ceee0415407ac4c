"""bench/desk_bench.py's window figures, run end to end on a tiny demo database.

A smoke test of the benchmark itself (it prints figures; no time is asserted): every
metric of the window's own path comes out, measured, with the list settled each time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desk.db import open_database
from desk.demo.seed import seed_demo
from desk.paths import sqlite_url

ROOT = Path(__file__).resolve().parents[2]
WINDOW_METRICS = {
    "rss_mib", "keystroke_ms", "filter_change_ms", "sort_ms", "sort_wall_max_ms",
    "scroll_end_ms", "refresh_row_ms", "raw_count_ms", "raw_fts_ms", "window_paint_ms",
}  # fmt: skip


@pytest.mark.sqlite_only("the bench copies a SQLite file and reads its FTS5 index bare")
def test_the_window_bench_prints_every_figure(tmp_path):
    source = tmp_path / "tiny.db"
    db = open_database(sqlite_url(source))
    seed_demo(db, returns=400, seed=1)
    db.close()
    before = source.read_bytes()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "bench/desk_bench.py", "--db", str(source), "--window-only"]
    command += ["--queries", "1", "--scroll-limit", "20"]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    lines = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert {line["metric"] for line in lines} >= WINDOW_METRICS
    by_metric = {}
    for line in lines:
        by_metric.setdefault(line["metric"], []).append(line)
    assert all(line["value"] is not None for line in lines)
    overall = [k for k in by_metric["keystroke_ms"] if k["filter"] == "every filter"][0]
    assert overall["queries"] == 1 and overall["unsettled"] == []
    assert len(by_metric["sort_ms"]) == 12  # six columns, both ways
    assert all(s["settled"] for s in by_metric["sort_ms"])
    assert by_metric["scroll_end_ms"][0]["reached_end"]
    assert {r["at"] for r in by_metric["rss_mib"]} >= {"after showing the window"}
    assert [r["query"] for r in by_metric["raw_fts_ms"]] == ["a"]
    [paint] = by_metric["window_paint_ms"]
    assert paint["value"] > 0 and set(paint["raw_table_paint_ms"]) == {"python", "c++"}
    assert source.read_bytes() == before  # measured on a copy, never opened in place
