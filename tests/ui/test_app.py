"""Starting the window: a fresh database on first start, refusals said, errors shown and logged."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import text

from desk.db import current_revision, open_database
from desk.logs import log_file
from desk.migrations import HEAD_REVISION
from desk.paths import sqlite_url
from tests.fresh_process import run_python
from ui import app as app_module

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def process_state(tmp_path, monkeypatch, qapp):
    """What run_app changes for the whole process, put back afterwards."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))  # the log folder
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    names = qapp.applicationName(), qapp.organizationName()
    yield
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)
    qapp.setApplicationName(names[0])
    qapp.setOrganizationName(names[1])


def answer_box(seen: list[tuple[str, str]], tries: int = 300) -> None:
    """Note and close the next message box (gives up after about three seconds)."""

    def look(left=tries):
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append((box.windowTitle(), box.text()))
            box.accept()
        elif left:
            QTimer.singleShot(10, lambda: look(left - 1))

    QTimer.singleShot(0, look)


def _log_two_returns(db) -> None:
    from desk.returns import CustomerDraft, LineDraft, ReturnDraft
    from desk.services import create_return

    for name in ("Ana Souza", "Bruno Lima"):
        draft = ReturnDraft(
            reason="defective",
            lines=[LineDraft(sku="KETTLE-9", description="Kettle", unit_price_cents=3490)],
            new_customer=CustomerDraft(name=name),
        )
        create_return(db, draft=draft)


def test_first_page_waits_for_the_rows_then_for_their_paint(qtbot, db):
    from ui.main_window import MainWindow

    _log_two_returns(db)
    window = MainWindow(db)
    qtbot.addWidget(window)
    seen = []
    app_module.FirstPage(
        window, then=lambda: seen.append((window.model.rowCount(), window.count_label.text()))
    )
    assert window.model.loading  # the first page is read in the background
    window.show()
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert seen == [(2, "2 returns")]
    window.update()
    qtbot.wait(50)
    assert len(seen) == 1  # once only


def test_the_window_is_shown_with_its_first_page_and_paints_once(qtbot, db):
    from ui.main_window import MainWindow
    from ui.widgets.after_paint import after_paint

    _log_two_returns(db)
    window = MainWindow(db)
    qtbot.addWidget(window)
    assert window.model.loading
    app_module.wait_for_first_page(window.model)
    assert (window.model.loading, window.model.rowCount()) == (False, 2)
    assert not window.isVisible()  # read before the window shows
    paints = []
    after_paint(window.table.viewport(), lambda: paints.append(window.model.rowCount()))
    window.show()
    qtbot.waitUntil(lambda: bool(paints), timeout=10_000)
    assert paints == [2]  # its first paint shows the rows


def test_the_wait_for_the_first_page_gives_up_after_the_time_given(qtbot, db):
    import threading
    import time

    from ui.background import _thread_pool, run_in_background
    from ui.main_window import MainWindow

    gate, owner = threading.Event(), QObject()
    for _ in range(_thread_pool().maxThreadCount()):  # every helper thread busy
        run_in_background(lambda: gate.wait(10), owner=owner)
    try:
        window = MainWindow(db)
        qtbot.addWidget(window)
        started = time.monotonic()
        app_module.wait_for_first_page(window.model, at_most_ms=100)
        waited = time.monotonic() - started
        assert window.model.loading  # not read yet: the window shows without it
        assert 0.09 <= waited < 5
    finally:
        gate.set()
    qtbot.waitUntil(lambda: not window.model.loading, timeout=10_000)


def test_after_the_first_page_the_orm_loads_in_the_background_then_the_detail_shows(qtbot, db):
    from desk.returns import CustomerDraft, LineDraft, ReturnDraft
    from desk.services import create_return
    from ui.main_window import MainWindow

    draft = ReturnDraft(
        reason="defective",
        lines=[LineDraft(sku="KETTLE-9", description="Kettle", unit_price_cents=3490)],
        new_customer=CustomerDraft(name="Ana Souza"),
    )
    number = create_return(db, draft=draft).number
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.details.hold()  # as run_app does
    app_module.FirstPage(window, then=lambda: app_module.after_first_page(window, db))
    window.show()
    qtbot.waitUntil(lambda: window._detail is not None, timeout=10_000)
    qtbot.waitUntil(lambda: window.detail.number_label.text() == number, timeout=10_000)
    assert window.outbox_status.text() == "   Outbox: all sent"  # counted in the background


def test_first_start_creates_the_database_and_paints_the_window(tmp_path):
    db_path = tmp_path / "shop" / "returns.db"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    code = f"from ui.app import run_app; raise SystemExit(run_app({str(db_path)!r}, True))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, timeout=60
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    database = open_database(sqlite_url(db_path), migrate=False)
    try:
        assert current_revision(database.engine) == HEAD_REVISION
    finally:
        database.close()
    assert list((tmp_path / "state").rglob("returndesk.log"))  # the log is in the log folder


