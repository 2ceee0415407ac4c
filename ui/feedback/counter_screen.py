"""The customer's screen at the counter: idle, "how was your return?", thank-you with a code.

A window of its own (full screen on a second monitor or a touch screen) that staff open and
close from the main window. It cannot reach the rest of the app: no menu, no context menu,
every shortcut swallowed, and Esc, Alt+F4 or closing the window do nothing; only `close_from_staff`
closes it. Staff send it a return with `ask`; the customer taps a face (or presses 1 to 5),
may add a comment, and the feedback is saved in the background; after `idle_ms` without
input it goes back to the idle screen. Words come from the `counter` section of the
customer's language (desk.words). The pages themselves (widgets, layout, words, sizes)
are in `ui.feedback.counter_pages`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from desk.codes import FeedbackSource
from desk.db import Database
from desk.feedback.record import record_feedback
from desk.feedback.rewards import describe_reward
from desk.i18n.catalog import _
from desk.messages.context import normalise_language
from ui.background import run_in_background
from ui.feedback.counter_pages import STYLE, CounterPages
from ui.feedback.faces import RATINGS

IDLE_MS = 30_000
"""Back to the idle screen after this long without a touch or a key."""

IDLE, ASK, THANKS = "idle", "ask", "thanks"

INPUT_EVENTS = frozenset(
    {
        QEvent.MouseButtonPress,
        QEvent.KeyPress,
        QEvent.TouchBegin,
        QEvent.TouchUpdate,
        QEvent.Wheel,
        QEvent.InputMethod,
    }
)

DIGITS = {getattr(Qt, f"Key_{n}"): n for n in RATINGS}


def first_name(name: str) -> str:
    """The first word of a customer's name ("" for none): what the screen calls them."""
    parts = name.split()
    return parts[0] if parts else ""


