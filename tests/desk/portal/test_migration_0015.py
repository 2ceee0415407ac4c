"""Migration 0015 adds the link revocations; links made before it (hashed tokens) still open."""

from __future__ import annotations

import hashlib

from sqlalchemy import inspect, text

from desk.db import Database, current_revision, make_engine, open_database
from desk.migrations import HEAD_REVISION, runner
from desk.models import PortalLink
from desk.paths import sqlite_url
from desk.portal.links import personal_link, return_for_token, revoke_links

OLD_TOKEN = "bGlua3MtbWFkZS1iZWZvcmUtMDAxNS0x"  # 32 characters, as token_urlsafe(24) gave


def test_an_old_link_opens_after_the_upgrade_until_revoked(db_path):
    engine = make_engine(sqlite_url(db_path))
    runner.upgrade(engine, "0013")  # the revision before 0015
    assert "portal_revocation" not in inspect(engine).get_table_names()
    with engine.begin() as conn:  # the 0013 schema's rows, written as it had them
        conn.execute(
            text(
                "INSERT INTO customer (id, name, preferred_channel, preferred_language,"
                " preferred_refund, preferred_timeline, notes, created_at) VALUES"
                " (1, 'Ana', 'email', 'en', 'none', 'none', '', '2026-11-01 10:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO return (id, number, customer_id, status, intake,"
                " purchase_ref, reason, reason_text, refund_method, total_cents,"
                " created_at, updated_at, version, currency) VALUES (1, 'R-2026-00001',"
                " 1, 'received', 'counter', '', 'defective', '', 'original', 3000,"
                " '2026-11-01 10:00:00', '2026-11-01 10:00:00', 1, 'EUR')"
            )
        )
    before = Database(engine)
    with before.session() as session, session.begin():
        digest = hashlib.sha256(OLD_TOKEN.encode()).hexdigest()
        session.add(PortalLink(return_id=1, token_hash=digest))
    engine.dispose()
    ret = type("Old", (), {"id": 1, "number": "R-2026-00001"})
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
