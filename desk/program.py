"""How Return Desk runs itself again, for the customer space and the PDF helper: the
bundled program when it was built by PyInstaller (make dist), else this Python with `-m main`."""

from __future__ import annotations

import sys

SHEET_PDF_HELPER = "_sheet-pdf"
"""The hidden first argument that makes the program draw one sheet's PDF (portal.sheet_pdf)."""


def is_bundled() -> bool:
    """True when running as the self-contained program of `make dist`."""
    return bool(getattr(sys, "frozen", False))


def own_command(*arguments: str) -> list[str]:
    """The command line that runs Return Desk with `arguments`, program first."""
    if is_bundled():
        return [sys.executable, *arguments]
    return [sys.executable, "-m", "main", *arguments]
