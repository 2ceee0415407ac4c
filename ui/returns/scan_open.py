"""A scan in the main window: the printed sheet's number or QR code opens its return;
any other code (a receipt, a product's barcode) starts a new return with it.

The customer comes back with the sheet: staff scan it wherever the focus is (the list,
the search box, the detail) and the return is selected and shown, whatever the status
filter, as a scanned personal link is (ui.returns.scanned_link). The look-up runs in the
background; an unknown number says so in the status bar.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from desk.errors import DeskError
from desk.i18n.catalog import _
from desk.search import is_return_number
from ui.background import run_in_background
from ui.returns.scanned_link import SHOWN_MS, open_if_link, show_opened
from ui.widgets.scanner import ScanDetector

if TYPE_CHECKING:
    from desk.returns import ReturnDetail
    from ui.main_window import MainWindow


def watch(window: MainWindow) -> ScanDetector:
    """Recognise scans anywhere in `window` and open what they name."""
    return ScanDetector(window, partial(open_scanned, window))


def open_scanned(window: MainWindow, code: str) -> None:
    """Open the return `code` names (a personal link or a return number), else hand the
    code to a new return."""
    code = code.strip()
    if open_if_link(window, code):
        return
    if is_return_number(code):
        from desk.services import get_return  # the ORM: loaded after the first page

        run_in_background(
            partial(get_return, window.db, number=code),
            owner=window,
            on_success=partial(_found, window),
            on_failure=partial(_not_found, window, code),
        )
        return
    _new_return(window, code)


def _found(window: MainWindow, detail: ReturnDetail) -> None:
    number = detail.ret.number
    said = _("{number} opened from its scanned number.").format(number=number)
    show_opened(window, detail.ret.id, number, said)


def _not_found(window: MainWindow, code: str, error: Exception) -> None:
    if isinstance(error, DeskError):
        said = _("{error} Check the number on the sheet, or search by the customer's name.")
    else:
        said = _("{number} could not be looked up; search for it in the box above.")
    said = said.format(error=error, number=code.upper())
    window.statusBar().showMessage(said, SHOWN_MS)


def _new_return(window: MainWindow, code: str) -> None:
    """A receipt or a product: the new-return dialog takes it (when it knows how)."""
    window.new_return()
    take_scan = getattr(window.active_dialog, "take_scan", None)
    if callable(take_scan):
        take_scan(code)
