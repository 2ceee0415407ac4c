"""Saving and resetting the shop's own versions of the message templates.

A template is checked (desk.messages.templating.check_template) before it is stored, and
the compiled copy of the old text is forgotten once it is. An email written in the simple
mode (desk.messages.simple_mode) is stored as its source and the HTML and text parts made
from it, together; saving either part in raw mode drops the simple source, so a template
edited in raw mode stays raw.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from desk.codes import Event
from desk.db import Database
from desk.i18n.catalog import _
from desk.messages.context import check_language
from desk.messages.html_check import stray_braces
from desk.messages.simple_mode import (
    SIMPLE_PART,
    from_html,
    simple_html,
    simple_problems,
    simple_text,
)
from desk.messages.template_store import (
    check_part,
    default_source,
    parse_event,
    stored_template,
    template_name,
    template_source,
)
from desk.messages.templating import (
    TemplateError,
    TemplateProblem,
    check_template,
    forget_compiled,
)
from desk.models import MessageTemplate, utcnow
from desk.staff.actor import Actor, require
from desk.staff.audit import record
from desk.staff.codes import AuditAction
from desk.staff.roles import Permission
from desk.validation import text_error


def save_template(
    session: Session, event: Event | str, language: str, part: str, source: str
) -> MessageTemplate | None:
    """Store the shop's version of a template (flushed: the caller commits); refuse one
    with problems.

    Saving the default text itself removes the shop's version (returns None).
    Raises TemplateError (a ValidationError keyed "template") listing the problems.
    """
    event, language = parse_event(event), check_language(language)
    source = source.replace("\r\n", "\n")
    if problem := text_error(source, _("template"), multiline=True):  # NUL: PostgreSQL refuses
        raise TemplateError([TemplateProblem(None, problem)], part=part)
    if source == default_source(event, language, part):
        reset_template(session, event, language, part)
        return None
    if problems := check_template(source, part, language, event=event):
        raise TemplateError(problems, part=part)
    _drop_simple(session, event, language, part)
    return _store(session, event, language, part, source)


def _store(session: Session, event: Event, language: str, part: str, body: str) -> MessageTemplate:
    row = stored_template(session, event, language, part)
    if row is None:
        row = MessageTemplate(event=event, language=language, part=part)
    row.body = body
    row.updated_at = utcnow()
    session.add(row)
    session.flush()
    if part != SIMPLE_PART:
        forget_compiled(template_name(event, language, part))
    return row


def _drop_simple(session: Session, event: Event, language: str, part: str) -> None:
    """An email part saved or reset on its own is no longer made from a simple source."""
    if part in ("html", "text"):
        row = stored_template(session, event, language, SIMPLE_PART)
        if row is not None:
            session.delete(row)
            session.flush()


def reset_template(session: Session, event: Event | str, language: str, part: str) -> None:
    """Delete the shop's version of a template, going back to the default (flushed: the
    caller commits)."""
    event, language = parse_event(event), check_language(language)
    row = stored_template(session, event, language, check_part(part))
    if row is not None:
        session.delete(row)
        session.flush()
    _drop_simple(session, event, language, part)
    forget_compiled(template_name(event, language, part))


def save_shop_template(
    db: Database,
    event: Event | str,
    language: str,
    part: str,
    source: str,
    *,
    actor: Actor | None = None,
) -> MessageTemplate | None:
    """Save the shop's version of a template (see `save_template`) in its own transaction.

    Needs Permission.TEMPLATES (NotAllowed); audited with the old and the new text.
    """
    with db.session() as session, session.begin():
        actor = require(session, actor, Permission.TEMPLATES)
        old = template_source(session, event, language, part)
        row = save_template(session, event, language, part, source)
        _audit(session, actor, AuditAction.TEMPLATE_SAVED, (event, language, part), old, source)
        return row


def reset_shop_template(
    db: Database, event: Event | str, language: str, part: str, *, actor: Actor | None = None
) -> None:
    """Go back to the default wording of a template, in its own transaction (audited;
    Permission.TEMPLATES)."""
    with db.session() as session, session.begin():
        actor = require(session, actor, Permission.TEMPLATES)
        old = template_source(session, event, language, part)
        reset_template(session, event, language, part)
        new = default_source(event, language, part)
        _audit(session, actor, AuditAction.TEMPLATE_RESET, (event, language, part), old, new)


def _audit(
    session: Session,
    actor: Actor,
    action: AuditAction,
    which: tuple[Event | str, str, str],
    old: str,
    new: str,
) -> None:
    """Record a template's change as "event / part / language", when its text changed."""
    event, language, part = which
    if old != new.replace("\r\n", "\n"):
        subject = f"{parse_event(event).value} / {part} / {language}"
        record(session, actor, action, subject, old=old, new=new)


