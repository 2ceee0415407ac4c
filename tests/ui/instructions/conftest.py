"""Drawing a sheet's blocks alone: a 72 dpi image, a context per format, where ink landed."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter

from ui.instructions.painting import Context
from ui.instructions.paper_formats import page_format

WIDTH = 480  # device pixels; the image is 72 dpi, so one pixel is one point
MARGIN = 20


def image(height: int) -> QImage:
    picture = QImage(WIDTH + 2 * MARGIN, height, QImage.Format_RGB32)
    dots_per_metre = round(72 / 0.0254)
    picture.setDotsPerMeterX(dots_per_metre)
    picture.setDotsPerMeterY(dots_per_metre)
    picture.fill(Qt.white)
    return picture


@pytest.fixture
def ctx(qapp):
    def make(key="a4", **labels):
        return Context(image(10), page_format(key), labels)

    return make


def inked_rows(picture: QImage) -> tuple[int, int]:
    """The first and last rows of `picture` with anything drawn on them."""
    row_bytes = picture.bytesPerLine()
    data = bytes(picture.constBits())
    white = b"\xff" * (picture.width() * 4)
    rows = [
        y
        for y in range(picture.height())
        if data[y * row_bytes : y * row_bytes + picture.width() * 4] != white
    ]
    return rows[0], rows[-1]


def paint_alone(block) -> tuple[float, int, int]:
    """Measure `block`, paint it below a margin; return its height and the inked rows."""
    height = block.measure(WIDTH)
    picture = image(int(height) + 4 * MARGIN)
    painter = QPainter(picture)
    painter.setRenderHint(QPainter.Antialiasing)
    block.paint(painter, MARGIN, 2 * MARGIN, WIDTH)
    painter.end()
    top, bottom = inked_rows(picture)
    return height, top, bottom


def point(name="Repair Café", accepts=("Reuse", "Recycling")):
    return SimpleNamespace(
        name=name, address="Rua das Flores 12, Lisboa", hours="Mon–Fri 9–18", accepts=accepts
    )


def step(text="Pack the item with everything it came with.", icon="box"):
    return SimpleNamespace(text=text, icon=icon)
