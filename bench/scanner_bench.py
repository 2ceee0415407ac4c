"""Measure the scan detector (ui.widgets.scanner); print JSON lines.

    python bench/scanner_bench.py --returns 2000 --scans 30

Metrics:
- filter_key_us: what the detector adds to one key typed at a person's pace into a line
  edit (press, release and the shortcut check, the field's state saved), against no detector;
- filter_other_us: what it adds to any other event (the filter sees every event of the app);
- text_key_delay_ms: how long after the key a line edit shows it (0 plus that cost: undo-after);
- held_key_delay_ms: how long after the key a list's type-ahead search acts on it (held
  back until the gap has passed);
- scan_gap_ms: the gaps between the keys of scans driven at 2 ms a key into the main window
  over demo data, with the focus in the list, the search box and the detail, as the
  detector sees them (wall clock, and less the time the thread waited for a CPU);
- scan_open_ms: from the Enter of a scanned return number to its detail shown.
One function per metric group; main() calls them.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEvent, QObject, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit, QListWidget  # noqa: E402

from desk.db import open_database  # noqa: E402
from desk.demo.seed import seed_demo  # noqa: E402
from desk.paths import sqlite_url  # noqa: E402
from ui import background  # noqa: E402
from ui.widgets import scanner  # noqa: E402
from ui.widgets.scanner import ScanDetector  # noqa: E402


def emit(metric: str, value: float | None, unit: str, **extra: object) -> None:
    """Print one measured figure as a JSON line."""
    print(json.dumps({"metric": metric, "value": value, "unit": unit, **extra}), flush=True)


def _keys_per_s(edit: QLineEdit, keys: int) -> float:
    start = time.perf_counter()
    for i in range(keys):
        QTest.keyClick(edit, "abcdefghij"[i % 10])
        if i % 50 == 49:
            edit.clear()
    return (time.perf_counter() - start) / keys * 1e6


def bench_filter_cost(keys: int) -> None:
    """The detector's cost per key and per other event, against none."""
    edit = QLineEdit()
    edit.show()
    bare = min(_keys_per_s(edit, keys) for _ in range(3))
    detector = ScanDetector(edit, lambda _code: None, gap_ms=0)  # each key a burst: a person's
    watched = min(_keys_per_s(edit, keys) for _ in range(3))
    emit("filter_key_us", round(watched - bare, 1), "us", bare_key_us=round(bare, 1))
    event = QEvent(QEvent.User)
    start = time.perf_counter()
    for _ in range(keys * 10):
        QApplication.sendEvent(edit, event)
    with_filter = time.perf_counter() - start
    QApplication.instance().removeEventFilter(detector)
    start = time.perf_counter()
    for _ in range(keys * 10):
        QApplication.sendEvent(edit, event)
    without = time.perf_counter() - start
    emit("filter_other_us", round((with_filter - without) / (keys * 10) * 1e6, 2), "us")
    edit.close()


def bench_key_delays(runs: int) -> None:
    """How late a typed key lands: in a line edit (never held), in a list (held)."""
    edit = QLineEdit()
    edit.show()
    shown: list[float] = []
    edit.textChanged.connect(lambda _text: shown.append(time.perf_counter()))

    def typed() -> list[float]:
        delays = []
        for _ in range(runs):
            QTest.qWait(scanner.GAP_MS * 3)
            sent = time.perf_counter()
            QTest.keyClick(edit, "a")
            delays.append((shown[-1] - sent) * 1000)
        return delays

    bare = typed()
    ScanDetector(edit, lambda _code: None)
    delays = typed()
    emit(
        "text_key_delay_ms",
        round(statistics.median(delays), 3),
        "ms",
        max=round(max(delays), 3),
        bare_ms=round(statistics.median(bare), 3),
    )
    view = QListWidget()
    view.addItems(["apple", "banana", "cherry"] * 3)
    ScanDetector(view, lambda _code: None)
    view.show()
    moved: list[float] = []
    view.currentRowChanged.connect(lambda _row: moved.append(time.perf_counter()))
    delays = []
    for run in range(runs):
        view.setCurrentRow(0 if run % 2 else 2)
        QTest.qWait(QApplication.keyboardInputInterval() + 50)  # a new type-ahead search
        moved.clear()
        sent = time.perf_counter()
        QTest.keyClick(view, "b")
        while not moved and time.perf_counter() - sent < 1:
            QTest.qWait(1)
        delays.append((moved[-1] - sent) * 1000)
    emit("held_key_delay_ms", round(statistics.median(delays), 1), "ms", max=round(max(delays), 1))


