"""What one paint of the returns list costs, beside a bare Qt table with the same texts.

    QT_QPA_PLATFORM=offscreen python bench/paint_bench.py [--returns N] [--db PATH]

The returns list's table is repainted in place, again and again,
over a demo database (a copy of --db, or N demo returns seeded in a temporary folder);
each figure is the median CPU time of the UI thread for one repaint (thread CPU, so the
figures hold on a loaded machine), with the app's look applied as ui.app applies it. A
QTableView over a QStandardItemModel holding the same texts, same size and settings, is
the raw limit (`bare_table_ms`); the ratio shows what our model adds.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def emit(metric: str, value: float, unit: str, **extra: object) -> None:
    """Print one JSON line."""
    print(json.dumps({"metric": metric, "value": value, "unit": unit, **extra}), flush=True)


def cpu_ms(work, runs: int = 40) -> float:
    """The median thread CPU time of `work()`, in ms."""
    times = []
    for _ in range(runs):
        started = time.thread_time()
        work()
        times.append((time.thread_time() - started) * 1000)
    return round(statistics.median(times), 2)


def bare_table(window):
    """A QTableView over a QStandardItemModel with the window's first rows' texts."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    model, table = window.model, window.table
    rows = min(model.rowCount(), 200)
    plain = QStandardItemModel(rows, model.columnCount())
    for row in range(rows):
        for column in range(model.columnCount()):
            plain.setItem(row, column, QStandardItem(str(model.index(row, column).data() or "")))
    bare = QTableView()
    bare.setModel(plain)
    bare.resize(table.size())
    bare.setWordWrap(False)
    bare.setShowGrid(False)
    bare.setAlternatingRowColors(True)
    bare.verticalHeader().setVisible(False)
    bare.verticalHeader().setDefaultSectionSize(table.verticalHeader().defaultSectionSize())
    for column in range(model.columnCount()):
        bare.setColumnWidth(column, table.columnWidth(column))
    bare.show()
    return bare


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--returns", type=int, default=300)
    parser.add_argument("--db", type=Path, help="measure a copy of this demo database")
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    from window_bench import open_window

    from desk.db import open_database
    from desk.paths import sqlite_url
    from ui.widgets.look import apply_look

    apply_look(app)
    folder = Path(tempfile.mkdtemp(prefix="paint-bench-"))
    try:
        path = folder / "returns.db"
        if args.db:
            shutil.copy(args.db, path)
        db = open_database(sqlite_url(path))
        if not args.db:
            from desk.demo.seed import seed_demo

            seed_demo(db, returns=args.returns, seed=3)
        window = open_window(db)
        rows = window.model.rowCount()
        ours = cpu_ms(window.table.viewport().repaint)
        bare = bare_table(window)
        app.processEvents()
        limit = cpu_ms(bare.viewport().repaint)
        note = "the list's viewport, CPU of one repaint"
        emit("table_repaint_ms", ours, "ms", returns=rows, bare_table_ms=limit,
             ratio=round(ours / limit, 2), note=note)  # fmt: skip
        db.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
