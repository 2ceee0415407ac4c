"""The fewest keys from Ctrl+N in the main window to a saved return from a receipt.

`log_return_from_receipt(window, receipt, items=2)` drives the real dialog with QTest key
events sent where the focus is, as a keyboard would, and returns how many keys were pressed:
a typed character is a key, a chord (Ctrl+N, Ctrl+Enter) is one, a scan is none. Used by
tests/ui/new_return/test_intake_keys.py and bench/intake_bench.py.

The path: Ctrl+N · the receipt (typed, then Enter; or scanned) · Space ticks the first line,
Down and Space each next one · Enter leaves the lines for the reason · D (Defective) · Ctrl+Enter.
The customer, the purchase date, the items and their prices come from the receipt.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.scanner_input import SCANNER_MS, press_enter, press_keys
from ui import background
from ui.main_window import MainWindow
from ui.new_return.dialog import NewReturnDialog


def _wait(condition: Callable[[], bool], what: str, timeout: float = 5.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError(f"Waited {timeout} s for {what}.")
        QCoreApplication.processEvents()
        time.sleep(0.002)


class Keyboard:
    """Presses keys where the focus is, counting them."""

    def __init__(self) -> None:
        self.count = 0

    def target(self) -> QWidget:
        focused = QApplication.focusWidget()
        if focused is None:
            raise RuntimeError("No widget has the keyboard focus.")
        return focused

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.NoModifier) -> None:
        """One key or chord."""
        self.count += 1
        QTest.keyClick(self.target(), key, modifier)

    def type(self, text: str) -> None:
        """One key per character."""
        for character in text:
            self.count += 1
            QTest.keyClicks(self.target(), character)


def log_return_from_receipt(
    window: MainWindow, receipt: str, *, items: int = 2, scan: bool = False
) -> int:
    """Log a return of the receipt's first `items` lines for its customer; the keys pressed."""
    keys = Keyboard()
    window.activateWindow()
    _wait(window.isActiveWindow, "the main window")
    keys.press(Qt.Key_N, Qt.ControlModifier)
    dialog = window.active_dialog
    if not isinstance(dialog, NewReturnDialog):
        raise RuntimeError("Ctrl+N did not open the new-return dialog.")
    _wait(dialog.isActiveWindow, "the new-return dialog")
    if scan:  # the scanner types it, 2 ms a key, where the focus is: no key of staff's
        _wait(lambda: background.running_jobs() == 0, "the dialog's first look-ups")
        QTest.qWait(150)  # staff pick the scanner up; QTest's keys carry no time of their own
        press_keys(keys.target(), receipt, SCANNER_MS)
        press_enter(keys.target(), SCANNER_MS)
    else:
        if keys.target() is not dialog.ref_edit:
            raise RuntimeError("The dialog did not open in the receipt field.")
        keys.type(receipt)
        keys.press(Qt.Key_Return)
    lines = dialog.intake.panel.tree
    _wait(lambda: dialog.intake.pending == 0 and lines.hasFocus(), "the receipt's lines")
    for n in range(items):
        if n:
            keys.press(Qt.Key_Down)
        keys.press(Qt.Key_Space)
    keys.press(Qt.Key_Return)  # done ticking: on to the reason
    keys.type("D")  # Defective / does not work
    keys.press(Qt.Key_Return, Qt.ControlModifier)
    _wait(lambda: dialog.created is not None, "the saved return")
    return keys.count
