"""The `backup`, `backups` and `restore` commands of `returndesk` (added by desk.cli).

    returndesk backup [--to PATH]   a verified copy now (into the backups folder by default)
    returndesk backups              every copy: date, size, verified, kind, file
    returndesk restore PATH         put a copy back (the current file is set aside first)

`restore` runs without opening the database, so it works on a damaged one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desk.backup.folder import backups_folder, format_size
from desk.backup.store import PG_HINT, list_backups, make_backup, sqlite_file
from desk.db import Database
from desk.i18n.catalog import _, ngettext
from desk.i18n.formats import format_number


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add `backup`, `backups` and `restore` to the `returndesk` subcommands."""
    backup = commands.add_parser("backup", help=_("make a verified copy of the database now"))
    backup.add_argument(
        "--to", type=Path, metavar="PATH", help=_("file or folder (default: the backups folder)")
    )
    backup.set_defaults(run=cmd_backup)
    listed = commands.add_parser("backups", help=_("list the copies in the backups folder"))
    listed.set_defaults(run=cmd_backups)
    restore = commands.add_parser(
        "restore", help=_("put a backup in place of the database (which is set aside first)")
    )
    restore.add_argument("path", type=Path, metavar="PATH", help=_("the copy to restore"))
    restore.set_defaults(run=None, run_unopened=cmd_restore)


def cmd_backup(db: Database, args: argparse.Namespace) -> int:
    """Back up now; exit 1 when the copy could not be verified (or on PostgreSQL)."""
    from desk.backup.folder import BackupKind

    copy = make_backup(db, BackupKind.MANUAL, to=args.to)
    if copy is None:
        print(_(PG_HINT), file=sys.stderr)
        return 1
    if not copy.verified:
        print(
            _("Backed up to {path}, but the copy is not sound: {problem}.").format(
                path=copy.path, problem=copy.problem
            )
        )
        return 1
    rows = sum(copy.tables.values())
    print(
        ngettext(
            "Backed up to {path} ({size}, {rows} row, verified).",
            "Backed up to {path} ({size}, {rows} rows, verified).",
            rows,
        ).format(path=copy.path, size=format_size(copy.size), rows=format_number(rows))
    )
    return 0


def cmd_backups(db: Database, args: argparse.Namespace) -> int:
    """Print every copy in the backups folder, oldest first."""
    copies = list_backups(db)
    if copies is None:
        print(_(PG_HINT))
        return 0
    if not copies:
        folder = backups_folder(sqlite_file(db))
        print(_("No backups yet in {folder}; `returndesk backup` makes one.").format(folder=folder))
    verified, unverified = _("verified"), _("NOT verified")
    width = max(len(verified), len(unverified))
    kinds = max((len(copy.kind.label) for copy in copies), default=0)
    for copy in copies:
        said = verified if copy.verified else unverified
        print(
            f"{copy.describe()}  {format_size(copy.size):>9}  {said:<{width}}  "
            f"{copy.kind.label:<{kinds}}  {copy.path}"
        )
    return 0


def cmd_restore(url: str, args: argparse.Namespace) -> int:
    """Restore a copy into the database at `url`, saying in one line what was done."""
    from desk.backup.restore import restore_database

    restored = restore_database(url, args.path)
    if restored is None:
        print(PG_HINT, file=sys.stderr)
        return 1
    print(restored.message())
    return 0
