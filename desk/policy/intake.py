"""The return policy at intake: what applies to this customer now, incentives and exchanges."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlmodel import Session

from desk.catalog.limits import quantity_problems
from desk.codes import RefundMethod, Timeline
from desk.customers import habits as _habits
from desk.customers.segments import Segment
from desk.i18n.catalog import _
from desk.i18n.formats import format_percent
from desk.labels import REFUND_METHODS, label
from desk.models import Customer
from desk.money import format_money, format_signed
from desk.policy import rules as _policy
from desk.policy.settings import CREDIT_BONUS, EXCHANGE_BONUS
from desk.returns import ExchangeDraft, ReturnDraft
from desk.settings import get_setting

if TYPE_CHECKING:
    from desk.policy.rules import Decision, ItemForFee, Rules


@dataclass(frozen=True)
class CustomerProfile:
    """What the policy needs to know about one customer, read once per customer picked."""

    segment: Segment
    why: str
    flagged: bool
    rules: Rules
    preferred_method: str | None
    bonus_percent: dict[str, int]  # refund method -> bonus %
    preferred_timeline: Timeline = Timeline.NO_PREFERENCE


@dataclass(frozen=True)
class BonusOffer:
    """An incentive for choosing `method`: `percent` of the returned value."""

    method: str
    percent: int
    cents: int

    def words(self, currency: str = "EUR", locale: str | None = None) -> str:
        """Say the offer: "Choose store credit: +€4.50 (10%)", in the desk's language (money
        in `locale`'s format, the desk's when None)."""
        return _("Choose {method}: {amount} ({percent})").format(
            method=label(REFUND_METHODS, self.method).lower(),
            amount=format_signed(self.cents, currency, locale),
            percent=format_percent(self.percent / 100),
        )


@dataclass(frozen=True)
class IntakeAdvice:
    """The policy for one return being logged, with its fee, bonus and reasons."""

    profile: CustomerProfile
    decision: Decision
    returned_cents: int
    bonus_cents: int  # for the refund method chosen (0 when it has no bonus or is not allowed)
    offers: list[BonusOffer] = field(default_factory=list)  # allowed methods with a bonus
    notices: list[str] = field(default_factory=list)  # shown, but need no override

    @property
    def segment(self) -> Segment:
        """The customer's segment."""
        return self.profile.segment

    @property
    def why(self) -> str:
        """Why the customer is in their segment."""
        return self.profile.why

    @property
    def flagged(self) -> bool:
        """True for a frequent returner: worth a look, never a block."""
        return self.profile.flagged

    @property
    def summary(self) -> str:
        """The policy in one line: "Loyal customer: 60-day window, 12 days left; …"."""
        return self.decision.summary

    @property
    def problems(self) -> list[str]:
        """What is outside the policy (a missing receipt the policy requires included);
        saving then needs an override reason, which the timeline records."""
        return list(self.decision.problems)

    @property
    def fee_cents(self) -> int:
        """The restocking fee, in cents."""
        return self.decision.fee_cents

    @property
    def suggested_method(self) -> str:
        """The customer's preferred refund method when allowed, else an allowed one."""
        return self.decision.suggested_method


def profile_for(
    session: Session, customer_id: int | None, *, now: datetime | None = None
) -> CustomerProfile:
    """Read a customer's segment, rules, preferred refund and the bonuses (None: new customer)."""
    customer = session.get(Customer, customer_id) if customer_id is not None else None
    timeline = customer.preferred_timeline if customer is not None else Timeline.NO_PREFERENCE
    if customer is None:
        segment, why, flagged, preferred = Segment.NEW, _("new customer"), False, None
    else:
        habits = _habits.habits_for(session, customer.id, now=now)
        segment, why, flagged = habits.segment, habits.why, habits.flagged
        preferred = customer.preferred_refund or habits.usual_refund
    bonus = {
        RefundMethod.STORE_CREDIT: get_setting(session, CREDIT_BONUS),
        RefundMethod.EXCHANGE: get_setting(session, EXCHANGE_BONUS),
    }
    rules = _policy.rules_for(session, segment)
    return CustomerProfile(segment, why, flagged, rules, preferred, bonus, timeline)


