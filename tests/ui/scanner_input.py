"""Keyboard input as a barcode scanner and as a person produce it, for the window tests.

`scan(qtbot, widget, "R-2026-00042")` types the code then Enter with real QTest key events,
`interval_ms` apart (events are processed between keys, so the timing is real), into
`widget` (given the focus first) or, with None, into whatever has the focus now.
`type_slowly` does the same at a person's pace (80 ms a key by default).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from ui import background

SCANNER_MS = 2
PERSON_MS = 80
SETTLE_MS = 20


def _target(widget: QWidget | None) -> QWidget:
    if widget is not None:
        widget.setFocus(Qt.OtherFocusReason)
        return widget
    focused = QApplication.focusWidget()
    assert focused is not None, "nothing has the focus: show and activate the window first"
    return focused


def _key_of(char: str) -> tuple[int, Qt.KeyboardModifier]:
    """The key code a keyboard reports for `char`, with Shift for a capital letter."""
    upper = char.upper()
    if len(upper) == 1 and ord(upper) < 0x7F:
        shift = Qt.ShiftModifier if char.isupper() else Qt.NoModifier
        return Qt.Key(ord(upper)), shift
    return Qt.Key_unknown, Qt.NoModifier  # beyond ASCII the text says what was typed


def _receiver(target: QWidget) -> QWidget:
    """Where a key goes now, as Qt routes a keyboard's keys: to an open popup (a field's
    completions), else to the focus when it is in `target`'s window (a key may have moved
    it, as opening a cell's editor does), else to `target`."""
    popup = QApplication.activePopupWidget()
    if popup is not None:
        return popup
    focused = QApplication.focusWidget()
    if focused is not None and focused.window() is target.window():
        return focused
    return target


def press_keys(target: QWidget, text: str, interval_ms: int) -> None:
    """Type each character of `text` into `target` (or where the focus moved), `interval_ms`
    apart."""
    for char in text:
        key, modifiers = _key_of(char)
        QTest.sendKeyEvent(QTest.KeyAction.Click, _receiver(target), key, char, modifiers)
        QTest.qWait(interval_ms)


def press_enter(target: QWidget, interval_ms: int) -> None:
    """Press Return on `target` (or where the focus moved), then let what it does happen."""
    receiver = _receiver(target)
    QTest.sendKeyEvent(QTest.KeyAction.Click, receiver, Qt.Key_Return, "\r", Qt.NoModifier)
    QTest.qWait(max(interval_ms, 1))


def settle(qtbot) -> None:
    """Let background work the window started come back before a scan: a real scanner's
    keys carry their own time, QTest's are timed as they arrive, and a window busy
    redrawing between two of them would stretch the gap."""
    qtbot.waitUntil(lambda: background.running_jobs() == 0, timeout=5000)
    QTest.qWait(SETTLE_MS)


def scan(qtbot, widget: QWidget | None, text: str, interval_ms: int = SCANNER_MS) -> QWidget:
    """Send `text` and Enter as a USB scanner does; return the widget the keys went to."""
    settle(qtbot)
    target = _target(widget)
    press_keys(target, text, interval_ms)
    press_enter(target, interval_ms)
    qtbot.wait(1)  # the scan is handed over on the next turn of the event loop
    return target


def type_slowly(
    qtbot, widget: QWidget | None, text: str, interval_ms: int = PERSON_MS, enter: bool = False
) -> QWidget:
    """Type `text` (then Enter when asked) at a person's pace; return the widget typed into."""
    target = _target(widget)
    press_keys(target, text, interval_ms)
    if enter:
        QTest.qWait(interval_ms)
        press_enter(target, interval_ms)
    qtbot.wait(1)
    return target
