"""Where message templates come from: the shipped defaults and the shop's own versions.

A template is named by event, language and part ('en/refunded.html', which is also its
path under resources/templates). The shop's edited versions live in the message_template
table; a part the shop never edited falls back to the shipped default. Nothing here
compiles or renders: that, and checking or saving an edited template, is
`desk.messages.templating`.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from jinja2 import TemplateNotFound
from jinja2.loaders import split_template_path
from sqlalchemy import bindparam, text
from sqlmodel import Session, select

from desk.codes import Event
from desk.db import Database
from desk.errors import DeskError
from desk.i18n.catalog import N_, _
from desk.messages.context import SHOP_KEYS, check_language, shop_values
from desk.models import MessageTemplate

PARTS: tuple[str, ...] = ("subject", "html", "text", "sms")
"""The parts of a message: a one-line subject, HTML and plain-text bodies, and an SMS."""

PART_LABELS: dict[str, str] = {
    "subject": N_("Subject"),
    "html": N_("Email (HTML)"),
    "text": N_("Email (plain text)"),
    "sms": N_("SMS"),
}
"""Each part's name for staff (marked only: translate where shown)."""


def template_name(event: Event | str, language: str, part: str) -> str:
    """Return the name of a template, which is also its path under resources/templates."""
    return f"{language}/{parse_event(event).value}.{check_part(part)}"


@lru_cache(maxsize=256)
def default_source_by_name(name: str) -> str:
    """Return the shipped source of template `name` ('en/refunded.html', 'base.html')."""
    resource = files("resources").joinpath("templates", *split_template_path(name))
    try:
        return resource.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise TemplateNotFound(name) from None


def parse_event(value: Event | str) -> Event:
    """Return the event named `value`; raise DeskError when there is none."""
    try:
        return Event(str(value).strip().lower())
    except ValueError:
        names = ", ".join(e.value for e in Event)
        raise DeskError(
            _("There is no event “{value}”; use one of: {names}.").format(value=value, names=names)
        ) from None


def check_part(part: str) -> str:
    """Return `part` when it is one of PARTS; raise DeskError when it is not."""
    if part not in PARTS:
        raise DeskError(
            _("There is no message part “{part}”; use one of: {names}.").format(
                part=part, names=", ".join(PARTS)
            )
        )
    return part


def default_source(event: Event | str, language: str, part: str) -> str:
    """Return the shipped template of one event, language and part."""
    return default_source_by_name(template_name(event, check_language(language), part))


_SETTINGS_AND_TEMPLATES = text(
    "SELECT 'setting', key, value FROM setting WHERE key IN :keys"
    " UNION ALL "
    "SELECT 'template', part, body FROM message_template"
    " WHERE event = :event AND language = :language"
).bindparams(bindparam("keys", expanding=True))


def settings_and_templates(
    session: Session, event: Event, language: str
) -> tuple[dict[str, object], dict[str, str]]:
    """Return the shop settings and the shop's templates for one event, in one query."""
    rows = session.connection().execute(
        _SETTINGS_AND_TEMPLATES,
        {"keys": list(SHOP_KEYS), "event": event.value, "language": language},
    )
    found: dict[str, dict[str, str]] = {"setting": {}, "template": {}}
    for kind, name, value in rows:
        found[kind][name] = value
    return shop_values(found["setting"]), found["template"]


def stored_template(
    session: Session, event: Event, language: str, part: str
) -> MessageTemplate | None:
    """Return the shop's stored version of one template, or None when there is none."""
    return session.exec(
        select(MessageTemplate).where(
            MessageTemplate.event == event,
            MessageTemplate.language == language,
            MessageTemplate.part == part,
        )
    ).first()


def template_source(session: Session, event: Event | str, language: str, part: str) -> str:
    """Return the shop's version of a template, or the default when it was never edited."""
    event, language = parse_event(event), check_language(language)
    row = stored_template(session, event, language, check_part(part))
    return row.body if row is not None else default_source(event, language, part)


def read_source(db: Database, event: Event | str, language: str, part: str) -> str:
    """The source to edit for one template (see `template_source`), read in its own session."""
    with db.session() as session:
        return template_source(session, event, language, part)


def edited_parts(db: Database, language: str) -> dict[str, frozenset[str]]:
    """For each event (by value), the parts the shop has its own version of in `language`."""
    with db.session() as session:
        return edited_in(session, language)


def edited_in(session: Session, language: str) -> dict[str, frozenset[str]]:
    """`edited_parts` read in the caller's session."""
    language = check_language(language)
    rows = session.exec(
        select(MessageTemplate.event, MessageTemplate.part).where(
            MessageTemplate.language == language
        )
    ).all()
    found: dict[str, set[str]] = {}
    for event, part in rows:
        if part in PARTS:  # not the simple source stored beside an email
            found.setdefault(event, set()).add(part)
    return {event: frozenset(parts) for event, parts in found.items()}


def is_customised(session: Session, event: Event | str, language: str, part: str) -> bool:
    """Return whether the shop has its own version of this template."""
    event, language = parse_event(event), check_language(language)
    return stored_template(session, event, language, check_part(part)) is not None


__all__ = [
    "PARTS",
    "PART_LABELS",
    "check_part",
    "default_source",
    "default_source_by_name",
    "edited_in",
    "edited_parts",
    "is_customised",
    "parse_event",
    "read_source",
    "settings_and_templates",
    "stored_template",
    "template_name",
    "template_source",
]
