"""A customer's profile and edits to it, over a real database (the `history` fixture is in
this folder's conftest)."""

import pytest
from sqlalchemy import update

from desk.customers.profile import load_profile, profile, update_customer
from desk.customers.segments import Segment
from desk.errors import NotFound, ValidationError
from desk.listing import ReturnFilter
from desk.listing import count as count_found
from desk.models import (
    Customer,
)
from tests.desk.customers.histories import EMAIL, NAME


def test_profile_numbers_on_a_crafted_history(db, history):
    with db.session() as session:
        p = profile(session, history["customer_id"])
    assert p.customer.name == NAME and not p.erased
    assert (p.habits.returns, p.habits.cancelled, p.habits.orders) == (3, 1, 12)
    assert p.habits.return_rate == pytest.approx(0.25)
    assert p.habits.median_days_to_return == 8
    assert p.habits.usual_refund == "store_credit"
    assert p.habits.top_reasons[0] == ("wrong_size", 2)
    assert p.habits.segment is Segment.LOYAL and p.rules.segment is Segment.LOYAL
    assert p.rules.window_days == 60
    numbers = [r.number for r in p.returns]
    assert numbers == [r.number for r in reversed(history["returns"])]  # newest first
    assert all(r.total_cents == 5000 for r in p.returns)
    assert [m.state for m in p.messages] == ["queued", "sent"]  # newest first
    assert history["other"].number not in numbers


def test_profile_of_unknown_customer(db):
    with db.session() as session, pytest.raises(NotFound):
        profile(session, 999)


def test_update_validates_and_changes_nothing_when_wrong(db, history):
    cid = history["customer_id"]
    with pytest.raises(ValidationError) as raised:
        update_customer(
            db,
            cid,
            {
                "name": "  ",
                "email": "ana(at)example",
                "phone": "call me",
                "preferred_channel": "pigeon",
                "preferred_language": "fr",
                "orders_count": 3,
            },
        )
    assert set(raised.value.errors) == {
        "name",
        "email",
        "phone",
        "preferred_channel",
        "preferred_language",
        "orders_count",
    }
    with db.session() as session:
        assert session.get(Customer, cid).email == EMAIL


def test_update_saves_and_search_finds_the_new_name(db, history):
    cid = history["customer_id"]
    customer = update_customer(
        db,
        cid,
        {
            "name": " Ana Nogueira ",
            "email": "ana.n@example.org",
            "phone": "",
            "preferred_channel": "sms",
            "preferred_language": "pt_BR",
            "notes": "Prefers calls after 6 pm",
        },
    )
    assert (customer.name, customer.email, customer.phone) == (
        "Ana Nogueira",
        "ana.n@example.org",
        None,
    )
    with db.connect() as conn:
        assert count_found(conn, ReturnFilter(text="Nogueira")) == 4
        assert count_found(conn, ReturnFilter(text="ana.n@example")) == 4
        assert count_found(conn, ReturnFilter(text="Souza")) == 0
        assert count_found(conn, ReturnFilter(text="98765")) == 0


def test_preferred_refund_timeline_is_a_choice(db, history):
    customer_id = history["customer_id"]
    with pytest.raises(ValidationError) as caught:
        update_customer(db, customer_id, {"preferred_timeline": "tomorrow"})
    assert "preferred_timeline" in caught.value.errors
    saved = update_customer(db, customer_id, {"preferred_timeline": "counter"})
    assert saved.preferred_timeline == "counter"


def test_load_profile_carries_the_shops_currency(db, history):
    from desk.settings import SHOP_CURRENCY, set_setting

    with db.session() as session:
        set_setting(session, SHOP_CURRENCY, "BRL")
        session.commit()
    assert load_profile(db, history["customer_id"]).currency == "BRL"


def test_a_changed_phone_is_stored_in_e164_and_shown_for_the_shop(db, history):
    cid = history["customer_id"]
    customer = update_customer(db, cid, {"phone": "07993 672961"})
    assert customer.phone == "+447993672961"
    shown = load_profile(db, cid)
    assert shown.phone_warning == ""
    # the form sends back the phone as it shows it: nothing changes, nothing is refused
    assert update_customer(db, cid, {"phone": "07993 672961", "name": NAME}).phone == (
        "+447993672961"
    )


def test_texts_need_a_mobile_number(db, history):
    cid = history["customer_id"]
    update_customer(db, cid, {"phone": "020 7946 0958", "preferred_channel": "email"})
    with pytest.raises(ValidationError) as raised:  # the channel changes to SMS
        update_customer(db, cid, {"preferred_channel": "sms"})
    assert "landline" in raised.value.errors["preferred_channel"]
    with pytest.raises(ValidationError) as raised:  # the phone as shown, kept: the channel
        update_customer(db, cid, {"phone": "020 7946 0958 ", "preferred_channel": "sms"})
    assert set(raised.value.errors) == {"preferred_channel"}
    with pytest.raises(ValidationError) as raised:  # another landline typed: the phone
        update_customer(db, cid, {"phone": "020 7946 0959", "preferred_channel": "sms"})
    assert set(raised.value.errors) == {"phone"} and "landline" in raised.value.errors["phone"]
    with db.session() as session:
        assert session.get(Customer, cid).preferred_channel == "email"
    customer = update_customer(db, cid, {"phone": "07993 672961", "preferred_channel": "sms"})
    assert (customer.phone, customer.preferred_channel) == ("+447993672961", "sms")


def test_a_phone_kept_as_typed_is_flagged_but_does_not_block_other_changes(db, history):
    cid = history["customer_id"]
    with db.session() as session:  # as migration 0014 leaves a phone it cannot read
        session.exec(update(Customer).where(Customer.id == cid).values(phone="call after 6"))
        session.commit()
    shown = load_profile(db, cid)
    assert "kept as typed" in shown.phone_warning and "correct it" in shown.phone_warning
    customer = update_customer(db, cid, {"phone": "call after 6", "name": "Ana S."})
    assert (customer.name, customer.phone) == ("Ana S.", "call after 6")  # never lost
    with pytest.raises(ValidationError) as raised:
        update_customer(db, cid, {"phone": "call after 7"})
    assert "is not a phone number" in raised.value.errors["phone"]
