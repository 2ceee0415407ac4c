"""A personal link scanned (the sheet's QR code) or pasted into the search box opens its
return, whatever the status filter; a bad or revoked link says so in the status bar."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from desk.errors import DeskError
from desk.i18n.catalog import _
from desk.portal.link_text import token_in
from ui.background import run_in_background

if TYPE_CHECKING:
    from desk.portal.links import LinkedReturn
    from ui.main_window import MainWindow

SHOWN_MS = 8000


def open_if_link(window: MainWindow, text: str) -> bool:
    """When `text` is a personal link, open its return (checked off the UI thread) and
    return True; else return False and let the search go on."""
    if token_in(text) is None:
        return False
    from desk.portal.links import open_link  # the ORM: loaded after the first page

    run_in_background(
        partial(open_link, window.db, text=text),
        owner=window,
        on_success=partial(_opened, window),
        on_failure=partial(_refused, window),
    )
    return True


def _opened(window: MainWindow, linked: LinkedReturn) -> None:
    said = _("{number} opened from its personal link.").format(number=linked.number)
    show_opened(window, linked.id, linked.number, said)


def show_opened(window: MainWindow, return_id: int, number: str, said: str) -> None:
    """Select return `return_id` and show it in the detail, whatever the status filter
    (its number goes in the search box), and say `said` in the status bar."""
    edit = window.search_edit
    edit.blockSignals(True)
    edit.setText(number)  # a return number: found whatever the status filter
    edit.blockSignals(False)
    window.apply_filter(select=return_id)
    window.statusBar().showMessage(said, SHOWN_MS)


def _refused(window: MainWindow, error: Exception) -> None:
    if isinstance(error, DeskError):
        said = str(error)
    else:
        said = _("The personal link could not be checked; search by the return number instead.")
    window.statusBar().showMessage(said, SHOWN_MS)
