"""What the returns list reads in the background (ui/background.py runs these off the UI
thread for ui/returns/model.py): a filter's first page, and any later page, with the ratings
of their rows."""

from __future__ import annotations

from dataclasses import replace

from desk import list_window
from desk.cancel import Cancel
from desk.db import Database
from desk.feedback.ratings import low_rating, ratings_for
from desk.list_window import ListPage
from desk.listing import ReturnFilter, ReturnRow

HIDDEN_SHOWN = 3  # returns named when the status filter hides what the search finds


def first_page(
    db: Database, flt: ReturnFilter, size: int, cancel: Cancel
) -> tuple[ListPage, dict[int, int], int, ListPage | None]:
    """A filter's first page, its rows' current ratings, the low-rating threshold, and
    when a search finds nothing under a status filter, what it finds under every status."""
    page = list_window.first_page(db, flt, limit=size, cancel=cancel)
    hidden = None
    if not page.rows and flt.status and flt.text.strip():
        unfiltered = replace(flt, status=None)
        hidden = list_window.first_page(db, unfiltered, limit=HIDDEN_SHOWN, cancel=cancel)
    cancel.check()
    return page, ratings_for(db, [row.id for row in page.rows]), low_rating(db), hidden


def page(
    db: Database, flt: ReturnFilter, anchor, start: int, size: int, plan, cancel: Cancel
) -> tuple[list[ReturnRow], dict[int, int]]:
    """The rows at positions [start, start + size) read from `anchor`, and their ratings."""
    wanted = flt.turned() if anchor.backwards else flt
    rows = list_window.read_page(
        db, wanted, after=anchor.after, offset=anchor.offset, limit=size, plan=plan, cancel=cancel
    )
    if anchor.backwards:
        rows.reverse()
    cancel.check()
    return rows, ratings_for(db, [row.id for row in rows])
