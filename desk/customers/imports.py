"""Importing customers from the till's CSV export: read, map columns, check, then apply.

The steps are separate so a window can show each one: `read_csv` gives the table,
`guess_mapping` pairs its columns with our fields, `check_import` says what would happen
row by row (create, merge into a known customer, or reject with a reason), and
`run_import` plans again and writes that plan in one transaction: all of it or nothing,
checked against the customers as they are when it writes (someone may have added one
since the check). Row numbers are the ones a spreadsheet shows: the header is row 1.

This module parses and checks rows, matches them with known customers, and writes;
reading the file lives in `desk.customers.csv_table` and the column mapping in
`desk.customers.mapping`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import Connection, bindparam, insert, select, update
from sqlmodel import Session, col

from desk import search
from desk.customers.csv_table import CsvTable, read_csv
from desk.customers.mapping import (
    guess_mapping,
    plain_text,
)
from desk.db import Database
from desk.errors import DeskError
from desk.messages.context import LANGUAGES
from desk.models import Channel, Customer, RefundMethod, Return, utcnow
from desk.validation import email_error, parse_money, phone_error

BATCH = 5_000
"""New customers written per Core insert."""

_CHANNELS = {
    "email": Channel.EMAIL, "e mail": Channel.EMAIL, "mail": Channel.EMAIL,
    "sms": Channel.SMS, "text": Channel.SMS, "texto": Channel.SMS, "mensagem": Channel.SMS,
    "print": Channel.PRINT, "paper": Channel.PRINT, "papel": Channel.PRINT,
    "impresso": Channel.PRINT, "none": Channel.NONE, "no contact": Channel.NONE,
    "nenhum": Channel.NONE, "nao contatar": Channel.NONE,
}  # fmt: skip


# -- one row ------------------------------------------------------------------------------


@dataclass
class Rejected:
    """A row that cannot be imported, and why."""

    row: int
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.reason}"


def cell_values(table: CsvTable, index: int, mapping: dict[str, int]) -> dict[str, str]:
    """Return the stripped text each mapped field gets from data row `index`."""
    row = table.rows[index]
    return {k: row[i].strip() if i < len(row) else "" for k, i in mapping.items()}


def parse_row(table: CsvTable, index: int, mapping: dict[str, int]) -> dict | str:
    """Return data row `index` as customer values, or the reason it cannot be imported."""
    row = table.rows[index]
    width = len(table.header)
    if len(row) < width or any(c.strip() for c in row[width:]):
        return f"wrong column count ({len(row)} columns, the header has {width})"
    raw = cell_values(table, index, mapping)
    if not raw.get("name"):
        return "missing name"
    values: dict = {"name": raw["name"][:200]}
    if email := raw.get("email", ""):
        if email_error(email) or len(email) > 254:
            return f"bad email “{email}”"
        values["email"] = email
    if phone := raw.get("phone", ""):
        if phone_error(phone) or len(phone) > 40:
            return f"bad phone “{phone}”"
        values["phone"] = phone
    if language := raw.get("preferred_language", ""):
        values["preferred_language"] = _language(language)
    if (chosen := _CHANNELS.get(plain_text(raw.get("preferred_channel", "")))) is not None:
        values["preferred_channel"] = chosen.value
    if ref := raw.get("external_ref", ""):
        values["external_ref"] = ref[:100]
    if since := raw.get("customer_since", ""):
        if (day := _date(since)) is None:
            return f"bad date “{since}” (use 2024-03-31 or 31/03/2024)"
        values["customer_since"] = day
    if orders := raw.get("orders_count", ""):
        count = orders.replace(" ", "").replace("\u00a0", "")
        if not count.isdigit():
            return f"bad number of orders “{orders}”"
        values["orders_count"] = int(count)
    if spend := raw.get("lifetime_spend", ""):
        try:
            cents = parse_money(re.sub(r"^[^\d+-]+|[^\d]+$", "", spend))
        except ValueError:
            return f"bad amount “{spend}”"
        if cents < 0:
            return f"bad amount “{spend}” (negative)"
        values["lifetime_spend_cents"] = cents
    if notes := raw.get("notes", ""):
        values["notes"] = notes
    return values


def _language(text: str) -> str:
    plain = plain_text(text)
    for code in LANGUAGES:
        if plain == plain_text(code):
            return code
    if plain.startswith(("pt", "portug", "br")):
        return "pt_BR"
    return "en"


def _date(text: str) -> date | None:
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}([ T].*)?", text):
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            return None
    if found := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text):
        day, month, year = map(int, found.groups())
        try:
            return date(year, month, day)
        except ValueError:
            return None
    return None


def digits(phone: str | None) -> str:
    """Return only the digits of a phone number (the key phones are matched on)."""
    return "".join(c for c in phone or "" if c.isdigit())


# -- planning -----------------------------------------------------------------------------


@dataclass
class NewCustomer:
    """A customer to create, from one row or several rows of the same person."""

    rows: list[int]
    values: dict


@dataclass
class Merge:
    """Rows that match a customer already in the database, and what they change."""

    customer_id: int
    name: str
    rows: list[int]
    changes: dict = field(default_factory=dict)


@dataclass
class ImportPlan:
    """What an import will do, before anything is written."""

    create: list[NewCustomer]
    merge: list[Merge]
    rejected: list[Rejected]
    merged_rows: int = 0
    total_rows: int = 0

    @property
    def created(self) -> int:
        """How many customers the import creates."""
        return len(self.create)


_FILL_ONLY = ("email", "phone", "preferred_language", "preferred_channel", "external_ref", "notes")
_OVERWRITE = ("customer_since", "orders_count", "lifetime_spend_cents")


def plan_import(session: Session, table: CsvTable, mapping: dict[str, int]) -> ImportPlan:
    """Decide, row by row, what importing `table` with `mapping` would do; writes nothing.

    A row matching a known customer by email (any case) or phone (digits only) is merged
    into it; so are rows repeating a person seen earlier in the file.
    """
    if "name" not in mapping:
        raise DeskError("Choose the column that holds the customer's name; it is required.")
    by_email, by_phone, known = _known_customers(session.connection())
    plan = ImportPlan(create=[], merge=[], rejected=[], total_rows=len(table.rows))
    merges: dict[int, Merge] = {}
    for index, number in enumerate(table.numbers):
        values = parse_row(table, index, mapping)
        if isinstance(values, str):
            plan.rejected.append(Rejected(number, values))
            continue
        email = (values.get("email") or "").casefold()
        phone = digits(values.get("phone"))
        target = (email and by_email.get(email)) or (phone and by_phone.get(phone)) or None
        if target is None:
            target = NewCustomer([number], _with_defaults(values))
            plan.create.append(target)
        elif isinstance(target, NewCustomer):
            target.rows.append(number)
            _merge_into(target.values, values, target.values)
            plan.merged_rows += 1
        else:
            merge = merges.get(target)
            if merge is None:
                merge = merges[target] = Merge(target, known[target]["name"], [])
                plan.merge.append(merge)
            merge.rows.append(number)
            _merge_into(merge.changes, values, {**known[target], **merge.changes})
            plan.merged_rows += 1
        for key, index_ in ((email, by_email), (phone, by_phone)):
            if key:
                index_.setdefault(key, target)
    return plan


def _merge_into(changes: dict, values: dict, current: dict) -> None:
    """Fill what `current` lacks from `values`; orders, spend and since follow `values`."""
    for key in _FILL_ONLY:
        if values.get(key) and not current.get(key):
            changes[key] = values[key]
    for key in _OVERWRITE:
        if values.get(key) is not None and values[key] != current.get(key):
            changes[key] = values[key]


def _with_defaults(values: dict) -> dict:
    empty = {"email": None, "phone": None, "preferred_channel": None, "notes": ""}
    unknown = {"preferred_language": None, "external_ref": "", "customer_since": None}
    counts = {"orders_count": None, "lifetime_spend_cents": None}
    return {**empty, **unknown, **counts, **values}


def _known_customers(conn: Connection) -> tuple[dict, dict, dict]:
    """Index the customers (not erased) by lower-case email and by phone digits."""
    c = Customer.__table__.c
    query = select(
        c.id, c.name, c.email, c.phone, c.preferred_language, c.preferred_channel,
        c.external_ref, c.notes, c.customer_since, c.orders_count, c.lifetime_spend_cents,
    ).where(c.erased_at.is_(None)).order_by(c.id)  # fmt: skip
    by_email: dict[str, int] = {}
    by_phone: dict[str, int] = {}
    known: dict[int, dict] = {}
    for row in conn.execute(query).mappings():
        known[row["id"]] = dict(row)
        if row["email"]:
            by_email.setdefault(row["email"].casefold(), row["id"])
        if key := digits(row["phone"]):
            by_phone.setdefault(key, row["id"])
    return by_email, by_phone, known


# -- applying -----------------------------------------------------------------------------


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do)."""

    created: int
    merged: int
    rejected: int
    rejected_rows: list[Rejected]
    customers_updated: int = 0
    returns_reindexed: int = 0
    dry_run: bool = False

    def lines(self) -> list[str]:
        """The summary line, then one line per rejected row."""
        verb = "Would create" if self.dry_run else "Created"
        head = f"{verb} {self.created}, merged {self.merged}, rejected {self.rejected}."
        if self.dry_run:
            head = f"Dry run, nothing saved. {head}"
        return [head, *(str(r) for r in self.rejected_rows)]


