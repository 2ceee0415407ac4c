"""A crafted customer history for the profile and privacy tests (`history` in conftest)."""

from datetime import date, timedelta

from sqlalchemy import update

from desk.models import Customer, OutboxMessage, Return, utcnow
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, save_return
from desk.workflow import transition

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


def make_history(db) -> dict:
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
