"""The database fixtures themselves: the run's engine, and a clean database for every test."""

from __future__ import annotations

import pytest
from sqlalchemy import func, inspect
from sqlmodel import select

from desk.db import current_revision, open_database
from desk.migrations import HEAD_REVISION
from desk.models import Customer
from tests.fixtures_db import ENGINE, CliDatabase


@pytest.mark.parametrize("turn", [1, 2])
def test_each_test_gets_an_empty_migrated_database_on_the_run_s_engine(db, turn):
    assert db.engine.dialect.name == ENGINE
    assert current_revision(db.engine) == HEAD_REVISION
    with db.session() as session:
        assert session.exec(select(func.count()).select_from(Customer)).one() == 0
        customer = Customer(name=f"Turn {turn}")
        session.add(customer)
        session.commit()
        assert customer.id == 1  # ids start again for every test


def test_new_db_url_is_another_database_without_a_schema(db, new_db_url):
    other = open_database(new_db_url("other"), migrate=False)
    try:
        assert other.engine.dialect.name == ENGINE
        assert other.url != db.url
        with other.connect() as conn:
            assert inspect(conn).get_table_names() == []
    finally:
        other.close()


def test_cli_db_names_the_test_s_database_one_way(cli_db):
    assert isinstance(cli_db, CliDatabase)
    if ENGINE == "sqlite":
        assert (cli_db.args(), cli_db.env()) == (["--db", str(cli_db.path)], {})
    else:
        assert (cli_db.args(), cli_db.env()) == ([], {"RETURNDESK_DATABASE_URL": cli_db.url})


@pytest.mark.postgresql_only("checks the other engine's skip")
def test_a_test_marked_for_postgresql_runs_only_there(db):
    assert ENGINE == "postgresql" == db.engine.dialect.name


@pytest.mark.sqlite_only("checks the other engine's skip")
def test_a_test_marked_for_sqlite_runs_only_there(db):
    assert ENGINE == "sqlite" == db.engine.dialect.name
