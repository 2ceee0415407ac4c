"""The list's parts: search box, status filter, and what an empty list says."""

from __future__ import annotations

from desk import listing
from desk.codes import Status
from desk.listing import ReturnFilter
from ui.returns.list_parts import ALL, empty_text, search_box, status_filter


def test_status_filter_offers_open_all_and_each_status(qtbot):
    combo = status_filter()
    qtbot.addWidget(combo)
    codes = [combo.itemData(i) for i in range(combo.count())]
    assert codes == [listing.OPEN, ALL, *(s.value for s in Status)]
    assert combo.currentData() == listing.OPEN  # open returns first
    assert combo.itemText(2) == Status.REQUESTED.label


def test_search_box_names_what_it_searches_and_its_key(qtbot):
    edit = search_box()
    qtbot.addWidget(edit)
    assert edit.placeholderText() == "Search number, customer, email, phone or SKU  (Ctrl+F)"
    assert edit.isClearButtonEnabled()


def test_empty_text_says_how_to_find_returns():
    assert empty_text(ReturnFilter(text="  zoe "), any_returns=True) == (
        "No return matches “zoe”. Check the spelling or clear the search."
    )
    assert empty_text(ReturnFilter(), any_returns=False) == (
        "No returns yet. Press Ctrl+N to log the first one."
    )
    assert empty_text(ReturnFilter(status=listing.OPEN), any_returns=True).startswith(
        "No open returns."
    )
    assert empty_text(ReturnFilter(status="closed"), any_returns=True) == (
        "No returns with this status. Choose “All” to see every return."
    )


def test_empty_text_escapes_what_was_typed():
    assert empty_text(ReturnFilter(text="<b>zoe"), any_returns=True).startswith(
        "No return matches “&lt;b&gt;zoe”."
    )


def test_count_text_counts_in_english_and_portuguese():
    from desk.i18n.catalog import set_language
    from desk.list_window import Bound
    from ui.returns.list_parts import count_text

    assert count_text(1, Bound.EXACT) == "1 return"
    assert count_text(12_345, Bound.EXACT) == "12,345 returns"
    assert count_text(12_000, Bound.ABOUT) == "about 12,000 returns"
    set_language("pt_BR")
    assert count_text(1, Bound.EXACT) == "1 devolução"
    assert count_text(2, Bound.EXACT) == "2 devoluções"
    assert count_text(12_000, Bound.ABOUT) == "cerca de 12.000 devoluções"
    assert count_text(10_000, Bound.MORE_THAN) == "mais de 10.000 devoluções"


def test_the_list_parts_speak_portuguese(qtbot):
    from desk.i18n.catalog import set_language

    set_language("pt_BR")
    combo = status_filter()
    edit = search_box()
    qtbot.addWidget(combo)
    qtbot.addWidget(edit)
    assert [combo.itemText(0), combo.itemText(1)] == ["Abertas (não encerradas)", "Todas"]
    assert edit.placeholderText().startswith("Buscar número, cliente, e-mail")
    assert empty_text(ReturnFilter(text="zoe"), any_returns=True) == (
        "Nenhuma devolução corresponde a “zoe”. Confira a grafia ou limpe a busca."
    )
    assert empty_text(ReturnFilter(), any_returns=False).startswith("Nenhuma devolução ainda.")
