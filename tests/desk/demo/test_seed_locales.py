"""The demo per language: a Brazilian shop for pt_BR, and the English demo as it always was."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import phonenumbers
import pytest
from sqlalchemy import select

from desk.catalog.tables import Product, Sale, SaleLine
from desk.db import open_database
from desk.demo import content_br
from desk.demo.seed import seed_demo
from desk.models import (
    Customer,
    DropOffPoint,
    Feedback,
    OutboxMessage,
    Return,
    ReturnLine,
    StatusChange,
)
from desk.money import format_money
from desk.settings import SHOP_CURRENCY, SHOP_NAME, get_setting, load_settings, set_setting
from tests.cli_here import run_on
from tests.fixtures_db import new_database_url

NOW = datetime(2026, 11, 23, 15, 30, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[3]
BRAZILIAN_NAMES = {name for products in content_br.CATALOGUE.values() for _, name, *_ in products}
BRAZILIAN_NAMES |= {name for _, name, *_ in content_br.HYGIENE}

ENGLISH_DEMO = "2162743ca232720d0f0e98804d929057a02bb4382b06fef6eb8ca6bc64d63566"
"""The fingerprint of the English demo (seed 7, 300 returns, NOW) before there was a
Brazilian one: the English demo must not change for a given seed."""

FINGERPRINT = (
    (Customer, ("name", "email", "phone", "preferred_language", "preferred_channel", "notes")),
    (Return, ("number", "status", "reason", "reason_text", "total_cents", "currency")),
    (ReturnLine, ("sku", "description", "unit_price_cents", "condition", "disposition")),
    (StatusChange, ("to_status", "staff", "note", "at")),
    (Product, ("sku", "name", "variant", "category", "price_cents")),
    (SaleLine, ("sku", "description", "paid_cents")),
    (Sale, ("receipt", "currency")),
    (DropOffPoint, ("name", "address", "hours", "categories", "notes")),
    (OutboxMessage, ("subject", "body_text", "last_error")),
    (Feedback, ("rating", "comment", "staff")),
)


def fingerprint(database) -> str:
    """A digest of what the demo wrote that people read (no ids), the same on every engine."""

    def plain(value):
        if isinstance(value, datetime):
            return value.astimezone(UTC).isoformat()
        return value.isoformat() if isinstance(value, date) else str(value)

    digest = hashlib.sha256()
    with database.connect() as conn:
        for model, names in FINGERPRINT:
            query = select(*(getattr(model, name) for name in names))
            rows = sorted(repr(tuple(plain(v) for v in row)) for row in conn.execute(query))
            digest.update(model.__tablename__.encode() + "\n".join(rows).encode())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def brazil(tmp_path_factory):
    """One database with 300 returns of the Brazilian demo, shared by the read-only tests."""
    database = open_database(new_database_url("brazil", tmp_path_factory.mktemp("brazil")))
    summary = seed_demo(database, returns=300, seed=7, now=NOW, locale="pt_BR")
    yield database, summary
    database.close()


def test_the_english_demo_is_what_it_was_for_the_same_seed(db):
    seed_demo(db, returns=300, seed=7, now=NOW)
    assert fingerprint(db) == ENGLISH_DEMO
    with db.session() as session:
        assert get_setting(session, SHOP_NAME) == "My Shop"  # its settings left alone


def test_the_brazilian_shop_sells_in_reais_in_sao_paulo(brazil):
    database, _ = brazil
    stored = {spec.key: value for spec, value in load_settings(database).items()}
    for key, value in content_br.SHOP_SETTINGS.items():
        assert stored[key] == value, key
    assert stored["shop.currency"] == "BRL" and stored["shop.locale"] == "pt_BR"
    assert "São Paulo" in stored["shop.address"] and stored["shop.name"] == "Loja Ipê"
    with database.connect() as conn:
        assert set(conn.execute(select(Return.currency)).scalars()) == {"BRL"}
        assert set(conn.execute(select(Sale.currency)).scalars()) == {"BRL"}
        total = conn.execute(select(Return.total_cents).limit(1)).scalar_one()
        points = conn.execute(select(DropOffPoint.name, DropOffPoint.address)).all()
    assert format_money(total, "BRL", locale="pt_BR").startswith("R$")
    assert [name for name, _ in points] == [p["name"] for p in content_br.DROPOFF_POINTS]
    assert all("São Paulo – SP" in address for _, address in points)


def test_the_brazilian_shop_names_its_products_reasons_and_notes_in_portuguese(brazil):
    database, _ = brazil
    with database.connect() as conn:
        names = set(conn.execute(select(Product.name)).scalars())
        categories = set(conn.execute(select(Product.category)).scalars())
        lines = conn.execute(select(ReturnLine.description)).scalars().all()
        reasons = set(conn.execute(select(Return.reason_text)).scalars()) - {""}
        notes = set(conn.execute(select(StatusChange.note)).scalars()) - {""}
        staff = set(conn.execute(select(StatusChange.staff)).scalars()) - {""}
        errors = set(conn.execute(select(OutboxMessage.last_error)).scalars()) - {""}
    assert names == BRAZILIAN_NAMES
    assert categories == set(content_br.CATEGORY_NAMES.values())
    assert any(", tamanho " in line for line in lines)
    assert not any(", size " in line for line in lines)
    assert reasons and reasons <= {t for ts in content_br.REASON_TEXTS.values() for t in ts}
    known = {t for ts in content_br.STATUS_NOTES.values() for t in ts}
    assert notes and notes <= known | set(content_br.CANCELLED_UNSENT)
    assert staff <= set(content_br.STAFF)
    assert errors and all(e.startswith(("O servidor", "O provedor", "Tempo")) for e in errors)


def test_most_brazilian_customers_prefer_portuguese_and_every_phone_is_a_brazilian_mobile(brazil):
    database, _ = brazil
    with database.connect() as conn:
        customers = conn.execute(
            select(Customer.preferred_language, Customer.phone, Customer.email)
        ).all()
    languages = Counter(language for language, _, _ in customers)
    assert languages["pt_BR"] > 0.8 * len(customers) and languages["en"] > 0  # a few expats
    phones = [phone for _, phone, _ in customers if phone]
    assert phones
    for phone in phones:
        number = phonenumbers.parse(phone)
        assert number.country_code == 55 and phonenumbers.is_valid_number(number), phone
        assert phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE, phone
    areas = Counter(phone[3:5] for phone in phones)
    assert areas.most_common(1)[0][0] == "11"
    domains = Counter(email.split("@")[1] for _, _, email in customers if email)
    assert sum(n for domain, n in domains.items() if domain.endswith(".com.br")) > 0


def test_messages_and_feedback_speak_each_customers_language(brazil):
    database, _ = brazil
    with database.connect() as conn:
        said = conn.execute(select(OutboxMessage.language, OutboxMessage.body_text)).all()
    portuguese = [body for language, body in said if language == "pt_BR"]
    assert len(portuguese) > 0.8 * len(said)
    assert all("Loja Ipê" in body for _, body in said)  # signed with the shop's name


def test_the_shops_own_settings_stay(db):
    with db.session() as session:
        set_setting(session, SHOP_NAME, "Sapataria do Zé")
        set_setting(session, SHOP_CURRENCY, "EUR")
        session.commit()
    seed_demo(db, returns=20, seed=1, now=NOW, locale="pt_BR")
    with db.session() as session:
        assert get_setting(session, SHOP_NAME) == "Sapataria do Zé"
        assert get_setting(session, SHOP_CURRENCY) == "EUR"
    stored = {spec.key: value for spec, value in load_settings(db).items()}
    assert stored["shop.address"] == content_br.SHOP_SETTINGS["shop.address"]  # was empty
    with db.connect() as conn:
        assert set(conn.execute(select(Return.currency)).scalars()) == {"EUR"}


def returndesk(cli_db, *args: str, language: str = "en"):
    return run_on(cli_db, *args, env={"LANGUAGE": language})


def currencies(cli_db) -> set[str]:
    database = open_database(cli_db.url)
    try:
        with database.connect() as conn:
            return set(conn.execute(select(Return.currency)).scalars())
    finally:
        database.close()


def test_the_command_builds_the_brazilian_shop_when_asked(cli_db):
    result = returndesk(cli_db, "demo", "--returns", "40", "--locale", "pt_BR")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Added 40 demo returns (customers: ")  # an English desk
    assert currencies(cli_db) == {"BRL"}


def test_a_portuguese_desk_builds_the_brazilian_shop_and_says_so_in_portuguese(cli_db):
    result = returndesk(cli_db, "demo", "--returns", "250", language="pt_BR")
    assert result.returncode == 0, result.stderr
    said = r"250 devoluções de demonstração adicionadas \(clientes: \d+, vendas: \d+\.\d{3}\)\."
    assert re.match(said, result.stdout), result.stdout  # 1.234: the Portuguese grouping
    assert re.search(r"^Experimente o cupom \S+ ou \S+ em Nova devolução\.$", result.stdout, re.M)
    assert currencies(cli_db) == {"BRL"}


def test_the_help_names_the_locales_and_their_default(cli_db):
    english = returndesk(cli_db, "demo", "--help")
    assert "{en,pt_BR}" in english.stdout and "this desk's language" in english.stdout
    portuguese = returndesk(cli_db, "demo", "--help", language="pt_BR")
    assert "o idioma deste balcão" in portuguese.stdout
    refused = returndesk(cli_db, "demo", "--locale", "de")
    assert refused.returncode == 2 and "invalid choice" in refused.stderr
