"""The variables a message template sees: language, money, days, next step, note, shop."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from desk.codes import Event, RefundMethod, Status
from desk.errors import DeskError
from desk.messages.context import (
    check_language,
    context_for,
    format_amount,
    format_day,
    next_step,
    normalise_language,
    sample_context,
    sample_detail,
    shop_settings,
    shop_values,
)
from desk.models import StatusChange
from desk.settings import SHOP_CURRENCY, SHOP_NAME, SHOP_REFUND_DAYS, set_settings


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("pt-br", "pt_BR"),
        ("PT_BR", "pt_BR"),
        ("pt", "pt_BR"),
        ("en", "en"),
        ("de", "en"),
        (None, "en"),
        ("  ", "en"),
    ],
)
def test_languages_are_normalised_to_the_supported_ones(given, expected):
    assert normalise_language(given) == expected


def test_an_unsupported_language_is_refused_in_words():
    assert check_language("pt_BR") == "pt_BR"
    with pytest.raises(DeskError, match="“de”"):
        check_language("de")


def test_money_and_days_follow_the_language():
    assert format_amount(1250, "EUR", "en") == "€12.50"
    assert format_amount(1250, "BRL", "pt_BR") == "R$\xa012,50"
    assert format_day(date(2026, 3, 12), "en") == "March 12, 2026"
    assert format_day(date(2026, 3, 12), "pt_BR") == "12 de março de 2026"
    assert format_day(None, "en") == ""


def test_next_step_says_the_business_days_in_singular_and_plural():
    one = next_step(Event.REFUNDED, RefundMethod.ORIGINAL, "en", "€10.00", 1)
    five = next_step(Event.REFUNDED, RefundMethod.ORIGINAL, "en", "€10.00", 5)
    um = next_step(Event.REFUNDED, RefundMethod.ORIGINAL, "pt_BR", "R$ 10,00", 1)
    assert one == "Your refund of €10.00 will reach your card within 1 business day."
    assert five.endswith("within 5 business days.")
    assert um.endswith("em até 1 dia útil.")


def test_next_step_depends_on_the_refund_method():
    card = next_step(Event.APPROVED, RefundMethod.ORIGINAL, "en", "€10.00", 3)
    credit = next_step(Event.APPROVED, RefundMethod.STORE_CREDIT, "en", "€10.00", 3)
    assert card != credit


def test_the_note_is_the_one_of_the_step_the_message_is_about():
    detail = sample_detail()
    moment = datetime(2026, 3, 13, 9, tzinfo=UTC)
    detail.timeline.append(
        StatusChange(return_id=0, to_status=Status.REJECTED, at=moment, note="Water damage")
    )
    shop = shop_values({})
    rejected = context_for(detail, shop, event=Event.REJECTED, language="en", staff="Ann")
    received = context_for(detail, shop, event=Event.RECEIVED, language="en")
    assert rejected["note"] == "Water damage"
    assert received["note"] == ""
    assert rejected["staff"] == "Ann"
    assert rejected["customer"]["first_name"] == "Ana"


def test_items_total_and_words_come_in_the_customer_s_language():
    english, portuguese = sample_context("en"), sample_context("pt_BR")
    assert english["items"][0]["amount"] == "€99.98"
    assert portuguese["items"][0]["amount"] == "R$\xa099,98"
    assert english["return"]["reason"] != portuguese["return"]["reason"]
    assert english["today"] == "March 14, 2026"
    assert portuguese["language"] == "pt_BR" and portuguese["event"] == "refunded"


def test_shop_settings_are_read_typed_with_defaults(db):
    with db.session() as session:
        assert shop_settings(session)["shop.refund_days"] == SHOP_REFUND_DAYS.default
        set_settings(
            session, {SHOP_NAME: "Loja da Ana", SHOP_REFUND_DAYS: "7", SHOP_CURRENCY: "brl"}
        )
        session.commit()
    with db.session() as session:
        shop = shop_settings(session)
    assert shop["shop.name"] == "Loja da Ana"
    assert shop["shop.refund_days"] == 7
    assert shop["shop.currency"] == "BRL"


def test_money_is_in_the_return_s_currency_not_the_shop_s_now():
    detail = sample_detail("en")  # a return logged in EUR
    shop = shop_values({"shop.currency": "BRL"})  # the shop has switched since
    context = context_for(detail, shop, event=Event.REFUNDED, language="en")
    assert context["total"] == "€107.48"
    assert context["items"][0]["unit_price"] == "€49.99"
    assert "€107.48" in context["next_step"] and "R$" not in context["next_step"]
    detail.ret.currency = "BRL"  # one logged after the switch
    assert context_for(detail, shop, event=Event.REFUNDED, language="en")["total"] == "R$107.48"


def test_the_context_carries_the_personal_link_only_with_a_public_address(db):
    from desk.messages.context import build_context
    from desk.portal.links import personal_link
    from desk.returns import get_detail
    from desk.settings import PORTAL_PUBLIC_URL, save_settings
    from tests.desk.portal.test_links import new_return

    ret = new_return(db)
    with db.session() as session:
        detail = get_detail(session, return_id=ret.id)
        assert (
            build_context(session, detail, event=Event.RECEIVED, language="en")["portal_link"] == ""
        )
    save_settings(db, {PORTAL_PUBLIC_URL: "https://returns.example.com"})
    with db.session() as session:
        for event in Event:
            context = build_context(session, detail, event=event, language="pt_BR")
            assert context["portal_link"] == personal_link(db, number=ret.number)
    assert sample_context()["portal_link"].startswith("https://returns.example.com/r/")
    assert (
        context_for(sample_detail(), shop_values({}), event="received", language="en")[
            "portal_link"
        ]
        == ""
    )
