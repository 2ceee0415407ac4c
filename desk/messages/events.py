"""Which messages a status change can send (the Event codes live in desk.codes, stored)."""

from __future__ import annotations

from desk.codes import Event, Status

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


FOLLOW_UP_FOR_STATUS: dict[Status, Event] = {Status.CLOSED: Event.FEEDBACK}
"""The later message a status change can schedule: closing a return asks for feedback."""


def follow_up_for(status: Status | str) -> Event | None:
    """Return the event a move to `status` schedules for later (the feedback request), if any."""
    return FOLLOW_UP_FOR_STATUS.get(Status(status))
