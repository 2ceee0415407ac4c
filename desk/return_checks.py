"""Checking a new return before anything is written: the same checks on every engine.

`validate_draft(draft)` returns the problems keyed by field ("customer.email",
"lines.0.quantity"), so the window can show each beside its field; desk.returns.add_return
refuses a draft with any.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desk.codes import INITIAL, Channel, Condition, Disposition, Reason, RefundMethod
from desk.i18n.catalog import N_, _
from desk.models import Customer, Return, ReturnLine, StatusChange
from desk.phones import DEFAULT_COUNTRY
from desk.setting_spec import currency as currency_error
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

if TYPE_CHECKING:
    from desk.returns import CustomerDraft, ExchangeDraft, LineDraft, ReturnDraft


def validate_draft(draft: ReturnDraft, *, country: str = DEFAULT_COUNTRY) -> dict[str, str]:
    """Return the problems with `draft`, keyed by field ("customer.email", "lines.0.quantity").

    The same checks on every engine, before anything is written: text lengths from the
    model columns, no control characters, amounts within desk.validation's bounds, a new
    customer's phone read with the shop's `country` (a mobile when SMS is their channel).
    """
    errors: dict[str, str] = {}
    if draft.customer_id is None and draft.new_customer is None:
        errors["customer"] = _("Choose a customer or enter a new one.")
    if draft.new_customer is not None:
        errors.update(_customer_errors(draft.new_customer, country))
    if draft.reason not in set(Reason):
        errors["reason"] = _("Choose the reason for the return.")
    if draft.refund_method not in set(RefundMethod):
        errors["refund_method"] = _("Choose how the customer wants to be refunded.")
    if draft.currency and (problem := currency_error(draft.currency.strip().upper())):
        errors["currency"] = problem
    if draft.status not in INITIAL:
        errors["status"] = _("A new return starts as requested or received.")
    if message := date_error(draft.purchase_date, N_("purchase date")):
        errors["purchase_date"] = message
    errors.update(_texts(draft, _RETURN_TEXTS))
    if not draft.lines:
        errors["lines"] = _("Add at least one returned item.")
    for i, line in enumerate(draft.lines):
        errors.update({f"lines.{i}.{k}": v for k, v in _line_errors(line).items()})
    for i, line in enumerate(draft.exchange_lines):
        errors.update({f"exchange.{i}.{k}": v for k, v in _exchange_errors(line).items()})
    errors.update(_amount_errors(draft, errors))
    if draft.policy_problems and not draft.override_reason.strip():
        errors["override"] = _("The policy is not met: say why you accept this return anyway.")
    return errors


_RETURN_TEXTS = (  # draft field, words, column (None: unbounded), may hold line breaks
    ("reason_text", N_("reason details"), None, True),
    ("purchase_ref", N_("receipt or order number"), Return.__table__.c.purchase_ref, False),
    ("staff", N_("staff name"), StatusChange.__table__.c.staff, False),
    ("note", N_("note"), None, True),
    ("override", N_("reason for the override"), None, True),
)
_LINE_TEXTS = (
    ("sku", N_("SKU"), ReturnLine.__table__.c.sku, False),
    ("description", N_("description"), ReturnLine.__table__.c.description, True),
    ("serial", N_("serial number"), ReturnLine.__table__.c.serial, False),
)
_CUSTOMER_TEXTS = (
    ("name", N_("customer's name"), Customer.__table__.c.name, False),
    ("email", N_("email address"), Customer.__table__.c.email, False),
    ("phone", N_("phone number"), Customer.__table__.c.phone, False),
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
                    line.quantity * line.unit_price_cents, N_("line's value (quantity × price)")
                )
    if not found and not errors:
        total = sum(li.quantity * li.unit_price_cents for li in draft.lines)
        amounts = {
            "lines": (total, N_("return's total")),
            "fee": (draft.fee_cents, N_("restocking fee")),
            "bonus": (draft.bonus_cents, N_("bonus")),
            "settlement": (draft.settlement_cents, N_("exchange's difference")),
        }
        for key, (cents, words) in amounts.items():
            if message := amount_error(cents, words):
                found.setdefault(key, message)
    return found


def _customer_errors(customer: CustomerDraft, country: str) -> dict[str, str]:
    errors = _texts(customer, _CUSTOMER_TEXTS, "customer.")
    if not customer.name.strip():
        errors["customer.name"] = _("Enter the customer's name.")
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
        errors["sku"] = _("Enter the replacement item's SKU.")
    if message := quantity_error(line.quantity):
        errors["quantity"] = message
    if message := price_error(line.unit_price_cents):
        errors["unit_price"] = message
    return errors


def _line_errors(line: LineDraft) -> dict[str, str]:
    errors = _texts(line, _LINE_TEXTS)
    if not line.sku.strip():
        errors["sku"] = _("Enter the item's SKU.")
    if message := quantity_error(line.quantity):
        errors["quantity"] = message
    if message := price_error(line.unit_price_cents):
        errors["unit_price"] = message
    if line.condition not in set(Condition):
        errors["condition"] = _("Choose the item's condition.")
    if line.disposition not in set(Disposition):
        errors["disposition"] = _("Choose what happens to the item.")
    return errors
