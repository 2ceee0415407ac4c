"""A scanner's burst is recognised wherever the focus is; a person's typing is left alone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
)

from tests.ui.scanner_input import press_keys, scan, type_slowly
from ui.widgets.scanner import GAP_MS, ScanDetector

CODE = "7891234567895"
LINK = "https://returns.example.com/r/AbC-12_xyz.q"


class Form(QDialog):
    """A dialog with one field of each kind and a default button that accepts it."""

    def __init__(self):
        super().__init__()
        layout = QVBoxLayout(self)
        self.line = QLineEdit("Ana")
        self.spin = QSpinBox(maximum=999, value=7)
        self.date = QDateEdit(QDate(2026, 11, 30))
        self.combo = QComboBox()
        self.combo.addItems(["Apple", "Banana", "Cherry", "Rhubarb", "7 Up"])
        self.combo.setCurrentIndex(1)
        self.editable = QComboBox(editable=True)
        self.editable.addItems(["Mug", "Lamp"])
        self.text = QTextEdit()
        self.text.setHtml("<p>Box <b>crushed</b> on arrival</p>")
        self.plain = QPlainTextEdit("first line\nsecond line")
        self.table = QTableWidget(4, 1)
        for row, name in enumerate(["apple", "banana", "cherry", "rhubarb"]):
            self.table.setItem(row, 0, QTableWidgetItem(name))
        self.table.setCurrentCell(1, 0)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)  # a list, as the main window's
        self.grid = QTableWidget(2, 2)  # cells a key starts editing
        self.grid.setItem(0, 0, QTableWidgetItem("cell"))
        self.grid.setCurrentCell(0, 0)
        self.ok = QPushButton("OK", default=True)
        self.ok.clicked.connect(self.accept)
        for widget in (self.line, self.spin, self.date, self.combo, self.editable, self.text):
            layout.addWidget(widget)
        layout.addWidget(self.plain)
        layout.addWidget(self.table)
        layout.addWidget(self.grid)
        layout.addWidget(self.ok)
        self.codes: list[str] = []
        self.scanner = ScanDetector(self, self.codes.append)

    def contents(self) -> dict[str, object]:
        return {
            "line": (self.line.text(), self.line.cursorPosition()),
            "spin": (self.spin.value(), self.spin.text()),
            "date": self.date.date(),
            "combo": self.combo.currentIndex(),
            "editable": (self.editable.currentIndex(), self.editable.currentText()),
            "text": self.text.toHtml(),
            "plain": (self.plain.toPlainText(), self.plain.textCursor().position()),
            "table": self.table.currentRow(),
            "grid": (self.grid.item(0, 0).text(), self.grid.state(), self.grid.currentColumn()),
        }


@pytest.fixture
def form(qtbot):
    dialog = Form()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    return dialog


FIELDS = ["line", "spin", "date", "combo", "editable", "text", "plain", "table", "grid", "ok"]


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("code", [CODE, "R-2026-00042", LINK])
def test_a_scan_is_handed_over_and_leaves_the_field_as_it_was(qtbot, form, field, code):
    widget = getattr(form, field)
    widget.setFocus()
    before = form.contents()
    scan(qtbot, None, code)
    assert form.codes == [code]
    assert form.contents() == before
    assert form.isVisible() and form.result() == QDialog.Rejected  # the Enter never arrived
    assert widget.hasFocus()


def test_scans_one_after_the_other_are_each_handed_over(qtbot, form):
    scan(qtbot, form.line, CODE)
    scan(qtbot, form.line, "BLT-7402-S")
    scan(qtbot, form.table, "R-2026-00042")
    assert form.codes == [CODE, "BLT-7402-S", "R-2026-00042"]
    assert form.line.text() == "Ana"
    assert form.table.currentRow() == 1


def test_a_scan_into_a_selection_puts_the_selection_back(qtbot, form):
    form.line.setFocus()
    form.line.setSelection(0, 2)
    scan(qtbot, None, CODE)
    assert (form.line.text(), form.line.selectedText()) == ("Ana", "An")
    form.plain.setFocus()
    cursor = form.plain.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(5, cursor.MoveMode.KeepAnchor)
    form.plain.setTextCursor(cursor)
    scan(qtbot, None, CODE)
    assert form.plain.toPlainText() == "first line\nsecond line"
    assert form.plain.textCursor().selectedText() == "first"
    assert form.codes == [CODE, CODE]


def test_a_person_typing_is_not_disturbed_and_enter_still_works(qtbot, form):
    form.line.clear()
    type_slowly(qtbot, form.line, "Bruno Lima")
    assert form.line.text() == "Bruno Lima"
    type_slowly(qtbot, form.spin, "42", interval_ms=80)
    assert "42" in form.spin.text()
    assert form.result() == QDialog.Rejected
    type_slowly(qtbot, form.line, "", enter=True)
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=2000)
    assert form.result() == QDialog.Accepted  # the default button took the Enter
    assert form.codes == []


def test_a_person_typing_into_a_list_searches_it(qtbot, form):
    type_slowly(qtbot, form.table, "ch")
    assert form.table.currentRow() == 2
    assert form.codes == []


def test_a_short_fast_burst_is_typing(qtbot, form):
    form.line.clear()
    scan(qtbot, form.line, "abc")  # fewer than four characters: someone's fast fingers
    assert form.line.text() == "abc"
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=2000)
    assert form.result() == QDialog.Accepted
    assert form.codes == []


def test_a_fast_pair_in_a_list_lands_once_the_gap_has_passed(qtbot, form):
    form.table.setFocus()
    press_keys(form.table, "rh", 2)  # held back: it might have been a scan
    qtbot.waitUntil(lambda: form.table.currentRow() == 3, timeout=1000)
    assert form.codes == []


def test_a_click_lands_the_keys_held_back_first(qtbot, form):
    form.table.setFocus()
    press_keys(form.table, "ch", 0)
    qtbot.mouseClick(form.line, Qt.LeftButton)
    assert form.table.currentRow() == 2  # "ch" found cherry before the click went on
    qtbot.wait(GAP_MS * 2)
    assert form.table.currentRow() == 2
    assert form.codes == []


def test_a_pause_in_the_middle_makes_it_typing(qtbot, form):
    form.line.clear()
    form.line.setFocus()
    press_keys(form.line, "7891", 2)
    QTest.qWait(GAP_MS * 3)
    scan(qtbot, None, "23")
    assert form.line.text() == "789123"
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=2000)
    assert form.codes == []


def test_shortcuts_still_work_and_none_fires_on_a_scan(qtbot, form):
    saved, entered = [], []
    QShortcut(QKeySequence("Ctrl+S"), form, lambda: saved.append(1))
    QShortcut(QKeySequence("Return"), form.table, lambda: entered.append(1))
    form.table.setFocus()
    press_keys(form.table, "ab", 2)
    QTest.keyClick(form.table, Qt.Key_S, Qt.ControlModifier)
    assert saved == [1]
    scan(qtbot, form.table, CODE)
    assert entered == []
    assert form.codes == [CODE]
    type_slowly(qtbot, form.table, "", enter=True)
    assert entered == [1]


def test_a_scan_while_completions_are_open_closes_them_and_picks_none(qtbot, form):
    form.line.setCompleter(QCompleter(["Apple", "Apricot", "Banana"], form.line))
    form.line.clear()
    type_slowly(qtbot, form.line, "Ap")
    popup = form.line.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    scan(qtbot, None, CODE)  # the keys go to the completions list, as a keyboard's do
    assert form.codes == [CODE]
    assert form.line.text() == "Ap"
    assert not popup.isVisible()
    assert form.result() == QDialog.Rejected


def test_a_dead_key_ends_the_burst(qtbot, form):
    form.line.clear()
    form.line.setFocus()
    press_keys(form.line, "abcd", 2)
    QTest.sendKeyEvent(QTest.KeyAction.Click, form.line, Qt.Key_Dead_Acute, "", Qt.NoModifier)
    QTest.qWait(2)
    scan(qtbot, None, "e")
    assert form.codes == []
    assert form.line.text() == "abcde"


def test_keys_of_another_window_are_not_watched(qtbot, form):
    other = QDialog()
    qtbot.addWidget(other)
    edit = QLineEdit(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(other.isActiveWindow, timeout=2000)
    scan(qtbot, edit, CODE)
    assert edit.text() == CODE
    assert form.codes == []


def test_the_detector_goes_with_its_window(qtbot):
    seen: list[str] = []
    gone = QDialog()
    ScanDetector(gone, lambda code: seen.append(code))
    gone.deleteLater()
    qtbot.wait(10)
    other = QDialog()
    qtbot.addWidget(other)
    edit = QLineEdit(other)
    other.show()
    qtbot.waitExposed(other)
    scan(qtbot, edit, CODE)
    assert seen == []
    assert edit.text() == CODE


def test_a_person_typing_into_a_cell_edits_it(qtbot, form):
    type_slowly(qtbot, form.grid, "mug", enter=True)
    assert form.grid.item(0, 0).text() == "mug"
    assert form.codes == []


def test_keys_through_the_window_with_their_own_time_are_recognised(qtbot, form):
    form.spin.setFocus()
    handle = form.windowHandle()
    for char in CODE:  # the platform's path: each event carries the time it was sent
        QTest.sendKeyEvent(QTest.KeyAction.Click, handle, Qt.Key(ord(char)), char, Qt.NoModifier)
        QTest.qWait(2)
    QTest.sendKeyEvent(QTest.KeyAction.Click, handle, Qt.Key_Return, "\r", Qt.NoModifier)
    qtbot.waitUntil(lambda: form.codes == [CODE], timeout=2000)
    assert form.spin.value() == 7
    assert form.result() == QDialog.Rejected
