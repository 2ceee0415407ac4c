"""The owner's and managers' actions through their desk services: a clerk is refused and
nothing is written (no half change, no audit entry); the owner (or the computer's user) is
audited with old and new values, secrets hidden; a clerk with an approval records both names.
On the real database of the test engine."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlmodel import select

from desk import secrets
from desk.customers.csv_table import read_csv
from desk.customers.imports import run_import
from desk.customers.mapping import guess_mapping
from desk.customers.merge import merge_customers
from desk.customers.privacy import erase_customer, save_export
from desk.messages import template_saving
from desk.messages.template_store import read_source
from desk.models import Customer, Return, RewardCode, StatusChange
from desk.services import create_return
from desk.settings import SHOP_NAME, SMTP_PORT, load_settings, save_settings
from desk.staff import accounts, signin
from desk.staff.actor import Actor, NotAllowed, set_desk_actor
from desk.staff.audit import HIDDEN, AuditQuery, entries
from desk.staff.codes import ActingAs, AuditAction
from desk.staff.roles import Role
from desk.staff.tables import AuditEntry
from tests.desk.test_services import TODAY, a_draft, customer_on_file


@pytest.fixture
def staff(db) -> dict[str, Actor]:
    """A clerk (Ana), a manager (Rui) and the owner, each signed in with their PIN."""
    accounts.add_staff(db, name="Ana", role=Role.CLERK, pin="4821")
    accounts.add_staff(db, name="Rui", role=Role.MANAGER, pin="5930")
    accounts.set_pin(db, "Owner", "908172")
    return {pin: signin.sign_in(db, pin) for pin in ("4821", "5930", "908172")}


def clerk(staff) -> Actor:
    return staff["4821"]


def manager(staff) -> Actor:
    return staff["5930"]


def owner(staff) -> Actor:
    return staff["908172"]


def audit(db, *actions: AuditAction) -> list[AuditEntry]:
    """The audit entries of `actions` (the staff fixture's own sign-ins left out), newest first."""
    with db.session() as session:
        return entries(session, AuditQuery(actions=actions))


def whole_audit(db) -> str:
    """Every column of every audit row, as one text to search."""
    with db.connect() as conn:
        rows = conn.execute(text("SELECT * FROM audit_entry")).all()
    return "\n".join(" ".join(str(v) for v in row) for row in rows)


def a_customer(db, name: str = "Joana Prado", **fields) -> int:
    with db.session() as session:
        row = Customer(name=name, **fields)
        session.add(row)
        session.commit()
        return row.id


# settings and secrets


def test_a_clerk_cannot_save_settings_and_nothing_changes(db, staff):
    with pytest.raises(NotAllowed):
        save_settings(db, {SHOP_NAME: "Loja Ana"}, actor=clerk(staff))
    assert load_settings(db)[SHOP_NAME] == "My Shop"
    assert audit(db, AuditAction.SETTING_CHANGED) == []


def test_the_owner_s_settings_are_audited_key_by_key_with_old_and_new(db, staff):
    save_settings(db, {SHOP_NAME: "Loja Boa", SMTP_PORT: "587"}, actor=owner(staff))
    changed = audit(db, AuditAction.SETTING_CHANGED)
    assert [(e.subject, e.old_value, e.new_value) for e in changed] == [
        ("shop.name", "My Shop", "Loja Boa")  # the port was already 587: no entry
    ]
    assert (changed[0].actor_name, changed[0].approver_name) == ("Owner", None)


def test_the_computer_s_user_saves_settings_as_the_owner(db):
    save_settings(db, {SHOP_NAME: "Loja Boa"})
    (entry,) = audit(db, AuditAction.SETTING_CHANGED)
    assert entry.acting_as is ActingAs.COMPUTER and entry.new_value == "Loja Boa"


def test_a_clerk_with_the_owner_s_approval_saves_and_both_names_are_kept(db, staff):
    save_settings(db, {SHOP_NAME: "Loja Boa"}, actor=clerk(staff).approved(owner(staff)))
    (entry,) = audit(db, AuditAction.SETTING_CHANGED)
    assert (entry.actor_name, entry.approver_name) == ("Ana", "Owner")
    with pytest.raises(NotAllowed):  # a manager may not approve a settings change
        save_settings(db, {SHOP_NAME: "Loja Rui"}, actor=clerk(staff).approved(manager(staff)))


def test_a_secret_is_audited_as_changed_and_never_shown(db, staff):
    password = "s3cr3t-Pa55word"
    with pytest.raises(NotAllowed):
        secrets.save_secret(db, "smtp", password, actor=clerk(staff))
    assert secrets.get_secret("smtp") is None and audit(db, AuditAction.SETTING_CHANGED) == []
    assert secrets.save_secret(db, "smtp", password, actor=owner(staff))
    assert not secrets.save_secret(db, "smtp", password, actor=owner(staff))  # unchanged
    assert secrets.forget_secret(db, "smtp", actor=owner(staff))
    changed = audit(db, AuditAction.SETTING_CHANGED)
    assert [(e.subject, e.old_value, e.new_value) for e in changed] == [
        ("secret.smtp", HIDDEN, HIDDEN),
        ("secret.smtp", HIDDEN, HIDDEN),
    ]
    assert password not in whole_audit(db)


# templates


def test_templates_are_saved_and_reset_by_the_owner_only_and_audited(db, staff):
    default = read_source(db, "closed", "en", "sms")
    with pytest.raises(NotAllowed):
        template_saving.save_shop_template(
            db, "closed", "en", "sms", "Done {{ return.number }}", actor=clerk(staff)
        )
    assert read_source(db, "closed", "en", "sms") == default
    assert audit(db, AuditAction.TEMPLATE_SAVED) == []
    template_saving.save_shop_template(
        db, "closed", "en", "sms", "Done {{ return.number }}", actor=owner(staff)
    )
    with pytest.raises(NotAllowed):
        template_saving.reset_shop_template(db, "closed", "en", "sms", actor=clerk(staff))
    template_saving.reset_shop_template(
        db, "closed", "en", "sms", actor=clerk(staff).approved(owner(staff))
    )
    reset, saved = audit(db, AuditAction.TEMPLATE_SAVED, AuditAction.TEMPLATE_RESET)
    assert (saved.action, saved.subject) == (AuditAction.TEMPLATE_SAVED, "closed / sms / en")
    assert (saved.old_value, saved.new_value) == (default, "Done {{ return.number }}")
    assert (reset.action, reset.old_value, reset.new_value) == (
        AuditAction.TEMPLATE_RESET,
        "Done {{ return.number }}",
        default,
    )
    assert (reset.actor_name, reset.approver_name) == ("Ana", "Owner")


# the policy override at intake


def late_draft(db):
    customer_id = customer_on_file(db, returns=2)  # occasional: a 30-day window
    draft = a_draft(customer_id, refund_method="original", purchase_date=TODAY - timedelta(31))
    draft.override_reason = "Customer was abroad"
    return customer_id, draft


def returns_of(db, customer_id: int) -> int:
    with db.session() as session:
        return len(session.exec(select(Return).where(Return.customer_id == customer_id)).all())


def test_a_clerk_logs_a_return_but_needs_a_manager_to_override_the_policy(db, staff):
    customer_id, late = late_draft(db)
    with pytest.raises(NotAllowed):
        create_return(db, draft=late, actor=clerk(staff))
    assert returns_of(db, customer_id) == 2 and audit(db, AuditAction.POLICY_OVERRIDDEN) == []
    fine = create_return(db, draft=a_draft(customer_id), actor=clerk(staff))
    assert audit(db, AuditAction.POLICY_OVERRIDDEN) == []  # no problem: nothing to audit
    ret = create_return(db, draft=late, actor=clerk(staff).approved(manager(staff)))
    (entry,) = audit(db, AuditAction.POLICY_OVERRIDDEN)
    assert (entry.actor_name, entry.approver_name) == ("Ana", "Rui")
    assert entry.subject == f"return {ret.number}" and "30-day window" in entry.new_value
    with db.session() as session:
        firsts = session.exec(
            select(StatusChange).where(StatusChange.return_id.in_([fine.id, ret.id]))
        ).all()
    assert {change.staff for change in firsts} == {"Ana"}  # the PIN's name, not one typed


def test_the_person_signed_in_is_the_timeline_s_name(db, staff):
    customer_id = customer_on_file(db, returns=0)
    set_desk_actor(manager(staff))
    ret = create_return(db, draft=a_draft(customer_id, staff="Someone else"))
    with db.session() as session:
        first = session.exec(select(StatusChange).where(StatusChange.return_id == ret.id)).one()
    assert first.staff == "Rui"


# customers: erase, export, merge


def test_a_clerk_cannot_erase_a_customer_and_nothing_is_erased(db, staff):
    customer_id = a_customer(db, email="joana@example.com")
    with pytest.raises(NotAllowed):
        erase_customer(db, customer_id, staff="Ana", actor=clerk(staff))
    with db.session() as session:
        assert session.get(Customer, customer_id).erased_at is None
    assert audit(db, AuditAction.CUSTOMER_ERASED) == []


def test_an_approved_erasure_names_the_customer_by_number_and_both_people(db, staff):
    customer_id = a_customer(db, email="joana@example.com", phone="+5511987650000")
    erase_customer(db, customer_id, staff="typed", actor=clerk(staff).approved(owner(staff)))
    (entry,) = audit(db, AuditAction.CUSTOMER_ERASED)
    assert (entry.subject, entry.actor_name, entry.approver_name) == (
        f"customer {customer_id}",
        "Ana",
        "Owner",
    )
    with db.session() as session:
        assert session.get(Customer, customer_id).erased_by == "Ana"
    everything = whole_audit(db)
    assert not any(word in everything for word in ("Joana", "Prado", "joana@", "98765"))


def test_an_export_needs_the_permission_and_is_audited(db, staff, tmp_path):
    customer_id = a_customer(db)
    target = tmp_path / "joana.json"
    with pytest.raises(NotAllowed):
        save_export(db, customer_id, target, actor=manager(staff))
    assert not target.exists() and audit(db, AuditAction.CUSTOMER_EXPORTED) == []
    save_export(db, customer_id, target)  # the computer's user: the owner
    (entry,) = audit(db, AuditAction.CUSTOMER_EXPORTED)
    assert target.exists() and entry.subject == f"customer {customer_id}"
    assert "Joana" not in whole_audit(db)


def test_merging_needs_the_permission_and_is_audited(db, staff):
    kept, dropped = a_customer(db), a_customer(db, "Joana  Prado")
    with pytest.raises(NotAllowed):
        merge_customers(db, keep_id=kept, drop_id=dropped, actor=clerk(staff))
    with db.session() as session:
        assert session.get(Customer, dropped) is not None
    assert audit(db, AuditAction.CUSTOMERS_MERGED) == []
    merge_customers(db, keep_id=kept, drop_id=dropped, actor=owner(staff))
    (entry,) = audit(db, AuditAction.CUSTOMERS_MERGED)
    assert (entry.subject, entry.old_value) == (f"customer {kept}", f"customer {dropped}")
    with db.session() as session:
        assert "by Owner." in session.get(Customer, kept).notes


# reward codes


def test_a_clerk_needs_a_manager_to_redeem_a_code(db, staff):
    from desk.feedback.rewards import redeem_code
    from tests.desk.feedback.test_rewards import issued, reward_on

    reward_on(db)
    code = issued(db)
    with pytest.raises(NotAllowed):
        redeem_code(db, code=code, staff="Ana", actor=clerk(staff))
    with db.session() as session:
        row = session.exec(select(RewardCode).where(RewardCode.code == code)).one()
        assert row.redeemed_at is None
    info = redeem_code(db, code=code, staff="typed", actor=clerk(staff).approved(manager(staff)))
    (entry,) = audit(db, AuditAction.CODE_REDEEMED)
    assert (entry.subject, entry.actor_name, entry.approver_name) == (code, "Ana", "Rui")
    assert info.redeemed_by == "Ana"


# imports

CUSTOMERS = b"Name,Email\nTom Harris,tom@example.com\nLia Park,lia@example.com\n"


def customer_count(db) -> int:
    with db.session() as session:
        return len(session.exec(select(Customer)).all())


def test_imports_need_a_manager_and_are_audited_once_with_their_counts(db, staff):
    from desk.catalog.product_import import import_products
    from desk.catalog.sale_import import import_sales

    table = read_csv(CUSTOMERS)
    products = b"SKU,Name,Price\nMUG-1,Mug,9.00\nTEE-M,T-shirt,25.00\n"
    sales = b"Receipt,Date,SKU,Qty,Price\nU-1,2026-11-01,MUG-1,1,9.00\n"
    with pytest.raises(NotAllowed):
        run_import(db, table, guess_mapping(table.header), actor=clerk(staff))
    with pytest.raises(NotAllowed):
        import_products(db, products, actor=clerk(staff))
    with pytest.raises(NotAllowed):
        import_sales(db, sales, actor=clerk(staff))
    assert customer_count(db) == 0 and audit(db, AuditAction.DATA_IMPORTED) == []
    assert import_products(db, products, dry_run=True, actor=clerk(staff)).created == 2
    assert audit(db, AuditAction.DATA_IMPORTED) == []  # a dry run writes nothing

    run_import(db, table, guess_mapping(table.header), actor=manager(staff))
    import_products(db, products, actor=manager(staff))
    import_sales(db, sales, actor=clerk(staff).approved(manager(staff)))
    done = audit(db, AuditAction.DATA_IMPORTED)
    assert [(e.subject, e.new_value) for e in done] == [
        ("sales", "sales=1 lines=1 skipped=0"),
        ("products", "created=2 updated=0 skipped=0"),
        ("customers", "created=2 merged=0 rejected=0"),
    ]
    assert customer_count(db) == 2 and done[0].approver_name == "Rui"


# restoring a backup


@pytest.mark.sqlite_only("the desk backs up and restores SQLite files only")
def test_a_restore_needs_the_owner_and_the_restored_database_records_it(db, staff):
    from desk.backup.folder import BackupKind
    from desk.backup.restore import restore_backup
    from desk.backup.store import make_backup

    copy = make_backup(db, BackupKind.MANUAL)
    a_customer(db, "After the backup")
    with pytest.raises(NotAllowed):
        restore_backup(db, copy.path, actor=manager(staff))
    assert customer_count(db) == 1
    restore_backup(db, copy.path, actor=clerk(staff).approved(owner(staff)))
    assert customer_count(db) == 0  # the restored file
    (entry,) = audit(db, AuditAction.BACKUP_RESTORED)
    assert (entry.subject, entry.actor_name, entry.approver_name) == (
        copy.path.name,
        "Ana",
        "Owner",
    )
    assert entry.new_value.startswith(copy.made_at.isoformat(timespec="seconds")[:10])


def test_a_setting_changed_on_the_command_line_is_audited_as_the_computer_s_user(db, cli_db):
    from tests.desk.test_cli import run

    db.close()
    done = run("config", "set", "shop.name", "Loja Ação", db=cli_db)
    assert done.returncode == 0, done.stderr
    (entry,) = audit(db, AuditAction.SETTING_CHANGED)
    assert (entry.acting_as, entry.old_value, entry.new_value) == (
        ActingAs.COMPUTER,
        "My Shop",
        "Loja Ação",
    )
