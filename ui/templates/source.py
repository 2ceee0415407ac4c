"""The template editor's source pane (text, cursor line, problems) and variables list."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFontDatabase, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desk.i18n.catalog import N_, _

MUTED_STYLE = "color: #555;"
PROBLEM_COLOR = QColor("#b91c1c")
PROBLEM_LINE = QColor("#fde2e2")
DESCRIPTION_ROLE = Qt.UserRole + 1
COLUMN_ROLE = Qt.UserRole + 2
NO_PROBLEMS = N_("No problems found.")


def _mono():
    return QFontDatabase.systemFont(QFontDatabase.FixedFont)


class SourcePane(QWidget):
    """A monospace editor with the cursor's line, and the problems listed by line."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("source")
        self.edit.setFont(_mono())
        self.edit.setLineWrapMode(QPlainTextEdit.NoWrap)
        self.cursor_label = QLabel()
        self.cursor_label.setStyleSheet(MUTED_STYLE)
        self.cursor_label.setAlignment(Qt.AlignRight)
        self.problem_list = QListWidget()
        self.problem_list.setObjectName("problems")
        self.problem_list.setMaximumHeight(110)
        self.problem_list.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.cursor_label)
        layout.addWidget(QLabel("<b>{}</b>".format(_("Problems"))))
        layout.addWidget(self.problem_list)
        self.edit.cursorPositionChanged.connect(self.show_cursor)
        self.problem_list.itemActivated.connect(self._go_to_problem)
        self.problem_list.itemClicked.connect(self._go_to_problem)

    def set_source(self, source: str, *, wrap: bool) -> None:
        """Replace the text without signalling a change; wrap long lines or not."""
        self.edit.blockSignals(True)
        self.edit.setPlainText(source)
        self.edit.blockSignals(False)
        self.edit.setLineWrapMode(QPlainTextEdit.WidgetWidth if wrap else QPlainTextEdit.NoWrap)
        self.show_cursor()

    def show_problems(self, found: list[tuple]) -> list[str]:
        """List (line, message[, column]) problems, mark their lines and put the cursor on
        the first one; return them as shown."""
        shown = []
        for line, message, *rest in found:
            column = rest[0] if rest else None
            if line and column:
                message = _("Line {line}, column {column}: {problem}").format(
                    line=line, column=column, problem=message
                )
            elif line:
                message = _("Line {line}: {problem}").format(line=line, problem=message)
            shown.append(message)
        self.problem_list.clear()
        for (line, _problem, *rest), text in zip(found, shown, strict=True):
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, line)
            item.setData(COLUMN_ROLE, rest[0] if rest else None)
            item.setForeground(PROBLEM_COLOR)
            self.problem_list.addItem(item)
        if not found:
            self.problem_list.addItem(_(NO_PROBLEMS))
        self._highlight({line for line, *_ in found if line})
        return shown

    def _highlight(self, lines: set[int]) -> None:
        selections = []
        for line in sorted(lines):
            block = self.edit.document().findBlockByNumber(line - 1)
            if not block.isValid():
                continue
            selection = QTextEdit.ExtraSelection()
            selection.format.setBackground(PROBLEM_LINE)
            selection.format.setProperty(QTextFormat.FullWidthSelection, True)
            selection.cursor = QTextCursor(block)
            selections.append(selection)
        self.edit.setExtraSelections(selections)

    def _go_to_problem(self, item: QListWidgetItem) -> None:
        line = item.data(Qt.UserRole)
        if line:
            self.go_to(line, item.data(COLUMN_ROLE))
            self.edit.setFocus()

    def go_to_first_problem(self) -> None:
        """Put the cursor where the first listed problem with a line is."""
        for row in range(self.problem_list.count()):
            item = self.problem_list.item(row)
            if item.data(Qt.UserRole):
                self.go_to(item.data(Qt.UserRole), item.data(COLUMN_ROLE))
                return

    def go_to(self, line: int, column: int | None = None) -> None:
        """Put the cursor on `line` (and `column`, 1-based) and show it."""
        block = self.edit.document().findBlockByNumber(line - 1)
        if not block.isValid():
            return
        cursor = QTextCursor(block)
        if column:
            cursor.setPosition(block.position() + min(column - 1, max(block.length() - 1, 0)))
        self.edit.setTextCursor(cursor)
        self.edit.centerCursor()

    def show_cursor(self) -> None:
        """Show where the cursor is, as problems name lines."""
        cursor = self.edit.textCursor()
        self.cursor_label.setText(
            _("Line {line}, column {column}").format(
                line=cursor.blockNumber() + 1, column=cursor.positionInBlock() + 1
            )
        )


class VariableList(QWidget):
    """The variables a template can use; `chosen(text)` gives the text to insert."""

    chosen = Signal(str)

    def __init__(self, variables: dict[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("variables")
        self.list.setFont(_mono())
        for name, description in variables.items():
            item = QListWidgetItem(name)
            item.setData(Qt.UserRole, name)
            item.setData(DESCRIPTION_ROLE, _(description))
            item.setToolTip(f"<p>{html.escape(_(description))}</p>")  # rich text, shown literally
            self.list.addItem(item)
        self.help = QLabel(_("Double-click a variable to insert it at the cursor."))
        self.help.setWordWrap(True)
        self.help.setTextFormat(Qt.PlainText)
        self.help.setStyleSheet(MUTED_STYLE)
        self.help.setMinimumHeight(3 * self.fontMetrics().lineSpacing())
        self.help.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>{}</b>".format(_("Variables"))))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.help)
        self.simple = False
        self.list.itemDoubleClicked.connect(self._choose)
        self.list.currentItemChanged.connect(self._describe)

    def set_simple(self, simple: bool) -> None:
        """In the simple mode, hide what only works in a loop; `items` inserts [items]."""
        self.simple = simple
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(simple and item.data(Qt.UserRole).startswith("item."))

    def _choose(self, item: QListWidgetItem) -> None:
        simple_items = self.simple and item.data(Qt.UserRole) == "items"
        self.chosen.emit("[items]\n" if simple_items else self.snippet(item))

    @staticmethod
    def snippet(item: QListWidgetItem) -> str:
        """The text to insert for `item`: `{{ name }}`, or a loop for `items`."""
        name = item.data(Qt.UserRole)
        if name == "items":
            return "{% for item in items %}\n{{ item.description }}\n{% endfor %}\n"
        return f"{{{{ {name} }}}}"

    def _describe(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.help.setText(
                _("{description}. Double-click to insert it.").format(
                    description=item.data(DESCRIPTION_ROLE)
                )
            )
