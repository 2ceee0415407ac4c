"""Draw a return's instruction sheet with QPainter: A4, US Letter or an 80 mm receipt roll.

`render_sheet(sheet, device, page_format)` paints a `desk.instructions.Sheet` on any
QPagedPaintDevice (QPdfWriter for files, QPrinter for paper and the print preview).

Layout, top to bottom (one column; sizes are in points and become device pixels)::

    ┌────────────────────────────────────────────────┐
    │ [logo] Shop name                 brand band    │  address · phone · hours in the band
    │ Title                                          │
    │ ┌ tinted card ──────────────────────┬───────┐  │  return number LARGE, customer name,
    │ │ RETURN NUMBER  R-2026-00042       │  QR   │  │  the deadline in an accent box; the QR
    │ │ For  Ana Souza                    │ code  │  │  (the return number) on the right.
    │ │ [ Return by  12 March 2026 ]      │       │  │  Generic sheet: deadline box only.
    │ └───────────────────────────────────┴───────┘  │
    │ How it works                                   │
    │ (1) [icon] one short line per step             │  numbers in brand circles, joined
    │ (2) [icon] ...                                 │  by a thin line
    │ Where to drop it off                           │
    │ [card: name, address, hours, badges] [card]    │  two cards a row (one on the roll)
    │ [leaf] sustainability title and note           │
    │ shop name · phone                  Page 1 of 2 │  footer (A4 and Letter only)
    └────────────────────────────────────────────────┘

The receipt format is 80 mm wide with 4 mm margins (72 mm printable) and stacks the
hero centred; its page is as tall as the content, up to `ROLL_MAX_MM`, beyond which it
continues on further pages of the same width.

Pages: the sheet is a list of blocks (header, title, hero, heading, one block per step,
one per row of drop-off cards, note). A block that does not fit on the page starts the
next page; a block belonging to a section (steps, drop-off points) that starts a page is
preceded there by "<section title> (continued)". Headings stay with their first block.

Text never overflows: every run is laid out with QTextLayout into its width (at word
boundaries, inside a word when it must) with a maximum number of lines; the last line
that fits is elided with "…". So a 120-character customer name takes two lines at most.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import segno
from PySide6.QtCore import QByteArray, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPen,
    QTextLayout,
    QTextOption,
)
from PySide6.QtSvg import QSvgRenderer

from ui.paper_formats import FORMATS, PageFormat, page_format  # noqa: F401  (re-exported)

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
ROLL_MAX_MM = 1000.0
MM = 72 / 25.4  # points per millimetre

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


def page_size(fmt: PageFormat, height_mm: float | None = None) -> QPageSize:
    """The QPageSize of `fmt`; a roll gets `height_mm`."""
    if fmt.page_size_id is not None:
        return QPageSize(fmt.page_size_id)
    size = QSizeF(fmt.width_mm, height_mm or fmt.width_mm)
    return QPageSize(size, QPageSize.Millimeter, fmt.label, QPageSize.ExactMatch)


# text


@dataclass
class Text:
    """Text laid out into lines of at most one width."""

    lines: list[str]
    font: QFont
    line_height: float
    ascent: float
    advances: list[float]

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

    def pt(self, points: float) -> float:
        """Points to device pixels."""
        return points * self.unit

    def font(self, size: float, bold: bool = False) -> QFont:
        font = QFont(FONT_FAMILY)
        font.setPointSizeF(size)
        font.setBold(bold)
        font.setHintingPreference(QFont.PreferNoHinting)
        font.setFeature(QFont.Tag("liga"), 0)  # "ff" stays two letters when copied or searched
        return font

    def wrap(self, text: str, size: float, width: float, max_lines: int = 0, bold=False) -> Text:
        """Lay `text` out in `width` device pixels; elide after `max_lines` (0: no limit)."""
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
        if max_lines and len(lines) > max_lines:
            rest = piece(spans[max_lines - 1][0])
            lines = lines[: max_lines - 1] + [metrics.elidedText(rest, Qt.ElideRight, width)]
        advances = [metrics.horizontalAdvance(line) for line in lines]
        return Text(lines, font, metrics.lineSpacing(), metrics.ascent(), advances)

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


# blocks


@dataclass
class Block:
    """A piece of the sheet: `measure(width)` lays it out, `paint` draws it at a place."""

    ctx: Context
    section: str = ""  # title of the section it continues, if any
    keep_with_next: bool = False
    height: float = 0.0

    def measure(self, width: float) -> float:
        raise NotImplementedError

    def paint(self, painter: QPainter, x: float, y: float, width: float) -> None:
        raise NotImplementedError


@dataclass
class Header(Block):
    shop: str = ""
    contact: str = ""
    logo_path: str | None = None

    def measure(self, width: float) -> float:
        c = self.ctx
        compact = c.fmt.compact
        self.pad = c.pt(8 if compact else 12)
        self.logo = _load_logo(self.logo_path)
        self.logo_h = c.pt(30 if compact else 40) if self.logo else 0.0
        self.logo_w = self.logo_h * self.logo.width() / self.logo.height() if self.logo else 0.0
        self.logo_w = min(self.logo_w, width / 3)
        side = 0 if compact or not self.logo else self.logo_w + self.pad
        inner = width - 2 * self.pad - side
        self.name = c.wrap(self.shop, 13 if compact else 19, inner, 2, bold=True)
        self.info = c.wrap(self.contact, 7.5 if compact else 9, inner, 3) if self.contact else None
        text_h = self.name.height + (self.info.height + c.pt(3) if self.info else 0)
        body = text_h + (self.logo_h + c.pt(4) if compact and self.logo else 0)
        self.height = max(body, 0 if compact else self.logo_h) + 2 * self.pad
        return self.height

    def paint(self, painter, x, y, width):
        c = self.ctx
        rounded(painter, QRectF(x, y, width, self.height), c.pt(8), BRAND)
        left, top, inner = x + self.pad, y + self.pad, width - 2 * self.pad
        align = Qt.AlignHCenter if c.fmt.compact else Qt.AlignLeft
        if self.logo and c.fmt.compact:
            box = QRectF(x + (width - self.logo_w) / 2, top, self.logo_w, self.logo_h)
            painter.drawImage(box, self.logo)
            top += self.logo_h + c.pt(4)
        elif self.logo:
            top_logo = y + (self.height - self.logo_h) / 2
            painter.drawImage(QRectF(left, top_logo, self.logo_w, self.logo_h), self.logo)
            left += self.logo_w + self.pad
            inner -= self.logo_w + self.pad
            top = y + (self.height - self.name.height - (self.info.height if self.info else 0)) / 2
        top += c.draw(painter, self.name, left, top, inner, WHITE, align)
        if self.info:
            c.draw(painter, self.info, left, top + c.pt(3), inner, WHITE, align)


def _load_logo(path: str | None) -> QImage | None:
    if not path:
        return None
    image = QImage(str(path))
    if image.isNull() or image.width() < 1 or image.height() < 1:
        return None
    if image.height() > 400:
        image = image.scaledToHeight(400, Qt.SmoothTransformation)
    return image


@dataclass
class Title(Block):
    text: str = ""
    size: float = 20
    color: QColor = field(default_factory=lambda: BRAND)
    underline: bool = False

    def measure(self, width):
        self.laid = self.ctx.wrap(self.text, self.size, width, 3, bold=True)
        self.height = self.laid.height + (self.ctx.pt(6) if self.underline else 0)
        return self.height

    def paint(self, painter, x, y, width):
        c = self.ctx
        align = Qt.AlignHCenter if c.fmt.compact and not self.underline else Qt.AlignLeft
        h = c.draw(painter, self.laid, x, y, width, self.color, align)
        if self.underline:
            rounded(painter, QRectF(x, y + h + c.pt(2), c.pt(36), c.pt(3.5)), c.pt(1.75), ACCENT)


@dataclass
class Hero(Block):
    """Return number, customer and QR code in a tinted card, and the deadline box."""

    number: str | None = None
    qr_text: str | None = None
    customer: str | None = None
    deadline_text: str = ""

    def measure(self, width):
        c, compact = self.ctx, self.ctx.fmt.compact
        self.pad = c.pt(8 if compact else 14)
        self.card = bool(self.number or self.customer or self.qr_text)
        self.qr_side = c.pt(120 if compact else 104) if self.qr_text else 0.0
        gap = c.pt(16)
        if not self.card:
            self.left_w = width
        elif compact or not self.qr_text:
            self.left_w = width - 2 * self.pad
        else:
            self.left_w = width - 2 * self.pad - self.qr_side - gap
        lw, lab = self.left_w, c.labels
        self.parts: list[tuple[Text, QColor, float]] = []  # text, colour, space before
        if self.number:
            self.parts.append((c.wrap(lab["return_number"].upper(), 8.5, lw, 1, True), MUTED, 0))
            big = 21 if compact else 30
            self.parts.append((c.wrap(self.number, big, lw, 2, bold=True), BRAND, c.pt(2)))
        if self.customer:
            space = c.pt(8) if self.parts else 0
            self.parts.append((c.wrap(lab["customer"].upper(), 8.5, lw, 1, True), MUTED, space))
            self.parts.append((c.wrap(self.customer, 11 if compact else 13, lw, 2, True), INK, 0))
        self.caption = None
        if self.qr_text:
            cap_w = lw if compact else self.qr_side + gap
            self.caption = c.wrap(lab["scan_me"], 7.5 if compact else 8, cap_w, 2)
        box_w = (width - 2 * self.pad) if self.card and compact else lw
        self.box_pad = c.pt(8 if compact else 10)
        self.box_label = c.wrap(lab["deadline"].upper(), 8.5, box_w - 2 * self.box_pad, 1, True)
        self.box_text = c.wrap(
            self.deadline_text, 12 if compact else 15, box_w - 2 * self.box_pad, 3, bold=True
        )
        self.box_w = box_w
        self.box_h = self.box_label.height + c.pt(2) + self.box_text.height + 2 * self.box_pad
        text_h = sum(t.height + space for t, _, space in self.parts)
        if not self.card:
            self.height = self.box_h
        elif compact:
            qr_h = self.qr_side + c.pt(4) + self.caption.height if self.qr_text else 0
            self.height = (
                2 * self.pad
                + text_h
                + qr_h
                + self.box_h
                + c.pt(10) * (bool(self.parts) + bool(self.qr_text))
            )
        else:
            left_h = text_h + (c.pt(12) if self.parts else 0) + self.box_h
            right_h = self.qr_side + c.pt(4) + self.caption.height if self.qr_text else 0
            self.height = 2 * self.pad + max(left_h, right_h)
        return self.height

    def paint(self, painter, x, y, width):
        c, compact = self.ctx, self.ctx.fmt.compact
        if not self.card:
            self._deadline(painter, x, y)
            return
        rounded(painter, QRectF(x, y, width, self.height), c.pt(10), TINT)
        left, top = x + self.pad, y + self.pad
        align = Qt.AlignHCenter if compact else Qt.AlignLeft
        for text, color, space in self.parts:
            top += space
            top += c.draw(painter, text, left, top, self.left_w, color, align)
        if self.parts:
            top += c.pt(10 if compact else 12)
        if self.qr_text and compact:
            qx = x + (width - self.qr_side) / 2
            self._qr(painter, qx, top)
            top += self.qr_side + c.pt(4)
            top += c.draw(painter, self.caption, left, top, self.left_w, MUTED, Qt.AlignHCenter)
            top += c.pt(10)
        elif self.qr_text:
            qx = x + width - self.pad - self.qr_side
            self._qr(painter, qx, y + self.pad)
            cap_x = qx - c.pt(8)
            cap_y = y + self.pad + self.qr_side + c.pt(4)
            c.draw(
                painter, self.caption, cap_x, cap_y, self.qr_side + c.pt(16), MUTED, Qt.AlignHCenter
            )
        self._deadline(painter, left, top)

    def _qr(self, painter, x, y):
        rect = QRectF(x, y, self.qr_side, self.qr_side)
        rounded(painter, rect, self.ctx.pt(6), WHITE)
        painter.setPen(Qt.NoPen)
        painter.setBrush(INK)
        painter.drawPath(qr_path(self.qr_text, x, y, self.qr_side))
        painter.setBrush(Qt.NoBrush)

    def _deadline(self, painter, x, y):
        c, p = self.ctx, self.box_pad
        rounded(painter, QRectF(x, y, self.box_w, self.box_h), c.pt(8), ACCENT)
        align = Qt.AlignHCenter if c.fmt.compact else Qt.AlignLeft
        inner = self.box_w - 2 * p
        top = y + p + c.draw(painter, self.box_label, x + p, y + p, inner, INK, align)
        c.draw(painter, self.box_text, x + p, top + c.pt(2), inner, INK, align)


@dataclass
class StepRow(Block):
    number: int = 1
    icon: str = ""
    text: str = ""
    last: bool = False

    def measure(self, width):
        c, compact = self.ctx, self.ctx.fmt.compact
        self.circle = c.pt(22 if compact else 28)
        self.icon_side = c.pt(28 if compact else 38)
        self.gap = c.pt(7 if compact else 12)
        text_w = width - self.circle - self.icon_side - 2 * self.gap
        self.laid = c.wrap(self.text, 9.5 if compact else 12, text_w, 5 if compact else 4)
        self.height = max(self.icon_side, self.circle, self.laid.height)
        return self.height

    def paint(self, painter, x, y, width):
        c = self.ctx
        mid = y + self.height / 2
        if not self.last:  # a thin line down to the next step's circle
            pen = QPen(BRAND, c.pt(1.5))
            pen.setCapStyle(Qt.RoundCap)
            painter.setPen(pen)
            cx = x + self.circle / 2
            painter.drawLine(QPointF(cx, mid), QPointF(cx, y + self.height + c.pt(12)))
        circle = QRectF(x, mid - self.circle / 2, self.circle, self.circle)
        _number_circle(painter, c, circle, self.number, 11 if c.fmt.compact else 14)
        ix = x + self.circle + self.gap
        c.icon(
            painter, self.icon, QRectF(ix, mid - self.icon_side / 2, self.icon_side, self.icon_side)
        )
        tx = ix + self.icon_side + self.gap
        c.draw(painter, self.laid, tx, mid - self.laid.height / 2, width - (tx - x), INK)


@dataclass
class StepColumns(Block):
    """Steps side by side (A4, Letter): number circles on one line, icon, text under each."""

    first: int = 1
    steps: list = field(default_factory=list)
    columns: int = 5

    def measure(self, width):
        c = self.ctx
        self.gutter = c.pt(10)
        n = max(len(self.steps), 3)
        self.col_w = (width - self.gutter * (n - 1)) / n
        self.circle, self.icon_side = c.pt(28), c.pt(40)
        self.texts = [c.wrap(step.text, 10.5, self.col_w, 6) for step in self.steps]
        top = self.circle + c.pt(8) + self.icon_side + c.pt(8)
        self.text_top = top
        self.height = top + max(t.height for t in self.texts)
        return self.height

    def paint(self, painter, x, y, width):
        c = self.ctx
        centres = [
            x + i * (self.col_w + self.gutter) + self.col_w / 2 for i in range(len(self.steps))
        ]
        if len(centres) > 1:
            pen = QPen(BRAND, c.pt(1.5))
            pen.setCapStyle(Qt.RoundCap)
            painter.setPen(pen)
            mid = y + self.circle / 2
            painter.drawLine(QPointF(centres[0], mid), QPointF(centres[-1], mid))
        for i, (step, text, cx) in enumerate(zip(self.steps, self.texts, centres, strict=True)):
            circle = QRectF(cx - self.circle / 2, y, self.circle, self.circle)
            _number_circle(painter, c, circle, self.first + i, 14)
            icon_top = y + self.circle + c.pt(8)
            c.icon(
                painter,
                step.icon,
                QRectF(cx - self.icon_side / 2, icon_top, self.icon_side, self.icon_side),
            )
            left = cx - self.col_w / 2
            c.draw(painter, text, left, y + self.text_top, self.col_w, INK, Qt.AlignHCenter)


def _number_circle(painter: QPainter, c: Context, rect: QRectF, number: int, size: float):
    painter.setPen(QPen(WHITE, c.pt(2)))
    painter.setBrush(BRAND)
    painter.drawEllipse(rect)
    painter.setBrush(Qt.NoBrush)
    painter.setFont(c.font(size, bold=True))
    painter.setPen(WHITE)
    painter.drawText(rect, Qt.AlignCenter, str(number))


@dataclass
class DropRow(Block):
    """One row of drop-off point cards."""

    points: list = field(default_factory=list)
    columns: int = 2

    def measure(self, width):
        c, compact = self.ctx, self.ctx.fmt.compact
        self.gutter = c.pt(10)
        self.card_w = (width - self.gutter * (self.columns - 1)) / self.columns
        self.pad = c.pt(7 if compact else 10)
        self.pin = c.pt(15 if compact else 18)
        inner = self.card_w - 2 * self.pad
        self.cards = []
        for point in self.points:
            name = c.wrap(point.name, 10 if compact else 11, inner - self.pin - c.pt(5), 2, True)
            address = c.wrap(point.address, 8.5 if compact else 9.5, inner, 3)
            extra = [f"{c.labels['hours']}: {point.hours}" if point.hours else ""]
            if getattr(point, "categories", ""):
                extra.append(f"{c.labels['categories']}: {point.categories}")
            extra_text = "\n".join(x for x in extra if x)
            hours = c.wrap(extra_text, 8 if compact else 9, inner, 4) if extra_text else None
            badges = self._badges(list(point.accepts), inner)
            h = max(name.height, self.pin) + c.pt(3) + address.height
            h += (hours.height + c.pt(2)) if hours else 0
            h += (badges[-1][1] + badges[-1][3] + c.pt(5)) if badges else 0
            self.cards.append((name, address, hours, badges, h + 2 * self.pad))
        self.height = max(card[-1] for card in self.cards)
        return self.height

    def _badges(self, accepts: list[str], width: float):
        """Place badges left to right, wrapping: (text, y, x, height) per badge."""
        c = self.ctx
        placed, x, y = [], 0.0, 0.0
        hpad, vpad, space = c.pt(5), c.pt(1.5), c.pt(4)
        for item in accepts:
            laid = c.wrap(item, 7.5, width - 2 * hpad, 1)
            w, h = laid.advances[0] + 2 * hpad, laid.height + 2 * vpad
            if x and x + w > width:
                x, y = 0.0, y + h + space
            placed.append((laid, y, x, h))
            x += w + space
        return placed

    def paint(self, painter, x, y, width):
        c = self.ctx
        for i, (name, address, hours, badges, _) in enumerate(self.cards):
            cx = x + i * (self.card_w + self.gutter)
            rect = QRectF(cx, y, self.card_w, self.height)
            rounded(painter, rect, c.pt(8), WHITE, QPen(BRAND, c.pt(1.2)))
            left, top, inner = cx + self.pad, y + self.pad, self.card_w - 2 * self.pad
            c.icon(painter, "dropoff", QRectF(left, top, self.pin, self.pin))
            nx = left + self.pin + c.pt(5)
            ny = top + max(0.0, (self.pin - name.height) / 2)
            c.draw(painter, name, nx, ny, inner - (nx - left), INK)
            top += max(name.height, self.pin) + c.pt(3)
            top += c.draw(painter, address, left, top, inner, INK)
            if hours:
                top += c.pt(2) + c.draw(painter, hours, left, top + c.pt(2), inner, MUTED)
            top += c.pt(5)
            for laid, by, bx, bh in badges:
                w = laid.advances[0] + 2 * c.pt(5)
                rounded(painter, QRectF(left + bx, top + by, w, bh), bh / 2, TINT)
                c.draw(painter, laid, left + bx + c.pt(5), top + by + c.pt(1.5), w, BRAND)


@dataclass
class Note(Block):
    title: str = ""
    text: str = ""

    def measure(self, width):
        c, compact = self.ctx, self.ctx.fmt.compact
        self.pad = c.pt(8 if compact else 12)
        self.leaf = c.pt(24 if compact else 30)
        inner = width - 2 * self.pad - self.leaf - self.pad
        self.laid_title = c.wrap(self.title, 9.5 if compact else 11, inner, 2, True)
        self.laid = c.wrap(self.text, 8 if compact else 9.5, inner, 8)
        body = self.laid_title.height + c.pt(3) + self.laid.height
        self.height = max(body, self.leaf) + 2 * self.pad
        return self.height

    def paint(self, painter, x, y, width):
        c = self.ctx
        rounded(painter, QRectF(x, y, width, self.height), c.pt(10), TINT)
        c.icon(painter, "leaf", QRectF(x + self.pad, y + self.pad, self.leaf, self.leaf))
        tx = x + 2 * self.pad + self.leaf
        inner = width - (tx - x) - self.pad
        top = y + self.pad + c.draw(painter, self.laid_title, tx, y + self.pad, inner, BRAND)
        c.draw(painter, self.laid, tx, top + c.pt(3), inner, INK)


# pages


@dataclass
class Page:
    """One page: its height in points and the blocks on it with their y in device pixels."""

    height_pt: float
    placed: list[tuple[Block, float]]


def build_blocks(sheet, ctx: Context) -> list[Block]:
    """The blocks of `sheet`, in reading order."""
    fmt, lab = ctx.fmt, ctx.labels
    contact = "  ·  ".join(x for x in (sheet.shop_address, sheet.shop_phone, sheet.shop_hours) if x)
    blocks: list[Block] = [
        Header(ctx, shop=sheet.shop_name, contact=contact, logo_path=sheet.logo_path),
        Title(ctx, text=sheet.title, size=14 if fmt.compact else 21),
        Hero(
            ctx,
            number=sheet.return_number,
            qr_text=sheet.qr_text,
            customer=sheet.customer_name,
            deadline_text=sheet.deadline_text,
        ),
    ]
    heading = 12 if fmt.compact else 15
    steps_title = lab["steps"]
    if sheet.steps:
        blocks.append(
            Title(ctx, text=steps_title, size=heading, underline=True, keep_with_next=True)
        )
    steps = list(sheet.steps)
    if not fmt.compact:
        per_row = 5 if len(steps) <= 5 else 4
        for i in range(0, len(steps), per_row):
            row = steps[i : i + per_row]
            blocks.append(StepColumns(ctx, section=steps_title, first=i + 1, steps=row))
        steps = []
    for i, step in enumerate(steps, start=1):
        blocks.append(
            StepRow(
                ctx,
                section=steps_title,
                number=i,
                icon=step.icon,
                text=step.text,
                last=i == len(steps),
            )
        )
    points = list(sheet.dropoff_points)
    if points:
        title = sheet.dropoff_title
        blocks.append(Title(ctx, text=title, size=heading, underline=True, keep_with_next=True))
        for i in range(0, len(points), fmt.columns):
            row = points[i : i + fmt.columns]
            blocks.append(DropRow(ctx, section=title, points=row, columns=fmt.columns))
    elif lab["no_dropoff"]:
        blocks.append(Title(ctx, text=sheet.dropoff_title, size=heading, underline=True))
        blocks.append(Title(ctx, text=lab["no_dropoff"], size=10, color=INK))
    if sheet.sustainability_note:
        blocks.append(Note(ctx, title=sheet.sustainability_title, text=sheet.sustainability_note))
    return blocks


def plan_pages(sheet, ctx: Context) -> list[Page]:
    """Lay the sheet out and split it into pages."""
    fmt = ctx.fmt
    margin = ctx.pt(fmt.margin_mm * MM)
    width = ctx.pt(fmt.width_mm * MM) - 2 * margin
    spacing = ctx.pt(8 if fmt.compact else 11)
    blocks = build_blocks(sheet, ctx)
    for block in blocks:
        block.measure(width)
    if fmt.height_mm is None:
        total = sum(b.height for b in blocks) + spacing * (len(blocks) - 1)
        room = ctx.pt(ROLL_MAX_MM * MM) - 2 * margin
        if total <= room:
            return [Page(total / ctx.unit + 2 * fmt.margin_mm * MM, _place(blocks, spacing))]
    else:
        room = ctx.pt(fmt.height_mm * MM) - 2 * margin - ctx.pt(FOOTER_PT)
    pages = _paginate(blocks, room, spacing, width, ctx)
    if fmt.height_mm is not None:
        return [Page(fmt.height_mm * MM, placed) for placed in pages]
    heights = [ROLL_MAX_MM * MM] * (len(pages) - 1)
    last = pages[-1][-1]
    heights.append((last[1] + last[0].height) / ctx.unit + 2 * fmt.margin_mm * MM)
    return [Page(h, placed) for h, placed in zip(heights, pages, strict=True)]


FOOTER_PT = 22


def _place(blocks: list[Block], spacing: float) -> list[tuple[Block, float]]:
    placed, y = [], 0.0
    for block in blocks:
        placed.append((block, y))
        y += block.height + spacing
    return placed


def _paginate(blocks, room, spacing, width, ctx) -> list[list[tuple[Block, float]]]:
    pages: list[list[tuple[Block, float]]] = [[]]
    y = 0.0
    for i, block in enumerate(blocks):
        need = block.height
        if block.keep_with_next and i + 1 < len(blocks):
            need += spacing + blocks[i + 1].height
        gap = spacing if pages[-1] else 0.0
        if pages[-1] and y + gap + need > room:
            pages.append([])
            y, gap = 0.0, 0.0
            if block.section:
                label = f"{block.section} ({ctx.labels['continued']})"
                size = 12 if ctx.fmt.compact else 15
                heading = Title(ctx, text=label, size=size, underline=True)
                heading.measure(width)
                pages[-1].append((heading, 0.0))
                y, gap = heading.height, spacing
        pages[-1].append((block, y + gap))
        y += gap + block.height
    return pages


def render_sheet(sheet, device: QPagedPaintDevice, page_format_key: str = "a4") -> int:
    """Paint `sheet` on `device` in the given format; return the number of pages.

    Sets the device's page size (zero margins: the layout keeps its own) before painting.
    Raises OSError when the device cannot be painted on (say, an unwritable PDF path).
    """
    return _render(sheet, device, page_format(page_format_key))


def _render(sheet, device: QPagedPaintDevice, fmt: PageFormat) -> int:
    ctx = Context(device, fmt, dict(getattr(sheet, "labels", {}) or {}))
    pages = plan_pages(sheet, ctx)
    _set_page(device, fmt, pages[0].height_pt)
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("Cannot draw on the printer or write the PDF file.")
    try:
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setRenderHint(QPainter.SmoothPixmapTransform)
        margin = ctx.pt(fmt.margin_mm * MM)
        width = ctx.pt(fmt.width_mm * MM) - 2 * margin
        for n, page in enumerate(pages, start=1):
            if n > 1:
                _set_page(device, fmt, page.height_pt)
                device.newPage()
            for block, y in page.placed:
                block.paint(painter, margin, margin + y, width)
            if fmt.height_mm is not None:
                _footer(painter, ctx, sheet, n, len(pages), margin, width)
    finally:
        painter.end()
    return len(pages)


def _set_page(device: QPagedPaintDevice, fmt: PageFormat, height_pt: float) -> None:
    size = page_size(fmt, height_pt / MM)
    layout = QPageLayout(size, QPageLayout.Portrait, QMarginsF(0, 0, 0, 0), QPageLayout.Millimeter)
    if hasattr(device, "setFullPage"):  # QPrinter: paint from the paper's corner
        device.setFullPage(True)
    if not device.setPageLayout(layout):
        device.setPageSize(size)


def _footer(painter, ctx: Context, sheet, page: int, pages: int, margin: float, width: float):
    page_h = ctx.pt(ctx.fmt.height_mm * MM)
    top = page_h - margin - ctx.pt(FOOTER_PT) + ctx.pt(8)
    painter.setPen(QPen(TINT, ctx.pt(1)))
    painter.drawLine(QPointF(margin, top), QPointF(margin + width, top))
    label = ctx.labels["page"].format(page=page, pages=pages)
    right = ctx.wrap(label, 8, width / 3, 1)
    parts = (sheet.shop_name, sheet.return_number, ctx.labels["printed"])
    left_text = "  ·  ".join(x for x in parts if x)
    left = ctx.wrap(left_text, 8, width - right.advances[0] - ctx.pt(12), 1)
    ctx.draw(painter, left, margin, top + ctx.pt(4), width, MUTED)
    ctx.draw(painter, right, margin, top + ctx.pt(4), width, MUTED, Qt.AlignRight)


def sheet_pages(sheet, device: QPagedPaintDevice, page_format_key: str) -> int:
    """How many pages `sheet` takes in a format (lays out without painting)."""
    fmt = page_format(page_format_key)
    return len(plan_pages(sheet, Context(device, fmt, dict(sheet.labels or {}))))
