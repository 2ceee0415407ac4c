"""The PIN is never stored or logged in clear: PINs set through the services and through
`returndesk staff`, signed in with, typed wrong until the lock, then searched for in every
byte the database holds (the SQLite file, its -wal and -shm; every row on PostgreSQL) and
in every file of the log folder, with every SQL statement and its parameters logged."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desk.db import open_database
from desk.logs import log_file, setup_logging
from desk.models import utcnow
from desk.staff import accounts, signin
from desk.staff.roles import Role
from tests.desk.test_cli import run
from tests.fixtures_db import stored_bytes

# PINs that cannot turn up by chance (no run, no repeat, not a year or a count)
ANA_PIN, RUI_PIN, OWNER_PIN, NEW_PIN, WRONG_PIN = "739164", "582039", "604917", "851726", "318275"
PINS = (ANA_PIN, RUI_PIN, OWNER_PIN, NEW_PIN, WRONG_PIN)


@pytest.fixture
def every_statement_logged(tmp_path, monkeypatch):
    """The app's log file (in the test's own log folder) with every SQL statement and its
    parameters in it, as a debugging shop owner might set it; undone after the test."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    root, engine_log = logging.getLogger(), logging.getLogger("sqlalchemy.engine")
    handlers, levels = list(root.handlers), (root.level, engine_log.level)
    setup_logging(logging.DEBUG)
    engine_log.setLevel(logging.INFO)
    yield log_file().parent
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(levels[0])
    engine_log.setLevel(levels[1])


def lock_out(db, name: str, pin: str, now: datetime | None = None) -> signin.SignInRefused:
    """Type `pin` for `name` until the account locks, waiting as asked; the last refusal."""
    now = now or utcnow()
    for _try in range(signin.LOCK_AFTER):
        with pytest.raises(signin.SignInRefused) as refused:
            signin.sign_in(db, pin, name=name, now=now)
        if refused.value.retry_at and not refused.value.locked:
            now = refused.value.retry_at + timedelta(seconds=1)
    return refused.value


def everything_in(folder: Path) -> bytes:
    """Every file under `folder`, byte by byte."""
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def database_bytes(db, db_path: Path) -> bytes:
    """What the test's database holds (and on SQLite the shared-memory file too)."""
    found = stored_bytes(db, db_path)
    shm = db_path.with_name(db_path.name + "-shm")
    return found + (shm.read_bytes() if shm.exists() else b"")


def test_no_pin_in_clear_in_the_database_or_the_log(
    every_statement_logged, db_url, db_path, cli_db
):
    db = open_database(db_url)  # after the logging: its statements are logged
    try:
        accounts.add_staff(db, name="Ana", role=Role.CLERK, pin=ANA_PIN)
        accounts.set_pin(db, "Owner", OWNER_PIN)
        assert signin.sign_in(db, ANA_PIN).name == "Ana"
        assert lock_out(db, "Ana", WRONG_PIN).locked
        with pytest.raises(signin.SignInRefused, match="Nobody has this PIN"):
            signin.sign_in(db, WRONG_PIN)
        added = run("staff", "add", "Rui", "--role", "manager", "--pin-stdin", db=cli_db,
                    stdin=RUI_PIN + "\n")  # fmt: skip
        assert added.returncode == 0, added.stderr
        again = run("staff", "set-pin", "Ana", "--pin-stdin", db=cli_db, stdin=NEW_PIN + "\n")
        assert again.returncode == 0, again.stderr
        taken = run("staff", "set-pin", "Owner", "--pin-stdin", db=cli_db, stdin=RUI_PIN + "\n")
        assert taken.returncode == 2 and "Someone else has this PIN" in taken.stderr
        assert signin.sign_in(db, RUI_PIN).name == "Rui"
        assert signin.sign_in(db, NEW_PIN).name == "Ana"  # the new PIN ended the lock
        listed = run("staff", "list", db=cli_db)
        audited = run("audit", "--csv", str(db_path.with_name("audit.csv")), db=cli_db)
        shown = run("audit", db=cli_db)
        stored = database_bytes(db, db_path)
    finally:
        db.close()
    logged = everything_in(every_statement_logged)
    assert b"INSERT INTO staff_account" in logged and b"scrypt$" in logged  # it was all logged
    assert b"scrypt$" in stored and b"Rui" in stored  # and it is all in the database
    said = "".join(d.stdout + d.stderr for d in (added, again, taken, listed, audited, shown))
    exported = db_path.with_name("audit.csv").read_text(encoding="utf-8")
    for pin in PINS:
        assert pin.encode() not in stored, f"{pin} in the database"
        assert pin.encode() not in logged, f"{pin} in the log folder"
        assert pin not in said and pin not in exported, f"{pin} shown"
