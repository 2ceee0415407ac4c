"""The Backups tab of the Settings dialog, the daily backup while the app runs, and the way
out offered when the database is damaged at start.

Restoring from the tab closes the database's connections, puts the copy in place (the
current file is set aside), and then closes Return Desk: every window was showing the data
being replaced, so staff start it again on the restored data.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from desk.backup.damage import DamagedDatabase
from desk.backup.folder import BackupCopy, BackupKind, backups_folder, format_size, read_copy
from desk.backup.restore import Restored, restore_backup, restore_database
from desk.backup.schedule import run_daily_backup
from desk.backup.store import PG_HINT, last_good_backup, make_backup, sqlite_file
from desk.db import Database, open_database
from desk.errors import DeskError
from desk.i18n.catalog import N_, _
from desk.staff.roles import Permission
from ui import prompts
from ui.background import run_in_background
from ui.settings.pages import ERROR_COLOR, OK_COLOR, SettingsPage, caption_label
from ui.staff.gate import authorised

log = logging.getLogger(__name__)
HOUR_MS = 60 * 60 * 1000
FIRST_CHECK_MS = 3000
KIND_WORDS = {
    BackupKind.DAILY: N_("daily"),
    BackupKind.MANUAL: N_("made by hand"),
    BackupKind.BEFORE_IMPORT: N_("before an import"),
    BackupKind.BEFORE_ERASE: N_("before an erase"),
    BackupKind.BEFORE_UPGRADE: N_("before an upgrade"),
}
"""Why a copy was made, as staff read it (marked: shown through _())."""


def kind_words(copy: BackupCopy) -> str:
    """Why `copy` was made, in the desk's language."""
    words = KIND_WORDS.get(copy.kind)
    return _(words) if words else str(copy.kind.value)


def describe(copy: BackupCopy | None) -> str:
    """What staff read about the last good backup."""
    if copy is None:
        return _("None yet: use “Back up now”.")
    return f"{copy.describe()} · {format_size(copy.size)} · {kind_words(copy)}"


class BackupPage(SettingsPage):
    """The last good backup, Back up now, Restore…, Open folder; then the setting rows."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.db_file = sqlite_file(db)
        hint = caption_label(
            _(
                "Return Desk copies the database every day it runs and before each customer "
                "erase or import, checks each copy, and keeps the newest ones (number below)."
            )
        )
        hint.setProperty("role", "hint")
        self.add_wide(hint)
        self.last_label = caption_label("")
        self.last_label.setObjectName("backup:last")
        self.add_row(_("Last good backup"), self.last_label)
        folder = backups_folder(self.db_file) if self.db_file else None
        self.folder_label = caption_label(str(folder) if folder else "")
        self.folder_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.add_row(_("Kept in"), self.folder_label)
        self.backup_button = QPushButton(_("Back up now"))
        self.backup_button.setMinimumWidth(self.backup_button.sizeHint().width() + 20)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(_("Restore…"))
        self.restore_button.clicked.connect(self.restore)
        self.folder_button = QPushButton(_("Open folder"))
        self.folder_button.clicked.connect(self.open_folder)
        row = QWidget()
        buttons = QHBoxLayout(row)
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.backup_button, self.restore_button, self.folder_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.add_row("", row)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.PlainText)
        self.result.hide()
        self.add_row("", self.result)
        if self.db_file is None:
            self.last_label.setText(_(PG_HINT))
            for button in (self.backup_button, self.restore_button, self.folder_button):
                button.setEnabled(False)
        else:
            self.show_last()

    def show_last(self) -> None:
        """Show the newest verified copy (read from the backups folder's sidecars)."""
        self.last_label.setText(describe(last_good_backup(self.db)))

    def _say(self, message: str, *, ok: bool) -> None:
        self.result.setStyleSheet(f"color: {OK_COLOR if ok else ERROR_COLOR};")
        self.result.setText(message)
        self.result.show()

    def back_up_now(self) -> None:
        """Make a verified copy in the background."""
        self.backup_button.setEnabled(False)
        self.backup_button.setText(_("Backing up…"))
        self.result.hide()
        db = self.db
        run_in_background(
            lambda: make_backup(db, BackupKind.MANUAL),
            owner=self,
            on_success=self._backed_up,
            on_failure=lambda error: self._say(str(error), ok=False),
            on_finished=self._backup_finished,
        )

    def _backed_up(self, copy: BackupCopy) -> None:
        if copy.verified:
            self._say(_("Backed up and verified: {file}.").format(file=copy.path.name), ok=True)
        else:
            message = _("Backed up, but the copy is not sound: {problem}.")
            self._say(message.format(problem=copy.problem), ok=False)
        self.show_last()

    def _backup_finished(self) -> None:
        self.backup_button.setEnabled(True)
        self.backup_button.setText(_("Back up now"))

    def open_folder(self) -> None:
        """Show the backups folder in the file manager."""
        folder = backups_folder(self.db_file)
        folder.mkdir(parents=True, exist_ok=True)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self._say(
                _("Could not open the folder; it is {folder}.").format(folder=folder), ok=False
            )

    def restore(self) -> None:
        """Choose a copy, confirm naming its date, restore it, then close Return Desk."""
        folder = backups_folder(self.db_file)
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Restore a backup"), str(folder), _("Backups (*.bak);;All files (*)")
        )
        if not path:
            return
        copy = read_copy(Path(path))
        question = _(
            "Restore the backup of {moment} ({kind})?\n\n"
            "Everything recorded since then is replaced by that day's data. The current "
            "file is kept aside, beside the database. Return Desk closes when it is done."
        ).format(moment=copy.describe(), kind=kind_words(copy))
        if not prompts.ask_choice(
            self, _("Restore a backup"), question, yes=_("Restore"), no=_("Cancel")
        ):
            return
        actor = authorised(self, self.db, Permission.RESTORE_BACKUP)
        if actor is None:
            return
        self.restore_button.setEnabled(False)
        self._say(_("Restoring…"), ok=True)
        db = self.db
        run_in_background(
            lambda: restore_backup(db, copy.path, actor=actor),
            owner=self,
            on_success=self._restored,
            on_failure=self._restore_failed,
        )

    def _restored(self, restored: Restored) -> None:
        self._say(restored.message(), ok=True)
        prompts.show_info(
            self,
            _("Backup restored"),
            _(
                "{what_was_done}\n\nReturn Desk closes now: start it again to work "
                "with the restored data."
            ).format(what_was_done=restored.message()),
        )
        QApplication.closeAllWindows()

    def _restore_failed(self, error: Exception) -> None:
        self.restore_button.setEnabled(True)
        self._say(str(error), ok=False)
        prompts.show_error(self, _("Cannot restore the backup"), str(error))


