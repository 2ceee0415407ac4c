"""`returndesk backup`, `backups`, `restore`, and a damaged file at start, as run by a user."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desk.backup.folder import list_copies
from desk.db import open_database
from desk.models import Customer
from desk.paths import sqlite_url
from tests.desk.test_cli import run

PG_URL = os.environ.get("RETURNDESK_TEST_PG_URL")


@pytest.fixture
def shop_db(db_path) -> Path:
    """A database file with one customer; closed before the commands run."""
    db = open_database(sqlite_url(db_path))
    with db.session() as session:
        session.add(Customer(name="Ana Souza"))
        session.commit()
    db.close()
    return db_path


def test_backup_then_backups_lists_it_verified(shop_db):
    made = run("backup", db=shop_db)
    assert made.returncode == 0, made.stderr
    (copy,) = list_copies(shop_db)
    assert made.stdout.strip().startswith(f"Backed up to {copy.path} (")
    assert "verified" in made.stdout
    listed = run("backups", db=shop_db)
    assert listed.returncode == 0
    (line,) = listed.stdout.splitlines()
    assert copy.describe() in line and "verified" in line and "manual" in line
    assert str(copy.path) in line


def test_backups_on_a_database_never_backed_up(shop_db):
    listed = run("backups", db=shop_db)
    assert listed.returncode == 0 and listed.stdout.startswith("No backups yet in ")


def test_backup_to_a_chosen_file(shop_db, tmp_path):
    made = run("backup", "--to", str(tmp_path / "usb.db"), db=shop_db)
    assert made.returncode == 0 and (tmp_path / "usb.db").is_file()


def test_restore_says_in_one_line_what_it_did(shop_db):
    run("backup", db=shop_db)
    (copy,) = list_copies(shop_db)
    done = run("restore", str(copy.path), db=shop_db)
    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.splitlines()
    assert line.startswith("Restored the backup of ") and ".set-aside-" in line


def test_a_corrupt_copy_is_refused_in_one_line(shop_db, tmp_path):
    junk = tmp_path / "junk.bak"
    junk.write_bytes(b"\x00garbage" * 1000)
    done = run("restore", str(junk), db=shop_db)
    assert done.returncode == 1 and done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert line.startswith("returndesk: The backup ") and "cannot be restored" in line


@pytest.mark.parametrize("damage", ["truncate", "garbage"])
def test_a_damaged_database_at_start_names_the_way_out(shop_db, damage):
    run("backup", db=shop_db)
    (copy,) = list_copies(shop_db)
    if damage == "truncate":
        with open(shop_db, "r+b") as file:
            file.truncate(shop_db.stat().st_size // 2)
    else:
        shop_db.write_bytes(os.urandom(20_000))
    done = run("show", "R-2026-00001", db=shop_db)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    (line,) = done.stderr.splitlines()
    assert "is damaged" in line and f"returndesk restore {copy.path}" in line
    fixed = run("restore", str(copy.path), db=shop_db)  # the way out works on the damaged file
    assert fixed.returncode == 0, fixed.stderr
    assert run("backups", db=shop_db).returncode == 0


@pytest.mark.skipif(not PG_URL, reason="needs RETURNDESK_TEST_PG_URL (a real PostgreSQL)")
@pytest.mark.parametrize("command", [["backup"], ["backups"], ["restore", "x.bak"]])
def test_on_postgresql_the_commands_give_the_pg_dump_hint(command):
    done = run(*command, env={"RETURNDESK_DATABASE_URL": PG_URL})
    assert "pg_dump -Fc" in done.stdout + done.stderr and "Traceback" not in done.stderr
    assert done.returncode == (0 if command == ["backups"] else 1)