def apply_import(session: Session, plan: ImportPlan) -> ImportReport:
    """Write `plan` in the session's transaction (the caller commits): new customers,
    merged changes, search index."""
    conn = session.connection()
    _insert_new(conn, plan.create)
    changed = _apply_merges(conn, plan.merge)
    return_ids = _returns_of(conn, changed)
    search.reindex(conn, return_ids)
    return ImportReport(
        created=plan.created,
        merged=plan.merged_rows,
        rejected=len(plan.rejected),
        rejected_rows=list(plan.rejected),
        customers_updated=sum(1 for m in plan.merge if m.changes),
        returns_reindexed=len(return_ids),
    )


def _insert_new(conn: Connection, create: list[NewCustomer]) -> None:
    now = utcnow()
    rows = []
    for new in create:
        row = {**new.values, "created_at": now, "preferred_refund": RefundMethod.ORIGINAL}
        row["preferred_channel"] = row["preferred_channel"] or _default_channel(row)
        row["preferred_language"] = row["preferred_language"] or "en"
        rows.append(row)
    for start in range(0, len(rows), BATCH):
        conn.execute(insert(Customer.__table__), rows[start : start + BATCH])


def _default_channel(row: dict) -> Channel:
    if row.get("email"):
        return Channel.EMAIL
    return Channel.SMS if row.get("phone") else Channel.PRINT


