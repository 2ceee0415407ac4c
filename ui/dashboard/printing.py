"""The whole dashboard on one A4 page: printed, or written as a PDF file.

The page is laid out once at a fixed size (landscape A4 proportions, four columns) from the
same figures the window shows, then painted scaled onto the printer's page: text stays
text in the PDF, and the page looks the same whatever the window's size.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPagedPaintDevice, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from desk.i18n.catalog import _
from ui.dashboard.charts import ChartCard, Figure

PAGE_SIZE = QSize(1680, 1188)  # A4 landscape proportions (297 x 210), in layout pixels
PDF_RESOLUTION = 300
PRINT_DPI = 300  # the image a printer gets
MARGIN_MM = 8.0
COLUMNS = 4


def place_cards(grid: QGridLayout, cards: list[ChartCard], columns: int) -> None:
    """Put the cards in `grid` in reading order: the weekly chart two columns wide, the
    last card as wide as what is left of its row; rows and columns share the space evenly."""
    grid.addWidget(cards[0], 0, 0, 1, 2)
    row, col = 0, 2
    for index, card in enumerate(cards[1:], start=1):
        if col >= columns:
            row, col = row + 1, 0
        span = columns - col if index == len(cards) - 1 else 1
        grid.addWidget(card, row, col, 1, span)
        col += span
    for c in range(grid.columnCount()):
        grid.setColumnStretch(c, 1 if c < columns else 0)
    for r in range(grid.rowCount()):
        grid.setRowStretch(r, 1 if r <= row else 0)


class PrintPage(QWidget):
    """The dashboard laid out for paper: a heading and every card, without buttons."""

    def __init__(self, heading: str, figures: list[Figure]):
        super().__init__()
        self.setAttribute(Qt.WA_DontShowOnScreen)
        self.setStyleSheet("background: white;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(heading)
        title.setStyleSheet("font-size: 16pt; font-weight: 700; color: #111827;")
        layout.addWidget(title)
        grid = QGridLayout()
        grid.setSpacing(10)
        self.cards = []
        for figure in figures:
            card = ChartCard(with_buttons=False)
            card.show_figure(figure)
            self.cards.append(card)
        place_cards(grid, self.cards, COLUMNS)
        layout.addLayout(grid, 1)
        self.resize(PAGE_SIZE)
        self.show()  # lays out and sizes the charts; never on screen


def paint_page(page: PrintPage, device: QPagedPaintDevice) -> None:
    """Paint `page` scaled to fit the printable area of `device`'s (first and only) page.

    On a PDF writer the widgets paint straight onto the page (text stays text). Qt sends
    a widget rendered onto a printer as an image of its on-screen size; so for a printer
    the page is first painted scaled onto an image at `PRINT_DPI`, which is then printed.
    """
    area = device.pageLayout().paintRectPixels(device.resolution())
    page.resize(round(PAGE_SIZE.height() * area.width() / area.height()), PAGE_SIZE.height())
    page.layout().activate()
    scale = min(area.width() / page.width(), area.height() / page.height())
    painter = QPainter(device)
    try:
        if isinstance(device, QPrinter):
            dpi_scale = PRINT_DPI / device.resolution()
            image = QImage(
                round(page.width() * scale * dpi_scale),
                round(page.height() * scale * dpi_scale),
                QImage.Format_RGB32,
            )
            image.fill(Qt.white)
            on_image = QPainter(image)
            on_image.setRenderHint(QPainter.Antialiasing)
            on_image.scale(scale * dpi_scale, scale * dpi_scale)
            page.render(on_image, QPoint(0, 0))
            on_image.end()
            target = QRectF(0, 0, page.width() * scale, page.height() * scale)
            painter.drawImage(target, image)
        else:
            painter.scale(scale, scale)
            page.render(painter, QPoint(0, 0))
    finally:
        painter.end()


def _a4_landscape(device: QPagedPaintDevice) -> None:
    device.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.A4),
            QPageLayout.Landscape,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Millimeter,
        )
    )


def write_pdf(heading: str, figures: list[Figure], path: Path) -> None:
    """Write the dashboard as a one-page A4 PDF; the file appears complete or not at all.

    Raises OSError when it cannot be written.
    """
    if not path.parent.is_dir():
        raise OSError(
            _("Cannot write {path}: the folder {folder} does not exist.").format(
                path=path, folder=path.parent
            )
        )
    partial = path.with_name(path.name + ".part")
    page = PrintPage(heading, figures)
    writer = QPdfWriter(str(partial))
    writer.setResolution(PDF_RESOLUTION)
    writer.setCreator("Return Desk")
    writer.setTitle(heading)
    _a4_landscape(writer)
    try:
        paint_page(page, writer)
    finally:
        del writer  # flushes and closes the file
        page.deleteLater()
    try:
        os.replace(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise OSError(
            _("Cannot write {path}: {error}.").format(path=path, error=error.strerror or error)
        ) from error


def choose_printer(parent: QWidget, printer: QPrinter) -> bool:
    """Let the owner pick and set up the printer (one place, so tests can answer it)."""
    return QPrintDialog(printer, parent).exec() == QPrintDialog.Accepted


def print_dashboard(parent: QWidget, heading: str, figures: list[Figure]) -> bool:
    """Ask for a printer and print the dashboard on one A4 page; False when cancelled."""
    printer = QPrinter(QPrinter.HighResolution)
    printer.setDocName(heading)
    _a4_landscape(printer)
    if not choose_printer(parent, printer):
        return False
    page = PrintPage(heading, figures)
    try:
        paint_page(page, printer)
    finally:
        page.deleteLater()
    return True
