"""The status graph and the transition service, on a real SQLite file."""

from __future__ import annotations

from collections import deque

import pytest
from sqlmodel import func, select

from desk.codes import INITIAL, TRANSITIONS, Status
from desk.errors import DeskError, NotFound
from desk.models import Return, StatusChange
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, save_return
from desk.workflow import (
    NOTE_REQUIRED,
    IllegalTransition,
    NoteRequired,
    StaleVersion,
    check_transition,
    parse_status,
    transition,
)

ALLOWED = [(source, target) for source, targets in TRANSITIONS.items() for target in targets]
FORBIDDEN_SAMPLE = [
    (Status.RECEIVED, Status.CLOSED),
    (Status.REQUESTED, Status.REFUNDED),
    (Status.REQUESTED, Status.APPROVED),
    (Status.INSPECTING, Status.REFUNDED),
    (Status.APPROVED, Status.CLOSED),
    (Status.APPROVED, Status.REJECTED),
    (Status.CANCELLED, Status.RECEIVED),
    (Status.REFUNDED, Status.EXCHANGED),
    *[(Status.CLOSED, target) for target in Status],
]


def path_to(status: Status) -> tuple[Status, list[Status]]:
    """Return a starting status for a new return and the shortest moves to `status`."""
    queue = deque((start, start, []) for start in INITIAL)
    seen = set(INITIAL)
    while queue:
        start, current, steps = queue.popleft()
        if current == status:
            return start, steps
        for target in TRANSITIONS[current]:
            if target not in seen:
                seen.add(target)
                queue.append((start, target, [*steps, target]))
    raise AssertionError(f"{status} cannot be reached from {INITIAL}")


def note_for(status: Status) -> str:
    return "Needed a reason." if status in NOTE_REQUIRED else ""


def new_return(session, status: Status = Status.RECEIVED) -> Return:
    draft = ReturnDraft(
        reason="defective",
        status=status.value,
        new_customer=CustomerDraft(name="Ana Silva", email="ana@example.com"),
        lines=[LineDraft(sku="SHOE-42", quantity=1, unit_price_cents=4999)],
    )
    return save_return(session=session, draft=draft)


def return_in(session, status: Status) -> Return:
    """Create a return and walk it along legal moves until it is in `status`."""
    start, steps = path_to(status)
    ret = new_return(session, start)
    for step in steps:
        ret = transition(
            session=session,
            return_id=ret.id,
            to=step,
            expected_version=ret.version,
            note=note_for(step),
        ).ret
    assert ret.status == status
    return ret


def changes(session, return_id: int) -> list[StatusChange]:
    return list(
        session.exec(
            select(StatusChange)
            .where(StatusChange.return_id == return_id)
            .order_by(StatusChange.id)
        ).all()
    )


def test_every_status_is_reachable():
    for status in Status:
        start, steps = path_to(status)
        walk = [start, *steps]
        assert walk[-1] == status
        assert all(b in TRANSITIONS[a] for a, b in zip(walk, walk[1:], strict=False)), walk


@pytest.mark.parametrize(("source", "target"), ALLOWED, ids=lambda s: s.value)
def test_allowed_transition(db, source, target):
    with db.session() as session:
        ret = return_in(session, source)
        before = ret.version
        history = len(changes(session, ret.id))

        result = transition(
            session=session,
            return_id=ret.id,
            to=target,
            expected_version=before,
            staff="  Ann ",
            note=f" {note_for(target) or 'ok'} ",
        )

        assert result.ret.status == target
        assert result.ret.version == before + 1
        assert result.change.from_status == source.value
        assert result.change.to_status == target.value
    with db.session() as session:
        stored = session.get(Return, ret.id)
        assert stored.status == target.value
        assert stored.version == before + 1
        rows = changes(session, ret.id)
        assert len(rows) == history + 1
        last = rows[-1]
        assert (last.from_status, last.to_status) == (source.value, target.value)
        assert last.staff == "Ann"
        assert last.note == (note_for(target) or "ok")


