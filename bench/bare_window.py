"""A bare PySide6 window, the floor of Return Desk's cold start: run it and it exits.

    QT_QPA_PLATFORM=offscreen python bench/bare_window.py

QApplication, a QMainWindow holding a QTableView of 30 rows by 6 columns, shown; the
process quits right after the window's first paint. desk_bench.py times it beside
`main.py --exit-after-paint` (cold_start_ratio).
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView, QWidget


class QuitAfterPaint(QObject):
    """Quits the application right after the first paint of `window` or a widget in it."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and (watched is self.window or self.window.isAncestorOf(watched))
        ):
            QApplication.instance().removeEventFilter(self)
            QTimer.singleShot(0, self.painted)  # after the rest of this paint
        return False

    def painted(self) -> None:
        print(f"painted_at {time.time():.6f}", flush=True)  # the epoch, for desk_bench.py
        QApplication.instance().quit()


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    model = QStandardItemModel(30, 6, window)
    for row in range(30):
        for column in range(6):
            model.setItem(row, column, QStandardItem(f"R-2026-{row:05d}.{column}"))
    table = QTableView()
    table.setModel(model)
    window.setCentralWidget(table)
    window.resize(1360, 820)
    app.installEventFilter(QuitAfterPaint(window))
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
