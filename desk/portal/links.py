"""Personal links to one return in the customer space.

A link is the shop's public address + "/r/" + a token. The token is signed, not stored: the
base64url of (format, return id, link version) and the first 16 bytes of their HMAC-SHA256
under the shop's link key. The same return gives the same token until its links are
revoked, so a message previewed and the same message sent carry the same bytes. Revoking
raises the return's link version (a PortalRevocation row): every earlier link stops working.
A link also stops PORTAL_LINK_DAYS after its return reached a final status (closed,
rejected, cancelled). Looking a token up never says why it failed; tokens are never logged.

The link key is RETURNDESK_PORTAL_KEY when that is set (a server without a keyring), else
the OS keyring's entry, made on first use. It is never kept in the database, so every desk
and the customer space over one database must be given the same key (README, "Several
desks, one link key").

Links made before signing were random tokens kept as SHA-256 hashes (PortalLink): they keep
working until revoked or expired; none are made anymore.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import re
import struct
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from desk.codes import Status
from desk.db import Database
from desk.errors import DeskError
from desk.i18n.catalog import _
from desk.models import PortalLink, PortalRevocation, Return, StatusChange, utcnow
from desk.portal.link_text import token_in
from desk.secrets import ensure_key
from desk.settings import PORTAL_LINK_DAYS, PORTAL_PUBLIC_URL, get_setting
from desk.workflow import allowed_next

log = logging.getLogger(__name__)

FINAL = tuple(status for status in Status if not allowed_next(status))
"""Statuses a return never leaves; a link expires PORTAL_LINK_DAYS after reaching one."""

KEY_ENV = "RETURNDESK_PORTAL_KEY"
"""The environment variable that gives the link key where there is no keyring."""

KEY_NAME = "portal_link_key"
"""The link key's name in the OS keyring (desk.secrets.KEYS)."""

_FORMAT = 1
_PAYLOAD = struct.Struct(">BII")  # format, return id, link version
_MAC_BYTES = 16
_SIGNED = re.compile(r"[A-Za-z0-9_-]{34}")  # 9 + 16 bytes in base64url without padding
_DOMAIN = b"returndesk personal link\x00"

_cached_key: tuple[str | None, object, bytes] | None = None


def link_key() -> bytes:
    """The shop's link key: RETURNDESK_PORTAL_KEY, else the keyring's (made on first use).

    Raises DeskError (NoSecureStore) when neither can give one.
    """
    global _cached_key
    env = os.environ.get(KEY_ENV) or None
    backend = None if env else _keyring_backend()
    if _cached_key is not None and _cached_key[0] == env and _cached_key[1] is backend:
        return _cached_key[2]
    if env is not None and len(env) < 16:
        raise DeskError(
            _("{variable} is too short: give it at least 16 characters.").format(variable=KEY_ENV)
        )
    key = (env or ensure_key(KEY_NAME)).encode()
    _cached_key = (env, backend, key)
    return key


def _keyring_backend() -> object:
    import keyring

    return keyring.get_keyring()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _mac(key: bytes, payload: bytes) -> bytes:
    return hmac.new(key, _DOMAIN + payload, hashlib.sha256).digest()[:_MAC_BYTES]


def sign_token(key: bytes, return_id: int, version: int) -> str:
    """The token of link version `version` of return `return_id` under `key`."""
    payload = _PAYLOAD.pack(_FORMAT, return_id, version)
    return _b64(payload + _mac(key, payload))


def read_token(key: bytes, token: str) -> tuple[int, int] | None:
    """The (return id, link version) a signed token names, or None when it is not one
    signed with `key` (the signature is compared in constant time)."""
    if not _SIGNED.fullmatch(token):
        return None
    raw = base64.urlsafe_b64decode(token + "==")
    if _b64(raw) != token:  # one spelling per token
        return None
    payload, mac = raw[: _PAYLOAD.size], raw[_PAYLOAD.size :]
    if not hmac.compare_digest(mac, _mac(key, payload)):
        return None
    form, return_id, version = _PAYLOAD.unpack(payload)
    return (return_id, version) if form == _FORMAT else None


def link_version(session: Session, return_id: int) -> int:
    """The link version of return `return_id`: how often its links were revoked."""
    version = session.exec(
        select(func.max(PortalRevocation.version)).where(PortalRevocation.return_id == return_id)
    ).one()
    return version or 0


