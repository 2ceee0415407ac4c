"""What bench/desk_bench.py needs to time the main window from inside: a QApplication
that times its own event dispatches, and the "settled" checks of the returns list.

The UI thread is busy while it dispatches an event (a key press, a timer, a queued
result from a worker, a paint); `TimedApplication.notify` times every top-level
dispatch and keeps the longest since `reset()`. That is what staff feel: a keystroke
waits for whatever dispatch runs when it arrives. Nested dispatches (an event sent
from inside another) count inside their parent. Work the bench calls itself (as a
dialog's slot would) is timed with `timed`.

The settled checks use the model's and window's own words when they have them
(`model.busy`, `model.is_loaded(row)`, `window.settled()`), else what older code has
(`model.loading`, the window's debounce timer), so one bench runs on both.

Import this after setting QT_QPA_PLATFORM (desk_bench does).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

SETTLE_TIMEOUT_S = 30.0
TAIL_MS = 15
"""After the list says it is settled, events keep coming for a moment (the view's
layout and paint of the new rows): they count, so the bench waits this long more."""


class TimedApplication(QApplication):
    """A QApplication that records the longest top-level event dispatch since `reset()`."""

    def __init__(self, argv: list[str]):
        super().__init__(argv)
        self._main = threading.get_ident()
        self._depth = 0
        self.longest = 0.0  # seconds
        self.longest_event = 0
        self.dispatches = 0

    def reset(self) -> None:
        """Start a new measurement."""
        self.longest, self.longest_event, self.dispatches = 0.0, 0, 0

    def note(self, seconds: float, what: int = -1) -> None:
        """Count `seconds` of UI-thread work done outside an event dispatch."""
        self.dispatches += 1
        if seconds > self.longest:
            self.longest, self.longest_event = seconds, what

    def notify(self, receiver, event) -> bool:  # noqa: D102 (Qt's)
        if self._depth or threading.get_ident() != self._main:
            return super().notify(receiver, event)
        kind = event.type()
        self._depth = 1
        started = time.perf_counter()
        try:
            return super().notify(receiver, event)
        finally:
            self._depth = 0
            self.note(time.perf_counter() - started, int(kind.value))


def timed(app: TimedApplication, work: Callable[[], Any]) -> Any:
    """Call `work()` on the UI thread as one dispatch (as a slot of a dialog would run)."""
    started = time.perf_counter()
    app._depth = 1  # what it sends inside counts as part of it
    try:
        return work()
    finally:
        app._depth = 0
        app.note(time.perf_counter() - started)


def model_busy(model) -> bool:
    """Whether a background read for the model is outstanding (`busy`, else `loading`)."""
    busy = getattr(model, "busy", None)
    if busy is None:
        busy = model.loading
    return bool(busy() if callable(busy) else busy)


def row_loaded(model, row: int) -> bool:
    """Whether `row` shows its data (not a placeholder); older models hold every row."""
    is_loaded = getattr(model, "is_loaded", None)
    return True if is_loaded is None else bool(is_loaded(row))


def window_settled(window) -> bool:
    """No search waits in the debounce timer and the model reads nothing."""
    settled = getattr(window, "settled", None)
    if callable(settled):
        return bool(settled())
    return not window._search_timer.isActive() and not model_busy(window.model)


def visible_rows(table) -> range:
    """The rows the table's viewport shows now."""
    rows = table.model().rowCount()
    if not rows or not table.isVisible():
        return range(0)
    first = max(table.rowAt(0), 0)
    last = table.rowAt(table.viewport().height() - 1)
    return range(first, (rows - 1 if last < 0 else last) + 1)


def visible_loaded(window) -> bool:
    """Every row in the list's viewport shows real data."""
    return all(row_loaded(window.model, row) for row in visible_rows(window.table))


