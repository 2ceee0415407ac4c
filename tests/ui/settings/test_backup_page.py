"""The Backups tab, the daily backup and the way out at start, driven through real widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from sqlalchemy import create_engine
from sqlmodel import select

from desk.backup.folder import BackupKind, backups_folder, list_copies
from desk.backup.store import make_backup
from desk.db import Database, open_database
from desk.errors import DeskError
from desk.models import Customer
from desk.paths import sqlite_url
from tests.ui.instructions.test_actions import choose, when_modal
from ui.settings.backup_page import BackupPage, DailyBackup, recover_at_start

pytestmark = pytest.mark.sqlite_only(
    "backs up the SQLite file; PostgreSQL is backed up with pg_dump"
)


@pytest.fixture
def page(qtbot, db):
    widget = BackupPage(db)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def answer(button: str, seen: list, tries: int = 500) -> None:
    """When a message box is up, note (title, text, default button) and click `button`."""

    def look(left=tries):
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            default = box.defaultButton()
            seen.append((box.windowTitle(), box.text(), default.text() if default else ""))
            for candidate in box.buttons():
                if candidate.text().replace("&", "") == button:
                    candidate.click()
                    return
            box.accept()
        elif left:
            QTimer.singleShot(10, lambda: look(left - 1))

    QTimer.singleShot(0, look)


def names(db) -> list[str]:
    with db.session() as session:
        return [c.name for c in session.exec(select(Customer).order_by(Customer.id))]


def add_customer(db, name: str) -> None:
    with db.session() as session:
        session.add(Customer(name=name))
        session.commit()


def test_without_a_backup_the_page_says_so(page, db_path):
    assert page.last_label.text() == "None yet: use “Back up now”."
    assert page.folder_label.text() == str(db_path.parent / "backups")


def test_back_up_now_makes_a_verified_copy_and_shows_it(qtbot, page, db_path):
    qtbot.mouseClick(page.backup_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.backup_button.isEnabled(), timeout=10_000)
    (copy,) = list_copies(db_path)
    assert copy.kind == BackupKind.MANUAL and copy.verified
    assert page.result.text() == f"Backed up and verified: {copy.path.name}."
    assert page.last_label.text().startswith(copy.describe())


def test_restore_names_the_date_defaults_to_cancel_and_restores(qtbot, page, db):
    add_customer(db, "In the backup")
    copy = make_backup(db, BackupKind.DAILY)
    add_customer(db, "Made later")
    seen: list = []
    when_modal(QFileDialog, choose(copy.path))
    answer("Restore", seen)
    page.restore()
    answer("OK", seen)  # "Backup restored", then the windows close
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=10_000)
    title, question, default = seen[0]
    assert title == "Restore a backup" and copy.describe() in question and default == "Cancel"
    assert seen[1][0] == "Backup restored" and "set aside" in seen[1][1]
    assert names(db) == ["In the backup"]
    assert not page.isVisible()  # Return Desk closes: staff start it again


def test_restore_cancelled_changes_nothing(qtbot, page, db):
    copy = make_backup(db)
    add_customer(db, "Still here")
    seen: list = []
    when_modal(QFileDialog, choose(copy.path))
    answer("Cancel", seen)
    page.restore()
    assert seen and names(db) == ["Still here"]
    assert page.restore_button.isEnabled()


def test_a_corrupt_copy_is_refused_with_the_reason(qtbot, page, db, tmp_path):
    add_customer(db, "Still here")
    junk = tmp_path / "junk.bak"
    junk.write_bytes(b"garbage " * 2000)
    seen: list = []
    when_modal(QFileDialog, choose(junk))
    answer("Restore", seen)
    page.restore()
    answer("OK", seen)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=10_000)
    assert seen[1][0] == "Cannot restore the backup" and "cannot be restored" in seen[1][1]
    assert "cannot be restored" in page.result.text() and page.restore_button.isEnabled()
    assert names(db) == ["Still here"]


class UrlCatcher(QObject):
    """Receives the URLs Qt would hand to the file manager."""

    def __init__(self):
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_open_folder_opens_the_backups_folder(qtbot, page, db_path):
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        qtbot.mouseClick(page.folder_button, Qt.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [u.toLocalFile() for u in catcher.urls] == [str(backups_folder(db_path))]
    assert backups_folder(db_path).is_dir()


def test_on_postgresql_the_page_says_the_desk_does_not_back_up(qtbot):
    pg = Database(create_engine("postgresql+psycopg://desk@127.0.0.1:1/returndesk"))
    widget = BackupPage(pg)
    qtbot.addWidget(widget)
    assert "pg_dump -Fc" in widget.last_label.text()
    assert not widget.backup_button.isEnabled() and not widget.restore_button.isEnabled()
    pg.close()


def test_the_daily_backup_runs_once_a_day(qtbot, db, db_path):
    owner = QObject()
    daily = DailyBackup(db, owner)
    daily.check()
    qtbot.waitUntil(lambda: not daily._busy, timeout=10_000)
    daily.check()
    qtbot.waitUntil(lambda: not daily._busy, timeout=10_000)
    assert [c.kind for c in list_copies(db_path)] == [BackupKind.DAILY]


def damaged_with_a_backup(db, db_path):
    add_customer(db, "Saved")
    copy = make_backup(db)
    db.close()
    with open(db_path, "r+b") as file:
        file.truncate(db_path.stat().st_size // 2)
    for side in db_path.parent.glob("returns.db-*"):
        side.unlink()
    with pytest.raises(DeskError) as raised:
        open_database(sqlite_url(db_path))
    return copy, raised.value


def test_a_damaged_database_at_start_offers_its_last_good_backup(qtbot, db, db_path):
    copy, error = damaged_with_a_backup(db, db_path)
    seen: list = []
    answer("Restore last good backup", seen)
    answer("OK", seen, tries=1000)
    restored = recover_at_start(error, sqlite_url(db_path))
    assert restored is not None
    try:
        assert names(restored) == ["Saved"]
    finally:
        restored.close()
    title, text, default = seen[0]
    assert title == "The database is damaged" and default == "Quit"
    assert "is damaged" in text and copy.describe() in text
    assert seen[1][0] == "Backup restored"


def test_quit_at_start_leaves_the_damaged_file_alone(qtbot, db, db_path):
    _copy, error = damaged_with_a_backup(db, db_path)
    size = db_path.stat().st_size
    seen: list = []
    answer("Quit", seen)
    assert recover_at_start(error, sqlite_url(db_path)) is None
    assert seen and db_path.stat().st_size == size


def test_other_start_errors_are_shown_as_they_are(qtbot, tmp_path):
    seen: list = []
    answer("OK", seen)
    error = DeskError("The database is locked by another program.")
    assert recover_at_start(error, sqlite_url(tmp_path / "x.db")) is None
    assert seen == [("Cannot open the database", str(error), seen[0][2])]


def test_in_portuguese_the_page_speaks_portuguese(qtbot, db):
    from desk.i18n.catalog import set_language

    set_language("pt_BR")
    widget = BackupPage(db)
    qtbot.addWidget(widget)
    assert widget.last_label.text() == "Nenhum ainda: use “Fazer backup agora”."
    assert widget.backup_button.text() == "Fazer backup agora"
    qtbot.mouseClick(widget.backup_button, Qt.LeftButton)
    qtbot.waitUntil(widget.backup_button.isEnabled, timeout=10_000)
    assert widget.result.text().startswith("Backup feito e conferido: ")
    assert widget.last_label.text().endswith(" · feito manualmente")
