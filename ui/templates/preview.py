"""The template editor's live preview: one message rendered against a real return."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desk.db import Database
from desk.i18n.catalog import N_, _
from desk.list_window import first_page
from desk.listing import ReturnFilter
from ui.widgets.message_preview import OfflineBrowser, sms_summary, split_preheader

log = logging.getLogger(__name__)

RECENT_RETURNS = 50
MUTED_STYLE = "color: #555;"


@dataclass(frozen=True)
class PreviewOutcome:
    """A rendered preview (`message`), or why there is none: a `note`, and the `error`
    the template raised (to be listed as a problem)."""

    message: object | None = None
    note: str = ""
    error: Exception | None = None


NO_RETURN = N_("Log a return to see a preview: it is filled with a real return.")


def render_preview(
    db: Database,
    return_id: int | None,
    event: str,
    language: str,
    part: str,
    source: str,
    staff: str,
    *,
    overrides: dict[str, str] | None = None,
) -> PreviewOutcome:
    """Render the message with `source` in place of the saved `part` (or the unsaved parts
    in `overrides`), for return `return_id` (None: no return yet). Touches no widget: it
    may run in the background."""
    from desk.errors import NotFound
    from desk.messages.templating import preview_template

    if return_id is None:
        return PreviewOutcome(note=_(NO_RETURN))
    try:
        message = preview_template(
            db,
            return_id,
            event,
            language=language,
            staff=staff,
            overrides=overrides if overrides is not None else {part: source},
        )
    except NotFound as error:  # deleted meanwhile: nothing wrong with the template
        return PreviewOutcome(note=str(error))
    except Exception as error:  # the shop's own template: any failure is shown, not raised
        return PreviewOutcome(
            note=_("The preview cannot be shown until the problem is fixed."), error=error
        )
    return PreviewOutcome(message=message)


STALE_PREVIEW = N_("The preview shows the last version without problems.")


@dataclass(frozen=True)
class Checked:
    """What a background check found: the problems (line, message, column) and the preview."""

    problems: list[tuple[int | None, str, int | None]]
    preview: PreviewOutcome


def check_and_preview(
    db: Database,
    key: tuple[str, str, str],
    source: str,
    staff: str,
    return_id: int | None,
    *,
    simple: bool = False,
) -> Checked:
    """Check `source` as part `key` (event, language, part), or as the simple source of
    the email when `simple`, then render its preview for return `return_id` when it has
    no problems. Touches no widget (runs in the background)."""
    from desk.messages.simple_mode import simple_html, simple_text
    from desk.messages.template_saving import check_simple
    from desk.messages.templating import check_template

    event, language, part = key
    if simple:
        checked = check_simple(source, language, event=event)
        overrides = {"html": simple_html(source, language), "text": simple_text(source, language)}
    else:
        checked = check_template(source, part, language, event=event)
        overrides = {part: source}
    found = [(p.line, p.message, p.column) for p in checked]
    if found:
        return Checked(found, PreviewOutcome(note=_(STALE_PREVIEW)))
    outcome = render_preview(
        db, return_id, event, language, part, source, staff, overrides=overrides
    )
    return Checked(_render_problems(outcome.error), outcome)


def _render_problems(error: Exception | None) -> list[tuple[int | None, str, int | None]]:
    """The problems of a failed preview, as (line, message, column)."""
    if error is None:
        return []
    problems = getattr(error, "problems", None)
    if problems:
        said = _("Preview: {problem}")
        return [(p.line, said.format(problem=p.message), p.column) for p in problems]
    return [(getattr(error, "lineno", None), _("Preview: {problem}").format(problem=error), None)]


class TemplatePreview(QWidget):
    """Picks a recent return and shows a rendered message part for it.

    `return_changed` is emitted when another return is chosen, so the owner re-renders.
    """

    return_changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self._db = db
        self.return_combo = QComboBox()
        self.return_combo.setObjectName("previewReturn")
        self.return_combo.setToolTip(_("The return whose data fills the preview"))
        self.subject_label = QLabel()
        self.subject_label.setObjectName("previewSubject")
        self.subject_label.setWordWrap(True)
        self.subject_label.setTextFormat(Qt.PlainText)
        self.browser = OfflineBrowser()
        self.browser.setObjectName("previewHtml")
        self.plain_view = QPlainTextEdit()
        self.plain_view.setObjectName("previewText")
        self.plain_view.setReadOnly(True)
        self.plain_view.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.browser)
        self.stack.addWidget(self.plain_view)
        self.count_label = QLabel()
        self.count_label.setObjectName("previewCount")
        self.count_label.setStyleSheet(MUTED_STYLE)
        self.note_label = QLabel()
        self.note_label.setStyleSheet(MUTED_STYLE)
        self.note_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(_("<b>Preview</b> for return"))
        layout.addWidget(title)
        layout.addWidget(self.return_combo)
        layout.addWidget(self.subject_label)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.note_label)
        self.return_combo.currentIndexChanged.connect(lambda _: self.return_changed.emit())
        self.load_returns()

    def load_returns(self) -> None:
        """Fill the combo with the most recent returns, newest first."""
        rows = first_page(self._db, ReturnFilter(), limit=RECENT_RETURNS).rows
        self.return_combo.blockSignals(True)
        self.return_combo.clear()
        for row in rows:
            self.return_combo.addItem(f"{row.number} — {row.customer_name}", row.id)
        self.return_combo.blockSignals(False)

    def current_return(self) -> int | None:
        """The id of the return chosen to fill the preview, or None when there is none."""
        return self.return_combo.currentData()

    def render(self, event: str, language: str, part: str, source: str, staff: str) -> object:
        """Render the message with `source` in place of the saved `part` (on this thread);
        show it. Returns the error raised while rendering (to be listed), or None."""
        outcome = render_preview(
            self._db, self.current_return(), event, language, part, source, staff
        )
        return self.show_outcome(outcome, part)

    def show_outcome(self, outcome: PreviewOutcome, part: str) -> Exception | None:
        """Show a preview rendered by `render_preview`; return its error, if any."""
        if outcome.message is not None:
            self.show_message(outcome.message, part)
        else:
            self.show_note(outcome.note)
        return outcome.error

    def show_message(self, message, part: str) -> None:
        """Show the subject, then the body in the form `part` takes."""
        self.note_label.clear()
        self.subject_label.setVisible(part != "sms")
        self.subject_label.setText(_("Subject: {subject}").format(subject=message.subject))
        self.count_label.clear()
        if part in ("html", "subject"):
            body, hidden = split_preheader(message.html)
            if hidden:
                self.subject_label.setText(
                    _("Subject: {subject}\nInbox preview: {preheader}").format(
                        subject=message.subject, preheader=hidden
                    )
                )
            self.browser.setHtml(body)
            self.stack.setCurrentWidget(self.browser)
            return
        body = message.sms if part == "sms" else message.text
        self.plain_view.setPlainText(body)
        self.stack.setCurrentWidget(self.plain_view)
        if part == "sms":
            self.count_label.setText(sms_summary(body))

    def show_note(self, text: str) -> None:
        """Say why there is no (fresh) preview; keep the last one shown."""
        self.note_label.setText(text)
