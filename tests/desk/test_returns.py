"""Logging returns and reading them back, on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlmodel import func, select

from desk.codes import Status
from desk.errors import NotFound, ValidationError
from desk.models import Counter, Customer, Return, ReturnLine, StatusChange
from desk.numbering import format_number
from desk.return_checks import validate_draft
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, get_detail, save_return
from desk.workflow import transition

YEAR = datetime.now(UTC).year
TABLES = (Customer, Return, ReturnLine, StatusChange, Counter)


def draft(**changes) -> ReturnDraft:
    values = dict(
        reason="wrong_size",
        new_customer=CustomerDraft(name="José Álvares", email="jose@example.com"),
        lines=[
            LineDraft(sku="SHOE-42", description="Trail shoe", quantity=2, unit_price_cents=4999),
            LineDraft(sku="SOCK-1", quantity=3, unit_price_cents=250),
        ],
    )
    values.update(changes)
    return ReturnDraft(**values)


def row_counts(session) -> dict[str, int]:
    return {
        table.__tablename__: session.exec(select(func.count()).select_from(table)).one()
        for table in TABLES
    }


def test_create_with_new_customer(db):
    with db.session() as session:
        ret = save_return(
            session=session,
            draft=draft(staff=" Ann ", note=" at the counter ", reason_text=" too small "),
        )
    with db.session() as session:
        stored = session.get(Return, ret.id)
        customer = session.get(Customer, stored.customer_id)
        lines = session.exec(select(ReturnLine).where(ReturnLine.return_id == ret.id)).all()
        first = session.exec(select(StatusChange).where(StatusChange.return_id == ret.id)).one()
    assert stored.number == f"R-{YEAR}-00001"
    assert stored.status == "received"
    assert stored.version == 1
    assert stored.reason_text == "too small"
    assert (customer.name, customer.email, customer.phone) == (
        "José Álvares",
        "jose@example.com",
        None,
    )
    assert sorted((li.sku, li.quantity, li.unit_price_cents) for li in lines) == [
        ("SHOE-42", 2, 4999),
        ("SOCK-1", 3, 250),
    ]
    assert (first.from_status, first.to_status) == (None, "received")
    assert (first.staff, first.note) == ("Ann", "at the counter")


def test_create_with_existing_customer(db):
    with db.session() as session:
        first = save_return(session=session, draft=draft())
        second = save_return(
            session=session, draft=draft(new_customer=None, customer_id=first.customer_id)
        )
        assert second.customer_id == first.customer_id
        assert row_counts(session)["customer"] == 1
        assert row_counts(session)["return"] == 2


def test_vanished_customer_is_refused_and_writes_nothing(db):
    with db.session() as session:
        with pytest.raises(ValidationError) as caught:
            save_return(session=session, draft=draft(new_customer=None, customer_id=999))
        assert set(caught.value.errors) == {"customer"}
        assert set(row_counts(session).values()) == {0}


def test_numbers_are_sequential(db):
    with db.session() as session:
        numbers = [save_return(session=session, draft=draft()).number for _ in range(3)]
    assert numbers == [f"R-{YEAR}-00001", f"R-{YEAR}-00002", f"R-{YEAR}-00003"]
    assert format_number(2026, 42) == "R-2026-00042"


def test_numbers_continue_after_a_refused_draft(db):
    with db.session() as session:
        save_return(session=session, draft=draft())
        with pytest.raises(ValidationError):
            save_return(session=session, draft=draft(lines=[]))
        assert save_return(session=session, draft=draft()).number == f"R-{YEAR}-00002"


def test_validation_error_has_a_key_per_field_and_writes_nothing(db):
    bad = draft(
        reason="bored",
        new_customer=CustomerDraft(name="Ana", email="ana.example.com"),
        lines=[LineDraft(sku="A-1", quantity=0, unit_price_cents=-100)],
    )
    with db.session() as session:
        with pytest.raises(ValidationError) as caught:
            save_return(session=session, draft=bad)
        assert set(row_counts(session).values()) == {0}
    errors = caught.value.errors
    assert set(errors) == {"customer.email", "lines.0.quantity", "lines.0.unit_price", "reason"}
    assert "ana.example.com" in errors["customer.email"]
    for message in errors.values():
        assert message in str(caught.value)


def test_validation_error_without_lines(db):
    with db.session() as session:
        with pytest.raises(ValidationError) as caught:
            save_return(session=session, draft=draft(lines=[]))
        assert set(row_counts(session).values()) == {0}
    assert set(caught.value.errors) == {"lines"}


def test_total_cents(db):
    with db.session() as session:
        ret = save_return(session=session, draft=draft())
        detail = get_detail(session, return_id=ret.id)
    assert ret.total_cents == 2 * 4999 + 3 * 250
    assert detail.ret.total_cents == 2 * 4999 + 3 * 250
    assert detail.total_cents == 2 * 4999 + 3 * 250


@pytest.mark.parametrize(
    "typed", [f"R-{YEAR}-00001", f"r-{YEAR}-00001", f"  r-{YEAR}-00001  ", f"R-{YEAR}-00001\n"]
)
def test_get_detail_by_number(db, typed):
    with db.session() as session:
        ret = save_return(session=session, draft=draft())
    with db.session() as session:
        detail = get_detail(session, number=typed)
    assert detail.ret.id == ret.id
    assert detail.customer.name == "José Álvares"
    assert [li.sku for li in detail.lines] == ["SHOE-42", "SOCK-1"]


def test_get_detail_by_id(db):
    with db.session() as session:
        save_return(session=session, draft=draft())
        ret = save_return(session=session, draft=draft())
    with db.session() as session:
        detail = get_detail(session, return_id=ret.id)
    assert detail.ret.number == f"R-{YEAR}-00002"


@pytest.mark.parametrize("kwargs", [{"number": "R-1999-99999"}, {"return_id": 999}, {}])
def test_get_detail_not_found(db, kwargs):
    with db.session() as session, pytest.raises(NotFound):
        get_detail(session, **kwargs)


def test_timeline_starts_with_the_initial_status(db):
    with db.session() as session:
        ret = save_return(session=session, draft=draft(status="requested", staff="Bo"))
        ret = transition(session=session, return_id=ret.id, to="received", expected_version=1).ret
        transition(session=session, return_id=ret.id, to="refunded", expected_version=2)
    with db.session() as session:
        timeline = get_detail(session, return_id=ret.id).timeline
    assert [(c.from_status, c.to_status) for c in timeline] == [
        (None, "requested"),
        ("requested", "received"),
        ("received", "refunded"),
    ]
    assert timeline[0].staff == "Bo"


@pytest.mark.parametrize("by", ["number", "return_id"])
def test_get_detail_is_fresh_in_a_session_that_read_it_before(db, by):
    """A long-lived session sees another session's move, whichever way it looks the return up."""
    with db.session() as session:
        ret = save_return(session=session, draft=draft())
    key = {"number": ret.number, "return_id": ret.id}[by]
    with db.session() as window, db.session() as other:
        shown = get_detail(window, **{by: key})  # the detail panel keeps it
        assert shown.ret.status == "received"
        transition(session=other, return_id=ret.id, to=Status.REFUNDED, expected_version=1)
        detail = get_detail(window, **{by: key})
        assert (detail.ret.status, detail.ret.version) == ("refunded", 2)
        assert [c.to_status for c in detail.timeline] == ["received", "refunded"]


