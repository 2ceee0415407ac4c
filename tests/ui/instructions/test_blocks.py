"""The sheet's blocks: what each measures to, and that each paints inside what it measured."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage, QPainter

from tests.ui.instructions.conftest import MARGIN, WIDTH, image, paint_alone, point, step
from ui.instructions.blocks import Header, Hero, Title
from ui.instructions.guide_blocks import DropRow, Note, StepColumns, StepRow
from ui.instructions.painting import BRAND


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
