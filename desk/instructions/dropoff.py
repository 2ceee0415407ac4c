"""Drop-off points: places near the shop that take goods for reuse, recycling or donation."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import func
from sqlmodel import Session, col, select

from desk.errors import NotFound, ValidationError
from desk.i18n.catalog import N_, _
from desk.models import DropOffPoint
from desk.validation import text_error
from desk.words import languages, section

if TYPE_CHECKING:
    from desk.db import Database


class Kind(enum.StrEnum):
    """What a drop-off point takes goods for."""

    REUSE = "reuse"
    RECYCLING = "recycling"
    DONATION = "donation"


KIND_COLUMNS: dict[Kind, str] = {
    Kind.REUSE: "accepts_reuse",
    Kind.RECYCLING: "accepts_recycling",
    Kind.DONATION: "accepts_donation",
}
"""The DropOffPoint column that says whether a point takes goods of each kind."""


@dataclass
class DropOffDraft:
    """A drop-off point as typed in; `id` set means: update that point."""

    name: str
    address: str
    hours: str = ""
    accepts_reuse: bool = False
    accepts_recycling: bool = False
    accepts_donation: bool = False
    categories: str = ""
    notes: str = ""
    active: bool = True
    position: int | None = None
    id: int | None = None

    @classmethod
    def from_point(cls, point: DropOffPoint) -> DropOffDraft:
        """Return a draft holding what `point` stores (to edit it)."""
        return cls(
            name=point.name,
            address=point.address,
            hours=point.hours,
            accepts_reuse=point.accepts_reuse,
            accepts_recycling=point.accepts_recycling,
            accepts_donation=point.accepts_donation,
            categories=point.categories,
            notes=point.notes,
            active=point.active,
            position=point.position,
            id=point.id,
        )


def kinds_of(point: DropOffPoint) -> list[Kind]:
    """Return the kinds of goods `point` takes, in the order reuse, recycling, donation."""
    return [kind for kind, column in KIND_COLUMNS.items() if getattr(point, column)]


def accepts_text(point: DropOffPoint, language: str = "en") -> str:
    """Return what `point` takes in words: "Reuse, Recycling" (empty when nothing)."""
    labels = section(language if language in languages() else "en", "dropoff.kind")
    return ", ".join(labels[kind] for kind in kinds_of(point))


@cache
def _vocabulary(table: str, language: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern finding any known word of `table` (in any language) and its key per form."""
    key_of: dict[str, str] = {}
    for known in languages():
        for key, forms in section(known, table).items():
            for form in forms.split("|"):
                key_of.setdefault(form.casefold(), key)
    forms = sorted(key_of, key=len, reverse=True)  # "Closed on" before "Closed"
    pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, forms)) + r")(?!\w)", re.I)
    return pattern, key_of


def _say(table: str, language: str, found: str, key: str) -> str:
    said = section(language, table)[key].split("|")[0]
    if found[:1].isupper():
        return said[:1].upper() + said[1:]
    return said[:1].lower() + said[1:] if found[:1].islower() else said


def localize_hours(text: str, language: str) -> str:
    """A point's opening hours with the day names and phrases the app knows in `language`.

    "Mon–Sat 6:00–22:00, Sun and holidays closed" reads "Seg–Sáb 6:00–22:00, Dom e feriados
    fechado" in pt_BR; words the app does not know stay as the shop typed them.
    """
    return _localize("dropoff.hours", text, language)


def localize_goods(text: str, language: str) -> str:
    """A point's kinds of goods ("electronics, batteries") with the names the app knows in
    `language` ("eletrônicos, pilhas e baterias"); other words stay as typed."""
    return _localize("dropoff.goods", text, language)


def _localize(table: str, text: str, language: str) -> str:
    if not text or language not in languages():
        return text
    pattern, key_of = _vocabulary(table, language)
    return pattern.sub(
        lambda m: _say(table, language, m.group(0), key_of[m.group(0).casefold()]), text
    )


_FIELDS: dict[str, str] = {
    "name": N_("name"),
    "address": N_("address"),
    "hours": N_("opening hours"),
    "categories": N_("categories"),
    "notes": N_("notes"),
}
"""The fields of a drop-off point as a sentence about one of them names it."""


def validate_point(data: DropOffDraft) -> dict[str, str]:
    """Return the problems with `data`, keyed by field ("name", "address", "position")."""
    errors: dict[str, str] = {}
    if not data.name.strip():
        errors["name"] = _("Enter the name of the drop-off point.")
    elif len(data.name.strip()) > 200:
        errors["name"] = _("Keep the name under 200 characters.")
    if not data.address.strip():
        errors["address"] = _("Enter the address, so customers can find it.")
    if data.position is not None and not 0 <= data.position <= 1_000_000:
        errors["position"] = _("The position is a number from 0 up.")
    for key, field_name in _FIELDS.items():
        if key not in errors and (
            problem := text_error(
                getattr(data, key).strip(), _(field_name), multiline=key != "name"
            )
        ):
            errors[key] = problem  # a NUL byte: refused by PostgreSQL
    return errors


