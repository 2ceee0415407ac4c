"""What the customer space shows of one return, in its customer's language.

`return_page(db, token=...)` reads the return a personal link opens and gives the page
everything it shows: the message context (desk.messages.context: the customer's name,
the items and amounts, the refund method, what happens next) plus the status and the
timeline in the customer's words. `find_return` looks a return up by its number and the
email or phone it was logged with, and answers with its personal link or None, never
saying which of the two did not match. `instructions_page(db, token=...)` gives the
return's printed instructions sheet (desk.instructions.sheet), in the same language.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass

from sqlmodel import Session, col, select

from desk.codes import Status
from desk.db import Database
from desk.errors import DeskError
from desk.instructions.sheet import Sheet, build_sheet
from desk.messages.context import context_for, format_day, normalise_language, shop_settings
from desk.messages.events import event_for
from desk.models import Customer, Return, ReturnLine, StatusChange
from desk.portal.links import return_for_token, token_for
from desk.returns import ReturnDetail
from desk.settings import SHOP_LOGO, get_setting
from desk.words import section

log = logging.getLogger(__name__)

_DIGITS = re.compile(r"\D+")


@dataclass(frozen=True)
class Step:
    """One line of the return's timeline as the customer reads it."""

    day: str
    status: str


@dataclass(frozen=True)
class ReturnPage:
    """Everything the return's page shows; `context` is the messages' template context."""

    language: str
    status: Status
    status_words: str
    steps: list[Step]
    context: dict
    words: dict


def return_page(db: Database, *, token: str) -> ReturnPage | None:
    """The page of the return `token` opens, or None (unknown, revoked or expired link).

    Past the link's own check, two selects: the customer with the lines, and the
    timeline; the shop's words come from a cache renewed every SHOP_CACHE_S seconds.
    """
    with db.session() as session:
        return_id = return_for_token(session, token)
        if return_id is None:
            return None
        detail = _detail(session, return_id)
        shop = _shop_settings(db, session)
    language = normalise_language(detail.customer.preferred_language)
    status = detail.ret.status
    event = event_for(status) or event_for(Status.RECEIVED)
    statuses = section(language, "portal.status")
    steps = [
        Step(format_day(change.at.astimezone().date(), language), statuses[change.to_status])
        for change in detail.timeline
    ]
    context = context_for(detail, shop, event=event, language=language)
    if event_for(status) is None:  # cancelled: no message to take "what happens next" from
        day = steps[-1].day if steps else format_day(detail.ret.created_at.date(), language)
        context["next_step"] = section(language, "sheet.text")["cancelled_on"].format(day=day)
    return ReturnPage(
        language=language,
        status=status,
        status_words=statuses[status],
        steps=steps,
        context=context,
        words=dict(section(language, "portal")),
    )


def _detail(session: Session, return_id: int) -> ReturnDetail:
    """The return with its customer and lines in one select, its timeline in another:
    what the page shows (it shows no exchange lines)."""
    rows = session.exec(
        select(Return, Customer, ReturnLine)
        .join(Customer, col(Customer.id) == Return.customer_id)
        .outerjoin(ReturnLine, col(ReturnLine.return_id) == Return.id)
        .where(Return.id == return_id)
        .order_by(col(ReturnLine.id))
    ).all()
    timeline = session.exec(
        select(StatusChange)
        .where(StatusChange.return_id == return_id)
        .order_by(col(StatusChange.at), col(StatusChange.id))
    ).all()
    ret, customer, _line = rows[0]
    lines = [line for _ret, _customer, line in rows if line is not None]
    return ReturnDetail(ret=ret, customer=customer, lines=lines, timeline=list(timeline))


SHOP_CACHE_S = 5.0
"""How long the pages reuse the shop's name, address and such before reading them again:
a change saved in the desk shows on the site within this many seconds."""
_shop_cache: dict[int, tuple[float, dict[str, object]]] = {}


def _shop_settings(db: Database, session: Session) -> dict[str, object]:
    cached = _shop_cache.get(id(db))
    now = time.monotonic()
    if cached is None or now - cached[0] > SHOP_CACHE_S:
        cached = _shop_cache[id(db)] = (now, shop_settings(session))
    return cached[1]


@dataclass(frozen=True)
class InstructionsPage:
    """The instructions of the return a link opens: the printed sheet and the site's words."""

    language: str
    sheet: Sheet
    words: dict
    shop: dict


def instructions_page(db: Database, *, token: str) -> InstructionsPage | None:
    """The sheet of the return `token` opens, in its customer's language, or None."""
    with db.session() as session:
        return_id = return_for_token(session, token)
        if return_id is None:
            return None
        ret = session.get(Return, return_id)
        customer = session.get(Customer, ret.customer_id)
        language = normalise_language(customer.preferred_language if customer else None)
        sheet = build_sheet(session, return_number=ret.number, language=language)
        shop = _shop(session)
    return InstructionsPage(language, sheet, dict(section(language, "portal")), shop)


def _same_contact(customer: Customer, typed: str) -> bool:
    typed = typed.strip()
    if not typed:
        return False
    if "@" in typed:
        return (customer.email or "").strip().lower() == typed.lower()
    digits = _DIGITS.sub("", typed)
    known = _DIGITS.sub("", customer.phone or "")
    return len(digits) >= 6 and len(known) >= 6 and digits[-9:] == known[-9:]


def find_return(db: Database, *, number: str, contact: str) -> str | None:
    """The link token of return `number` if `contact` is its customer's email or phone."""
    with db.session() as session, session.begin():
        ret = session.exec(select(Return).where(Return.number == number.strip().upper())).first()
        customer = session.get(Customer, ret.customer_id) if ret is not None else None
        if ret is None or customer is None or not _same_contact(customer, contact):
            return None
        try:
            return token_for(session, ret.id)
        except DeskError as error:  # no link key here: `returndesk portal` said so at start
            log.warning("No personal link to give: %s", error)
            return None


def shop_for_pages(db: Database) -> dict[str, object]:
    """The shop's name, phone and such, for pages shown without a return (the find form)."""
    with db.session() as session:
        return _shop(session)


def shop_logo(db: Database) -> str:
    """The path of the shop's logo file as set (empty: none)."""
    with db.session() as session:
        return get_setting(session, SHOP_LOGO)


def _shop(session: Session) -> dict[str, object]:
    stored = shop_settings(session)
    return {"name": stored["shop.name"], "phone": stored["shop.phone"]}
