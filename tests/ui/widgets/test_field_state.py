"""A text field's state, saved and put back after keys changed it."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTextEdit,
)

from ui.widgets.field_state import field_of, save_state, takes_text


def test_text_fields_take_text_and_commands_do_not(qtbot):
    combo, editable, read_only = QComboBox(), QComboBox(editable=True), QLineEdit(readOnly=True)
    for widget in (combo, editable, read_only):
        qtbot.addWidget(widget)
    assert takes_text(QLineEdit()) and takes_text(QDateEdit()) and takes_text(QPlainTextEdit())
    assert takes_text(editable) and takes_text(editable.lineEdit())
    assert field_of(editable.lineEdit()) is editable
    assert not takes_text(combo)
    assert not takes_text(read_only)
    assert not takes_text(QPushButton("OK")) and not takes_text(QTableWidget())
    assert save_state(combo) is None


def test_a_line_edit_gets_its_text_cursor_and_modified_flag_back(qtbot):
    edit = QLineEdit("Ana Souza")
    qtbot.addWidget(edit)
    edit.setCursorPosition(3)
    restore = save_state(edit)
    QTest.keyClicks(edit, "XYZ")
    assert edit.text() == "AnaXYZ Souza" and edit.isModified()
    restore()
    assert (edit.text(), edit.cursorPosition(), edit.isModified()) == ("Ana Souza", 3, False)


def test_a_spin_box_and_a_date_get_their_value_back(qtbot):
    price, date = QDoubleSpinBox(maximum=9999, value=34.5), QDateEdit(QDate(2026, 11, 30))
    for widget in (price, date):
        qtbot.addWidget(widget)
    back_price, back_date = save_state(price), save_state(date)
    price.lineEdit().setText("12")
    date.setDate(QDate(2020, 1, 1))
    back_price()
    back_date()
    assert price.value() == 34.5 and price.text() == "34.50"
    assert date.date() == QDate(2026, 11, 30)


def test_an_editable_combo_gets_its_choice_and_text_back(qtbot):
    combo = QComboBox(editable=True)
    qtbot.addWidget(combo)
    combo.addItems(["Mug", "Lamp"])
    combo.setCurrentIndex(1)
    restore = save_state(combo)
    combo.lineEdit().setText("7891234567895")
    restore()
    assert (combo.currentIndex(), combo.currentText()) == (1, "Lamp")


def test_a_rich_text_keeps_its_format_and_its_undo(qtbot):
    edit = QTextEdit()
    qtbot.addWidget(edit)
    edit.setHtml("<p>Box <b>crushed</b> on arrival</p>")
    html = edit.toHtml()
    cursor = edit.textCursor()
    cursor.setPosition(4)
    edit.setTextCursor(cursor)
    restore = save_state(edit)
    edit.insertPlainText("R-2026")
    restore()
    assert edit.toHtml() == html
    assert edit.textCursor().position() == 4
    assert edit.document().isUndoAvailable()  # the put back is one more step, not a reset
