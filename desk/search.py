"""Finding returns by what staff type: number, customer name, email, phone or SKU."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from sqlalchemy import ColumnElement, Connection, Integer, column, exists, func, or_, select, text
from sqlmodel import col

from desk.models import Customer, Return, ReturnLine

_WORD = re.compile(r"[^\W_]+")


def words(query: str) -> list[str]:
    """Split what was typed into the words that must all match."""
    return _WORD.findall(query)


_NUMBER = re.compile(r"\s*([A-Za-z])[-\s]?(\d{4})[-\s]?(\d*)\s*")


def fts_query(query: str) -> str:
    """Turn typed text into an FTS5 query: every word, as a prefix, must appear.

    A return number ("R-2026-006") is looked up as one word, not as "R", "2026", "006",
    which would each match nearly every return.
    """
    if number := _NUMBER.fullmatch(query):
        letter, year, seq = number.groups()
        if seq and not seq.startswith("0") and len(seq) < 5:
            return f'"{seq}"*'  # typed without the leading zeros: R-2026-636
        return f'"{letter}{year}{seq}"*'
    return " ".join(f'"{w}"*' for w in words(query))


def count_matches(conn: Connection, query: str) -> int:
    """Return how many returns match `query` (SQLite search index)."""
    stmt = text("SELECT count(*) FROM return_search WHERE return_search MATCH :fts")
    return conn.execute(stmt, {"fts": fts_query(query)}).scalar_one()


def matches(query: str, dialect: str) -> ColumnElement[bool] | None:
    """Return a condition on Return that keeps the returns matching `query`, or None."""
    found = words(query)
    if not found:
        return None
    if dialect == "sqlite":
        ids = text("SELECT rowid FROM return_search WHERE return_search MATCH :fts")
        return col(Return.id).in_(
            ids.bindparams(fts=fts_query(query)).columns(column("rowid", Integer))
        )
    return _number_matches(query) if _NUMBER.fullmatch(query) else _ilike_matches(found)


def _number_matches(query: str) -> ColumnElement[bool]:
    """A typed return number, found as the SQLite index finds it (see `fts_query`)."""
    letter, year, seq = _NUMBER.fullmatch(query).groups()
    if seq and not seq.startswith("0") and len(seq) < 5:  # without the leading zeros
        return func.ltrim(func.split_part(col(Return.number), "-", 3), "0").like(f"{seq}%")
    return func.replace(col(Return.number), "-", "").ilike(f"{letter}{year}{seq}%")


def fold(word: str) -> str:
    """`word` in lower case without accents ("Müll" -> "mull"), as the SQLite index keeps it."""
    plain = unicodedata.normalize("NFKD", word)
    return "".join(c for c in plain if not unicodedata.combining(c)).lower()


# The accented Latin letters, and the same without their accent (for SQL's translate()).
_ACCENTED = "".join(
    c
    for c in map(chr, range(0xC0, 0x250))
    if c.isalpha() and len(fold(c)) == 1 and fold(c) != c.lower() and fold(c).isascii()
)
_PLAIN = "".join(fold(c) for c in _ACCENTED)


def _folded(column: ColumnElement) -> ColumnElement:
    return func.lower(func.translate(column, _ACCENTED, _PLAIN))


def _ilike_matches(found: list[str]) -> ColumnElement[bool]:
    """Every word somewhere in the number, name, email, phone (also as bare digits, so a
    number typed without spaces or country code is found) or a line's SKU, in any case and
    with or without accents."""
    digits = func.regexp_replace(func.coalesce(col(Customer.phone), ""), "[^0-9]", "", "g")
    conditions = []
    for word in found:
        pattern = f"%{word}%"
        conditions.append(
            or_(
                col(Return.number).ilike(pattern),
                _folded(col(Customer.name)).like(f"%{fold(word)}%"),
                col(Customer.email).ilike(pattern),
                col(Customer.phone).ilike(pattern),
                *([digits.like(pattern)] if word.isdigit() else []),
                exists().where(
                    ReturnLine.return_id == Return.id, col(ReturnLine.sku).ilike(pattern)
                ),
            )
        )
    condition = conditions[0]
    for extra in conditions[1:]:
        condition = condition & extra
    return condition


def reindex(conn: Connection, return_ids: Iterable[int] | None = None) -> None:
    """Bring the search index up to date for these returns (all when None)."""
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


def customer_ids_matching(conn: Connection, query: str, limit: int = 20) -> list[int]:
    """Return ids of customers whose name, email or phone starts with the typed words."""
    found = words(query)
    if not found:
        return []
    stmt = select(Customer.id)
    for word in found:
        prefix = f"{word}%"
        stmt = stmt.where(
            or_(
                col(Customer.name).ilike(prefix),
                col(Customer.name).ilike(f"% {prefix}"),
                col(Customer.email).ilike(prefix),
                col(Customer.phone).ilike(f"%{word}%"),
            )
        )
    return list(conn.execute(stmt.order_by(Customer.name).limit(limit)).scalars())
