"""Laying the instructions sheet out in blocks and pages, and painting it on a PDF."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtGui import QPageSize, QPdfWriter

from desk.instructions.dropoff import DropOffDraft, save_point
from desk.returns import CustomerDraft, LineDraft, ReturnDraft
from desk.services import create_return, instructions_sheet
from ui.instructions.blocks import Header, Hero, Title
from ui.instructions.guide_blocks import DropRow, Note, StepColumns, StepRow
from ui.instructions.painting import Context
from ui.instructions.paper_formats import page_format
from ui.instructions.render import (
    FOOTER_PT,
    MM,
    ROLL_MAX_MM,
    build_blocks,
    page_size,
    plan_pages,
    render_sheet,
)


def add_points(db, count: int) -> None:
    with db.session() as session:
        for i in range(count):
            draft = DropOffDraft(
                name=f"Drop-off point {i + 1}",
                address=f"Avenida da Liberdade {10 + i}, 1250-096 Lisboa",
                hours="Mon–Fri 9:00–18:00",
                accepts_reuse=True,
            )
            save_point(session, draft)
        session.commit()


@pytest.fixture
def sheet(db):
    draft = ReturnDraft(
        reason="defective",
        lines=[LineDraft(sku="KETTLE-9", description="Kettle", unit_price_cents=3490)],
        new_customer=CustomerDraft(name="Ana Souza", email="ana@example.com"),
    )
    ret = create_return(db, draft=draft, today=date(2026, 11, 30))
    add_points(db, 3)
    return instructions_sheet(db, return_number=ret.number)


@pytest.fixture
def writer(qapp, tmp_path):
    device = QPdfWriter(str(tmp_path / "sheet.pdf"))
    device.setResolution(300)
    return device


def context(writer, sheet, key="a4") -> Context:
    return Context(writer, page_format(key), dict(sheet.labels))


def test_blocks_read_top_to_bottom(writer, sheet):
    blocks = build_blocks(sheet, context(writer, sheet))
    kinds = [type(b) for b in blocks]
    assert kinds[:3] == [Header, Title, Hero]
    assert isinstance(blocks[3], Title) and blocks[3].underline
    assert blocks[3].keep_with_next  # the steps heading stays with the first step
    assert StepColumns in kinds and StepRow not in kinds  # side by side on A4
    rows = [b for b in blocks if isinstance(b, DropRow)]
    assert [len(r.points) for r in rows] == [2, 1]  # two cards a row on A4
    assert all(r.section == sheet.dropoff_title for r in rows)
    if sheet.sustainability_note:
        assert isinstance(blocks[-1], Note)


def test_the_receipt_roll_has_one_step_and_one_card_a_row(writer, sheet):
    blocks = build_blocks(sheet, context(writer, sheet, "receipt"))
    steps = [b for b in blocks if isinstance(b, StepRow)]
    assert [s.number for s in steps] == list(range(1, len(sheet.steps) + 1))
    assert steps[-1].last and not any(s.last for s in steps[:-1])
    assert all(len(b.points) == 1 for b in blocks if isinstance(b, DropRow))


def test_more_than_five_steps_go_four_a_row(writer, sheet):
    steps = (list(sheet.steps) * 6)[:6]
    blocks = build_blocks(replace(sheet, steps=steps), context(writer, sheet))
    columns = [b for b in blocks if isinstance(b, StepColumns)]
    assert [(c.first, len(c.steps)) for c in columns] == [(1, 4), (5, 2)]


def test_without_points_a_no_dropoff_line_is_shown_when_the_language_has_one(writer, sheet):
    bare = replace(sheet, dropoff_points=[], labels={**sheet.labels, "no_dropoff": "Ask us"})
    blocks = build_blocks(bare, context(writer, bare))
    titles = [b.text for b in blocks if isinstance(b, Title)]
    assert titles[-2:] == [sheet.dropoff_title, "Ask us"]
    assert not any(isinstance(b, DropRow) for b in blocks)


def test_a4_pages_split_with_continued_headings_and_room_for_the_footer(writer, sheet, db):
    add_points(db, 15)
    many = instructions_sheet(db, return_number=sheet.return_number)
    ctx = context(writer, many)
    pages = plan_pages(many, ctx)
    assert len(pages) >= 2
    fmt = ctx.fmt
    room = ctx.pt(fmt.height_mm * MM) - 2 * ctx.pt(fmt.margin_mm * MM) - ctx.pt(FOOTER_PT)
    for page in pages:
        assert page.height_pt == pytest.approx(fmt.height_mm * MM)
        block, y = page.placed[-1]
        assert y + block.height <= room + 0.5
    first, _ = pages[1].placed[0]
    assert isinstance(first, Title) and first.text.endswith("(continued)")
    assert first.text.startswith(many.dropoff_title)


def test_a_heading_is_never_last_on_a_page(writer, sheet, db):
    add_points(db, 15)
    many = instructions_sheet(db, return_number=sheet.return_number)
    for page in plan_pages(many, context(writer, many)):
        assert not page.placed[-1][0].keep_with_next


def test_the_roll_is_as_tall_as_its_content(writer, sheet):
    pages = plan_pages(sheet, context(writer, sheet, "receipt"))
    assert len(pages) == 1
    assert 80 * MM < pages[0].height_pt < ROLL_MAX_MM * MM


def test_page_size_of_a_roll_and_of_a4():
    assert page_size(page_format("a4")).id() == QPageSize.A4
    roll = page_size(page_format("receipt"), 200).size(QPageSize.Millimeter)
    assert (round(roll.width()), round(roll.height())) == (80, 200)


def test_render_writes_as_many_pages_as_planned(writer, sheet, tmp_path):
    planned = len(plan_pages(sheet, context(writer, sheet, "letter")))
    assert render_sheet(sheet, writer, "letter") == planned
    data = (tmp_path / "sheet.pdf").read_bytes()  # painter.end() finished the file
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", data)) == planned


def test_an_unwritable_pdf_raises_oserror(qapp, sheet, tmp_path):
    device = QPdfWriter(str(tmp_path / "missing-folder" / "sheet.pdf"))
    with pytest.raises(OSError):
        render_sheet(sheet, device, "a4")


def test_an_unknown_format_is_refused(writer, sheet):
    with pytest.raises(ValueError, match="a4"):
        render_sheet(sheet, writer, "a3")
