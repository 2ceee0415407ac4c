"""Logging a new return, and reading one back with its lines and timeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, col, select

from desk import search
from desk.codes import Channel, Condition, Disposition, Intake, Reason, RefundMethod, Status
from desk.errors import NotFound, ValidationError
from desk.models import Customer, ExchangeLine, Return, ReturnLine, StatusChange, utcnow
from desk.numbering import next_number
from desk.phones import DEFAULT_COUNTRY, show_phone, to_e164
from desk.reports import facts as report_facts
from desk.setting_spec import currency as currency_error
from desk.settings import SHOP_COUNTRY, SHOP_CURRENCY, get_setting
from desk.validation import (
    MAX_AMOUNT_CENTS,
    amount_error,
    date_error,
    email_error,
    phone_error,
    price_error,
    quantity_error,
    text_error,
)
from desk.workflow import INITIAL


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


@dataclass
class ReturnDetail:
    """A return as the detail panel shows it."""

    ret: Return
    customer: Customer
    lines: list[ReturnLine]
    timeline: list[StatusChange] = field(default_factory=list)
    exchange_lines: list[ExchangeLine] = field(default_factory=list)
    country: str = DEFAULT_COUNTRY  # the shop's, to show the customer's phone in

    @property
    def customer_phone(self) -> str:
        """The customer's phone as the shop reads it ("07993 672961"; "" when none)."""
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
        who = f" by {self.customer.erased_by}" if self.customer.erased_by else ""
        return f"Customer data erased on request{who}."


def validate_draft(draft: ReturnDraft, *, country: str = DEFAULT_COUNTRY) -> dict[str, str]:
    """Return the problems with `draft`, keyed by field ("customer.email", "lines.0.quantity").

    The same checks on every engine, before anything is written: text lengths from the
    model columns, no control characters, amounts within desk.validation's bounds, a new
    customer's phone read with the shop's `country` (a mobile when SMS is their channel).
    """
    errors: dict[str, str] = {}
    if draft.customer_id is None and draft.new_customer is None:
        errors["customer"] = "Choose a customer or enter a new one."
    if draft.new_customer is not None:
        errors.update(_customer_errors(draft.new_customer, country))
    if draft.reason not in set(Reason):
        errors["reason"] = "Choose the reason for the return."
    if draft.refund_method not in set(RefundMethod):
        errors["refund_method"] = "Choose how the customer wants to be refunded."
    if draft.currency and (problem := currency_error(draft.currency.strip().upper())):
        errors["currency"] = problem
    if draft.status not in INITIAL:
        errors["status"] = "A new return starts as requested or received."
    if message := date_error(draft.purchase_date, "purchase date"):
        errors["purchase_date"] = message
    errors.update(_texts(draft, _RETURN_TEXTS))
    if not draft.lines:
        errors["lines"] = "Add at least one returned item."
    for i, line in enumerate(draft.lines):
        errors.update({f"lines.{i}.{k}": v for k, v in _line_errors(line).items()})
    for i, line in enumerate(draft.exchange_lines):
        errors.update({f"exchange.{i}.{k}": v for k, v in _exchange_errors(line).items()})
    errors.update(_amount_errors(draft, errors))
    if draft.policy_problems and not draft.override_reason.strip():
        errors["override"] = "The policy is not met: say why you accept this return anyway."
    return errors


_RETURN_TEXTS = (  # draft field, words, column (None: unbounded), may hold line breaks
    ("reason_text", "reason details", None, True),
    ("purchase_ref", "receipt or order number", Return.__table__.c.purchase_ref, False),
    ("staff", "staff name", StatusChange.__table__.c.staff, False),
    ("note", "note", None, True),
    ("override", "reason for the override", None, True),
)
_LINE_TEXTS = (
    ("sku", "SKU", ReturnLine.__table__.c.sku, False),
    ("description", "description", ReturnLine.__table__.c.description, True),
    ("serial", "serial number", ReturnLine.__table__.c.serial, False),
)
_CUSTOMER_TEXTS = (
    ("name", "customer's name", Customer.__table__.c.name, False),
    ("email", "email address", Customer.__table__.c.email, False),
    ("phone", "phone number", Customer.__table__.c.phone, False),
)


def _texts(item: object, fields: tuple, prefix: str = "") -> dict[str, str]:
    errors = {}
    for name, words, column, multiline in fields:
        value = getattr(item, "override_reason" if name == "override" else name).strip()
        if message := text_error(value, words, limit=column, multiline=multiline):
            errors[prefix + name] = message
    return errors