def _apply_merges(conn: Connection, merges: list[Merge]) -> list[int]:
    """Update the merged customers; return the ids whose name, email or phone changed."""
    table = Customer.__table__
    groups: dict[tuple[str, ...], list[dict]] = {}
    for merge in merges:
        if merge.changes:
            keys = tuple(sorted(merge.changes))
            groups.setdefault(keys, []).append({"_id": merge.customer_id, **merge.changes})
    for keys, rows in groups.items():
        stmt = (
            update(table)
            .where(table.c.id == bindparam("_id"))
            .values({k: bindparam(k) for k in keys})
        )
        conn.execute(stmt, rows)
    return [m.customer_id for m in merges if {"name", "email", "phone"} & set(m.changes)]


def _returns_of(conn: Connection, customer_ids: list[int]) -> list[int]:
    found: list[int] = []
    for start in range(0, len(customer_ids), 500):
        chunk = customer_ids[start : start + 500]
        query = select(Return.id).where(col(Return.customer_id).in_(chunk))
        found.extend(conn.execute(query).scalars())
    return found


def import_customers(
    session: Session,
    source: str | Path | bytes | CsvTable,
    mapping: dict[str, int] | None = None,
    *,
    dry_run: bool = False,
) -> ImportReport:
    """Read, map (guessed from the header when None), check and apply a customer CSV.

    Planning and writing are one transaction; on SQLite it holds the write lock from the
    start, so no customer can be added between the duplicate check and the writing.
    Commits (a dry run writes nothing).
    """
    table = source if isinstance(source, CsvTable) else read_csv(source)
    if not dry_run:
        _lock_for_writing(session)
    plan = plan_import(session, table, guess_mapping(table.header) if mapping is None else mapping)
    if dry_run:
        session.rollback()
        return ImportReport(
            created=plan.created,
            merged=plan.merged_rows,
            rejected=len(plan.rejected),
            rejected_rows=list(plan.rejected),
            customers_updated=sum(1 for m in plan.merge if m.changes),
            dry_run=True,
        )
    try:
        report = apply_import(session, plan)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return report


def _lock_for_writing(session: Session) -> None:
    """On SQLite, start the transaction by taking the write lock (other desks wait)."""
    conn = session.connection()
    if conn.dialect.name == "sqlite" and not conn.connection.dbapi_connection.in_transaction:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def check_import(db: Database, table: CsvTable, mapping: dict[str, int]) -> ImportPlan:
    """What importing `table` with `mapping` would do now (see `plan_import`); writes nothing."""
    with db.session() as session:
        return plan_import(session, table, mapping)


def run_import(db: Database, table: CsvTable, mapping: dict[str, int]) -> ImportReport:
    """Import `table` with `mapping`: plan again and apply, in one transaction.

    The report says what was done, which differs from an earlier `check_import` when
    customers changed meanwhile: a customer added since then is merged into, not doubled.
    """
    with db.session() as session:
        return import_customers(session, table, mapping)
