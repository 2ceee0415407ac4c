"""Run something right after a widget's next paint, or after a while at the latest.

A read in the background holds Python's lock in slices of up to 5 ms, and a paint needs
that lock for every cell it asks a Python model for: a read started while new rows are
about to paint makes the paint wait. So what can wait one paint (the selected return's
detail, the exact count of a long list) starts after it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer

PAINT_WAIT_MS = 50
"""The longest `after_paint` waits (a hidden widget never paints)."""


class _AfterPaint(QObject):
    """Calls `then` once: right after its parent widget's next paint, or after `ms` at the latest.

    It holds no Python reference to the widget and drops `then` before it is deleted: a
    child that holds the last reference to its parent frees the parent while its own
    deferred delete runs, and the parent's destructor then deletes the child a second time
    (the worker crash in CI). So it reaches the widget through `parent()`.
    """

    def __init__(self, widget, then: Callable[[], None], ms: int):
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)
        QTimer.singleShot(ms, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)  # after the rest of this paint
        return False

    def _run(self) -> None:
        if self._then is not None:
            then, self._then = self._then, None
            self.parent().removeEventFilter(self)
            self.deleteLater()
            then()


def after_paint(widget, then: Callable[[], None], *, at_most_ms: int = PAINT_WAIT_MS) -> None:
    """Call `then()` from the event loop right after `widget` has next painted, or after
    `at_most_ms` if it does not paint by then; never if the widget is deleted first."""
    _AfterPaint(widget, then, at_most_ms)
