"""Migration 0015 adds the link revocations; links made before it (hashed tokens) still open."""

from __future__ import annotations

import hashlib

from sqlalchemy import inspect, text

from desk.db import Database, current_revision, make_engine, open_database
from desk.migrations import HEAD_REVISION, runner
from desk.models import PortalLink
from desk.paths import sqlite_url
from desk.portal.links import personal_link, return_for_token, revoke_links
from tests.desk.portal.test_links import new_return

OLD_TOKEN = "bGlua3MtbWFkZS1iZWZvcmUtMDAxNS0x"  # 32 characters, as token_urlsafe(24) gave


def test_an_old_link_opens_after_the_upgrade_until_revoked(db_path):
    engine = make_engine(sqlite_url(db_path))
    runner.upgrade(engine, "0013")  # the revision before 0015
    assert "portal_revocation" not in inspect(engine).get_table_names()
    before = Database(engine)
    ret = new_return(before)
    with before.session() as session, session.begin():
        digest = hashlib.sha256(OLD_TOKEN.encode()).hexdigest()
        session.add(PortalLink(return_id=ret.id, token_hash=digest))
    engine.dispose()
    db = open_database(sqlite_url(db_path))  # upgrades to the head
    try:
        assert current_revision(db.engine) == HEAD_REVISION
        with db.session() as session:
            assert return_for_token(session, OLD_TOKEN) == ret.id
        signed = personal_link(db, number=ret.number).rsplit("/", 1)[1]
        with db.session() as session:
            assert return_for_token(session, signed) == ret.id
        revoke_links(db, number=ret.number)
        with db.session() as session:
            assert return_for_token(session, OLD_TOKEN) is None
            assert return_for_token(session, signed) is None
            assert session.execute(text("SELECT count(*) FROM portal_revocation")).scalar() == 1
    finally:
        db.close()
