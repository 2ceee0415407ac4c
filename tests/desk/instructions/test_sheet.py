"""The instructions sheet's content, for real returns and the generic sheet, on SQLite."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desk.codes import Status
from desk.customers.segments import Segment
from desk.errors import DeskError, NotFound
from desk.i18n.catalog import set_language
from desk.instructions.dropoff import DropOffDraft, save_dropoff_point, set_dropoff_active
from desk.instructions.sheet import ICONS, add_business_days, build_sheet
from desk.messages.context import format_day
from desk.policy.settings import POLICY
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, get_detail, save_return
from desk.settings import (
    SHOP_ADDRESS,
    SHOP_LOCALE,
    SHOP_NAME,
    SHOP_PHONE,
    SHOP_REFUND_DAYS,
    set_setting,
)
from desk.workflow import transition

PURCHASE = date.today() - timedelta(days=5)
TODAY = date.today()


def log_return(db, *, language="en", dispositions=("restock",), **changes) -> str:
    values = dict(
        reason="wrong_size",
        status="requested",
        purchase_date=PURCHASE,
        new_customer=CustomerDraft(
            name="João Álvares", email="joao@example.com", preferred_language=language
        ),
        lines=[
            LineDraft(sku=f"SKU-{i}", quantity=1, unit_price_cents=4999, disposition=d)
            for i, d in enumerate(dispositions)
        ],
    )
    values.update(changes)
    with db.session() as session:
        return save_return(session=session, draft=ReturnDraft(**values)).number


def move(db, number, *statuses):
    with db.session() as session:
        for status in statuses:
            ret = get_detail(session, number=number).ret
            transition(session=session, return_id=ret.id, to=status, expected_version=ret.version)


def sheet(db, number=None, **kwargs):
    with db.session() as session:
        return build_sheet(
            session, return_number=number, today=kwargs.pop("today", TODAY), **kwargs
        )


def icons(result) -> list[str]:
    return [step.icon for step in result.steps]


def add_point(db, name, **kinds):
    return save_dropoff_point(db, DropOffDraft(name=name, address=f"{name} street 1", **kinds))


def test_counter_return_with_refund_to_card(db):
    number = log_return(db)
    result = sheet(db, number)
    assert result.language == "en"
    assert result.title == "How to return your items"
    assert result.return_number == result.qr_text == number
    assert result.customer_name == "João Álvares"
    assert icons(result) == ["pack", "slip", "counter", "inspect", "refund"]
    deadline = PURCHASE + timedelta(days=30)
    assert result.deadline == deadline
    assert result.deadline_text == f"Bring it back by {format_day(deadline, 'en')}"
    assert format_day(deadline, "en") in result.steps[2].text
    assert result.steps[-1].text == (
        "Your refund reaches your card within 3 business days of approval."
    )
    assert all(step.icon in ICONS for step in result.steps)
    assert result.labels["return_number"] == "Return number"
    assert "{page}" in result.labels["page"]


def test_refund_days_come_from_the_settings(db):
    number = log_return(db)
    with db.session() as session:
        set_setting(session, SHOP_REFUND_DAYS, 7)
        session.commit()
    assert "within 7 business days" in sheet(db, number).steps[-1].text


def test_mail_return_says_where_to_post_it(db):
    with db.session() as session:
        set_setting(session, SHOP_ADDRESS, "Rua das Flores 12\nSão Paulo")
        session.commit()
    number = log_return(db, intake="mail")
    result = sheet(db, number)
    assert icons(result) == ["pack", "slip", "mail", "inspect", "refund"]
    assert "Rua das Flores 12, São Paulo" in result.steps[2].text
    assert result.deadline_text.startswith("Post it by ")
    assert "parcel" in result.steps[1].text


@pytest.mark.parametrize(
    ("method", "intake", "icon", "text"),
    [
        ("original", "counter", "refund", "Your refund reaches your card within"),
        ("store_credit", "counter", "credit", "Store credit is added at the counter"),
        ("store_credit", "mail", "credit", "Store credit is added to your account"),
        ("exchange", "counter", "exchange", "Pick your replacement at the counter"),
        ("exchange", "mail", "exchange", "Pick your replacement: we post it"),
    ],
)
def test_last_step_follows_the_refund_method(db, method, intake, icon, text):
    number = log_return(db, refund_method=method, intake=intake)
    last = sheet(db, number).steps[-1]
    assert last.icon == icon
    assert last.text.startswith(text)


def test_portuguese_customer_gets_a_portuguese_sheet(db):
    number = log_return(db, language="pt_BR", refund_method="store_credit")
    result = sheet(db, number)
    deadline = PURCHASE + timedelta(days=30)
    assert result.language == "pt_BR"
    assert result.title == "Como devolver seus itens"
    assert result.deadline_text == f"Traga até {format_day(deadline, 'pt_BR')}"
    assert " de " in format_day(deadline, "pt_BR")  # "12 de dezembro de 2026"
    assert result.steps[-1].text == "O vale-troca é liberado no balcão após a aprovação."
    assert result.steps[0].text == "Embale os itens com acessórios, manuais e etiquetas."
    assert result.dropoff_title == "Pontos de coleta perto de você"
    assert result.labels["return_number"] == "Número da devolução"
    assert "são consertados" in result.sustainability_note


def test_portuguese_refund_to_card(db):
    number = log_return(db, language="pt_BR")
    assert sheet(db, number).steps[-1].text == (
        "O reembolso chega ao seu cartão em até 3 dias úteis após a aprovação."
    )


def test_the_sheet_speaks_the_customers_language_not_the_desks(db):
    set_language("pt_BR")  # a Brazilian desk prints for an English-speaking customer
    english = sheet(db, log_return(db, language="en"))
    assert english.title == "How to return your items"
    assert english.labels["deadline"] == "Deadline"
    set_language("en")
    portuguese = sheet(db, log_return(db, language="pt_BR", intake="mail"))
    assert portuguese.title == "Como devolver seus itens"
    assert portuguese.labels["deadline"] == "Prazo"
    assert portuguese.steps[1].text.startswith("Coloque esta folha no pacote")


def test_portuguese_counts_take_their_plural_form(db):
    with db.session() as session:
        set_setting(session, SHOP_REFUND_DAYS, 1)
        session.commit()
    number = log_return(db, language="pt_BR")
    assert sheet(db, number).steps[-1].text == (
        "O reembolso chega ao seu cartão em até 1 dia útil após a aprovação."
    )
    generic = sheet(db, language="pt_BR")
    assert generic.deadline_text == "Devolva seus itens em até 30 dias após a compra"
    assert generic.steps[1].text == "Traga o cupom fiscal ou o número do pedido junto com os itens."


def test_an_unknown_language_is_refused_in_the_desks_language(db):
    set_language("pt_BR")
    with pytest.raises(DeskError, match="Não há instruções em “fr”; use um destes: en, pt_BR."):
        sheet(db, language="fr")


def test_language_asked_for_wins_and_unknown_ones_are_refused(db):
    number = log_return(db, language="pt_BR")
    assert sheet(db, number, language="en").language == "en"
    assert sheet(db, number, language="pt-br").language == "pt_BR"
    with pytest.raises(DeskError, match="fr"):
        sheet(db, number, language="fr")
    with pytest.raises(NotFound):
        sheet(db, "R-1999-00001")


def test_customer_language_unknown_falls_back_to_the_shop(db):
    with db.session() as session:
        set_setting(session, SHOP_LOCALE, "pt_BR")
        session.commit()
    number = log_return(db, language="de")
    assert sheet(db, number).language == "pt_BR"


def test_deadline_follows_the_customers_policy_window(db):
    with db.session() as session:
        set_setting(session, POLICY[Segment.NEW].window_days, 14)
        session.commit()
    number = log_return(db)
    result = sheet(db, number)
    assert result.deadline == PURCHASE + timedelta(days=14)
    assert sheet(db).deadline_text == "Bring your items back within 14 days of purchase"


def test_deadline_without_purchase_date_counts_from_the_logging_day(db):
    number = log_return(db, purchase_date=None)
    assert sheet(db, number).deadline == date.today() + timedelta(days=30)


def test_passed_deadline_is_said_plainly(db):
    number = log_return(db)
    late = PURCHASE + timedelta(days=31)
    result = sheet(db, number, today=late)
    assert result.deadline_text.startswith("The return window ended on ")


def test_received_return_has_fewer_steps(db):
    number = log_return(db, status="received")
    result = sheet(db, number)
    assert "pack" not in icons(result)
    assert icons(result) == ["inspect", "refund", "dropoff", "counter"]
    check_by = format_day(add_business_days(TODAY, 5), "en")  # shop.check_days: 5 by default
    assert result.deadline_text == f"We have your items and will tell you the outcome by {check_by}"
    assert result.labels["deadline"] == "What happens next"


PATHS = {  # how a return logged as received gets to each status
    Status.RECEIVED: (),
    Status.INSPECTING: (Status.INSPECTING,),
    Status.APPROVED: (Status.APPROVED,),
    Status.REJECTED: (Status.REJECTED,),
    Status.REFUNDED: (Status.REFUNDED,),
    Status.CREDITED: (Status.CREDITED,),
    Status.EXCHANGED: (Status.EXCHANGED,),
    Status.CLOSED: (Status.REFUNDED, Status.CLOSED),
    Status.CANCELLED: (Status.CANCELLED,),
}


@pytest.mark.parametrize("language", ["en", "pt_BR"])
@pytest.mark.parametrize("status", list(PATHS))
def test_every_status_says_what_happens_next_and_by_when(db, status, language):
    number = log_return(db, status="received", language=language)
    with db.session() as session:
        ret = get_detail(session, number=number).ret
        for step in PATHS[status]:
            note = "Worn soles" if step in (Status.REJECTED, Status.CANCELLED) else ""
            ret = transition(
                session=session,
                return_id=ret.id,
                to=step,
                expected_version=ret.version,
                note=note,
            ).ret
    result = sheet(db, number)
    words = {"en": "What happens next", "pt_BR": "A seguir"}
    assert result.labels["deadline"] == words[language]
    said = result.deadline_text
    assert (
        format_day(TODAY, language) in said
        or format_day(add_business_days(TODAY, 3), language) in said
        or format_day(add_business_days(TODAY, 5), language) in said
    ), said
    assert "We received your items" not in said and "Recebemos" not in said
    assert "{" not in said


def test_an_approved_refund_is_promised_within_the_refund_days(db):
    number = log_return(db, status="received")
    move(db, number, Status.APPROVED)
    with db.session() as session:
        set_setting(session, SHOP_REFUND_DAYS, 7)
        session.commit()
    until = format_day(add_business_days(TODAY, 7), "en")
    assert sheet(db, number).deadline_text == (
        f"Approved: your refund of €49.99 reaches your card by {until}"
    )


def test_business_days_skip_the_weekend():
    friday = date(2026, 11, 27)
    assert add_business_days(friday, 1) == date(2026, 11, 30)
    assert add_business_days(friday, 5) == date(2026, 12, 4)
    assert add_business_days(friday, 0) == friday


def test_settled_returns_say_what_was_done(db):
    refunded = log_return(db, status="received")
    move(db, refunded, Status.REFUNDED)
    credited = log_return(db, status="received", refund_method="store_credit")
    move(db, credited, Status.CREDITED)
    result = sheet(db, refunded)
    assert icons(result) == ["refund", "dropoff", "counter"]
    assert "€49.99" in result.steps[0].text
    assert sheet(db, credited).steps[0].icon == "credit"


@pytest.mark.parametrize(
    "path",
    [
        (),
        (Status.RECEIVED, Status.INSPECTING),
        (Status.RECEIVED, Status.APPROVED),
        (Status.RECEIVED, Status.EXCHANGED, Status.CLOSED),
        (Status.CANCELLED,),
    ],
)
def test_every_status_gets_three_to_five_known_steps(db, path):
    number = log_return(db, refund_method="exchange")
    if Status.CANCELLED in path:
        with db.session() as session:
            ret = get_detail(session, number=number).ret
            transition(
                session=session,
                return_id=ret.id,
                to=Status.CANCELLED,
                expected_version=ret.version,
                note="Customer changed their mind",
            )
    else:
        move(db, number, *path)
    result = sheet(db, number)
    assert 3 <= len(result.steps) <= 5
    assert all(step.icon in ICONS and step.text for step in result.steps)


def test_return_lists_points_that_fit_its_dispositions(db):
    recycling = add_point(db, "Ecoponto", accepts_recycling=True)
    add_point(db, "Bazar", accepts_donation=True)
    repair = add_point(db, "Repair café", accepts_reuse=True)
    number = log_return(db, dispositions=("recycle", "refurbish"))
    result = sheet(db, number)
    assert [p.name for p in result.dropoff_points] == [recycling.name, repair.name]
    assert result.dropoff_points[0].accepts == ["Recycling"]
    assert result.dropoff_points[0].address == "Ecoponto street 1"
    assert "recycled" in result.sustainability_note
    assert "charities" not in result.sustainability_note
    pt = sheet(db, number, language="pt_BR")
    assert pt.dropoff_points[0].accepts == ["Reciclagem"]


def test_generic_sheet_lists_every_active_point_and_no_date(db):
    add_point(db, "Ecoponto", accepts_recycling=True)
    gone = add_point(db, "Closed bazar", accepts_donation=True)
    add_point(db, "Repair café", accepts_reuse=True, accepts_donation=True)
    set_dropoff_active(db, gone.id, False)
    result = sheet(db)
    assert result.return_number is None and result.qr_text is None
    assert result.customer_name is None
    assert result.deadline is None
    assert result.deadline_text == "Bring your items back within 30 days of purchase"
    assert [p.name for p in result.dropoff_points] == ["Ecoponto", "Repair café"]
    assert result.dropoff_points[1].accepts == ["Reuse", "Donation"]
    assert 3 <= len(result.steps) <= 5
    assert "charities" in result.sustainability_note


def test_generic_sheet_uses_the_shop_language_and_settings(db):
    with db.session() as session:
        set_setting(session, SHOP_LOCALE, "pt_BR")
        session.commit()
        set_setting(session, SHOP_NAME, "Loja Central")
        session.commit()
        set_setting(session, SHOP_PHONE, "+55 11 3000-0000")
        session.commit()
    result = sheet(db)
    assert result.language == "pt_BR"
    assert result.shop_name == "Loja Central"
    assert result.shop_phone == "+55 11 3000-0000"
    assert result.deadline_text == "Devolva seus itens em até 30 dias após a compra"


def test_inactive_points_are_never_listed(db):
    point = add_point(db, "Ecoponto", accepts_recycling=True)
    number = log_return(db, dispositions=("recycle",))
    set_dropoff_active(db, point.id, False)
    assert sheet(db, number).dropoff_points == []
    assert sheet(db).dropoff_points == []


def test_twelve_points_all_listed_in_order(db):
    names = [f"Point {i:02d}" for i in range(12)]
    for name in reversed(names):  # stored out of order; positions put them right
        save_dropoff_point(
            db,
            DropOffDraft(
                name=name,
                address="Somewhere 1",
                accepts_recycling=True,
                position=names.index(name),
            ),
        )
    assert [p.name for p in sheet(db).dropoff_points] == names
    number = log_return(db, dispositions=("recycle",))
    assert [p.name for p in sheet(db, number).dropoff_points] == names


def test_amounts_stay_in_the_currency_the_return_was_logged_in(db):
    from desk.settings import SHOP_CURRENCY

    old = log_return(db, refund_method="store_credit")
    move(db, old, "received", "credited")
    with db.session() as session:
        set_setting(session, SHOP_CURRENCY, "BRL")
        session.commit()
    new = log_return(db, refund_method="store_credit")
    move(db, new, "received", "credited")
    assert "Your store credit of €49.99 is ready to use." in texts(sheet(db, old))
    assert "Your store credit of R$49.99 is ready to use." in texts(sheet(db, new))


def texts(result) -> list[str]:
    return [step.text for step in result.steps]


def test_the_qr_code_carries_the_personal_link_when_a_public_address_is_set(db):
    from desk.portal.links import personal_link
    from desk.settings import PORTAL_PUBLIC_URL, save_settings

    number = log_return(db, language="pt_BR")
    assert sheet(db, number).labels["scan_me"] == "Mostre este código no balcão"
    save_settings(db, {PORTAL_PUBLIC_URL: "https://returns.example.com"})
    result = sheet(db, number)
    assert result.qr_text == personal_link(db, number=number)
    assert result.return_number == number
    assert result.labels["scan_me"].startswith("Escaneie para acompanhar sua devolução")
    assert sheet(db).qr_text is None  # the generic sheet has no return to link to
