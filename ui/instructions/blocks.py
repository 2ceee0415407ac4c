"""The blocks of the instruction sheet: the `Block` they share; header, title, return card.

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
The steps, drop-off cards and note are in `ui.instructions.guide_blocks`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter

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
        self.name = c.wrap(self.shop, 13 if compact else 19, inner, bold=True)
        self.info = c.wrap(self.contact, 7.5 if compact else 9, inner) if self.contact else None
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
        self.laid = self.ctx.wrap(self.text, self.size, width, bold=True)
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
            self.parts.append((c.wrap(lab["return_number"].upper(), 8.5, lw, bold=True), MUTED, 0))
            big = 21 if compact else 30
            self.parts.append((c.wrap(self.number, big, lw, bold=True), BRAND, c.pt(2)))
        if self.customer:
            space = c.pt(8) if self.parts else 0
            self.parts.append((c.wrap(lab["customer"].upper(), 8.5, lw, bold=True), MUTED, space))
            self.parts.append((c.wrap(self.customer, 11 if compact else 13, lw, bold=True), INK, 0))
        self.caption = None
        if self.qr_text:
            cap_w = lw if compact else self.qr_side + gap
            self.caption = c.wrap(lab["scan_me"], 7.5 if compact else 8, cap_w)
        box_w = (width - 2 * self.pad) if self.card and compact else lw
        self.box_pad = c.pt(8 if compact else 10)
        self.box_label = c.wrap(lab["deadline"].upper(), 8.5, box_w - 2 * self.box_pad, bold=True)
        self.box_text = c.wrap(
            self.deadline_text, 12 if compact else 15, box_w - 2 * self.box_pad, bold=True
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
