"""The blocks of the instruction sheet: header, title, return card, steps, drop-off cards, note.

Each block is measured into the page width (`measure`) and then painted at a place
(`paint`); `ui.instructions.render` puts them on pages. Sizes are in points and become
device pixels through `Context.pt`.

Layout, top to bottom (one column)::

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
    │ shop name · phone                  Page 1 of 2 │  footer (A4 and Letter only; drawn
    └────────────────────────────────────────────────┘  by ui.instructions.render)

The receipt format (80 mm wide, 4 mm margins: 72 mm printable) is compact: smaller type,
the header and hero stacked and centred, one step per row, one drop-off card per row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from ui.instructions.painting import (
    ACCENT,
    BRAND,
    INK,
    MUTED,
    TINT,
    WHITE,
    Context,
    Text,
    load_logo,
    number_circle,
    qr_path,
    rounded,
)


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
        self.logo = load_logo(self.logo_path)
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
        number_circle(painter, c, circle, self.number, 11 if c.fmt.compact else 14)
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
            number_circle(painter, c, circle, self.first + i, 14)
            icon_top = y + self.circle + c.pt(8)
            c.icon(
                painter,
                step.icon,
                QRectF(cx - self.icon_side / 2, icon_top, self.icon_side, self.icon_side),
            )
            left = cx - self.col_w / 2
            c.draw(painter, text, left, y + self.text_top, self.col_w, INK, Qt.AlignHCenter)


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
