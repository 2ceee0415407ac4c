"""Run work off the UI thread and hand its result back, on the UI thread, to its owner.

Every job has an owner (the widget or object that asked for it). The callbacks are held by
a small relay object parented to the owner: when the owner is destroyed, Qt destroys the
relay and disconnects it, so a result that arrives later is dropped instead of reaching a
deleted widget. The object the worker emits on is not parented to anything; this module
keeps it alive until the job has finished, so the worker never emits on a deleted object.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

MIN_THREADS = 4
"""Background work waits mostly on the disk or the network: one slow job (an SMTP server
that does not answer) must not hold up the others on a machine with one or two cores."""


class _Signals(QObject):
    """What the worker emits; owned by `_running` until `finished` reached the UI thread."""

    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()


class _Relay(QObject):
    """Calls the owner's callbacks on the UI thread; a child of the owner, it dies with it."""

    def __init__(self, owner: QObject, on_success, on_failure, on_finished):
        super().__init__(owner)
        self.on_success, self.on_failure, self.on_finished = on_success, on_failure, on_finished

    @Slot(object)
    def succeeded(self, result: object) -> None:
        if self.on_success is not None:
            self.on_success(result)

    @Slot(object)
    def failed(self, error: object) -> None:
        if self.on_failure is not None:
            self.on_failure(error)

    @Slot()
    def finished(self) -> None:
        if self.on_finished is not None:
            self.on_finished()

    def drop(self) -> None:
        """Forget the callbacks (they may hold the last reference to the owner)."""
        self.deleteLater()
        self.on_success = self.on_failure = self.on_finished = None


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: _Signals):
        super().__init__()
        self.work, self.signals = work, signals

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # handed to the UI thread, which shows it
            self._tell("failed", error)
        else:
            self._tell("succeeded", result)
        finally:
            self._tell("finished")

    def _tell(self, signal: str, *args: Any) -> None:
        with contextlib.suppress(RuntimeError):  # its Qt object is gone: the app quit meanwhile
            getattr(self.signals, signal).emit(*args)


_running: dict[_Signals, _Relay] = {}


def _thread_pool() -> QThreadPool:
    pool = QThreadPool.globalInstance()
    if pool.maxThreadCount() < MIN_THREADS:
        pool.setMaxThreadCount(MIN_THREADS)
    return pool


def _forget(signals: _Signals) -> None:
    """The job is over: let go of its objects (not from inside the relay: dropping the
    callbacks may delete the owner, and the relay with it)."""
    relay = _running.pop(signals, None)
    if relay is not None and shiboken6.isValid(relay):
        relay.drop()
    signals.deleteLater()


def wait_for_jobs(timeout_ms: int = 3000) -> bool:
    """Let the jobs still running end (at most `timeout_ms`): before the database closes
    and Python shuts down under them; False if some did not end in time."""
    return _thread_pool().waitForDone(timeout_ms)


def running_jobs() -> int:
    """How many jobs have not yet reported that they finished (on the UI thread)."""
    return len(_running)


def run_in_background(
    work: Callable[[], Any],
    *,
    owner: QObject,
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[Exception], None] | None = None,
    on_finished: Callable[[], None] | None = None,
) -> None:
    """Run `work()` on the thread pool; call back on the UI thread when it is done.

    `on_success(result)` or `on_failure(error)`, then `on_finished()`, are called while
    `owner` exists; once `owner` is destroyed they are dropped (the work itself runs to
    its end). `work` runs on another thread: give it values, not widgets.
    """
    signals = _Signals()
    relay = _Relay(owner, on_success, on_failure, on_finished)
    signals.succeeded.connect(relay.succeeded)
    signals.failed.connect(relay.failed)
    signals.finished.connect(relay.finished)
    signals.finished.connect(lambda: _forget(signals))  # runs even when the relay is gone
    _running[signals] = relay
    _thread_pool().start(_Job(work, signals))


class _ProgressEmitter(QObject):
    reported = Signal(int, int)


class Progress(QObject):
    """Carries progress from background work to the UI thread (`changed(done, total)`).

    A child of `owner`, it is destroyed with it; a report from the worker after that
    reaches nobody (the worker emits on an object of its own, which lives on).
    """

    changed = Signal(int, int)

    def __init__(self, owner: QObject):
        super().__init__(owner)
        self._emitter = _ProgressEmitter()
        self._emitter.reported.connect(self._relay)

    @Slot(int, int)
    def _relay(self, done: int, total: int) -> None:
        self.changed.emit(done, total)

    def report(self, done: int, total: int) -> None:
        """Called from the worker thread; `changed` is emitted on the UI thread."""
        self._emitter.reported.emit(done, total)
