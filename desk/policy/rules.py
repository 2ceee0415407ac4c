"""The shop's return policy per customer segment, and what it means for one return."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlmodel import Session

from desk.codes import RefundMethod
from desk.customers.segments import Segment
from desk.labels import CONDITIONS, REFUND_METHODS
from desk.policy.settings import POLICY
from desk.settings import get_setting


@dataclass(frozen=True)
class Rules:
    """The policy for one segment, as the owner set it."""

    segment: Segment
    window_days: int
    refund_methods: tuple[str, ...]
    fee_percent: int
    fee_conditions: tuple[str, ...]
    counter_refund: bool
    receipt_required: bool


def rules_for(session: Session, segment: Segment) -> Rules:
    """Read the owner's rules for `segment`."""
    specs = POLICY[segment]

    def codes(spec) -> tuple[str, ...]:
        return tuple(c.strip() for c in get_setting(session, spec).split(",") if c.strip())

    return Rules(
        segment=segment,
        window_days=get_setting(session, specs.window_days),
        refund_methods=codes(specs.refund_methods),
        fee_percent=get_setting(session, specs.fee_percent),
        fee_conditions=codes(specs.fee_conditions),
        counter_refund=get_setting(session, specs.counter_refund),
        receipt_required=get_setting(session, specs.receipt_required),
    )


@dataclass(frozen=True)
class ItemForFee:
    """One returned line as the fee sees it."""

    condition: str
    amount_cents: int


@dataclass(frozen=True)
class Decision:
    """What the policy says for one return, with the reasons in words."""

    rules: Rules
    deadline: date | None
    days_left: int | None  # negative when the window has passed
    within_window: bool
    method_allowed: bool
    suggested_method: str
    fee_cents: int
    counter_refund: bool
    receipt_missing: bool
    problems: list[str] = field(default_factory=list)  # what needs an override
    summary: str = ""


def evaluate(
    rules: Rules,
    *,
    purchase_date: date | None,
    today: date,
    refund_method: str,
    preferred_method: str | None,
    items: list[ItemForFee],
    has_receipt: bool,
) -> Decision:
    """Apply `rules` to a return being logged; say what applies and why."""
    deadline = purchase_date + timedelta(days=rules.window_days) if purchase_date else None
    days_left = (deadline - today).days if deadline else None
    within = days_left is None or days_left >= 0
    suggested = _suggested(rules, preferred_method, refund_method)
    fee_base = sum(i.amount_cents for i in items if i.condition in rules.fee_conditions)
    fee = max(fee_base, 0) * rules.fee_percent // 100  # never a negative fee
    problems = []
    if not within:
        problems.append(f"Outside the {rules.window_days}-day window (ended {deadline}).")
    if refund_method not in rules.refund_methods:
        problems.append(
            f"{REFUND_METHODS.get(refund_method, refund_method)} is not offered to this customer."
        )
    missing = rules.receipt_required and not has_receipt
    if missing:
        problems.append("A receipt or order reference is required.")
    decision = Decision(
        rules,
        deadline,
        days_left,
        within,
        refund_method in rules.refund_methods,
        suggested,
        fee,
        rules.counter_refund,
        missing,
        problems,
    )
    return _with_summary(decision)


def _suggested(rules: Rules, preferred: str | None, current: str) -> str:
    for method in (preferred, current, *rules.refund_methods):
        if method in rules.refund_methods:
            return method
    return RefundMethod.STORE_CREDIT


def _with_summary(d: Decision) -> Decision:
    r = d.rules
    parts = [f"{r.segment.label}: {r.window_days}-day window"]
    if d.days_left is not None:
        parts[0] += f", {d.days_left} days left" if d.days_left >= 0 else ", window passed"
    parts.append("refund at the counter allowed" if r.counter_refund else "refund after inspection")
    if d.fee_cents:
        parts.append(
            f"{r.fee_percent}% restocking fee on "
            + ", ".join(CONDITIONS.get(c, c).lower() for c in r.fee_conditions)
            + " items"
        )
    if r.receipt_required:
        parts.append("receipt required")
    return Decision(**{**d.__dict__, "summary": "; ".join(parts)})
