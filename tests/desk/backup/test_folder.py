"""Names, sidecars and listings of the copies in the backups folder."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from desk.backup.folder import (
    BackupCopy,
    BackupKind,
    backups_folder,
    format_size,
    list_copies,
    new_copy_path,
    newest_verified,
    pre_upgrade_copies,
    read_copy,
    sidecar_path,
)
from desk.backup.store import make_backup
from desk.i18n.catalog import set_language
from desk.i18n.formats import format_datetime

pytestmark = pytest.mark.sqlite_only(
    "backs up the SQLite file; PostgreSQL is backed up with pg_dump"
)


def test_copies_live_in_a_backups_folder_beside_the_database(tmp_path):
    db_file = tmp_path / "shop" / "returns.db"
    assert backups_folder(db_file) == tmp_path / "shop" / "backups"
    daily = new_copy_path(db_file, BackupKind.DAILY)
    assert daily.parent == backups_folder(db_file)
    assert daily.name.startswith("returns.db.") and daily.name.endswith(".daily.bak")
    upgrade = new_copy_path(db_file, BackupKind.BEFORE_UPGRADE, label="0007")
    assert upgrade.name.startswith("returns.db.before-0007-") and upgrade.suffix == ".bak"


def test_two_copies_in_the_same_second_get_two_names(db, db_path):
    first = make_backup(db).path
    again = new_copy_path(db_path, BackupKind.MANUAL)
    assert again != first and not again.exists()


def test_a_copy_without_its_sidecar_is_listed_as_not_verified(db, db_path):
    copy = make_backup(db)
    assert read_copy(copy.path).verified
    sidecar_path(copy.path).unlink()
    listed = read_copy(copy.path)
    assert not listed.verified and listed.kind == BackupKind.MANUAL
    assert newest_verified(db_path) is None


def test_a_copy_changed_since_it_was_verified_is_not_verified(db, db_path):
    copy = make_backup(db)
    with open(copy.path, "ab") as file:
        file.write(b"\0" * 4096)
    assert not read_copy(copy.path).verified


def test_only_this_database_s_copies_are_listed(db, db_path):
    mine = make_backup(db)
    (backups_folder(db_path) / "other.db.20260101-000000.daily.bak").write_bytes(b"x")
    assert list_copies(db_path) == [mine]
    assert pre_upgrade_copies(db_path) == []
    assert newest_verified(db_path) == mine
    assert newest_verified(db_path, BackupKind.DAILY) is None


def test_sizes_read_as_staff_read_them():
    assert format_size(300) == "1 KB"
    assert format_size(812 * 1024) == "812 KB"
    assert format_size(int(3.4 * 1024**2)) == "3.4 MB"
    assert format_size(5 * 1024**3) == "5.00 GB"


def test_sizes_dates_and_kinds_in_portuguese(tmp_path):
    set_language("pt_BR")
    assert format_size(int(3.4 * 1024**2)) == "3,4 MB"
    assert format_size(1500 * 1024) == "1,5 MB" and format_size(999 * 1024) == "999 KB"
    assert BackupKind.BEFORE_IMPORT.label == "antes de uma importação"
    assert BackupKind.BEFORE_IMPORT.value == "before-import"  # what the sidecar keeps
    made = datetime(2026, 12, 1, 10, 28, tzinfo=UTC)
    copy = BackupCopy(tmp_path / "x.bak", BackupKind.MANUAL, made, verified=True, size=1)
    assert copy.describe() == format_datetime(made) and copy.describe().startswith("01/12/2026")
