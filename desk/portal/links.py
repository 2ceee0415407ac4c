"""Personal links to one return in the customer space.

A link is the shop's public address + "/r/" + a random token (secrets.token_urlsafe,
192 bits). Only the token's SHA-256 is stored (PortalLink), so a copy of the database
opens nobody's return, and every desk sharing a PostgreSQL database can check any link.
A link works until it is revoked, or until PORTAL_LINK_DAYS after its return reached a
final status (closed, rejected, cancelled). Looking a token up never says why it failed.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from desk.codes import Status
from desk.db import Database
from desk.errors import DeskError
from desk.models import PortalLink, Return, StatusChange, utcnow
from desk.settings import PORTAL_LINK_DAYS, PORTAL_PUBLIC_URL, get_setting
from desk.workflow import allowed_next

FINAL = tuple(status for status in Status if not allowed_next(status))
"""Statuses a return never leaves; a link expires PORTAL_LINK_DAYS after reaching one."""

TOKEN_BYTES = 24
"""Random bytes per token (32 characters in a URL)."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link_url(public_url: str, token: str) -> str:
    """The personal link customers open: the public address + /r/ + the token."""
    return f"{public_url.rstrip('/')}/r/{token}"


def unsubscribe_url(public_url: str, token: str) -> str:
    """The one-click unsubscribe link (RFC 8058) for the customer of the token's return."""
    return f"{public_url.rstrip('/')}/u/{token}"


def add_link(session: Session, return_id: int) -> str:
    """Make a new link token for `return_id` inside the caller's transaction; return it."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    session.add(PortalLink(return_id=return_id, token_hash=_hash(token)))
    session.flush()
    return token


def personal_link(db: Database, *, number: str) -> str:
    """A new personal link to return `number` (full URL when the public address is set)."""
    with db.session() as session, session.begin():
        ret = _return(session, number)
        token = add_link(session, ret.id)
        public = get_setting(session, PORTAL_PUBLIC_URL)
    return link_url(public, token) if public else f"/r/{token}"


def revoke_links(db: Database, *, number: str) -> int:
    """Stop every link to return `number` from working; return how many were live."""
    with db.session() as session, session.begin():
        ret = _return(session, number)
        done = session.exec(
            update(PortalLink)
            .where(col(PortalLink.return_id) == ret.id, col(PortalLink.revoked_at).is_(None))
            .values(revoked_at=utcnow())
        )
        return done.rowcount or 0


def _return(session: Session, number: str) -> Return:
    ret = session.exec(select(Return).where(Return.number == number.strip().upper())).first()
    if ret is None:
        raise DeskError(f"There is no return {number.strip().upper() or '(no number given)'}.")
    return ret


def return_for_token(session: Session, token: str, *, now: datetime | None = None) -> int | None:
    """The id of the return `token` opens, or None (unknown, revoked or expired: never why)."""
    if not token or len(token) > 100:
        return None
    digest = _hash(token)
    row = session.exec(select(PortalLink).where(PortalLink.token_hash == digest)).first()
    if row is None or not hmac.compare_digest(row.token_hash, digest) or row.revoked_at:
        return None
    ret = session.get(Return, row.return_id)
    if ret is None or _expired(session, ret, now or utcnow()):
        return None
    return ret.id


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
