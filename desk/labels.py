"""The words staff read for each stored code (reason, condition, refund method...).

The tables hold the English words, marked for translation: `label(table, code)` gives
them in the desk's language at the moment they are shown (as does `labels_of(table)` for
a whole table), so a table may be read before the desk's language is set. A customer's
own words are desk.words'.
"""

from __future__ import annotations

from collections.abc import Mapping

from desk.codes import Channel, Condition, Disposition, Intake, Reason, RefundMethod, Timeline
from desk.i18n.catalog import N_, _

REASONS: dict[str, str] = {
    Reason.WRONG_SIZE: N_("Wrong size or fit"),
    Reason.DEFECTIVE: N_("Defective / does not work"),
    Reason.DAMAGED: N_("Arrived damaged"),
    Reason.NOT_AS_DESCRIBED: N_("Not as described"),
    Reason.WRONG_ITEM: N_("Wrong item sent"),
    Reason.CHANGED_MIND: N_("Changed mind"),
    Reason.ARRIVED_LATE: N_("Arrived too late"),
    Reason.OTHER: N_("Other"),
}

CONDITIONS: dict[str, str] = {
    Condition.UNOPENED: N_("Unopened"),
    Condition.OPENED: N_("Opened"),
    Condition.DAMAGED: N_("Damaged"),
    Condition.DEFECTIVE: N_("Defective"),
}

DISPOSITIONS: dict[str, str] = {
    Disposition.RESTOCK: N_("Restock"),
    Disposition.REFURBISH: N_("Refurbish"),
    Disposition.RECYCLE: N_("Recycle"),
    Disposition.DONATE: N_("Donate"),
    Disposition.DISCARD: N_("Discard"),
}

REFUND_METHODS: dict[str, str] = {
    RefundMethod.ORIGINAL: N_("Original payment"),
    RefundMethod.STORE_CREDIT: N_("Store credit"),
    RefundMethod.EXCHANGE: N_("Exchange"),
}

INTAKES: dict[str, str] = {
    Intake.COUNTER: N_("At the counter"),
    Intake.MAIL: N_("By mail"),
}

CHANNELS: dict[str, str] = {
    Channel.EMAIL: N_("Email"),
    Channel.SMS: N_("SMS"),
    Channel.PRINT: N_("Print only"),
    Channel.NONE: N_("Do not contact"),
}

TIMELINES: dict[str, str] = {
    Timeline.NO_PREFERENCE: N_("No preference"),
    Timeline.COUNTER: N_("Refund at the counter"),
    Timeline.INSPECTION: N_("After inspection is fine"),
}

LANGUAGES: dict[str, str] = {"en": "English", "pt_BR": "Português (Brasil)"}
"""Each language in its own words (never translated: a reader looks for their own)."""


def label(table: Mapping[str, str], code: str | None) -> str:
    """Return the label of `code` in `table`, in the desk's language (the code itself when
    unknown; "" for None)."""
    if code is None:
        return ""
    words = table.get(code)
    return code if words is None else _(words)


def labels_of(table: Mapping[str, str]) -> dict[str, str]:
    """Every code of `table` with its label in the desk's language, in the table's order
    (what a list of choices shows)."""
    return {code: _(words) for code, words in table.items()}
