"""Message events: what happened to a return that the customer may be told about."""

from __future__ import annotations

import enum

from desk.settings import NOTIFY_CHOICES, SettingSpec, register
from desk.workflow import Status


class Event(enum.StrEnum):
    """A moment in a return's life that has a message template."""

    ACKNOWLEDGED = "acknowledged"
    RECEIVED = "received"
    INSPECTING = "inspecting"
    APPROVED = "approved"
    REFUNDED = "refunded"
    EXCHANGED = "exchanged"
    CREDITED = "credited"
    REJECTED = "rejected"
    CLOSED = "closed"
    FEEDBACK = "feedback"

    @property
    def label(self) -> str:
        """The name staff read."""
        return EVENT_LABELS[self]


EVENT_LABELS: dict[Event, str] = {
    Event.ACKNOWLEDGED: "Return request acknowledged",
    Event.RECEIVED: "Item received",
    Event.INSPECTING: "Inspection started",
    Event.APPROVED: "Return approved",
    Event.REFUNDED: "Refund issued",
    Event.EXCHANGED: "Exchange ready",
    Event.CREDITED: "Store credit issued",
    Event.REJECTED: "Return rejected",
    Event.CLOSED: "Return closed",
    Event.FEEDBACK: "Feedback request",
}

EVENT_FOR_STATUS: dict[Status, Event] = {
    Status.REQUESTED: Event.ACKNOWLEDGED,
    Status.RECEIVED: Event.RECEIVED,
    Status.INSPECTING: Event.INSPECTING,
    Status.APPROVED: Event.APPROVED,
    Status.REFUNDED: Event.REFUNDED,
    Status.EXCHANGED: Event.EXCHANGED,
    Status.CREDITED: Event.CREDITED,
    Status.REJECTED: Event.REJECTED,
    Status.CLOSED: Event.CLOSED,
}
"""The message a status change can send (a cancelled return sends none)."""

_DEFAULT_NOTIFY = {
    Event.ACKNOWLEDGED: "ask",
    Event.RECEIVED: "ask",
    Event.INSPECTING: "off",
    Event.APPROVED: "ask",
    Event.REFUNDED: "ask",
    Event.EXCHANGED: "ask",
    Event.CREDITED: "ask",
    Event.REJECTED: "ask",
    Event.CLOSED: "off",
    Event.FEEDBACK: "ask",
}


def notify_key(event: Event | str) -> str:
    """The setting that says whether `event` is off, offered, or sent automatically."""
    return f"notify.{Event(event).value}"


def event_for(status: Status | str) -> Event | None:
    """Return the event a move to `status` can tell the customer about, if any."""
    return EVENT_FOR_STATUS.get(Status(status))


for _event, _default in _DEFAULT_NOTIFY.items():
    register(
        SettingSpec(
            notify_key(_event),
            str,
            _default,
            f"Notify: {_event.label}",
            choices=NOTIFY_CHOICES,
            help="off: never offered; ask: offered, ticked; auto: always sent",
        )
    )
