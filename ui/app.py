"""Start the window: open the database, show the main window, offer demo data."""

from __future__ import annotations

import gc
import logging
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

import resources
from desk.about import app_version
from desk.db import Database, describe_database_error
from desk.errors import DeskError
from desk.i18n.catalog import _
from desk.logs import log_file, setup_logging
from desk.paths import database_url
from ui.background import run_in_background

if TYPE_CHECKING:
    from desk.messages.sender import Backlog

log = logging.getLogger(__name__)


class FirstPage(QObject):
    """Runs `then()` once, when the window has painted with its first page of returns.

    The list reads its first page in the background, so the window's first paint shows
    no rows yet: this waits for the model's answer (rows, none, or a failure), then for
    the next paint of the list (its rows, or the words of an empty list), and calls
    `then` from the event loop right after that paint. It watches those two widgets
    only: an application-wide filter would run for each of the start's thousand events.
    """

    def __init__(self, window, then: Callable[[], None]):
        super().__init__(window)
        self._then = then
        self._arrived = not window.model.loading  # a page read before now counts
        self._done = False
        self._watched = (window.table.viewport(), window.empty_label)
        window.model.modelReset.connect(self._page_arrived)
        window.model.load_failed.connect(self._page_arrived)
        for widget in self._watched:
            widget.installEventFilter(self)

    def _page_arrived(self, *_args) -> None:
        self._arrived = True
        for widget in self._watched:
            widget.update()  # a failure changes neither: make sure the list paints again

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if self._arrived and not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            for widget in self._watched:
                widget.removeEventFilter(self)
            QTimer.singleShot(0, self._then)  # after the rest of this paint
        return False


FIRST_PAGE_WAIT_MS = 150
"""How long a start waits, the window built but not yet shown, for the first page."""


def wait_for_first_page(model, at_most_ms: int = FIRST_PAGE_WAIT_MS) -> None:
    """Wait, the window not shown yet, until `model`'s first page has arrived (rows, none
    or a failure) or `at_most_ms` have passed. The read started while the window was
    built and is nearly done by now: shown with it, the window paints once, with its rows,
    instead of painting an empty list first and then again. The answer arrives through
    this thread's event loop, so it cannot come between the check and `exec`."""
    if not model.loading:
        return
    loop = QEventLoop()
    model.modelReset.connect(loop.quit)
    model.load_failed.connect(loop.quit)
    QTimer.singleShot(at_most_ms, loop, loop.quit)
    loop.exec()
    model.modelReset.disconnect(loop.quit)
    model.load_failed.disconnect(loop.quit)


def after_first_page(window, db: Database) -> None:
    """What a start does once the first page shows: collect garbage again, load the ORM
    in the background, then the rest (`after_the_orm`)."""
    gc.freeze()  # start-up's objects stay: later collections need not walk them again
    gc.enable()
    run_in_background(
        partial(load_the_orm, db),
        owner=window,
        on_success=partial(after_the_orm, window, db),
        on_failure=lambda _error: after_the_orm(window, db, None),  # said by what needs it
    )


def load_the_orm(db: Database) -> Backlog:
    """Import the services and their table classes (SQLModel, pydantic, SQLAlchemy's ORM),
    set up the mappers, read the catalogues the detail needs and count the outbox: a third
    of a start, which the first page painted without (desk.core_tables). Off the UI thread,
    which stays free to answer the keyboard: the import gives up Python's lock every few
    milliseconds. Returns the outbox's backlog, for the status bar."""
    from sqlalchemy.orm import configure_mappers

    import desk.feedback.record  # noqa: F401  (the detail panel's reads)
    import desk.portal.links  # noqa: F401
    import desk.services  # noqa: F401
    import desk.staff.accounts  # noqa: F401
    import desk.staff.signin  # noqa: F401
    from desk.messages.mail import unknown_prefixes
    from desk.messages.sender import outbox_backlog

    configure_mappers()
    unknown_prefixes()  # the first failed message shown reads every language's catalogue
    return outbox_backlog(db)


def after_the_orm(window, db: Database, backlog: Backlog | None) -> None:
    """Build the detail panel and show the first detail and the outbox's `backlog` (None:
    count it now); then, at the next turn of the event loop (keys typed meanwhile come
    first), the rest of the start (`start_the_rest`)."""
    window.detail  # noqa: B018 (builds the detail panel, which the first paint did without)
    window.details.release()
    if backlog is None:
        window.outbox_status.show_count()
    else:
        window.outbox_status.show_backlog(backlog)
    QTimer.singleShot(0, window, partial(start_the_rest, window, db))


