"""The start loads only what the first screen needs: a fresh process shows the main window
with its first page, and the modules deferred to first use are still not loaded.

This fails when someone brings back a module-level import of a dialog, a mail or
template module, the keyring, the PDF or the customer space into the start's path.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desk.db import open_database
from desk.demo.seed import seed_demo
from desk.paths import sqlite_url
from tests.fresh_process import run_python

DEFERRED = (
    "sqlmodel",  # the first screen reads through Core (desk.core_tables): the ORM, SQLModel,
    "pydantic",  # pydantic and the table classes load at the first ORM query, after it
    "sqlalchemy.orm",
    "desk.models",
    "alembic",  # schema upgrades: desk.db asks for the revision with one plain query
    "jinja2",  # message templates
    "markupsafe",
    "keyring",  # secrets: read when a message is sent
    "smtplib",
    "http.client",  # the customer space's health probe
    "starlette",  # the customer space itself
    "uvicorn",
    "segno",  # QR codes of the printed instructions
    "pyqtgraph",  # the dashboard's charts
    "PySide6.QtPrintSupport",
    "PySide6.QtSvg",
    "desk.cli",  # every command's parser: main.py starts the window without it
    "desk.messages.sender",  # the outbox is counted and sent after the first page
    "desk.messages.mail",
    "desk.messages.context",
    "desk.feedback.notices",
    "desk.portal.counter",
    "desk.reports.dashboard",
    "desk.reports.tables",  # the report facts: refreshed by a move, read by the dashboard
    "phonenumbers",  # the first detail (a customer's phone) is read after the first page
    "desk.demo.seed",
    "desk.backup.store",
    "ui.settings.backup_page",  # the daily backup starts after the first page
    "ui.settings.dialog",
    "ui.new_return.dialog",
    "ui.templates.editor",
    "ui.customers.directory",
    "ui.catalog.products_window",
    "ui.dashboard.window",
    "ui.help.guide",
    "ui.instructions.printing",
    "ui.feedback.counter_screen",
    "ui.returns.detail_panel",  # built right after the first page has painted
    "ui.returns.messages_box",
    "ui.feedback.detail_box",
    "ui.widgets.message_preview",
)
"""Modules the start must not load: each is loaded on first use of what needs it."""

START = """
import json, sys
from PySide6.QtWidgets import QApplication

sys.argv[1:1] = ["--exit-after-paint"]
import main

code = main.main()
window = [w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow"][0]
said = {"code": code, "rows": window.model.rowCount(), "modules": sorted(sys.modules)}
from desk.models import Return  # __mapper__: reading it sets nothing up, unlike inspect()

print(json.dumps({**said, "mappers_set_up": Return.__mapper__.configured}))
"""
"""Start as `main.py --db PATH --exit-after-paint` does, then say what got loaded."""


@pytest.fixture
def shop(tmp_path) -> Path:
    path = tmp_path / "returns.db"
    database = open_database(sqlite_url(path))
    try:
        seed_demo(database, returns=12, seed=3)
    finally:
        database.close()
    return path


def start(path: Path, tmp_path: Path) -> dict:
    folders = {
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    done = run_python(START, "--db", str(path), env=folders)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("painted_at ")  # said once the first page was painted
    return json.loads(lines[-1])


def test_the_start_shows_the_first_page_without_the_deferred_modules(shop, tmp_path):
    started = start(shop, tmp_path)
    assert started["code"] == 0
    assert started["rows"] > 0  # the window quit only once the rows were there
    loaded = set(started["modules"])
    assert {"ui.main_window", "desk.listing", "sqlalchemy"} <= loaded  # the check sees modules
    assert sorted(name for name in DEFERRED if name in loaded) == []


def test_the_first_page_paints_before_sqlalchemy_sets_up_its_mappers(shop, tmp_path):
    """The first screen reads through Core (desk.core_tables): the ORM's setup of every
    mapper (about 30 ms) waits for the first ORM query, after the first page."""
    started = start(shop, tmp_path)
    assert started["rows"] > 0
    assert started["mappers_set_up"] is False
