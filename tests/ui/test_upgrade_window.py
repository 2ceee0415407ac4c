"""A start on a database at an old schema shows the upgrade's steps in a window with a
progress bar, which cannot be closed half-way, then opens the upgraded database."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.db import current_revision, open_database
from desk.migrations import HEAD_REVISION
from desk.paths import sqlite_url
from tests.desk.test_upgrade_steps import expected_steps, old_shop
from tests.fresh_process import run_python

REPO = Path(__file__).resolve().parents[2]

WATCH_AND_START = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

app = QApplication([])
seen = []

def look():
    from ui.upgrade_window import UpgradeWindow

    for window in QApplication.topLevelWidgets():
        if isinstance(window, UpgradeWindow) and window.isVisible() and window not in seen:
            seen.append(window)
            window.close()  # refused while it runs
            print("STILL SHOWN", window.isVisible(), flush=True)
            print("MODAL", window.isModal(), flush=True)
    QTimer.singleShot(5, look)

QTimer.singleShot(0, look)
from ui.app import run_app

code = run_app(sys.argv[1], exit_after_paint=True)
for window in seen:
    print("TITLE", window.windowTitle(), flush=True)
    print("BAR", window.bar.value(), window.bar.maximum(), flush=True)
    for text in window.steps:
        print("STEP", text, flush=True)
sys.exit(code)
"""
"""Start the window over a database as run_app does, noting the upgrade window (a separate
process: the start's own event loops would upset the later tests' waits)."""


@pytest.mark.sqlite_only("the old shop is an SQLite file")
def test_an_old_database_is_upgraded_at_start_with_its_steps_shown(tmp_path):
    path = old_shop(tmp_path / "returns.db")
    done = run_python(WATCH_AND_START, str(path), env={"LANGUAGE": "en", "LANG": "C.UTF-8"})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "STILL SHOWN True" in lines and "MODAL True" in lines
    assert "TITLE Upgrading the database" in lines
    steps = [line.removeprefix("STEP ") for line in lines if line.startswith("STEP ")]
    assert steps == expected_steps()
    total = len(steps) - 1
    assert f"BAR {total} {total}" in lines  # full when it was done
    assert any(line.startswith("painted_at ") for line in lines)  # then the main window
    database = open_database(sqlite_url(path), migrate=False)
    try:
        assert current_revision(database.engine) == HEAD_REVISION
    finally:
        database.close()


def test_a_current_database_opens_without_the_window(qapp, db):
    from ui.upgrade_window import UpgradeWindow, open_with_progress

    opened = open_with_progress(db.engine.url.render_as_string(hide_password=False))
    try:
        assert current_revision(opened.engine) == HEAD_REVISION
    finally:
        opened.close()
    assert not [w for w in qapp.topLevelWidgets() if isinstance(w, UpgradeWindow)]
