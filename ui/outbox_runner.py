"""Sends the outbox in the background while the app runs, and says how it went."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from desk.db import Database
from desk.i18n.catalog import _, ngettext
from desk.i18n.formats import format_number
from ui import prompts
from ui.background import run_in_background

if TYPE_CHECKING:
    from desk.messages.sender import Backlog

INTERVAL_MS = 15_000
EXTRA_CHARS = 80
"""The longest word on the last run the status bar shows; the tooltip has it all."""


class OutboxRunner(QObject):
    """Every few seconds (and on demand) sends due messages off the UI thread."""

    finished = Signal(object)  # desk.messages.outbox.SendReport
    failed = Signal(str)

    def __init__(self, db: Database, parent: QObject | None = None):
        super().__init__(parent)
        self._db = db
        self._busy = False
        self._again = False
        self._again_force = False
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

    def send_now(self, *, force: bool = False) -> None:
        """Send what is due now; if a run is under way, run again right after it.

        With `force`, messages waiting out a retry delay go too ("Retry now").
        """
        if self._busy:
            self._again = True
            self._again_force = self._again_force or force
            return
        from desk.messages.sender import send_due

        self._busy = True
        db, password, token = self._db, self.smtp_password, self.sms_token
        run_in_background(
            lambda: send_due(db, smtp_password=password, sms_token=token, force=force),
            owner=self,
            on_success=self.finished.emit,
            on_failure=lambda error: self.failed.emit(str(error)),
            on_finished=self._done,
        )

    def retry_now(self) -> None:
        """Send every waiting message now, those waiting out a retry delay included."""
        self.send_now(force=True)

    def _done(self) -> None:
        self._busy = False
        if self._again:
            force, self._again, self._again_force = self._again_force, False, False
            self.send_now(force=force)


def _short(extra: str) -> str:
    """The word on the last run as the status bar shows it: its first sentence, at most
    EXTRA_CHARS; nothing for an unknown fate, which the count "to check" says already."""
    from desk.messages.mail import is_unknown_fate

    if is_unknown_fate(extra):
        return ""
    if len(extra) > EXTRA_CHARS:
        first = extra.split(". ", 1)[0] + "."
        extra = first if len(first) <= EXTRA_CHARS else extra[: EXTRA_CHARS - 1] + "…"
    return extra


class OutboxStatus(QLabel):
    """The status-bar word on the outbox; it owns the runner and asks for a missing
    password (machines without a keyring).

    `retry_button` ("Retry now", for the status bar beside it) shows while messages wait
    out a retry delay after a failed try, and sends them at once.
    """

    changed = Signal()  # messages changed state: redraw what shows them

    def __init__(self, db: Database, parent: QWidget | None = None, *, count_now: bool = True):
        super().__init__("   " + _("Outbox"), parent)
        self.setObjectName("outboxLabel")
        self._db = db
        self._asked_for: set[str] = set()
        self.runner = OutboxRunner(db, self)
        self.runner.finished.connect(self._sent)
        self.runner.failed.connect(
            lambda error: self.setText("   " + _("Outbox: {error}").format(error=error))
        )
        self.retry_button = QPushButton(_("Retry now"), self)  # the status bar takes it over
        self.retry_button.setObjectName("outboxRetryButton")
        self.retry_button.setToolTip(
            _("Send the waiting messages now, without waiting for the retry delay")
        )
        self.retry_button.clicked.connect(self.retry_now)
        self.retry_button.hide()
        if count_now:  # else the owner calls show_count, e.g. once the window shows its list
            self.show_count()

    def show_count(self, extra: str = "") -> None:
        """Show how many messages wait, with an optional word on the last run."""
        from desk.messages.sender import outbox_backlog

        self.show_backlog(outbox_backlog(self._db), extra)

    def show_backlog(self, backlog: Backlog, extra: str = "") -> None:
        """Show `backlog` (desk.messages.sender.outbox_backlog, read by the caller: ui.app
        reads it in the background at start), with an optional word on the last run."""
        if backlog.waiting:
            text = ngettext("Outbox: {n} waiting", "Outbox: {n} waiting", backlog.waiting)
        else:
            text = _("Outbox: all sent")
        text = "   " + text.format(n=format_number(backlog.waiting))
        if backlog.unknown:
            text += " · " + ngettext(
                "{n} to check (may have been delivered)",
                "{n} to check (may have been delivered)",
                backlog.unknown,
            ).format(n=format_number(backlog.unknown))
        self.setToolTip(extra)  # the whole word on the last run; the bar shows its start
        self.setText(text + (f" · {_short(extra)}" if _short(extra) else ""))
        self.retry_button.setVisible(backlog.backed_off > 0)

    def retry_now(self) -> None:
        """Send every waiting message now, without waiting for the retry delay."""
        self.retry_button.hide()
        self.setText("   " + _("Outbox: sending…"))
        self.runner.retry_now()

    def queued(self) -> None:
        """A message was queued: count it and send it now."""
        self.show_count()
        self.runner.send_now()

    def _sent(self, report) -> None:
        extra = (
            report.problems[0]
            if report.problems
            else (
                ngettext("{n} sent", "{n} sent", report.sent).format(n=format_number(report.sent))
                if report.sent
                else ""
            )
        )
        self.show_count(extra)
        self.changed.emit()
        for name in report.missing_secrets:
            self._ask_for_secret(name)

    def _ask_for_secret(self, name: str) -> None:
        """Without a keyring, ask once per session for the secret and keep it in memory."""
        from desk.secrets import SECRETS, keyring_available

        if keyring_available() or name in self._asked_for:
            return
        self._asked_for.add(name)
        what = _(SECRETS[name])
        secret = prompts.ask_secret(
            self.window(),
            what,
            _(
                "This computer has no secure password store, so Return Desk cannot keep the "
                "{what}.\nType it to send the waiting messages (kept until you quit):"
            ).format(what=what),
        )
        if secret is None:
            return
        if name == "smtp":
            self.runner.smtp_password = secret
        else:
            self.runner.sms_token = secret
        self.runner.send_now()
