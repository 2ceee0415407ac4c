"""An upgrade says its steps as they start: to a face's callback, and on stderr from the
command line. The database is a small shop's at schema 0018 (packaging/smoke)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desk.db import current_revision, open_database, upgrade_pending
from desk.migrations import HEAD_REVISION
from desk.migrations.runner import pending
from desk.paths import sqlite_url
from tests.desk.test_cli import run

REPO = Path(__file__).resolve().parents[2]
SCHEMA_0018 = REPO / "packaging" / "smoke" / "schema-0018.sql"

pytestmark = pytest.mark.sqlite_only("the old shop is an SQLite file")


def old_shop(path: Path) -> Path:
    """An SQLite file at schema 0018 with 25 demo returns, as releases before 0.2.0 left it."""
    with sqlite3.connect(path) as conn:
        conn.executescript(SCHEMA_0018.read_text(encoding="utf-8"))
    conn.close()
    return path


def expected_steps() -> list[str]:
    upgrades = pending("0018")
    return [
        "Copying the database aside",
        *(f"Upgrade {n} of {len(upgrades)}: schema {r}" for n, r in enumerate(upgrades, 1)),
        "Upgrade done",
    ]


def test_each_step_is_said_as_it_starts_and_the_database_is_upgraded(tmp_path):
    url = sqlite_url(old_shop(tmp_path / "returns.db"))
    assert upgrade_pending(url)
    steps = []
    db = open_database(url, on_step=steps.append)
    try:
        assert current_revision(db.engine) == HEAD_REVISION
        assert len(db.backup_copies()) == 1  # the copy said first was made
    finally:
        db.close()
    assert [s.text for s in steps] == expected_steps()
    total = len(steps) - 1
    assert [(s.done, s.total) for s in steps] == [(n, total) for n in range(total + 1)]
    assert not upgrade_pending(url)
    again = []
    open_database(url, on_step=again.append).close()
    assert again == []  # nothing to upgrade: nothing said


def test_the_command_line_prints_the_steps_on_stderr(tmp_path):
    path = old_shop(tmp_path / "returns.db")
    done = run("config", "get", "shop.name", db=path, env={"LANGUAGE": "en", "LANG": "C.UTF-8"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()  # the command's own output, alone on stdout
    assert done.stderr.splitlines() == [f"returndesk: {text}" for text in expected_steps()]
    again = run("config", "get", "shop.name", db=path, env={"LANGUAGE": "en", "LANG": "C.UTF-8"})
    assert again.returncode == 0 and again.stderr == ""
