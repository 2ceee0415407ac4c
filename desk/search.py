"""Finding returns by what staff type: number, customer name, email, phone or SKU."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    String,
    TextClause,
    TextualSelect,
    and_,
    bindparam,
    column,
    func,
    or_,
    select,
    text,
)

from desk.core_tables import CUSTOMERS, RETURNS
from desk.phones import search_digits

_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """What a search compares: lower case without accents ("João Vítor" → "joao vitor").

    The one folding of every search for a person: the SQLite index folds the same way
    (unicode61 remove_diacritics), PostgreSQL's index with normalize(NFKD) (migration 0021),
    and `folded` applies it inside SQL on every database.
    """
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


SQL_FOLD = "desk_fold"
"""The name `fold` has in SQLite (registered on the connection by `folded`)."""


@cache
def _translation() -> tuple[str, str]:
    """The accented letters of the Latin alphabets and their folded single letters."""
    source, target = [], []
    for code in range(0xC0, 0x250):
        letter = chr(code)
        plain = fold(letter)
        if len(plain) == 1 and plain != letter:
            source.append(letter)
            target.append(plain)
    return "".join(source), "".join(target)


def folded(conn: Connection, value: ColumnElement[str]) -> ColumnElement[str]:
    """`value` folded inside SQL as `fold` folds it, on SQLite and on PostgreSQL.

    SQLite calls `fold` itself (registered on `conn` here); elsewhere translate() maps the
    accented Latin letters to the ones `fold` gives (the same table), then lower() does
    the rest.
    """
    if conn.dialect.name == "sqlite":
        raw = conn.connection.driver_connection
        raw.create_function(SQL_FOLD, 1, fold, deterministic=True)
    return _folded(value, conn.dialect.name)


def _folded(value: ColumnElement[str], dialect: str) -> ColumnElement[str]:
    if dialect == "sqlite":
        return getattr(func, SQL_FOLD)(value)
    source, target = _translation()
    return func.lower(func.translate(value, source, target))


def words(query: str) -> list[str]:
    """Split what was typed into the words that must all match."""
    return _WORD.findall(query)


_NUMBER = re.compile(r"\s*([A-Za-z])[-\s]?(\d{4})[-\s]?(\d*)\s*")


def is_return_number(query: str) -> bool:
    """Whether `query` is a whole return number ("R-2026-00042", "r202600042"): the list
    then finds it whatever its status filter says."""
    number = _NUMBER.fullmatch(query)
    return number is not None and len(number.group(3)) >= 5


def phone_digits(query: str) -> str | None:
    """The digits a phone typed any usual way stands for, when they are not just the one
    word typed: "07993 672961" and "+44 7993 672961" also look for 7993672961 and
    447993672961, which a stored +447993672961 ends with (desk.phones.search_digits)."""
    digits = search_digits(query)
    return digits if digits is not None and words(query) != [digits] else None


def _terms(query: str) -> list[list[str]]:
    """What a typed text looks for: any of these groups, each of prefixes that must all
    appear as the start of a word of the return's body (the words as typed, not folded).

    A return number ("R-2026-006") is looked up as one word, not as "R", "2026", "006",
    which would each match nearly every return. A phone typed with spaces, dashes, its
    trunk 0 or its country code is also looked up as its digits run together.
    """
    if number := _NUMBER.fullmatch(query):
        letter, year, seq = number.groups()
        if seq and not seq.startswith("0") and len(seq) < 5:
            return [[seq]]  # typed without the leading zeros: R-2026-636
        return [[f"{letter}{year}{seq}"]]
    every = words(query)
    if not every:
        return []
    if digits := phone_digits(query):
        return [every, [digits]]
    return [every]


def fts_query(query: str) -> str:
    """Turn typed text into an FTS5 query: every word, as a prefix, must appear (`_terms`)."""
    groups = [" ".join(f'"{term}"*' for term in group) for group in _terms(query)]
    if len(groups) > 1:
        return f"({groups[0]}) OR {groups[1]}"  # every word, or the phone's digits
    return groups[0] if groups else ""


def ts_query(query: str) -> str:
    """Turn typed text into a PostgreSQL tsquery, as `fts_query` does for FTS5: the same
    prefixes (`_terms`), folded as the index folds its words ("João" → 'joao':*).

    The query is cast, never parsed by a text search configuration that would split or
    drop what the index keeps. Terms are words of letters and digits (`words`); a group
    with a term that folds to nothing (a lone halfwidth sound mark) can match no word, so it
    is left out, and a query of nothing else finds nothing.
    """
    groups = []
    for group in _terms(query):
        folded = [fold(term).replace("\\", "\\\\").replace("'", "''") for term in group]
        if all(folded):
            groups.append(" & ".join(f"'{term}':*" for term in folded))
    return " | ".join(f"({group})" for group in groups)


# PostgreSQL: why a tsvector and not pg_trgm. Measured with EXPLAIN ANALYZE on PostgreSQL 15
# holding 100,000 demo returns (2 busy cores), counting the hits in the index alone:
#   query           hits     tsvector GIN ('w':*)    pg_trgm GIN (LIKE '%w%')
#   gmail           37,113   48 ms bitmap            30 ms bitmap
#   silva            1,771   3.3 ms                  2.1 ms
#   conceicao leao      48   0.75 ms                 0.6 ms
#   jo               8,724   9 ms bitmap             28 ms: a sequential scan (< 3 letters)
#   zzzzq                0   0.03 ms                 0.02 ms
# Both answer in the same order of time; the tsvector is chosen for what it finds: words
# starting with what was typed, as SQLite's FTS5 finds them, so both engines give the same
# rows for the same query ("ana" finds Ana, not Mariana; "a" finds 16% of returns, not 95%),
# with no extension to create (pg_trgm is trusted since PostgreSQL 13, but a shop's role may
# lack CREATE on its database), and words of one or two letters still use the index.
_INDEX = {
    "sqlite": ("rowid", "return_search MATCH :q"),
    "postgresql": ("return_id", "doc @@ CAST(:q AS tsquery)"),
}
"""Per engine: the search index's column of return ids, and its condition on the query."""


