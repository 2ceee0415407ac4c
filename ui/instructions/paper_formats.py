"""The paper formats of the printed instructions, and the combo that picks one (light: no
rendering code, so the main window can show the choice without loading the renderer)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QPageSize
from PySide6.QtWidgets import QComboBox, QWidget

from desk.i18n.catalog import N_, _
from ui import state

FORMAT_KEY = "instructions/page_format"


@dataclass(frozen=True)
class PageFormat:
    """One paper format: size in millimetres (no height: a roll), margins, layout density;
    `label` is English (the page size's name), translated where shown."""

    key: str
    label: str
    width_mm: float
    height_mm: float | None
    margin_mm: float
    columns: int
    compact: bool
    page_size_id: QPageSize.PageSizeId | None = None


FORMATS: dict[str, PageFormat] = {
    "a4": PageFormat("a4", "A4", 210, 297, 14, 2, False, QPageSize.A4),
    "letter": PageFormat("letter", N_("US Letter"), 215.9, 279.4, 14, 2, False, QPageSize.Letter),
    "receipt": PageFormat("receipt", N_("Receipt roll 80 mm"), 80, None, 4, 1, True),
}


def page_format(key: str) -> PageFormat:
    """The format called `key` ("a4", "letter", "receipt"); ValueError names the choices."""
    try:
        return FORMATS[key.lower()]
    except KeyError:
        raise ValueError(
            _("Unknown page format {key}; choose {choices}.").format(
                key=repr(key), choices=", ".join(FORMATS)
            )
        ) from None


def saved_format() -> str:
    """The paper format last chosen on this desk (A4 at first)."""
    key = state.load_text(FORMAT_KEY, "a4")
    return key if key in FORMATS else "a4"


def format_combo(parent: QWidget | None = None) -> QComboBox:
    """A combo of the paper formats, on the saved one; a choice is remembered."""
    combo = QComboBox(parent)
    combo.setObjectName("instructionsFormat")
    for key, fmt in FORMATS.items():
        combo.addItem(_(fmt.label), key)
    combo.setCurrentIndex(combo.findData(saved_format()))
    combo.currentIndexChanged.connect(lambda _: state.save(FORMAT_KEY, combo.currentData()))
    return combo
