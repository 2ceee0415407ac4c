"""The words staff read for each stored code (reason, condition, refund method...)."""

from __future__ import annotations

from collections.abc import Mapping

from desk.codes import Channel, Condition, Disposition, Intake, Reason, RefundMethod, Timeline

REASONS: dict[str, str] = {
    Reason.WRONG_SIZE: "Wrong size or fit",
    Reason.DEFECTIVE: "Defective / does not work",
    Reason.DAMAGED: "Arrived damaged",
    Reason.NOT_AS_DESCRIBED: "Not as described",
    Reason.WRONG_ITEM: "Wrong item sent",
    Reason.CHANGED_MIND: "Changed mind",
    Reason.ARRIVED_LATE: "Arrived too late",
    Reason.OTHER: "Other",
}

CONDITIONS: dict[str, str] = {
    Condition.UNOPENED: "Unopened",
    Condition.OPENED: "Opened",
    Condition.DAMAGED: "Damaged",
    Condition.DEFECTIVE: "Defective",
}

DISPOSITIONS: dict[str, str] = {
    Disposition.RESTOCK: "Restock",
    Disposition.REFURBISH: "Refurbish",
    Disposition.RECYCLE: "Recycle",
    Disposition.DONATE: "Donate",
    Disposition.DISCARD: "Discard",
}

REFUND_METHODS: dict[str, str] = {
    RefundMethod.ORIGINAL: "Original payment",
    RefundMethod.STORE_CREDIT: "Store credit",
    RefundMethod.EXCHANGE: "Exchange",
}

INTAKES: dict[str, str] = {
    Intake.COUNTER: "At the counter",
    Intake.MAIL: "By mail",
}

CHANNELS: dict[str, str] = {
    Channel.EMAIL: "Email",
    Channel.SMS: "SMS",
    Channel.PRINT: "Print only",
    Channel.NONE: "Do not contact",
}

TIMELINES: dict[str, str] = {
    Timeline.NO_PREFERENCE: "No preference",
    Timeline.COUNTER: "Refund at the counter",
    Timeline.INSPECTION: "After inspection is fine",
}

LANGUAGES: dict[str, str] = {"en": "English", "pt_BR": "Português (Brasil)"}


def label(table: Mapping[str, str], code: str | None) -> str:
    """Return the label of `code` in `table`, or the code itself when unknown."""
    if code is None:
        return ""
    return table.get(code, code)
