"""Pairing the counter tablet and the requests staff send it, over a real database."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from desk.codes import FeedbackSource
from desk.errors import ValidationError
from desk.feedback.record import current_feedback
from desk.models import CounterPairing, CounterRequest, CounterTablet, utcnow
from desk.portal import counter
from desk.settings import REWARD_KIND, save_settings
from tests.portal.test_app import logged


def paired(db) -> str:
    return counter.pair_tablet(db, code=counter.new_pairing_code(db).code)


def test_a_right_code_pairs_once_and_only_the_tokens_hash_is_kept(db):
    code = counter.new_pairing_code(db)
    assert len(code.code) == 6 and code.code.isdigit() and code.shown.replace(" ", "") == code.code
    token = counter.pair_tablet(db, code=code.shown)  # typed with the space: still right
    assert token and len(token) >= 40
    assert counter.tablet_of(db, token=token) is not None
    assert counter.pair_tablet(db, code=code.code) is None  # used up
    with db.session() as session:
        stored = session.exec(select(CounterTablet)).one()
        assert token not in stored.token_hash and len(stored.token_hash) == 64
        assert session.exec(select(CounterPairing)).first() is None
    assert [t.name for t in counter.paired_tablets(db)] == ["Tablet 1"]


def test_a_wrong_or_expired_code_pairs_nothing(db):
    code = counter.new_pairing_code(db)
    wrong = f"{(int(code.code) + 1) % 10**6:06d}"
    assert counter.pair_tablet(db, code=wrong) is None
    assert counter.pair_tablet(db, code="") is None
    later = utcnow() + timedelta(minutes=counter.CODE_MINUTES, seconds=1)
    assert counter.pair_tablet(db, code=code.code, now=later) is None
    assert counter.paired_tablets(db) == []


def test_a_new_code_replaces_the_old_one(db):
    old = counter.new_pairing_code(db)
    new = counter.new_pairing_code(db)
    if old.code != new.code:
        assert counter.pair_tablet(db, code=old.code) is None
    assert counter.pair_tablet(db, code=new.code) is not None


def test_too_many_wrong_codes_burn_the_live_one(db):
    code = counter.new_pairing_code(db)
    wrong = f"{(int(code.code) + 1) % 10**6:06d}"
    for _ in range(counter.MAX_TRIES):
        assert counter.pair_tablet(db, code=wrong) is None
    assert counter.pair_tablet(db, code=code.code) is None
    assert counter.pair_tablet(db, code=counter.new_pairing_code(db).code) is not None


def test_an_unpaired_tablet_opens_nothing_and_asking_needs_a_tablet(db):
    ret = logged(db)
    assert counter.ask_at_tablet(db, return_id=ret.id) is None  # no tablet: nothing recorded
    token = paired(db)
    tablet_id = counter.tablet_of(db, token=token)
    assert counter.unpair_tablet(db, tablet_id=tablet_id)
    assert not counter.unpair_tablet(db, tablet_id=tablet_id)
    assert counter.tablet_of(db, token=token) is None
    assert counter.tablet_of(db, token="x" * 500) is None
    assert counter.paired_tablets(db) == []


def test_the_tablet_shows_only_the_newest_fresh_unanswered_request(db):
    first, second = logged(db), logged(db, name="Ana Lima", language="en", email="a@x.org")
    paired(db)
    assert counter.current_request(db) is None
    one = counter.ask_at_tablet(db, return_id=first.id).request_id
    shown = counter.current_request(db)
    assert (shown.request_id, shown.first_name, shown.language) == (one, "Júlia", "pt_BR")
    two = counter.ask_at_tablet(db, return_id=second.id).request_id  # staff moved on
    assert counter.current_request(db).request_id == two
    assert counter.answer_request(db, request_id=one, rating=5) is None
    assert counter.request_outcome(db, request_id=one).gone
    later = utcnow() + timedelta(minutes=counter.REQUEST_MINUTES, seconds=5)
    assert counter.current_request(db, now=later) is None
    assert counter.request_outcome(db, request_id=two, now=later).gone


def test_an_answer_is_recorded_once_with_its_reward(db):
    save_settings(db, {REWARD_KIND: "percent"})
    ret = logged(db)
    paired(db)
    request = counter.ask_at_tablet(db, return_id=ret.id).request_id
    result, words = counter.answer_request(db, request_id=request, rating=4, comment="Rápido")
    assert result.reward is not None and result.reward.code and words
    stored = current_feedback(db, return_id=ret.id)
    assert (stored.rating, stored.comment, stored.source) == (4, "Rápido", FeedbackSource.TABLET)
    assert counter.answer_request(db, request_id=request, rating=1) is None  # answered once
    assert counter.current_request(db) is None
    outcome = counter.request_outcome(db, request_id=request)
    assert (outcome.answered, outcome.rating, outcome.gone) == (True, 4, False)


def test_a_bad_answer_saves_nothing_and_leaves_the_request_open(db):
    ret = logged(db)
    paired(db)
    request = counter.ask_at_tablet(db, return_id=ret.id).request_id
    with pytest.raises(ValidationError):
        counter.answer_request(db, request_id=request, rating=4, comment="x" * 2001)
    assert current_feedback(db, return_id=ret.id) is None
    assert counter.current_request(db).request_id == request
    assert counter.answer_request(db, request_id=request, rating=3) is not None


def test_the_outcome_tells_the_desk_the_rating_the_low_flag_and_the_code(db):
    save_settings(db, {REWARD_KIND: "percent"})
    ret = logged(db)
    paired(db)
    request = counter.ask_at_tablet(db, return_id=ret.id).request_id
    waiting = counter.request_outcome(db, request_id=request)
    assert (waiting.answered, waiting.gone, waiting.return_id) == (False, False, ret.id)
    result, _ = counter.answer_request(db, request_id=request, rating=1)
    done = counter.request_outcome(db, request_id=request)
    assert (done.rating, done.low, done.code) == (1, True, result.reward.code)
    assert counter.request_outcome(db, request_id=request + 99).gone


def test_the_tablet_address_follows_where_the_customer_space_listens(db):
    from desk.settings import PORTAL_HOST, PORTAL_PORT

    here = counter.tablet_address(db)
    assert here.url == "http://127.0.0.1:8765/counter" and not here.reachable
    save_settings(db, {PORTAL_HOST: "192.168.1.20", PORTAL_PORT: 8800})
    assert counter.tablet_address(db) == counter.TabletAddress(
        "http://192.168.1.20:8800/counter", True
    )
    save_settings(db, {PORTAL_HOST: "0.0.0.0"})
    everywhere = counter.tablet_address(db)
    assert everywhere.reachable and "0.0.0.0" not in everywhere.url
    assert everywhere.url.endswith(":8800/counter")


def test_asking_again_forgets_requests_older_than_a_day(db):
    ret = logged(db)
    paired(db)
    counter.ask_at_tablet(db, return_id=ret.id, now=utcnow() - timedelta(days=2))
    counter.ask_at_tablet(db, return_id=ret.id, now=utcnow() - timedelta(hours=1))
    counter.ask_at_tablet(db, return_id=ret.id)
    with db.session() as session:
        ages = sorted(utcnow() - row.asked_at for row in session.exec(select(CounterRequest)))
    assert len(ages) == 2 and ages[-1] < timedelta(days=1)


def test_asking_says_whether_a_tablet_looked_in_lately(db):
    ret = logged(db)
    token = paired(db)
    assert not counter.ask_at_tablet(db, return_id=ret.id).online  # never opened /counter
    counter.tablet_of(db, token=token)
    assert counter.ask_at_tablet(db, return_id=ret.id).online
    later = utcnow() + counter.ONLINE + timedelta(minutes=1)
    assert not counter.ask_at_tablet(db, return_id=ret.id, now=later).online
