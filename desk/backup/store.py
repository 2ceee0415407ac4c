"""Making, verifying, listing and pruning the copies of an SQLite database.

A copy is taken with SQLite's online backup API while the desk runs: the source is read in
one read transaction, so the copy is the database as it was at one instant, the moves still
in the `-wal` file included (a plain file copy would miss them). The same transaction counts
the rows of every table; the copy is then checked (`PRAGMA integrity_check`) and its counts
compared with those, and a JSON sidecar records the result (desk.backup.folder).

PostgreSQL is not backed up by the desk: every function here returns None (or nothing)
for it, and `PG_HINT` says what to use instead.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desk.backup.folder import (
    BackupCopy,
    BackupKind,
    list_copies,
    new_copy_path,
    newest_verified,
    sidecar_path,
    write_sidecar,
)
from desk.errors import DeskError
from desk.i18n.catalog import N_, _

if TYPE_CHECKING:  # desk.db uses this module: no import of it at run time
    from desk.db import Database

BUSY_TIMEOUT_S = 5.0
PG_HINT = N_(
    "Return Desk does not back up a PostgreSQL database: use pg_dump -Fc to back it up and "
    "pg_restore --clean to restore it (see “Backups” in the README)."
)
"""Marked English: shown with `_(PG_HINT)`."""
PRUNED_KINDS = (BackupKind.DAILY, BackupKind.BEFORE_IMPORT, BackupKind.BEFORE_ERASE)
"""Kinds of which only the newest `backup.keep_daily` are kept; manual and pre-upgrade
copies are never deleted by the desk."""


def sqlite_file(db: Database) -> Path | None:
    """The SQLite file behind `db`, or None for PostgreSQL or an in-memory database."""
    url = db.engine.url
    if db.engine.dialect.name != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """The number of rows of each real table (virtual tables are counted by their shadows)."""
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
        )
    ]
    return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def _revision(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def check_file(path: Path, expected: dict[str, int] | None = None) -> str:
    """Why the SQLite file at `path` is not a sound copy ("it ..."), or "" when it is.

    Runs `PRAGMA integrity_check` and, when `expected` is given, compares the row counts.
    """
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error as error:
        return _("it cannot be opened ({error})").format(error=error)
    try:
        result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            return _("its integrity check failed ({details})").format(details="; ".join(result[:3]))
        if expected is not None and (counts := table_counts(conn)) != expected:
            wrong = sorted(k for k in {*counts, *expected} if counts.get(k) != expected.get(k))
            return _("its row counts differ from those recorded, in {tables}").format(
                tables=", ".join(wrong)
            )
    except sqlite3.DatabaseError as error:
        return _("it is not a readable database ({error})").format(error=error)
    finally:
        conn.close()
    return ""


def write_copy(source: Path, target: Path, kind: BackupKind) -> BackupCopy:
    """Copy the SQLite file `source` to `target` consistently, verify it, record it.

    The returned copy says whether it was verified (and if not, why). Raises DeskError when
    the source cannot be read or the target cannot be written.
    """
    partial = target.with_name(target.name + ".partial")
    made_at = datetime.now(UTC)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        src = sqlite3.connect(source, isolation_level=None, timeout=BUSY_TIMEOUT_S)
        try:
            src.execute("BEGIN")  # one read snapshot for the counts and the copy
            counts, revision = table_counts(src), _revision(src)
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")  # the copy is one file
            finally:
                dst.close()
            src.execute("COMMIT")
        finally:
            src.close()
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as error:
        if partial.is_file():
            partial.unlink()
        raise DeskError(
            _(
                "Could not back up {source} to {folder} ({error}). Check that the folder "
                "exists, may be written and has free space."
            ).format(source=source, folder=target.parent, error=error)
        ) from error
    problem = check_file(target, counts)
    copy = BackupCopy(
        path=target,
        kind=kind,
        made_at=made_at,
        verified=not problem,
        size=target.stat().st_size,
        revision=revision,
        tables=counts,
        problem=problem,
    )
    write_sidecar(copy)
    return copy


def make_backup(
    db: Database, kind: BackupKind = BackupKind.MANUAL, *, to: Path | None = None
) -> BackupCopy | None:
    """Back the database up now, into the backups folder (or to `to`: a file or a folder).

    Returns the verified (or not: see `.verified`, `.problem`) copy; None on PostgreSQL.
    Copies in the backups folder are then pruned (`prune`).
    """
    source = sqlite_file(db)
    if source is None:
        return None
    if not source.is_file():
        raise DeskError(
            _("There is no database file at {source} to back up.").format(source=source)
        )
    if to is None:
        target = new_copy_path(source, kind)
    elif Path(to).is_dir():
        target = Path(to) / new_copy_path(source, kind).name
    else:
        target = Path(to)
        if target.exists():
            raise DeskError(
                _("{target} already exists; choose a new file name.").format(target=target)
            )
    copy = write_copy(source, target, kind)
    if to is None:
        prune(source, keep=keep_daily(db))
    return copy


def backup_before(db: Database, kind: BackupKind) -> BackupCopy | None:
    """Back up before a destructive action (`kind` says which); None on PostgreSQL.

    Raises DeskError when no verified copy could be made, so the action does not run.
    """
    copy = make_backup(db, kind)
    if copy is not None and not copy.verified:
        raise DeskError(
            _(
                "The backup made before this change could not be verified ({problem}); "
                "nothing was changed. Check the disk, then try again."
            ).format(problem=copy.problem)
        )
    return copy


def keep_daily(db: Database) -> int:
    """How many daily copies (and of each kind made before a change) are kept."""
    from desk.settings import BACKUP_KEEP_DAILY, get_setting

    with db.session() as session:
        return get_setting(session, BACKUP_KEEP_DAILY)


def list_backups(db: Database) -> list[BackupCopy] | None:
    """Every copy in the backups folder of `db`, oldest first; None on PostgreSQL."""
    source = sqlite_file(db)
    return None if source is None else list_copies(source)


def prune(db_file: Path, *, keep: int) -> list[Path]:
    """Delete all but the newest `keep` copies of each pruned kind (daily, before an import,
    before an erase); pre-upgrade and manual copies stay. Returns the deleted paths."""
    deleted: list[Path] = []
    copies = list_copies(db_file)
    for kind in PRUNED_KINDS:
        of_kind = [c for c in copies if c.kind == kind]
        kept = {c.path for c in [c for c in of_kind if c.verified][-keep:]}
        oldest_kept = min((c.made_at for c in of_kind if c.path in kept), default=None)
        for copy in of_kind:
            if copy.path in kept or oldest_kept is None or copy.made_at > oldest_kept:
                continue
            copy.path.unlink(missing_ok=True)
            sidecar_path(copy.path).unlink(missing_ok=True)
            deleted.append(copy.path)
    return deleted


def recheck(copy: BackupCopy) -> BackupCopy:
    """`copy` checked again now (integrity and its recorded row counts)."""
    problem = check_file(copy.path, copy.tables or None)
    return replace(copy, verified=not problem, problem=problem)


def last_good_backup(db: Database) -> BackupCopy | None:
    """The newest verified copy in the backups folder of `db` (None: none, or PostgreSQL)."""
    source = sqlite_file(db)
    return None if source is None else newest_verified(source)
