"""Erased customers stay erased: their contacts' fingerprints, and imports that skip them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlmodel import select

from desk.customers.imports import import_customers
from desk.customers.privacy import erase_customer, export_customer
from desk.customers.tombstones import (
    SALT_KEY,
    bury,
    contact_hashes,
    erased_matcher,
    is_erased,
)
from desk.db import open_database
from desk.models import Customer, ErasedContact, Setting
from desk.settings import SHOP_COUNTRY, set_setting
from tests.cli_here import run_on
from tests.desk.customers.histories import EMAIL, PHONE

REPO = Path(__file__).resolve().parents[3]


def brazilian_shop(db) -> None:
    with db.session() as session:
        set_setting(session, SHOP_COUNTRY, "BR")
        session.commit()


def stored_hashes(db) -> set[str]:
    with db.session() as session:
        return set(session.exec(select(ErasedContact.contact_hash)))


def test_before_any_erasure_nothing_matches_and_no_salt_is_made(db):
    with db.session() as session:
        assert contact_hashes(session, "ana@example.com", "+5511912345678") == []
        assert not is_erased(session, "ana@example.com", None)
        assert not erased_matcher(session)("ana@example.com", "+5511912345678")
        bury(session, None, "  ")  # no contact: nothing to keep
        session.commit()
        assert session.get(Setting, SALT_KEY) is None
    assert stored_hashes(db) == set()


def test_buried_contacts_match_however_they_are_written(db):
    brazilian_shop(db)
    with db.session() as session:
        bury(session, " Ana.Souza@Example.com ", "+55 11 91234-5678")
        bury(session, "ana.souza@example.com", None)  # again: kept once
        session.commit()
    with db.session() as session:
        salt = session.get(Setting, SALT_KEY).value
        hashes = contact_hashes(session, "ANA.SOUZA@example.com", "(11) 91234-5678")
        assert is_erased(session, "ana.souza@example.com", None)
        assert is_erased(session, None, "11 91234 5678")  # a national number, in E.164
        assert not is_erased(session, "ana@example.com", "+5511900000000")
        erased = erased_matcher(session)
    assert re.fullmatch(r"[0-9a-f]{64}", salt)
    assert stored_hashes(db) == set(hashes) and len(hashes) == 2
    assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes)
    assert erased("ana.souza@EXAMPLE.com", None) and erased(None, "+5511912345678")
    assert not erased("bruno@example.com", "+447911123456") and not erased(None, None)


def test_the_salt_is_the_shop_s_own(db):
    with db.session() as session:
        bury(session, "ana@example.com", None)
        session.commit()
        theirs = contact_hashes(session, "ana@example.com", None)
        session.get(Setting, SALT_KEY).value = "0" * 64  # another shop's salt
        session.flush()
        assert contact_hashes(session, "ana@example.com", None) != theirs
        assert not is_erased(session, "ana@example.com", None)
        session.rollback()


CSV = (
    "First Name,Last Name,Email,Phone,Total Spent,Total Orders\n"
    f"Ana,Souza,{EMAIL.upper()},,10.00,1\n"  # row 2: the erased email, another case
    "A.,S.,other@example.com,(11) 98765-4321,,\n"  # row 3: the erased phone, as typed here
    "Caio,Prado,caio@example.com,,5.00,1\n"  # row 4: somebody new
)


def test_an_erased_customer_is_not_brought_back_by_an_import(db, history):
    brazilian_shop(db)
    erase_customer(db, history["customer_id"], staff="Marta")
    with db.session() as session:
        report = import_customers(session, CSV.encode())
    assert (report.created, report.merged, report.rejected, report.erased) == (1, 0, 0, 2)
    lines = report.lines()
    assert lines[:2] == ["Created 1, merged 0, rejected 0.", "2 rows skipped: erased customers."]
    text = "\n".join(lines).lower()
    assert "souza" not in text and "98765" not in text  # the contact is not shown
    with db.session() as session:
        emails = set(session.exec(select(Customer.email)))
    assert "caio@example.com" in emails
    assert EMAIL not in emails and "other@example.com" not in emails


def test_erasing_buries_the_email_and_phone_in_its_transaction(db, history):
    brazilian_shop(db)
    assert stored_hashes(db) == set()
    erase_customer(db, history["customer_id"], staff="Marta")
    with db.session() as session:
        assert is_erased(session, EMAIL, None) and is_erased(session, None, PHONE)
        assert len(contact_hashes(session, EMAIL, PHONE)) == 2
    assert len(stored_hashes(db)) == 2
    erase_customer(db, history["customer_id"], staff="Marta")  # again: nothing more kept
    assert len(stored_hashes(db)) == 2


def test_the_customer_s_export_lists_no_fingerprint(db, history):
    erase_customer(db, history["customer_id"], staff="Marta")
    with db.session() as session:
        data = json.dumps(export_customer(session, history["customer_id"]))
        salt = session.get(Setting, SALT_KEY).value
    hashes = stored_hashes(db)
    assert len(hashes) == 2
    assert [h for h in hashes if h in data] == [] and salt not in data


@pytest.mark.sqlite_only("backs up the SQLite file; PostgreSQL is backed up with pg_dump")
def test_fingerprints_are_kept_by_backup_and_restore(db, db_path, history):
    from desk.backup.folder import BackupKind
    from desk.backup.restore import restore_database
    from desk.backup.store import make_backup
    from desk.paths import sqlite_url

    erase_customer(db, history["customer_id"], staff="Marta")
    copy = make_backup(db, BackupKind.MANUAL)
    db.close()
    db_path.unlink()
    restore_database(sqlite_url(db_path), copy.path)
    restored = open_database(sqlite_url(db_path))
    try:
        with restored.session() as session:
            assert is_erased(session, EMAIL, None)
    finally:
        restored.close()


def test_the_command_line_says_how_many_rows_it_skipped(cli_db, tmp_path):
    database = open_database(cli_db.url)
    try:
        with database.session() as session:
            session.add(Customer(name="Ana Souza", email=EMAIL))
            session.commit()
            customer_id = session.exec(select(Customer.id)).one()
        erase_customer(database, customer_id, staff="Marta")
    finally:
        database.close()
    path = tmp_path / "shopify.csv"
    path.write_text(CSV, encoding="utf-8")
    done = run_on(cli_db, "import-customers", str(path))
    assert done.returncode == 0, done.stderr
    assert "Created 2, merged 0, rejected 0.\n1 row skipped: erased customers.\n" in done.stdout
    assert EMAIL.lower() not in done.stdout.lower()
