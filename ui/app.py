"""Start the window: open the database, show the main window, offer demo data."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from desk.db import open_database
from desk.errors import DeskError
from desk.logs import log_file, setup_logging
from desk.paths import database_url

log = logging.getLogger(__name__)


class _QuitAfterFirstPaint(QObject):
    """Quit the app once the watched window has painted (for the start-up benchmark)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, QApplication.instance().quit)
        return False


def _install_error_hook() -> None:
    """Show unexpected errors in a message box and log them, instead of quitting."""
    from ui.prompts import show_error

    def hook(kind, error, tb):
        log.error("Unexpected error", exc_info=(kind, error, tb))
        show_error(
            None,
            "Something went wrong",
            f"{error}\n\nNothing you saved was lost. The details are in {log_file()}.",
        )

    sys.excepthook = hook


def run_app(db_path: str | None = None, exit_after_paint: bool = False) -> int:
    """Show the main window over the chosen database; return the exit code."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Return Desk")
    app.setOrganizationName("ReturnDesk")
    from ui.widgets.look import apply_look

    apply_look(app)

    setup_logging()
    _install_error_hook()
    try:
        db = open_database(database_url(db_path))
    except DeskError as error:
        from ui.settings.backup_page import recover_at_start  # offers the last good backup

        if (db := recover_at_start(error, database_url(db_path))) is None:
            return 1
    from ui.main_window import MainWindow
    from ui.settings.backup_page import DailyBackup

    window = MainWindow(db)
    if exit_after_paint:
        watcher = _QuitAfterFirstPaint(window)
        window.installEventFilter(watcher)
    else:
        QTimer.singleShot(0, window.offer_demo_data_if_empty)
        QTimer.singleShot(2000, window.outbox.start)
        DailyBackup(db, window).start()
    window.show()
    code = app.exec()
    db.close()
    return code