@pytest.mark.parametrize(
    ("source", "target"), FORBIDDEN_SAMPLE, ids=lambda s: s.value if isinstance(s, Status) else s
)
def test_forbidden_transition_changes_nothing(db, source, target):
    with db.session() as session:
        ret = return_in(session, source)
        version, history = ret.version, len(changes(session, ret.id))
        with pytest.raises(IllegalTransition) as caught:
            transition(
                session=session,
                return_id=ret.id,
                to=target,
                expected_version=version,
                note="a note, so only the graph can refuse",
            )
    message = str(caught.value)
    assert source.label.lower() in message
    assert target.label.lower() in message
    with db.session() as session:
        stored = session.get(Return, ret.id)
        assert (stored.status, stored.version) == (source.value, version)
        assert len(changes(session, ret.id)) == history


def test_illegal_message_lists_what_is_allowed():
    with pytest.raises(IllegalTransition) as caught:
        check_transition(Status.RECEIVED, Status.CLOSED)
    message = str(caught.value)
    assert message.startswith("A received return cannot be moved to closed")
    for allowed in TRANSITIONS[Status.RECEIVED]:
        assert allowed.label in message


def test_illegal_message_from_a_final_status():
    with pytest.raises(IllegalTransition, match="it is final"):
        check_transition(Status.CANCELLED, Status.RECEIVED)


def test_every_pair_outside_the_table_is_refused():
    for source in Status:
        for target in Status:
            if target in TRANSITIONS[source]:
                check_transition(source, target, note="why")
            else:
                with pytest.raises(IllegalTransition):
                    check_transition(source, target, note="why")


def test_stale_version_changes_nothing(db):
    with db.session() as session:
        ret = new_return(session)
        with pytest.raises(StaleVersion, match=ret.number):
            transition(session=session, return_id=ret.id, to=Status.INSPECTING, expected_version=7)
    with db.session() as session:
        stored = session.get(Return, ret.id)
        assert (stored.status, stored.version) == ("received", 1)
        assert len(changes(session, ret.id)) == 1


def test_stale_when_another_session_moved_it_first(db):
    """A session holding an old copy of the return loses the race and records nothing."""
    with db.session() as first:
        ret = new_return(first)
    with db.session() as slow, db.session() as fast:
        assert slow.get(Return, ret.id).version == 1  # the slow window read it
        transition(session=fast, return_id=ret.id, to=Status.REFUNDED, expected_version=1)
        with pytest.raises(StaleVersion, match="now refunded"):
            transition(session=slow, return_id=ret.id, to=Status.APPROVED, expected_version=1)
    with db.session() as session:
        stored = session.get(Return, ret.id)
        assert (stored.status, stored.version) == ("refunded", 2)
        assert [c.to_status for c in changes(session, ret.id)] == ["received", "refunded"]


@pytest.mark.parametrize("target", list(NOTE_REQUIRED), ids=lambda s: s.value)
@pytest.mark.parametrize("note", ["", "   "])
def test_note_required(db, target, note):
    with db.session() as session:
        ret = new_return(session)
        with pytest.raises(NoteRequired) as caught:
            transition(session=session, return_id=ret.id, to=target, expected_version=1, note=note)
    assert str(caught.value) == NOTE_REQUIRED[target]
    with db.session() as session:
        assert session.get(Return, ret.id).version == 1
        assert len(changes(session, ret.id)) == 1


@pytest.mark.parametrize("target", list(NOTE_REQUIRED), ids=lambda s: s.value)
def test_note_given_passes(db, target):
    with db.session() as session:
        ret = new_return(session)
        result = transition(
            session=session,
            return_id=ret.id,
            to=target,
            expected_version=1,
            note="Customer changed their mind",
        )
    assert result.ret.status == target
    assert result.change.note == "Customer changed their mind"


def test_unknown_return_id(db):
    with db.session() as session:
        with pytest.raises(NotFound, match="4242"):
            transition(session=session, return_id=4242, to=Status.RECEIVED, expected_version=1)
        assert session.exec(select(func.count()).select_from(StatusChange)).one() == 0


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("received", Status.RECEIVED),
        ("  REFUNDED ", Status.REFUNDED),
        ("credited", Status.CREDITED),
        ("Store credit issued", Status.CREDITED),
        ("store CREDIT issued", Status.CREDITED),
        ("Cancelled", Status.CANCELLED),
    ],
)
def test_parse_status_accepts_names_and_labels(typed, expected):
    assert parse_status(typed) is expected


