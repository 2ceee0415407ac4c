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
