"""Sends the outbox in the background while the app runs, and says how it went."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from desk.db import Database
from ui.background import run_in_background

INTERVAL_MS = 15_000


class OutboxRunner(QObject):
    """Every few seconds (and on demand) sends due messages off the UI thread."""

    finished = Signal(object)  # desk.outbox.SendReport
    failed = Signal(str)

    def __init__(self, db: Database, parent: QObject | None = None):
        super().__init__(parent)
        self._db = db
        self._busy = False
        self._again = False
        self.smtp_password: str | None = None  # typed by staff when there is no keyring
        self.sms_token: str | None = None
        self._timer = QTimer(self, interval=INTERVAL_MS)
        self._timer.timeout.connect(self.send_now)

    def start(self) -> None:
        """Start sending periodically (and once right away)."""
        self._timer.start()
        QTimer.singleShot(0, self.send_now)

    def stop(self) -> None:
        """Stop the periodic sending."""
        self._timer.stop()

    @property
    def busy(self) -> bool:
        """True while a sending run is under way."""
        return self._busy

    def send_now(self) -> None:
        """Send what is due now; if a run is under way, run again right after it."""
        if self._busy:
            self._again = True
            return
        from desk.outbox import send_due

        self._busy = True
        db, password, token = self._db, self.smtp_password, self.sms_token
        run_in_background(
            lambda: send_due(db, smtp_password=password, sms_token=token),
            on_success=self.finished.emit,
            on_failure=lambda error: self.failed.emit(str(error)),
            on_finished=self._done,
        )

    def _done(self) -> None:
        self._busy = False
        if self._again:
            self._again = False
            self.send_now()
