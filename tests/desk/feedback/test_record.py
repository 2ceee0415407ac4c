"""Recording feedback: one current per return, history kept, reward limits, low flag."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from desk.codes import FeedbackSource, RewardKind
from desk.errors import DeskError, NotFound, ValidationError
from desk.feedback.ratings import low_rating, ratings_for
from desk.feedback.record import (
    COMMENT_MAX,
    current_feedback,
    feedback_history,
    record_feedback,
)
from desk.models import Feedback, RewardCode
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, save_return
from desk.secrets import set_secret
from desk.settings import (
    FEEDBACK_LOW_RATING,
    FEEDBACK_NOTIFY_OWNER,
    FEEDBACK_OWNER_EMAIL,
    REWARD_EVERY_DAYS,
    REWARD_KIND,
    REWARD_MIN_PURCHASE,
    REWARD_VALID_DAYS,
    REWARD_VALUE,
    set_settings,
)
from tests.desk.messages.test_outbox import configure
from tests.fixtures_servers import SMTP_PASSWORD

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)


def add_return(db, customer_id: int | None = None, name: str = "Ana Souza") -> tuple[int, int]:
    """A received return (of a new customer, or of `customer_id`); (return id, customer id)."""
    with db.session() as session:
        ret = save_return(
            session=session,
            draft=ReturnDraft(
                reason="wrong_size",
                lines=[LineDraft(sku="TEE-M", description="T-shirt", unit_price_cents=2500)],
                customer_id=customer_id,
                new_customer=None if customer_id else CustomerDraft(name=name, email="a@ex.com"),
            ),
        )
        return ret.id, ret.customer_id


def settings(db, values) -> None:
    with db.session() as session:
        set_settings(session, values)
        session.commit()


def reward_on(db, *, every_days: int = 30) -> None:
    settings(
        db,
        {
            REWARD_KIND: "percent",
            REWARD_VALUE: 10,
            REWARD_MIN_PURCHASE: 2000,
            REWARD_VALID_DAYS: 60,
            REWARD_EVERY_DAYS: every_days,
        },
    )


def count(db, table) -> int:
    with db.session() as session:
        return session.exec(select(func.count()).select_from(table)).one()


def test_feedback_is_recorded_and_read_back(db):
    return_id, _ = add_return(db)
    result = record_feedback(
        db, return_id=return_id, rating=4, comment="  Quick, thanks ", source="phone", staff="Bia"
    )
    fb = result.feedback
    assert (fb.rating, fb.comment, fb.source, fb.staff) == (4, "Quick, thanks", "phone", "Bia")
    assert fb.source is FeedbackSource.PHONE and fb.replaced_at is None
    assert result.replaced is None and result.reward is None  # the reward is off by default
    assert not result.low and not result.owner_notified
    assert current_feedback(db, return_id=return_id).id == fb.id
    assert feedback_history(db, return_id=return_id) == [fb]


def test_a_later_feedback_replaces_and_the_old_one_is_kept(db):
    reward_on(db)
    return_id, _ = add_return(db)
    first = record_feedback(db, return_id=return_id, rating=2, source="counter", now=NOW)
    later = NOW + timedelta(hours=3)
    second = record_feedback(
        db, return_id=return_id, rating=5, comment="Sorted out", source="reply", now=later
    )
    assert second.replaced.id == first.feedback.id and second.replaced.replaced_at == later
    history = feedback_history(db, return_id=return_id)
    assert [f.rating for f in history] == [2, 5]
    assert history[0].replaced_at == later and history[1].replaced_at is None
    assert current_feedback(db, return_id=return_id).rating == 5
    # one reward per return: the replacement earns none
    assert first.reward is not None and second.reward is None
    assert count(db, RewardCode) == 1


def test_invalid_feedback_is_refused_in_a_sentence_and_nothing_is_saved(db):
    return_id, _ = add_return(db)
    for rating in (0, 6, True, "3", None):
        with pytest.raises(ValidationError) as refused:
            record_feedback(db, return_id=return_id, rating=rating, source="phone")
        assert refused.value.errors == {"rating": "Choose a rating from 1 to 5."}
    with pytest.raises(ValidationError) as refused:
        record_feedback(
            db, return_id=return_id, rating=3, comment="x" * (COMMENT_MAX + 1), source="phone"
        )
    assert "keep it to 2,000" in str(refused.value)  # the desk's number format
    with pytest.raises(ValidationError) as refused:
        record_feedback(db, return_id=return_id, rating=3, comment="a\x00b", source="phone")
    assert "cannot be stored" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        record_feedback(db, return_id=return_id, rating=3, source="fax")
    assert "counter, portal, reply, phone" in str(refused.value)
    with pytest.raises(NotFound):
        record_feedback(db, return_id=return_id + 100, rating=3, source="phone")
    assert count(db, Feedback) == 0


def test_a_reward_is_issued_with_the_shops_terms(db):
    reward_on(db)
    return_id, customer_id = add_return(db)
    reward = record_feedback(db, return_id=return_id, rating=4, source="counter", now=NOW).reward
    assert reward.kind is RewardKind.PERCENT and reward.value == 10
    assert reward.min_purchase_cents == 2000
    assert (reward.customer_id, reward.return_id) == (customer_id, return_id)
    assert reward.issued_at == NOW
    assert NOW + timedelta(days=60) < reward.expires_at <= NOW + timedelta(days=61, hours=14)


def test_at_most_one_reward_per_customer_every_n_days(db):
    reward_on(db, every_days=30)
    first, customer_id = add_return(db)
    second, _ = add_return(db, customer_id)
    third, _ = add_return(db, customer_id)
    other, _ = add_return(db, name="Caio Lima")
    assert record_feedback(db, return_id=first, rating=5, source="counter", now=NOW).reward
    soon = NOW + timedelta(days=29)
    assert (
        record_feedback(db, return_id=second, rating=5, source="counter", now=soon).reward is None
    )
    # another customer is not held back by the first one's code
    assert record_feedback(db, return_id=other, rating=5, source="counter", now=soon).reward
    later = NOW + timedelta(days=30, minutes=1)
    assert record_feedback(db, return_id=third, rating=5, source="counter", now=later).reward
    # the second return, which earned nothing at the time, still earns nothing on replacement
    # inside the window of the third's code
    assert record_feedback(db, return_id=second, rating=4, source="reply", now=later).reward is None


def test_low_ratings_are_flagged_at_the_owners_threshold(db):
    return_id, _ = add_return(db)
    assert low_rating(db) == 2
    assert record_feedback(db, return_id=return_id, rating=2, source="phone").low
    assert not record_feedback(db, return_id=return_id, rating=3, source="phone").low
    settings(db, {FEEDBACK_LOW_RATING: 3})
    assert low_rating(db) == 3
    assert record_feedback(db, return_id=return_id, rating=3, source="phone").low


def test_ratings_for_a_page_in_one_query(db):
    a, _ = add_return(db)
    b, _ = add_return(db, name="Caio Lima")
    c, _ = add_return(db, name="Dora Reis")
    record_feedback(db, return_id=a, rating=1, source="phone")
    record_feedback(db, return_id=a, rating=4, source="phone")
    record_feedback(db, return_id=c, rating=5, source="counter")
    statements: list[str] = []

    def seen(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        assert ratings_for(db, [a, b, c]) == {a: 4, c: 5}
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1
    assert ratings_for(db, []) == {}


def _wait_for(received: list, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not received and time.monotonic() < deadline:
        time.sleep(0.05)


def test_the_owner_is_emailed_about_a_low_rating_only_when_asked(db, smtp_server):
    configure(db, smtp_server.port)
    set_secret("smtp", SMTP_PASSWORD)
    return_id, _ = add_return(db)
    settings(db, {FEEDBACK_OWNER_EMAIL: "owner@example.com"})
    result = record_feedback(db, return_id=return_id, rating=1, source="phone")
    assert result.low and not result.owner_notified  # notify_owner is off
    settings(db, {FEEDBACK_NOTIFY_OWNER: True})
    assert not record_feedback(db, return_id=return_id, rating=4, source="phone").owner_notified
    time.sleep(0.3)
    assert smtp_server.received == []
    result = record_feedback(
        db, return_id=return_id, rating=1, comment="Rude at the counter", source="reply"
    )
    assert result.owner_notified
    _wait_for(smtp_server.received)
    (envelope,) = smtp_server.received
    assert envelope.rcpt_tos == ["owner@example.com"]
    body = envelope.content.decode()
    assert "Low rating for return" in body and "1 of 5" in body
    assert "Rude at the counter" in body


def test_no_owner_email_without_an_address(db, smtp_server):
    configure(db, smtp_server.port)
    set_secret("smtp", SMTP_PASSWORD)
    settings(db, {FEEDBACK_NOTIFY_OWNER: True})
    return_id, _ = add_return(db)
    assert not record_feedback(db, return_id=return_id, rating=1, source="phone").owner_notified
    time.sleep(0.3)
    assert smtp_server.received == []


def test_feedback_recorded_at_two_tills_at_once_stays_one_current_with_one_code(db):
    reward_on(db)
    return_id, _ = add_return(db)
    outcomes: list[str] = []

    def record(rating: int) -> None:
        try:
            record_feedback(db, return_id=return_id, rating=rating, source="phone")
            outcomes.append("recorded")
        except DeskError as error:
            outcomes.append(str(error))

    threads = [threading.Thread(target=record, args=(1 + n % 5,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(outcomes) == 6 and "recorded" in outcomes
    assert all(o == "recorded" or "at the same moment" in o for o in outcomes), outcomes
    history = feedback_history(db, return_id=return_id)
    assert len(history) == outcomes.count("recorded")
    assert [f.replaced_at is None for f in history].count(True) == 1
    assert count(db, RewardCode) == 1


def test_the_database_holds_one_code_per_return(db):
    reward_on(db)
    return_id, customer_id = add_return(db)
    first = record_feedback(db, return_id=return_id, rating=5, source="counter").reward
    with db.session() as session:
        session.add(
            RewardCode(
                code="2222-2222-2222-2",
                customer_id=customer_id,
                return_id=return_id,
                kind=RewardKind.PERCENT,
                value=10,
                expires_at=first.expires_at,
            )
        )
        with pytest.raises(IntegrityError):
            session.commit()
