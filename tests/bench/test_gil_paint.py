"""bench/gil_paint.py: a paint idle and beside a busy thread, at each switch interval."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_it_prints_the_paint_idle_and_at_each_interval():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "bench/gil_paint.py"], cwd=ROOT, env=env, capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    lines = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [line["metric"] for line in lines] == ["gil_paint_ms"] * 4
    assert [line.get("interval_s") for line in lines] == [None, 0.005, 0.001, 0.0002]
    assert all(0 < line["value"] <= line["max"] for line in lines)
