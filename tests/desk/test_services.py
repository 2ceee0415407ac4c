"""The returns' services: each user action one call and one transaction, on a real database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import update
from sqlmodel import select

from desk.codes import Event, Status
from desk.errors import DeskError, NotFound, ValidationError
from desk.i18n.catalog import set_language
from desk.messages.templating import TemplateError
from desk.models import Customer, ExchangeLine, MessageTemplate, OutboxMessage, Return, StatusChange
from desk.policy.intake import advise_draft
from desk.returns import CustomerDraft, ExchangeDraft, LineDraft, ReturnDraft, save_return
from desk.services import (
    check_return,
    create_return,
    customer_policy,
    feedback_request_offer,
    get_return,
    instructions_sheet,
    move_return,
    notify_mode,
    preview_message,
    return_view,
    search_customers,
    send_again,
    waiting_messages,
)
from desk.settings import (
    FEEDBACK_REQUEST_HOURS,
    FEEDBACK_REQUEST_WHEN,
    NOTIFY,
    SHOP_CURRENCY,
    SHOP_NAME,
    save_settings,
    set_setting,
    shop_basics,
)
from desk.workflow import NoteRequired

TODAY = date.today()


def customer_on_file(db, *, returns: int, email: str = "", language: str = "en") -> int:
    """A customer with `returns` past returns logged today (6 make a frequent returner)."""
    with db.session() as session:
        customer = Customer(name="Rui Costa", email=email or None, preferred_language=language)
        session.add(customer)
        session.commit()
        for _ in range(returns):
            save_return(
                session=session,
                draft=ReturnDraft(
                    reason="wrong_size",
                    customer_id=customer.id,
                    lines=[LineDraft(sku="OLD-1", unit_price_cents=1000)],
                ),
            )
        return customer.id


def a_draft(customer_id: int, **changes) -> ReturnDraft:
    values = dict(
        reason="wrong_size",
        customer_id=customer_id,
        refund_method="exchange",
        purchase_ref="INV-7",
        purchase_date=TODAY - timedelta(days=3),
        lines=[LineDraft(sku="SHOE-42", unit_price_cents=5000, condition="opened")],
        exchange_lines=[ExchangeDraft(sku="SHOE-43", unit_price_cents=6200)],
        staff="Ana",
    )
    values.update(changes)
    return ReturnDraft(**values)


def stored_returns(db, customer_id: int) -> list[Return]:
    with db.session() as session:
        query = select(Return).where(Return.customer_id == customer_id).order_by(Return.id)
        return list(session.exec(query).all())


# create_return


def test_create_return_applies_the_fee_and_the_exchange_settlement(db):
    customer_id = customer_on_file(db, returns=6)  # frequent returner: 10% fee on opened items
    ret = create_return(db, draft=a_draft(customer_id), today=TODAY)
    assert (ret.fee_cents, ret.bonus_cents) == (500, 0)
    assert ret.settlement_cents == 6200 - (5000 - 500)  # the customer pays €17.00
    with db.session() as session:
        stored = session.get(Return, ret.id)
        swaps = session.exec(select(ExchangeLine).where(ExchangeLine.return_id == ret.id)).all()
    assert (stored.fee_cents, stored.settlement_cents) == (500, 1700)
    assert [(x.sku, x.unit_price_cents) for x in swaps] == [("SHOE-43", 6200)]


def test_create_return_adds_the_store_credit_bonus_and_drops_replacements(db):
    customer_id = customer_on_file(db, returns=0)
    ret = create_return(db, draft=a_draft(customer_id, refund_method="store_credit"))
    assert (ret.bonus_cents, ret.fee_cents, ret.settlement_cents) == (500, 0, 0)  # 10% of €50
    with db.session() as session:
        assert session.exec(select(ExchangeLine)).all() == []


def test_create_return_ignores_policy_figures_typed_by_the_caller(db):
    customer_id = customer_on_file(db, returns=0)
    typed = a_draft(customer_id, refund_method="original", fee_cents=999, bonus_cents=999)
    ret = create_return(db, draft=typed)
    assert (ret.fee_cents, ret.bonus_cents) == (0, 0)


def test_create_return_refuses_a_missing_override_reason_and_saves_nothing(db):
    customer_id = customer_on_file(db, returns=2)  # occasional: a 30-day window
    late = a_draft(customer_id, refund_method="original", purchase_date=TODAY - timedelta(days=31))
    with pytest.raises(ValidationError) as refused:
        create_return(db, draft=late)
    assert set(refused.value.errors) == {"override"}
    assert check_return(db, draft=late) == refused.value.errors
    assert len(stored_returns(db, customer_id)) == 2  # only the two on file

    late.override_reason = "Customer was abroad"
    ret = create_return(db, draft=late)
    with db.session() as session:
        first = session.exec(select(StatusChange).where(StatusChange.return_id == ret.id)).one()
    assert first.note.startswith("Policy override: outside the 30-day window")
    assert first.note.endswith("— Customer was abroad")


def test_create_return_with_a_new_customer_and_field_errors(db):
    bad = ReturnDraft(reason="", lines=[], new_customer=CustomerDraft(name="Eva", email="eva@"))
    with pytest.raises(ValidationError) as refused:
        create_return(db, draft=bad)
    assert {"reason", "lines", "customer.email"} <= set(refused.value.errors)
    with db.session() as session:
        assert session.exec(select(Customer)).all() == []
    bad.reason, bad.new_customer.email = "defective", "eva@example.com"
    bad.lines = [LineDraft(sku="LAMP-1", unit_price_cents=2500)]
    ret = create_return(db, draft=bad)
    assert get_return(db, return_id=ret.id).customer.name == "Eva"


def test_the_live_advice_matches_what_create_return_saves(db):
    customer_id = customer_on_file(db, returns=6)
    draft = a_draft(customer_id)
    live = advise_draft(customer_policy(db, customer_id=customer_id), draft, today=TODAY)
    ret = create_return(db, draft=draft, today=TODAY)
    assert live.advice.fee_cents == ret.fee_cents
    assert live.settlement.difference_cents == ret.settlement_cents


# reading


def test_reads_return_loaded_data_usable_after_the_session(db):
    customer_id = customer_on_file(db, returns=1, email="rui@example.com")
    [ret] = stored_returns(db, customer_id)
    detail = get_return(db, number=ret.number.lower())
    assert detail.customer.email == "rui@example.com"
    assert [line.sku for line in detail.lines] == ["OLD-1"]
    assert [c.to_status for c in detail.timeline] == ["received"]
    view = return_view(db, return_id=ret.id)
    assert view.detail.ret.number == ret.number and view.messages == []
    assert view.habits.returns == 1
    assert [c.name for c in search_customers(db, query="Rui")] == ["Rui Costa"]
    with pytest.raises(NotFound):
        get_return(db, return_id=9999)
    save_settings(db, {SHOP_NAME: "Loja Boa Vista", SHOP_CURRENCY: "BRL"})
    assert shop_basics(db) == type(shop_basics(db))(name="Loja Boa Vista", currency="BRL")
    assert instructions_sheet(db, return_number=ret.number).customer_name == "Rui Costa"


# move_return


def received_return(db, **customer) -> Return:
    customer_id = customer_on_file(db, returns=0, **customer)
    return create_return(
        db,
        draft=a_draft(customer_id, refund_method="original", exchange_lines=[], staff=""),
    )


def test_move_return_moves_and_queues_in_one_transaction(db):
    ret = received_return(db, email="rui@example.com")
    outcome = move_return(
        db, return_id=ret.id, to=Status.APPROVED, expected_version=ret.version,
        staff="Ana", notify=True,
    )  # fmt: skip
    assert outcome.result.ret.status == "approved" and outcome.notify
    assert outcome.message is not None and outcome.message.recipient == "rui@example.com"
    view = return_view(db, return_id=ret.id)
    assert view.detail.ret.status == "approved"
    assert [m.id for m in view.messages] == [outcome.message.id]
    assert view.messages[0].status_change_id == outcome.result.change.id


def test_a_message_that_cannot_be_rendered_is_not_queued_and_the_move_happens(db):
    ret = received_return(db, email="rui@example.com")
    with db.session() as session:  # a stored wording that no longer renders (older version)
        session.add(
            MessageTemplate(event="approved", language="en", part="subject", body="{{ gone }}")
        )
        session.commit()
    detail = get_return(db, return_id=ret.id)
    with pytest.raises(TemplateError):  # the preview says so before the move is tried
        preview_message(db, detail=detail, event="approved")
    outcome = move_return(
        db, return_id=ret.id, to="approved", expected_version=ret.version, notify=True
    )
    assert outcome.message is None and outcome.template_failed
    assert outcome.result.ret.status == "approved"
    assert "Subject template of the “Return approved” message in English" in outcome.reason_not_sent
    assert "gone" in outcome.reason_not_sent
    detail = get_return(db, return_id=ret.id)
    assert [c.to_status for c in detail.timeline] == ["received", "approved"]
    with db.session() as session:
        assert session.exec(select(OutboxMessage)).all() == []


def test_an_automatic_step_queues_without_being_asked(db):
    ret = received_return(db, email="rui@example.com")
    assert notify_mode(db, to="approved") == "ask"
    assert notify_mode(db, to="inspecting") == "off"  # a step without a message
    save_settings(db, {NOTIFY[Event.APPROVED]: "auto"})
    assert notify_mode(db, to="approved") == "auto"
    outcome = move_return(
        db, return_id=ret.id, to="approved", expected_version=ret.version, notify=False
    )
    assert outcome.notify and outcome.message is not None


def test_a_refused_move_changes_nothing(db):
    ret = received_return(db, email="rui@example.com")
    with pytest.raises(NoteRequired):
        move_return(db, return_id=ret.id, to="rejected", expected_version=ret.version, notify=True)
    assert get_return(db, return_id=ret.id).ret.version == ret.version


def test_send_again_queues_a_failed_message_and_commits(db):
    ret = received_return(db, email="rui@example.com")
    message = move_return(
        db, return_id=ret.id, to="approved", expected_version=ret.version, notify=True
    ).message
    with pytest.raises(DeskError, match="already waiting"):
        send_again(db, message_id=message.id)
    with db.session() as session:
        session.exec(update(OutboxMessage).values(state="failed", last_error="refused", attempts=5))
        session.commit()
    assert waiting_messages(db) == 0
    again = send_again(db, message_id=message.id)
    assert (again.state, again.last_error) == ("queued", "")
    assert waiting_messages(db) == 1
    with db.session() as session:  # committed: another session sees it
        assert session.get(OutboxMessage, message.id).state == "queued"


# the feedback request on closing


def refunded_return(db, **customer) -> Return:
    ret = received_return(db, **customer)
    return move_return(
        db, return_id=ret.id, to="refunded", expected_version=ret.version, notify=False
    ).result.ret


@pytest.mark.parametrize(
    ("mode", "notify", "ask_feedback", "asked"),
    [
        ("off", True, True, False),  # never asks
        ("ask", True, None, True),  # as the message: ticked
        ("ask", False, None, False),
        ("ask", False, True, True),  # the feedback box ticked on its own
        ("ask", True, False, False),  # the feedback box unticked
        ("auto", False, False, True),  # always, unasked
    ],
)
def test_notify_feedback_decides_whether_closing_asks(db, mode, notify, ask_feedback, asked):
    save_settings(db, {NOTIFY[Event.FEEDBACK]: mode, FEEDBACK_REQUEST_WHEN: "now"})
    ret = refunded_return(db, email="rui@example.com")
    outcome = move_return(
        db, return_id=ret.id, to="closed", expected_version=ret.version, notify=notify,
        ask_feedback=ask_feedback,
    )  # fmt: skip
    assert (outcome.feedback is not None) == asked
    assert (outcome.message is not None) == notify
    with db.session() as session:
        events = session.exec(
            select(OutboxMessage.event).where(OutboxMessage.return_id == ret.id)
        ).all()
    assert sorted(events) == sorted(["closed"] * notify + ["feedback"] * asked)


def test_only_closing_asks_for_feedback(db):
    save_settings(db, {NOTIFY[Event.FEEDBACK]: "auto"})
    ret = received_return(db, email="rui@example.com")
    outcome = move_return(
        db, return_id=ret.id, to="refunded", expected_version=ret.version, notify=True,
        ask_feedback=True,
    )  # fmt: skip
    assert outcome.feedback is None and outcome.feedback_reason == ""
    assert outcome.message.event == Event.REFUNDED


def test_feedback_request_offer_reads_the_delay_and_the_customer(db):
    save_settings(db, {FEEDBACK_REQUEST_WHEN: "hours", FEEDBACK_REQUEST_HOURS: 6})
    ret = refunded_return(db, email="rui@example.com")
    with db.session() as session:  # Rui asks not to be contacted any more
        session.exec(update(Customer).values(preferred_channel="none"))
        session.commit()
    now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    offer = feedback_request_offer(db, detail=get_return(db, return_id=ret.id), now=now)
    assert offer.due == datetime(2026, 12, 1, 15, 0, tzinfo=UTC) and offer.mode == "ask"
    assert offer.channel is None and "asked not to be sent messages" in offer.reason
    assert not offer.possible


# undo_move


def closed_with_messages(db):
    """A refunded return closed with its message and the feedback request queued."""
    save_settings(db, {NOTIFY[Event.FEEDBACK]: "auto", FEEDBACK_REQUEST_WHEN: "now"})
    ret = refunded_return(db, email="rui@example.com")
    outcome = move_return(
        db, return_id=ret.id, to="closed", expected_version=ret.version, staff="Ana", notify=True
    )
    assert outcome.message is not None and outcome.feedback is not None
    return outcome


def test_undo_move_takes_the_return_back_and_withdraws_its_messages(db):
    from desk.services import undo_move
    from desk.workflow import ChangeKind, change_kind

    outcome = closed_with_messages(db)
    ret, change = outcome.result.ret, outcome.result.change
    undone = undo_move(db, return_id=ret.id, change_id=change.id, staff="Ana")
    assert undone.ret.status == "refunded" and undone.ret.version == ret.version + 1
    assert (undone.withdrawn, undone.already_sent) == (2, 0)
    detail = get_return(db, return_id=ret.id)
    assert [c.to_status for c in detail.timeline][-2:] == ["closed", "refunded"]  # both kept
    assert [change_kind(c) for c in detail.timeline][-2:] == [ChangeKind.MOVE, ChangeKind.UNDO]
    assert detail.timeline[-1].note == "Undid the move to Closed." and detail.timeline[-1].staff
    with db.session() as session:
        messages = session.exec(select(OutboxMessage).where(OutboxMessage.return_id == ret.id))
        states = {(m.event, m.state, m.last_error) for m in messages}
    reason = "The move to Closed was undone."
    assert states == {("closed", "cancelled", reason), ("feedback", "cancelled", reason)}
    assert waiting_messages(db) == 0
    again = move_return(  # and it can be closed again, properly
        db, return_id=ret.id, to="closed", expected_version=undone.ret.version, notify=False
    )
    assert again.result.ret.status == "closed"


def test_undo_move_refuses_when_the_return_moved_since_or_too_late(db):
    from desk.services import undo_move
    from desk.workflow import UNDO_WINDOW

    ret = refunded_return(db, email="rui@example.com")
    with db.session() as session:
        first = session.exec(
            select(StatusChange).where(StatusChange.return_id == ret.id).order_by(StatusChange.id)
        ).all()[-1]
    move_return(db, return_id=ret.id, to="closed", expected_version=ret.version, notify=False)
    with pytest.raises(DeskError, match="has moved since"):
        undo_move(db, return_id=ret.id, change_id=first.id)
    last = get_return(db, return_id=ret.id).timeline[-1]
    later = last.at + UNDO_WINDOW + timedelta(seconds=1)
    with pytest.raises(DeskError, match="too old to undo"):
        undo_move(db, return_id=ret.id, change_id=last.id, now=later)
    with pytest.raises(NotFound):
        undo_move(db, return_id=ret.id + 99, change_id=last.id)
    assert get_return(db, return_id=ret.id).ret.status == "closed"  # nothing changed


def test_a_message_already_sent_is_not_withdrawn_but_counted(db):
    from desk.services import undo_move

    outcome = closed_with_messages(db)
    with db.session() as session:
        session.exec(
            update(OutboxMessage).where(OutboxMessage.id == outcome.message.id).values(state="sent")
        )
        session.commit()
    undone = undo_move(db, return_id=outcome.result.ret.id, change_id=outcome.result.change.id)
    assert (undone.withdrawn, undone.already_sent) == (1, 1)


def test_create_return_stamps_the_shop_s_currency_of_the_moment(db):
    customer_id = customer_on_file(db, returns=0)
    before = create_return(db, draft=a_draft(customer_id, refund_method="original"), today=TODAY)
    with db.session() as session:
        set_setting(session, SHOP_CURRENCY, "BRL")
        session.commit()
    after = create_return(db, draft=a_draft(customer_id, refund_method="original"), today=TODAY)
    assert [r.currency for r in stored_returns(db, customer_id)] == ["EUR", "BRL"]
    assert (before.currency, after.currency) == ("EUR", "BRL")


def test_a_services_refusal_reads_in_the_desks_language(db):
    ret = received_return(db, email="rui@example.com")
    set_language("pt_BR")
    with pytest.raises(NotFound, match="^Não existe a devolução R-2026-99999.$"):
        get_return(db, number="R-2026-99999")
    with pytest.raises(NoteRequired, match="^Diga por que a devolução foi recusada.$"):
        move_return(db, return_id=ret.id, to="rejected", expected_version=ret.version, notify=False)
    with pytest.raises(DeskError) as refused:
        move_return(db, return_id=ret.id, to="closed", expected_version=ret.version, notify=False)
    assert str(refused.value).startswith(
        "Uma devolução na situação “recebida” não pode passar para “encerrada”; ela pode ir "
        "para: Em análise, Aprovada, Recusada"
    )
    with pytest.raises(ValidationError) as bad:
        create_return(db, draft=ReturnDraft(reason="", lines=[], customer_id=None))
    assert bad.value.errors["lines"] == "Adicione pelo menos um item devolvido."
    assert bad.value.errors["customer"] == "Escolha um cliente ou cadastre um novo."
