"""The sheet's blocks: what each measures to, and that each paints inside what it measured."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter

from ui.instructions.blocks import DropRow, Header, Hero, Note, StepColumns, StepRow, Title
from ui.instructions.painting import BRAND, Context
from ui.instructions.paper_formats import page_format

WIDTH = 480  # device pixels; the image is 72 dpi, so one pixel is one point
MARGIN = 20


def image(height: int) -> QImage:
    picture = QImage(WIDTH + 2 * MARGIN, height, QImage.Format_RGB32)
    dots_per_metre = round(72 / 0.0254)
    picture.setDotsPerMeterX(dots_per_metre)
    picture.setDotsPerMeterY(dots_per_metre)
    picture.fill(Qt.white)
    return picture


@pytest.fixture
def ctx(qapp):
    def make(key="a4", **labels):
        return Context(image(10), page_format(key), labels)

    return make


def inked_rows(picture: QImage) -> tuple[int, int]:
    """The first and last rows of `picture` with anything drawn on them."""
    row_bytes = picture.bytesPerLine()
    data = bytes(picture.constBits())
    white = b"\xff" * (picture.width() * 4)
    rows = [
        y
        for y in range(picture.height())
        if data[y * row_bytes : y * row_bytes + picture.width() * 4] != white
    ]
    return rows[0], rows[-1]


def paint_alone(block) -> tuple[float, int, int]:
    """Measure `block`, paint it below a margin; return its height and the inked rows."""
    height = block.measure(WIDTH)
    picture = image(int(height) + 4 * MARGIN)
    painter = QPainter(picture)
    painter.setRenderHint(QPainter.Antialiasing)
    block.paint(painter, MARGIN, 2 * MARGIN, WIDTH)
    painter.end()
    top, bottom = inked_rows(picture)
    return height, top, bottom


def point(name="Repair Café", accepts=("Reuse", "Recycling")):
    return SimpleNamespace(
        name=name, address="Rua das Flores 12, Lisboa", hours="Mon–Fri 9–18", accepts=accepts
    )


def step(text="Pack the item with everything it came with.", icon="box"):
    return SimpleNamespace(text=text, icon=icon)


def blocks(c):
    return [
        Header(c, shop="Loja Boa Vista", contact="Rua das Flores 12 · +351 21 555 0199"),
        Title(c, text="Your return", size=21),
        Title(c, text="What to do", size=15, underline=True),
        Hero(
            c,
            number="R-2026-00042",
            qr_text="R-2026-00042",
            customer="Ana Souza",
            deadline_text="12 December 2026",
        ),
        Hero(c, deadline_text="Within 30 days of purchase"),
        StepRow(c, number=1, icon="box", text=step().text, last=True),
        StepColumns(c, first=1, steps=[step(), step("Bring it to the shop.", "shop")]),
        DropRow(c, points=[point(), point("Ecocentro Norte", ("Recycling",))], columns=2),
        Note(c, title="Kind to the planet", text="We repair, reuse or recycle what comes back."),
    ]


@pytest.mark.parametrize("key", ["a4", "receipt"])
def test_every_block_paints_inside_the_height_it_measured(ctx, key):
    for block in blocks(ctx(key)):
        height, top, bottom = paint_alone(block)
        assert height > 0, type(block).__name__
        assert top >= 2 * MARGIN - 1, type(block).__name__
        assert bottom <= 2 * MARGIN + height + 1, type(block).__name__


def test_header_is_a_brand_band(ctx):
    header = Header(ctx(), shop="Loja Boa Vista")
    height = header.measure(WIDTH)
    picture = image(int(height) + 4 * MARGIN)
    painter = QPainter(picture)
    header.paint(painter, MARGIN, 2 * MARGIN, WIDTH)
    painter.end()
    assert picture.pixelColor(MARGIN + WIDTH - 10, 2 * MARGIN + int(height) // 2) == BRAND
    assert header.info is None  # no contact line without contact details


def test_header_with_a_logo_makes_room_for_it(ctx, tmp_path):
    logo = QImage(200, 100, QImage.Format_RGB32)
    logo.fill(QColor("teal"))
    path = tmp_path / "logo.png"
    assert logo.save(str(path))
    plain = Header(ctx(), shop="Loja Boa Vista")
    with_logo = Header(ctx(), shop="Loja Boa Vista", logo_path=str(path))
    plain.measure(WIDTH)
    with_logo.measure(WIDTH)
    assert with_logo.logo_w == pytest.approx(2 * with_logo.logo_h)
    assert with_logo.height >= with_logo.logo_h + 2 * with_logo.pad
    assert with_logo.name.height == pytest.approx(plain.name.height)
    missing = Header(ctx(), shop="Loja", logo_path=str(tmp_path / "gone.png"))
    missing.measure(WIDTH)
    assert missing.logo is None and missing.logo_h == 0


def test_an_underlined_title_is_taller_by_its_rule(ctx):
    c = ctx()
    plain, ruled = Title(c, text="What to do"), Title(c, text="What to do", underline=True)
    assert ruled.measure(WIDTH) - plain.measure(WIDTH) == pytest.approx(c.pt(6))


def test_the_generic_hero_is_only_the_deadline_box(ctx):
    hero = Hero(ctx(), deadline_text="Within 30 days")
    height = hero.measure(WIDTH)
    assert not hero.card and hero.parts == [] and hero.caption is None
    assert height == pytest.approx(hero.box_h)


def test_the_hero_keeps_the_qr_code_beside_on_a4_and_stacks_it_on_the_roll(ctx):
    fields = dict(
        number="R-2026-00042",
        qr_text="R-2026-00042",
        customer="Ana Souza",
        deadline_text="12 December 2026",
    )
    a4, roll = Hero(ctx("a4"), **fields), Hero(ctx("receipt"), **fields)
    a4.measure(WIDTH)
    roll.measure(WIDTH)
    assert a4.left_w == pytest.approx(WIDTH - 2 * a4.pad - a4.qr_side - 16)
    assert roll.left_w == pytest.approx(WIDTH - 2 * roll.pad)
    assert roll.height > roll.qr_side + roll.box_h  # number, QR and deadline one under another
    assert len(a4.parts) == 4  # label and number, label and customer


def test_hero_labels_come_from_the_sheets_language(ctx):
    hero = Hero(ctx(return_number="Número da devolução"), number="R-1", deadline_text="x")
    hero.measure(WIDTH)
    assert hero.parts[0][0].lines == ["NÚMERO DA DEVOLUÇÃO"]


def test_step_columns_keep_at_least_three_columns_wide(ctx):
    c = ctx()
    two, three = StepColumns(c, steps=[step()] * 2), StepColumns(c, steps=[step()] * 3)
    two.measure(WIDTH)
    three.measure(WIDTH)
    assert two.col_w == pytest.approx(three.col_w)
    assert len(two.texts) == 2


def test_drop_row_is_as_tall_as_its_tallest_card_and_badges_wrap(ctx):
    c = ctx()
    row = DropRow(c, points=[point(accepts=()), point(accepts=("Reuse", "Recycling"))], columns=2)
    row.measure(WIDTH)
    heights = [card[-1] for card in row.cards]
    assert row.height == max(heights) and heights[1] > heights[0]
    placed = row._badges(["Reuse", "Recycling", "Donation"], c.pt(90))
    assert [y for _, y, _, _ in placed][0] == 0 and placed[-1][1] > 0  # wrapped to a new line
    assert placed[-1][2] == 0  # a wrapped badge starts at the left


def test_note_is_at_least_as_tall_as_its_leaf(ctx):
    note = Note(ctx(), title="Kind", text="")
    assert note.measure(WIDTH) >= note.leaf + 2 * note.pad
