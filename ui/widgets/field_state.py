"""What a focused widget holds, saved before a key reaches it and put back afterwards.

The scan detector (ui.widgets.scanner) lets every key reach a text field at once, so
that typing never waits; when a burst turns out to be a scan, what its keys typed is
undone with the state saved here before the first of them.

`takes_text(widget)` says whether the widget is a text field (its keys are typing);
`save_state(widget)` returns a function that puts a text field back as it was (text,
cursor, selection, value), or None for other widgets (the detector holds their keys).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QWidget,
)

Restore = Callable[[], None]


def field_of(widget: QWidget) -> QWidget:
    """The field a key sent to `widget` edits: the spin box or combo box around its line edit."""
    parent = widget.parentWidget()
    if isinstance(widget, QLineEdit) and isinstance(parent, (QAbstractSpinBox, QComboBox)):
        return parent
    return widget


def takes_text(widget: QWidget) -> bool:
    """Whether printable keys type into `widget` (an editable text, number or date field)."""
    field = field_of(widget)
    if isinstance(field, (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit)):
        return not field.isReadOnly()
    return isinstance(field, QComboBox) and field.isEditable()


def save_state(widget: QWidget) -> Restore | None:
    """A function putting text field `widget` back as it is now (text, cursor, value)."""
    if not takes_text(widget):
        return None
    field = field_of(widget)
    if isinstance(field, QLineEdit):
        return _line_edit(field)
    if isinstance(field, QAbstractSpinBox):
        return _spin_box(field)
    if isinstance(field, QComboBox):
        return _combo_box(field)
    if isinstance(field, QTextEdit | QPlainTextEdit):
        return _text_edit(field)
    return None


def _line_edit(edit: QLineEdit) -> Restore:
    text, cursor, modified = edit.text(), edit.cursorPosition(), edit.isModified()
    start, length = edit.selectionStart(), edit.selectionLength()

    def restore() -> None:
        if edit.text() != text:
            edit.setText(text)
        if length > 0 and cursor == start:  # selected leftwards: the cursor at its start
            edit.setSelection(start + length, -length)
        elif length > 0:
            edit.setSelection(start, length)
        else:
            edit.setCursorPosition(cursor)
        edit.setModified(modified)

    return restore


def _spin_box(spin: QAbstractSpinBox) -> Restore:
    editor = spin.findChild(QLineEdit)
    text = _line_edit(editor) if editor is not None else None
    if isinstance(spin, QSpinBox | QDoubleSpinBox):
        value, set_value = spin.value(), spin.setValue
    elif isinstance(spin, QDateTimeEdit):
        value, set_value = spin.dateTime(), spin.setDateTime
    else:
        value, set_value = None, None

    def restore() -> None:
        if set_value is not None:
            set_value(value)
        if text is not None:
            text()

    return restore


def _combo_box(combo: QComboBox) -> Restore:
    index = combo.currentIndex()
    editor = combo.lineEdit()
    text = _line_edit(editor) if editor is not None else None

    def restore() -> None:
        if combo.currentIndex() != index:
            combo.setCurrentIndex(index)
        if text is not None:
            text()

    return restore


def _text_edit(edit: QTextEdit | QPlainTextEdit) -> Restore:
    document = edit.document()
    saved = document.toRawText()
    anchor, position = edit.textCursor().anchor(), edit.textCursor().position()

    def restore() -> None:
        now = document.toRawText()
        if now != saved:  # replace only what changed: the rest keeps its format and undo
            head = _common_head(now, saved)
            tail = _common_head(now[head:][::-1], saved[head:][::-1])
            cursor = QTextCursor(document)
            cursor.setPosition(head)
            cursor.setPosition(len(now) - tail, QTextCursor.KeepAnchor)
            cursor.insertText(saved[head : len(saved) - tail])
        cursor = edit.textCursor()
        cursor.setPosition(anchor)
        cursor.setPosition(position, QTextCursor.KeepAnchor)
        edit.setTextCursor(cursor)

    return restore


def _common_head(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n