class _Gaps(QObject):
    """Records when each key press reaches the application (as the detector times it)."""

    def __init__(self):
        super().__init__()
        self.seen: list[tuple[float, float]] = []

    def eventFilter(self, watched, event):  # noqa: N802
        if event.type() == QEvent.KeyPress and event.spontaneous() and event.text() != "\r":
            self.seen.append(scanner._now())
        return False


def bench_main_window(returns: int, scans: int) -> None:
    """Scans of return numbers into the main window over demo data."""
    from ui.main_window import MainWindow

    with tempfile.TemporaryDirectory(prefix="scanner-bench-") as folder:
        db = open_database(sqlite_url(Path(folder) / "bench.db"))
        seed_demo(db, returns=returns, seed=1)
        win = MainWindow(db)
        win.show()
        _idle(win)
        numbers = [win.model.return_at(i).number for i in range(min(20, win.model.rowCount()))]
        gaps = _Gaps()
        QApplication.instance().installEventFilter(gaps)
        opened = []
        places = {"list": win.table, "search": win.search_edit, "detail": win.detail.format_combo}
        for place, widget in places.items():
            walls, cpus = [], []
            for run in range(scans):
                number = numbers[run % len(numbers)]
                widget.setFocus()
                _idle(win)
                gaps.seen.clear()
                for char in number:
                    QTest.keyClick(widget, char)
                    QTest.qWait(2)
                sent = time.perf_counter()
                QTest.keyClick(widget, Qt.Key_Return)
                while win.detail.number_label.text() != number or win.model.loading:
                    QTest.qWait(1)
                    if time.perf_counter() - sent > 5:
                        break
                opened.append((time.perf_counter() - sent) * 1000)
                pairs = zip(gaps.seen, gaps.seen[1:], strict=False)
                for (clock, waited), (next_clock, next_waited) in pairs:
                    walls.append(next_clock - clock)
                    cpus.append((next_clock - clock) - (next_waited - waited))
            walls.sort()
            cpus.sort()
            emit(
                "scan_gap_ms",
                round(statistics.median(cpus), 1),
                "ms",
                focus=place,
                p99=round(cpus[int(len(cpus) * 0.99)], 1),
                max=round(cpus[-1], 1),
                wall_p99=round(walls[int(len(walls) * 0.99)], 1),
                wall_max=round(walls[-1], 1),
                over_20=sum(gap > 20 for gap in cpus),
                over_gap=sum(gap > scanner.GAP_MS for gap in cpus),
                keys=len(cpus),
            )
        emit("scan_open_ms", round(statistics.median(opened), 1), "ms", max=round(max(opened), 1))
        QApplication.instance().removeEventFilter(gaps)
        win.close()
        db.close()


def _idle(win) -> None:
    deadline = time.perf_counter() + 10
    while (win.model.loading or background.running_jobs()) and time.perf_counter() < deadline:
        QTest.qWait(5)
    QTest.qWait(20)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--returns", type=int, default=2000)
    parser.add_argument("--scans", type=int, default=30)
    parser.add_argument("--keys", type=int, default=2000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    bench_filter_cost(args.keys)
    bench_key_delays(runs=15)
    bench_main_window(args.returns, args.scans)
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
