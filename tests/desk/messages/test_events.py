"""Message events: which status change may tell the customer what."""

import pytest

from desk.codes import Event, Status
from desk.messages.events import event_for, follow_up_for


def test_every_event_has_the_name_staff_read():
    assert all(event.label for event in Event)  # a missing name raises KeyError
    assert Event.CREDITED.label == "Store credit issued"


@pytest.mark.parametrize("status", [s for s in Status if s is not Status.CANCELLED])
def test_each_status_but_cancelled_has_its_event(status):
    event = event_for(status)
    assert event is not None and event_for(status.value) is event
    assert event is (Event.ACKNOWLEDGED if status is Status.REQUESTED else Event(status.value))


def test_a_cancelled_return_sends_nothing_and_feedback_is_no_status():
    assert event_for(Status.CANCELLED) is None
    assert Event.FEEDBACK not in {event_for(s) for s in Status}


def test_an_unknown_status_is_refused():
    with pytest.raises(ValueError):
        event_for("frozen")


def test_only_closing_schedules_the_feedback_request():
    assert follow_up_for(Status.CLOSED) is Event.FEEDBACK
    assert follow_up_for("closed") is Event.FEEDBACK
    assert {follow_up_for(s) for s in Status if s is not Status.CLOSED} == {None}