def test_a_portuguese_desk_takes_its_own_labels_and_the_english_ones():
    from desk.i18n.catalog import set_language

    set_language("pt_BR")
    assert parse_status("encerrada") is Status.CLOSED
    assert parse_status("Vale-troca emitido") is Status.CREDITED
    assert parse_status("Closed") is Status.CLOSED and parse_status("closed") is Status.CLOSED
    with pytest.raises(DeskError, match="^Situação desconhecida “fechada”; use uma destas: "):
        parse_status("fechada")


@pytest.mark.parametrize("typed", ["", "closedd", "refund", "store credit", "42", "open"])
def test_parse_status_rejects_junk(typed):
    with pytest.raises(DeskError) as caught:
        parse_status(typed)
    assert "requested" in str(caught.value)
    assert "cancelled" in str(caught.value)


def test_only_settled_or_rejected_returns_reach_closed():
    sources = {source for source, target in ALLOWED if target == Status.CLOSED}
    assert sources == {Status.REFUNDED, Status.EXCHANGED, Status.CREDITED, Status.REJECTED}


def test_final_statuses_lead_nowhere():
    assert TRANSITIONS[Status.CLOSED] == ()
    assert TRANSITIONS[Status.CANCELLED] == ()
    assert set(TRANSITIONS) == set(Status)


def test_the_graph_is_the_agreed_one():
    """The whole table, spelled out: a change to the rules must change this test too."""
    expected = {
        "requested": {"received", "cancelled"},
        "received": {
            "inspecting",
            "approved",
            "rejected",
            "refunded",
            "exchanged",
            "credited",
            "cancelled",
        },
        "inspecting": {"approved", "rejected"},
        "approved": {"refunded", "exchanged", "credited"},
        "rejected": {"closed"},
        "refunded": {"closed"},
        "exchanged": {"closed"},
        "credited": {"closed"},
        "closed": set(),
        "cancelled": set(),
    }
    actual = {source.value: {t.value for t in targets} for source, targets in TRANSITIONS.items()}
    assert actual == expected


@pytest.mark.parametrize(
    ("staff", "note", "errors"),
    [
        ("A" * 101, "", {"staff": "The staff name is too long (101 characters); use at most 100."}),
        (
            "Ann",
            "bad\x00note",
            {"note": "The note contains an invisible character (NUL); retype it."},
        ),
    ],
)
def test_a_staff_name_or_note_the_database_cannot_hold_is_refused(db, staff, note, errors):
    from desk.errors import ValidationError

    with db.session() as session:
        ret = return_in(session, Status.RECEIVED)
        with pytest.raises(ValidationError) as caught:
            transition(
                session=session,
                return_id=ret.id,
                to=Status.INSPECTING,
                expected_version=ret.version,
                staff=staff,
                note=note,
            )
    assert caught.value.errors == errors
    with db.session() as session:
        assert session.get(Return, ret.id).status == Status.RECEIVED


def test_a_change_back_along_an_edge_is_an_undo_and_every_move_is_a_move():
    from desk.workflow import ChangeKind, change_kind

    for source, targets in TRANSITIONS.items():
        for target in targets:
            move = StatusChange(return_id=1, from_status=source, to_status=target)
            back = StatusChange(return_id=1, from_status=target, to_status=source)
            assert change_kind(move) == ChangeKind.MOVE
            assert change_kind(back) == ChangeKind.UNDO  # the graph has no cycle
    assert change_kind(StatusChange(return_id=1, to_status=Status.RECEIVED)) == ChangeKind.MOVE


def test_undoing_goes_back_only_along_the_last_change(db):
    from desk.workflow import IllegalTransition, apply_transition

    with db.session() as session:
        ret = save_return(
            session=session,
            draft=ReturnDraft(
                reason="defective",
                lines=[LineDraft(sku="A-1", unit_price_cents=100)],
                new_customer=CustomerDraft(name="Ana"),
            ),
        )
        moved = apply_transition(session=session, return_id=ret.id, to="refunded",
                                 expected_version=1)  # fmt: skip
        with pytest.raises(IllegalTransition):
            apply_transition(session=session, return_id=ret.id, to="requested",
                             expected_version=2, undoing=moved.change)  # fmt: skip
        back = apply_transition(session=session, return_id=ret.id, to="received",
                                expected_version=2, undoing=moved.change)  # fmt: skip
        assert back.ret.status == "received" and back.ret.version == 3
