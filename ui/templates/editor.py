"""The shop's own wording of customer messages: edit, check as you type, preview, save.

An email (its HTML and plain-text parts) is written in the simple mode (text with a few
choices, ui.templates.simple) unless it was edited as HTML; experts switch to HTML.

Reading a part, checking, previewing, saving and resetting run in the background
(ui.background): a template that takes long to fill in never freezes the window, and the
desk bounds it (1 s). While a part is read the editor is disabled and says so; a part that
arrives after another was chosen is dropped (ui.templates.part_loader), and what the user
typed is never replaced without asking.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QDialog, QWidget

from desk.db import Database
from desk.errors import DeskError
from desk.i18n.catalog import _
from desk.messages import template_editing
from desk.messages.template_editing import EMAIL_PARTS, SIMPLE, PartText
from desk.staff.roles import Permission
from ui import prompts, state
from ui.actions import Key, add_shortcut, dialog_keys
from ui.background import run_in_background
from ui.staff.gate import authorised
from ui.templates.chooser import reset_question, saved_text
from ui.templates.layout import build
from ui.templates.part_loader import PartLoader
from ui.templates.preview import Checked, PreviewOutcome, check_and_preview
from ui.templates.simple import LOSSY_SWITCH, placeholders, switched_source

CHECK_DELAY_MS = 300
ERROR_STYLE = "color: #b91c1c;"
OK_STYLE = "color: #15803d;"


class TemplateEditor(QDialog):
    """Edit one part of one event's message in one language, with a live preview.

    Non-modal; asks before throwing away unsaved changes (switching or closing).
    `loaded` is emitted when a part read in the background is shown, `checked` when a
    check has been shown, `save_finished(saved)` when a save is over.
    """

    loaded = Signal()
    checked = Signal()
    save_finished = Signal(bool)

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self._db = db
        self._staff = state.load_text(state.STAFF)
        self._key: tuple[str, str, str] | None = None  # event, language, part chosen
        self._saved_source = ""
        self.mode: str | None = None  # SIMPLE or RAW for an email part, else None
        self._modes: dict[tuple[str, str], str] = {}  # switched by hand, per event/language
        self._shown: PartText | None = None  # the part on screen, as read
        self._said_after_load = ""  # what to say once the part being read is shown
        self.loader = PartLoader(self, db)
        self._generation = 0  # of the latest check: older results are dropped
        self.checking = False  # a check runs in the background
        self.saving = False  # a save runs in the background
        self.problems: list[str] = []
        self.setWindowTitle(_("Message templates"))
        self.resize(1200, 800)
        self._check_timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.check_now)
        build(self)
        self._connect()
        self.event_list.setCurrentRow(0)
        self.load()

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

    @property
    def loading(self) -> bool:
        """Whether the part chosen is still being read (the editor is disabled meanwhile)."""
        return self.loader.loading

    def is_dirty(self) -> bool:
        """True when the source differs from what is saved (or the default)."""
        return not self.loading and self.editor.toPlainText() != self._saved_source

    def _selection_changed(self) -> None:
        key = self.selected_key()
        if self._key is None and not self.editor.isEnabled():
            self.load()  # the last read failed: try this one
            return
        if self._key is None or key == self._key:
            return
        same_email = key[:2] == self._key[:2] and key[2] in EMAIL_PARTS
        if self.mode == SIMPLE and same_email and not self.loading:
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
        """Read the selected part (the shop's own, or the default) in the background and
        show it when it arrives; the editor is disabled meanwhile."""
        self._key = self.selected_key()
        event, language, _part = self._key
        self._said_after_load = ""
        self.loader.open(self._key, self._modes.get((event, language)))
        self._start_loading()  # it arrives from the event loop: after this

    def _start_loading(self) -> None:
        self._check_timer.stop()
        self._generation += 1  # a check still running is for what is no longer shown
        self.checking = False
        self.source.set_source("", wrap=True)
        self.editor.setEnabled(False)
        self.simple_bar.show_mode(None)  # the part's mode is not known yet
        self.reset_button.setEnabled(False)
        self._show_state()

    def show_part(self, shown: PartText) -> None:
        """Show a part read in the background (the newest asked for)."""
        self._shown, self._key, self.mode = shown, shown.key, shown.mode
        self._saved_source = shown.saved
        self.editor.setEnabled(True)
        self._show_source(shown.shown)
        self._refresh_marks()
        if self._said_after_load:
            self._say(self._said_after_load, OK_STYLE)
            self._said_after_load = ""
        self.check_now()
        self.loaded.emit()

    def part_failed(self, error: Exception) -> None:
        """Say why the part cannot be shown; choosing it again retries (a failed reset
        shows the part as it still is)."""
        reset, self._said_after_load = self._said_after_load, ""
        if not isinstance(error, DeskError):
            error = _("it could not be read ({reason}).").format(reason=type(error).__name__)
        if reset:
            self.load()
            self._say(_("Not reset: {reason}").format(reason=error), ERROR_STYLE)
            return
        self._saved_source, self._key = "", None  # nothing shown: choosing it reads again
        self._say(_("Cannot show this template: {reason}").format(reason=error), ERROR_STYLE)

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
        if self._key is None or self.mode is None or mode == self.mode or self.loading:
            return
        event, language, part = self._key
        switch = switched_source(
            self._shown, self._key, mode, self.editor.toPlainText(), self.is_dirty()
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
        current_part = self._key[2]
        edited = self.chooser.mark_edited(self._shown.edited)
        self.reset_button.setEnabled(current_part in edited)

    # checking

    def _source_changed(self) -> None:
        self._check_timer.start()
        self._show_state()

    def check_now(self) -> None:
        """Check the source and render the preview in the background; list what is wrong."""
        self._check_timer.stop()
        if self._key is None or self.loading:
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
        if self.loading:
            self._say(_("Loading…"), "")
        elif self.problems and not pending:
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
        if self.saving or self._key is None or self.loading:
            return False
        pending = self._check_timer.isActive() or self.checking
        if self.problems and not pending:
            self._say(_("Not saved: fix the problems listed first."), ERROR_STYLE)
            self.source.go_to_first_problem()
            return False
        if (actor := authorised(self, self._db, Permission.TEMPLATES)) is None:
            return False  # nobody approved: what was typed stays
        key, source, db, mode = self._key, self.editor.toPlainText(), self._db, self.mode
        event, language, part = key
        self.saving = True
        self._show_state()
        self._say(_("Saving…"), "")
        run_in_background(
            lambda: template_editing.save_part(
                db,
                event=event,
                language=language,
                part=part,
                source=source,
                mode=mode,
                actor=actor,
            ),
            owner=self,
            on_success=lambda stored: self._saved(key, source, stored),
            on_failure=lambda error: self._not_saved(key, error),
        )
        return True

    def _saved(self, key: tuple[str, str, str], source: str, stored: PartText) -> None:
        """The save is over: what is typed is kept as it is (more may have been typed
        meanwhile); only what it is compared with and the marks change."""
        self.saving = False
        if key == self._key and not self.loading:
            self._saved_source, self._shown = source, stored
            self._refresh_marks()
        self._say(saved_text(key, simple=stored.mode == SIMPLE), OK_STYLE)
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
        if self._key is None or self.loading:
            return
        if not prompts.ask_yes_no(self, _("Reset to default"), reset_question(self._key)):
            return
        if (actor := authorised(self, self._db, Permission.TEMPLATES)) is None:
            return
        self._said_after_load = _("Back to the default wording.")
        self.loader.reset(self._key, self.mode, actor=actor)
        self._start_loading()

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
