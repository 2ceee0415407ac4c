"""A customer's profile, edits, data export and erasure, over a real database."""

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, update
from sqlmodel import col, select

from desk.customers.profile import (
    ERASED,
    erase_customer,
    export_customer,
    load_profile,
    profile,
    update_customer,
)
from desk.customers.segments import Segment
from desk.errors import DeskError, NotFound, ValidationError
from desk.listing import ReturnFilter
from desk.listing import count as count_found
from desk.models import (
    Customer,
    OutboxMessage,
    Return,
    ReturnLine,
    StatusChange,
    utcnow,
)
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, save_return
from desk.workflow import transition
from tests.fixtures_db import stored_bytes

NAME, EMAIL, PHONE = "Ana Souza", "ana.souza@example.com", "+55 11 98765-4321"


def log_return(db, *, customer_id=None, reason="wrong_size", refund="original", days_ago=0):
    """Log a return for Ana (new the first time), dated `days_ago`, bought 8 days before."""
    created = utcnow() - timedelta(days=days_ago)
    with db.session() as session:
        ret = save_return(
            session=session,
            draft=ReturnDraft(
                reason=reason,
                refund_method=refund,
                purchase_date=(created - timedelta(days=8)).date(),
                purchase_ref="ORD-77812",
                reason_text="Ana says the sleeves are short",
                lines=[LineDraft(sku="SHIRT-1", quantity=2, unit_price_cents=2500)],
                customer_id=customer_id,
                new_customer=None
                if customer_id
                else CustomerDraft(name=NAME, email=EMAIL, phone=PHONE),
                note="Brought in by Ana Souza herself",
            ),
        )
        session.exec(update(Return).where(Return.id == ret.id).values(created_at=created))
        session.commit()
        return ret


def add_message(db, ret, *, state="sent", minutes_ago=0):
    with db.session() as session:
        message = OutboxMessage(
            return_id=ret.id,
            event="received",
            channel="email",
            language="en",
            recipient=EMAIL,
            subject=f"Your return {ret.number}",
            body_text=f"Dear {NAME}, we got your parcel.",
            body_html=f"<p>Dear {NAME}, we got your parcel.</p>",
            state=state,
            created_at=utcnow() - timedelta(minutes=minutes_ago),
        )
        session.add(message)
        session.commit()
        return message


@pytest.fixture
def history(db):
    """Ana: four returns over the last months (one cancelled), two messages; Bruno: one."""
    first = log_return(db, days_ago=200, refund="store_credit")
    cid = first.customer_id
    second = log_return(db, customer_id=cid, reason="defective", days_ago=90)
    third = log_return(db, customer_id=cid, days_ago=10, refund="store_credit")
    cancelled = log_return(db, customer_id=cid, reason="changed_mind", days_ago=5)
    with db.session() as session:
        transition(
            session=session,
            return_id=cancelled.id,
            to="cancelled",
            expected_version=1,
            note="Ana changed her mind",
        )
        customer = session.get(Customer, cid)
        customer.orders_count = 12
        customer.lifetime_spend_cents = 84000
        customer.customer_since = date(2021, 3, 14)
        session.add(customer)
        session.commit()
    add_message(db, first, minutes_ago=60)
    add_message(db, third, state="queued")
    with db.session() as session:
        other = save_return(
            session=session,
            draft=ReturnDraft(
                reason="defective",
                lines=[LineDraft(sku="KETTLE-9", unit_price_cents=4000)],
                new_customer=CustomerDraft(name="Bruno Lima", email="bruno@example.com"),
            ),
        )
    return {"customer_id": cid, "returns": [first, second, third, cancelled], "other": other}


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


def test_export_holds_returns_lines_timeline_and_messages(db, history):
    with db.session() as session:
        data = export_customer(session, history["customer_id"])
    text = json.dumps(data)  # it must serialise as it is
    assert data["customer"]["email"] == EMAIL and data["customer"]["orders_count"] == 12
    assert data["customer"]["customer_since"] == "2021-03-14"
    assert len(data["returns"]) == 4
    first = data["returns"][0]
    assert first["lines"][0]["sku"] == "SHIRT-1" and first["lines"][0]["quantity"] == 2
    assert first["timeline"][0]["note"] == "Brought in by Ana Souza herself"
    assert data["returns"][-1]["timeline"][-1]["to"] == "cancelled"
    assert len(data["messages"]) == 2
    assert data["messages"][0]["body_text"].startswith("Dear Ana Souza")
    assert "Bruno" not in text and "KETTLE" not in text  # nobody else's data


