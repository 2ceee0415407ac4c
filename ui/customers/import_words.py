"""What the customer import says after a check and after an import, in the desk's language
(rich text: the counts in bold)."""

from __future__ import annotations

from desk.customers.import_plan import ImportPlan
from desk.customers.imports import ImportReport, erased_line
from desk.i18n.catalog import _, ngettext
from desk.i18n.formats import format_number


def check_summary(plan: ImportPlan) -> str:
    """What importing `plan` would do: "1 new customer · 2 rows merged (…) · …"."""
    updated = sum(1 for m in plan.merge if m.changes)
    merged = plan.merged_rows
    if updated:
        merged_text = ngettext(
            "{n} row merged (same email or phone as a known customer or an earlier row; {updated})",
            "{n} rows merged (same email or phone as a known customer or an earlier row; "
            "{updated})",
            merged,
        )
        known = ngettext("{n} known customer updated", "{n} known customers updated", updated)
    else:
        merged_text = ngettext(
            "{n} row merged (same email or phone as a known customer or an earlier row)",
            "{n} rows merged (same email or phone as a known customer or an earlier row)",
            merged,
        )
    rejected = len(plan.rejected)
    if rejected:
        rejected_text = ngettext(
            "{n} row rejected, listed below: it will be left out",
            "{n} rows rejected, listed below: they will be left out",
            rejected,
        )
    else:
        rejected_text = _("no rows rejected")  # 0 in words of its own, not "0 linha"
    created = ngettext("{n} new customer", "{n} new customers", plan.created)
    if not merged:
        merged_text = _("no rows merged")
    parts = [
        (created if plan.created else _("no new customers")).format(n=_bold(plan.created)),
        merged_text.format(
            n=_bold(merged), updated=known.format(n=format_number(updated)) if updated else ""
        ),
        rejected_text.format(n=_bold(rejected)),
    ]
    if plan.left_out:
        left = len(plan.left_out)
        parts.append(
            ngettext(
                "{n} bad email or phone left out", "{n} bad emails or phones left out", left
            ).format(n=_bold(left))
        )
    if plan.erased:
        parts.append(erased_line(plan.erased).rstrip("."))
    return _("{parts}. Press Import to save.").format(parts=" · ".join(parts))


def done_summary(report: ImportReport) -> str:
    """What an import did: "Done: 3 created, 1 merged, 0 rejected."."""
    return _("Done: {created} created, {merged} merged, {rejected} rejected.").format(
        created=_bold(report.created),
        merged=_bold(report.merged),
        rejected=_bold(report.rejected),
    )


def _bold(count: int) -> str:
    return f"<b>{format_number(count)}</b>"
