"""How long a table over a Python model takes to paint while another thread runs Python.

    QT_QPA_PLATFORM=offscreen python bench/gil_paint.py

A paint asks the model for each cell, and each ask takes Python's lock anew; a thread
that runs Python meanwhile (a background read building rows) holds the lock for up to
`sys.getswitchinterval()` every time. Prints `gil_paint_ms` (median and max of 20
repaints of 40 rows by 6 columns) idle, then beside a busy thread at each interval.

It is why the returns list starts reads only after its paint (ui.widgets.after_paint).
A shorter interval for the whole app was measured in the window bench at 1M and kept
out: the paints beside a busy read got faster and sorting too, but typing got slower
(keystroke p50 9.0 -> 11.0 ms, p95 16.2 -> 17.4 and 18.1 ms, two runs).
"""

from __future__ import annotations

import json
import statistics
import sys
import threading
import time

from PySide6.QtCore import QAbstractTableModel, QModelIndex
from PySide6.QtWidgets import QApplication, QTableView

INTERVALS = (0.005, 0.001, 0.0002)
REPAINTS = 20


class Cells(QAbstractTableModel):
    """40 rows by 6 columns of short texts, answered in Python."""

    def rowCount(self, parent=QModelIndex()):  # noqa: N802, B008
        return 40

    def columnCount(self, parent=QModelIndex()):  # noqa: N802, B008
        return 6

    def data(self, index, role=0):
        return f"r{index.row()}c{index.column()}" if role == 0 else None


def repaints(view: QTableView) -> list[float]:
    """Milliseconds of each of REPAINTS immediate repaints of the view's cells."""
    spent = []
    for _ in range(REPAINTS):
        started = time.perf_counter()
        view.viewport().repaint()
        spent.append(1000 * (time.perf_counter() - started))
    return spent


def beside_a_busy_thread(view: QTableView, interval: float) -> list[float]:
    """The repaints while another thread counts in Python, at this switch interval."""
    stop = threading.Event()

    def spin() -> None:
        count = 0
        while not stop.is_set():
            count += 1

    before = sys.getswitchinterval()
    sys.setswitchinterval(interval)
    worker = threading.Thread(target=spin)
    worker.start()
    try:
        return repaints(view)
    finally:
        stop.set()
        worker.join()
        sys.setswitchinterval(before)


def emit(spent: list[float], **labels) -> None:
    print(
        json.dumps(
            {
                "metric": "gil_paint_ms",
                "value": round(statistics.median(spent), 2),
                "unit": "ms",
                "max": round(max(spent), 2),
                **labels,
            }
        ),
        flush=True,
    )


def main() -> None:
    app = QApplication.instance() or QApplication([])
    view = QTableView()
    view.setModel(Cells())
    view.resize(900, 1000)
    view.show()
    for _ in range(5):
        app.processEvents()
    emit(repaints(view), beside="nothing")
    for interval in INTERVALS:
        emit(beside_a_busy_thread(view, interval), beside="a busy thread", interval_s=interval)


if __name__ == "__main__":
    main()
