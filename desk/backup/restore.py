"""Restoring a copy: refuse a damaged one or one from a newer app, set the current file aside.

`restore_database` (the command line) and `restore_backup` (the window, which closes its
open database first) check the copy, write it in place through a temporary file, move the
current file and its `-wal`/`-shm` aside under a `.set-aside-<time>` name beside it, then
open the result once so its schema is upgraded to this version of the app.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from desk.backup.folder import STAMP_FORMAT, BackupCopy, read_copy
from desk.backup.store import BUSY_TIMEOUT_S, check_file, sqlite_file
from desk.db import Database, open_database
from desk.errors import DeskError
from desk.i18n.catalog import _
from desk.paths import sqlite_url
from desk.staff.actor import Actor, acting, require
from desk.staff.audit import record
from desk.staff.codes import AuditAction
from desk.staff.guard import known_here
from desk.staff.roles import Permission

SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class Restored:
    """What a restore did."""

    copy: BackupCopy  # the copy restored (its date, kind and schema revision)
    database: Path  # the file now holding the copy's data
    set_aside: Path | None  # where the file it replaced went (None: there was none)

    def message(self) -> str:
        """One line saying what was done, in the desk's language."""
        values = {
            "made": self.copy.describe(),
            "kind": self.copy.kind.label,
            "database": self.database,
            "aside": self.set_aside,
        }
        if self.set_aside is None:
            return _(
                "Restored the backup of {made} ({kind}) into {database}; there was no database "
                "file to set aside."
            ).format(**values)
        return _(
            "Restored the backup of {made} ({kind}) into {database}; the file it replaced was "
            "set aside as {aside}."
        ).format(**values)


def check_copy(path: Path) -> BackupCopy:
    """The copy at `path` if it can be restored; else DeskError saying why not.

    Refused: a missing file, a damaged copy (integrity check, or row counts that differ from
    those its sidecar recorded), a file without a Return Desk schema, a newer schema.
    """
    path = Path(path)
    if not path.is_file():
        raise DeskError(
            _("There is no backup file at {path}; `returndesk backups` lists them.").format(
                path=path
            )
        )
    copy = read_copy(path)
    if problem := check_file(path, copy.tables or None):
        raise DeskError(
            _(
                "The backup {path} cannot be restored: {problem}. Choose another copy; "
                "`returndesk backups` lists them."
            ).format(path=path, problem=problem)
        )
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        row = None
    finally:
        conn.close()
    if row is None:
        raise DeskError(
            _("{path} is not a Return Desk database; it was not restored.").format(path=path)
        )
    from desk.migrations import runner  # alembic loads only when there is work

    if not runner.is_known(row[0]):
        raise DeskError(
            _(
                "The backup {path} was made by a newer Return Desk (schema {revision}); "
                "install that version to restore it. Nothing was changed."
            ).format(path=path, revision=row[0])
        )
    return replace(copy, revision=row[0])


def restore_file(db_file: Path, copy_path: Path) -> Restored:
    """Put the copy at `copy_path` in place of the SQLite file `db_file` (see the module).

    Nothing may have the database open meanwhile (close the desk's windows first).
    """
    copy, db_file = check_copy(copy_path), Path(db_file)
    incoming = db_file.with_name(db_file.name + ".restoring")
    incoming.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(f"file:{copy.path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        dst = sqlite3.connect(incoming)
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()
        set_aside = _set_aside(db_file)
        os.replace(incoming, db_file)
        for suffix in SIDE_FILES:  # opened by someone during the swap: not the copy's
            Path(f"{db_file}{suffix}").unlink(missing_ok=True)
    except (sqlite3.Error, OSError) as error:
        if incoming.is_file():
            incoming.unlink()
        raise DeskError(
            _(
                "Could not restore {copy} into {database} ({error}). Check that the folder "
                "may be written and has free space."
            ).format(copy=copy.path, database=db_file, error=error)
        ) from error
    return Restored(copy=copy, database=db_file, set_aside=set_aside)


def _set_aside(db_file: Path) -> Path | None:
    if not db_file.exists():
        return None
    base = db_file.with_name(f"{db_file.name}.set-aside-{datetime.now().strftime(STAMP_FORMAT)}")
    aside, n = base, 1
    while aside.exists():
        n += 1
        aside = base.with_name(f"{base.name}-{n}")
    for suffix in ("", *SIDE_FILES):
        if (side := Path(f"{db_file}{suffix}")).exists():
            os.replace(side, f"{aside}{suffix}")
    return aside


def restore_database(url: str, copy_path: Path, *, actor: Actor | None = None) -> Restored | None:
    """Restore the copy into the SQLite database at `url`, then upgrade its schema.

    The restored database's audit then records the restore (by `actor`: the desk's actor
    when None), with the copy's date and name. This is the command line's restore, and the
    start's, when the database is damaged: no permission is asked of the file replaced;
    the window's `restore_backup` asks first. Returns None on PostgreSQL (the desk does
    not back it up; see desk.backup.store.PG_HINT).
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    restored = restore_file(Path(parsed.database), copy_path)
    restored_db = open_database(sqlite_url(restored.database))  # upgrades an older copy
    try:
        with restored_db.session() as session:
            who = known_here(session, acting(actor))
            copy = restored.copy
            made = f"{copy.made_at.isoformat(timespec='seconds')} ({copy.kind.value})"
            record(session, who, AuditAction.BACKUP_RESTORED, copy_path.name, new=made)
            session.commit()
    finally:
        restored_db.close()
    return restored


def restore_backup(db: Database, copy_path: Path, *, actor: Actor | None = None) -> Restored | None:
    """The window's restore: close `db`'s connections, restore, upgrade; None on PostgreSQL.

    Needs Permission.RESTORE_BACKUP in the database replaced (NotAllowed, before anything).
    `db` stays usable afterwards: its next connection opens the restored file.
    """
    with db.session() as session:
        actor = require(session, actor, Permission.RESTORE_BACKUP)
    db_file = sqlite_file(db)
    if db_file is None:
        return None
    check_copy(copy_path)  # refuse before closing anything
    db.close()
    try:
        return restore_database(sqlite_url(db_file), copy_path, actor=actor)
    finally:
        db.close()  # drop any connection opened on the old file meanwhile