def list_points(session: Session, *, active_only: bool = True) -> list[DropOffPoint]:
    """Return the drop-off points in display order (position, then name)."""
    query = select(DropOffPoint)
    if active_only:
        query = query.where(col(DropOffPoint.active).is_(True))
    query = query.order_by(
        col(DropOffPoint.position), func.lower(DropOffPoint.name), col(DropOffPoint.id)
    )
    return list(session.exec(query).all())


def get_point(session: Session, point_id: int) -> DropOffPoint:
    """Return the drop-off point `point_id`; raise NotFound when there is none."""
    point = session.get(DropOffPoint, point_id)
    if point is None:
        raise NotFound(
            _("There is no drop-off point {number}; it may have been removed.").format(
                number=point_id
            )
        )
    return point


def save_point(session: Session, data: DropOffDraft) -> DropOffPoint:
    """Check and store a new point (no id) or the changes to one; flush; return it.

    The caller commits. Raises ValidationError, with one message per field, and changes
    nothing when `data` is not valid. A new point without a position goes last.
    """
    if errors := validate_point(data):
        raise ValidationError(errors)
    if data.id is None:
        point = DropOffPoint(name="")
        if data.position is None:
            last = session.exec(select(func.max(DropOffPoint.position))).one()
            point.position = 0 if last is None else last + 1
    else:
        point = get_point(session, data.id)
    point.name = data.name.strip()
    point.address = data.address.strip()
    point.hours = data.hours.strip()
    point.accepts_reuse = bool(data.accepts_reuse)
    point.accepts_recycling = bool(data.accepts_recycling)
    point.accepts_donation = bool(data.accepts_donation)
    point.categories = data.categories.strip()
    point.notes = data.notes.strip()
    point.active = bool(data.active)
    if data.position is not None:
        point.position = data.position
    session.add(point)
    session.flush()
    session.refresh(point)
    return point


def set_active(session: Session, point_id: int, active: bool) -> DropOffPoint:
    """Deactivate (or reactivate) a point; it is kept, never deleted; flush; return it.

    The caller commits.
    """
    point = get_point(session, point_id)
    point.active = bool(active)
    session.add(point)
    session.flush()
    session.refresh(point)
    return point


# one call per user action, each in its own transaction (the Settings dialog's tab uses these)


def load_points(db: Database, *, active_only: bool = False) -> list[DropOffPoint]:
    """Return the drop-off points in display order, every one unless `active_only`."""
    with db.session() as session:
        return list_points(session, active_only=active_only)


def load_point(db: Database, point_id: int) -> DropOffPoint:
    """Return the drop-off point `point_id`; raise NotFound when there is none."""
    with db.session() as session:
        return get_point(session, point_id)


def save_dropoff_point(db: Database, data: DropOffDraft) -> DropOffPoint:
    """Check and store a new point or the changes to one, and commit; return it.

    Raises ValidationError (one message per field) and stores nothing when `data` is bad.
    """
    with db.session() as session:
        point = save_point(session, data)
        session.commit()
        return point


def set_dropoff_active(db: Database, point_id: int, active: bool) -> DropOffPoint:
    """Deactivate (or reactivate) the point `point_id`, and commit; return it."""
    with db.session() as session:
        point = set_active(session, point_id, active)
        session.commit()
        return point


def points_for(session: Session, kinds: set[str]) -> list[DropOffPoint]:
    """Return the active points that take goods of any of `kinds`, in display order."""
    wanted = [KIND_COLUMNS[Kind(kind)] for kind in kinds]
    if not wanted:
        return []
    return [
        point
        for point in list_points(session, active_only=True)
        if any(getattr(point, column) for column in wanted)
    ]


@dataclass(frozen=True)
class DropOffView:
    """A drop-off point as the sheet shows it; `accepts` holds localized words."""

    name: str
    address: str
    hours: str
    accepts: list[str]
    categories: str = ""


def dropoff_view(point: DropOffPoint, language: str) -> DropOffView:
    """Return a drop-off point as the sheet shows it: its kinds, and the day names and
    goods the app knows in its hours and categories, in `language`; the rest as typed."""
    words = section(language, "dropoff.kind")
    return DropOffView(
        name=point.name,
        address=point.address,
        hours=localize_hours(point.hours, language),
        accepts=[words[kind] for kind in kinds_of(point)],
        categories=localize_goods(point.categories, language),
    )


def sustainability_note(kinds: set[Kind], language: str) -> str:
    """Return what the shop does with returned goods of `kinds`, and with packaging."""
    text = section(language, "sheet.text")
    parts = [
        text[f"{kind.value}_note"]
        for kind in (Kind.REUSE, Kind.DONATION, Kind.RECYCLING)
        if kind in kinds
    ]
    return " ".join([*parts, text["packaging_note"]])
