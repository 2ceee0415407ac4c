"""Personal links: signed with the shop's key, stable, revocable, expiring after the end."""

from __future__ import annotations

import base64
import hashlib
from datetime import timedelta

import keyring
import pytest
from sqlmodel import select

from desk.codes import Status
from desk.errors import DeskError
from desk.models import PortalLink, PortalRevocation, utcnow
from desk.portal.links import (
    KEY_ENV,
    KEY_NAME,
    link_key,
    open_link,
    personal_link,
    read_token,
    return_for_token,
    revoke_links,
    sign_token,
    token_in,
)
from desk.returns import CustomerDraft, LineDraft, ReturnDraft
from desk.secrets import SERVICE
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


def test_a_link_opens_its_return_and_is_the_same_each_time(db, memory_keyring):
    ret = new_return(db)
    save_settings(db, {PORTAL_PUBLIC_URL: "https://returns.example.com/"})
    link = personal_link(db, number=ret.number.lower())
    assert link.startswith("https://returns.example.com/r/")
    assert len(link.rsplit("/", 1)[1]) == 34
    assert opens(db, link) == ret.id
    assert personal_link(db, number=ret.number) == link  # stable: preview == sent
    with db.session() as session:
        assert session.exec(select(PortalLink)).all() == []  # nothing stored per link
    [(_, name)] = memory_keyring.secrets  # the key was made once, in the keyring
    assert name == KEY_NAME


def test_the_token_round_trips_and_any_change_is_refused():
    key = b"k" * 32
    token = sign_token(key, 4242, 3)
    assert read_token(key, token) == (4242, 3)
    assert read_token(b"another shop's key", token) is None
    raw = bytearray(base64.urlsafe_b64decode(token + "=="))
    for at in (1, 5, 9, 24):  # the return id, the version, the signature
        tampered = bytearray(raw)
        tampered[at] ^= 1
        forged = base64.urlsafe_b64encode(bytes(tampered)).rstrip(b"=").decode()
        assert read_token(key, forged) is None
    assert read_token(key, token[:-1] + ("B" if token[-1] == "A" else "A")) is None


def test_a_link_signed_by_another_shop_opens_nothing(db, memory_keyring):
    ret = new_return(db)
    link = personal_link(db, number=ret.number)
    other_shop = type(memory_keyring)()  # another computer's keyring, same database
    other_shop.set_password(SERVICE, KEY_NAME, "a different shop's key")
    keyring.set_keyring(other_shop)
    assert opens(db, link) is None
    assert opens(db, personal_link(db, number=ret.number)) == ret.id
    keyring.set_keyring(memory_keyring)
    assert opens(db, link) == ret.id


def test_the_key_can_come_from_the_environment(db, monkeypatch):
    ret = new_return(db)
    monkeypatch.setenv(KEY_ENV, "the key every desk of the shop was given")
    link = personal_link(db, number=ret.number)
    assert link.rsplit("/", 1)[1] == sign_token(
        b"the key every desk of the shop was given", ret.id, 0
    )
    assert opens(db, link) == ret.id
    monkeypatch.setenv(KEY_ENV, "short")
    with pytest.raises(DeskError, match="RETURNDESK_PORTAL_KEY is too short"):
        link_key()


def test_without_a_public_address_the_link_is_a_path(db):
    ret = new_return(db)
    assert personal_link(db, number=ret.number).startswith("/r/")


@pytest.mark.parametrize(
    "token", ["", "x" * 500, "not-a-token", "r" * 32, "A" * 34, "AQAAAAEAAAAA" + "-" * 22]
)
def test_unknown_tokens_open_nothing(db, token):
    new_return(db)
    with db.session() as session:
        assert return_for_token(session, token) is None


