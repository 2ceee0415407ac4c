"""The demo-data offer: ask, then fill the database with made-up returns behind a progress bar.

The demo is the one of the desk's language: a Portuguese desk gets the shop in São Paulo
(desk.demo.shops), and the question says which shop settings that fills in."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QProgressDialog

from desk.db import Database
from desk.i18n.catalog import _, language, ngettext
from desk.i18n.formats import format_number
from ui import prompts
from ui.actions import Act, shortcut_text
from ui.background import Progress, run_in_background

if TYPE_CHECKING:
    from desk.demo.seed import DemoSummary

DEMO_RETURNS = 500


def offer_demo_data(window: QMainWindow, db: Database, on_finished: Callable[[], None]) -> None:
    """Ask, then seed demo returns in the background; `on_finished()` runs when that is done.

    The demo is the desk's language's (see the module docstring). The outcome is said in
    `window`'s status bar (with a demo receipt to try, until the next message), or in an
    error box when seeding failed.
    """
    from desk.demo.shops import demo_shop

    locale = language()
    if not prompts.ask_yes_no(window, _("Demo data"), question(bool(demo_shop(locale).settings))):
        return
    from desk.demo.seed import seed_demo

    dialog = QProgressDialog(_("Creating demo returns…"), None, 0, DEMO_RETURNS, window)
    dialog.setWindowTitle(_("Demo data"))
    dialog.setMinimumDuration(0)
    dialog.setWindowModality(Qt.WindowModal)
    progress = Progress(window)
    progress.changed.connect(lambda done, total: dialog.setValue(done))
    run_in_background(
        lambda: seed_demo(db, returns=DEMO_RETURNS, progress=progress.report, locale=locale),
        owner=window,
        on_success=lambda summary: window.statusBar().showMessage(done_message(summary)),
        on_failure=lambda error: prompts.show_error(window, _("Demo data failed"), str(error)),
        on_finished=lambda: (dialog.close(), on_finished()),
    )


def question(fills_settings: bool = False) -> str:
    """What the offer asks; `fills_settings` when the demo shop stores its own settings."""
    asked = ngettext(
        "Load {count} demo return with its customer, products and sales into this database?",
        "Load {count} demo returns with their customers, products and sales into this database?",
        DEMO_RETURNS,
    ).format(count=format_number(DEMO_RETURNS))
    paragraphs = [
        asked,
        _("They are made-up data to try Return Desk; they are added to what is there."),
    ]
    if fills_settings:
        paragraphs.append(
            _(
                "The demo shop is in São Paulo and sells in reais: where this database has no "
                "shop name, address, phone, opening hours or currency yet, it fills in the demo "
                "shop's."
            )
        )
    return "\n\n".join(paragraphs)


def done_message(summary: DemoSummary) -> str:
    """What the status bar says when the demo is in: how many returns, a receipt to try."""
    count = format_number(summary.returns)
    if not summary.try_receipts:
        return ngettext(
            "Added {count} demo return.", "Added {count} demo returns.", summary.returns
        ).format(count=count)
    said = ngettext(
        "Added {count} demo return. Try receipt {receipt} in New return ({key}).",
        "Added {count} demo returns. Try receipt {receipt} in New return ({key}).",
        summary.returns,
    )
    key = shortcut_text(Act.NEW_RETURN)
    return said.format(count=count, receipt=summary.try_receipts[0], key=key)
