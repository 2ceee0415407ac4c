"""The instructions sheet from the main window: preview and print it, or export it as a PDF."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMainWindow

from desk.db import Database
from desk.errors import DeskError
from desk.i18n.catalog import _, ngettext
from ui import prompts
from ui.background import run_in_background


def preview(parent: QMainWindow, db: Database, number: str | None, paper: str) -> QDialog | None:
    """The print preview of return `number`'s sheet (None: the generic sheet), not yet open.

    Returns None, after saying why, when the sheet cannot be built.
    """
    from desk.services import instructions_sheet
    from ui.instructions.printing import InstructionsPreview

    try:
        sheet = instructions_sheet(db, return_number=number)
    except DeskError as error:
        prompts.show_error(parent, _("Cannot print the instructions"), str(error))
        return None
    dialog = InstructionsPreview(sheet, paper, parent)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    return dialog


def export_pdf(window: QMainWindow, db: Database, number: str | None, paper: str) -> None:
    """Ask where, then write the sheet of `number` as a PDF in the background.

    Progress and the outcome are said in `window`'s status bar; failures in an error box.
    """
    from ui.instructions.printing import ask_pdf_path, build_and_write, default_pdf_name

    path = ask_pdf_path(window, default_pdf_name(number))
    if path is None:
        return
    bar = window.statusBar()
    bar.showMessage(_("Writing {path}…").format(path=path))
    run_in_background(
        lambda: build_and_write(db, number, path, paper),
        owner=window,
        on_success=lambda pages: bar.showMessage(_saved_line(path, pages), 8000),
        on_failure=lambda error: (
            bar.clearMessage(),
            prompts.show_error(window, _("Cannot save the instructions"), str(error)),
        ),
    )


def _saved_line(path: str, pages: int) -> str:
    return ngettext(
        "Instructions saved to {path} ({n} page).",
        "Instructions saved to {path} ({n} pages).",
        pages,
    ).format(path=path, n=pages)
