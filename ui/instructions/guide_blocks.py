"""The sheet's guide blocks: the steps (a row each, or side by side), drop-off cards, the note.

They are the lower half of the sheet pictured in `ui.instructions.blocks` ("How it works",
"Where to drop it off", the sustainability note), measured and painted like every `Block`.
On the receipt roll each step and each drop-off card takes a row of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPen

from ui.instructions.blocks import Block
from ui.instructions.painting import BRAND, INK, MUTED, TINT, WHITE, number_circle, rounded


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
        self.laid = c.wrap(self.text, 9.5 if compact else 12, text_w)
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
        self.texts = [c.wrap(step.text, 10.5, self.col_w) for step in self.steps]
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
            name = c.wrap(point.name, 10 if compact else 11, inner - self.pin - c.pt(5), bold=True)
            address = c.wrap(point.address, 8.5 if compact else 9.5, inner)
            extra = [f"{c.labels['hours']}: {point.hours}" if point.hours else ""]
            if getattr(point, "categories", ""):
                extra.append(f"{c.labels['categories']}: {point.categories}")
            extra_text = "\n".join(x for x in extra if x)
            hours = c.wrap(extra_text, 8 if compact else 9, inner) if extra_text else None
            badges = self._badges(list(point.accepts), inner)
            h = max(name.height, self.pin) + c.pt(3) + address.height
            h += (hours.height + c.pt(2)) if hours else 0
            h += (max(by + bh for _, by, _, bh in badges) + c.pt(5)) if badges else 0
            self.cards.append((name, address, hours, badges, h + 2 * self.pad))
        self.height = max(card[-1] for card in self.cards)
        return self.height

    def _badges(self, accepts: list[str], width: float):
        """Place badges left to right, wrapping: (text, y, x, height) per badge."""
        c = self.ctx
        placed, x, y = [], 0.0, 0.0
        hpad, vpad, space = c.pt(5), c.pt(1.5), c.pt(4)
        for item in accepts:
            laid = c.wrap(item, 7.5, width - 2 * hpad)
            w, h = max(laid.advances) + 2 * hpad, laid.height + 2 * vpad
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
                w = max(laid.advances) + 2 * c.pt(5)
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
        self.laid_title = c.wrap(self.title, 9.5 if compact else 11, inner, bold=True)
        self.laid = c.wrap(self.text, 8 if compact else 9.5, inner)
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