def start_the_rest(window, db: Database) -> None:
    """Offer demo data to an empty database, start sending, the daily backup and the
    customer space."""
    from ui.settings.backup_page import DailyBackup  # deferred: not needed to paint

    window.offer_demo_data_if_empty()
    QTimer.singleShot(2000, window.outbox.start)
    DailyBackup(db, window).start()
    window.portal.start_if_enabled()


def app_icon() -> QIcon:
    """The application's icon, at every size drawn for it (resources/icons/app)."""
    icon = QIcon()
    for png in sorted((Path(resources.__file__).parent / "icons" / "app").glob("returndesk-*.png")):
        icon.addFile(str(png))
    return icon


def _painted_and_quit(app: QApplication) -> None:
    """Say when the first page was painted (epoch seconds, read by bench/desk_bench.py),
    then quit: the time the process then takes to close is not part of the start."""
    print(f"painted_at {time.time():.6f}", flush=True)
    app.quit()


def _install_error_hook(url: str | None = None) -> None:
    """Show unexpected errors in a message box and log them, instead of quitting.

    `url` is the open database's, so that its failures are said in words.
    """
    from ui.prompts import show_error

    def hook(kind, error, tb):
        log.error("Unexpected error", exc_info=(kind, error, tb))
        show_error(None, _("Something went wrong"), _in_words(error, url))

    sys.excepthook = hook


def _in_words(error: BaseException, url: str | None = None) -> str:
    """What to show for an unexpected error: a database failure in words, or a short line
    and the log file; never a traceback, nor the SQL of a failed statement."""
    if isinstance(error, DeskError):
        return str(error)
    if isinstance(error, SQLAlchemyError) and url:
        return describe_database_error(error, make_url(url), action="use")
    cause = getattr(error, "orig", None) or error
    said = (str(cause).strip().splitlines() or [type(cause).__name__])[0][:200]
    return _("{error}\n\nNothing you saved was lost. The details are in {log}.").format(
        error=said, log=log_file()
    )


def run_app(db_path: str | None = None, exit_after_paint: bool = False) -> int:
    """Show the main window over the chosen database; return the exit code."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Return Desk")
    app.setOrganizationName("ReturnDesk")
    app.setApplicationVersion(app_version())
    app.setDesktopFileName("returndesk")  # the menu entry (packaging/linux/returndesk.desktop.in)
    app.setWindowIcon(app_icon())
    from ui.language import speak_desk_language
    from ui.prompts import show_error
    from ui.widgets.look import apply_look

    speak_desk_language(app)
    apply_look(app)

    try:
        setup_logging()
    except OSError as error:  # a read-only home: carry on, without a log file
        log.warning("No log file: %s", error)
    log.info("Return Desk %s starting", app_version())
    url = database_url(db_path)
    _install_error_hook(url)
    from ui.upgrade_window import open_with_progress  # an upgrade's steps, in a window

    try:
        db = open_with_progress(url)
    except DeskError as error:
        from ui.settings.backup_page import recover_at_start  # offers the last good backup

        if (db := recover_at_start(error, url)) is None:
            return 1
    except Exception as error:  # a bug: say it in a line, the details go to the log
        log.error("Cannot open the database", exc_info=error)
        show_error(None, _("Cannot open the database"), _in_words(error, url))
        return 1
    from ui.main_window import MainWindow

    try:
        window = MainWindow(db)
    except Exception as error:  # reading the first screen failed (a damaged page, a lock)
        log.error("Cannot show the window", exc_info=error)
        show_error(None, _("Cannot open the database"), _in_words(error, url))
        db.close()
        return 1
    window.details.hold()  # the first page paints before the first detail is read
    wait_for_first_page(window.model)  # so the window's first paint shows it
    if exit_after_paint:  # the start-up benchmark: process start to the first page shown
        FirstPage(window, then=lambda: _painted_and_quit(app))
    else:
        FirstPage(window, then=lambda: after_first_page(window, db))
    window.show()
    code = app.exec()
    from ui.background import wait_for_jobs

    if not wait_for_jobs():
        log.warning("Some background work was still running at exit")
    db.close()
    return code
