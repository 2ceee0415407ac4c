"""The staff window's hold on the counter screen: open it on a chosen screen, ask, close.

The main window keeps one `CounterLink`; its actions call `open`, `close` and `ask`, and it
hears back through `saved(result)` (feedback stored from the counter), `said(text)` (a line
for the status bar) and `open_changed(is_open)`. When a counter tablet is paired and the
Qt screen is not open, `ask` asks the tablet instead (desk.portal.counter) and looks in the
background every TABLET_LOOK_MS for its answer: `tablet_answered(return_id)` and a line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from desk.db import Database
from desk.i18n.catalog import _
from desk.settings import SHOP_LOCALE, load_settings
from ui.background import run_in_background

if TYPE_CHECKING:
    from desk.portal.counter import Outcome
    from desk.returns import ReturnDetail
    from ui.feedback.counter_screen import CounterScreen
    from ui.feedback.screen_dialog import ScreenDialog

# deferred: the counter screen, its chooser and the tablet's questions load on first use,
# not with the main window (each method below imports what it needs)

TABLET_LOOK_MS = 3000
"""How often the staff window looks whether the tablet answered."""


def _warm_up() -> None:
    """Load what the first thank-you needs (the dates of babel, about half a second)."""
    import babel.dates  # noqa: F401


class CounterLink(QObject):
    """Opens, feeds and closes the counter screen for the staff window `window`."""

    saved = Signal(object)  # desk.feedback.record.FeedbackResult
    said = Signal(str)
    open_changed = Signal(bool)
    tablet_answered = Signal(int)  # the return whose feedback the tablet stored

    def __init__(
        self, window: QWidget, db: Database, *, shop_name: str, currency: str, idle_ms=None
    ):
        super().__init__(window)
        self._window, self._db = window, db
        self.shop_name, self.currency = shop_name, currency
        self._idle_ms = idle_ms
        self.screen: CounterScreen | None = None
        self.chooser: ScreenDialog | None = None
        self.tablet_request: int | None = None  # the tablet's question waiting for an answer
        self.tablet_timer = QTimer(self, interval=TABLET_LOOK_MS)
        self.tablet_timer.timeout.connect(self._look_at_tablet)

    @property
    def is_open(self) -> bool:
        """Whether the counter screen is showing."""
        return self.screen is not None and self.screen.isVisible()

    def open(self) -> None:
        """Open the counter screen: ask on which screen when there are several."""
        if self.is_open:
            self.screen.raise_()
            return
        if len(QGuiApplication.screens()) < 2:
            self.show_on(self._window.screen())
            return
        from ui.feedback.screen_dialog import ScreenDialog

        self.chooser = ScreenDialog(self._window.screen(), self._window)
        self.chooser.accepted.connect(lambda: self.show_on(self.chooser.screen_))
        self.chooser.open()

    def show_on(self, screen: QScreen) -> CounterScreen:
        """Show the counter screen on `screen` (full screen unless it is the staff's own)."""
        from ui.feedback.counter_screen import CounterScreen

        if self.screen is None:
            extra = {} if self._idle_ms is None else {"idle_ms": self._idle_ms}
            self.screen = CounterScreen(
                self._db,
                shop_name=self.shop_name,
                currency=self.currency,
                language=load_settings(self._db)[SHOP_LOCALE],  # the idle screen's words
                parent=self._window,
                **extra,
            )
            self.screen.saved.connect(self._saved)
            self.screen.save_failed.connect(self.said)
            run_in_background(_warm_up, owner=self)  # the first thank-you comes at once
        self.screen.show_on(screen, full_screen=screen is not self._window.screen())
        self.open_changed.emit(True)
        self.said.emit(_("Counter screen open; close it from here (Close counter screen)."))
        return self.screen

    def ask(self, detail: ReturnDetail) -> None:
        """Ask about `detail`'s return on the counter screen, or on the paired tablet."""
        from desk.portal.counter import ask_at_tablet
        from ui.feedback.counter_screen import first_name
        from ui.feedback.screen_dialog import default_screen

        if not self.is_open:
            asked = ask_at_tablet(self._db, return_id=detail.ret.id)
            if asked is not None:
                self.tablet_request = asked.request_id
                self.tablet_timer.start()
                name = first_name(detail.customer.name)
                text = _("Asking {name} on the counter tablet.").format(name=name)
                if not asked.online:
                    text += " " + _("It has not looked in lately: is it on?")
                self.said.emit(text)
                return
            self.show_on(default_screen(self._window.screen()))
        customer = detail.customer
        self.screen.ask(
            return_id=detail.ret.id, name=customer.name, language=customer.preferred_language
        )
        self._window.activateWindow()  # staff go on typing in their own window
        self.said.emit(
            _("Asking {name} on the counter screen.").format(name=first_name(customer.name))
        )

    def close(self) -> None:
        """Close the counter screen (the only way it closes)."""
        if self.screen is not None:
            self.screen.close_from_staff()
            self.screen.deleteLater()
            self.screen = None
            self.open_changed.emit(False)

    def _look_at_tablet(self) -> None:
        from desk.portal.counter import request_outcome

        request, db = self.tablet_request, self._db
        if request is None:
            self.tablet_timer.stop()
            return
        run_in_background(
            lambda: (request, request_outcome(db, request_id=request)),
            owner=self,
            on_success=self._tablet_said,
        )

    def _tablet_said(self, answer: tuple[int, Outcome]) -> None:
        request, outcome = answer
        if request != self.tablet_request or not (outcome.answered or outcome.gone):
            return
        self.tablet_request = None
        self.tablet_timer.stop()
        if outcome.answered:
            text = _("Tablet feedback: {rating} of 5.").format(rating=outcome.rating)
            self.said.emit(_feedback_line(text, low=outcome.low, code=outcome.code))
            self.tablet_answered.emit(outcome.return_id)

    def _saved(self, result) -> None:
        text = _("Counter feedback: {rating} of 5.").format(rating=result.feedback.rating)
        code = result.reward.code if result.reward is not None else None
        self.said.emit(_feedback_line(text, low=result.low, code=code))
        self.saved.emit(result)


def _feedback_line(text: str, *, low: bool, code: str | None) -> str:
    """The status-bar line of a feedback: `text`, then whether it is low and its code."""
    if low:
        text += " " + _("⚑ Low rating.")
    if code:
        text += " " + _("Code {code} issued.").format(code=code)
    return text
