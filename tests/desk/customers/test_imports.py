"""Importing customers from the till's CSV: reading, mapping, merging, rejecting, atomicity."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import col, select

from desk.customers import imports as customer_import
from desk.customers.csv_table import read_csv
from desk.customers.import_plan import plan_import
from desk.customers.imports import apply_import, check_import, import_customers, run_import
from desk.customers.mapping import guess_mapping, mapping_from_options
from desk.errors import DeskError
from desk.listing import ReturnFilter
from desk.listing import count as count_found
from desk.models import Customer
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, save_return
from tests.cli_here import run_on

REPO = Path(__file__).resolve().parents[3]

TILL = (
    "Customer ID,Name,Email,Phone,Customer since,Orders,Total spent,Notes\n"
    "C1,Ana Souza,ana@example.com,,2021-05-02,3,120.50,\n"  # row 2
    "C2,Bruno Lima,bruno@,,,,,\n"  # row 3: bad email (and no phone to import him by)
    "C3,Carla Dias,CARLA@example.com,,,,,likes calls\n"  # row 4
    "C4,Dora,dora@example.com\n"  # row 5: wrong column count
    "C5,Ana S.,ANA@EXAMPLE.COM,+351 912 345 678,01/02/2020,5,200,\n"  # row 6: dup of row 2
    "C6,Eva Melo,eva@example.com,55 (11) 5555.0101,,,,\n"  # row 7: phone of a known customer
    ",,nobody@example.com,,,,,\n"  # row 8: missing name
    "C8,Fábio,fabio@example.com,,yesterday,,,\n"  # row 9: bad date
    "C9,Gil,gil@example.com,,,many,,\n"  # row 10: bad number
)


def count_customers(db) -> int:
    with db.session() as session:
        return session.exec(select(func.count()).select_from(Customer)).one()


def customer_by_email(db, email: str) -> Customer:
    with db.session() as session:
        query = select(Customer).where(func.lower(col(Customer.email)) == email.lower())
        return session.exec(query).one()


@pytest.fixture
def known(db) -> int:
    """A customer already in the database, with a return; found by phone only."""
    draft = ReturnDraft(
        new_customer=CustomerDraft(name="Eva M.", phone="+55 11 5555-0101"),
        reason="defective",
        lines=[LineDraft(sku="KETTLE-1", unit_price_cents=3000)],
    )
    with db.session() as session:
        ret = save_return(session=session, draft=draft)
    return ret.customer_id


def test_guess_mapping_english_header():
    header = TILL.splitlines()[0].split(",")
    assert guess_mapping(header) == {
        "name": 1,
        "email": 2,
        "phone": 3,
        "external_ref": 0,
        "customer_since": 4,
        "orders_count": 5,
        "lifetime_spend": 6,
        "notes": 7,
    }


def test_guess_mapping_portuguese_header_with_accents_and_case():
    header = ["Código do cliente", "NOME", "E-mail", "Celular", "Cliente desde", "Pedidos"]
    header += ["Total gasto", "Observações", "Idioma", "Canal preferido"]
    assert guess_mapping(header) == {
        "external_ref": 0,
        "name": 1,
        "email": 2,
        "phone": 3,
        "customer_since": 4,
        "orders_count": 5,
        "lifetime_spend": 6,
        "notes": 7,
        "preferred_language": 8,
        "preferred_channel": 9,
    }
    assert guess_mapping(["Telefone", "nome completo"]) == {"name": 1, "phone": 0}


def test_semicolon_delimiter_and_bom(db):
    data = "\ufeffNome;E-mail;Telefone;Total gasto\nJosé Água;jose@example.com;;1.234,50\n"
    table = read_csv(data.encode("utf-8"))
    assert table.delimiter == ";"
    assert table.header == ["Nome", "E-mail", "Telefone", "Total gasto"]  # no BOM in "Nome"
    with db.session() as session:
        report = import_customers(session, table)
    assert (report.created, report.merged, report.rejected) == (1, 0, 0)
    jose = customer_by_email(db, "jose@example.com")
    assert jose.name == "José Água"
    assert jose.lifetime_spend_cents == 123450


def test_tab_delimiter(tmp_path):
    path = tmp_path / "till.tsv"
    path.write_text("Name\tEmail\nAna, the first\tana@example.com\n", encoding="utf-8")
    table = read_csv(path)
    assert table.delimiter == "\t"
    assert table.rows == [["Ana, the first", "ana@example.com"]]


def test_duplicates_merge_and_bad_rows_are_rejected_with_row_numbers(db, known):
    before = count_customers(db)
    table = read_csv(TILL.encode())
    with db.session() as session:
        plan = plan_import(session, table, guess_mapping(table.header))
        report = apply_import(session, plan)
        session.commit()  # apply_import writes in the caller's transaction
    rejected = {r.row: r.reason for r in report.rejected_rows}
    assert rejected == {
        3: "bad email “bruno@”",
        5: "wrong column count (3 columns, the header has 8)",
        8: "missing name",
        9: "bad date “yesterday” (use 2024-03-31 or 31/03/2024)",
        10: "bad number of orders “many”",
    }
    # Ana (rows 2 and 6, same email in another case) and Carla are new; Eva merges by phone
    assert (report.created, report.merged, report.rejected) == (2, 2, 5)
    assert count_customers(db) == before + 2
    ana = customer_by_email(db, "ana@example.com")
    assert ana.name == "Ana Souza"  # the first row's name stays
    assert ana.phone == "+351912345678"  # filled from the duplicate row, in E.164
    assert (ana.orders_count, ana.lifetime_spend_cents) == (5, 20000)  # the later row's
    assert ana.customer_since == date(2020, 2, 1)  # DD/MM/YYYY
    assert ana.external_ref == "C1"
    eva = customer_by_email(db, "eva@example.com")
    assert eva.id == known and eva.name == "Eva M."  # merged, name kept
    assert eva.external_ref == "C6"
    assert customer_by_email(db, "carla@example.com").notes == "likes calls"


def test_merged_email_reaches_the_search_index(db, known):
    with db.connect() as conn:
        assert count_found(conn, ReturnFilter(text="eva@example.com")) == 0
    with db.session() as session:
        report = import_customers(session, TILL.encode())
    assert report.returns_reindexed == 1
    with db.connect() as conn:
        assert count_found(conn, ReturnFilter(text="eva@example.com")) == 1


def test_non_utf8_file_is_refused_plainly_and_nothing_is_imported(db, tmp_path):
    path = tmp_path / "till.csv"
    path.write_bytes("Name,Email\nJos\xe9,jose@example.com\n".encode("latin-1"))
    before = count_customers(db)
    with db.session() as session, pytest.raises(DeskError) as caught:
        import_customers(session, path)
    message = str(caught.value)
    assert "not a UTF-8" in message
    assert "CSV UTF-8" in message  # says how to fix it
    assert "Nothing was imported" in message
    assert count_customers(db) == before


def test_import_is_all_or_nothing(db, known, monkeypatch):
    before = count_customers(db)

    def broken(conn, merges):
        raise RuntimeError("disk unplugged")

    monkeypatch.setattr(customer_import, "_apply_merges", broken)  # after the inserts
    with db.session() as session, pytest.raises(RuntimeError):
        import_customers(session, TILL.encode())
    assert count_customers(db) == before
    with db.session() as session:
        assert session.get(Customer, known).external_ref == ""


def test_dry_run_writes_nothing(db):
    with db.session() as session:
        report = import_customers(session, TILL.encode(), dry_run=True)
    assert report.dry_run and report.created == 3
    assert count_customers(db) == 0


def test_mapping_options_by_name_or_number():
    header = ["Cliente", "Contato", "Fone"]
    assert mapping_from_options(header, ["email=2", "phone=fone"]) == {
        "name": 0,
        "email": 1,
        "phone": 2,
    }
    assert mapping_from_options(header, ["phone="]) == {"name": 0}
    with pytest.raises(DeskError, match="no such column"):
        mapping_from_options(header, ["email=Mail"])
    with pytest.raises(DeskError, match="field=COLUMN"):
        mapping_from_options(header, ["mail=2"])


# -- the command line ---------------------------------------------------------------------


def test_cli_imports_and_lists_rejected_rows(cli_db, tmp_path):
    csv_path = tmp_path / "till.csv"
    csv_path.write_text(TILL, encoding="utf-8")
    dry = run_on(cli_db, "import-customers", str(csv_path), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Dry run, nothing saved. Would create 3, merged 1, rejected 5." in dry.stdout
    done = run_on(cli_db, "import-customers", str(csv_path))
    assert done.returncode == 0, done.stderr
    assert "Created 3, merged 1, rejected 5." in done.stdout
    assert "row 3: bad email “bruno@”" in done.stdout
    assert "row 5: wrong column count (3 columns, the header has 8)" in done.stdout
    from desk.db import open_database

    database = open_database(cli_db.url)
    try:
        assert count_customers(database) == 3
    finally:
        database.close()


def test_cli_map_option(cli_db, tmp_path):
    csv_path = tmp_path / "till.csv"
    csv_path.write_text("Who,Contact\nAna,ana@example.com\n", encoding="utf-8")
    done = run_on(
        cli_db, "import-customers", str(csv_path), "--map", "name=Who",
        "--map", "email=2",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Created 1, merged 0, rejected 0." in done.stdout


def test_cli_unreadable_file_exits_1_with_one_line(cli_db, tmp_path):
    csv_path = tmp_path / "till.csv"
    csv_path.write_bytes("Name\nJos\xe9\n".encode("latin-1"))
    done = run_on(cli_db, "import-customers", str(csv_path))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("returndesk: ")
    assert "not a UTF-8" in lines[0]
    missing = run_on(cli_db, "import-customers", str(tmp_path / "nope.csv"))
    assert missing.returncode == 1 and "Cannot read" in missing.stderr


def test_a_customer_added_between_check_and_import_is_merged_not_doubled(db):
    table = read_csv(TILL.encode())
    mapping = guess_mapping(table.header)
    checked = check_import(db, table, mapping)
    assert checked.created == 3  # Ana, Carla, Eva are new at the check
    with db.session() as session:  # meanwhile another desk logs Carla
        session.add(Customer(name="Carla D.", email="carla@example.com"))
        session.commit()

    report = run_import(db, table, mapping)

    assert (report.created, report.merged) == (2, 2)  # Carla merged into, not created
    assert count_customers(db) == 3
    carla = customer_by_email(db, "carla@example.com")
    assert (carla.name, carla.notes) == ("Carla D.", "likes calls")


def another_desk_writing(db, db_path):
    """Another desk's raw connection, in a transaction that holds the right to add customers
    (SQLite's write lock; on PostgreSQL the lock an INSERT into customer takes)."""
    if db.engine.dialect.name == "sqlite":
        other = sqlite3.connect(db_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        return other
    other = db.engine.raw_connection()
    other.cursor().execute("LOCK TABLE customer IN ROW EXCLUSIVE MODE")
    return other


def test_run_import_waits_for_another_desk_writing(db, db_path):
    table = read_csv(TILL.encode())
    other_desk = another_desk_writing(db, db_path)
    result = []
    worker = threading.Thread(
        target=lambda: result.append(run_import(db, table, guess_mapping(table.header)))
    )
    worker.start()
    worker.join(0.3)
    assert worker.is_alive() and count_customers(db) == 0  # the import waits for the lock
    other_desk.cursor().execute(
        "INSERT INTO customer (name, email, preferred_channel, preferred_language,"
        " preferred_refund, preferred_timeline, notes, external_ref, created_at)"
        " VALUES ('Ana', 'ana@example.com', 'email', 'en', 'original', 'immediate', '', '',"
        " '2026-01-01 00:00:00.000000')"
    )
    other_desk.commit()
    other_desk.close()
    worker.join(10)
    assert result[0].created == 2  # Ana, added while the import waited, is merged into
    assert count_customers(db) == 3


@pytest.mark.sqlite_only("backs up the SQLite file; PostgreSQL is backed up with pg_dump")
def test_run_import_makes_a_verified_backup_first(db, db_path):
    from desk.backup.folder import BackupKind, list_copies

    table = read_csv(TILL.encode())
    run_import(db, table, guess_mapping(table.header))
    (copy,) = list_copies(db_path)
    assert copy.kind == BackupKind.BEFORE_IMPORT and copy.verified
    assert copy.tables["customer"] == 0  # the data as it was before the import


HOSTILE = (
    "Name,Email,Phone,Notes,Orders,Total spent\n"
    "Ana,ana@example.com,,,,\n"  # line 2: created
    "Ana\x00 Souza,ana2@example.com,,,,\n"  # line 3: a NUL byte
    '"Bruno,bruno@example.com,,,,\n'  # line 4: a quote never closed, takes in 5-10
    "Carla,carla@example.com,,,,\n"  # line 5: created
    "Ana S.,ANA@example.com,,,,\n"  # line 6: merged into line 2
    f"{'N' * 201},long@example.com,,,,\n"  # line 7: name over 200
    "Dora,<dora@example.com>,,,,\n"  # line 8: display-name email
    "Eva,eva@example.com,,,99999999999,\n"  # line 9: orders over the bound
    "Fábio,fabio@example.com,,,,300000000\n"  # line 10: spend over the bound
    f"Gil,gil@example.com,,{'g' * 200_000},,\n"  # line 11: a 200 KB note, created
    f"Hugo,hugo@example.com,,{'h' * 1_000_001},,\n"  # line 12: a cell over the bound
)


def test_a_hostile_file_loses_no_row(engine_db):
    report = import_customers_in(engine_db, HOSTILE.encode())
    lines = HOSTILE.count("\n") - 1  # data lines, no multi-line cell in this file
    assert report.created + report.merged + report.rejected == lines
    assert (report.created, report.merged, report.rejected) == (3, 1, 7)
    reasons = {r.row: r.reason for r in report.rejected_rows}
    assert reasons[3] == "the name contains an invisible character (NUL); retype it"
    assert reasons[4].startswith('a quote (") opened on line 4 is not closed, taking in lines')
    assert reasons[7] == "the name is too long (201 characters); use at most 200"
    assert reasons[8] == "bad email “<dora@example.com>”"
    assert reasons[9] == "bad number of orders “99999999999” (at most 1,000,000)"
    assert reasons[10] == "bad amount “300000000” (at most 20,000,000.00)"
    assert reasons[12] == "a cell is longer than 1,000,000 characters (line 12)"
    assert count_customers(engine_db) == 3


def import_customers_in(database, data: bytes):
    with database.session() as session:
        return import_customers(session, data)


@pytest.fixture(params=["sqlite", "postgresql"])
def engine_db(request, db):
    """The test's database on each engine: a cleaned PostgreSQL one when one is given."""
    if request.param == "sqlite":
        return db
    return request.getfixturevalue("pg_db")  # migrated and empty (tests/fixtures_db.py)


def test_an_imported_landline_without_email_is_reached_by_letter_not_by_text(db):
    table = read_csv(b"Name,Phone\nTom Harris,07993 672961\nLia Park,020 7946 0958\n")
    with db.session() as session:
        apply_import(session, plan_import(session, table, guess_mapping(table.header)))
        session.commit()
    with db.session() as session:
        found = {c.name: (c.phone, c.preferred_channel) for c in session.exec(select(Customer))}
    assert found == {
        "Tom Harris": ("+447993672961", "sms"),
        "Lia Park": ("+442079460958", "print"),  # a landline cannot receive texts
    }
