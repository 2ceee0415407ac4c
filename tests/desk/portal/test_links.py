"""Personal links: unguessable, stored hashed, revocable, expiring after the return ends."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from desk.codes import Status
from desk.errors import DeskError
from desk.models import PortalLink, utcnow
from desk.portal.links import personal_link, return_for_token, revoke_links
from desk.returns import CustomerDraft, LineDraft, ReturnDraft
from desk.services import create_return, move_return
from desk.settings import PORTAL_LINK_DAYS, PORTAL_PUBLIC_URL, save_settings


def new_return(db):
    draft = ReturnDraft(
        reason="defective",
        lines=[LineDraft(sku="LAMP-2", unit_price_cents=3000)],
        new_customer=CustomerDraft(name="Nina Costa"),
    )
    return create_return(db, draft=draft)


def opens(db, link: str, **kwargs) -> int | None:
    with db.session() as session:
        return return_for_token(session, link.rsplit("/", 1)[1], **kwargs)


def test_a_link_opens_its_return_and_only_its_hash_is_stored(db):
    ret = new_return(db)
    save_settings(db, {PORTAL_PUBLIC_URL: "https://returns.example.com/"})
    link = personal_link(db, number=ret.number.lower())
    assert link.startswith("https://returns.example.com/r/")
    token = link.rsplit("/", 1)[1]
    assert len(token) >= 32
    assert opens(db, link) == ret.id
    with db.session() as session:
        [row] = session.exec(select(PortalLink)).all()
    assert token not in row.token_hash and len(row.token_hash) == 64
    assert personal_link(db, number=ret.number) != link  # each asked link is new


def test_without_a_public_address_the_link_is_a_path(db):
    ret = new_return(db)
    assert personal_link(db, number=ret.number).startswith("/r/")


@pytest.mark.parametrize("token", ["", "x" * 500, "not-a-token", "r" * 32])
def test_unknown_tokens_open_nothing(db, token):
    new_return(db)
    with db.session() as session:
        assert return_for_token(session, token) is None


def test_revoking_stops_every_link_of_the_return(db):
    ret, other = new_return(db), new_return(db)
    first, second = personal_link(db, number=ret.number), personal_link(db, number=ret.number)
    kept = personal_link(db, number=other.number)
    assert revoke_links(db, number=ret.number) == 2
    assert opens(db, first) is None and opens(db, second) is None
    assert opens(db, kept) == other.id
    assert revoke_links(db, number=ret.number) == 0
    with pytest.raises(DeskError, match="There is no return R-1999-00001"):
        revoke_links(db, number="r-1999-00001")


def test_a_link_expires_the_set_days_after_the_return_ends(db):
    ret = new_return(db)
    link = personal_link(db, number=ret.number)
    save_settings(db, {PORTAL_LINK_DAYS: 10})
    later = utcnow() + timedelta(days=30)
    assert opens(db, link, now=later) == ret.id  # still open: no end, no expiry
    move_return(
        db,
        return_id=ret.id,
        to=Status.CANCELLED,
        expected_version=ret.version,
        note="Kept it after all",
        notify=False,
    )
    assert opens(db, link, now=utcnow() + timedelta(days=9)) == ret.id
    assert opens(db, link, now=utcnow() + timedelta(days=11)) is None
