"""What staff read in the Settings dialog for a setting's codes and the policy grid's heads.

Marked with N_ where declared, translated by the functions here when shown.
"""

from __future__ import annotations

from desk.i18n.catalog import LANGUAGE_NAMES, N_, _, pgettext
from desk.setting_spec import SettingSpec
from desk.settings import FEEDBACK_REQUEST_WHEN, REWARD_KIND

CHOICE_WORDS = {
    "starttls": N_("STARTTLS (port 587)"),
    "ssl": N_("SSL/TLS (port 465)"),
    "none": N_("None (not encrypted)"),
    "off": N_("Off (never sent)"),
    "ask": N_("Ask (offered, ticked)"),
    "auto": N_("Auto (always sent)"),
    "yes": N_("yes"),
    "no": N_("no"),
}
"""What staff read for a choice code (marked: shown through _()); a language is named in
its own words (desk.i18n.catalog.LANGUAGE_NAMES), another code is shown as it is."""

SETTING_CHOICE_WORDS = {
    FEEDBACK_REQUEST_WHEN: {
        "now": N_("At once"),
        "hours": N_("After the hours below"),
        "next_morning": N_("The next morning at 10:00"),
    },
    REWARD_KIND: {
        "off": N_("No reward"),
        "percent": N_("A percentage off the next purchase"),
        "amount": N_("A fixed amount off the next purchase"),
    },
}
"""Words for the codes of one setting, where the shared words above would mislead."""

RULE_CAPTIONS = {
    "window_days": N_("Return window (days)"),
    "refund_methods": N_("Refund methods allowed"),
    "fee_percent": N_("Restocking fee (%)"),
    "fee_conditions": N_("Fee applies to items that are"),
    "counter_refund": N_("Refund at the counter allowed"),
    "receipt_required": N_("Receipt required"),
}
"""The caption of each per-segment rule's row of the policy grid (desk.policy.settings)."""


def choice_words(spec: SettingSpec, code: str) -> str:
    """What staff read for the choice `code` of setting `spec`, in the desk's language."""
    if code in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[code]
    words = SETTING_CHOICE_WORDS.get(spec, CHOICE_WORDS)
    return _(words[code]) if code in words else code


def segment_title(segment) -> str:
    """A kind of customer as the policy grid's column heads name it ("Loyal")."""
    titles = {
        "new": pgettext("kind of customer", "New"),
        "occasional": pgettext("kind of customer", "Occasional"),
        "loyal": pgettext("kind of customer", "Loyal"),
        "frequent": pgettext("kind of customer", "Frequent returner"),
    }
    return titles.get(segment.value, segment.value)
