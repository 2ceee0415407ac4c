"""The demo-data offer: ask, then fill the database with made-up returns behind a progress bar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QProgressDialog

from desk.db import Database
from ui import prompts
from ui.background import Progress, run_in_background

DEMO_RETURNS = 500


def offer_demo_data(window: QMainWindow, db: Database, on_finished: Callable[[], None]) -> None:
    """Ask, then seed demo returns in the background; `on_finished()` runs when that is done.

    The outcome is said in `window`'s status bar, or in an error box when seeding failed.
    """
    question = (
        f"Load {DEMO_RETURNS} demo returns with their customers into this database?\n\n"
        "They are made-up data to try Return Desk; they are added to what is there."
    )
    if not prompts.ask_yes_no(window, "Demo data", question):
        return
    from desk.demo.seed import seed_demo

    dialog = QProgressDialog("Creating demo returns…", None, 0, DEMO_RETURNS, window)
    dialog.setWindowTitle("Demo data")
    dialog.setMinimumDuration(0)
    dialog.setWindowModality(Qt.WindowModal)
    progress = Progress(window)
    progress.changed.connect(lambda done, total: dialog.setValue(done))
    run_in_background(
        lambda: seed_demo(db, returns=DEMO_RETURNS, progress=progress.report),
        owner=window,
        on_success=lambda summary: window.statusBar().showMessage(
            f"Added {summary.returns} demo returns.", 5000
        ),
        on_failure=lambda error: prompts.show_error(window, "Demo data failed", str(error)),
        on_finished=lambda: (dialog.close(), on_finished()),
    )