def _amount_errors(draft: ReturnDraft, errors: dict[str, str]) -> dict[str, str]:
    """The line and total amounts out of bounds (once the quantities and prices are fine)."""
    found: dict[str, str] = {}
    for prefix, lines in (("lines", draft.lines), ("exchange", draft.exchange_lines)):
        for i, line in enumerate(lines):
            if f"{prefix}.{i}.quantity" in errors or f"{prefix}.{i}.unit_price" in errors:
                continue
            if line.quantity * line.unit_price_cents > MAX_AMOUNT_CENTS:
                found[f"{prefix}.{i}.quantity"] = amount_error(
                    line.quantity * line.unit_price_cents, "line's value (quantity × price)"
                )
    if not found and not errors:
        total = sum(li.quantity * li.unit_price_cents for li in draft.lines)
        amounts = {
            "lines": (total, "return's total"),
            "fee": (draft.fee_cents, "restocking fee"),
            "bonus": (draft.bonus_cents, "bonus"),
            "settlement": (draft.settlement_cents, "exchange's difference"),
        }
        for key, (cents, words) in amounts.items():
            if message := amount_error(cents, words):
                found.setdefault(key, message)
    return found


def override_note(problems: list[str], reason: str) -> str:
    """The timeline words for a policy override: "Policy override: outside … — reason"."""
    said = "; ".join(p.rstrip(".")[:1].lower() + p.rstrip(".")[1:] for p in problems)
    return f"Policy override: {said} — {reason.strip()}"


def _customer_errors(customer: CustomerDraft, country: str) -> dict[str, str]:
    errors = _texts(customer, _CUSTOMER_TEXTS, "customer.")
    if not customer.name.strip():
        errors["customer.name"] = "Enter the customer's name."
    if "customer.email" not in errors and (message := email_error(customer.email)):
        errors["customer.email"] = message
    sms = customer.preferred_channel == Channel.SMS
    if "customer.phone" not in errors and (
        message := phone_error(customer.phone, country, sms=sms)
    ):
        errors["customer.phone"] = message
    return errors


def _exchange_errors(line: ExchangeDraft) -> dict[str, str]:
    errors = _texts(line, _LINE_TEXTS[:2])
    if not line.sku.strip():
        errors["sku"] = "Enter the replacement item's SKU."
    if message := quantity_error(line.quantity):
        errors["quantity"] = message
    if message := price_error(line.unit_price_cents):
        errors["unit_price"] = message
    return errors


def _line_errors(line: LineDraft) -> dict[str, str]:
    errors = _texts(line, _LINE_TEXTS)
    if not line.sku.strip():
        errors["sku"] = "Enter the item's SKU."
    if message := quantity_error(line.quantity):
        errors["quantity"] = message
    if message := price_error(line.unit_price_cents):
        errors["unit_price"] = message
    if line.condition not in set(Condition):
        errors["condition"] = "Choose the item's condition."
    if line.disposition not in set(Disposition):
        errors["disposition"] = "Choose what happens to the item."
    return errors


def add_return(session: Session, draft: ReturnDraft) -> Return:
    """Validate and add a new return exactly as drafted, inside the caller's transaction.

    Adds its lines and first timeline entry and flushes; stamps the shop's currency
    setting of the moment unless the draft names one. Does not commit and does not
    apply the return policy (desk.services.create_return does both). Raises
    ValidationError (with one message per field) before writing anything.
    """
    country = get_setting(session, SHOP_COUNTRY)
    if errors := validate_draft(draft, country=country):
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
        fee_cents=draft.fee_cents,
        bonus_cents=draft.bonus_cents,
        settlement_cents=draft.settlement_cents,
        currency=draft.currency.strip().upper() or get_setting(session, SHOP_CURRENCY),
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
            raise ValidationError({"customer": "That customer no longer exists; choose again."})
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
        )
        for line in lines
    ]


def get_detail(
    session: Session, *, number: str | None = None, return_id: int | None = None
) -> ReturnDetail:
    """Return a return with its customer, lines and timeline, by number or id."""
    wanted = (number or "").strip().upper()
    if return_id is None and not wanted:
        raise NotFound("Give a return number, like R-2026-00042.")
    if return_id is None and (text_error(wanted, "return number", limit=40) is not None):
        raise NotFound(f"There is no return {wanted[:40]!r}; a number looks like R-2026-00042.")
    if return_id is not None:
        ret = session.get(Return, return_id, populate_existing=True)
    else:
        ret = session.exec(
            select(Return).where(Return.number == wanted).execution_options(populate_existing=True)
        ).first()
    if ret is None:
        raise NotFound(f"There is no return {wanted or return_id}.")
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
