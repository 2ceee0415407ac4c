"""The main window's status bar: each piece of news in its own place, none over another.

From left to right: the last transient message (what was just done, or a menu item's tip),
the Undo button of the last move, the count of returns listed, the outbox's problems (every
channel that cannot send, email and SMS) and the outbox's word (ui.outbox_runner's label,
drawn here elided and without the problem the notice names already). All
are permanent widgets; QStatusBar's own message, which Qt paints across the permanent
widgets' place when it is long, is never painted: messages go to the message label.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QStatusBar, QWidget

from ui.actions import Act, shortcut_text

UNDO_MS = 10_000
"""How long the Undo button of a move stays (it also goes at the next move)."""


def _short(problem: str) -> str:
    """The first sentence of an outbox problem ("Email is not set up")."""
    return problem.split(":")[0].split(".")[0].strip()


class StatusBar(QStatusBar):
    """A status bar whose message, undo, count and outbox have a place each."""

    undo_requested = Signal()
    """The Undo button was pressed (the window undoes the last move)."""
    undo_ended = Signal()
    """The Undo button went away (time is up, or it was used): the move stays."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("statusBar")
        self._said = ""
        self._outbox: QLabel | None = None
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(lambda: self.say(""))
        self._undo_timer = QTimer(self, singleShot=True, interval=UNDO_MS)
        self._undo_timer.timeout.connect(self.hide_undo)
        self.message_label = QLabel(objectName="statusMessage")
        self.message_label.setTextFormat(Qt.PlainText)
        # Ignored: a long message is cut at its own place instead of pushing the others
        self.message_label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.message_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 28))
        self.message_label.installEventFilter(self)  # drawn elided, whole in its tooltip
        self.undo_button = QPushButton(objectName="undoMove")
        self.undo_button.setFlat(True)
        self.undo_button.setStyleSheet("QPushButton { color: #1d4ed8; padding: 0 8px; }")
        self.undo_button.clicked.connect(self.undo_requested)
        self.undo_button.hide()
        self.count_label = QLabel(objectName="returnCount")
        self.outbox_notice = QLabel(objectName="outboxNotice")
        self.outbox_notice.setStyleSheet("color: #b45309;")
        self.outbox_notice.hide()
        self.outbox_notice.setMaximumWidth(self.fontMetrics().horizontalAdvance("x" * 40))
        self.outbox_notice.installEventFilter(self)  # drawn elided, whole in its tooltip
        self.addPermanentWidget(self.message_label, 1)
        self.addPermanentWidget(self.undo_button)
        self.addPermanentWidget(self.count_label)
        self.addPermanentWidget(self.outbox_notice)
        self.messageChanged.connect(self._qt_message)

    # messages

    def say(self, text: str, timeout_ms: int = 0) -> None:
        """Show `text` in the message place (for `timeout_ms`, or until the next one)."""
        self._said = text
        self._show(text)
        if timeout_ms:
            self._timer.start(timeout_ms)
        else:
            self._timer.stop()

    def showMessage(self, text: str, timeout: int = 0) -> None:  # noqa: N802
        """QStatusBar's call, kept for the callers that use it: said in the message place."""
        self.say(text, timeout)

    def clearMessage(self) -> None:  # noqa: N802
        """QStatusBar's call: empty the message place."""
        self.say("")

    def currentMessage(self) -> str:  # noqa: N802
        """The message shown now."""
        return self.message_label.text()

    def _qt_message(self, text: str) -> None:
        # Qt's own messages (menu tips) come through QStatusBar's C++ showMessage
        self._show(text or self._said)

    def _show(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setToolTip(text)

    def paintEvent(self, event) -> None:  # noqa: N802
        """Paint the bar without QStatusBar's message (the message label shows it)."""
        QWidget.paintEvent(self, event)

    # undo

    def offer_undo(self, text: str) -> None:
        """Show the Undo button saying `text` ("Undo move to Closed") for UNDO_MS."""
        self.undo_button.setText(text)
        self.undo_button.setToolTip(f"{text} ({shortcut_text(Act.UNDO_MOVE)})")
        self.undo_button.show()
        self._undo_timer.start()

    def hide_undo(self) -> None:
        """Take the Undo button away (the move is done for good)."""
        self._undo_timer.stop()
        self.undo_button.hide()
        self.undo_ended.emit()

    # outbox

    def attach_outbox(self, status: QLabel, runner) -> None:
        """Give the outbox's word its place (last) and show the problems of each run.

        `runner` is the ui.outbox_runner.OutboxRunner: its `finished` signal brings the
        desk.messages.sender.SendReport whose problems name each channel that cannot send.
        """
        self._outbox = status
        status.setMaximumWidth(status.fontMetrics().horizontalAdvance("x" * 44))
        status.installEventFilter(self)
        self.addPermanentWidget(status)
        runner.finished.connect(self.show_outbox_problems)

    def outbox_word(self) -> str:
        """What the outbox's place shows: its own text without the last run's problem,
        which the notice names already (with every other channel's)."""
        if self._outbox is None:
            return ""
        problems = self.outbox_notice.toolTip().splitlines() if self.outbox_notice.text() else []
        parts = [part.strip() for part in self._outbox.text().split(" · ")]
        kept = [p for p in parts if not any(q.startswith(p.rstrip(".…")) for q in problems)]
        return " · ".join(kept)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        """Draw the message, the notice and the outbox's word elided ("…") when their place
        is short; the whole texts are in their tooltips."""
        labels = (self._outbox, self.message_label, self.outbox_notice)
        if event.type() == QEvent.Paint and watched in labels:
            outbox = watched is self._outbox
            painter = QPainter(watched)
            rect = watched.contentsRect()
            shown = self.outbox_word() if outbox else watched.text()
            text = watched.fontMetrics().elidedText(shown, Qt.ElideRight, rect.width())
            painter.drawText(
                rect, Qt.AlignVCenter | (Qt.AlignRight if outbox else Qt.AlignLeft), text
            )
            painter.end()
            return True
        return super().eventFilter(watched, event)

    def show_outbox_problems(self, report) -> None:
        """Name every channel the last run could not use, or hide the notice."""
        problems = list(dict.fromkeys(report.problems))
        self.outbox_notice.setText("  ·  ".join(_short(p) for p in problems))
        self.outbox_notice.setToolTip("\n".join(problems))
        self.outbox_notice.setVisible(bool(problems))
