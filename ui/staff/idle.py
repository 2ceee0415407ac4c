"""Signing out after a time without use: no key, mouse or touch in any of the app's windows."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

USE = frozenset(
    {
        QEvent.KeyPress,
        QEvent.MouseButtonPress,
        QEvent.MouseMove,
        QEvent.Wheel,
        QEvent.TouchBegin,
        QEvent.TouchUpdate,
    }
)
"""The events that count as someone using the desk."""


class IdleWatch(QObject):
    """Emits `idle` once after `interval_ms` without use; off until `start`."""

    idle = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._ran_out)
        self._watching = False

    def start(self, interval_ms: int) -> None:
        """Watch for `interval_ms` without use (0: never)."""
        self.stop()
        if interval_ms <= 0:
            return
        self._timer.setInterval(interval_ms)
        QApplication.instance().installEventFilter(self)
        self._watching = True
        self._timer.start()

    def stop(self) -> None:
        """Stop watching."""
        self._timer.stop()
        if self._watching:
            QApplication.instance().removeEventFilter(self)
            self._watching = False

    @property
    def active(self) -> bool:
        """Whether the time without use is being counted."""
        return self._timer.isActive()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        """Any use starts the count again; nothing is stopped."""
        if event.type() in USE:
            self._timer.start()
        return False

    def _ran_out(self) -> None:
        self.stop()
        self.idle.emit()
