"""Erased customers stay erased: salted fingerprints of their contacts, checked on import.

Erasing a customer (desk.customers.privacy) buries their email and phone: it keeps the
SHA-256 of each, normalized (the email in lower case, the phone in E.164), over a random
salt made once per shop. Every path that creates customers from outside data (the CSV
import) skips a row whose email or phone matches one, so a later till export does not
bring the person back. Nothing else of the person is kept, and no fingerprint leads back
to a customer record.

The salt is not a secret (a fingerprint only answers "was this contact erased?"); it
lives in the setting table under `SALT_KEY`, but it is not a setting staff edit (it is
not in desk.settings): changing it would let every erased customer back in.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable

from sqlalchemy import insert, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col

from desk.models import ErasedContact, Setting
from desk.phones import to_e164
from desk.settings import SHOP_COUNTRY, get_setting

_E164 = re.compile(r"\+[1-9][0-9]{6,14}")  # already as stored: no need to parse it again

SALT_KEY = "privacy.erased_salt"
"""Where the shop's salt is kept in the setting table (64 hex digits, made on first use)."""


def _salt(session: Session, *, create: bool) -> str | None:
    """The shop's salt; made (and flushed) when `create` and there is none yet."""
    row = session.get(Setting, SALT_KEY)
    if row is not None or not create:
        return row.value if row is not None else None
    conn = session.connection()
    values = {"key": SALT_KEY, "value": secrets.token_hex(32)}
    upsert = {"sqlite": sqlite_insert, "postgresql": postgresql_insert}.get(conn.dialect.name)
    if upsert is not None:  # another desk may make it meanwhile: theirs is kept
        conn.execute(upsert(Setting.__table__).values(values).on_conflict_do_nothing())
    else:
        conn.execute(insert(Setting.__table__).values(values))
    return conn.execute(select(Setting.__table__.c.value).where(Setting.key == SALT_KEY)).scalar()


def _normal(email: str | None, phone: str | None, country: str) -> list[str]:
    """The contacts as fingerprinted: "email:ana@example.com", "phone:+5511912345678"."""
    found = []
    if email and email.strip():
        found.append(f"email:{email.strip().lower()}")
    if phone and phone.strip():
        phone = phone.strip().lstrip("'")
        e164 = phone if _E164.fullmatch(phone) else to_e164(phone, country)
        number = e164 or "+" + "".join(c for c in phone if c.isdigit())
        if len(number) > 1:
            found.append(f"phone:{number}")
    return found


def _hash(salt: str, contact: str) -> str:
    return hashlib.sha256(f"{salt}\n{contact}".encode()).hexdigest()


def contact_hashes(session: Session, email: str | None, phone: str | None) -> list[str]:
    """The fingerprints of `email` and `phone` (those given), as buried.

    Empty before the first erasure: without a salt nothing was buried, so nothing matches.
    """
    salt = _salt(session, create=False)
    if salt is None:
        return []
    country = get_setting(session, SHOP_COUNTRY)
    return [_hash(salt, contact) for contact in _normal(email, phone, country)]


def is_erased(session: Session, email: str | None, phone: str | None) -> bool:
    """Whether `email` or `phone` belongs to an erased customer."""
    hashes = contact_hashes(session, email, phone)
    if not hashes:
        return False
    query = select(ErasedContact.contact_hash).where(col(ErasedContact.contact_hash).in_(hashes))
    return session.connection().execute(query.limit(1)).first() is not None


def erased_matcher(session: Session) -> Callable[[str | None, str | None], bool]:
    """A test `(email, phone) -> erased?` for many rows: the fingerprints are read once."""
    salt = _salt(session, create=False)
    known = set(session.connection().execute(select(ErasedContact.contact_hash)).scalars())
    if salt is None or not known:
        return lambda email, phone: False
    country = get_setting(session, SHOP_COUNTRY)

    def erased(email: str | None, phone: str | None) -> bool:
        return any(_hash(salt, c) in known for c in _normal(email, phone, country))

    return erased


def bury(session: Session, email: str | None, phone: str | None) -> None:
    """Keep the fingerprints of `email` and `phone` (flushed; the caller commits)."""
    country = get_setting(session, SHOP_COUNTRY)
    contacts = _normal(email, phone, country)
    if not contacts:
        return
    salt = _salt(session, create=True)
    for contact in contacts:
        digest = _hash(salt, contact)
        if session.get(ErasedContact, digest) is None:
            session.add(ErasedContact(contact_hash=digest))
    session.flush()


__all__ = ["SALT_KEY", "bury", "contact_hashes", "erased_matcher", "is_erased"]