def pump(ms: int) -> None:
    """Run the event loop for `ms` milliseconds as the app's own loop runs: waiting for
    events with Python's lock let go. QTest.qWait sleeps holding it, so a worker that
    finished its SQL could not hand its rows back until the sleep ended, and every read
    looked slower than the window makes it."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_settled(window, *, timeout: float = SETTLE_TIMEOUT_S, tail_ms: int = TAIL_MS) -> bool:
    """Let the event loop run until the list is settled and its visible rows are real,
    then `tail_ms` more (and again if that unsettled it); False on timeout."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if window_settled(window) and visible_loaded(window):
            pump(tail_ms)
            if window_settled(window) and visible_loaded(window):
                return True
        else:
            pump(1)
    return False


def rss_mib() -> float | None:
    """This process's resident memory (VmRSS), MiB; None where /proc is missing."""
    try:
        with open(f"/proc/{os.getpid()}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def type_text(widget, text: str) -> None:
    """One key click per character, as staff type (non-ASCII letters with their text)."""
    for char in text:
        type_char(widget, char)


def type_char(widget, char: str) -> None:
    """One key click for `char` into `widget`."""
    if char.isascii():
        QTest.keyClick(widget, char)
    else:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, Qt.NoModifier)


def click_header(table, column: int) -> bool:
    """Click the header section of `column` where staff would; False when it is hidden."""
    header = table.horizontalHeader()
    if header.isSectionHidden(column):
        return False
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    QTest.mouseClick(
        header.viewport(), Qt.LeftButton, Qt.NoModifier, QPoint(x, header.height() // 2)
    )
    return True


def open_popup(combo) -> None:
    """Open a combo box's list, as a click on it does."""
    combo.showPopup()


def pick_in_popup(combo, index: int) -> None:
    """Choose item `index` in the open popup of `combo`, as Enter there does."""
    view = combo.view()
    view.setCurrentIndex(combo.model().index(index, combo.modelColumn()))
    QTest.keyClick(view, Qt.Key_Return)


def header_columns(model) -> dict[str, int]:
    """The model's columns by their header text ("Number": 0, ...)."""
    return {
        str(model.headerData(c, Qt.Horizontal, Qt.DisplayRole)): c
        for c in range(model.columnCount())
    }


def _sort_key(name: str, text: str):
    if name in ("Items", "Total"):
        digits = "".join(c for c in text if c.isdigit())  # "€1.234,56" -> 123456 (cents)
        return int(digits or 0)
    if name == "Logged":  # a date in the desk's language (11/28/26, 28/11/2026)
        from babel.dates import parse_date

        from desk.i18n.formats import locale_name

        return parse_date(text, locale=locale_name())
    if name == "Status":
        from desk.codes import Status

        labels = [status.label for status in Status]  # the workflow's order
        return labels.index(text) if text in labels else len(labels)
    return text


def column_sorted(model, column: int, name: str, ascending: bool, rows: int = 200) -> bool | None:
    """Whether the first loaded `rows` rows are in `column`'s order (None: they hold one
    value, or fewer than two rows: no order to see).

    Texts compare as shown or folded (no accents, lower case), counts and money as
    numbers, statuses in the workflow's order (desk.codes.Status).
    """
    from desk.search import fold

    texts = []
    for row in range(min(rows, model.rowCount())):
        if not row_loaded(model, row):
            break
        texts.append(str(model.data(model.index(row, column), Qt.DisplayRole) or ""))
    if len(set(texts)) < 2:
        return None  # one value all through: no order to see
    for keys in ([_sort_key(name, t) for t in texts], [fold(t) for t in texts]):
        pairs = list(zip(keys, keys[1:], strict=False))
        if all(a <= b for a, b in pairs) if ascending else all(a >= b for a, b in pairs):
            return True
    return False


def shown_ids(model, rows: int = 200) -> list:
    """The ids (Qt.UserRole) of the first loaded rows, to see whether an order changed."""
    return [
        model.data(model.index(row, 0), Qt.UserRole)
        for row in range(min(rows, model.rowCount()))
        if row_loaded(model, row)
    ]
