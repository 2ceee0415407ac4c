"""Saving and resetting the shop's own versions of the message templates.

A template is checked (desk.messages.templating.check_template) before it is stored, and
the compiled copy of the old text is forgotten once it is.
"""

from __future__ import annotations

from sqlmodel import Session

from desk.codes import Event
from desk.db import Database
from desk.messages.context import check_language
from desk.messages.template_store import (
    check_part,
    default_source,
    parse_event,
    stored_template,
    template_name,
)
from desk.messages.templating import (
    TemplateError,
    TemplateProblem,
    check_template,
    forget_compiled,
)
from desk.models import MessageTemplate, utcnow
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
    if problem := text_error(source, "template", multiline=True):  # NUL: refused by PostgreSQL
        raise TemplateError([TemplateProblem(None, problem)], part=part)
    if source == default_source(event, language, part):
        reset_template(session, event, language, part)
        return None
    if problems := check_template(source, part, language, event=event):
        raise TemplateError(problems, part=part)
    row = stored_template(session, event, language, part)
    if row is None:
        row = MessageTemplate(event=event, language=language, part=part)
    row.body = source
    row.updated_at = utcnow()
    session.add(row)
    session.flush()
    forget_compiled(template_name(event, language, part))
    return row


def reset_template(session: Session, event: Event | str, language: str, part: str) -> None:
    """Delete the shop's version of a template, going back to the default (flushed: the
    caller commits)."""
    event, language = parse_event(event), check_language(language)
    row = stored_template(session, event, language, check_part(part))
    if row is not None:
        session.delete(row)
        session.flush()
    forget_compiled(template_name(event, language, part))


def save_shop_template(
    db: Database, event: Event | str, language: str, part: str, source: str
) -> MessageTemplate | None:
    """Save the shop's version of a template (see `save_template`) in its own transaction."""
    with db.session() as session, session.begin():
        return save_template(session, event, language, part, source)


def reset_shop_template(db: Database, event: Event | str, language: str, part: str) -> None:
    """Go back to the default wording of a template, in its own transaction."""
    with db.session() as session, session.begin():
        reset_template(session, event, language, part)
