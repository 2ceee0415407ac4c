"""The staff foundation: the owner's account from the first start, PINs, sign-in, the
lockout, permissions and the append-only audit, on the real database of the test engine."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError

from desk.errors import ValidationError
from desk.models import utcnow
from desk.staff import accounts, lookup, signin
from desk.staff.actor import NotAllowed, may
from desk.staff.audit import AuditQuery, entries
from desk.staff.codes import ActingAs, AuditAction
from desk.staff.roles import Permission, Role


def test_a_new_shop_has_an_owner_and_no_pins(db):
    staff = accounts.list_staff(db)
    assert [(s.name, s.role, s.has_pin) for s in staff] == [("Owner", Role.OWNER, False)]
    assert not lookup.pins_in_use(db)


def test_a_pin_signs_its_person_in_and_is_never_stored(db):
    accounts.add_staff(db, name="Ana Lúcia", role=Role.CLERK, pin="4821")
    assert lookup.pins_in_use(db)
    ana = signin.sign_in(db, "4821")
    assert (ana.name, ana.role, ana.acting_as) == ("Ana Lúcia", Role.CLERK, ActingAs.PIN)
    with db.connect() as conn:
        stored = conn.execute(
            text("SELECT pin_hash FROM staff_account WHERE name_key = 'ana lucia'")
        )
        assert "4821" not in stored.scalar()


def test_names_and_pins_are_unique(db):
    accounts.add_staff(db, name="Ana Lúcia", role=Role.CLERK, pin="4821")
    with pytest.raises(ValidationError, match="already an account"):
        accounts.add_staff(db, name="ana  lucia", role=Role.CLERK)
    with pytest.raises(ValidationError, match="Someone else has this PIN"):
        accounts.add_staff(db, name="Bia", role=Role.CLERK, pin="4821")
    with pytest.raises(ValidationError, match="digits"):
        accounts.add_staff(db, name="Bia", role=Role.CLERK, pin="12a4")


def test_wrong_pins_slow_down_then_lock_and_the_lock_ends(db):
    accounts.add_staff(db, name="Ana", role=Role.CLERK, pin="4821")
    now = utcnow()
    messages = []
    for _ in range(signin.LOCK_AFTER):
        with pytest.raises(signin.SignInRefused) as refused:
            signin.sign_in(db, "1111", name="Ana", now=now)
        messages.append(str(refused.value))
        if refused.value.retry_at and not refused.value.locked:  # wait as asked, try again
            now = refused.value.retry_at + timedelta(seconds=1)
    assert "locked" in messages[-1] and refused.value.locked
    with pytest.raises(signin.SignInRefused, match="locked"):
        signin.sign_in(db, "4821", name="Ana", now=now)  # even the right PIN, while locked
    later = now + timedelta(minutes=signin.LOCK_MINUTES + 1)
    assert signin.sign_in(db, "4821", name="Ana", now=later).name == "Ana"
    with db.session() as session:
        actions = [e.action for e in entries(session, AuditQuery())]
    assert AuditAction.LOCKED_OUT in actions and actions[0] is AuditAction.SIGNED_IN


def test_a_clerk_may_not_manage_staff_unless_the_owner_approves(db):
    accounts.add_staff(db, name="Ana", role=Role.CLERK, pin="4821")
    accounts.set_pin(db, "Owner", "908172")
    ana = signin.sign_in(db, "4821")
    with pytest.raises(NotAllowed):
        accounts.add_staff(db, name="Caio", role=Role.CLERK, actor=ana)
    owner = signin.sign_in(db, "908172")
    accounts.add_staff(db, name="Caio", role=Role.CLERK, actor=ana.approved(owner))
    with db.session() as session:
        added = entries(session, AuditQuery(actions=[AuditAction.STAFF_ADDED]))[0]
        assert not may(session, ana, Permission.SETTINGS)
    assert (added.actor_name, added.approver_name, added.subject) == ("Ana", "Owner", "Caio")


def test_the_last_owner_stays(db):
    with pytest.raises(ValidationError, match="active owner"):
        accounts.change_staff(db, "Owner", role=Role.CLERK)
    assert lookup.owner_account(db).name == "Owner"


def test_the_audit_is_append_only(db):
    accounts.add_staff(db, name="Ana", role=Role.CLERK)
    for statement in ("UPDATE audit_entry SET actor_name = 'x'", "DELETE FROM audit_entry"):
        with pytest.raises((IntegrityError, DBAPIError)), db.engine.begin() as conn:
            conn.execute(text(statement))
    with db.session() as session:
        assert [e.actor_name for e in entries(session, AuditQuery())] != ["x"]


def test_the_owner_changes_what_a_role_may_do(db):
    from desk.staff.actor import role_grants
    from desk.staff.grants import set_grant

    assert Permission.REDEEM_CODE not in role_grants(db)[Role.CLERK]
    after = set_grant(db, Role.CLERK, Permission.REDEEM_CODE, True)
    assert Permission.REDEEM_CODE in after[Role.CLERK]
    assert Permission.REDEEM_CODE in role_grants(db)[Role.CLERK]
    with pytest.raises(ValidationError):
        set_grant(db, Role.OWNER, Permission.SETTINGS, False)


def test_an_approval_needs_the_pin_of_someone_who_may(db):
    accounts.add_staff(db, name="Ana", role=Role.CLERK, pin="4821")
    accounts.add_staff(db, name="Rui", role=Role.MANAGER, pin="5930")
    assert signin.approve(db, "5930", Permission.REDEEM_CODE).name == "Rui"
    with pytest.raises(NotAllowed):
        signin.approve(db, "5930", Permission.SETTINGS)
    with pytest.raises(signin.SignInRefused):
        signin.approve(db, "0000", Permission.REDEEM_CODE)


def test_a_service_called_without_actor_acts_as_the_person_signed_in(db):
    from desk.staff.actor import set_desk_actor

    accounts.add_staff(db, name="Ana", role=Role.CLERK, pin="4821")
    set_desk_actor(signin.sign_in(db, "4821"))
    with pytest.raises(NotAllowed):
        accounts.add_staff(db, name="Caio", role=Role.CLERK)


def test_the_audit_exports_as_csv(db, tmp_path):
    import csv

    from desk.staff.audit_export import COLUMNS, export_audit

    accounts.add_staff(db, name="Ana", role=Role.CLERK, pin="4821")
    signin.sign_in(db, "4821")
    count = export_audit(db, tmp_path / "audit.csv", AuditQuery())
    rows = list(csv.reader((tmp_path / "audit.csv").open(encoding="utf-8")))
    assert count == 2 and tuple(rows[0]) == COLUMNS
    assert [r[1] for r in rows[1:]] == ["signed_in", "staff_added"]
    assert "4821" not in (tmp_path / "audit.csv").read_text(encoding="utf-8")
