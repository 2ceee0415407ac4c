"""Pieces the dialog forms share: inline field errors, combo boxes of labels, aligned grids."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

ERROR_COLOR = "#b91c1c"
CAPTION_WIDTH = 110  # the caption columns of every form grid, so sections line up

STYLE_SHEET = f"""
QLineEdit[error="true"], QComboBox[error="true"], QDateEdit[error="true"] {{
    border: 2px solid {ERROR_COLOR};
    border-radius: 3px;
    padding: 1px 3px;
}}
QLabel[role="error"] {{ color: {ERROR_COLOR}; }}
QLabel[role="hint"] {{ color: #555555; }}
"""
"""Put on the dialog that shows inline errors; the selectors only match fields in error."""


def mark_error(widget: QWidget, on: bool) -> None:
    """Give `widget` a red border (or take it away) through its `error` property."""
    if bool(widget.property("error")) == on:
        return
    widget.setProperty("error", on)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


class ErrorLabel(QLabel):
    """A red, word-wrapped message that is hidden while there is nothing to say.

    Its minimum height follows its width, so a layout short of room squeezes something
    else rather than clip the message (grid layouts do not ask wrapped labels for it).
    `cleared` is emitted when a shown message goes away.
    """

    cleared = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", "error")
        self.setWordWrap(True)
        self.setTextFormat(Qt.PlainText)  # messages quote what was typed
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)
        self.hide()

    def set_message(self, message: str | None) -> None:
        """Show `message`, or hide the label when it is empty or None."""
        was_shown = bool(self.text())
        self.setText(message or "")
        self.setVisible(bool(message))
        self._fit()
        if was_shown and not message:
            self.cleared.emit()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self.text() and self.width() > 0:
            need = self.heightForWidth(self.width())
            if need > 0 and need != self.minimumHeight():
                self.setMinimumHeight(need)
        elif self.minimumHeight():
            self.setMinimumHeight(0)


class FieldError:
    """One field and the label under it that says what is wrong with it."""

    def __init__(self, widget: QWidget, label: ErrorLabel):
        self.widget, self.label = widget, label

    def show(self, message: str) -> None:
        """Show `message` and mark the field."""
        self.label.set_message(message)
        mark_error(self.widget, True)

    def clear(self) -> None:
        """Hide the message and unmark the field."""
        self.label.set_message(None)
        mark_error(self.widget, False)

    @property
    def shown(self) -> bool:
        """True while the message is up."""
        return bool(self.label.text())


def with_error(widget: QWidget, *, extra: QWidget | None = None) -> tuple[QWidget, FieldError]:
    """Stack `widget` over its error label; return the pair's container and its FieldError.

    `extra` replaces `widget` as what is laid out (a row holding it, for instance).
    """
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(extra or widget)
    box.setFocusProxy(widget)
    label = ErrorLabel()
    layout.addWidget(label)
    layout.addStretch(1)  # a taller neighbour leaves room below, not between
    return box, FieldError(widget, label)


def combo(items: dict[str, str]) -> QComboBox:
    """Return a combo box listing `items` (code -> label), each code as the item's data."""
    box = QComboBox()
    for code, text in items.items():
        box.addItem(text, str(code))
    return box


def select_code(box: QComboBox, code: str) -> None:
    """Make the item whose data is `code` current, if there is one."""
    index = box.findData(code)
    if index >= 0:
        box.setCurrentIndex(index)


Caption = str | QWidget | None


def form_grid(rows: list[tuple[Caption, QWidget | None, Caption, QWidget | None]]) -> QGridLayout:
    """Lay out two columns of captioned fields, top-aligned so error labels can grow."""
    grid = QGridLayout()
    grid.setHorizontalSpacing(10)
    for column in (0, 2):
        grid.setColumnMinimumWidth(column, CAPTION_WIDTH)
        grid.setColumnStretch(column + 1, 1)
    for r, row in enumerate(rows):
        for column in (0, 2):
            caption, field = row[column], row[column + 1]
            if field is None:
                continue
            caption = QLabel(caption) if isinstance(caption, str) else caption
            caption.setContentsMargins(0, 4, 0, 0)  # level with the text in the field
            if isinstance(caption, QLabel) and caption.buddy() is None:
                caption.setBuddy(field)
            grid.addWidget(caption, r, column, Qt.AlignTop | Qt.AlignLeft)
            # a field with its error label fills the cell, so a wrapped message gets its height
            align = Qt.AlignmentFlag(0) if field.layout() is not None else Qt.AlignTop
            grid.addWidget(field, r, column + 1, align)
    return grid
