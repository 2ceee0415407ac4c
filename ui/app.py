"""Start the window: open the database, show the main window, offer demo data."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from desk.db import open_database
from desk.errors import DeskError
from desk.paths import database_url


class _QuitAfterFirstPaint(QObject):
    """Quit the app once the watched window has painted (for the start-up benchmark)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, QApplication.instance().quit)
        return False


def run_app(db_path: str | None = None, exit_after_paint: bool = False) -> int:
    """Show the main window over the chosen database; return the exit code."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Return Desk")
    app.setOrganizationName("ReturnDesk")
    from ui.prompts import show_error

    try:
        db = open_database(database_url(db_path))
    except DeskError as error:
        show_error(None, "Cannot open the database", str(error))
        return 1
    from ui.main_window import MainWindow

    window = MainWindow(db)
    if exit_after_paint:
        watcher = _QuitAfterFirstPaint(window)
        window.installEventFilter(watcher)
    else:
        QTimer.singleShot(0, window.offer_demo_data_if_empty)
    window.show()
    code = app.exec()
    db.close()
    return code
