"""The template editor's reads and writes: one call per thing the user does.

Choosing a part (`open_part`), saving it (`save_part`) and going back to the default
(`reset_part`) each answer with a `PartText`: everything the editor shows for that part,
read together, so the editor can run the call in the background and show the result in
one go. The functions take keyword arguments only; saving and resetting take the `actor`
who acts (owner-only: desk.messages.template_saving checks it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session

from desk.codes import Event
from desk.db import Database
from desk.messages import template_saving, template_store
from desk.messages.template_saving import EmailSource
from desk.staff.actor import Actor

SIMPLE, RAW = "simple", "raw"
EMAIL_PARTS = ("html", "text")


@dataclass(frozen=True)
class PartText:
    """One part of one event's message in one language, as the editor shows it.

    `mode` is SIMPLE or RAW for an email part (None for the subject and the SMS);
    `shown` is the text to put in the editor and `saved` what it is compared with (they
    differ when a raw email is shown as simple text by hand: switching made a change);
    `sources` holds the stored (or default) source of this part and, for an email part,
    of both email parts; `email` says how the email is stored; `edited` lists, for each
    event (by value), the parts the shop has its own version of in this language.
    """

    event: str
    language: str
    part: str
    mode: str | None
    shown: str
    saved: str
    sources: dict[str, str] = field(default_factory=dict)
    email: EmailSource | None = None
    edited: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str]:
        """The event, language and part."""
        return self.event, self.language, self.part


def part_text(
    session: Session, *, event: Event | str, language: str, part: str, mode: str | None = None
) -> PartText:
    """Read `PartText` in the caller's session; `mode` is the mode chosen by hand for an
    email part (None: as the email is stored)."""
    event = template_store.parse_event(event).value
    part = template_store.check_part(part)
    edited = template_store.edited_in(session, language)
    if part not in EMAIL_PARTS:
        source = template_store.template_source(session, event, language, part)
        return PartText(event, language, part, None, source, source, {part: source}, None, edited)
    email = template_saving.email_source(session, event, language)
    sources = {p: template_store.template_source(session, event, language, p) for p in EMAIL_PARTS}
    mode = mode or email.mode
    if mode == SIMPLE:
        saved = email.simple if email.mode == SIMPLE else sources[part]
        shown = email.simple
    else:
        saved = shown = sources[part]
    return PartText(event, language, part, mode, shown, saved, sources, email, edited)


def open_part(
    db: Database, *, event: Event | str, language: str, part: str, mode: str | None = None
) -> PartText:
    """What the editor shows when the user picks a part (see `part_text`)."""
    with db.session() as session:
        return part_text(session, event=event, language=language, part=part, mode=mode)


def save_part(
    db: Database,
    *,
    event: Event | str,
    language: str,
    part: str,
    source: str,
    mode: str | None = None,
    actor: Actor | None = None,
) -> PartText:
    """Save `source` as the shop's version of `part` (in SIMPLE `mode`: as the simple
    source of the whole email); return the part as now stored.

    `actor` is who saves it (template_saving checks the permission). Raises TemplateError
    with the problems when the desk refuses it (nothing stored).
    """
    if mode == SIMPLE:
        template_saving.save_shop_simple(db, event, language, source, actor=actor)
    else:
        template_saving.save_shop_template(db, event, language, part, source, actor=actor)
    return open_part(db, event=event, language=language, part=part, mode=mode)


def reset_part(
    db: Database,
    *,
    event: Event | str,
    language: str,
    part: str,
    mode: str | None = None,
    actor: Actor | None = None,
) -> PartText:
    """Go back to the default wording of `part` (in SIMPLE `mode`: of both email parts),
    as `actor` (template_saving checks the permission); return the part as now stored."""
    if mode == SIMPLE:
        template_saving.reset_shop_email(db, event, language, actor=actor)
    else:
        template_saving.reset_shop_template(db, event, language, part, actor=actor)
    return open_part(db, event=event, language=language, part=part, mode=mode)


__all__ = ["PartText", "open_part", "part_text", "reset_part", "save_part"]
