"""The tills' own customer exports import as they come: Square, Shopify, Lightspeed Retail.

The sample files (samples/) are written from each export's published header: accents,
a phone with a spreadsheet's leading apostrophe, a bad phone on a row with a good email,
Brazilian and British numbers, an empty last name.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from desk.customers.csv_table import read_csv
from desk.customers.imports import import_customers
from desk.customers.mapping import guess_mapping, plain_text, till_format
from desk.customers.tills import LIGHTSPEED, SHOPIFY, SQUARE, TILL_FORMATS
from desk.db import open_database
from desk.models import Customer
from desk.settings import SHOP_COUNTRY, set_setting
from tests.cli_here import run_on

SAMPLES = Path(__file__).parent / "samples"
REPO = Path(__file__).resolve().parents[3]


def customers(db) -> dict[str, Customer]:
    """Every customer by their till number."""
    with db.session() as session:
        return {c.external_ref: c for c in session.exec(select(Customer))}


def brazilian_shop(db) -> None:
    with db.session() as session:
        set_setting(session, SHOP_COUNTRY, "BR")
        session.commit()


@pytest.mark.parametrize(
    ("sample", "till"),
    [("square", SQUARE), ("shopify", SHOPIFY), ("lightspeed", LIGHTSPEED)],
)
def test_each_sample_is_recognised_and_every_column_is_known(sample, till):
    table = read_csv(SAMPLES / f"{sample}_customers.csv")
    assert till_format(table.header) is till
    known = {plain_text(name) for name in till.known()}
    assert [h for h in table.header if plain_text(h) not in known] == []  # none guessed
    mapping = guess_mapping(table.header)
    assert "name" not in mapping  # the name comes from the first and last names
    assert plain_text(table.header[mapping["first_name"]]) == "first name"
    assert plain_text(table.header[mapping["last_name"]]) == "last name"


def test_other_headers_are_not_taken_for_a_till():
    assert till_format(["Name", "Email", "Phone", "Total spent"]) is None
    assert till_format(["Nome", "E-mail"]) is None
    assert [t.key for t in TILL_FORMATS] == ["square", "shopify", "lightspeed"]


def test_square_export(db):
    brazilian_shop(db)
    with db.session() as session:
        report = import_customers(session, SAMPLES / "square_customers.csv")
    assert (report.created, report.merged, report.rejected) == (5, 0, 0)
    assert [str(r) for r in report.left_out] == [
        "row 4: bad phone “123” (not a number here, nor with a country code) left out; "
        "imported with the email",
        "row 6: bad email “renata@” left out; imported with the phone",
    ]
    found = customers(db)
    joao = found["SQC-0001"]
    assert (joao.name, joao.email, joao.phone) == (
        "João Araújo",
        "joao.araujo@example.com",
        "+5511912345678",
    )
    assert (joao.orders_count, joao.lifetime_spend_cents) == (12, 123450)
    assert joao.customer_since == date(2023, 3, 14)
    assert joao.notes == "Prefere troca a reembolso"
    siobhan = found["SQC-0002"]
    assert (siobhan.name, siobhan.phone) == ("Siobhán O'Neill", "+447911123456")
    assert siobhan.customer_since == date(2024, 11, 25)  # 11/25/2024, month first
    zoe = found["SQC-0003"]
    assert (zoe.name, zoe.email, zoe.phone) == ("Zoë Lefèvre", "zoe.lefevre@example.fr", None)
    monica = found["SQC-0004"]
    assert (monica.name, monica.email, monica.phone) == ("Mônica", None, "+5521998765432")
    assert found["SQC-0005"].email is None and found["SQC-0005"].phone == "+5531987654321"


def test_shopify_export(db):
    with db.session() as session:  # a British shop: the Brazilian numbers carry +55
        report = import_customers(session, SAMPLES / "shopify_customers.csv")
    assert (report.created, report.merged, report.rejected) == (4, 0, 0)
    assert [r.row for r in report.left_out] == [4]
    found = customers(db)
    ana = found["7398802653250"]
    assert (ana.name, ana.phone) == ("Ana Conceição", "+5511955554444")  # '+55…, not the address's
    assert (ana.orders_count, ana.lifetime_spend_cents) == (4, 51230)
    assert ana.notes == "Cliente VIP; troca fácil"
    oliver = found["7398802653251"]
    assert oliver.phone == "+447912345678"  # Phone empty: the default address's phone
    lea = found["7398802653252"]
    assert (lea.name, lea.email, lea.phone) == ("Léa Dubois", "lea.dubois@example.fr", None)
    thiago = found["7398802653253"]
    assert (thiago.name, thiago.phone) == ("Thiago", "+5521988881111")
    assert (thiago.orders_count, thiago.lifetime_spend_cents) == (9, 120000)


def test_lightspeed_export(db):
    brazilian_shop(db)
    with db.session() as session:
        report = import_customers(session, SAMPLES / "lightspeed_customers.csv")
    assert (report.created, report.merged, report.rejected) == (4, 0, 0)
    assert [str(r) for r in report.left_out] == [
        "row 4: bad phone “0000” (not a number here, nor with a country code) left out; "
        "imported with the email"
    ]
    found = customers(db)
    francoise = found["LS-1001"]
    assert (francoise.name, francoise.phone) == ("Françoise Gérard", "+5511933332222")
    assert francoise.notes == "Troca só com nota"
    assert francoise.lifetime_spend_cents is None  # year_to_date is not a lifetime's spend
    assert found["LS-1002"].phone == "+447456789012"  # no mobile: the phone
    assert found["LS-1003"].phone is None
    kenji = found["LS-1004"]
    assert (kenji.name, kenji.email, kenji.phone) == ("Kenji", None, "+5521977776666")


def test_the_command_line_says_the_format_and_imports_without_map(cli_db):
    assert run_on(cli_db, "config", "set", "shop.country", "BR").returncode == 0
    dry = run_on(cli_db, "import-customers", str(SAMPLES / "shopify_customers.csv"), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.startswith("Format: Shopify customers export\n")
    assert "first_name ← “First Name”, last_name ← “Last Name”" in dry.stdout
    assert "Dry run, nothing saved. Would create 4, merged 0, rejected 0." in dry.stdout
    assert "row 4: bad phone “999”" in dry.stdout
    for sample in ("square", "shopify", "lightspeed"):
        done = run_on(cli_db, "import-customers", str(SAMPLES / f"{sample}_customers.csv"))
        assert done.returncode == 0, done.stderr
    database = open_database(cli_db.url)
    try:
        found = customers(database)
    finally:
        database.close()
    assert len(found) == 5 + 4 + 4
    assert found["7398802653251"].name == "Oliver Brown"
    assert found["SQC-0001"].lifetime_spend_cents == 123450
    assert found["LS-1004"].phone == "+5521977776666"