def token_for(session: Session, return_id: int) -> str:
    """The personal-link token of return `return_id`: the same one until it is revoked.

    Raises DeskError when there is no link key (see `link_key`).
    """
    return sign_token(link_key(), return_id, link_version(session, return_id))


def link_url(public_url: str, token: str) -> str:
    """The personal link customers open: the public address + /r/ + the token."""
    return f"{public_url.rstrip('/')}/r/{token}"


def unsubscribe_url(public_url: str, token: str) -> str:
    """The one-click unsubscribe link (RFC 8058) for the customer of the token's return."""
    return f"{public_url.rstrip('/')}/u/{token}"


def message_link(session: Session, return_id: int | None) -> str:
    """The personal link a message about return `return_id` carries: empty without a
    public address, for a return not stored yet, or when there is no link key (logged)."""
    public = get_setting(session, PORTAL_PUBLIC_URL)
    if not public or not return_id:
        return ""
    try:
        return link_url(public, token_for(session, return_id))
    except DeskError as error:
        log.warning("Messages carry no personal link: %s", error)
        return ""


def personal_link(db: Database, *, number: str) -> str:
    """The personal link to return `number` (full URL when the public address is set)."""
    with db.session() as session:
        ret = _return(session, number)
        token = token_for(session, ret.id)
        public = get_setting(session, PORTAL_PUBLIC_URL)
    return link_url(public, token) if public else f"/r/{token}"


def revoke_links(db: Database, *, number: str) -> int:
    """Stop every link to return `number` so far from working; return its new link version.

    Also revokes the return's older random-token links.
    """
    with db.session() as session, session.begin():
        ret = _return(session, number)
        version = link_version(session, ret.id) + 1
        session.add(PortalRevocation(return_id=ret.id, version=version))
        session.exec(
            update(PortalLink)
            .where(col(PortalLink.return_id) == ret.id, col(PortalLink.revoked_at).is_(None))
            .values(revoked_at=utcnow())
        )
        return version


def _return(session: Session, number: str) -> Return:
    ret = session.exec(select(Return).where(Return.number == number.strip().upper())).first()
    if ret is None:
        shown = number.strip().upper() or _("(no number given)")
        raise DeskError(_("There is no return {number}.").format(number=shown))
    return ret


def return_for_token(session: Session, token: str, *, now: datetime | None = None) -> int | None:
    """The id of the return `token` opens, or None (unknown, revoked or expired: never why)."""
    if not token or len(token) > 100:
        return None
    if _SIGNED.fullmatch(token):
        return_id = _signed_return(session, token)
    else:
        return_id = _hashed_return(session, token)
    ret = session.get(Return, return_id) if return_id is not None else None
    if ret is None or _expired(session, ret, now or utcnow()):
        return None
    return ret.id


def _signed_return(session: Session, token: str) -> int | None:
    try:
        key = link_key()
    except DeskError as error:
        log.warning("Personal links cannot be checked: %s", error)
        return None
    named = read_token(key, token)
    if named is None or named[1] != link_version(session, named[0]):
        return None
    return named[0]


def _hashed_return(session: Session, token: str) -> int | None:
    """A link made before signing: a random token whose SHA-256 was stored."""
    digest = hashlib.sha256(token.encode()).hexdigest()
    row = session.exec(select(PortalLink).where(PortalLink.token_hash == digest)).first()
    if row is None or not hmac.compare_digest(row.token_hash, digest) or row.revoked_at:
        return None
    return row.return_id


def _expired(session: Session, ret: Return, now: datetime) -> bool:
    if ret.status not in FINAL:
        return False
    ended = session.exec(
        select(func.max(StatusChange.at)).where(
            StatusChange.return_id == ret.id, col(StatusChange.to_status).in_(list(FINAL))
        )
    ).one()
    days = get_setting(session, PORTAL_LINK_DAYS)
    return ended is not None and now > ended + timedelta(days=days)


@dataclass(frozen=True)
class LinkedReturn:
    """The return a scanned personal link opens."""

    id: int
    number: str


def open_link(db: Database, *, text: str) -> LinkedReturn:
    """The return the personal link `text` opens (the desk's search box).

    Raises DeskError saying the link opens nothing (revoked, expired or mistyped).
    """
    token = token_in(text)
    with db.session() as session:
        return_id = return_for_token(session, token) if token else None
        ret = session.get(Return, return_id) if return_id is not None else None
    if ret is None:
        raise DeskError(
            _(
                "This personal link opens no return: it was revoked, has expired or was "
                "misread. Search by the return number instead."
            )
        )
    return LinkedReturn(ret.id, ret.number)
