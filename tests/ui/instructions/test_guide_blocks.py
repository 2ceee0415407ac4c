"""The guide blocks: steps side by side, drop-off cards and their badges, the note."""

from __future__ import annotations

import pytest

from tests.ui.instructions.conftest import WIDTH, point, step
from ui.instructions.guide_blocks import DropRow, Note, StepColumns


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