# -- bad input: the same message on SQLite and PostgreSQL, nothing written ------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def engine_db(request, db):
    """The test's database on each engine: a cleaned PostgreSQL one when one is given."""
    if request.param == "sqlite":
        return db
    return request.getfixturevalue("pg_db")  # migrated and empty (tests/fixtures_db.py)


BAD_DRAFTS = {
    "a NUL byte in the name": (
        dict(new_customer=CustomerDraft(name="Ana\x00Silva")),
        "customer.name",
        "The customer's name contains an invisible character (NUL); retype it.",
    ),
    "a SKU over 64 characters": (
        dict(lines=[LineDraft(sku="S" * 65, unit_price_cents=100)]),
        "lines.0.sku",
        "The SKU is too long (65 characters); use at most 64.",
    ),
    "a description over 300 characters": (
        dict(lines=[LineDraft(sku="A", description="d" * 301)]),
        "lines.0.description",
        "The description is too long (301 characters); use at most 300.",
    ),
    "a price of 10^15 cents": (
        dict(lines=[LineDraft(sku="A", unit_price_cents=10**15)]),
        "lines.0.unit_price",
        "Price must be at most 1,000,000.00.",
    ),
    "price x quantity over 2^63": (
        dict(lines=[LineDraft(sku="A", quantity=2**62, unit_price_cents=3)]),
        "lines.0.quantity",
        "Quantity must be at most 10,000.",
    ),
    "a line worth more than an amount can hold": (
        dict(lines=[LineDraft(sku="A", quantity=10_000, unit_price_cents=100_000_000)]),
        "lines.0.quantity",
        "The line's value (quantity × price) must be at most 20,000,000.00; check the amounts.",
    ),
    "a total over the bound": (
        dict(lines=[LineDraft(sku=s, quantity=20, unit_price_cents=9 * 10**7) for s in "AB"]),
        "lines",
        "The return's total must be at most 20,000,000.00; check the amounts.",
    ),
    "a display-name email": (
        dict(new_customer=CustomerDraft(name="Ana", email="<a@b.com>")),
        "customer.email",
        "“<a@b.com>” is not an email address; it should look like name@example.com.",
    ),
    "a tab in the SKU": (
        dict(lines=[LineDraft(sku="A\tB")]),
        "lines.0.sku",
        "The SKU contains an invisible character (U+0009); retype it.",
    ),
    "a purchase date in 1066": (
        dict(purchase_date=date(1066, 10, 14), override_reason="The owner said so"),
        "purchase_date",
        "The purchase date is before 1900; check the year.",
    ),
    "a receipt number over 100 characters": (
        dict(purchase_ref="R" * 101),
        "purchase_ref",
        "The receipt or order number is too long (101 characters); use at most 100.",
    ),
}


