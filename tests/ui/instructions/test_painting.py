"""The sheet's drawing primitives: text wrapped to a width, icons by name, the QR code."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QPdfWriter

from ui.instructions.painting import DEFAULT_LABELS, Context, icon_svg, qr_path
from ui.instructions.paper_formats import page_format


@pytest.fixture
def context(qapp):
    buffer = QBuffer()
    buffer.open(QIODevice.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(300)
    yield Context(writer, page_format("a4"), {"return_number": "Número", "deadline": ""})
    buffer.close()


def test_points_follow_the_device_resolution_and_labels_keep_defaults(context):
    assert context.pt(72) == pytest.approx(300)
    assert context.labels["return_number"] == "Número"
    assert context.labels["deadline"] == DEFAULT_LABELS["deadline"]  # empty: the default stays


def test_wrap_keeps_lines_within_the_width(context):
    width = context.pt(120)
    text = context.wrap("Pack the item with all its parts and the printed sheet. " * 3, 10, width)
    assert len(text.lines) > 1
    assert all(advance <= width + 0.5 for advance in text.advances)
    assert (
        " ".join(text.lines).split()
        == ("Pack the item with all its parts and the printed sheet. " * 3).split()
    )
    assert text.height == pytest.approx(len(text.lines) * text.line_height)


def test_wrap_keeps_line_breaks_and_squeezes_spaces(context):
    text = context.wrap("Rua   Augusta 10\nLisboa", 10, context.pt(400))
    assert text.lines == ["Rua Augusta 10", "Lisboa"]
    assert context.wrap("", 10, context.pt(100)).lines == [""]


def test_wrap_elides_after_the_last_allowed_line(context):
    text = context.wrap("word " * 200, 10, context.pt(100), max_lines=2)
    assert len(text.lines) == 2 and text.lines[-1].endswith("…")


def test_icons_by_name_only_from_the_package():
    assert icon_svg("slip").lstrip().startswith(b"<")
    assert icon_svg("no-such-icon") is None
    assert icon_svg("../../pyproject") is None and icon_svg("") is None


def test_qr_code_fills_its_square(qapp):
    path = qr_path("https://shop.example/r/R-2026-00001", 10, 20, 100)
    box = path.boundingRect()
    assert box.left() >= 10 and box.top() >= 20
    assert box.right() <= 110 and box.bottom() <= 120
    assert box.width() == pytest.approx(box.height())
    assert box.left() - 10 == pytest.approx(110 - box.right())  # the quiet zone on each side
    assert box.left() - 10 < 12
