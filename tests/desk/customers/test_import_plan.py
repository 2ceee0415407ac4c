"""Planning a customer import: rows parsed or rejected with a reason, duplicates matched."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func
from sqlmodel import select

from desk.customers.csv_table import read_csv
from desk.customers.import_plan import NewCustomer, digits, parse_row, plan_import
from desk.customers.mapping import guess_mapping
from desk.errors import DeskError
from desk.models import Customer

TILL = (
    "Name,Email,Phone,Language,Channel,Customer since,Orders,Total spent\n"
    'Ana Souza,ana@example.com,,Português,texto,31/03/2024,3,"R$ 1.234,50"\n'  # row 2
    "Bruno Lima,bruno@,,,,,,\n"  # row 3: bad email
    "Ana S.,ANA@EXAMPLE.COM,+351 912 345 678,,,,5,\n"  # row 4: same person as row 2
    "Eva Melo,eva@example.com,55 (11) 5555.0101,pt,,,,\n"  # row 5: a known customer's phone
    ",nobody@example.com,,,,,,\n"  # row 6: missing name
    "Gil,gil@example.com,,,,,-3,\n"  # row 7: bad number
)


def test_name_column_is_required(db):
    table = read_csv(b"Email\nana@example.com\n")
    with db.session() as session, pytest.raises(DeskError, match="name"):
        plan_import(session, table, guess_mapping(table.header))


def test_a_row_reads_as_customer_values():
    table = read_csv(TILL.encode())
    values = parse_row(table, 0, guess_mapping(table.header))
    assert values == {
        "name": "Ana Souza",
        "email": "ana@example.com",
        "preferred_language": "pt_BR",
        "preferred_channel": "sms",
        "customer_since": date(2024, 3, 31),
        "orders_count": 3,
        "lifetime_spend_cents": 123450,
    }
    assert digits("+55 (11) 5555-0101") == "551155550101"


def test_the_plan_merges_rejects_and_writes_nothing(db):
    with db.session() as session:
        session.add(Customer(name="Eva M.", phone="+55 11 5555-0101"))
        session.commit()
    table = read_csv(TILL.encode())
    with db.session() as session:
        plan = plan_import(session, table, guess_mapping(table.header))
    assert [str(r) for r in plan.rejected] == [
        "row 3: bad email “bruno@”",
        "row 6: missing name",
        "row 7: bad number of orders “-3”",
    ]
    (ana,) = plan.create
    assert isinstance(ana, NewCustomer) and ana.rows == [2, 4]
    assert ana.values["phone"] == "+351912345678"  # filled from the later row, in E.164
    assert ana.values["orders_count"] == 5  # the later row's
    (eva,) = plan.merge
    assert (eva.name, eva.rows) == ("Eva M.", [5])
    assert eva.changes == {"email": "eva@example.com"}  # her language (en) is kept
    assert (plan.created, plan.merged_rows, plan.total_rows) == (1, 2, 6)
    with db.session() as session:
        assert session.exec(select(func.count()).select_from(Customer)).one() == 1


SHOP_NUMBERS = (
    "Name,Phone\n"
    "Bia Reis,(11) 91234-5678\n"  # row 2: national, in a Brazilian shop
    "Tom Harris,+44 7993 672961\n"  # row 3: abroad, with its country code
    "Caio Lima,11 3456-7890\n"  # row 4: a landline
    "Rui Costa,call me\n"  # row 5: not a number
    "Beatriz Reis,+55 11 91234 5678\n"  # row 6: row 2 again, typed another way
)


def test_phones_are_read_with_the_shops_country_and_matched_in_e164(db):
    from desk.settings import SHOP_COUNTRY, set_setting

    with db.session() as session:
        set_setting(session, SHOP_COUNTRY, "BR")
        session.add(Customer(name="Tom H.", phone="+447993672961"))
        session.commit()
    table = read_csv(SHOP_NUMBERS.encode())
    with db.session() as session:
        plan = plan_import(session, table, guess_mapping(table.header))
    assert [str(r) for r in plan.rejected] == [
        "row 5: bad phone “call me” (not a number here, nor with a country code)"
    ]
    bia, caio = plan.create
    assert (bia.rows, bia.values["phone"]) == ([2, 6], "+5511912345678")  # one person
    assert caio.values["phone"] == "+551134567890"
    (tom,) = plan.merge
    assert (tom.name, tom.rows) == ("Tom H.", [3])


CONTACTS = (
    "First name,Last name,Email,Phone,Other phone,Customer since\n"
    "Ana,Souza,ana@example.com,12,,2024-11-25\n"  # row 2: bad phone, good email
    "Bia,,bia@,'+44 7911 123456,,11/25/2024\n"  # row 3: bad email, good phone ('-quoted)
    ",Reis,rui@,12,,\n"  # row 4: bad email and bad phone
    "Caio,Lima,,,'+55 11 91234-5678,25/11/2024\n"  # row 5: only the other phone
    "Dan,,,12,,\n"  # row 6: a bad phone and no email to import him by
)


def test_a_bad_contact_is_left_out_when_the_other_one_is_good(db):
    table = read_csv(CONTACTS.encode())
    mapping = guess_mapping(table.header)
    assert {k: mapping[k] for k in ("first_name", "last_name", "phone_2")} == {
        "first_name": 0,
        "last_name": 1,
        "phone_2": 4,
    }
    left_out: list[str] = []
    ana = parse_row(table, 0, mapping, left_out=left_out)
    assert ana == {"name": "Ana Souza", "email": "ana@example.com"} | {
        "customer_since": date(2024, 11, 25)
    }
    assert left_out == [
        "bad phone “12” (not a number here, nor with a country code) left out; "
        "imported with the email"
    ]
    with db.session() as session:
        plan = plan_import(session, table, mapping)
    assert [str(r) for r in plan.rejected] == [
        "row 4: bad email “rui@”",
        "row 6: bad phone “12” (not a number here, nor with a country code)",
    ]
    assert [(r.row, r.reason.split(" left out")[0]) for r in plan.left_out] == [
        (2, "bad phone “12” (not a number here, nor with a country code)"),
        (3, "bad email “bia@”"),
    ]
    bia, caio = plan.create[1].values, plan.create[2].values
    assert (bia["name"], bia["email"], bia["phone"]) == ("Bia", None, "+447911123456")
    assert bia["customer_since"] == date(2024, 11, 25)  # month first: nothing else reads
    assert (caio["name"], caio["phone"]) == ("Caio Lima", "+5511912345678")
    assert caio["customer_since"] == date(2024, 11, 25)


def test_a_last_name_alone_is_a_name():
    table = read_csv(b"Last Name,E-mail\nReis,rui@example.com\n")
    assert parse_row(table, 0, guess_mapping(table.header)) == {
        "name": "Reis",
        "email": "rui@example.com",
    }


def test_the_plans_problems_read_in_portuguese(db):
    from desk.i18n.catalog import set_language

    set_language("pt_BR")
    table = read_csv(TILL.encode())
    with db.session() as session:
        plan = plan_import(session, table, guess_mapping(table.header))
    assert [str(r) for r in plan.rejected] == [
        "linha 3: e-mail inválido “bruno@”",
        "linha 6: falta o nome",
        "linha 7: número de pedidos inválido “-3”",
    ]
    table = read_csv(SHOP_NUMBERS.encode())
    with db.session() as session:
        plan = plan_import(session, table, guess_mapping(table.header))
    assert str(plan.rejected[-1]) == (
        "linha 5: telefone inválido “call me” (não é um número daqui nem com código do país)"
    )
