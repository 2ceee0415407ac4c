"""The background helper: results reach a live owner on the UI thread, nobody once it is gone."""

import threading

import pytest
import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui import background
from ui.background import Progress, run_in_background

WAIT_MS = 5000


@pytest.fixture
def owner(qtbot):
    widget = QWidget()
    widget.label = QLabel("waiting", widget)
    QVBoxLayout(widget).addWidget(widget.label)
    yield widget
    if shiboken6.isValid(widget):  # most tests delete it themselves
        shiboken6.delete(widget)


def wait_idle(qtbot):
    qtbot.waitUntil(lambda: background.running_jobs() == 0, timeout=WAIT_MS)


def test_result_reaches_the_owner_on_the_ui_thread(qtbot, owner):
    calls = []
    ui_thread = threading.get_ident()
    run_in_background(
        threading.get_ident,
        owner=owner,
        on_success=lambda worker: calls.append(("success", worker, threading.get_ident())),
        on_failure=calls.append,
        on_finished=lambda: calls.append(("finished", threading.get_ident())),
    )
    wait_idle(qtbot)
    (_, worker, called_on), finished = calls
    assert worker != ui_thread and called_on == ui_thread
    assert finished == ("finished", ui_thread)
    # the relay goes with the job (deleted later: on a loaded machine after a few events)
    qtbot.waitUntil(lambda: owner.findChildren(background._Relay) == [], timeout=5000)


def test_an_error_reaches_on_failure_then_on_finished(qtbot, owner):
    calls = []

    def work():
        raise ValueError("the disk is full")

    run_in_background(
        work,
        owner=owner,
        on_success=lambda _: calls.append("success"),
        on_failure=lambda error: calls.append(str(error)),
        on_finished=lambda: calls.append("finished"),
    )
    wait_idle(qtbot)
    assert calls == ["the disk is full", "finished"]


def test_a_callback_that_raises_is_caught_by_the_test(qtbot, owner):
    """The check the next test relies on: an exception in a callback is seen, not lost."""
    with qtbot.captureExceptions() as exceptions:
        run_in_background(lambda: 1, owner=owner, on_success=lambda _: 1 / 0)
        wait_idle(qtbot)
    assert [type(e[1]) for e in exceptions] == [ZeroDivisionError]


def test_destroyed_owner_drops_the_callbacks(qtbot, owner):
    gate, done, calls = threading.Event(), [], []
    label = owner.label

    def work():
        assert gate.wait(WAIT_MS / 1000)
        done.append(True)
        return "result"

    with qtbot.captureExceptions() as exceptions:
        run_in_background(
            work,
            owner=owner,
            on_success=lambda result: (calls.append(result), label.setText(result)),
            on_failure=lambda error: (calls.append(error), label.setText(str(error))),
            on_finished=lambda: (calls.append("finished"), label.setText("done")),
        )
        shiboken6.delete(owner)  # the window closes while the work runs
        assert not shiboken6.isValid(label)
        gate.set()
        wait_idle(qtbot)
        qtbot.wait(50)  # anything still queued would arrive now
    assert exceptions == []
    assert done == [True]  # the work ran to its end
    assert calls == []  # and nothing reached the deleted widgets


def test_owner_deleted_after_the_work_but_before_the_results_are_delivered(qtbot, owner):
    done, calls = threading.Event(), []
    with qtbot.captureExceptions() as exceptions:
        run_in_background(
            done.set, owner=owner, on_success=calls.append, on_finished=lambda: calls.append(0)
        )
        assert done.wait(WAIT_MS / 1000)  # finished, results queued, not yet delivered
        shiboken6.delete(owner)
        wait_idle(qtbot)
    assert exceptions == [] and calls == []


def test_progress_reaches_a_live_owner_and_nobody_after(qtbot, owner):
    progress = Progress(owner)
    seen = []
    progress.changed.connect(lambda done, total: seen.append((done, total)))
    gate, reported = threading.Event(), []

    def work():
        progress.report(1, 2)
        assert gate.wait(WAIT_MS / 1000)
        progress.report(2, 2)  # the owner is gone by now: must not raise here
        reported.append(True)

    with qtbot.captureExceptions() as exceptions:
        run_in_background(work, owner=owner)
        qtbot.waitUntil(lambda: seen == [(1, 2)], timeout=WAIT_MS)
        shiboken6.delete(owner)
        gate.set()
        wait_idle(qtbot)
    assert exceptions == []
    assert reported == [True] and seen == [(1, 2)]


def test_one_slow_job_does_not_hold_up_the_next(qtbot, owner):
    gate, calls = threading.Event(), []
    run_in_background(lambda: gate.wait(WAIT_MS / 1000), owner=owner)
    run_in_background(lambda: "quick", owner=owner, on_success=calls.append)
    qtbot.waitUntil(lambda: calls == ["quick"], timeout=WAIT_MS)
    gate.set()
    wait_idle(qtbot)


def test_a_job_whose_signals_are_gone_ends_quietly_when_the_app_quits_under_it():
    """Quitting while work runs deletes the job's Qt signals object; the worker thread then
    finishes without printing a traceback (it used to raise "Signal source has been deleted")."""
    for work in (lambda: 42, lambda: 1 / 0):
        signals = background._Signals()
        job = background._Job(work, signals, 1)
        shiboken6.delete(signals)
        assert not shiboken6.isValid(signals)
        job.run()  # raises nothing


def test_every_job_emits_on_one_object_that_outlives_them(qtbot):
    """A job's own emitter, deleted on the UI thread as its last signal arrived, could be
    deleted while the worker was still inside that emit (a rare crash under load)."""
    owners = [QObject() for _ in range(40)]
    finished = []
    for i, owner in enumerate(owners * 5):
        run_in_background(lambda i=i: i, owner=owner, on_finished=lambda i=i: finished.append(i))
    for owner in owners[::2]:
        shiboken6.delete(owner)  # half the owners go while their jobs run
    wait_idle(qtbot)
    emitter = background._signals()
    assert shiboken6.isValid(emitter) and background.running_jobs() == 0
    kept = {i for i in range(200) if (i % 40) % 2 == 1}
    assert sorted(finished) == sorted(kept)  # the others' owners were gone before delivery
