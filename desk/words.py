"""The words customers read (messages, the printed sheet, the customer space, the counter
screen), in one customer's language, as read-only nested tables: words("pt_BR")["sheet"]
["text"]["title"], or section("pt_BR", "sheet.text")["title"].

The English words are gettext msgids, translated in the catalogs of desk.i18n.catalog
(resources/locale/<language>/LC_MESSAGES/returndesk.po) with the customer's
`translation(language)`, so a new language is a new catalog and no code. The tables are
built by functions taking that catalog: the messages' words here, the sheet's and the
drop-off points' in desk.instructions.words, the counter screen's in desk.feedback.words,
the customer space's in desk.portal.words. Keys under condition, reason, refund_method,
next_step and dropoff.kind are the stored codes. Staff read their own words through `_()`.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from gettext import NullTranslations
from types import MappingProxyType
from typing import Any

from desk.errors import DeskError
from desk.feedback.words import counter_words
from desk.i18n.catalog import LANGUAGES, _, translation
from desk.instructions.words import dropoff_words, sheet_words
from desk.portal.words import portal_words, tablet_words


def languages() -> tuple[str, ...]:
    """The languages customers can read, such as ("en", "pt_BR")."""
    return LANGUAGES


@cache
def words(language: str) -> Mapping[str, Any]:
    """Every word of `language`, as read-only nested tables: ["sheet"]["text"]["title"].

    Raises DeskError for a language the desk has no catalog for.
    """
    if language not in LANGUAGES:
        raise DeskError(
            _("There are no words in “{language}”; use one of: {languages}.").format(
                language=language, languages=", ".join(LANGUAGES)
            )
        )
    t = translation(language)
    counter = counter_words(t)
    counter["tablet"] = tablet_words(t)
    table = {
        "message": message_words(t),
        "sheet": sheet_words(t),
        "dropoff": dropoff_words(t),
        "counter": counter,
        "portal": portal_words(t),
    }
    return _frozen(table)


def section(language: str, path: str) -> Mapping[str, Any]:
    """One table of `language`'s words by its dotted name, e.g. "sheet.label"."""
    table = words(language)
    for name in path.split("."):
        table = table[name]
    return table


def business_days(language: str, days: int) -> str:
    """A count of business days in `language`: "1 business day", "3 dias úteis"."""
    text = translation(language).ngettext("{days} business day", "{days} business days", days)
    return text.format(days=days)


def message_words(t: NullTranslations) -> dict[str, Any]:
    """The words of the message templates: an item's {{ item.condition }}, the
    {{ return.reason }}, the {{ refund_method }}, and the {{ next_step }} sentence of each
    event (a table by refund method where it depends on it, "*" the fallback; placeholders
    {total} and {days}, a count of business days whose forms for one and for several are
    "business_days"; desk.words.business_days says any count)."""
    return {
        "condition": {
            "unopened": t.gettext("Unopened"),
            "opened": t.gettext("Opened"),
            "damaged": t.gettext("Damaged"),
            "defective": t.gettext("Defective"),
        },
        "reason": {
            "wrong_size": t.gettext("Wrong size or fit"),
            "defective": t.gettext("Defective / does not work"),
            "damaged": t.gettext("Arrived damaged"),
            "not_as_described": t.gettext("Not as described"),
            "wrong_item": t.gettext("Wrong item sent"),
            "changed_mind": t.gettext("Changed mind"),
            "arrived_late": t.gettext("Arrived too late"),
            "other": t.pgettext("return reason", "Other"),
        },
        "refund_method": {
            "original": t.gettext("Original payment method"),
            "store_credit": t.gettext("Store credit"),
            "exchange": t.pgettext("refund method", "Exchange"),
        },
        "business_days": {
            "one": t.ngettext("{days} business day", "{days} business days", 1).format(days=1),
            "other": t.ngettext("{days} business day", "{days} business days", 2),
        },
        "next_step": {
            "acknowledged": t.gettext(
                "Please bring or send the items to us; we will let you know as soon as they arrive."
            ),
            "received": t.gettext(
                "We will check the items and let you know the outcome within a few days."
            ),
            "inspecting": t.gettext("We will write to you again as soon as the check is done."),
            "exchanged": t.gettext(
                "Your replacement is ready: pick it up at the counter whenever suits you."
            ),
            "credited": t.gettext(
                "Your store credit of {total} is ready to use on your next purchase."
            ),
            "rejected": t.gettext(
                "We will keep the items for you to collect at the counter; reply to this "
                "message if you have any questions."
            ),
            "closed": t.gettext("Nothing more is needed from you."),
            "feedback": t.gettext("It takes less than a minute: just reply to this message."),
            "thanks": t.gettext("Show this code at the till on your next visit."),
            "approved": {
                "original": t.gettext(
                    "We will refund {total} to your original payment method; it usually reaches you"
                    " within {days}."
                ),
                "store_credit": t.gettext(
                    "We will add {total} of store credit to your account, ready for your next "
                    "visit."
                ),
                "exchange": t.gettext(
                    "We will get your replacement ready and tell you when you can pick it up."
                ),
            },
            "refunded": {
                "*": t.gettext("Your refund of {total} will reach your card within {days}."),
                "store_credit": t.gettext(
                    "Your store credit of {total} is ready to use right away."
                ),
            },
        },
    }


def _frozen(table: dict[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType({k: _frozen(v) if isinstance(v, dict) else v for k, v in table.items()})
