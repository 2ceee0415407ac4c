"""The shop's return policy per customer segment, and what it means for one return."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlmodel import Session

from desk.codes import RefundMethod
from desk.customers.segments import Segment
from desk.i18n.catalog import _, ngettext, pgettext
from desk.i18n.formats import format_date, format_number, format_percent
from desk.labels import CONDITIONS, REFUND_METHODS, label
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
    """What the policy says for one return, with the reasons in words (the desk's language)."""

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
        problems.append(
            ngettext(
                "Outside the {days}-day window (ended {deadline}).",
                "Outside the {days}-day window (ended {deadline}).",
                rules.window_days,
            ).format(days=format_number(rules.window_days), deadline=format_date(deadline))
        )
    if refund_method not in rules.refund_methods:
        problems.append(
            _("{method} is not offered to this customer.").format(
                method=label(REFUND_METHODS, refund_method)
            )
        )
    missing = rules.receipt_required and not has_receipt
    if missing:
        problems.append(_("A receipt or order reference is required."))
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
    values = {"segment": r.segment.label, "days": format_number(r.window_days)}
    if d.days_left is None:
        window = ngettext(
            "{segment}: {days}-day window", "{segment}: {days}-day window", r.window_days
        )
    elif d.days_left == 0:
        window = ngettext(
            "{segment}: {days}-day window, its last day is today",
            "{segment}: {days}-day window, its last day is today",
            r.window_days,
        )
    elif d.days_left > 0:
        values["left"] = format_number(d.days_left)
        window = ngettext(
            "{segment}: {days}-day window, {left} day left",
            "{segment}: {days}-day window, {left} days left",
            d.days_left,
        )
    else:
        window = ngettext(
            "{segment}: {days}-day window, window passed",
            "{segment}: {days}-day window, window passed",
            r.window_days,
        )
    parts = [window.format(**values)]
    parts.append(
        _("refund at the counter allowed") if r.counter_refund else _("refund after inspection")
    )
    if d.fee_cents:
        conditions = ", ".join(label(CONDITIONS, c).lower() for c in r.fee_conditions)
        parts.append(
            # TRANSLATORS: one part of the policy's one-line summary, after "; ": lower case
            pgettext("policy summary", "{percent} restocking fee on {conditions} items").format(
                percent=format_percent(r.fee_percent / 100), conditions=conditions
            )
        )
    if r.receipt_required:
        parts.append(_("receipt required"))
    return Decision(**{**d.__dict__, "summary": "; ".join(parts)})