class CounterScreen(CounterPages, QWidget):
    """The customer-facing window; `saved(result)` after each feedback, `save_failed(text)`.

    Args:
        db: the open database (saving runs in the background).
        shop_name: shown big on the idle screen.
        currency: the shop's, for what a reward code gives.
        language: the words of the idle screen (each customer's own for the others).
        idle_ms: how long without input before going back to idle.
    """

    saved = Signal(object)  # desk.feedback FeedbackResult
    save_failed = Signal(str)
    state_changed = Signal(str)

    def __init__(
        self,
        db: Database,
        *,
        shop_name: str,
        currency: str = "EUR",
        language: str = "en",
        idle_ms: int = IDLE_MS,
        parent: QWidget | None = None,
    ):
        super().__init__(parent, Qt.Window | Qt.FramelessWindowHint)
        self._db, self._shop_name, self._currency = db, shop_name, currency
        self._idle_language = normalise_language(language)
        self._language = self._idle_language
        self._release = False  # only the staff window lets it close
        self._asked: tuple[int, str] | None = None  # return id, first name
        self._token = 0  # which ask a background answer belongs to
        self.setObjectName("counterScreen")
        self.setWindowTitle(_("{shop}: feedback").format(shop=shop_name))
        self.setContextMenuPolicy(Qt.NoContextMenu)
        self.setAttribute(Qt.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_idle())
        self.pages.addWidget(self._build_ask())
        self.pages.addWidget(self._build_thanks())
        self.faces.rated.connect(self._rated)
        self.send_button.clicked.connect(lambda: self._send(with_comment=True))
        self.skip_button.clicked.connect(lambda: self._send(with_comment=False))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 40, 48, 40)
        layout.addWidget(self.pages)
        self.idle_timer = QTimer(self, singleShot=True, interval=idle_ms)
        self.idle_timer.timeout.connect(self.show_idle)
        for widget in (self, *self.findChildren(QWidget)):
            widget.installEventFilter(self)
            widget.setContextMenuPolicy(Qt.NoContextMenu)
        self.resize(1024, 700)
        self._set_words(self._idle_language)
        self.show_idle()

    # what staff do

    @property
    def state(self) -> str:
        """IDLE, ASK or THANKS."""
        return (IDLE, ASK, THANKS)[self.pages.currentIndex()]

    @property
    def return_id(self) -> int | None:
        """The return asked about last (None when idle)."""
        return self._asked[0] if self._asked else None

    def ask(self, *, return_id: int, name: str = "", language: str = "en") -> None:
        """Ask the customer of `return_id` how the return went, in their language."""
        self._token += 1
        self._asked = (return_id, first_name(name))
        self._set_words(normalise_language(language))
        self.faces.clear()
        self.comment_edit.clear()
        self._enable_asking(True)
        self._rated(None)
        self._go(ASK)
        self.activateWindow()

    def show_idle(self) -> None:
        """The idle screen: the shop's name and what it does with returned goods."""
        self.idle_timer.stop()
        self._asked = None
        self._token += 1  # an answer still on its way no longer changes the screen
        self._set_words(self._idle_language)
        self._go(IDLE)

    def show_on(self, screen: QScreen, *, full_screen: bool = True) -> None:
        """Show the window on `screen`: full screen there, or as a window to try it out."""
        self.setWindowFlag(Qt.FramelessWindowHint, full_screen)
        self.setScreen(screen)  # before showing, so the window manager places it there
        if full_screen:
            self.setGeometry(screen.geometry())
            self.showFullScreen()
        else:
            self.resize(1024, 700)
            self.move(screen.availableGeometry().center() - self.rect().center())
            self.show()

    def close_from_staff(self) -> None:
        """Close the screen (the staff window's "Close counter screen")."""
        self._release = True
        self.idle_timer.stop()
        self.close()

    # the customer's answer

    def _rated(self, rating: int | None) -> None:
        chosen = rating is not None
        self.comment_box.setEnabled(chosen)
        self.send_button.setEnabled(chosen)
        self.skip_button.setEnabled(chosen)
        if chosen:
            self.comment_edit.setFocus(Qt.OtherFocusReason)

    def _enable_asking(self, enabled: bool) -> None:
        for widget in (self.faces, self.comment_box, self.send_button, self.skip_button):
            widget.setEnabled(enabled)
        self.saving_label.setText("" if enabled else self._words["saving"])

    def _send(self, *, with_comment: bool) -> None:
        rating = self.faces.rating
        if self._asked is None or rating is None:
            return
        return_id, db, token = self._asked[0], self._db, self._token
        comment = self.comment_edit.toPlainText().strip() if with_comment else ""
        self._enable_asking(False)
        run_in_background(
            lambda: record_feedback(
                db,
                return_id=return_id,
                rating=rating,
                comment=comment,
                source=FeedbackSource.COUNTER,
            ),
            owner=self,
            on_success=lambda result: self._saved(token, result),
            on_failure=lambda error: self._failed(token, error),
        )

    def _saved(self, token: int, result) -> None:
        self.saved.emit(result)
        if token != self._token:
            return  # staff moved on to the next customer meanwhile
        reward = result.reward
        self.failed_label.hide()
        self.thanks_line.show()
        self.reward_box.setVisible(reward is not None)
        if reward is not None:
            self.code_label.setText(reward.code)
            self.reward_text.setText(describe_reward(reward, self._currency, self._language))
        self._go(THANKS)

    def _failed(self, token: int, error: Exception) -> None:
        self.save_failed.emit(
            _("The counter screen could not save the feedback: {error}").format(error=error)
        )
        if token != self._token:
            return
        self.thanks_line.hide()
        self.reward_box.hide()
        self.failed_label.show()
        self._go(THANKS)

    def _go(self, state: str) -> None:
        self.pages.setCurrentIndex((IDLE, ASK, THANKS).index(state))
        if state != IDLE:
            self.idle_timer.start()
        self.state_changed.emit(state)

    # nothing leaves it

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in INPUT_EVENTS and self.state != IDLE:
            self.idle_timer.start()  # the customer is still there
        return False

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.ShortcutOverride:
            event.accept()  # no shortcut fires here: the key goes to the widget as typed
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if self.state == ASK and self.faces.isEnabled() and event.key() in DIGITS:
            self.faces.choose(DIGITS[event.key()])
        event.accept()  # Esc and every other key stop here

    def closeEvent(self, event) -> None:  # noqa: N802
        if self._release:
            event.accept()
        else:
            event.ignore()  # Alt+F4 or the window manager: only the staff window closes it
