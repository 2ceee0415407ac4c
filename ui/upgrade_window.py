"""Opening a database whose schema must be upgraded first: its steps, shown as they run.

An upgrade from an old schema rewrites every return; with a million of them that takes
a while before any window exists. `open_with_progress` opens a database as
desk.db.open_database does, but when an upgrade is due it runs it in the background and
shows a small window with each step (the copy made aside, each migration) and a progress
bar. There is no Cancel and the window cannot be closed: stopping half-way through is
what must never happen, so it says not to turn the computer off.

The work goes through the one background helper (ui.background.run_in_background). It
needs no main window, only the application and a running event loop: the window is the
job's owner and runs a local event loop until the job is over. It is a plain window,
not a dialog: nothing in it can be confirmed or cancelled (no keys, no buttons).
"""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from desk.db import Database, open_database, upgrade_pending
from desk.i18n.catalog import _
from ui.background import run_in_background


class _StepEmitter(QObject):
    """What the upgrading thread emits each step on; the window keeps it alive."""

    stepped = Signal(object)


class UpgradeWindow(QWidget):
    """Shows the steps of a schema upgrade of the database at `url` while it runs.

    `run()` upgrades and opens it, and returns the open Database (or raises what
    open_database raised). `steps` lists the texts shown, in order.
    """

    def __init__(self, url: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Upgrading the database"))
        self.setWindowFlags(Qt.Window | Qt.CustomizeWindowHint | Qt.WindowTitleHint)
        self.setWindowModality(Qt.ApplicationModal)
        self.setMinimumWidth(460)
        self._url = url
        self._result: Database | None = None
        self._error: Exception | None = None
        self.running = False
        self.steps: list[str] = []
        intro = QLabel(
            _(
                "Return Desk is upgrading its database for this version. With many returns "
                "this can take a few minutes."
            )
        )
        intro.setWordWrap(True)
        warning = QLabel(
            "<b>{}</b>".format(
                _("Do not close Return Desk or turn off the computer until it is done.")
            )
        )
        warning.setWordWrap(True)
        self.step_label = QLabel(_("Starting…"))
        self.step_label.setObjectName("upgradeStep")
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the first step says how many there are
        layout = QVBoxLayout(self)
        for widget in (intro, warning, self.step_label, self.bar):
            layout.addWidget(widget)
        self._emitter = _StepEmitter()
        self._emitter.stepped.connect(self._show_step)
        self._loop = QEventLoop(self)

    def run(self) -> Database:
        """Upgrade and open the database, showing each step; return it once open."""
        url, emitter = self._url, self._emitter
        self.running = True
        run_in_background(
            lambda: open_database(url, on_step=emitter.stepped.emit),
            owner=self,
            on_success=self._opened,
            on_failure=self._failed,
        )
        self.show()
        self._loop.exec()
        self.close()
        if self._error is not None:
            raise self._error
        return self._result

    @Slot(object)
    def _show_step(self, step) -> None:
        self.steps.append(step.text)
        self.step_label.setText(step.text)
        self.bar.setRange(0, step.total)
        self.bar.setValue(step.done)

    def _opened(self, db: Database) -> None:
        self._result = db
        self._finish()

    def _failed(self, error: Exception) -> None:
        self._error = error
        self._finish()

    def _finish(self) -> None:
        self.running = False
        self._loop.quit()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.running:
            event.ignore()
            return
        super().closeEvent(event)


def open_with_progress(url: str) -> Database:
    """Open the database at `url` (desk.db.open_database); when its schema must be
    upgraded first, show the upgrade's steps in an `UpgradeWindow` while it runs."""
    if not upgrade_pending(url):
        return open_database(url)
    return UpgradeWindow(url).run()
