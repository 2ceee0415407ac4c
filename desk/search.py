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
    and_,
    column,
    exists,
    func,
    or_,
    select,
    text,
)
from sqlmodel import Session, col

from desk.models import Customer, Return, ReturnLine
from desk.phones import search_digits

_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """What a search compares: lower case without accents ("João Vítor" → "joao vitor").

    The one folding of every search for a person: the SQLite index folds the same way
    (unicode61 remove_diacritics), and `folded` applies it inside SQL on every database.
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


def fts_query(query: str) -> str:
    """Turn typed text into an FTS5 query: every word, as a prefix, must appear.

    A return number ("R-2026-006") is looked up as one word, not as "R", "2026", "006",
    which would each match nearly every return. A phone typed with spaces, dashes, its
    trunk 0 or its country code is also looked up as its digits run together.
    """
    if number := _NUMBER.fullmatch(query):
        letter, year, seq = number.groups()
        if seq and not seq.startswith("0") and len(seq) < 5:
            return f'"{seq}"*'  # typed without the leading zeros: R-2026-636
        return f'"{letter}{year}{seq}"*'
    every = " ".join(f'"{w}"*' for w in words(query))
    if digits := phone_digits(query):
        return f'({every}) OR "{digits}"*'
    return every


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
    if _NUMBER.fullmatch(query):
        return _number_matches(query)
    return _ilike_matches(found, _folded(col(Customer.name), dialect))


def _number_matches(query: str) -> ColumnElement[bool]:
    """A typed return number, found as the SQLite index finds it (see `fts_query`)."""
    letter, year, seq = _NUMBER.fullmatch(query).groups()
    if seq and not seq.startswith("0") and len(seq) < 5:  # without the leading zeros
        return func.ltrim(func.split_part(col(Return.number), "-", 3), "0").like(f"{seq}%")
    return func.replace(col(Return.number), "-", "").ilike(f"{letter}{year}{seq}%")


def _ilike_matches(found: list[str], name: ColumnElement[str]) -> ColumnElement[bool]:
    """Every word somewhere in the number, name (folded), email, phone (also as bare
    digits, so a number typed without spaces or country code is found) or a line's SKU."""
    digits = func.regexp_replace(func.coalesce(col(Customer.phone), ""), "[^0-9]", "", "g")
    conditions = []
    for word in found:
        pattern = f"%{word}%"
        conditions.append(
            or_(
                col(Return.number).ilike(pattern),
                name.like(f"%{fold(word)}%"),
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
    if phone := phone_digits(" ".join(found)):
        condition = condition | digits.like(f"%{phone}%")
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
    """Return ids of customers whose name, email or phone starts with the typed words.

    Names are compared folded (`fold`): "joao vitor" finds "João Vítor", on every database.
    """
    found = words(query)
    if not found:
        return []
    name = folded(conn, col(Customer.name))
    every = []
    for word in found:
        prefix, plain = f"{word}%", f"{fold(word)}%"  # words hold no % or _
        every.append(
            or_(
                name.like(plain),
                name.like(f"% {plain}"),
                col(Customer.email).ilike(prefix),
                col(Customer.phone).ilike(f"%{word}%"),
            )
        )
    condition = and_(*every)
    if phone := phone_digits(query):  # stored in E.164: "+447993672961"
        condition = condition | col(Customer.phone).like(f"%{phone}%")
    stmt = select(Customer.id).where(condition)
    return list(conn.execute(stmt.order_by(Customer.name).limit(limit)).scalars())


def find_customers(session: Session, query: str, limit: int = 20) -> list[Customer]:
    """Return customers whose name, email or phone matches what was typed."""
    ids = customer_ids_matching(session.connection(), query, limit)
    if not ids:
        return []
    rows = session.scalars(select(Customer).where(col(Customer.id).in_(ids))).all()
    return sorted(rows, key=lambda c: c.name.lower())
