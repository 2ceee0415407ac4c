"""A search's page in the logged order, read from the search index's own order (SQLite).

The full-text index hands out its hits in rowid (return id) order, and can stop after a
page: 10 ms for "gmail" (371,000 hits at 1M returns), where building the list of every
hit to walk the date index against costs 64 ms, and sorting every hit by date 520 ms.
Returns are numbered as they are logged, so id order is logged order, but not always (a
clock set back, two desks on one database): so the page read in id order is checked, with
two index range reads, to be exactly the page of the logged order. When it is not, or the
hits ran out (the last page), `logged_page` answers None and the caller walks the date
index instead.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, text

from desk import search

_PAGE = """
SELECT r.id, r.created_at FROM (
    SELECT rowid AS id FROM return_search WHERE return_search MATCH :fts {bound}
    ORDER BY rowid {way} LIMIT :scan
) f CROSS JOIN "return" r ON r.id = f.id WHERE 1 {status} LIMIT :limit
"""
SCAN = 20
"""Hits read from the index for each row of a page at most (a status filter passes one
in 20 or more): beyond, the date index's walk is cheaper than going on."""
# a return logged between the page's last row and its anchor that the page's id range
# misses, or one in that id range logged outside it: then id order is not logged order here
_STRAY_BY_DATE = """
SELECT 1 FROM "return" WHERE (created_at, id) {after_last} (:last_at, :last_id)
AND (created_at, id) {before_anchor} (:anchor_at, :anchor_id)
AND (id {beyond_last} :last_id OR id {not_before_anchor} :anchor_id) LIMIT 1
"""
_STRAY_BY_ID = """
SELECT 1 FROM "return" WHERE id {after_last} :last_id AND id {before_anchor} :anchor_id
AND NOT ((created_at, id) {after_last} (:last_at, :last_id)
         AND (created_at, id) {before_anchor} (:anchor_at, :anchor_id)) LIMIT 1
"""
_FAR = {True: ("9999-12-31 23:59:59.999999", 2**62), False: ("0000-01-01 00:00:00.000000", -1)}


def logged_page(
    conn: Connection,
    query: str,
    status_sql: str,
    *,
    newest_first: bool,
    after: tuple[str, int] | None,
    offset: int,
    limit: int,
) -> list[int] | None:
    """The ids of the page of returns matching `query` (and `status_sql`, an SQL condition
    on `r.status` or ""), in logged order after the row `after` (its stored created_at
    text and id); None when the index's order cannot give it (or `offset` is asked for:
    rows skipped in id order are the first in logged order only where the two agree)."""
    if offset:
        return None
    anchor_at, anchor_id = after or _FAR[newest_first]
    way, before = ("DESC", "<") if newest_first else ("ASC", ">")
    bound = f"AND rowid {before} :anchor_id" if after else ""
    sql = _PAGE.format(bound=bound, status=status_sql, way=way)
    params = {"fts": search.fts_query(query), "anchor_id": anchor_id}
    found = conn.execute(text(sql), {**params, "limit": limit, "scan": SCAN * limit}).all()
    by_date = sorted((tuple(r) for r in found), key=lambda r: (r[1], r[0]), reverse=newest_first)
    if len(found) < limit or by_date != sorted(by_date, reverse=newest_first):
        return None  # the hits ran out, or their ids are not in logged order
    last_id, last_at = by_date[-1]
    marks = {
        "after_last": ">=" if newest_first else "<=",
        "beyond_last": "<" if newest_first else ">",
        "before_anchor": before,
        "not_before_anchor": ">=" if newest_first else "<=",
    }
    values = {"last_at": last_at, "last_id": last_id, "anchor_at": anchor_at}
    values["anchor_id"] = anchor_id
    for check in (_STRAY_BY_DATE, _STRAY_BY_ID):
        if conn.execute(text(check.format(**marks)), values).first() is not None:
            return None
    return [row[0] for row in by_date]


def stored_text(moment: datetime) -> str:
    """The text SQLite holds for a datetime column (desk.columns.UTCDateTime)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