def test_a_database_from_a_newer_version_is_refused_with_a_word(process_state, tmp_path):
    path = tmp_path / "returns.db"
    database = open_database(sqlite_url(path))
    with database.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    database.close()
    seen = []
    answer_box(seen)
    assert app_module.run_app(str(path)) == 1
    assert seen and seen[0][0] == "Cannot open the database"
    assert "newer Return Desk" in seen[0][1]


@pytest.mark.parametrize("kind", ["folder", "not a database"])
def test_a_path_that_is_no_database_is_refused_with_a_word(process_state, tmp_path, kind):
    path = tmp_path / "returns.db"
    if kind == "folder":
        path.mkdir()
    else:
        path.write_text("name,email\nAna,ana@example.com\n" * 200)
    seen = []
    answer_box(seen)
    assert app_module.run_app(str(path)) == 1
    assert seen and seen[0][0] == "Cannot open the database"
    assert str(path) in seen[0][1] and "--db" in seen[0][1]


def test_the_error_hook_shows_the_error_and_logs_it(process_state):
    app_module._install_error_hook()
    seen = []
    answer_box(seen)
    try:
        raise ValueError("the printer caught fire")
    except ValueError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    assert seen and seen[0][0] == "Something went wrong"
    assert seen[0][1].startswith("the printer caught fire\n\nNothing you saved was lost.")
    assert str(log_file()) in seen[0][1]


def test_the_error_hook_writes_the_traceback_to_the_log(process_state, caplog):
    app_module._install_error_hook()
    answer_box([])
    try:
        raise KeyError("lost key")
    except KeyError as error:
        with caplog.at_level(logging.ERROR, logger="ui.app"):
            sys.excepthook(type(error), error, error.__traceback__)
    [record] = [r for r in caplog.records if r.name == "ui.app"]
    assert record.getMessage() == "Unexpected error"
    assert record.exc_info[0] is KeyError


ANSWER_AND_START = """
import sys
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

app = QApplication([])

def look():
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        print("BOX", box.windowTitle(), "|", box.text().replace("\\n", " "), flush=True)
        names = ("Restore last good backup", "OK")
        chosen = [b for b in box.buttons() if b.text().replace("&", "") in names]
        chosen[0].click() if chosen else box.reject()
    QTimer.singleShot(20, look)

QTimer.singleShot(0, look)
from ui.app import run_app

sys.exit(run_app(sys.argv[1], exit_after_paint=True))
"""
"""Start the window over a database, clicking "Restore last good backup" and "OK" when
asked (a separate process: app.exec() in this one would upset the later tests' waits)."""


def test_a_damaged_database_offers_the_last_good_backup_then_opens(tmp_path):
    from desk.backup.store import make_backup

    path = tmp_path / "returns.db"
    database = open_database(sqlite_url(path))
    copy = make_backup(database)
    database.close()
    path.write_bytes(os.urandom(30_000))  # the disk garbled it
    done = run_python(ANSWER_AND_START, str(path), timeout=60)
    assert done.returncode == 0, done.stderr
    boxes = [line.split(" | ") for line in done.stdout.splitlines() if line.startswith("BOX ")]
    assert [title for title, _ in boxes] == ["BOX The database is damaged", "BOX Backup restored"]
    assert copy.describe() in boxes[0][1] and "is damaged" in boxes[0][1]
    assert list(tmp_path.glob("returns.db.set-aside-*"))


@pytest.mark.sqlite_only("damages or locks the SQLite file itself")
def test_a_database_failure_after_the_start_is_said_in_words(process_state, db, db_path):
    from sqlalchemy.exc import DatabaseError

    from desk.demo.seed import seed_demo

    seed_demo(db, returns=200, seed=5)
    db.close()
    data = db_path.read_bytes()
    db_path.write_bytes(data[:8192] + b"\xff" * (len(data) - 8192))  # every page past the 2nd
    broken = open_database(sqlite_url(db_path), migrate=False)
    try:
        with pytest.raises(DatabaseError) as caught, broken.connect() as conn:
            conn.execute(text("SELECT count(*) FROM return_line")).all()
    finally:
        broken.close()
    app_module._install_error_hook(sqlite_url(db_path))
    seen = []
    answer_box(seen)
    error = caught.value
    sys.excepthook(type(error), error, error.__traceback__)
    assert seen and seen[0][0] == "Something went wrong"
    assert seen[0][1].startswith(f"Cannot use the database {db_path}: it is damaged")
    assert "SELECT" not in seen[0][1]


def test_the_window_carries_the_app_icon_at_every_drawn_size(qapp):
    from ui.app import app_icon

    icon = app_icon()
    assert not icon.isNull()
    sizes = {size.width() for size in icon.availableSizes()}
    assert {16, 32, 48, 256} <= sizes
    assert icon.pixmap(64, 64).toImage().pixelColor(32, 8).alpha() == 255  # drawn, not blank
