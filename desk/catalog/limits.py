"""What a return may take back from its receipt: at most what was bought, less what
earlier returns took back; never a product marked not returnable.

These are policy problems (desk.policy.intake.with_policy adds them), so staff can still
accept the return with a reason, which the timeline records.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from desk.catalog.lookup import NOT_TAKEN_BACK
from desk.catalog.tables import Product, Sale, SaleLine
from desk.i18n.catalog import _
from desk.i18n.formats import format_number
from desk.models import Return, ReturnLine

if TYPE_CHECKING:
    from desk.returns import ReturnDraft


def _returned(session: Session, sale_line_ids: list[int]) -> Counter[int]:
    rows = session.exec(
        select(ReturnLine.sale_line_id, ReturnLine.quantity)
        .join(Return, col(Return.id) == col(ReturnLine.return_id))
        .where(col(ReturnLine.sale_line_id).in_(sale_line_ids))
        .where(col(Return.status).not_in(NOT_TAKEN_BACK))
    )
    back: Counter[int] = Counter()
    for line_id, quantity in rows:
        back[line_id] += quantity
    return back


def quantity_problems(session: Session, draft: ReturnDraft) -> list[str]:
    """What the draft takes back beyond its receipt: more of a line than is left to
    return, summed over the draft's lines; and products marked not returnable."""
    asked: Counter[int] = Counter()
    for line in draft.lines:
        if line.sale_line_id is not None:
            asked[line.sale_line_id] += line.quantity
    problems = []
    if asked:
        back = _returned(session, list(asked))
        for line_id, quantity in asked.items():
            sold = session.get(SaleLine, line_id)
            if sold is None:
                continue
            left = max(sold.quantity - back[line_id], 0)
            if quantity > left:
                receipt = session.get(Sale, sold.sale_id).receipt
                problems.append(
                    _(
                        "Only {left} of {item} left to return on receipt {receipt} "
                        "({bought} bought, {returned} returned already); {asked} asked."
                    ).format(
                        left=format_number(left),
                        item=sold.sku or sold.description,
                        receipt=receipt,
                        bought=format_number(sold.quantity),
                        returned=format_number(back[line_id]),
                        asked=format_number(quantity),
                    )
                )
    for product_id in {li.product_id for li in draft.lines if li.product_id is not None}:
        product = session.get(Product, product_id)
        if product is not None and not product.returnable:
            problems.append(
                _("{sku} ({name}) is marked not returnable.").format(
                    sku=product.sku, name=product.name
                )
            )
    return problems


def reference_errors(session: Session, draft: ReturnDraft) -> dict[str, str]:
    """The draft's links to the catalogue and sales that do not exist (deleted on
    another desk since the dialog opened), keyed like desk.return_checks."""
    errors: dict[str, str] = {}
    if draft.sale_id is not None and session.get(Sale, draft.sale_id) is None:
        errors["purchase_ref"] = _("This receipt is no longer among the sales; look it up again.")
    for i, line in enumerate(draft.lines):
        if line.product_id is not None and session.get(Product, line.product_id) is None:
            errors[f"lines.{i}.sku"] = _(
                "This product is no longer in the catalogue; type it again."
            )
        if line.sale_line_id is not None and session.get(SaleLine, line.sale_line_id) is None:
            errors[f"lines.{i}.sku"] = _("This receipt line is gone; look the receipt up again.")
    return errors
