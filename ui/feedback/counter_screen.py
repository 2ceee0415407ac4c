"""The customer's screen at the counter: idle, "how was your return?", thank-you with a code.

A window of its own (full screen on a second monitor or a touch screen) that staff open and
close from the main window. It cannot reach the rest of the app: no menu, no context menu,
every shortcut swallowed, and Esc, Alt+F4 or closing the window do nothing; only `close_from_staff`
closes it. Staff send it a return with `ask`; the customer taps a face (or presses 1 to 5),
may add a comment, and the feedback is saved in the background; after `idle_ms` without
input it goes back to the idle screen. Words come from the `counter` section of the
customer's language (resources/words).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QScreen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desk.db import Database
from desk.feedback.record import record_feedback
from desk.feedback.rewards import describe_reward
from desk.messages.context import normalise_language
from desk.models import FeedbackSource
from desk.words import section
from ui.background import run_in_background
from ui.feedback.faces import RATINGS, RatingFaces

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

STYLE = """
CounterScreen { background: #f8faf7; }
QLabel { color: #1f2937; }
QLabel#shopName, QLabel#askTitle, QLabel#thanksTitle { color: #14532d; font-weight: 700; }
QLabel#leaf { color: #16a34a; }
QLabel#hint, QLabel#idleThanks, QLabel#rewardHint { color: #4b5563; }
QLabel#rewardCode {
    color: #111827; background: white; border: 3px dashed #16a34a; border-radius: 16px;
    padding: 12px 36px; font-family: "DejaVu Sans Mono", monospace; font-weight: 700;
}
QLabel#failed { color: #b91c1c; }
QPlainTextEdit {
    background: white; border: 2px solid #cbd5e1; border-radius: 12px; padding: 8px;
}
QPlainTextEdit:focus { border-color: #16a34a; }
QPushButton {
    border-radius: 14px; padding: 14px 40px; background: #e5e7eb; color: #1f2937;
    border: none;
}
QPushButton#send { background: #15803d; color: white; font-weight: 700; }
QPushButton:disabled { color: #9ca3af; background: #f3f4f6; }
QPushButton#send:disabled { color: white; background: #9ca3af; }
QPushButton:pressed { background: #d1d5db; }
"""


def first_name(name: str) -> str:
    """The first word of a customer's name ("" for none): what the screen calls them."""
    parts = name.split()
    return parts[0] if parts else ""


def _label(name: str, *, wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setAlignment(Qt.AlignCenter)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.PlainText)
    return label


class CounterScreen(QWidget):
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
        self.setWindowTitle(f"{shop_name}: feedback")
        self.setContextMenuPolicy(Qt.NoContextMenu)
        self.setAttribute(Qt.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_idle())
        self.pages.addWidget(self._build_ask())
        self.pages.addWidget(self._build_thanks())
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

    # construction

    def _build_idle(self) -> QWidget:
        page = QWidget()
        self.leaf_label = _label("leaf", wrap=False)
        self.leaf_label.setText("♻")
        self.shop_label = _label("shopName")
        self.shop_label.setText(self._shop_name)
        self.idle_line = _label("idleLine")
        self.idle_thanks = _label("idleThanks")
        layout = QVBoxLayout(page)
        layout.addStretch(3)
        for widget in (self.leaf_label, self.shop_label, self.idle_line, self.idle_thanks):
            layout.addWidget(widget)
            layout.addSpacing(12)
        layout.addStretch(4)
        return page

    def _build_ask(self) -> QWidget:
        page = QWidget()
        self.ask_title = _label("askTitle")
        self.ask_hint = _label("hint")
        self.faces = RatingFaces()
        self.faces.rated.connect(self._rated)
        self.comment_label = _label("commentLabel")
        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setObjectName("comment")
        self.comment_edit.setTabChangesFocus(True)
        self.send_button = QPushButton(objectName="send")
        self.skip_button = QPushButton(objectName="skipComment")
        self.send_button.clicked.connect(lambda: self._send(with_comment=True))
        self.skip_button.clicked.connect(lambda: self._send(with_comment=False))
        for button in (self.send_button, self.skip_button):
            button.setFocusPolicy(Qt.NoFocus)
            button.setCursor(Qt.PointingHandCursor)
        self.saving_label = _label("saving")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addSpacing(24)
        buttons.addWidget(self.send_button)
        buttons.addStretch(1)
        faces_row = QHBoxLayout()
        faces_row.addStretch(1)
        faces_row.addWidget(self.faces)
        faces_row.addStretch(1)
        self.comment_box = QWidget()
        comment = QVBoxLayout(self.comment_box)
        comment.setContentsMargins(0, 0, 0, 0)
        comment.addWidget(self.comment_label)
        comment.addWidget(self.comment_edit)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.ask_title)
        layout.addWidget(self.ask_hint)
        layout.addSpacing(16)
        layout.addLayout(faces_row)
        layout.addSpacing(16)
        layout.addWidget(self.comment_box, 0, Qt.AlignHCenter)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addWidget(self.saving_label)
        layout.addStretch(1)
        return page

    def _build_thanks(self) -> QWidget:
        page = QWidget()
        self.thanks_title = _label("thanksTitle")
        self.thanks_line = _label("thanksLine")
        self.reward_intro = _label("rewardIntro")
        self.code_label = _label("rewardCode", wrap=False)
        self.code_label.setTextInteractionFlags(Qt.NoTextInteraction)
        self.reward_text = _label("rewardText")
        self.reward_hint = _label("rewardHint")
        self.failed_label = _label("failed")
        code_row = QHBoxLayout()
        code_row.addStretch(1)
        code_row.addWidget(self.code_label)
        code_row.addStretch(1)
        self.reward_box = QWidget()
        reward = QVBoxLayout(self.reward_box)
        reward.setContentsMargins(0, 0, 0, 0)
        reward.setSpacing(14)
        reward.addWidget(self.reward_intro)
        reward.addLayout(code_row)
        reward.addWidget(self.reward_text)
        reward.addWidget(self.reward_hint)
        layout = QVBoxLayout(page)
        layout.addStretch(2)
        for widget in (self.thanks_title, self.thanks_line, self.failed_label):
            layout.addWidget(widget)
        layout.addSpacing(28)
        layout.addWidget(self.reward_box)
        layout.addStretch(3)
        return page

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
        self.save_failed.emit(f"The counter screen could not save the feedback: {error}")
        if token != self._token:
            return
        self.thanks_line.hide()
        self.reward_box.hide()
        self.failed_label.show()
        self._go(THANKS)

    # the words and the look

    def _set_words(self, language: str) -> None:
        self._language = language
        words = self._words = section(language, "counter")
        name = self._asked[1] if self._asked else ""
        self.idle_line.setText(words["idle_line"])
        self.idle_thanks.setText(words["idle_thanks"])
        if name:
            self.ask_title.setText(words["ask_title"].format(name=name))
            self.thanks_title.setText(words["thanks_title"].format(name=name))
        else:
            self.ask_title.setText(words["ask_title_anonymous"])
            self.thanks_title.setText(words["thanks_title_anonymous"])
        self.ask_hint.setText(words["ask_hint"])
        self.faces.set_words({r: words["rating"][str(r)] for r in RATINGS})
        self.comment_label.setText(words["comment_label"])
        self.comment_edit.setPlaceholderText(words["comment_placeholder"])
        self.send_button.setText(words["send"])
        self.skip_button.setText(words["skip_comment"])
        self.thanks_line.setText(words["thanks_line"])
        self.reward_intro.setText(words["reward_intro"])
        self.reward_hint.setText(words["reward_hint"])
        self.failed_label.setText(words["failed"])

    def _go(self, state: str) -> None:
        self.pages.setCurrentIndex((IDLE, ASK, THANKS).index(state))
        if state != IDLE:
            self.idle_timer.start()
        self.state_changed.emit(state)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._scale()

    def _scale(self) -> None:
        """Type and faces in proportion to the screen, readable from a step away."""
        unit = max(10, min(self.height() / 30, self.width() / 48))
        sizes = {
            self.leaf_label: 4.5,
            self.shop_label: 3.2,
            self.idle_line: 1.3,
            self.idle_thanks: 1.1,
            self.ask_title: 1.8,
            self.ask_hint: 1.0,
            self.comment_label: 1.0,
            self.comment_edit: 1.1,
            self.send_button: 1.2,
            self.skip_button: 1.2,
            self.saving_label: 1.0,
            self.thanks_title: 2.6,
            self.thanks_line: 1.3,
            self.reward_intro: 1.2,
            self.code_label: 2.8,
            self.reward_text: 1.05,
            self.reward_hint: 1.0,
            self.failed_label: 1.3,
            self.comment_edit.viewport(): 1.1,  # the placeholder's font
            **{button: 0.95 for button in self.faces.buttons.values()},
        }
        for widget, factor in sizes.items():  # one by one: a style sheet stops inheritance
            font = QFont(widget.font())
            font.setPixelSize(int(unit * factor))
            widget.setFont(font)
        face = int(min(self.height() * 0.2, (self.width() - 200) / 6.5))
        for button in self.faces.buttons.values():
            button.set_size(face)
        self.comment_edit.setFixedHeight(int(unit * 4))
        self.comment_box.setFixedWidth(min(self.width() - 120, int(face * 6.2)))

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
