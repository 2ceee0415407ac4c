"""The database handle: SQLite pragmas on every connection, sessions, and the copies aside."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from desk.db import backup_files, backup_sqlite, make_engine
from desk.models import Customer
from desk.paths import sqlite_url


@pytest.mark.sqlite_only("SQLite pragmas")
def test_every_connection_gets_the_pragmas(db):
    with db.engine.connect() as first, db.engine.connect() as second:  # two pooled connections
        for conn in (first, second):
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL


def test_the_folder_of_a_new_file_is_made(tmp_path):
    engine = make_engine(sqlite_url(tmp_path / "deep" / "down" / "returns.db"))
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    finally:
        engine.dispose()
    assert (tmp_path / "deep" / "down" / "returns.db").exists()


def test_sessions_keep_objects_readable_after_commit(db):
    with db.session() as session:
        customer = Customer(name="Ana Souza")
        session.add(customer)
        session.commit()
    assert customer.name == "Ana Souza" and customer.id is not None  # not expired


@pytest.mark.sqlite_only("the write-ahead log and the copy are SQLite files")
def test_a_backup_holds_what_is_still_in_the_write_ahead_log(db, db_path):
    with db.session() as session:
        session.add(Customer(name="Only in the WAL"))
        session.commit()
        assert db_path.with_name(db_path.name + "-wal").stat().st_size > 0
        copy = backup_sqlite(db.engine, label="0006")
    assert copy is not None and copy.name.startswith("returns.db.before-0006-")
    assert copy.parent == db_path.parent / "backups"
    with sqlite3.connect(copy) as conn:
        names = [row[0] for row in conn.execute("SELECT name FROM customer")]
    assert names == ["Only in the WAL"]
    assert backup_files(db.engine) == [copy] == db.backup_copies()


@pytest.mark.sqlite_only("the copies aside are of the SQLite file")
def test_backup_files_are_only_this_database_s(db, db_path):
    (db_path.parent / "other.db.before-0001-20260101-000000.bak").write_bytes(b"x")
    (db_path.parent / "returns.db.bak").write_bytes(b"x")
    assert backup_files(db.engine) == []
    mine = db_path.parent / "returns.db.before-0003-20260101-000000.bak"
    mine.write_bytes(b"x")
    assert backup_files(db.engine) == [mine]  # made beside the file by older versions
    (db_path.parent / "backups").mkdir()
    inside = db_path.parent / "backups" / "returns.db.before-0004-20260102-000000.bak"
    inside.write_bytes(b"x")
    daily = db_path.parent / "backups" / "returns.db.20260102-000000.daily.bak"
    daily.write_bytes(b"x")
    assert backup_files(db.engine) == [inside, mine]


def test_nothing_to_back_up_in_memory_or_an_empty_file(tmp_path):
    memory = make_engine("sqlite://")
    assert backup_sqlite(memory, label="x") is None and backup_files(memory) == []
    empty = tmp_path / "empty.db"
    empty.touch()
    engine = make_engine(sqlite_url(empty))
    assert backup_sqlite(engine, label="x") is None
    engine.dispose()


@pytest.mark.postgresql_only("the server's own tools back PostgreSQL up, not the desk")
def test_no_copies_aside_on_postgresql(db):
    assert backup_sqlite(db.engine, label="0006") is None
    assert backup_files(db.engine) == [] == db.backup_copies()


# -- clear errors at the entrance: the command line as a user runs it ---------------------

import os  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from desk.db import DatabaseProblem, database_problem, open_database  # noqa: E402
from desk.errors import DeskError  # noqa: E402
from tests.cli_here import run_here  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


def returndesk(*args: str, limit_file_size: int | None = None):
    """Run `returndesk ARGS` as a user would: in this process (tests/cli_here.py), or with a
    file size limit in a process of its own."""
    if not limit_file_size:
        return run_here(list(args))

    def limits() -> None:  # writes past the limit fail with EFBIG, like a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_size, limit_file_size))

    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=REPO,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limits,
    )


def one_line(done) -> str:
    assert done.returncode == 1, done.stdout
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("returndesk: "), done.stderr
    return lines[0].removeprefix("returndesk: ")


def test_a_folder_is_named_as_a_folder(tmp_path):
    folder = tmp_path / "shop.db"
    folder.mkdir()
    line = one_line(returndesk("--db", str(folder), "show", "R-1"))
    assert line == (
        f"Cannot open the database {folder}: that is a folder, not a database file. "
        f"Give a file name inside it with --db, such as {folder / 'returndesk.db'}."
    )


@pytest.mark.sqlite_only("damages or locks the SQLite file itself")
@pytest.mark.parametrize("damage", ["random bytes", "truncated", "a page overwritten"])
def test_a_damaged_file_is_said_in_words_and_left_alone(db, db_path, damage):
    from desk.demo.seed import seed_demo

    seed_demo(db, returns=200, seed=3)
    db.close()
    data = db_path.read_bytes()
    if damage == "random bytes":
        data = os.urandom(3000)
    elif damage == "truncated":
        data = data[: len(data) // 2]
    else:
        data = data[: len(data) // 2] + b"\xff" * (len(data) // 4) + data[3 * len(data) // 4 :]
    db_path.write_bytes(data)
    line = one_line(returndesk("--db", str(db_path), "outbox", "list"))
    assert line.startswith(f"Cannot open the database {db_path}: it is damaged") or (
        line.startswith(f"Cannot use the database {db_path}: it is damaged")
    )
    assert "returndesk restore" in line and line.endswith("choose another database with --db.")
    assert db_path.read_bytes() == data


def test_a_missing_folder_is_made_for_a_new_database(tmp_path):
    path = tmp_path / "new" / "folder" / "shop.db"
    done = returndesk("--db", str(path), "config", "get", "shop.name")
    assert (done.returncode, done.stdout, done.stderr) == (0, "My Shop\n", "")
    assert path.is_file()


@pytest.mark.sqlite_only("damages or locks the SQLite file itself")
def test_a_database_locked_by_another_program_waits_then_says_so(db, db_path):
    db.close()
    holder = sqlite3.connect(db_path)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        line = one_line(returndesk("--db", str(db_path), "config", "set", "shop.name", "X"))
    finally:
        holder.rollback()
        holder.close()
    assert line.startswith(f"Cannot use the database {db_path}: it stayed locked by another ")
    assert "try again in a moment; nothing was changed." in line


@pytest.mark.sqlite_only("damages or locks the SQLite file itself")
def test_a_full_disk_is_said_in_words(db, db_path):
    db.close()
    line = one_line(
        returndesk("--db", str(db_path), "demo", "--returns", "2000", limit_file_size=400_000)
    )
    assert line.startswith(f"Cannot use the database {db_path}: the disk refused a write (")
    assert "it is probably full. Free some space and try again" in line
    assert returndesk("--db", str(db_path), "config", "get", "shop.name").stdout == "My Shop\n"


def test_a_full_disk_at_the_first_start_is_said_in_words(tmp_path):
    path = tmp_path / "shop.db"
    line = one_line(returndesk("--db", str(path), "outbox", "list", limit_file_size=20_000))
    assert line.startswith(f"Cannot open the database {path}: the disk refused a write (")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_said_in_words(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        line = one_line(returndesk("--db", str(folder / "shop.db"), "outbox", "list"))
    finally:
        folder.chmod(0o755)
    assert line.startswith(f"Cannot open the database {folder / 'shop.db'}:")
    assert "read-only" in line or "may write in it" in line


def test_a_server_that_is_not_there_is_unreachable():
    from sqlalchemy.engine import make_url

    url = "postgresql+psycopg://desk@127.0.0.1:1/none"
    with pytest.raises(DeskError) as caught:
        open_database(url)
    message = str(caught.value)
    assert message.startswith("Cannot open the database postgresql+psycopg://desk@127.0.0.1:1/")
    assert "the server cannot be reached" in message
    assert database_problem(caught.value.__cause__) is DatabaseProblem.UNREACHABLE
    assert make_url(url).database == "none"


def test_two_first_starts_on_an_old_database_take_turns(db_path):
    from tests.desk.test_migrations import old_database

    old_database(sqlite_url(db_path))
    starts = [
        subprocess.Popen(
            [sys.executable, "main.py", "--db", str(db_path), "show", "R-2025-00042"],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    results = [(p.wait(timeout=120), *p.communicate()) for p in starts]
    for code, out, err in results:
        said = err.splitlines()
        assert code == 0 and all(line.startswith("returndesk: ") for line in said), err
        assert out.startswith("R-2025-00042  Refunded")
    upgraded = [err for _code, _out, err in results if err]
    assert len(upgraded) == 1  # one said the upgrade's steps, the others waited quietly
    assert upgraded[0].splitlines()[-1] == "returndesk: Upgrade done"
    assert len(backup_files(make_engine(sqlite_url(db_path)))) == 1  # upgraded once


def test_an_unexpected_error_is_one_line_naming_the_log(tmp_path):
    path = tmp_path / "shop.db"
    script = (
        "import sys, desk.cli as cli\n"
        "def broken(db, args):\n"
        "    raise KeyError('a bug')\n"
        "args = cli.build_parser().parse_args(['--db', sys.argv[1], 'show', 'R-1'])\n"
        "args.run = broken\n"
        "sys.exit(cli.run_command(args))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        cwd=REPO,
        env={**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")},
        capture_output=True,
        text=True,
    )
    line = one_line(done)
    assert line.startswith("Something went wrong (KeyError); nothing was lost. The details are in ")
    log = Path(line.rsplit(" in ", 1)[1].rstrip("."))
    assert log.is_file() and "KeyError: 'a bug'" in log.read_text()


def test_two_first_starts_on_an_old_postgres_database_take_turns():
    from sqlalchemy import create_engine

    from desk.migrations import HEAD_REVISION, runner

    url = os.environ.get("RETURNDESK_TEST_PG_URL")
    if not url:
        pytest.skip("RETURNDESK_TEST_PG_URL is not set")
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        runner.upgrade(engine, "0001")
        env = {**os.environ, "RETURNDESK_DATABASE_URL": url}
        starts = [
            subprocess.Popen(
                [sys.executable, "main.py", "config", "get", "shop.name"],
                cwd=REPO,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(3)
        ]
        results = [(p.wait(timeout=120), *p.communicate()) for p in starts]
        assert [(code, out) for code, out, _err in results] == [(0, "My Shop\n")] * 3
        upgraded = [err for _code, _out, err in results if err]
        assert len(upgraded) == 1  # one said the upgrade's steps, the others waited quietly
        assert upgraded[0].splitlines()[-1] == "returndesk: Upgrade done"
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
                HEAD_REVISION
            )
    finally:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()
