"""Print, preview and export the return instructions sheet; the headless PDF writer for the CLI."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication, QPdfWriter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QFileDialog, QLabel, QToolBar, QWidget

from desk.db import Database
from desk.errors import DeskError
from desk.i18n.catalog import _
from ui import state
from ui.actions import dialog_keys
from ui.instructions.paper_formats import (
    format_combo,
    page_format,
)
from ui.instructions.render import render_sheet

PDF_RESOLUTION = 1200

_app: QGuiApplication | None = None


def ensure_gui_app() -> QGuiApplication:
    """Return the running Qt application, or start an offscreen one when there is none."""
    global _app
    app = QGuiApplication.instance()
    if app is not None:
        return app
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(["returndesk"])
    return _app


def write_pdf(sheet, path: str | os.PathLike, page_format_key: str = "a4") -> int:
    """Write `sheet` as a PDF file in a format ("a4", "letter", "receipt"); return its pages.

    The file appears complete or not at all. Raises OSError when it cannot be written.
    """
    return _write_pdf(sheet, Path(path), page_format(page_format_key))


def _write_pdf(sheet, target: Path, fmt) -> int:
    if not target.parent.is_dir():
        raise OSError(
            _("Cannot write {path}: the folder {folder} does not exist.").format(
                path=target, folder=target.parent
            )
        )
    partial = target.with_name(target.name + ".part")
    writer = QPdfWriter(str(partial))
    writer.setResolution(PDF_RESOLUTION)
    writer.setCreator("Return Desk")
    writer.setTitle(" ".join(x for x in (sheet.title, sheet.return_number) if x))
    try:
        pages = render_sheet(sheet, writer, fmt.key)
    except OSError as error:
        raise OSError(
            _("Cannot write {path}: check the folder exists and is writable.").format(path=target)
        ) from error
    finally:
        del writer  # flushes and closes the file
    try:
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise OSError(
            _("Cannot write {path}: {error}.").format(path=target, error=error.strerror or error)
        ) from error
    return pages


def build_and_write(db: Database, number: str | None, path: str, page_format_key: str) -> int:
    """Build the sheet of return `number` (None: the generic sheet) and write it as a PDF."""
    from desk.services import instructions_sheet

    return write_pdf(instructions_sheet(db, return_number=number), path, page_format_key)


def run_cli(args: argparse.Namespace) -> int:
    """`returndesk instructions`: write the PDF, print its path; one-line errors, exit 1."""
    return _run_cli(args)


def _run_cli(args: argparse.Namespace) -> int:
    from desk.db import open_database
    from desk.paths import database_url
    from desk.services import instructions_sheet

    try:
        fmt = page_format(args.format)
        db = open_database(database_url(args.db))
        try:
            sheet = instructions_sheet(db, return_number=args.number, language=args.language)
        finally:
            db.close()
        ensure_gui_app()
        write_pdf(sheet, args.pdf, fmt.key)
    except (DeskError, OSError, ValueError) as error:
        print(f"returndesk: {error}", file=sys.stderr)
        return 1
    print(Path(args.pdf))
    return 0


class InstructionsPreview(QPrintPreviewDialog):
    """Print preview of the sheet, with a paper format choice in its toolbar."""

    def __init__(self, sheet, page_format_key: str = "a4", parent: QWidget | None = None):
        self.printer = QPrinter(QPrinter.HighResolution)
        super().__init__(self.printer, parent)
        self.setObjectName("instructionsPreview")
        self.sheet = sheet
        self.page_format = page_format(page_format_key).key
        self.pages = 0
        title = (
            _("Return instructions — {number}").format(number=sheet.return_number)
            if sheet.return_number
            else _("Return instructions")
        )
        self.setWindowTitle(title)
        self.printer.setDocName(title)
        self.format_combo = format_combo(self)
        self.format_combo.setCurrentIndex(self.format_combo.findData(self.page_format))
        toolbar = self.findChild(QToolBar)
        printing = QCoreApplication.translate("QPrintPreviewDialog", "Print")
        prints = [a for a in toolbar.actions() if a.text() == printing] if toolbar else []
        if toolbar is not None:
            toolbar.addSeparator()
            toolbar.addWidget(QLabel(" " + _("Paper") + " "))
            toolbar.addWidget(self.format_combo)
        dialog_keys(self, accept=prints[0].trigger if prints else self.accept)  # Qt's Print button
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.paintRequested.connect(self._paint)
        self.resize(900, 900)

    def preview_widget(self) -> QPrintPreviewWidget:
        return self.findChild(QPrintPreviewWidget)

    def _paint(self, printer: QPrinter) -> None:
        self.pages = render_sheet(self.sheet, printer, self.page_format)

    def _format_changed(self) -> None:
        self.page_format = self.format_combo.currentData()
        self.preview_widget().updatePreview()


def ask_pdf_path(parent: QWidget | None, default_name: str) -> str | None:
    """Ask where to save the PDF; return the path (ending in .pdf) or None when cancelled."""
    folder = state.start_folder(state.EXPORT_FOLDER)
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        _("Export instructions as PDF"),
        str(Path(folder) / default_name),
        _("PDF (*.pdf)"),
    )
    if not path:
        return None
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    state.remember_folder(state.EXPORT_FOLDER, path)
    return path


def default_pdf_name(number: str | None) -> str:
    """R-2026-00042-instructions.pdf, or return-instructions.pdf for the generic sheet."""
    if number:
        # TRANSLATORS: a file name offered to save the sheet: no spaces, no accents
        return _("{number}-instructions.pdf").format(number=number)
    # TRANSLATORS: a file name offered to save the sheet: no spaces, no accents
    return _("return-instructions.pdf")
