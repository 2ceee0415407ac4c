"""Drawing primitives of the instruction sheet: text layout, fonts, colours, icons, QR code.

`Context` measures and draws for one paint device: it turns points into device pixels, makes
the sheet's fonts, lays text out (`wrap`, giving a `Text`) and draws it (`draw`), and draws
the instruction icons. `qr_path`, `rounded`, `number_circle` and `load_logo` are the other
pieces the blocks (`ui.instructions.blocks`) are drawn with.

Text never overflows its width: every run is laid out with QTextLayout into its width (at
word boundaries, inside a word when it must). Paragraphs take as many lines as they need
(blocks grow, and `ui.instructions.render` moves them to the next page or shrinks one that
is taller than a page); only one-line captions that repeat elsewhere (the footer) may be
elided with "…", and every elided text is recorded in `Context.cut`, so a test can tell.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import segno
from PySide6.QtCore import QByteArray, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPainter,
    QPainterPath,
    QPen,
    QTextLayout,
    QTextOption,
)
from PySide6.QtSvg import QSvgRenderer

from ui.instructions.paper_formats import PageFormat

BRAND = QColor("#17698C")
ACCENT = QColor("#FFC94D")
INK = QColor("#1F2933")
MUTED = QColor("#56636D")
TINT = QColor("#E7F1F5")
WHITE = QColor("#FFFFFF")
FONT_FAMILY = "DejaVu Sans"
ICON_PACKAGE = "resources"
ICON_FOLDER = ("icons", "instructions")
FALLBACK_ICON = "slip"

DEFAULT_LABELS = {
    "return_number": "Return number",
    "customer": "Customer",
    "scan_me": "Show this code at the counter",
    "deadline": "Deadline",
    "steps": "What to do",
    "continued": "continued",
    "page": "Page {page} of {pages}",
    "hours": "Hours",
    "categories": "Takes",
    "no_dropoff": "",
    "printed": "",
}


@dataclass
class Text:
    """Text laid out into lines of at most one width."""

    lines: list[str]
    font: QFont
    line_height: float
    ascent: float
    advances: list[float]
    elided: bool = False

    @property
    def height(self) -> float:
        return len(self.lines) * self.line_height


class Context:
    """Measures and draws for one paint device: unit conversion, fonts, icons."""

    def __init__(self, device: QPagedPaintDevice, fmt: PageFormat, labels: dict[str, str]):
        self.device = device
        self.fmt = fmt
        self.unit = device.logicalDpiY() / 72.0  # device pixels per point
        self.labels = {**DEFAULT_LABELS, **{k: v for k, v in labels.items() if v}}
        self._icons: dict[str, QSvgRenderer] = {}
        self.scale = 1.0  # type size factor: below 1 while a block too tall for a page shrinks
        self.cut: list[str] = []  # the texts that had to be elided (should stay empty)

    def scaled(self, scale: float) -> Context:
        """A context drawing type `scale` times smaller or larger, sharing icons and `cut`."""
        other = Context.__new__(Context)
        other.__dict__.update(self.__dict__)
        other.scale = scale
        return other

    def pt(self, points: float) -> float:
        """Points to device pixels."""
        return points * self.unit

    def font(self, size: float, bold: bool = False) -> QFont:
        font = QFont(FONT_FAMILY)
        font.setPointSizeF(size * self.scale)
        font.setBold(bold)
        font.setHintingPreference(QFont.PreferNoHinting)
        font.setFeature(QFont.Tag("liga"), 0)  # "ff" stays two letters when copied or searched
        return font

    def wrap(
        self, text: str, size: float, width: float, max_lines: int = 0, bold=False, repeat=False
    ) -> Text:
        """Lay `text` out in `width` device pixels; elide after `max_lines` (0: no limit).

        An elided text is recorded in `cut` unless it is a `repeat` (words shown whole
        elsewhere on the sheet, like the footer's shop name); so is a line wider than `width`.
        """
        font = self.font(size, bold)
        metrics = QFontMetricsF(font, self.device)
        text = " ".join(text.split()) if "\n" not in text else text
        text = "\u2028".join(" ".join(part.split()) for part in text.split("\n"))
        layout = QTextLayout(text, font, self.device)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        units = text.encode("utf-16-le")
        spans = []
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            spans.append((line.textStart(), line.textLength()))
        layout.endLayout()

        def piece(start: int, end: int | None = None) -> str:
            stop = len(units) if end is None else 2 * end
            return units[2 * start : stop].decode("utf-16-le").replace("\u2028", " ").strip()

        lines = [piece(s, s + n) for s, n in spans] or [""]
        elided = bool(max_lines) and len(lines) > max_lines
        if elided:
            rest = piece(spans[max_lines - 1][0])
            lines = lines[: max_lines - 1] + [metrics.elidedText(rest, Qt.ElideRight, width)]
            if not repeat:
                self.cut.append(text.replace("\u2028", "\n"))
        advances = [metrics.horizontalAdvance(line) for line in lines]
        if any(advance > width + 0.5 for advance in advances):
            self.cut.append(text.replace("\u2028", "\n"))
        return Text(lines, font, metrics.lineSpacing(), metrics.ascent(), advances, elided)

    def draw(
        self,
        painter: QPainter,
        text: Text,
        x: float,
        y: float,
        width: float,
        color: QColor = INK,
        align: Qt.AlignmentFlag = Qt.AlignLeft,
    ) -> float:
        """Draw laid-out text with its top-left at (x, y); return its height."""
        painter.setFont(text.font)
        painter.setPen(color)
        for i, (line, advance) in enumerate(zip(text.lines, text.advances, strict=True)):
            dx = 0.0
            if align == Qt.AlignHCenter:
                dx = max(0.0, (width - advance) / 2)
            elif align == Qt.AlignRight:
                dx = max(0.0, width - advance)
            painter.drawText(QPointF(x + dx, y + i * text.line_height + text.ascent), line)
        return text.height

    def icon(self, painter: QPainter, name: str, rect: QRectF) -> None:
        """Draw the instruction icon `name` (a file stem) scaled into `rect`."""
        if name not in self._icons:
            data = icon_svg(name) or icon_svg(FALLBACK_ICON)
            self._icons[name] = QSvgRenderer(QByteArray(data))
        self._icons[name].render(painter, rect)


@cache
def icon_svg(name: str) -> bytes | None:
    """The SVG bytes of instruction icon `name`, or None when there is no such icon."""
    if not name or not name.replace("_", "").replace("-", "").isalnum():
        return None
    path = resources.files(ICON_PACKAGE).joinpath(*ICON_FOLDER, f"{name}.svg")
    try:
        return path.read_bytes()
    except OSError:
        return None


def qr_path(text: str, x: float, y: float, side: float) -> QPainterPath:
    """The dark modules of `text`'s QR code as one path filling a `side` square with quiet zone."""
    qr = segno.make(text, error="m", micro=False)
    rows = [list(row) for row in qr.matrix_iter(scale=1, border=4)]
    module = side / len(rows)
    path = QPainterPath()
    path.setFillRule(Qt.WindingFill)
    for r, row in enumerate(rows):
        c = 0
        while c < len(row):
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1
            path.addRect(QRectF(x + start * module, y + r * module, (c - start) * module, module))
    return path


def rounded(painter: QPainter, rect: QRectF, radius: float, fill: QColor, pen: QPen | None = None):
    painter.setPen(pen or Qt.NoPen)
    painter.setBrush(fill)
    painter.drawRoundedRect(rect, radius, radius)
    painter.setBrush(Qt.NoBrush)


def number_circle(painter: QPainter, c: Context, rect: QRectF, number: int, size: float):
    """A step number, white on a brand-coloured circle filling `rect`."""
    painter.setPen(QPen(WHITE, c.pt(2)))
    painter.setBrush(BRAND)
    painter.drawEllipse(rect)
    painter.setBrush(Qt.NoBrush)
    painter.setFont(c.font(size, bold=True))
    painter.setPen(WHITE)
    painter.drawText(rect, Qt.AlignCenter, str(number))


def load_logo(path: str | None) -> QImage | None:
    """The logo image at `path`, at most 400 pixels tall; None when there is none."""
    if not path:
        return None
    image = QImage(str(path))
    if image.isNull() or image.width() < 1 or image.height() < 1:
        return None
    if image.height() > 400:
        image = image.scaledToHeight(400, Qt.SmoothTransformation)
    return image
