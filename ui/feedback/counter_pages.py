"""The counter screen's three pages: idle, "how was your return?", thank-you with a code.

`CounterPages` builds the pages' widgets and their layout, fills in their words in the
customer's language and scales type and faces to the screen; `ui.feedback.counter_screen`
adds what happens: the state machine, the keys that go nowhere, the idle timer and saving.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.words import section
from ui.feedback.faces import RATINGS, RatingFaces

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


def _label(name: str, *, wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setAlignment(Qt.AlignCenter)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.PlainText)
    return label


class CounterPages:
    """The pages of `CounterScreen` (mixed into it): their widgets, words and sizes.

    The screen supplies `_shop_name` and `_asked` (return id, first name, or None) and wires
    the faces and buttons; `_set_words` keeps the language and its words in `_language`, `_words`.
    """

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
        self.comment_label = _label("commentLabel")
        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setObjectName("comment")
        self.comment_edit.setTabChangesFocus(True)
        self.send_button = QPushButton(objectName="send")
        self.skip_button = QPushButton(objectName="skipComment")
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
