"""Message events: what happened to a return that the customer may be told about."""

from __future__ import annotations

import enum

from desk.models import Status


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


def event_for(status: Status | str) -> Event | None:
    """Return the event a move to `status` can tell the customer about, if any."""
    return EVENT_FOR_STATUS.get(Status(status))
