"""The shop's own wording of customer messages: edit, check as you type, preview, save."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from desk.codes import Event
from desk.db import Database
from desk.errors import DeskError
from desk.labels import LANGUAGES
from desk.messages import template_store, templating
from desk.messages.context import LANGUAGES as TEMPLATE_LANGUAGES
from desk.messages.context import VARIABLES
from ui import prompts, state
from ui.actions import Key, add_shortcut, dialog_keys, shortcut_text
from ui.templates.preview import TemplatePreview
from ui.templates.source import SourcePane, VariableList

CHECK_DELAY_MS = 300
EDITED = " • edited"
ERROR_STYLE = "color: #b91c1c;"
OK_STYLE = "color: #15803d;"


class TemplateEditor(QDialog):
    """Edit one part of one event's message in one language, with a live preview.

    Non-modal; asks before throwing away unsaved changes (switching or closing).
    """

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self._db = db
        self._staff = state.load_text(state.STAFF)
        self._key: tuple[str, str, str] | None = None  # event, language, part shown
        self._saved_source = ""
        self.problems: list[str] = []
        self.setWindowTitle("Message templates")
        self.resize(1200, 800)
        self._check_timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.check_now)
        self._build()
        self._connect()
        self.event_list.setCurrentRow(0)
        self.load()

    # construction

    def _build(self) -> None:
        self.event_list = QListWidget()
        self.event_list.setObjectName("events")
        for event in Event:
            item = QListWidgetItem(event.label)
            item.setData(Qt.UserRole, event.value)
            self.event_list.addItem(item)
        rows = self.event_list.sizeHintForRow(0) * self.event_list.count()
        self.event_list.setFixedHeight(rows + 2 * self.event_list.frameWidth() + 4)
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("language")
        for code in TEMPLATE_LANGUAGES:
            self.language_combo.addItem(LANGUAGES.get(code, code), code)
        self.variables = VariableList(VARIABLES)
        self.variable_list = self.variables.list
        left = _column(
            QLabel("<b>Message</b>"),
            self.event_list,
            QLabel("<b>Language</b>"),
            self.language_combo,
            self.variables,
        )
        left.layout().setStretch(4, 1)
        self.part_tabs = QTabBar()
        self.part_tabs.setObjectName("parts")
        self.part_tabs.setExpanding(False)
        for part in template_store.PARTS:
            self.part_tabs.addTab(_part_label(part))
            self.part_tabs.setTabData(self.part_tabs.count() - 1, part)
        self.source = SourcePane()
        self.editor, self.problem_list = self.source.edit, self.source.problem_list
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.save_button = QPushButton("&Save")
        self.save_button.setToolTip(f"Save this part ({shortcut_text(Key.SAVE)})")
        self.reset_button = QPushButton("Reset to default…")
        self.close_button = QPushButton("Close")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        for button in (self.reset_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        middle = _column(self.part_tabs, self.source)
        middle.layout().setStretch(1, 1)
        self.preview = TemplatePreview(self._db)
        self.splitter = QSplitter()
        for widget in (left, middle, self.preview):
            self.splitter.addWidget(widget)
        self.splitter.setSizes([280, 520, 400])
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.event_list.currentRowChanged.connect(lambda _: self._selection_changed())
        self.language_combo.currentIndexChanged.connect(lambda _: self._selection_changed())
        self.part_tabs.currentChanged.connect(lambda _: self._selection_changed())
        self.editor.textChanged.connect(self._source_changed)
        self.variables.chosen.connect(self.insert_text)
        self.preview.return_changed.connect(self.check_now)
        self.save_button.clicked.connect(self.save)
        self.reset_button.clicked.connect(self.reset)
        self.close_button.clicked.connect(self.close)
        add_shortcut(self, Key.SAVE, self.save)
        dialog_keys(self, accept=self.save)

    # what is shown

    def selected_key(self) -> tuple[str, str, str]:
        """The event, language and part the selectors point at."""
        item = self.event_list.currentItem()
        event = item.data(Qt.UserRole) if item else Event.ACKNOWLEDGED.value
        part = self.part_tabs.tabData(self.part_tabs.currentIndex())
        return event, self.language_combo.currentData(), part

    def is_dirty(self) -> bool:
        """True when the source differs from what is saved (or the default)."""
        return self.editor.toPlainText() != self._saved_source

    def _selection_changed(self) -> None:
        if self._key is None or self.selected_key() == self._key:
            return
        if self.is_dirty() and not prompts.ask_yes_no(
            self, "Unsaved changes", "Discard your changes to this template?"
        ):
            self._select(self._key)
            return
        self.load()

    def _select(self, key: tuple[str, str, str]) -> None:
        event, language, part = key
        for widget in (self.event_list, self.language_combo, self.part_tabs):
            widget.blockSignals(True)
        self.event_list.setCurrentRow([e.value for e in Event].index(event))
        self.language_combo.setCurrentIndex(self.language_combo.findData(language))
        self.part_tabs.setCurrentIndex(list(template_store.PARTS).index(part))
        for widget in (self.event_list, self.language_combo, self.part_tabs):
            widget.blockSignals(False)

    def load(self) -> None:
        """Show the source of the selected part (the shop's own, or the default)."""
        self._key = self.selected_key()
        event, language, part = self._key
        self._saved_source = template_store.read_source(self._db, event, language, part)
        self.source.set_source(self._saved_source, wrap=part in ("text", "sms"))
        self._refresh_marks()
        self.check_now()

    def _refresh_marks(self) -> None:
        """Mark the parts (and events) the shop has edited."""
        _, language, current_part = self._key
        edited_parts = template_store.edited_parts(self._db, language)
        current_edited: frozenset[str] = frozenset()
        for row in range(self.event_list.count()):
            item = self.event_list.item(row)
            event = item.data(Qt.UserRole)
            edited = edited_parts.get(event, frozenset())
            item.setText(Event(event).label + (EDITED if edited else ""))
            if row == self.event_list.currentRow():
                current_edited = edited
        for index, part in enumerate(template_store.PARTS):
            label = _part_label(part)
            self.part_tabs.setTabText(index, label + (" •" if part in current_edited else ""))
        self.reset_button.setEnabled(current_part in current_edited)

    # checking

    def _source_changed(self) -> None:
        self._check_timer.start()
        self._show_state()

    def check_now(self) -> None:
        """Check the source, render the preview, and list what is wrong."""
        self._check_timer.stop()
        if self._key is None:
            return
        event, language, part = self._key
        source = self.editor.toPlainText()
        checked = templating.check_template(source, part, language, event=event)
        found = [(p.line, p.message) for p in checked]
        if found:
            self.preview.show_note("The preview shows the last version without problems.")
        else:
            error = self.preview.render(event, language, part, source, self._staff)
            found += _render_problems(error)
        self._show_problems(found)

    def _show_problems(self, found: list[tuple[int | None, str]]) -> None:
        self.problems = self.source.show_problems(found)
        self._show_state()

    def _show_state(self) -> None:
        pending = self._check_timer.isActive()
        self.save_button.setEnabled(self.is_dirty() and not self.problems and not pending)
        if self.problems and not pending:
            self._say("Fix the problems listed before saving.", ERROR_STYLE)
        elif self.is_dirty():
            self._say("Unsaved changes.", "")
        elif self.status_label.styleSheet() != OK_STYLE:
            self._say("", "")

    def _say(self, text: str, style: str) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(style)

    def insert_text(self, text: str) -> None:
        """Insert `text` (a variable) at the cursor."""
        self.editor.insertPlainText(text)
        self.editor.setFocus()

    # saving

    def save(self) -> bool:
        """Save the source when it has no problems; return whether it was saved."""
        self.check_now()
        if self.problems:
            self._say("Not saved: fix the problems listed first.", ERROR_STYLE)
            return False
        event, language, part = self._key
        source = self.editor.toPlainText()
        try:
            templating.save_shop_template(self._db, event, language, part, source)
        except DeskError as error:
            self._say(f"Not saved: {error}", ERROR_STYLE)
            return False
        self._saved_source = source
        self._refresh_marks()
        self._say(f"Saved {_part_label(part)} of “{Event(event).label}”.", OK_STYLE)
        self._show_state()
        return True

    def reset(self) -> None:
        """After asking, drop the shop's version of this part and show the default."""
        event, language, part = self._key
        question = (
            f"Replace your {_part_label(part)} of “{Event(event).label}” "
            f"({LANGUAGES.get(language, language)}) with the default wording?"
        )
        if not prompts.ask_yes_no(self, "Reset to default", question):
            return
        try:
            templating.reset_shop_template(self._db, event, language, part)
        except DeskError as error:
            self._say(str(error), ERROR_STYLE)
            return
        self.load()
        self._say("Back to the default wording.", OK_STYLE)

    def _may_close(self) -> bool:
        if self.is_dirty() and not prompts.ask_yes_no(
            self, "Unsaved changes", "Close and discard your changes to this template?"
        ):
            return False
        self._saved_source = self.editor.toPlainText()  # discarded: do not ask twice
        return True

    def reject(self) -> None:
        """Escape: close, after asking when there are unsaved changes."""
        if self._may_close():
            super().reject()

    def closeEvent(self, event) -> None:  # noqa: N802
        if not self._may_close():
            event.ignore()
            return
        super().closeEvent(event)


def _part_label(part: str) -> str:
    return template_store.PART_LABELS.get(part, part)


def _render_problems(error: Exception | None) -> list[tuple[int | None, str]]:
    """The problems of a failed preview, as (line, message)."""
    if error is None:
        return []
    problems = getattr(error, "problems", None)
    if problems:
        return [(p.line, f"Preview: {p.message}") for p in problems]
    return [(getattr(error, "lineno", None), f"Preview: {error}")]


def _column(*widgets: QWidget) -> QWidget:
    column = QWidget()
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    return column
