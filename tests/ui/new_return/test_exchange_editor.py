"""What the customer takes instead: replacement rows, their problems, the settlement line."""

from __future__ import annotations

import pytest

from ui.new_return.exchange_editor import ExchangeEditor


@pytest.fixture
def editor(qtbot):
    widget = ExchangeEditor()
    qtbot.addWidget(widget)
    return widget


def test_starts_with_one_blank_row_and_no_input(editor):
    assert len(editor.rows) == 1 and editor.rows[0].is_blank()
    assert editor.drafts() == ([], {}) and not editor.has_input()


def test_filled_rows_become_drafts_keyed_past_the_blank_ones(qtbot, editor):
    editor.add_row(focus=False)  # stays blank, before the filled one
    row = editor.add_row(focus=False)
    qtbot.keyClicks(row.sku, "SHOE-41")
    row.quantity.setText("2")
    qtbot.keyClicks(row.price, "49,9")
    bad = editor.add_row(focus=False)
    qtbot.keyClicks(bad.sku, "HAT-7")
    qtbot.keyClicks(bad.price, "free")
    lines, problems = editor.drafts()
    assert [(d.sku, d.quantity, d.unit_price_cents) for d in lines] == [
        ("SHOE-41", 2, 4990),
        ("HAT-7", 1, 0),
    ]
    assert problems == {"exchange.1.unit_price": "“free” is not an amount; type it like 12.50."}
    assert editor.has_input()


def test_errors_mark_the_field_until_it_is_edited(qtbot, editor):
    row = editor.rows[0]
    qtbot.keyClicks(row.sku, "HAT-7")
    editor.show_errors({"exchange.0.unit_price": "Type the price.", "exchange.0.sku": "Unknown."})
    assert row.error_label.text() == "Unknown. Type the price."
    assert row.price.property("error") and row.sku.property("error")
    with qtbot.waitSignal(editor.changed):
        qtbot.keyClicks(row.price, "5")
    assert row.error_label.text() == "" and not row.price.property("error")


def test_removing_a_row_says_so(qtbot, editor):
    row = editor.add_row(focus=False)
    with qtbot.waitSignal(editor.changed):
        editor.remove_row(row)
    assert len(editor.rows) == 1
    editor.set_settlement("Credit €10.00 · <b>the customer pays €2.00</b>")
    assert "pays €2.00" in editor.settlement_label.text()
