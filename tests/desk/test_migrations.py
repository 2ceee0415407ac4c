"""Opening databases: new, current, old (upgraded with a backup) and too new (refused)."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import inspect, text

from desk import listing
from desk.db import current_revision, make_engine, open_database
from desk.errors import DeskError
from desk.listing import ReturnFilter
from desk.migrations import HEAD_REVISION, runner
from desk.paths import sqlite_url
from desk.returns import get_detail

TABLES = {"customer", "return", "return_line", "status_change", "setting", "counter"}


def backups(db_path):
    return sorted((db_path.parent / "backups").glob(f"{db_path.name}.before-*.bak"))


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def fresh(new_db_url, tmp_path):
    """(URL, SQLite path) of a new database with no schema, on the run's engine; on
    PostgreSQL the path names no file (no copies are made there)."""
    return new_db_url("fresh"), tmp_path / "fresh.db"


def on_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def test_head_revision_matches_the_scripts():
    assert runner.head() == HEAD_REVISION
    assert runner.is_known("0001")
    assert runner.is_known(HEAD_REVISION)
    assert not runner.is_known("9999")


def test_new_database_gets_every_table_and_the_pragmas(fresh):
    url, db_path = fresh
    db = open_database(url)
    try:
        with db.connect() as conn:
            names = set(inspect(conn).get_table_names())
            assert TABLES | {"alembic_version"} <= names
            if on_sqlite(url):
                assert "return_search" in names
                assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
                assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
                assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000
        assert current_revision(db.engine) == HEAD_REVISION
    finally:
        db.close()
    assert backups(db_path) == []


def test_foreign_keys_are_enforced(db):
    with db.engine.connect() as conn, pytest.raises(Exception, match="(?i)foreign key"):
        conn.execute(
            text(
                "INSERT INTO return_line (sku, description, serial, quantity, unit_price_cents,"
                " condition, disposition, return_id)"
                " VALUES ('X', '', '', 1, 0, 'unopened', 'restock', 999)"
            )
        )


def test_opening_a_current_database_makes_no_backup(fresh):
    url, db_path = fresh
    open_database(url).close()
    db = open_database(url)
    db.close()
    assert backups(db_path) == []
    engine = make_engine(url)
    try:
        assert current_revision(engine) == HEAD_REVISION
    finally:
        engine.dispose()


def old_database(url: str) -> str:
    """Make a database at revision 0001 holding one return, written with plain SQL."""
    engine = make_engine(url)
    runner.upgrade(engine, "0001")
    stamp = "2025-05-04 10:11:12.000000"
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO customer (id, name, email, phone, preferred_channel,"
                " preferred_language, preferred_refund, notes, created_at)"
                " VALUES (7, 'Renée Oldtimer', 'renee@old.example', '+44 20 7946 0000',"
                " 'email', 'en', 'original', '', :at)"
            ),
            {"at": stamp},
        )
        conn.execute(
            text(
                'INSERT INTO "return" (id, number, customer_id, status, intake, purchase_date,'
                " purchase_ref, reason, reason_text, refund_method, total_cents, created_at,"
                " updated_at, version)"
                " VALUES (3, 'R-2025-00042', 7, 'refunded', 'counter', NULL, 'INV-9',"
                " 'defective', 'broke', 'original', 2500, :at, :at, 2)"
            ),
            {"at": stamp},
        )
        conn.execute(
            text(
                "INSERT INTO return_line (id, return_id, sku, description, serial, quantity,"
                " unit_price_cents, condition, disposition)"
                " VALUES (1, 3, 'KETTLE-9', 'Kettle', 'SN1', 1, 2500, 'defective', 'recycle')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO status_change (return_id, from_status, to_status, at, staff, note)"
                " VALUES (3, NULL, 'received', :at, 'Ann', ''),"
                " (3, 'received', 'refunded', :at, 'Ann', 'ok')"
            ),
            {"at": stamp},
        )
        conn.execute(text("INSERT INTO counter (name, value) VALUES ('return-2025', 42)"))
    assert current_revision(engine) == "0001"
    assert "return_search" not in inspect(engine).get_table_names()
    engine.dispose()
    return url


def test_old_database_is_upgraded_with_a_backup(fresh):
    url, db_path = fresh
    old_database(url)

    db = open_database(url)
    try:
        assert current_revision(db.engine) == HEAD_REVISION
        with db.session() as session:
            detail = get_detail(session, number="r-2025-00042")
        assert detail.customer.name == "Renée Oldtimer"
        assert detail.ret.status == "refunded"
        assert [(li.sku, li.serial) for li in detail.lines] == [("KETTLE-9", "SN1")]
        assert [c.to_status for c in detail.timeline] == ["received", "refunded"]
        with db.connect() as conn:
            for typed in ("R-2025-00042", "42", "renee", "kettle", "7946"):
                rows = listing.fetch_page(conn, ReturnFilter(text=typed))
                assert [r.number for r in rows] == ["R-2025-00042"], typed
    finally:
        db.close()
    if not on_sqlite(url):
        return  # the server's own tools back PostgreSQL up (README)
    (backup,) = backups(db_path)
    assert backup.name.startswith(f"{db_path.name}.before-0001-")
    assert backup.suffix == ".bak"
    old = make_engine(sqlite_url(backup))
    try:
        assert current_revision(old) == "0001"
        with old.connect() as conn:
            assert conn.execute(text('SELECT number FROM "return"')).scalars().all() == [
                "R-2025-00042"
            ]
    finally:
        old.dispose()


def test_database_from_a_newer_app_is_refused_and_untouched(fresh):
    url, db_path = fresh
    old_database(url)
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    before = digest(db_path) if on_sqlite(url) else None

    with pytest.raises(DeskError, match="9999"):
        open_database(url)

    assert (digest(db_path) if on_sqlite(url) else None) == before
    assert backups(db_path) == []
    engine = make_engine(url)
    try:
        assert current_revision(engine) == "9999"
        assert "return_search" not in inspect(engine).get_table_names()
    finally:
        engine.dispose()


@pytest.mark.sqlite_only("the copy made before an upgrade is of the SQLite file")
def test_tables_without_a_revision_are_backed_up_before_upgrade(db_path):
    engine = make_engine(sqlite_url(db_path))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE notes (body TEXT)"))
        conn.execute(text("INSERT INTO notes VALUES ('keep me')"))
    engine.dispose()

    open_database(sqlite_url(db_path)).close()

    (backup,) = backups(db_path)
    assert ".before-unversioned-" in backup.name


def test_an_erasure_recorded_as_a_status_change_moves_onto_the_customer(fresh):
    url, _ = fresh
    engine = make_engine(url)
    runner.upgrade(engine, "0009")
    stamp = "2026-05-04 10:11:12.000000"
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO customer (id, name, preferred_channel, preferred_language,"
                " preferred_refund, notes, created_at, erased_at)"
                " VALUES (7, 'Erased customer #7', 'none', 'en', 'original', '', :at, :at)"
            ),
            {"at": stamp},
        )
        conn.execute(
            text(
                'INSERT INTO "return" (id, number, customer_id, status, intake, reason,'
                " purchase_ref, reason_text, refund_method, total_cents, created_at,"
                " updated_at, version)"
                " VALUES (3, 'R-2026-00003', 7, 'rejected', 'counter', 'other', '', '',"
                " 'original', 100, :at, :at, 2)"
            ),
            {"at": stamp},
        )
        conn.execute(
            text(
                "INSERT INTO status_change (return_id, from_status, to_status, at, staff, note)"
                " VALUES (3, NULL, 'received', :at, 'Ann', ''),"
                " (3, 'received', 'rejected', :at, 'Ann', 'Belt shows wear marks'),"
                " (3, 'rejected', 'rejected', :at, 'Marta',"
                "  'Customer data erased on request by Marta.')"
            ),
            {"at": stamp},
        )
    engine.dispose()
    db = open_database(url)
    with db.session() as session:
        detail = get_detail(session, number="R-2026-00003")
    db.close()
    assert [(c.to_status, c.note) for c in detail.timeline] == [
        ("received", ""),
        ("rejected", "Belt shows wear marks"),
    ]
    assert detail.customer.erased_by == "Marta"
    assert detail.erasure_note == "Customer data erased on request by Marta."


@pytest.mark.parametrize(("stored", "expected"), [(None, "EUR"), ("brl", "BRL")])
def test_0013_gives_existing_returns_the_shop_s_currency(new_db_url, stored, expected):
    from desk.returns import CustomerDraft, LineDraft, ReturnDraft, save_return
    from tests.desk.old_schema import copy_rows

    head = open_database(new_db_url("written_at_head"))
    try:
        with head.session() as session:
            for name in ("Ana", "Rui"):
                save_return(
                    session=session,
                    draft=ReturnDraft(
                        reason="defective",
                        new_customer=CustomerDraft(name=name),
                        lines=[LineDraft(sku="KETTLE-1", unit_price_cents=4989)],
                    ),
                )
        url = new_db_url("at_0012")
        engine = make_engine(url)
        runner.upgrade(engine, "0012")
        assert copy_rows(head.engine, engine) > 0
    finally:
        head.close()
    if stored is not None:
        with engine.begin() as conn:
            conn.execute(
                text("INSERT INTO setting (key, value) VALUES ('shop.currency', :v)"), {"v": stored}
            )
    engine.dispose()
    db = open_database(url)  # upgrades 0012 -> head
    try:
        assert current_revision(db.engine) == HEAD_REVISION
        with db.connect() as conn:
            codes = conn.execute(text('SELECT currency FROM "return" ORDER BY id')).scalars().all()
            assert codes == [expected, expected]
            rows = listing.fetch_page(conn, ReturnFilter())
        assert [r.currency for r in rows] == [expected, expected]
    finally:
        db.close()


MESSY_PHONES = {  # customer id: (stored before 0014, after)
    1: ("07993 672961", "+447993672961"),  # national, in the shop's country
    2: ("+55 (11) 91234-5678", "+5511912345678"),  # international with punctuation
    3: ("0044 20 7946 0958", "+442079460958"),  # the international prefix typed out
    4: ("call after 6", "call after 6"),  # not a number: kept as typed
    5: ("020 7946 0958 ext. 12", "020 7946 0958 ext. 12"),  # an extension E.164 cannot hold
    6: ("12345", "12345"),  # too short to be anyone's
    7: ("+447993672962", "+447993672962"),  # already E.164
}


@pytest.mark.parametrize("country", [None, "GB", "BR"])
def test_phones_are_rewritten_in_e164_and_unreadable_ones_kept(fresh, country):
    url, _ = fresh
    engine = make_engine(url)
    runner.upgrade(engine, "0012")
    stamp = "2026-05-04 10:11:12.000000"
    with engine.begin() as conn:
        if country:
            conn.execute(text("INSERT INTO setting (key, value) VALUES ('shop.country', :c)"),
                         {"c": country.lower()})  # fmt: skip
        for id_, (phone, _) in MESSY_PHONES.items():
            conn.execute(
                text(
                    "INSERT INTO customer (id, name, phone, preferred_channel,"
                    " preferred_language, preferred_refund, notes, created_at)"
                    " VALUES (:id, :name, :phone, 'sms', 'en', 'original', '', :at)"
                ),
                {"id": id_, "name": f"Person {id_}", "phone": phone, "at": stamp},
            )
            conn.execute(
                text(
                    'INSERT INTO "return" (id, number, customer_id, status, intake, reason,'
                    " purchase_ref, reason_text, refund_method, total_cents, created_at,"
                    " updated_at, version)"
                    " VALUES (:id, :number, :id, 'received', 'counter', 'other', '', '',"
                    " 'original', 100, :at, :at, 1)"
                ),
                {"id": id_, "number": f"R-2026-{id_:05d}", "at": stamp},
            )
        conn.execute(
            text(
                "INSERT INTO status_change (id, return_id, from_status, to_status, at, staff,"
                " note) VALUES (1, 1, NULL, 'received', :at, '', '')"
            ),
            {"at": stamp},
        )
        conn.execute(
            text(
                "INSERT INTO outbox_message (return_id, status_change_id, event, channel,"
                " language, recipient, subject, body_text, body_html, state, attempts,"
                " last_error, created_at, next_attempt_at, message_id, staff)"
                " VALUES (1, 1, 'received', 'sms', 'en', '07993 672961', '', 'Hi', '',"
                " 'queued', 0, '', :at, :at, '', '')"
            ),
            {"at": stamp},
        )
    engine.dispose()

    db = open_database(url)
    try:
        with db.connect() as conn:
            stored = dict(conn.execute(text("SELECT id, phone FROM customer")).all())
            recipient = conn.execute(text("SELECT recipient FROM outbox_message")).scalar_one()
            found = {
                typed: [r.number for r in listing.fetch_page(conn, ReturnFilter(text=typed))]
                for typed in ("07993 672961", "+44 7993 672961", "447993672961", "call after")
            }
    finally:
        db.close()
    if country == "BR":  # a British national number does not read as Brazilian: kept as is
        assert stored[1] == "07993 672961" and recipient == "07993 672961"
        assert stored[2] == "+5511912345678" and stored[4] == "call after 6"
        return
    assert stored == {id_: after for id_, (_, after) in MESSY_PHONES.items()}
    assert recipient == "+447993672961"
    assert found["07993 672961"] == found["+44 7993 672961"] == ["R-2026-00001"]
    assert found["447993672961"] == ["R-2026-00001"]
    assert found["call after"] == ["R-2026-00004"]
