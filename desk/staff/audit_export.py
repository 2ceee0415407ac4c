"""The audit as a CSV file, for the owner's records (the window's Export and `returndesk audit`)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from desk.db import Database
from desk.i18n.catalog import _
from desk.staff.audit import AuditQuery, entries
from desk.staff.tables import AuditEntry

COLUMNS = (
    "at",
    "action",
    "actor",
    "acting_as",
    "approved_by",
    "subject",
    "old",
    "new",
    "computer",
)
"""The file's header: stable English names, so a spreadsheet or script can rely on them."""

_PAGE = 2000


def audit_rows(db: Database, query: AuditQuery) -> Iterator[AuditEntry]:
    """Every entry `query` selects, newest first, read a page at a time (its limit ignored)."""
    before = query.before_id
    while True:
        page_query = AuditQuery(
            since=query.since,
            until=query.until,
            actions=query.actions,
            actor_name=query.actor_name,
            limit=_PAGE,
            before_id=before,
        )
        with db.session() as session:
            page = entries(session, page_query)
        yield from page
        if len(page) < _PAGE:
            return
        before = page[-1].id


def export_audit(db: Database, path: Path | str, query: AuditQuery) -> int:
    """Write the entries `query` selects to the CSV file `path`; return how many.

    Times are UTC in ISO 8601. Raises OSError when the file cannot be written.
    """
    path = Path(path)
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for entry in audit_rows(db, query):
            writer.writerow(_row(entry))
            count += 1
    return count


def _row(entry: AuditEntry) -> list[str]:
    return [
        entry.at.isoformat(timespec="seconds"),
        entry.action.value,
        entry.actor_name,
        entry.acting_as.value,
        entry.approver_name or "",
        entry.subject,
        entry.old_value or "",
        entry.new_value or "",
        entry.computer,
    ]


def describe(entry: AuditEntry) -> str:
    """One line for a person: when (this computer's time), who (and who approved), what, on
    what."""
    who = entry.actor_name or _("(unknown)")
    if entry.approver_name:
        who = _("{name}, approved by {approver}").format(name=who, approver=entry.approver_name)
    parts = [f"{entry.at.astimezone():%Y-%m-%d %H:%M}", who, entry.action.label]
    return " · ".join([*parts, entry.subject] if entry.subject else parts)