def _in_index(sql: str, query: str, dialect: str) -> TextClause:
    """`sql` on the search index ({id} its id column, {match} the condition), query bound."""
    ident, match = _INDEX["sqlite" if dialect == "sqlite" else "postgresql"]
    stmt = text(sql.format(id=ident, match=match))
    if dialect == "sqlite":
        return stmt.bindparams(q=fts_query(query))
    # the query written into the statement, not bound: with a parameter PostgreSQL switches
    # to a generic plan after a few broad searches (measured: a no-hit query then walked
    # every return by date, 105 ms at 100k instead of 1.7 ms)
    return stmt.bindparams(bindparam("q", ts_query(query), type_=String, literal_execute=True))


def match_ids(query: str, dialect: str) -> TextualSelect | None:
    """The ids of the returns matching `query`, as a subquery of the search index (FTS5 on
    SQLite, a GIN-indexed tsvector on PostgreSQL), or None when it holds no word to look
    for. Its one column is `id`."""
    if not words(query):
        return None
    ids = _in_index("SELECT {id} AS id FROM return_search WHERE {match}", query, dialect)
    return ids.columns(column("id", Integer))


def count_matches(conn: Connection, query: str, *, cap: int | None = None) -> int:
    """Return how many returns match `query`, counted in the search index alone (every
    return when it holds no word); with `cap`, stop counting at `cap`."""
    if not words(query):
        return conn.execute(select(func.count()).select_from(RETURNS)).scalar_one()
    sql = "SELECT count(*) FROM return_search WHERE {match}"
    if cap is not None:
        limit = f"LIMIT {int(cap)}"
        sql = f"SELECT count(*) FROM (SELECT 1 FROM return_search WHERE {{match}} {limit}) AS f"
    return conn.execute(_in_index(sql, query, conn.dialect.name)).scalar_one()


def matches(query: str, dialect: str) -> ColumnElement[bool] | None:
    """Return a condition on desk.core_tables.RETURNS alone that keeps the returns matching
    `query` (`RETURNS.c.id IN match_ids`), or None when there is no word to look for."""
    ids = match_ids(query, dialect)
    return None if ids is None else RETURNS.c.id.in_(ids)


def reindex(conn: Connection, return_ids: Iterable[int] | None = None) -> None:
    """Bring the search index up to date for these returns (all when None).

    Every writer of what the index holds calls it in its own transaction: a new return,
    a customer's edit, merge, erasure or import (all of that customer's returns).
    """
    if conn.dialect.name == "postgresql":
        _reindex_postgres(conn, return_ids)
        return
    if conn.dialect.name != "sqlite":
        return
    if return_ids is None:
        conn.execute(text("DELETE FROM return_search"))
        conn.execute(
            text("INSERT INTO return_search(rowid, body) SELECT id, body FROM return_search_source")
        )
        return
    for return_id in return_ids:
        conn.execute(text("DELETE FROM return_search WHERE rowid = :id"), {"id": return_id})
        conn.execute(
            text(
                "INSERT INTO return_search(rowid, body) "
                "SELECT id, body FROM return_search_source WHERE id = :id"
            ),
            {"id": return_id},
        )


def _reindex_postgres(conn: Connection, return_ids: Iterable[int] | None) -> None:
    """The tsvector rows of these returns (all when None) rebuilt from the view (0021)."""
    if return_ids is None:
        conn.execute(text("DELETE FROM return_search"))
        conn.execute(
            text(
                "INSERT INTO return_search (return_id, doc) "
                "SELECT id, doc FROM return_search_source"
            )
        )
        conn.execute(text("ANALYZE return_search"))
        return
    ids = list(return_ids)
    for start in range(0, len(ids), 10_000):
        chunk = {"ids": ids[start : start + 10_000]}
        conn.execute(text("DELETE FROM return_search WHERE return_id = ANY(:ids)"), chunk)
        conn.execute(
            text(
                "INSERT INTO return_search (return_id, doc) "
                "SELECT id, doc FROM return_search_source WHERE id = ANY(:ids)"
            ),
            chunk,
        )


def customer_ids_matching(conn: Connection, query: str, limit: int = 20) -> list[int]:
    """Return ids of customers whose name, email or phone starts with the typed words.

    Names are compared folded (`fold`): "joao vitor" finds "João Vítor", on every database.
    """
    found = words(query)
    if not found:
        return []
    name = folded(conn, CUSTOMERS.c.name)
    every = []
    for word in found:
        prefix, plain = f"{word}%", f"{fold(word)}%"  # words hold no % or _
        every.append(
            or_(
                name.like(plain),
                name.like(f"% {plain}"),
                CUSTOMERS.c.email.ilike(prefix),
                CUSTOMERS.c.phone.ilike(f"%{word}%"),
            )
        )
    condition = and_(*every)
    if phone := phone_digits(query):  # stored in E.164: "+447993672961"
        condition = condition | CUSTOMERS.c.phone.like(f"%{phone}%")
    stmt = select(CUSTOMERS.c.id).where(condition)
    return list(conn.execute(stmt.order_by(CUSTOMERS.c.name).limit(limit)).scalars())