class DailyBackup(QObject):
    """Asks desk.backup.schedule at start and then every hour; it decides if one is due."""

    def __init__(self, db: Database, parent: QObject):
        super().__init__(parent)
        self._db = db
        self._busy = self._told = False
        self._timer = QTimer(self, interval=HOUR_MS)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        """Check soon after start, then hourly."""
        self._timer.start()
        QTimer.singleShot(FIRST_CHECK_MS, self.check)

    def check(self) -> None:
        """Make the daily backup in the background if it is due."""
        if self._busy:
            return
        self._busy = True
        db = self._db
        run_in_background(
            lambda: run_daily_backup(db),
            owner=self,
            on_failure=self._failed,
            on_finished=self._done,
        )

    def _done(self) -> None:
        self._busy = False

    def _failed(self, error: Exception) -> None:
        log.warning("The daily backup failed: %s", error)
        if not self._told:  # once a session: an hourly box would be worse than none
            self._told = True
            prompts.show_error(None, _("The daily backup failed"), str(error))


def recover_at_start(error: DeskError, url: str) -> Database | None:
    """After the database failed to open: offer the last good backup when it is damaged.

    Returns the database opened after a restore, or None (staff quit, or there is no way
    out here: the error is shown).
    """
    backup = error.backup if isinstance(error, DamagedDatabase) else None
    if backup is None:
        prompts.show_error(None, _("Cannot open the database"), str(error))
        return None
    question = _(
        "The database {path} is damaged or is not a Return Desk database "
        "({reason}).\n\nRestore the last good backup, made {moment} "
        "({size})? The damaged file is kept aside, beside it."
    ).format(
        path=error.path,
        reason=error.reason,
        moment=backup.describe(),
        size=format_size(backup.size),
    )
    if not prompts.ask_choice(
        None,
        _("The database is damaged"),
        question,
        yes=_("Restore last good backup"),
        no=_("Quit"),
    ):
        return None
    try:
        restored = restore_database(url, backup.path)
        db = open_database(url)
    except DeskError as failed:
        prompts.show_error(None, _("Cannot restore the backup"), str(failed))
        return None
    prompts.show_info(None, _("Backup restored"), restored.message())
    return db
