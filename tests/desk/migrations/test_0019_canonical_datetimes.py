"""Migration 0019: every stamp an older writer left on SQLite becomes the canonical UTC text."""

from __future__ import annotations

import importlib.util
import sqlite3
from datetime import UTC, datetime

import pytest
from sqlalchemy import DateTime
from sqlmodel import SQLModel, select

import desk.reports.tables  # noqa: F401  (every table in the metadata)
from desk.columns import UTCDateTime
from desk.db import make_engine, open_database
from desk.migrations import runner
from desk.migrations.runner import SCRIPT_LOCATION
from desk.models import Customer, Return, StatusChange
from desk.paths import sqlite_url

pytestmark = pytest.mark.sqlite_only("PostgreSQL stores timestamptz: 0019 changes nothing there")

CANONICAL = "2026-11-30 19:36:20.000000"
# what an older writer may have stored -> the canonical text of the same moment
FORMS = {
    "2026-11-30 19:36:20+00:00": CANONICAL,  # Core insert through the driver
    "2026-11-30T19:36:20": CANONICAL,  # isoformat()
    "2026-11-30 19:36:20": CANONICAL,  # CURRENT_TIMESTAMP
    "2026-11-30 19:36:20.123456+00:00": "2026-11-30 19:36:20.123456",
    "2026-11-30T19:36:20.123456": "2026-11-30 19:36:20.123456",
    "2026-11-30T19:36:20.123456+00:00": "2026-11-30 19:36:20.123456",
    "2026-11-30 21:36:20+02:00": CANONICAL,  # another offset: moved to UTC
    "2026-12-01 00:30:00.000000+02:00": "2026-11-30 22:30:00.000000",  # a day earlier in UTC
    "2026-11-30T14:36:20.5-05:00": "2026-11-30 19:36:20.500000",
    "2026-11-30T21:36:20.999999+02:00": "2026-11-30 19:36:20.999999",  # not rounded up
    "2026-11-30 14:36:20.123456-05:00": "2026-11-30 19:36:20.123456",
    "2026-11-30 19:36:20.123456Z": "2026-11-30 19:36:20.123456",
    "2026-11-30 21:36:20+0200": CANONICAL,  # no colon in the offset: parsed in Python
    "2026-12-01 01:06:20.25+05:30": "2026-11-30 19:36:20.250000",
    "2026-11-30T19:36:20Z": CANONICAL,
    "2026-11-30 19:36:20.1": "2026-11-30 19:36:20.100000",
    CANONICAL: CANONICAL,
    "2026-11-30 19:36:20.000001": "2026-11-30 19:36:20.000001",
}


