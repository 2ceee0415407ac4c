"""Importing customers from the till's CSV export: read, map columns, check, then apply.

The steps are separate so a window can show each one: `read_csv` gives the table,
`guess_mapping` pairs its columns with our fields, `check_import` says what would happen
row by row (create, merge into a known customer, or reject with a reason), and
`run_import` plans again and writes that plan in one transaction: all of it or nothing,
checked against the customers as they are when it writes (someone may have added one
since the check). Row numbers are the ones a spreadsheet shows: the header is row 1.

This module writes; reading the file lives in `desk.customers.csv_table`, the column
mapping in `desk.customers.mapping`, and parsing rows and matching them with known
customers (the plan) in `desk.customers.import_plan`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, bindparam, insert, select, update
from sqlmodel import Session, col

from desk import search
from desk.backup.folder import BackupKind
from desk.backup.store import backup_before
from desk.codes import Channel, RefundMethod
from desk.customers.csv_table import CsvTable, read_csv
from desk.customers.import_plan import ImportPlan, Merge, NewCustomer, Rejected, plan_import
from desk.customers.mapping import guess_mapping
from desk.db import Database
from desk.i18n.catalog import _, ngettext
from desk.i18n.formats import format_number
from desk.models import Customer, Return, utcnow
from desk.phones import can_receive_sms
from desk.staff.actor import Actor, require
from desk.staff.audit import record
from desk.staff.codes import AuditAction
from desk.staff.roles import Permission

BATCH = 5_000
"""New customers written per Core insert."""


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
    left_out: list[Rejected] = field(default_factory=list)  # imported without a bad contact
    erased: int = 0  # rows skipped: an erased customer's email or phone

    def lines(self) -> list[str]:
        """The summary line, the erased rows skipped, then one line per row rejected or
        imported without a bad email or phone."""
        counts = {
            "created": format_number(self.created),
            "merged": format_number(self.merged),
            "rejected": format_number(self.rejected),
        }
        if self.dry_run:
            head = _(
                "Dry run, nothing saved. Would create {created}, merged {merged}, "
                "rejected {rejected}."
            ).format(**counts)
        else:
            head = _("Created {created}, merged {merged}, rejected {rejected}.").format(**counts)
        skipped = [erased_line(self.erased)] if self.erased else []
        rows = sorted([*self.rejected_rows, *self.left_out], key=lambda r: r.row)
        return [head, *skipped, *(str(r) for r in rows)]


def erased_line(count: int) -> str:
    """What an import says of the rows it skipped as erased customers (no contact shown)."""
    return ngettext(
        "{n} row skipped: erased customers.", "{n} rows skipped: erased customers.", count
    ).format(n=format_number(count))


def _report(plan: ImportPlan, **counts) -> ImportReport:
    return ImportReport(
        created=plan.created,
        merged=plan.merged_rows,
        rejected=len(plan.rejected),
        rejected_rows=list(plan.rejected),
        customers_updated=sum(1 for m in plan.merge if m.changes),
        left_out=list(plan.left_out),
        erased=plan.erased,
        **counts,
    )


def apply_import(session: Session, plan: ImportPlan) -> ImportReport:
    """Write `plan` in the session's transaction (the caller commits): new customers,
    merged changes, search index."""
    conn = session.connection()
    _insert_new(conn, plan.create)
    changed = _apply_merges(conn, plan.merge)
    return_ids = _returns_of(conn, changed)
    search.reindex(conn, return_ids)
    return _report(plan, returns_reindexed=len(return_ids))


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
    return Channel.SMS if can_receive_sms(row.get("phone") or "") else Channel.PRINT


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
    actor: Actor | None = None,
) -> ImportReport:
    """Read, map (guessed from the header when None), check and apply a customer CSV.

    Planning and writing are one transaction that holds the right to write customers from
    the start (SQLite's write lock, PostgreSQL's lock on the customer table), so no customer
    can be added between the duplicate check and the writing.
    Commits (a dry run writes nothing). Writing needs Permission.IMPORT_DATA (NotAllowed)
    and is audited with its counts.
    """
    table = source if isinstance(source, CsvTable) else read_csv(source)
    if not dry_run:
        _lock_for_writing(session)
        actor = require(session, actor, Permission.IMPORT_DATA)
    plan = plan_import(session, table, guess_mapping(table.header) if mapping is None else mapping)
    if dry_run:
        session.rollback()
        return _report(plan, dry_run=True)
    try:
        report = apply_import(session, plan)
        counts = f"created={report.created} merged={report.merged} rejected={report.rejected}"
        record(session, actor, AuditAction.DATA_IMPORTED, "customers", new=counts)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return report


def _lock_for_writing(session: Session) -> None:
    """Start the transaction by taking the right to write customers (other desks wait)."""
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        if not conn.connection.dbapi_connection.in_transaction:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif conn.dialect.name == "postgresql":  # readers go on; writers of customers wait
        conn.exec_driver_sql("LOCK TABLE customer IN SHARE ROW EXCLUSIVE MODE")


def check_import(db: Database, table: CsvTable, mapping: dict[str, int]) -> ImportPlan:
    """What importing `table` with `mapping` would do now (see `plan_import`); writes nothing."""
    with db.session() as session:
        return plan_import(session, table, mapping)


def run_import(
    db: Database, table: CsvTable, mapping: dict[str, int], *, actor: Actor | None = None
) -> ImportReport:
    """Import `table` with `mapping`: plan again and apply, in one transaction.

    The report says what was done, which differs from an earlier `check_import` when
    customers changed meanwhile: a customer added since then is merged into, not doubled.
    A verified backup is made first (desk.backup); without one, nothing is imported.
    Needs Permission.IMPORT_DATA (NotAllowed, before the backup).
    """
    with db.session() as session:
        actor = require(session, actor, Permission.IMPORT_DATA)
    backup_before(db, BackupKind.BEFORE_IMPORT)
    with db.session() as session:
        return import_customers(session, table, mapping, actor=actor)