@pytest.mark.parametrize("case", BAD_DRAFTS)
def test_bad_input_is_refused_with_one_message_before_the_database(engine_db, case):
    from desk.services import create_return

    changes, key, message = BAD_DRAFTS[case]
    with pytest.raises(ValidationError) as caught:
        create_return(engine_db, draft=draft(**changes))
    assert caught.value.errors == {key: message}
    with engine_db.session() as session:
        assert session.exec(select(func.count()).select_from(Return)).one() == 0


def test_multiline_text_may_hold_line_breaks_where_staff_write_sentences(engine_db):
    from desk.services import create_return

    ret = create_return(
        engine_db,
        draft=draft(
            reason_text="Too small.\nAsked for 43.",
            note="Box\tdamaged",
            lines=[LineDraft(sku="A", description="Blue\nsize 42", unit_price_cents=100_000_000)],
        ),
    )
    detail = get_return_detail(engine_db, ret.number)
    assert detail.ret.reason_text == "Too small.\nAsked for 43."
    assert detail.lines[0].description == "Blue\nsize 42"
    assert detail.total_cents == 100_000_000


def get_return_detail(database, number):
    with database.session() as session:
        return get_detail(session, number=number)


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("", "Give a return number, like R-2026-00042."),
        ("  ", "Give a return number, like R-2026-00042."),
        ("R-1\x00", "There is no return “R-1\\x00”; a number looks like R-2026-00042."),
        ("R-2026-99999", "There is no return R-2026-99999."),
    ],
)
def test_an_empty_or_unreadable_number_is_not_found_in_words(engine_db, number, message):
    with pytest.raises(NotFound) as caught, engine_db.session() as session:
        get_detail(session, number=number)
    assert str(caught.value) == message


def test_a_return_keeps_the_currency_it_was_logged_in(db):
    from desk.settings import SHOP_CURRENCY, set_setting

    with db.session() as session:
        old = save_return(session=session, draft=draft())
        set_setting(session, SHOP_CURRENCY, "brl")
        session.commit()
        new = save_return(session=session, draft=draft())
        chosen = save_return(session=session, draft=draft(currency=" usd "))
    with db.session() as session:
        found = [get_detail(session, return_id=r.id).currency for r in (old, new, chosen)]
    assert found == ["EUR", "BRL", "USD"]  # the setting applies to new returns only


def test_a_currency_that_is_no_code_is_refused_and_nothing_saved(db):
    assert "currency" in validate_draft(draft(currency="EURO"))
    assert "currency" not in validate_draft(draft())
    with db.session() as session, pytest.raises(ValidationError):
        save_return(session=session, draft=draft(currency="XX1"))
    with db.session() as session:
        assert row_counts(session)["return"] == 0


def test_a_new_customers_phone_is_stored_in_e164(db):
    customer = CustomerDraft(name="Tom Harris", phone="07993 672961")
    with db.session() as session:
        ret = save_return(session=session, draft=draft(new_customer=customer))
        assert session.get(Customer, ret.customer_id).phone == "+447993672961"


def test_a_landline_is_refused_when_texts_are_the_channel_and_nothing_is_saved(db):
    texts = CustomerDraft(name="Tom Harris", phone="020 7946 0958", preferred_channel="sms")
    errors = validate_draft(draft(new_customer=texts))
    assert "landline" in errors["customer.phone"] and "email" in errors["customer.phone"]
    with db.session() as session, pytest.raises(ValidationError):
        save_return(session=session, draft=draft(new_customer=texts))
    with db.session() as session:
        assert session.exec(select(func.count()).select_from(Customer)).one() == 0
    mail = CustomerDraft(name="Tom Harris", phone="020 7946 0958", preferred_channel="email")
    assert validate_draft(draft(new_customer=mail)) == {}
