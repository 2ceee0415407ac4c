"""A reward code on a receipt-sized slip (the instructions' 80 mm roll), printed or as PDF.

The slip says, in the customer's language: thank you, the code in large type, what it
gives and until when, and how to use it. `write_slip_pdf` writes it to a file (tests, and
a look at it); `print_slip` asks for a printer and prints it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QPagedPaintDevice, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QDialog, QWidget

from desk.feedback.rewards import CodeInfo, describe_reward
from desk.i18n.catalog import _
from desk.messages.context import normalise_language
from desk.models import RewardCode
from desk.words import section
from ui.instructions.paper_formats import page_format

SLIP_HEIGHT_MM = 65


@dataclass(frozen=True)
class Slip:
    """What the slip says, already in the customer's words."""

    shop: str
    thanks: str
    intro: str
    code: str
    gives: str
    hint: str


def slip_for(reward: RewardCode | CodeInfo, *, shop: str, currency: str, language: str) -> Slip:
    """The slip's texts for `reward`, in `language`."""
    language = normalise_language(language)
    words = section(language, "counter")
    return Slip(
        shop=shop,
        thanks=words["thanks_title_anonymous"] + " " + words["thanks_line"],
        intro=words["reward_intro"],
        code=reward.code,
        gives=describe_reward(reward, currency, language),
        hint=words["reward_hint"],
    )


def _page(device: QPagedPaintDevice) -> None:
    fmt = page_format("receipt")
    size = QPageSize(QSizeF(fmt.width_mm, SLIP_HEIGHT_MM), QPageSize.Millimeter, "Reward slip")
    margins = QMarginsF(*(fmt.margin_mm,) * 4)
    device.setPageLayout(QPageLayout(size, QPageLayout.Portrait, margins, QPageLayout.Millimeter))


def paint_slip(painter: QPainter, slip: Slip, area: QRectF, dpi: int) -> None:
    """Draw `slip` into `area` (device pixels at `dpi`), top to bottom, centred."""

    def font(points: float, *, bold: bool = False, mono: bool = False) -> QFont:
        f = QFont("DejaVu Sans Mono" if mono else "DejaVu Sans")
        f.setPixelSize(max(1, round(points * dpi / 72)))
        f.setBold(bold)
        return f

    y = area.top()
    gap = dpi * 3 / 25.4  # 3 mm
    for text, f in (
        (slip.shop, font(13, bold=True)),
        (slip.thanks, font(8.5)),
        (slip.intro, font(9, bold=True)),
        (slip.code, font(17, bold=True, mono=True)),
        (slip.gives, font(9)),
        (slip.hint, font(7.5)),
    ):
        painter.setFont(f)
        box = QRectF(area.left(), y, area.width(), area.bottom() - y)
        flags = Qt.AlignHCenter | Qt.AlignTop | Qt.TextWordWrap
        used = painter.boundingRect(box, flags, text)
        painter.drawText(box, flags, text)
        y += used.height() + gap


def write_slip_pdf(slip: Slip, path: str | Path) -> None:
    """Write the slip as a one-page PDF of the receipt roll's width."""
    writer = QPdfWriter(str(path))
    writer.setResolution(600)
    writer.setCreator("Return Desk")
    writer.setTitle(_("Reward code {code}").format(code=slip.code))
    _page(writer)
    painter = QPainter(writer)
    try:
        paint_slip(painter, slip, QRectF(painter.viewport()), writer.resolution())
    finally:
        painter.end()


def print_slip(
    parent: QWidget, reward: RewardCode | CodeInfo, *, shop: str, currency: str, language: str
):
    """Ask for a printer (the receipt printer), then print the code's slip on it."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.HighResolution)
    _page(printer)
    chooser = QPrintDialog(printer, parent)
    chooser.setWindowTitle(_("Print reward code {code}").format(code=reward.code))
    if chooser.exec() != QDialog.Accepted:
        return
    slip = slip_for(reward, shop=shop, currency=currency, language=language)
    painter = QPainter(printer)
    try:
        paint_slip(painter, slip, QRectF(painter.viewport()), printer.resolution())
    finally:
        painter.end()