def test_revoking_stops_every_link_given_so_far(db):
    ret, other = new_return(db), new_return(db)
    first = personal_link(db, number=ret.number)
    kept = personal_link(db, number=other.number)
    assert revoke_links(db, number=ret.number) == 1
    assert opens(db, first) is None
    second = personal_link(db, number=ret.number)
    assert second != first and opens(db, second) == ret.id
    assert opens(db, kept) == other.id
    assert revoke_links(db, number=ret.number) == 2
    assert opens(db, second) is None and opens(db, first) is None
    with db.session() as session:
        rows = session.exec(select(PortalRevocation)).all()
    assert [(row.return_id, row.version) for row in rows] == [(ret.id, 1), (ret.id, 2)]
    with pytest.raises(DeskError, match="There is no return R-1999-00001"):
        revoke_links(db, number="r-1999-00001")


def test_links_made_before_signing_still_open_until_revoked(db):
    ret = new_return(db)
    old = "Zm9yLXRlc3RzLW9ubHktYS1yYW5kb20t"  # 32 characters, as token_urlsafe(24) gave
    with db.session() as session, session.begin():
        digest = hashlib.sha256(old.encode()).hexdigest()
        session.add(PortalLink(return_id=ret.id, token_hash=digest))
    assert opens(db, f"/r/{old}") == ret.id
    revoke_links(db, number=ret.number)
    assert opens(db, f"/r/{old}") is None


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


@pytest.mark.parametrize(
    "text",
    [
        "https://returns.example.com/r/{t}",
        "  https://shop.example/returns/r/{t}/  ",
        "/r/{t}",
        "r/{t}",
        "https://returns.example.com/r/{t}?utm_source=sheet",
    ],
)
def test_a_scanned_link_is_recognised(text):
    token = sign_token(b"k" * 32, 7, 0)
    assert token_in(text.format(t=token)) == token


@pytest.mark.parametrize("text", ["R-2026-00042", "Nina Costa", "https://example.com/about", ""])
def test_other_searches_are_not_links(text):
    assert token_in(text) is None


def test_open_link_finds_the_return_or_says_the_link_is_bad(db):
    ret = new_return(db)
    link = personal_link(db, number=ret.number)
    found = open_link(db, text=f"https://returns.example.com{link}")
    assert (found.id, found.number) == (ret.id, ret.number)
    revoke_links(db, number=ret.number)
    with pytest.raises(DeskError, match="This personal link opens no return: it was revoked"):
        open_link(db, text=link)


def test_staff_read_a_bad_link_in_the_desks_language(db):
    from desk.i18n.catalog import set_language

    set_language("pt_BR")
    with pytest.raises(DeskError, match="^Este link pessoal não abre nenhuma devolução"):
        open_link(db, text="https://returns.example.com/r/" + "A" * 34)
    with pytest.raises(DeskError, match="^Não existe a devolução R-1999-00001.$"):
        revoke_links(db, number="r-1999-00001")


def test_without_a_key_messages_go_without_a_link_and_say_why_in_the_log(db, caplog):
    from keyring.backends.fail import Keyring as FailKeyring

    from desk.portal.links import message_link
    from desk.portal.view import find_return

    draft = ReturnDraft(
        reason="defective",
        lines=[LineDraft(sku="LAMP-2", unit_price_cents=3000)],
        new_customer=CustomerDraft(name="Nina Costa", email="nina@example.com"),
    )
    ret = create_return(db, draft=draft)
    save_settings(db, {PORTAL_PUBLIC_URL: "https://returns.example.com"})
    with db.session() as session:
        assert message_link(session, ret.id).startswith("https://returns.example.com/r/")
    assert find_return(db, number=ret.number, contact="nina@example.com") is not None
    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())
    try:
        with db.session() as session:
            assert message_link(session, ret.id) == ""
        assert find_return(db, number=ret.number, contact="nina@example.com") is None
        with pytest.raises(DeskError, match="no secure password store"):
            personal_link(db, number=ret.number)
    finally:
        keyring.set_keyring(previous)
    assert "Messages carry no personal link: This computer has no secure" in caplog.text
    assert "No personal link to give" in caplog.text and "/r/" not in caplog.text
