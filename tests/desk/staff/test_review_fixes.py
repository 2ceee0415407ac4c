"""What the review of desk/staff fixed, each on the run's engine: a lock that ran out is no
lock, a turned-off account's PIN still counts (turning it on never makes two alike), the
person signed in sets their own PIN, "owner" as text is the owner, a change that changes
nothing is not audited, no NUL reaches PostgreSQL, the audit's names compare folded."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from desk.errors import ValidationError
from desk.models import utcnow
from desk.staff import accounts, signin
from desk.staff.actor import NotAllowed, role_grants, set_desk_actor
from desk.staff.audit import AuditQuery, entries, record
from desk.staff.audit_export import describe
from desk.staff.codes import AuditAction
from desk.staff.grants import set_grant
from desk.staff.roles import Permission, Role
from tests.desk.staff.test_pin_secrecy import lock_out


def audit(db, *actions: AuditAction):
    with db.session() as session:
        return entries(session, AuditQuery(actions=actions))


def test_a_lock_that_ran_out_is_not_shown_as_one(db):
    accounts.add_staff(db, name="Ana", role=Role.CLERK, pin="739164")
    accounts.add_staff(db, name="Caio", role=Role.CLERK, pin="604917")
    lock_out(db, "Ana", "318275")
    lock_out(db, "Caio", "318275", now=utcnow() - timedelta(minutes=signin.LOCK_MINUTES + 1))
    locked = {s.name: s.locked for s in accounts.list_staff(db)}
    assert locked == {"Ana": True, "Caio": False, "Owner": False}
    assert signin.sign_in(db, "604917", name="Caio").name == "Caio"  # and it signs in


def test_a_turned_off_accounts_pin_is_not_given_to_another(db):
    accounts.add_staff(db, name="Ana", role=Role.CLERK, pin="739164")
    accounts.change_staff(db, "Ana", active=False)
    with pytest.raises(ValidationError, match="Someone else has this PIN"):
        accounts.add_staff(db, name="Bia", role=Role.CLERK, pin="739164")
    accounts.add_staff(db, name="Bia", role=Role.CLERK, pin="582039")
    accounts.change_staff(db, "Ana", active=True)
    assert signin.sign_in(db, "739164").name == "Ana"  # one person per PIN, still
    assert signin.sign_in(db, "582039").name == "Bia"


def test_the_person_signed_in_sets_their_own_pin_without_actor(db):
    accounts.add_staff(db, name="Ana", role=Role.CLERK, pin="739164")
    accounts.add_staff(db, name="Bia", role=Role.CLERK, pin="582039")
    set_desk_actor(signin.sign_in(db, "739164"))
    accounts.set_pin(db, "Ana", "851726")  # her own: no STAFF_ACCOUNTS needed
    with pytest.raises(NotAllowed):
        accounts.set_pin(db, "Bia", "604917")  # someone else's: refused
    set_desk_actor(None)
    assert signin.sign_in(db, "851726").name == "Ana"
    (changed,) = audit(db, AuditAction.PIN_SET)
    assert (changed.actor_name, changed.subject) == ("Ana", "Ana")
    assert (changed.old_value, changed.new_value) == ("••••••", "••••••")


def test_setting_a_first_pin_records_there_was_none(db):
    accounts.add_staff(db, name="Ana", role=Role.CLERK)
    accounts.set_pin(db, "Ana", "739164")
    accounts.set_pin(db, "Ana", None)
    removed, first = audit(db, AuditAction.PIN_SET)
    assert (first.old_value, first.new_value) == (None, "••••••")
    assert (removed.old_value, removed.new_value) == ("••••••", None)


def test_owner_as_text_is_the_owner_and_is_refused(db):
    with pytest.raises(ValidationError, match="may always do everything"):
        set_grant(db, "owner", "settings", False)
    assert Permission.SETTINGS in role_grants(db)[Role.OWNER]
    after = set_grant(db, "clerk", "redeem_code", True)  # text works for the others too
    assert Permission.REDEEM_CODE in after[Role.CLERK]


def test_a_change_that_changes_nothing_is_not_audited(db):
    accounts.add_staff(db, name="Ana", role=Role.CLERK)
    accounts.change_staff(db, "Ana", active=False)
    accounts.change_staff(db, "Ana", active=False)
    accounts.change_staff(db, "Ana", role=Role.CLERK, name="Ana")
    (changed,) = audit(db, AuditAction.STAFF_CHANGED)
    assert (changed.old_value, changed.new_value) == ("Ana · clerk · active", "Ana · clerk · off")


def test_a_name_whose_folded_form_is_too_long_is_refused(db):
    with pytest.raises(ValidationError, match="100 characters"):
        accounts.add_staff(db, name="ﬁ" * 60, role=Role.CLERK)  # 60 letters, 120 folded
    assert [s.name for s in accounts.list_staff(db)] == ["Owner"]


def test_a_nul_in_an_audited_value_is_stored_replaced(db):
    with db.session() as session:
        record(session, None, AuditAction.SETTING_CHANGED, "shop.\x00name", old="a\x00b", new="c")
        session.commit()
    (entry,) = audit(db, AuditAction.SETTING_CHANGED)
    assert (entry.subject, entry.old_value) == ("shop.\ufffdname", "a\ufffdb")


@pytest.fixture
def sao_paulo_clock(monkeypatch):
    """This process on São Paulo's clock (UTC-3, no summer time since 2019)."""
    monkeypatch.setenv("TZ", "America/Sao_Paulo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_the_audit_finds_a_name_however_it_is_typed(db, sao_paulo_clock):
    accounts.add_staff(db, name="Ana Lúcia", role=Role.CLERK, pin="739164")
    accounts.add_staff(db, name="Rui", role=Role.MANAGER, pin="582039")
    ana, rui = signin.sign_in(db, "739164"), signin.sign_in(db, "582039")
    with db.session() as session:
        record(session, ana.approved(rui), AuditAction.POLICY_OVERRIDDEN, "R-2026-00007")
        session.commit()
        for typed, count in (("ana lucia", 2), ("  ANA   LÚCIA ", 2), ("rui", 2), ("ana", 0)):
            found = entries(session, AuditQuery(actor_name=typed))
            assert len(found) == count, typed
        (override,) = entries(session, AuditQuery(actor_name="RUI", actions=[
            AuditAction.POLICY_OVERRIDDEN]))  # fmt: skip
    line = describe(override)
    assert line.endswith(" · Ana Lúcia, approved by Rui · Policy overridden · R-2026-00007")
    local = override.at - timedelta(hours=3)  # this computer's time, not UTC
    assert line.startswith(f"{local:%Y-%m-%d %H:%M} · ")


def test_a_long_typed_name_is_audited_cut_to_the_column(db):
    from desk.staff.actor import Actor
    from desk.staff.codes import ActingAs

    typed = Actor(name="Ana " * 40, role=Role.OWNER, acting_as=ActingAs.NO_PINS)
    boss = Actor(name="R\x00ui" + "i" * 120, role=Role.OWNER, acting_as=ActingAs.NO_PINS)
    with db.session() as session:
        record(session, typed.approved(boss), AuditAction.SETTING_CHANGED, "shop.name")
        session.commit()
    (entry,) = audit(db, AuditAction.SETTING_CHANGED)
    assert entry.actor_name == ("Ana " * 40)[:100]
    assert entry.approver_name == ("R\ufffdui" + "i" * 120)[:100]


def test_an_approver_who_is_locked_cannot_approve(db):
    accounts.add_staff(db, name="Rui", role=Role.MANAGER, pin="582039")
    now = utcnow()
    lock_out(db, "Rui", "318275", now=now)
    with pytest.raises(signin.SignInRefused, match="locked") as refused:
        signin.approve(db, "582039", Permission.REDEEM_CODE, now=now + timedelta(minutes=1))
    assert refused.value.locked
    later = now + timedelta(minutes=signin.LOCK_MINUTES + 1)
    assert signin.approve(db, "582039", Permission.REDEEM_CODE, now=later).name == "Rui"