def test_erase_leaves_no_trace_of_the_personal_data(db, db_path, history):
    cid = history["customer_id"]
    secrets = [b"Souza", b"souza", EMAIL.encode(), b"+5511987654321"]
    if db.engine.dialect.name == "sqlite":
        secrets.append(b"5511987654321")  # the phone's bare digits, in the search index
    secrets += [b"Ana says", b"by Ana", b"ORD-77812"]  # their name in notes, their receipt
    before = stored_bytes(db, db_path)
    assert all(s in before for s in secrets)  # the check below means something

    erase_customer(db, cid, staff="Marta")

    after = stored_bytes(db, db_path)
    assert [s for s in secrets if s in after] == []
    with db.session() as session:
        customer = session.get(Customer, cid)
        assert customer.name == f"Erased customer #{cid}"
        assert (customer.email, customer.phone, customer.notes) == (None, None, "")
        assert customer.erased_at is not None
        ids = [r.id for r in history["returns"]]
        assert session.exec(select(func.count()).where(col(Return.id).in_(ids))).one() == 4
        lines = select(func.count()).where(col(ReturnLine.return_id).in_(ids))
        assert session.exec(lines).one() == 4
        assert customer.erased_by == "Marta"
        changes = session.exec(select(StatusChange).where(col(StatusChange.return_id).in_(ids)))
        assert all(c.from_status != c.to_status for c in changes)  # no pseudo move for it
        first = session.get(Return, history["returns"][0].id)
        assert first.reason_text == "[erased] says the sleeves are short"  # the fact stays
        assert first.purchase_ref == ""
        note = session.exec(
            select(StatusChange.note).where(StatusChange.return_id == first.id)
        ).first()
        assert note == "Brought in by [erased] [erased] herself"
        messages = session.exec(select(OutboxMessage)).all()
        assert {m.recipient for m in messages} == {ERASED}
        assert {m.state for m in messages} == {"sent", "failed"}  # the queued one never goes
        bruno = session.get(Customer, history["other"].customer_id)
        assert bruno.email == "bruno@example.com"
    with db.connect() as conn:
        assert count_found(conn, ReturnFilter(text="Souza")) == 0
        assert count_found(conn, ReturnFilter(text="Bruno")) == 1
        assert count_found(conn, ReturnFilter(text=history["returns"][0].number)) == 1


def test_erased_customer_cannot_be_edited_and_erasing_again_adds_nothing(db, history):
    cid = history["customer_id"]
    erase_customer(db, cid, staff="")
    erase_customer(db, cid, staff="Marta")
    with db.session() as session:
        customer = session.get(Customer, cid)
        assert customer.erased_by == ""  # the first erasure is the one recorded
        notes = session.exec(select(StatusChange.note).where(StatusChange.note != "")).all()
        assert [n for n in notes if "erased" in n.lower() and "[erased]" not in n] == []
    with pytest.raises(DeskError):
        update_customer(db, cid, {"name": "Ana again"})


def test_profile_after_erase(db, history):
    erase_customer(db, history["customer_id"], staff="Marta")
    p = load_profile(db, history["customer_id"])
    assert p.erased and len(p.returns) == 4
    assert p.habits.returns == 3  # the statistics stay
    assert len(p.messages) == 2 and all(m.subject == ERASED for m in p.messages)
    assert datetime.now(UTC) - p.customer.erased_at < timedelta(minutes=1)


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


@pytest.mark.sqlite_only("backs up the SQLite file; PostgreSQL is backed up with pg_dump")
def test_erase_makes_a_verified_backup_first_and_without_one_erases_nothing(db, db_path, history):
    from desk.backup.folder import BackupKind, list_copies

    (db_path.parent / "backups").write_text("a file where the backups folder should be")
    with pytest.raises(DeskError, match="Could not back up"):
        erase_customer(db, history["customer_id"], staff="Marta")
    with db.session() as session:
        assert session.get(Customer, history["customer_id"]).erased_at is None
    (db_path.parent / "backups").unlink()
    erase_customer(db, history["customer_id"], staff="Marta")
    (copy,) = list_copies(db_path)
    assert copy.kind == BackupKind.BEFORE_ERASE and copy.verified


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
