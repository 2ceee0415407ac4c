"""The stored codes: each enum's values are distinct, and the labelled ones label every member."""

from __future__ import annotations

import enum

import pytest

from desk import codes
from desk.codes import Event, Status
from desk.i18n.catalog import set_language

ENUMS = [
    value
    for value in vars(codes).values()
    if isinstance(value, type) and issubclass(value, enum.StrEnum) and value is not enum.StrEnum
]


def test_the_module_holds_the_stored_codes():
    assert {e.__name__ for e in ENUMS} == {
        "Status",
        "Channel",
        "RefundMethod",
        "Intake",
        "Reason",
        "Condition",
        "Disposition",
        "Timeline",
        "Event",
        "OutboxState",
        "FeedbackSource",
        "RewardKind",
        "RewardState",
        "BarcodeKind",
        "PriceSource",
    }


@pytest.mark.parametrize("enum_cls", ENUMS, ids=lambda e: e.__name__)
def test_values_are_distinct_text(enum_cls):
    values = [member.value for member in enum_cls]
    assert len(set(values)) == len(values)
    assert all(isinstance(v, str) for v in values)


@pytest.mark.parametrize("enum_cls", [Status, Event], ids=lambda e: e.__name__)
def test_every_member_has_a_distinct_label(enum_cls):
    labels = [member.label for member in enum_cls]
    assert all(labels) and len(set(labels)) == len(labels)
    assert Status.CREDITED.label == "Store credit issued"


def test_status_and_event_labels_come_in_the_desks_language():
    assert Status.CREDITED.label == "Store credit issued"
    set_language("pt_BR")
    assert [s.label for s in (Status.REQUESTED, Status.INSPECTING, Status.CLOSED)] == [
        "Solicitada",
        "Em análise",
        "Encerrada",
    ]
    assert Status.CREDITED.label == "Vale-troca emitido"
    assert Status.CREDITED.english_label == "Store credit issued"
    assert Event.RECEIVED.label == "Item recebido"
    assert all(s.label != s.english_label for s in Status)  # every status has its Portuguese
