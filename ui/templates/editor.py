"""The shop's own wording of customer messages: edit, check as you type, preview, save.

An email (its HTML and plain-text parts) is written in the simple mode (text with a few
choices, ui.templates.simple) unless it was edited as HTML; experts switch to HTML.

Checking, previewing and saving run in the background (ui.background): a template that
takes long to fill in never freezes the window, and the desk bounds it (1 s).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desk.codes import Event
from desk.db import Database
from desk.errors import DeskError
from desk.i18n.catalog import _
from desk.labels import LANGUAGES
from desk.messages import template_saving, template_store
from desk.messages.context import variable_descriptions
from desk.staff.roles import Permission
from ui import prompts, state
from ui.actions import Key, add_shortcut, dialog_keys, shortcut_text
from ui.background import run_in_background
from ui.staff.gate import authorised
from ui.templates.chooser import MessageChooser, column, part_label
from ui.templates.preview import Checked, PreviewOutcome, TemplatePreview, check_and_preview
from ui.templates.simple import (
    EMAIL_PARTS,
    LOSSY_SWITCH,
    SIMPLE,
    SimpleBar,
    placeholders,
    switched_source,
)
from ui.templates.source import SourcePane, VariableList

CHECK_DELAY_MS = 300
ERROR_STYLE = "color: #b91c1c;"
OK_STYLE = "color: #15803d;"


class TemplateEditor(QDialog):
    """Edit one part of one event's message in one language, with a live preview.

    Non-modal; asks before throwing away unsaved changes (switching or closing).
    `checked` is emitted when a check has been shown, `save_finished(saved)` when a save
    is over.
    """

    checked = Signal()
    save_finished = Signal(bool)

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self._db = db
        self._staff = state.load_text(state.STAFF)
        self._key: tuple[str, str, str] | None = None  # event, language, part shown
        self._saved_source = ""
        self.mode: str | None = None  # SIMPLE or RAW for an email part, else None
        self._modes: dict[tuple[str, str], str] = {}  # switched by hand, per event/language
        self._email: template_saving.EmailSource | None = None
        self._generation = 0  # of the latest check: older results are dropped
        self.checking = False  # a check runs in the background
        self.saving = False  # a save runs in the background
        self.problems: list[str] = []
        self.setWindowTitle(_("Message templates"))
        self.resize(1200, 800)
        self._check_timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.check_now)
        self._build()
        self._connect()
        self.event_list.setCurrentRow(0)
        self.load()

    # construction

    def _build(self) -> None:
        self.chooser = MessageChooser(self)
        self.event_list = self.chooser.event_list
        self.language_combo = self.chooser.language_combo
        self.part_tabs = self.chooser.part_tabs
        self.variables = VariableList(variable_descriptions())
        self.variable_list = self.variables.list
        left = column(
            QLabel("<b>{}</b>".format(_("Message"))),
            self.event_list,
            QLabel("<b>{}</b>".format(_("Language"))),
            self.language_combo,
            self.variables,
        )
        left.layout().setStretch(4, 1)
        self.source = SourcePane()
        self.editor, self.problem_list = self.source.edit, self.source.problem_list
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.save_button = QPushButton(_("&Save"))
        self.save_button.setToolTip(
            _("Save this part ({keys})").format(keys=shortcut_text(Key.SAVE))
        )
        self.reset_button = QPushButton(_("Reset to default…"))
        self.close_button = QPushButton(_("Close"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        for button in (self.reset_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        self.simple_bar = SimpleBar(self.editor)
        middle = column(self.part_tabs, self.simple_bar, self.source)
        middle.layout().setStretch(2, 1)
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
        self.chooser.changed.connect(self._selection_changed)
        self.editor.textChanged.connect(self._source_changed)
        self.variables.chosen.connect(self.insert_text)
        self.simple_bar.mode_chosen.connect(self.switch_mode)
        self.preview.return_changed.connect(self.check_now)
        self.save_button.clicked.connect(self.save)
        self.reset_button.clicked.connect(self.reset)
        self.close_button.clicked.connect(self.close)
        add_shortcut(self, Key.SAVE, self.save)
        dialog_keys(self, accept=self.save)

    # what is shown

    def selected_key(self) -> tuple[str, str, str]:
        """The event, language and part the selectors point at."""
        return self.chooser.key()

    def is_dirty(self) -> bool:
        """True when the source differs from what is saved (or the default)."""
        return self.editor.toPlainText() != self._saved_source

    def _selection_changed(self) -> None:
        key = self.selected_key()
        if self._key is None or key == self._key:
            return
        if self.mode == SIMPLE and key[:2] == self._key[:2] and key[2] in EMAIL_PARTS:
            self._key = key  # the other part of the same simple email: same source, kept
            self._show_source(self.editor.toPlainText())
            self._refresh_marks()
            self.check_now()
            return
        if self.is_dirty() and not prompts.ask_yes_no(
            self, _("Unsaved changes"), _("Discard your changes to this template?")
        ):
            self.chooser.select(self._key)
            return
        if self.is_dirty():
            self._modes.clear()  # discarded: back to how each email is stored
        self.load()

    def load(self) -> None:
        """Show the source of the selected part (the shop's own, or the default)."""
        self._key = self.selected_key()
        event, language, part = self._key
        self.mode, shown = None, None
        if part in EMAIL_PARTS:
            self._email = template_saving.read_email_source(self._db, event, language)
            self.mode = self._modes.get((event, language), self._email.mode)
            shown = self._email.simple if self.mode == SIMPLE else None
        if self.mode == SIMPLE and self._email.mode == SIMPLE:
            self._saved_source = shown
        else:
            self._saved_source = template_store.read_source(self._db, event, language, part)
        self._show_source(shown if shown is not None else self._saved_source)
        self._refresh_marks()
        self.check_now()

    def _show_source(self, source: str) -> None:
        event, language, part = self._key
        self.source.set_source(source, wrap=part in ("text", "sms") or self.mode == SIMPLE)
        self.simple_bar.show_mode(self.mode)
        self.variables.set_simple(self.mode == SIMPLE)
        if self.mode == SIMPLE:
            self.simple_bar.set_placeholders(placeholders(event, language))
        self._show_state()

    def switch_mode(self, mode: str) -> None:
        """Write the email shown as simple text or as HTML; going to simple asks first
        when it would lose HTML (or the email's own plain-text wording)."""
        if self._key is None or self.mode is None or mode == self.mode:
            return
        event, language, part = self._key
        switch = switched_source(
            self._db, self._key, mode, self.editor.toPlainText(), self.is_dirty(), self._email
        )
        if switch.loses and not prompts.ask_choice(
            self,
            _("Switch to simple mode"),
            _(LOSSY_SWITCH),
            yes=_("Switch to simple"),
            no=_("Cancel"),
        ):
            self.simple_bar.show_mode(self.mode)
            return
        if switch.saved is not None:
            self._saved_source = switch.saved
        made = switch.source
        self.mode = self._modes[(event, language)] = mode
        self._show_source(made)
        self.check_now()

    def _refresh_marks(self) -> None:
        """Mark the parts (and events) the shop has edited."""
        _, language, current_part = self._key
        edited = self.chooser.mark_edited(template_store.edited_parts(self._db, language))
        self.reset_button.setEnabled(current_part in edited)

    # checking

    def _source_changed(self) -> None:
        self._check_timer.start()
        self._show_state()

    def check_now(self) -> None:
        """Check the source and render the preview in the background; list what is wrong."""
        self._check_timer.stop()
        if self._key is None:
            return
        self._generation += 1
        generation, key, source = self._generation, self._key, self.editor.toPlainText()
        db, staff, return_id = self._db, self._staff, self.preview.current_return()
        simple = self.mode == SIMPLE
        self.checking = True
        self._show_state()
        run_in_background(
            lambda: check_and_preview(db, key, source, staff, return_id, simple=simple),
            owner=self,
            on_success=lambda result: self._checked(generation, key, result),
            on_failure=lambda error: self._checked(
                generation,
                key,
                Checked(
                    [(None, _("The check failed: {error}").format(error=error), None)],
                    PreviewOutcome(),
                ),
            ),
        )

    def _checked(self, generation: int, key: tuple[str, str, str], result: Checked) -> None:
        if generation != self._generation:
            return  # the source or the selection changed meanwhile: a newer check runs
        self.checking = False
        if result.preview.message is not None:
            self.preview.show_message(result.preview.message, key[2])
        elif result.preview.note:
            self.preview.show_note(result.preview.note)
        self._show_problems(result.problems)
        self.checked.emit()

    def _show_problems(self, found: list[tuple]) -> None:
        self.problems = self.source.show_problems(found)
        self._show_state()

    def _show_state(self) -> None:
        pending = self._check_timer.isActive() or self.checking
        ready = self.is_dirty() and not self.problems and not pending and not self.saving
        self.save_button.setEnabled(ready)
        if self.problems and not pending:
            self._say(_("Fix the problems listed before saving."), ERROR_STYLE)
        elif self.is_dirty():
            self._say(_("Unsaved changes."), "")
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
        """Save the source in the background unless it has known problems; return whether
        the save was started (`save_finished` says how it ended).

        The desk checks it again (bounded in time and size) and refuses it with the
        reason; what was typed stays in the editor either way.
        """
        if self.saving or self._key is None:
            return False
        pending = self._check_timer.isActive() or self.checking
        if self.problems and not pending:
            self._say(_("Not saved: fix the problems listed first."), ERROR_STYLE)
            self.source.go_to_first_problem()
            return False
        if (actor := authorised(self, self._db, Permission.TEMPLATES)) is None:
            return False  # nobody approved: what was typed stays
        key, source, db = self._key, self.editor.toPlainText(), self._db
        if self.mode == SIMPLE:
            event, language, _part = key
            work = lambda: template_saving.save_shop_simple(  # noqa: E731
                db, event, language, source, actor=actor
            )
        else:
            work = lambda: template_saving.save_shop_template(db, *key, source, actor=actor)  # noqa: E731
        self.saving = True
        self._show_state()
        self._say(_("Saving…"), "")
        run_in_background(
            work,
            owner=self,
            on_success=lambda _: self._saved(key, source),
            on_failure=lambda error: self._not_saved(key, error),
        )
        return True

    def _saved(self, key: tuple[str, str, str], source: str) -> None:
        self.saving = False
        if key == self._key:
            self._saved_source = source
            self._refresh_marks()
        event, _language, part = key
        message = _(Event(event).label)
        if self.mode == SIMPLE:
            said = _("Saved the email (HTML and plain text) of “{message}”.")
            self._say(said.format(message=message), OK_STYLE)
        else:
            said = _("Saved {part} of “{message}”.")
            self._say(said.format(part=part_label(part), message=message), OK_STYLE)
        self._show_state()
        self.save_finished.emit(True)

    def _not_saved(self, key: tuple[str, str, str], error: Exception) -> None:
        self.saving = False
        if not isinstance(error, DeskError):
            error = _("it could not be stored ({reason}).").format(reason=type(error).__name__)
        self._say(_("Not saved: {reason}").format(reason=error), ERROR_STYLE)
        problems = getattr(error, "problems", None)
        if problems and key == self._key:
            found = [(p.line, p.message, p.column) for p in problems]
            self.problems = self.source.show_problems(found)
            self.source.go_to_first_problem()
        self.save_button.setEnabled(False)
        self.save_finished.emit(False)

    def reset(self) -> None:
        """After asking, drop the shop's version of this part and show the default."""
        event, language, part = self._key
        question = _(
            "Replace your {part} of “{message}” ({language}) with the default wording?"
        ).format(
            part=part_label(part),
            message=_(Event(event).label),
            language=LANGUAGES.get(language, language),
        )
        if not prompts.ask_yes_no(self, _("Reset to default"), question):
            return
        if (actor := authorised(self, self._db, Permission.TEMPLATES)) is None:
            return
        try:
            if self.mode == SIMPLE:
                template_saving.reset_shop_email(self._db, event, language, actor=actor)
            else:
                template_saving.reset_shop_template(self._db, event, language, part, actor=actor)
        except DeskError as error:
            self._say(str(error), ERROR_STYLE)
            return
        self.load()
        self._say(_("Back to the default wording."), OK_STYLE)

    def _may_close(self) -> bool:
        if self.is_dirty() and not prompts.ask_yes_no(
            self, _("Unsaved changes"), _("Close and discard your changes to this template?")
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
