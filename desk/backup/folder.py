"""The backups folder beside an SQLite database: copy names, their sidecars, and listing them.

Each copy `returns.db.<stamp>.<kind>.bak` (or `returns.db.before-<rev>-<stamp>.bak` for the
copies made before a schema upgrade, the name older versions used) has a JSON sidecar
`<copy>.json` saying when it was made, why (its kind), whether it was verified after writing,
and the row count of each table. This module reads and names files only: it opens no
database, so desk.db can use it without an import cycle.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from desk.i18n.catalog import N_, _
from desk.i18n.formats import format_datetime, format_decimal, format_number

FOLDER_NAME = "backups"
SIDECAR_SUFFIX = ".json"
STAMP_FORMAT = "%Y%m%d-%H%M%S"


class BackupKind(StrEnum):
    """Why a copy was made (kept in its sidecar)."""

    DAILY = "daily"
    MANUAL = "manual"
    BEFORE_IMPORT = "before-import"
    BEFORE_ERASE = "before-erase"
    BEFORE_UPGRADE = "before-upgrade"

    @property
    def label(self) -> str:
        """The name staff read, in the desk's language."""
        return _(_KIND_LABELS[self])


_KIND_LABELS = {
    BackupKind.DAILY: N_("daily"),
    BackupKind.MANUAL: N_("manual"),
    BackupKind.BEFORE_IMPORT: N_("before an import"),
    BackupKind.BEFORE_ERASE: N_("before an erasure"),
    BackupKind.BEFORE_UPGRADE: N_("before an upgrade"),
}


@dataclass(frozen=True)
class BackupCopy:
    """One copy of the database and what its sidecar says about it."""

    path: Path
    kind: BackupKind
    made_at: datetime  # aware UTC
    verified: bool
    size: int
    revision: str | None = None
    tables: dict[str, int] = field(default_factory=dict)
    problem: str = ""  # why verification failed, when it did

    def describe(self) -> str:
        """`made_at` in local time, as staff read it in the desk's language: 01/12/2026 10:28."""
        return format_datetime(self.made_at)


def backups_folder(db_file: Path) -> Path:
    """The folder holding the copies of the SQLite file `db_file` (beside it)."""
    return Path(db_file).parent / FOLDER_NAME


def new_copy_path(db_file: Path, kind: BackupKind, *, label: str = "") -> Path:
    """A free file name in the backups folder for a new copy of `db_file`."""
    db_file = Path(db_file)
    stamp = datetime.now().strftime(STAMP_FORMAT)
    if kind == BackupKind.BEFORE_UPGRADE:
        stem = f"{db_file.name}.before-{label or 'unversioned'}-{stamp}"
    else:
        stem = f"{db_file.name}.{stamp}.{kind.value}"
    folder = backups_folder(db_file)
    target, n = folder / f"{stem}.bak", 1
    while target.exists():
        n += 1
        target = folder / f"{stem}-{n}.bak"
    return target


def sidecar_path(copy: Path) -> Path:
    """Where the sidecar of `copy` is kept."""
    return copy.with_name(copy.name + SIDECAR_SUFFIX)


def write_sidecar(copy: BackupCopy) -> None:
    """Record what is known about `copy` beside it."""
    data = {
        "kind": copy.kind.value,
        "made_at": copy.made_at.isoformat(),
        "verified": copy.verified,
        "size": copy.size,
        "revision": copy.revision,
        "tables": copy.tables,
        "problem": copy.problem,
    }
    sidecar_path(copy.path).write_text(json.dumps(data, indent=1), encoding="utf-8")


def read_copy(path: Path) -> BackupCopy:
    """What is known about the copy at `path`: its sidecar, or (without one) its file alone.

    A copy without a readable sidecar counts as not verified; one named `.before-` is a
    pre-upgrade copy made by an older version.
    """
    stat = path.stat()
    try:
        data = json.loads(sidecar_path(path).read_text(encoding="utf-8"))
        return BackupCopy(
            path=path,
            kind=BackupKind(data["kind"]),
            made_at=datetime.fromisoformat(data["made_at"]),
            verified=bool(data["verified"]) and data.get("size") == stat.st_size,
            size=stat.st_size,
            revision=data.get("revision"),
            tables=dict(data.get("tables") or {}),
            problem=str(data.get("problem") or ""),
        )
    except (OSError, ValueError, KeyError, TypeError):
        kind = BackupKind.BEFORE_UPGRADE if ".before-" in path.name else BackupKind.MANUAL
        made_at = datetime.fromtimestamp(stat.st_mtime, UTC)
        return BackupCopy(path, kind, made_at, verified=False, size=stat.st_size)


def list_copies(db_file: Path) -> list[BackupCopy]:
    """Every copy of `db_file` in its backups folder, oldest first."""
    db_file = Path(db_file)
    folder = backups_folder(db_file)
    if not folder.is_dir():
        return []
    copies = [read_copy(p) for p in folder.glob(f"{db_file.name}.*.bak") if p.is_file()]
    return sorted(copies, key=lambda c: (c.made_at, c.path.name))


def pre_upgrade_copies(db_file: Path) -> list[Path]:
    """The copies made of `db_file` before schema upgrades, in the backups folder or (made
    by older versions) beside the file; they hold its old data."""
    db_file = Path(db_file)
    pattern = f"{db_file.name}.before-*.bak"
    beside = db_file.parent.glob(pattern)
    inside = (c.path for c in list_copies(db_file) if c.kind == BackupKind.BEFORE_UPGRADE)
    return sorted({*beside, *inside})


def newest_verified(db_file: Path, kind: BackupKind | None = None) -> BackupCopy | None:
    """The newest verified copy of `db_file` (of `kind`, when given), or None."""
    good = [c for c in list_copies(db_file) if c.verified and kind in (None, c.kind)]
    return good[-1] if good else None


def format_size(size: int) -> str:
    """A file size as staff read it, in the desk's language: 812 KB, 3.4 MB (3,4 MB)."""
    if size < 1024 * 1024:
        return f"{format_number(max(1, round(size / 1024)))} KB"
    if size < 1024**3:
        return f"{format_decimal(size / 1024**2, 1)} MB"
    return f"{format_decimal(size / 1024**3, 2)} GB"
