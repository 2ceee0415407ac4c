"""Draw a return's instruction sheet with QPainter: A4, US Letter or an 80 mm receipt roll.

`render_sheet(sheet, device, page_format)` paints a `desk.instructions.sheet.Sheet` on any
QPagedPaintDevice (QPdfWriter for files, QPrinter for paper and the print preview).
The blocks the sheet is made of are in `ui.instructions.blocks` (with a picture of the layout),
the text and drawing primitives in `ui.instructions.painting`, the paper formats in
`ui.instructions.paper_formats`.

Pages: the sheet is a list of blocks (header, title, hero, heading, one block per step,
one per row of drop-off cards, note). A block that does not fit on the page starts the
next page; a block belonging to a section (steps, drop-off points) that starts a page is
preceded there by "<section title> (continued)". Headings stay with their first block.
A4 and Letter pages end with a footer: shop name and return number, "Page 1 of 2".

The receipt roll's page is as tall as the content, up to `ROLL_MAX_MM`, beyond which it
continues on further pages of the same width.

Nothing is cut: text takes the lines it needs, a block taller than a whole page is set in
smaller type until it fits (down to `MIN_SCALE`), and `check_layout` reports anything that
would still not fit (a block beyond its page's printable area, a text elided or too wide).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QMarginsF, QPointF, QSizeF, Qt
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPainter, QPen

from desk.i18n.catalog import _
from ui.instructions.blocks import Block, Header, Hero, Title
from ui.instructions.guide_blocks import DropRow, Note, StepColumns, StepRow
from ui.instructions.painting import INK, MUTED, TINT, Context
from ui.instructions.paper_formats import PageFormat, page_format

ROLL_MAX_MM = 1000.0
FOOTER_PT = 22
SHRINK_STEPS = (0.9, 0.8, 0.7, 0.6)
MIN_SCALE = SHRINK_STEPS[-1]
MM = 72 / 25.4  # points per millimetre


def page_size(fmt: PageFormat, height_mm: float | None = None) -> QPageSize:
    """The QPageSize of `fmt`; a roll gets `height_mm`."""
    if fmt.page_size_id is not None:
        return QPageSize(fmt.page_size_id)
    size = QSizeF(fmt.width_mm, height_mm or fmt.width_mm)
    return QPageSize(size, QPageSize.Millimeter, fmt.label, QPageSize.ExactMatch)


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
    room = page_room(ctx)
    for block in blocks:
        block.measure(width)
        _shrink_to(block, room, width, ctx)
    if fmt.height_mm is None:
        total = sum(b.height for b in blocks) + spacing * (len(blocks) - 1)
        if total <= room:
            return [Page(total / ctx.unit + 2 * fmt.margin_mm * MM, _place(blocks, spacing))]
    pages = _paginate(blocks, room, spacing, width, ctx)
    if fmt.height_mm is not None:
        return [Page(fmt.height_mm * MM, placed) for placed in pages]
    heights = [ROLL_MAX_MM * MM] * (len(pages) - 1)
    last = pages[-1][-1]
    heights.append((last[1] + last[0].height) / ctx.unit + 2 * fmt.margin_mm * MM)
    return [Page(h, placed) for h, placed in zip(heights, pages, strict=True)]


def page_room(ctx: Context) -> float:
    """The printable height of one page, in device pixels (margins and footer left out)."""
    fmt = ctx.fmt
    margin = ctx.pt(fmt.margin_mm * MM)
    if fmt.height_mm is None:
        return ctx.pt(ROLL_MAX_MM * MM) - 2 * margin
    return ctx.pt(fmt.height_mm * MM) - 2 * margin - ctx.pt(FOOTER_PT)


def _shrink_to(block: Block, room: float, width: float, ctx: Context) -> None:
    """Set a block taller than a page in smaller type, step by step, until it fits."""
    for scale in SHRINK_STEPS:
        if block.height <= room:
            return
        block.ctx = ctx.scaled(scale)
        block.measure(width)


def check_layout(sheet, device: QPagedPaintDevice, page_format_key: str = "a4") -> list[str]:
    """What would not fit when `sheet` is painted on `device`: an empty list when all fits.

    Each problem is one line: a block that ends beyond its page's printable area (or starts
    above it), or a text that had to be elided or is wider than its place.
    """
    fmt = page_format(page_format_key)
    ctx = Context(device, fmt, dict(getattr(sheet, "labels", {}) or {}))
    pages = plan_pages(sheet, ctx)
    problems = [f"text cut: {text!r}" for text in ctx.cut]
    room = page_room(ctx)
    for n, page in enumerate(pages, start=1):
        for block, y in page.placed:
            if y < 0 or y + block.height > room + 0.5:
                name = type(block).__name__
                problems.append(
                    f"page {n}: {name} from {y:.0f} to {y + block.height:.0f} > {room:.0f}"
                )
    return problems


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
        raise OSError(_("Cannot draw on the printer or write the PDF file."))
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
    parts = (sheet.return_number, ctx.labels["printed"], sheet.shop_name)  # the name may elide
    left_text = "  ·  ".join(x for x in parts if x)
    left = ctx.wrap(left_text, 8, width - right.advances[0] - ctx.pt(12), 1, repeat=True)
    ctx.draw(painter, left, margin, top + ctx.pt(4), width, MUTED)
    ctx.draw(painter, right, margin, top + ctx.pt(4), width, MUTED, Qt.AlignRight)
