"""Copies made while the desk writes: consistent, verified, pruned; nothing on PostgreSQL."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import textwrap
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from desk.backup.folder import BackupKind, list_copies, sidecar_path, write_sidecar
from desk.backup.restore import restore_database
from desk.backup.store import (
    backup_before,
    check_file,
    list_backups,
    make_backup,
    prune,
    recheck,
)
from desk.codes import Status
from desk.db import Database
from desk.errors import DeskError
from desk.paths import sqlite_url
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, save_return
from desk.services import move_return
from desk.settings import BACKUP_KEEP_DAILY, save_settings

pytestmark = pytest.mark.sqlite_only(
    "backs up the SQLite file; PostgreSQL is backed up with pg_dump"
)

REPO = Path(__file__).resolve().parents[3]
WRITER = textwrap.dedent(
    """
    import sys
    from desk.db import open_database
    from desk.services import move_return

    db = open_database(sys.argv[1])
    for rid in map(int, sys.argv[2].split(",")):
        move_return(db, return_id=rid, to="inspecting", expected_version=1, notify=False)
        print(rid, flush=True)  # acknowledged: the move is committed
    db.close()
    """
)


def received_returns(db: Database, count: int) -> list[int]:
    """`count` new returns in "received", one customer each."""
    with db.session() as session:
        ids = [
            save_return(
                session=session,
                draft=ReturnDraft(
                    reason="defective",
                    status=Status.RECEIVED.value,
                    new_customer=CustomerDraft(name=f"Customer {n}"),
                    lines=[LineDraft(sku=f"SKU-{n}", quantity=1, unit_price_cents=1000 + n)],
                ),
            ).id
            for n in range(count)
        ]
        session.commit()
    return ids


def inspecting(path: Path) -> set[int]:
    """The returns in "inspecting" in the SQLite file at `path` (opened read-only)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT id FROM return WHERE status = 'inspecting'").fetchall()
    finally:
        conn.close()
    return {row[0] for row in rows}


def test_a_backup_while_another_process_moves_returns_keeps_every_acknowledged_move(db, db_path):
    ids = received_returns(db, 80)
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, sqlite_url(db_path), ",".join(map(str, ids))],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    acknowledged = {int(writer.stdout.readline()) for _ in range(20)}
    copy = make_backup(db)  # the writer keeps moving returns meanwhile
    rest = (
        writer.stdout.read().split()
    )  # not communicate(timeout=): it skips what readline buffered
    writer.wait(timeout=120)
    assert writer.returncode == 0 and len(acknowledged) + len(rest) == len(ids)
    assert copy.verified and copy.problem == ""
    assert acknowledged <= inspecting(copy.path)
    assert copy.tables["status_change"] == 80 + len(inspecting(copy.path))  # one snapshot
    db.close()
    restored = restore_database(sqlite_url(db_path), copy.path)
    assert restored.set_aside is not None and inspecting(restored.set_aside) == set(ids)
    assert acknowledged <= inspecting(db_path)


def test_a_plain_file_copy_misses_the_moves_in_the_write_ahead_log(db, db_path, tmp_path):
    ids = received_returns(db, 20)
    with db.connect() as conn:
        conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    for rid in ids:  # 20 acknowledged moves, still in returns.db-wal
        move_return(db, return_id=rid, to=Status.INSPECTING, expected_version=1, notify=False)
    plain = tmp_path / "plain-copy.db"
    shutil.copyfile(db_path, plain)
    copy = make_backup(db)
    assert inspecting(plain) == set()
    assert inspecting(copy.path) == set(ids)


def test_each_copy_is_verified_and_recorded_beside_it(db, db_path):
    received_returns(db, 3)
    copy = make_backup(db, BackupKind.MANUAL)
    assert copy.path.parent == db_path.parent / "backups"
    assert copy.verified and copy.revision is not None and copy.tables["return"] == 3
    assert sidecar_path(copy.path).is_file()
    assert list_backups(db) == [copy]
    assert check_file(copy.path, copy.tables) == ""
    assert check_file(copy.path, {**copy.tables, "return": 4}).startswith("its row counts differ")


def test_a_copy_damaged_later_is_no_longer_verified(db):
    copy = make_backup(db)
    with open(copy.path, "r+b") as file:
        file.seek(4096 * 2)
        file.write(b"\xff" * 4096)
    assert not recheck(copy).verified
    assert list_backups(db)[0].verified  # the same size: only a check can tell


def test_a_copy_to_a_chosen_file_or_folder(db, tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    into_folder = make_backup(db, to=folder)
    assert into_folder.path.parent == folder and into_folder.verified
    chosen = make_backup(db, to=tmp_path / "mine.db")
    assert chosen.path == tmp_path / "mine.db" and chosen.verified
    with pytest.raises(DeskError, match="already exists"):
        make_backup(db, to=tmp_path / "mine.db")


def test_a_backup_that_cannot_be_written_says_where_and_why(db, db_path):
    (db_path.parent / "backups").write_text("a file where the folder should be")
    with pytest.raises(DeskError, match="Could not back up"):
        backup_before(db, BackupKind.BEFORE_ERASE)


def aged(copy, days: int, kind: BackupKind):
    """A copy of `copy` under another name, recorded as made `days` ago, of `kind`."""
    stamp = (datetime.now() - timedelta(days=days)).strftime("%Y%m%d-%H%M%S")
    name = f"returns.db.before-0005-{stamp}.bak" if kind == BackupKind.BEFORE_UPGRADE else None
    target = copy.path.with_name(name or f"returns.db.{stamp}.{kind.value}.bak")
    shutil.copyfile(copy.path, target)
    made_at = datetime.now(UTC) - timedelta(days=days)
    write_sidecar(replace(copy, path=target, kind=kind, made_at=made_at))
    return target


def test_pruning_keeps_fourteen_daily_copies_and_every_pre_upgrade_one(db, db_path):
    first = make_backup(db, BackupKind.DAILY)
    old_daily = [aged(first, days, BackupKind.DAILY) for days in range(1, 20)]
    upgrades = [aged(first, days, BackupKind.BEFORE_UPGRADE) for days in (40, 400)]
    manual = aged(first, 300, BackupKind.MANUAL)
    deleted = prune(db_path, keep=14)
    assert sorted(deleted) == sorted(old_daily[13:])
    left = list_copies(db_path)
    assert len([c for c in left if c.kind == BackupKind.DAILY]) == 14
    assert {c.path for c in left} == {first.path, *old_daily[:13], *upgrades, manual}
    assert not any(sidecar_path(p).exists() for p in deleted)


def test_the_setting_says_how_many_daily_copies_are_kept(db, db_path):
    first = make_backup(db, BackupKind.DAILY)
    for days in range(1, 6):
        aged(first, days, BackupKind.DAILY)
    save_settings(db, {BACKUP_KEEP_DAILY: 3})
    newest = make_backup(db, BackupKind.DAILY)
    daily = [c for c in list_copies(db_path) if c.kind == BackupKind.DAILY]
    assert len(daily) == 3 and daily[-1] == newest
    with pytest.raises(DeskError, match="from 1 to 365"):
        save_settings(db, {BACKUP_KEEP_DAILY: 0})


def test_postgresql_is_not_backed_up_by_the_desk():
    pg = Database(create_engine("postgresql+psycopg://desk@127.0.0.1:1/returndesk"))
    assert make_backup(pg) is None
    assert backup_before(pg, BackupKind.BEFORE_ERASE) is None
    assert list_backups(pg) is None
    pg.close()
