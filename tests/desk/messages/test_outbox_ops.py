"""The outbox as a window asks for it: how many wait, and queueing a failed message again."""

import pytest

from desk.errors import DeskError, NotFound
from desk.messages.outbox_ops import send_again, waiting_count
from desk.models import OutboxMessage, utcnow
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, create_return


def add_message(db, state: str) -> int:
    with db.session() as session:
        ret = create_return(
            session=session,
            draft=ReturnDraft(
                reason="defective",
                lines=[LineDraft(sku="KETTLE-1", unit_price_cents=3000)],
                new_customer=CustomerDraft(name="Ana Souza", email="ana@example.com"),
            ),
        )
        message = OutboxMessage(
            return_id=ret.id,
            event="received",
            channel="email",
            language="en",
            recipient="ana@example.com",
            subject="Your return",
            body_text="We got it.",
            body_html="<p>We got it.</p>",
            state=state,
            last_error="Connection refused" if state == "failed" else "",
            created_at=utcnow(),
        )
        session.add(message)
        session.commit()
        return message.id


def test_a_failed_message_is_queued_again_and_counted(db):
    add_message(db, "sent")
    failed = add_message(db, "failed")
    assert waiting_count(db) == 0
    message = send_again(db, failed)
    assert message.state == "queued" and message.last_error == ""
    assert waiting_count(db) == 1  # committed: another session sees it
    with pytest.raises(DeskError, match="already waiting"):
        send_again(db, failed)


def test_an_unknown_message_cannot_be_sent_again(db):
    with pytest.raises(NotFound):
        send_again(db, 12345)
