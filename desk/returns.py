"""Logging a new return, and reading one back with its lines and timeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from sqlmodel import Session, col, select

from desk import search
from desk.catalog.limits import reference_errors
from desk.codes import (
    Channel,
    Condition,
    Disposition,
    Intake,
    PriceSource,
    Reason,
    RefundMethod,
    Status,
)
from desk.errors import NotFound, ValidationError
from desk.i18n.catalog import N_, _
from desk.models import Customer, ExchangeLine, Return, ReturnLine, StatusChange, utcnow
from desk.numbering import next_number
from desk.phones import DEFAULT_COUNTRY, show_phone, to_e164
from desk.return_checks import validate_draft
from desk.settings import SHOP_COUNTRY, SHOP_CURRENCY, get_setting
from desk.validation import (
    text_error,
)


@dataclass
class CustomerDraft:
    """A new customer typed in at the counter."""

    name: str
    email: str = ""
    phone: str = ""
    preferred_channel: Channel = Channel.EMAIL
    preferred_language: str = "en"


@dataclass
class LineDraft:
    """One returned item as typed in."""

    sku: str
    description: str = ""
    quantity: int = 1
    unit_price_cents: int = 0
    serial: str = ""
    condition: Condition = Condition.UNOPENED
    disposition: Disposition = Disposition.RESTOCK
    product_id: int | None = None  # the catalogue's product, when known
    sale_line_id: int | None = None  # the receipt's line it came back from, when known
    price_source: PriceSource = PriceSource.TYPED


@dataclass
class ExchangeDraft:
    """One replacement item handed over in an exchange, as typed in."""

    sku: str
    description: str = ""
    quantity: int = 1
    unit_price_cents: int = 0


@dataclass
class ReturnDraft:
    """Everything needed to log a return; either customer_id or new_customer is set.

    The policy fields (policy_problems, fee, bonus, settlement) are filled by
    desk.policy.intake.with_policy, which desk.services.create_return applies.
    """

    reason: Reason
    lines: list[LineDraft]
    customer_id: int | None = None
    new_customer: CustomerDraft | None = None
    reason_text: str = ""
    refund_method: RefundMethod = RefundMethod.ORIGINAL
    intake: Intake = Intake.COUNTER
    purchase_date: date | None = None
    purchase_ref: str = ""
    status: Status = Status.RECEIVED
    staff: str = ""
    note: str = ""
    policy_problems: list[str] = field(default_factory=list)  # what needs an override
    override_reason: str = ""
    fee_cents: int = 0
    bonus_cents: int = 0
    settlement_cents: int = 0  # exchange: > 0 the customer pays, < 0 the shop pays back
    exchange_lines: list[ExchangeDraft] = field(default_factory=list)
    currency: str = ""  # ISO 4217 code; "" stamps the shop's currency setting of the moment
    sale_id: int | None = None  # the imported sale (receipt) it came back from


@dataclass
class ReturnDetail:
    """A return as the detail panel shows it."""

    ret: Return
    customer: Customer
    lines: list[ReturnLine]
    timeline: list[StatusChange] = field(default_factory=list)
    exchange_lines: list[ExchangeLine] = field(default_factory=list)
    country: str = DEFAULT_COUNTRY  # the shop's, to show the customer's phone in

    @cached_property
    def customer_phone(self) -> str:
        """The customer's phone as the shop reads it ("07993 672961"; "" when none); read
        once, where the detail is read (off the UI thread, for the window)."""
        return show_phone(self.customer.phone, self.country)

    @property
    def total_cents(self) -> int:
        """The value of all lines, in cents."""
        return sum(line.quantity * line.unit_price_cents for line in self.lines)

    @property
    def currency(self) -> str:
        """The ISO code of the currency the return was logged in (its amounts are in it)."""
        return self.ret.currency

    @property
    def erasure_note(self) -> str:
        """The timeline's words for the customer's erasure ("" when not erased)."""
        if self.customer.erased_at is None:
            return ""
        if self.customer.erased_by:
            return _("Customer data erased on request by {staff}.").format(
                staff=self.customer.erased_by
            )
        return _("Customer data erased on request.")


def override_note(problems: list[str], reason: str) -> str:
    """The timeline words for a policy override: "Policy override: outside … — reason"
    (kept in the desk's language, as a note typed by staff)."""
    said = "; ".join(p.rstrip(".")[:1].lower() + p.rstrip(".")[1:] for p in problems)
    return _("Policy override: {problems} — {reason}").format(problems=said, reason=reason.strip())


def add_return(session: Session, draft: ReturnDraft) -> Return:
    """Validate and add a new return exactly as drafted, inside the caller's transaction.

    Adds its lines and first timeline entry and flushes; stamps the shop's currency
    setting of the moment unless the draft names one. Does not commit and does not
    apply the return policy (desk.services.create_return does both). Raises
    ValidationError (with one message per field) before writing anything.
    """
    country = get_setting(session, SHOP_COUNTRY)
    if errors := validate_draft(draft, country=country) or reference_errors(session, draft):
        raise ValidationError(errors)
    customer_id = _customer_for(session, draft, country)
    now = utcnow()
    ret = Return(
        number=next_number(session, now.year),
        customer_id=customer_id,
        status=draft.status,
        intake=draft.intake,
        purchase_date=draft.purchase_date,
        purchase_ref=draft.purchase_ref.strip(),
        reason=draft.reason,
        reason_text=draft.reason_text.strip(),
        refund_method=draft.refund_method,
        total_cents=sum(li.quantity * li.unit_price_cents for li in draft.lines),
        item_count=sum(li.quantity for li in draft.lines),
        fee_cents=draft.fee_cents,
        bonus_cents=draft.bonus_cents,
        settlement_cents=draft.settlement_cents,
        currency=draft.currency.strip().upper() or get_setting(session, SHOP_CURRENCY),
        sale_id=draft.sale_id,
        created_at=now,
        updated_at=now,
    )
    session.add(ret)
    session.flush()
    session.add_all(_line_rows(ret.id, draft.lines))
    session.add_all(_exchange_rows(ret.id, draft.exchange_lines))
    session.add(
        StatusChange(
            return_id=ret.id,
            to_status=draft.status,
            at=now,
            staff=draft.staff.strip(),
            note=_first_note(draft),
        )
    )
    session.flush()
    search.reindex(session.connection(), [ret.id])
    from desk.reports import facts as report_facts  # not needed to show the list

    report_facts.refresh(session.connection(), [ret.id])
    return ret


def save_return(*, session: Session, draft: ReturnDraft) -> Return:
    """Save a return exactly as drafted (no policy applied) and commit, all or nothing.

    For demo data, benchmarks and tests that need a return as given; the window and the
    command line log returns through desk.services.create_return, which applies the policy.
    """
    try:
        ret = add_return(session, draft)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return ret


def _customer_for(session: Session, draft: ReturnDraft, country: str) -> int:
    if draft.customer_id is not None:
        if session.get(Customer, draft.customer_id) is None:
            raise ValidationError({"customer": _("That customer no longer exists; choose again.")})
        return draft.customer_id
    new = draft.new_customer
    customer = Customer(
        name=new.name.strip(),
        email=new.email.strip() or None,
        phone=to_e164(new.phone, country) if new.phone.strip() else None,
        preferred_channel=new.preferred_channel,
        preferred_language=new.preferred_language,
        preferred_refund=draft.refund_method,
    )
    session.add(customer)
    session.flush()
    return customer.id


def _first_note(draft: ReturnDraft) -> str:
    override = ""
    if draft.policy_problems:
        override = override_note(draft.policy_problems, draft.override_reason)
    return "\n".join(part for part in (override, draft.note.strip()) if part)


def _exchange_rows(return_id: int, lines: list[ExchangeDraft]) -> list[ExchangeLine]:
    return [
        ExchangeLine(
            return_id=return_id,
            sku=line.sku.strip(),
            description=line.description.strip(),
            quantity=line.quantity,
            unit_price_cents=line.unit_price_cents,
        )
        for line in lines
    ]


def _line_rows(return_id: int, lines: list[LineDraft]) -> list[ReturnLine]:
    return [
        ReturnLine(
            return_id=return_id,
            sku=line.sku.strip(),
            description=line.description.strip(),
            serial=line.serial.strip(),
            quantity=line.quantity,
            unit_price_cents=line.unit_price_cents,
            condition=line.condition,
            disposition=line.disposition,
            product_id=line.product_id,
            sale_line_id=line.sale_line_id,
            price_source=line.price_source,
        )
        for line in lines
    ]


def get_detail(
    session: Session, *, number: str | None = None, return_id: int | None = None
) -> ReturnDetail:
    """Return a return with its customer, lines and timeline, by number or id."""
    wanted = (number or "").strip().upper()
    if return_id is None and not wanted:
        raise NotFound(_("Give a return number, like R-2026-00042."))
    if return_id is None and (text_error(wanted, N_("return number"), limit=40) is not None):
        raise NotFound(
            _("There is no return “{number}”; a number looks like R-2026-00042.").format(
                number=repr(wanted[:40])[1:-1]
            )
        )
    if return_id is not None:
        ret = session.get(Return, return_id, populate_existing=True)
    else:
        ret = session.exec(
            select(Return).where(Return.number == wanted).execution_options(populate_existing=True)
        ).first()
    if ret is None:
        raise NotFound(_("There is no return {number}.").format(number=wanted or return_id))
    lines = session.exec(
        select(ReturnLine).where(ReturnLine.return_id == ret.id).order_by(col(ReturnLine.id))
    ).all()
    timeline = session.exec(
        select(StatusChange)
        .where(StatusChange.return_id == ret.id)
        .order_by(col(StatusChange.at), col(StatusChange.id))
    ).all()
    customer = session.get(Customer, ret.customer_id)
    swaps = session.exec(
        select(ExchangeLine).where(ExchangeLine.return_id == ret.id).order_by(col(ExchangeLine.id))
    ).all()
    return ReturnDetail(
        ret=ret,
        customer=customer,
        lines=list(lines),
        timeline=list(timeline),
        exchange_lines=list(swaps),
        country=get_setting(session, SHOP_COUNTRY),
    )
