"""Wrong PINs at the counter: free tries, then waits, then the lock; its end; all audited.
Times are passed as `now=`, so no test sleeps."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desk.models import utcnow
from desk.staff import accounts, signin
from desk.staff.audit import AuditQuery, entries
from desk.staff.codes import AuditAction
from desk.staff.roles import Permission, Role

PIN, WRONG = "739164", "318275"


@pytest.fixture
def ana(db):
    accounts.add_staff(db, name="Ana", role=Role.CLERK, pin=PIN)
    return db


def refusal(db, pin: str, now, name: str | None = "Ana") -> signin.SignInRefused:
    with pytest.raises(signin.SignInRefused) as refused:
        signin.sign_in(db, pin, name=name, now=now)
    return refused.value


def test_two_free_tries_then_waits_then_the_lock(ana):
    db, now = ana, utcnow()
    assert str(refusal(db, WRONG, now)) == "Wrong PIN. 4 more wrong tries lock the account."
    second = refusal(db, WRONG, now)
    assert second.retry_at is None and "3 more wrong tries" in str(second)
    third = refusal(db, WRONG, now)
    assert third.retry_at == now + timedelta(seconds=signin.WAITS[0])
    early = refusal(db, PIN, now + timedelta(seconds=1))  # even the right PIN waits
    assert str(early) == "Too many wrong PINs: wait 4 seconds before the next try."
    assert not early.locked
    now = third.retry_at
    fourth = refusal(db, WRONG, now)
    assert fourth.retry_at == now + timedelta(seconds=signin.WAITS[1])
    assert str(fourth) == "Wrong PIN. 1 more wrong try locks the account."
    now = fourth.retry_at
    fifth = refusal(db, WRONG, now)
    assert fifth.locked and fifth.retry_at == now + timedelta(minutes=signin.LOCK_MINUTES)
    assert str(fifth) == "Wrong PIN. Ana's account is now locked for 15 minutes."
    for name in ("Ana", None):  # by name, or the PIN alone: locked either way
        locked = refusal(db, PIN, now + timedelta(minutes=14, seconds=1), name=name)
        assert locked.locked and "Try again in 1 minute" in str(locked)
    with db.session() as session:
        actions = [e.action for e in entries(session, AuditQuery())]
        refused = entries(session, AuditQuery(actions=[AuditAction.PIN_REFUSED]))
    assert actions[:2] == [AuditAction.LOCKED_OUT, AuditAction.PIN_REFUSED]
    assert [e.new_value for e in refused] == ["5", "4", "3", "2", "1"]  # waits are not tries
    assert {e.subject for e in refused} == {"Ana"}


def test_the_lock_ends_and_the_count_starts_again(ana):
    db, now = ana, utcnow()
    for _try in range(signin.LOCK_AFTER):
        last = refusal(db, WRONG, now)
        now = last.retry_at or now
    assert last.locked
    after = last.retry_at + timedelta(seconds=1)
    again = refusal(db, WRONG, after)  # a wrong PIN after the lock: the first of a new count
    assert not again.locked and "4 more wrong tries" in str(again)
    assert signin.sign_in(db, PIN, name="Ana", now=after).name == "Ana"
    assert "4 more wrong tries" in str(refusal(db, WRONG, after))  # the right PIN reset it


def test_a_new_pin_from_the_owner_ends_the_lock(ana):
    db, now = ana, utcnow()
    for _try in range(signin.LOCK_AFTER):
        now = refusal(db, WRONG, now).retry_at or now
    assert [s.locked for s in accounts.list_staff(db) if s.name == "Ana"] == [True]
    accounts.set_pin(db, "Ana", "851726")
    assert signin.sign_in(db, "851726", now=now).name == "Ana"


def test_pins_matching_nobody_slow_the_pad_down(ana):
    db, now, guard = ana, utcnow(), signin.PadGuard()
    for _try in range(signin.FREE_TRIES):
        with pytest.raises(signin.SignInRefused, match="Nobody has this PIN"):
            signin.sign_in(db, WRONG, guard=guard, now=now)
    with pytest.raises(signin.SignInRefused, match="wait 5 seconds") as third:
        signin.sign_in(db, WRONG, guard=guard, now=now)
    with pytest.raises(signin.SignInRefused, match="wait"):
        signin.sign_in(db, PIN, guard=guard, now=now)  # the pad waits, whoever types
    assert signin.sign_in(db, PIN, guard=guard, now=third.value.retry_at).name == "Ana"
    assert guard.failures == 0
    with pytest.raises(signin.SignInRefused, match="Nobody has this PIN"):
        signin.approve(db, WRONG, Permission.REDEEM_CODE, guard=guard)
    assert guard.failures == 1
