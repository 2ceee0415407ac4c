"""The instructions sheet as PDF bytes for the customer space, drawn by the desk's Qt renderer.

The PDF is the desk's Export PDF (ui.instructions.printing.write_pdf), so customers download
the very sheet the counter prints. Qt's application object must be made on the process's
main thread: one made on another thread crashes the process when it exits (measured with
PySide6 6.11). Painting a PDF on another thread is what Qt allows (QPainter may paint
QImage, QPrinter and PDF devices outside the GUI thread) and what the desk's own export
does in the background. So:

- `prepare()`, called on the site's event-loop thread, makes the offscreen QGuiApplication
  once when that thread is the main one (uvicorn under `returndesk portal`);
- `pdf_bytes(sheet, paper)` runs in a worker thread: with a Qt application in the process
  it paints under one lock, one sheet at a time; without one (the site running on a thread
  of a process that has none) it runs this module as a small helper process
  (`python -m portal.sheet_pdf PAPER`: the pickled Sheet on stdin, the PDF on stdout),
  where Qt lives on the helper's main thread.

PySide6 is imported only when a PDF is asked for, so the site starts without it.
"""

from __future__ import annotations

import pickle
import re
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from desk.instructions.sheet import Sheet
from desk.program import SHEET_PDF_HELPER, own_command

PAPERS = ("a4", "letter")
HELPER_TIMEOUT = 60.0
"""Seconds the helper process may take for one sheet."""

_LOCK = threading.Lock()


class PdfError(RuntimeError):
    """The PDF could not be drawn (the helper failed or took too long)."""


def file_name(number: str | None) -> str:
    """The download's name: R-2026-00042-instructions.pdf (return-instructions.pdf: none)."""
    if not number:
        return "return-instructions.pdf"
    return re.sub(r"[^A-Za-z0-9._-]", "_", number) + "-instructions.pdf"


def gui_app_running() -> bool:
    """True when this process has a Qt GUI application (made by the desk, a test or prepare)."""
    if "PySide6.QtGui" not in sys.modules:
        return False
    from PySide6.QtGui import QGuiApplication

    return isinstance(QGuiApplication.instance(), QGuiApplication)


def prepare() -> None:
    """Make the offscreen Qt application once, when called on the main thread."""
    if threading.current_thread() is not threading.main_thread() or gui_app_running():
        return
    from ui.instructions.printing import ensure_gui_app

    ensure_gui_app()


def pdf_bytes(sheet: Sheet, paper: str) -> bytes:
    """The PDF of `sheet` on `paper` ("a4" or "letter"); raises PdfError when it fails."""
    if paper not in PAPERS:
        raise ValueError(f"Unknown paper {paper!r}; choose {', '.join(PAPERS)}.")
    if gui_app_running():
        return _in_process(sheet, paper)
    return pdf_in_helper(sheet, paper)


def _in_process(sheet: Sheet, paper: str) -> bytes:
    from ui.instructions.printing import write_pdf

    try:
        with _LOCK, tempfile.TemporaryDirectory(prefix="returndesk-pdf-") as folder:
            path = Path(folder) / "sheet.pdf"
            write_pdf(sheet, path, paper)
            return path.read_bytes()
    except OSError as error:
        raise PdfError("The PDF could not be written to a temporary file.") from error


def pdf_in_helper(sheet: Sheet, paper: str) -> bytes:
    """The PDF of `sheet` drawn by a helper process (Qt on its main thread)."""
    try:
        done = subprocess.run(
            own_command(SHEET_PDF_HELPER, paper),
            input=pickle.dumps(sheet),
            capture_output=True,
            timeout=HELPER_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PdfError("The PDF helper did not finish.") from error
    if done.returncode != 0 or not done.stdout.startswith(b"%PDF-"):
        raise PdfError(f"The PDF helper failed (exit {done.returncode}).")
    return done.stdout


def main(argv: list[str] | None = None) -> int:
    """The helper process: read a pickled Sheet on stdin, write its PDF on stdout."""
    from ui.instructions.printing import ensure_gui_app

    (paper,) = argv if argv is not None else sys.argv[1:]
    sheet = pickle.loads(sys.stdin.buffer.read())  # from the site's own process only
    if not isinstance(sheet, Sheet):
        return 2
    ensure_gui_app()
    sys.stdout.buffer.write(_in_process(sheet, paper))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