def advise(
    profile: CustomerProfile,
    *,
    purchase_date: date | None,
    today: date,
    refund_method: str,
    items: list[ItemForFee],
    has_receipt: bool,
) -> IntakeAdvice:
    """Apply a customer's profile to the return being logged (no database needed)."""
    decision = _policy.evaluate(
        profile.rules,
        purchase_date=purchase_date,
        today=today,
        refund_method=refund_method,
        preferred_method=profile.preferred_method,
        items=items,
        has_receipt=has_receipt,
    )
    returned = sum(item.amount_cents for item in items)
    offers = [  # a bonus is never negative, whatever was typed (no "+-€0.50")
        BonusOffer(method, percent, max(returned, 0) * percent // 100)
        for method, percent in profile.bonus_percent.items()
        if percent > 0 and method in profile.rules.refund_methods
    ]
    bonus = next((o.cents for o in offers if o.method == refund_method), 0)
    notices = []
    if profile.preferred_timeline == Timeline.COUNTER:
        notices.append(
            _("Prefers the refund at the counter: allowed for this customer.")
            if profile.rules.counter_refund
            else _(
                "Prefers the refund at the counter, but this customer's policy refunds "
                "after inspection: explain the timing."
            )
        )
    return IntakeAdvice(profile, decision, returned, bonus, offers, notices)


def policy_for(
    session: Session,
    *,
    customer_id: int | None,
    purchase_date: date | None,
    today: date,
    refund_method: str,
    items: list[ItemForFee],
    has_receipt: bool,
) -> IntakeAdvice:
    """What the shop's policy says for this customer and return, with fee and bonus."""
    return advise(
        profile_for(session, customer_id),
        purchase_date=purchase_date,
        today=today,
        refund_method=refund_method,
        items=items,
        has_receipt=has_receipt,
    )


@dataclass(frozen=True)
class Settlement:
    """How an exchange evens out: > 0 the customer pays, < 0 the shop gives money back."""

    returned_cents: int
    replacement_cents: int
    difference_cents: int

    def words(self, currency: str = "EUR", locale: str | None = None) -> str:
        """Say who pays what: "Customer pays €12.00" / "Give back €8.50 by original payment",
        in the desk's language (money in `locale`'s format, the desk's when None)."""
        money = format_money(abs(self.difference_cents), currency, locale)
        if self.difference_cents > 0:
            return _("Customer pays {amount}").format(amount=money)
        if self.difference_cents < 0:
            return _("Give back {amount} by original payment").format(amount=money)
        return _("Even exchange: nothing to pay")


def settle_exchange(returned_cents: int, replacement_lines: list[ExchangeDraft]) -> Settlement:
    """Compare what comes back with what the customer takes home instead."""
    replacement = sum(line.quantity * line.unit_price_cents for line in replacement_lines)
    return Settlement(returned_cents, replacement, replacement - returned_cents)


def credit_cents(advice: IntakeAdvice) -> int:
    """What the returned goods are worth to the customer: value, less fee, plus bonus."""
    return advice.returned_cents - advice.fee_cents + advice.bonus_cents


def apply_advice(draft: ReturnDraft, advice: IntakeAdvice) -> ReturnDraft:
    """Return `draft` with the policy's problems, fee, bonus and exchange settlement filled in."""
    exchange = draft.refund_method == RefundMethod.EXCHANGE
    lines = list(draft.exchange_lines) if exchange else []
    settlement = settle_exchange(credit_cents(advice), lines).difference_cents if lines else 0
    return dataclasses.replace(
        draft,
        policy_problems=advice.problems,
        fee_cents=advice.fee_cents,
        bonus_cents=advice.bonus_cents,
        settlement_cents=settlement,
        exchange_lines=lines,
    )


def items_for_fee(draft: ReturnDraft) -> list[ItemForFee]:
    """The draft's lines as the fee sees them."""
    return [
        _policy.ItemForFee(li.condition, li.quantity * li.unit_price_cents) for li in draft.lines
    ]


@dataclass(frozen=True)
class DraftPolicy:
    """What the policy says about a draft: the advice, and for an exchange its settlement."""

    advice: IntakeAdvice
    settlement: Settlement | None  # None unless the refund method is an exchange


def advise_draft(profile: CustomerProfile, draft: ReturnDraft, *, today: date) -> DraftPolicy:
    """Apply a customer's profile to a draft (receipt: its purchase_ref); no database needed.

    The same rule create_return applies when it saves, so a live panel shows what is saved.
    """
    advice = advise(
        profile,
        purchase_date=draft.purchase_date,
        today=today,
        refund_method=draft.refund_method,
        items=items_for_fee(draft),
        has_receipt=bool(draft.purchase_ref.strip()),
    )
    settlement = None
    if draft.refund_method == RefundMethod.EXCHANGE:
        settlement = settle_exchange(credit_cents(advice), draft.exchange_lines)
    return DraftPolicy(advice, settlement)


def with_policy(session: Session, draft: ReturnDraft, *, today: date) -> ReturnDraft:
    """Evaluate the policy for `draft` (receipt: its purchase_ref) and fill in what it says,
    with what it takes back beyond its imported receipt (desk.catalog.limits)."""
    policy = advise_draft(profile_for(session, draft.customer_id), draft, today=today)
    applied = apply_advice(draft, policy.advice)
    if beyond := quantity_problems(session, draft):
        applied = dataclasses.replace(applied, policy_problems=applied.policy_problems + beyond)
    return applied
