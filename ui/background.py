"""Run work off the UI thread and hand its result back, on the UI thread, to its owner.

Every job has an owner (the widget or object that asked for it). The callbacks are held by
a small relay object parented to the owner: when the owner is destroyed, Qt destroys the
relay, so a result that arrives later is dropped instead of reaching a deleted widget.
Every worker emits on one object that lives as long as the app (`_Signals`), tagged with its
job's number. Each job used to have its own, deleted on the UI thread as soon as the job's
last signal arrived there, which could be while the worker was still inside that emit:
Qt then touched a deleted object, and the process crashed (rarely, under load).
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

MIN_THREADS = 4
"""Background work waits mostly on the disk or the network: one slow job (an SMTP server
that does not answer) must not hold up the others on a machine with one or two cores."""


class _Signals(QObject):
    """What every worker emits on, `done(job, kind, value)`, handed to the job's relay on
    the UI thread. One object for the app's life: a worker never emits on a deleted one."""

    done = Signal(int, str, object)  # the job's number; "succeeded", "failed", "finished"

    @Slot(int, str, object)
    def deliver(self, job: int, kind: str, value: object) -> None:
        relay = _running.pop(job, None) if kind == "finished" else _running.get(job)
        if relay is None or not shiboken6.isValid(relay):
            return  # its owner is gone
        if kind == "succeeded":
            relay.succeeded(value)
        elif kind == "failed":
            relay.failed(value)
        else:
            relay.finished()
            if shiboken6.isValid(relay):  # the callback may have deleted the owner
                relay.drop()


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
    def __init__(self, work: Callable[[], Any], signals: _Signals, number: int):
        super().__init__()
        self.work, self.signals, self.number = work, signals, number

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # handed to the UI thread, which shows it
            self._tell("failed", error)
        else:
            self._tell("succeeded", result)
        finally:
            self._tell("finished")

    def _tell(self, kind: str, value: Any = None) -> None:
        with contextlib.suppress(RuntimeError):  # its Qt object is gone: the app quit meanwhile
            self.signals.done.emit(self.number, kind, value)


_running: dict[int, _Relay] = {}  # job number: its relay, until the job has finished
_numbers = itertools.count(1)
_shared: list[_Signals] = []  # the one emitter, made on the UI thread at the first job


def _signals() -> _Signals:
    if not _shared:
        signals = _Signals()
        signals.done.connect(signals.deliver)  # queued: it lives on the UI thread
        _shared.append(signals)
    return _shared[0]


def _thread_pool() -> QThreadPool:
    pool = QThreadPool.globalInstance()
    if pool.maxThreadCount() < MIN_THREADS:
        pool.setMaxThreadCount(MIN_THREADS)
    return pool


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
    number = next(_numbers)
    _running[number] = _Relay(owner, on_success, on_failure, on_finished)
    _thread_pool().start(_Job(work, _signals(), number))


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
