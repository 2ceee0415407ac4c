"""Run work off the UI thread and hand its result back on the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: _Signals):
        super().__init__()
        self.work, self.signals = work, signals

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # handed to the UI thread, which shows it
            self.signals.failed.emit(error)
        else:
            self.signals.succeeded.emit(result)
        finally:
            self.signals.finished.emit()


_running: set[_Signals] = set()


def run_in_background(
    work: Callable[[], Any],
    *,
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[Exception], None] | None = None,
    on_finished: Callable[[], None] | None = None,
) -> _Signals:
    """Run `work()` on the thread pool; call back on the UI thread when it is done."""
    signals = _Signals()
    if on_success:
        signals.succeeded.connect(on_success)
    if on_failure:
        signals.failed.connect(on_failure)
    if on_finished:
        signals.finished.connect(on_finished)
    _running.add(signals)
    signals.finished.connect(lambda: _running.discard(signals))
    QThreadPool.globalInstance().start(_Job(work, signals))
    return signals


class Progress(QObject):
    """Carries progress from background work to the UI thread (`changed(done, total)`)."""

    changed = Signal(int, int)

    def report(self, done: int, total: int) -> None:
        """Called from the worker thread; the signal is delivered on the UI thread."""
        self.changed.emit(done, total)