def migration():
    """The 0019 script as a module (its name starts with a digit)."""
    path = SCRIPT_LOCATION / "versions" / "0019_canonical_datetimes.py"
    spec = importlib.util.spec_from_file_location("migration_0019", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def database_at_0018(tmp_path) -> tuple[str, object]:
    path = tmp_path / "old.db"
    engine = make_engine(sqlite_url(path))
    runner.upgrade(engine, "0018")
    engine.dispose()
    return sqlite_url(path), path


def write_odd_rows(path) -> dict[int, str]:
    """One customer, return and status change per form, written with bare sqlite3; return
    the ids (the same in the three tables) with the form each holds."""
    conn = sqlite3.connect(path)
    by_id = {}
    with conn:
        for ident, form in enumerate(FORMS, start=1):
            by_id[ident] = form
            conn.execute(
                "INSERT INTO customer (id, name, preferred_channel, preferred_language,"
                " preferred_refund, notes, created_at, erased_at)"
                " VALUES (?, ?, 'email', 'en', 'original', '', ?, ?)",
                (ident, f"Customer {ident}", form, form if ident % 2 else None),
            )
            conn.execute(
                'INSERT INTO "return" (id, number, customer_id, status, intake, purchase_ref,'
                " reason, reason_text, refund_method, total_cents, created_at, updated_at,"
                " version) VALUES (?, ?, ?, 'received', 'counter', '', 'defective', '',"
                " 'original', 100, ?, ?, 1)",
                (ident, f"R-2026-{ident:05d}", ident, form, form),
            )
            conn.execute(
                "INSERT INTO status_change (id, return_id, from_status, to_status, at, staff,"
                " note) VALUES (?, ?, NULL, 'received', ?, '', '')",
                (ident, ident, form),
            )
    conn.close()
    return by_id


def stored(path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_every_odd_form_becomes_the_canonical_utc_text(tmp_path):
    url, path = database_at_0018(tmp_path)
    by_id = write_odd_rows(path)

    open_database(url).close()  # upgrades to the head

    customers = stored(path, "SELECT id, created_at, erased_at FROM customer ORDER BY id")
    returns = stored(path, 'SELECT id, created_at, updated_at FROM "return" ORDER BY id')
    changes = stored(path, "SELECT id, at FROM status_change ORDER BY id")
    for ident, form in by_id.items():
        want = FORMS[form]
        assert customers[ident - 1] == (ident, want, want if ident % 2 else None), form
        assert returns[ident - 1] == (ident, want, want), form
        assert changes[ident - 1] == (ident, want), form


def test_the_rewritten_stamps_read_back_as_the_same_moments(tmp_path):
    url, path = database_at_0018(tmp_path)
    by_id = write_odd_rows(path)
    db = open_database(url)
    try:
        with db.session() as session:
            read = {r.id: r.created_at for r in session.exec(select(Return))}
            at = {c.return_id: c.at for c in session.exec(select(StatusChange))}
            made = {c.id: c.created_at for c in session.exec(select(Customer))}
    finally:
        db.close()
    for ident, form in by_id.items():
        moment = datetime.fromisoformat(form)
        moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
        assert read[ident] == at[ident] == made[ident] == moment, form
        assert read[ident].tzinfo == UTC


def test_text_order_is_time_order_after_the_upgrade(tmp_path):
    url, path = database_at_0018(tmp_path)
    write_odd_rows(path)
    open_database(url).close()
    texts = [row[0] for row in stored(path, 'SELECT created_at FROM "return" ORDER BY created_at')]
    moments = [datetime.fromisoformat(t) for t in texts]
    assert moments == sorted(moments)
    assert len(set(texts)) == len(set(FORMS.values()))  # one text per moment: ties stay ties


def test_a_value_that_is_no_date_is_left_as_it_is(tmp_path, caplog):
    url, path = database_at_0018(tmp_path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO customer (id, name, preferred_channel, preferred_language,"
            " preferred_refund, notes, created_at, erased_at)"
            " VALUES (1, 'Ann', 'email', 'en', 'original', '', ?, 'soon')",
            ("2026-11-30 21:36:20+02:00",),
        )
    conn.close()

    open_database(url).close()

    assert stored(path, "SELECT created_at, erased_at FROM customer") == [(CANONICAL, "soon")]
    assert "customer: 1 stamps are not dates" in caplog.text


def test_a_canonical_database_gets_no_write(tmp_path):
    url, path = database_at_0018(tmp_path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO customer (id, name, preferred_channel, preferred_language,"
            " preferred_refund, notes, created_at) VALUES (1, 'Ann', 'email', 'en', 'original',"
            " '', ?)",
            (CANONICAL,),
        )
    conn.close()
    engine = make_engine(url)
    try:
        with engine.begin() as bound:
            script, by_table = migration(), {}
            for table, column in script.datetime_columns(bound):
                by_table.setdefault(table, []).append(column)
            counts = [script.canonicalise(bound, t, columns) for t, columns in by_table.items()]
            writes = bound.connection.dbapi_connection.total_changes
    finally:
        engine.dispose()
    assert counts and set(counts) == {0}
    assert writes == 0
    assert stored(path, "SELECT created_at FROM customer") == [(CANONICAL,)]


def test_the_migration_finds_exactly_the_utc_datetime_columns_of_the_models(db):
    with db.engine.connect() as conn:
        found = set(migration().datetime_columns(conn))
    declared = {
        (table.name, column.name)
        for table in SQLModel.metadata.tables.values()
        for column in table.columns
        if isinstance(column.type, UTCDateTime)
    }
    assert declared and found == declared


def is_datetime(kind) -> bool:
    return isinstance(kind, DateTime) or isinstance(getattr(kind, "impl", None), DateTime)


def test_every_datetime_column_of_the_models_is_a_utc_datetime():
    """A plain DateTime column would write whatever form its writer gives on SQLite."""
    plain = [
        f"{table.name}.{column.name}"
        for table in SQLModel.metadata.tables.values()
        for column in table.columns
        if is_datetime(column.type) and not isinstance(column.type, UTCDateTime)
    ]
    assert plain == []
    assert any(isinstance(c.type, UTCDateTime) for c in Return.__table__.columns)


@pytest.mark.parametrize(("form", "want"), sorted(FORMS.items()))
def test_canonical_text_of_each_form(form, want):
    assert migration().canonical_text(form) == want


def test_canonical_text_refuses_what_is_no_date():
    assert migration().canonical_text("soon") is None
    assert migration().canonical_text(1764531380) is None