@dataclass(frozen=True)
class EmailSource:
    """How the shop's email (HTML and text parts) of one event and language is edited.

    `mode` is "simple" or "raw"; `simple` is the simple source (for a raw email, what
    switching to simple would give); `lossless` says whether that switch keeps all of
    the HTML; `html` is the HTML source as stored (or the default).
    """

    mode: str
    simple: str
    lossless: bool
    html: str


def email_source(session: Session, event: Event | str, language: str) -> EmailSource:
    """Return how the email of `event` in `language` is edited (see `EmailSource`).

    It is simple when its simple source is stored and both parts are still made from it,
    or when it was never edited and the default converts without loss; else raw.
    """
    event, language = parse_event(event), check_language(language)
    html_row = stored_template(session, event, language, "html")
    text_row = stored_template(session, event, language, "text")
    simple_row = stored_template(session, event, language, SIMPLE_PART)
    html = html_row.body if html_row else default_source(event, language, "html")
    if simple_row is not None and html_row is not None and text_row is not None:
        made = (simple_html(simple_row.body, language), simple_text(simple_row.body, language))
        if made == (html_row.body, text_row.body):
            return EmailSource("simple", simple_row.body, True, html)
    conversion = from_html(html)
    never_edited = html_row is None and text_row is None
    mode = "simple" if never_edited and conversion.lossless else "raw"
    lossless = conversion.lossless and text_row is None
    return EmailSource(mode, conversion.source, lossless, html)


def read_email_source(db: Database, event: Event | str, language: str) -> EmailSource:
    """`email_source` in a session of its own (the editor's load)."""
    with db.session() as session:
        return email_source(session, event, language)


def check_simple(
    source: str, language: str = "en", *, event: Event | str = Event.REFUNDED
) -> list[TemplateProblem]:
    """Return the problems of a simple source: its markup, then those of the HTML and
    text parts made from it (on the same lines as in the source)."""
    language = check_language(language)
    if found := simple_problems(source) or stray_braces(source):
        return [TemplateProblem(p.line, p.message, p.column) for p in found]
    problems: list[TemplateProblem] = []
    for part, made in (("html", simple_html), ("text", simple_text)):
        for problem in check_template(made(source, language), part, language, event=event):
            problem = TemplateProblem(problem.line, problem.message)  # its column is the part's
            if problem not in problems:
                problems.append(problem)
    return problems


def save_simple(session: Session, event: Event | str, language: str, source: str) -> None:
    """Store a simple source and the HTML and text parts made from it (flushed: the caller
    commits); refuse it with its problems (TemplateError, nothing stored)."""
    event, language = parse_event(event), check_language(language)
    source = source.replace("\r\n", "\n")
    if problem := text_error(source, _("template"), multiline=True):
        raise TemplateError([TemplateProblem(None, problem)], part="html")
    if problems := check_simple(source, language, event=event):
        raise TemplateError(problems, part="html")
    _store(session, event, language, "html", simple_html(source, language))
    _store(session, event, language, "text", simple_text(source, language))
    _store(session, event, language, SIMPLE_PART, source)


def save_shop_simple(
    db: Database, event: Event | str, language: str, source: str, *, actor: Actor | None = None
) -> None:
    """Save an email written in the simple mode (see `save_simple`) in its own transaction
    (audited as the email's simple source; Permission.TEMPLATES)."""
    with db.session() as session, session.begin():
        actor = require(session, actor, Permission.TEMPLATES)
        old = email_source(session, event, language).simple
        save_simple(session, event, language, source)
        _audit(session, actor, AuditAction.TEMPLATE_SAVED, (event, language, "email"), old, source)


def reset_shop_email(
    db: Database, event: Event | str, language: str, *, actor: Actor | None = None
) -> None:
    """Go back to the default HTML and text of an email (and drop its simple source), in
    its own transaction (audited with the old and new HTML; Permission.TEMPLATES)."""
    with db.session() as session, session.begin():
        actor = require(session, actor, Permission.TEMPLATES)
        old = template_source(session, event, language, "html")
        for part in ("html", "text"):
            reset_template(session, event, language, part)
        new = default_source(event, language, "html")
        _audit(session, actor, AuditAction.TEMPLATE_RESET, (event, language, "email"), old, new)
