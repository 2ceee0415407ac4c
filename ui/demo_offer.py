"""The demo-data offer: ask, then fill the database with made-up returns behind a progress bar."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QProgressDialog

from desk.db import Database
from ui import prompts
from ui.actions import Act, shortcut_text
from ui.background import Progress, run_in_background

if TYPE_CHECKING:
    from desk.demo.seed import DemoSummary

DEMO_RETURNS = 500


def offer_demo_data(window: QMainWindow, db: Database, on_finished: Callable[[], None]) -> None:
    """Ask, then seed demo returns in the background; `on_finished()` runs when that is done.

    The outcome is said in `window`'s status bar (with a demo receipt to try, until the
    next message), or in an error box when seeding failed.
    """
    question = (
        f"Load {DEMO_RETURNS} demo returns with their customers, products and sales into this "
        "database?\n\n"
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
        on_success=lambda summary: window.statusBar().showMessage(done_message(summary)),
        on_failure=lambda error: prompts.show_error(window, "Demo data failed", str(error)),
        on_finished=lambda: (dialog.close(), on_finished()),
    )


def done_message(summary: DemoSummary) -> str:
    """What the status bar says when the demo is in: how many returns, a receipt to try."""
    added = f"Added {summary.returns} demo returns."
    if not summary.try_receipts:
        return added
    key = shortcut_text(Act.NEW_RETURN)
    return f"{added} Try receipt {summary.try_receipts[0]} in New return ({key})."
