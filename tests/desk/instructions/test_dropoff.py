"""Drop-off points: create, edit, validate, deactivate and pick by kind, on a real SQLite file."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from desk.errors import NotFound, ValidationError
from desk.i18n.catalog import set_language
from desk.instructions.dropoff import (
    DropOffDraft,
    Kind,
    accepts_text,
    list_points,
    load_point,
    load_points,
    localize_goods,
    localize_hours,
    points_for,
    save_dropoff_point,
    save_point,
    set_active,
    set_dropoff_active,
)
from desk.models import DropOffPoint


def point(**changes) -> DropOffDraft:
    values = dict(
        name="Ecoponto Vila Mariana",
        address="Rua Dr. Fabrício Vampré 120, São Paulo",
        hours="Mon–Sat 6:00–22:00",
        accepts_recycling=True,
        categories="electronics, batteries",
    )
    values.update(changes)
    return DropOffDraft(**values)


def count(session) -> int:
    return session.exec(select(func.count()).select_from(DropOffPoint)).one()


def test_create_strips_and_stores_everything(db):
    saved = save_dropoff_point(db, point(name="  Ecoponto  ", notes=" Ring the bell "))
    with db.session() as session:
        stored = session.get(DropOffPoint, saved.id)
    assert stored.name == "Ecoponto"
    assert stored.notes == "Ring the bell"
    assert stored.address == "Rua Dr. Fabrício Vampré 120, São Paulo"
    assert stored.accepts_recycling and not stored.accepts_reuse and not stored.accepts_donation
    assert stored.active is True
    assert stored.created_at is not None
    assert accepts_text(stored) == "Recycling"
    assert accepts_text(stored, "pt_BR") == "Reciclagem"


def test_new_points_go_last(db):
    with db.session() as session:
        first = save_point(session, point(name="A"))
        second = save_point(session, point(name="B"))
        third = save_point(session, point(name="C", position=0))
        assert (first.position, second.position, third.position) == (0, 1, 0)
        assert [p.name for p in list_points(session)] == ["A", "C", "B"]


def test_update_by_id_keeps_created_at_and_position(db):
    with db.session() as session:
        saved = save_point(session, point())
        save_point(session, point(name="Other"))
        edited = DropOffDraft.from_point(saved)
        edited.name = "Ecoponto Pinheiros"
        edited.accepts_donation = True
        edited.position = None
        updated = save_point(session, edited)
        assert count(session) == 2
    assert updated.id == saved.id
    assert updated.name == "Ecoponto Pinheiros"
    assert updated.accepts_donation
    assert updated.position == saved.position
    assert updated.created_at == saved.created_at


@pytest.mark.parametrize(
    ("changes", "keys"),
    [
        (dict(name="  "), {"name"}),
        (dict(address=""), {"address"}),
        (dict(name="", address=" \n "), {"name", "address"}),
        (dict(position=-1), {"position"}),
        (dict(name="x" * 201), {"name"}),
        (dict(hours="9\x00-18", notes="bad\x00"), {"hours", "notes"}),
        (dict(position=2**40), {"position"}),
    ],
)
def test_invalid_points_are_refused_with_field_keys(db, changes, keys):
    with db.session() as session:
        with pytest.raises(ValidationError) as caught:
            save_point(session, point(**changes))
        assert set(caught.value.errors) == keys
        assert count(session) == 0


def test_invalid_edit_changes_nothing(db):
    saved = save_dropoff_point(db, point())
    with pytest.raises(ValidationError):
        save_dropoff_point(db, point(id=saved.id, name=""))
    with db.session() as session:
        assert session.get(DropOffPoint, saved.id).name == "Ecoponto Vila Mariana"


def test_staff_read_the_refusals_in_the_desks_language(db):
    set_language("pt_BR")
    with db.session() as session:
        with pytest.raises(ValidationError) as caught:
            save_point(session, point(name="", address=""))
        assert caught.value.errors == {
            "name": "Digite o nome do ponto de coleta.",
            "address": "Digite o endereço, para os clientes encontrarem o ponto.",
        }
        with pytest.raises(NotFound, match="Não há ponto de coleta 999"):
            save_point(session, point(id=999))


def test_editing_a_missing_point_says_so(db):
    with db.session() as session, pytest.raises(NotFound):
        save_point(session, point(id=999))


def test_deactivate_keeps_the_point_and_reactivate_brings_it_back(db):
    with db.session() as session:
        saved = save_point(session, point())
        other = save_point(
            session, point(name="Bazar", accepts_recycling=False, accepts_donation=True)
        )
        off = set_active(session, saved.id, False)
        assert off.active is False
        assert count(session) == 2
        assert [p.id for p in list_points(session)] == [other.id]
        assert [p.id for p in list_points(session, active_only=False)] == [saved.id, other.id]
        assert points_for(session, {"recycling"}) == []
        assert set_active(session, saved.id, True).active is True
        assert [p.id for p in points_for(session, {"recycling"})] == [saved.id]
    with db.session() as session, pytest.raises(NotFound):
        set_active(session, 999, False)


def test_points_for_any_of_the_kinds_in_order(db):
    with db.session() as session:
        recycling = save_point(session, point(name="Recycling"))
        donation = save_point(
            session, point(name="Donation", accepts_recycling=False, accepts_donation=True)
        )
        reuse = save_point(
            session, point(name="Repair café", accepts_recycling=False, accepts_reuse=True)
        )
        both = save_point(session, point(name="Both", accepts_donation=True))
        names = lambda kinds: [p.name for p in points_for(session, kinds)]  # noqa: E731
        assert names({Kind.RECYCLING}) == ["Recycling", "Both"]
        assert names({"donation"}) == ["Donation", "Both"]
        assert names({"reuse", "donation"}) == ["Donation", "Repair café", "Both"]
        assert names(set()) == []
        assert {p.id for p in points_for(session, set(Kind))} == {
            recycling.id,
            donation.id,
            reuse.id,
            both.id,
        }


def test_demo_adds_points_only_when_there_are_none(db):
    from desk.demo.content import DEMO_DROPOFF_POINTS
    from desk.demo.seed import seed_demo

    seed_demo(db, returns=3)
    seed_demo(db, returns=3)
    with db.session() as session:
        points = list_points(session)
    assert [p.name for p in points] == [p["name"] for p in DEMO_DROPOFF_POINTS]
    assert [p.position for p in points] == list(range(len(points)))


def test_demo_leaves_the_shops_own_points_alone(db):
    from desk.demo.seed import seed_demo

    save_dropoff_point(db, point(name="Our own point"))
    seed_demo(db, returns=3)
    with db.session() as session:
        assert [p.name for p in list_points(session)] == ["Our own point"]


def test_the_helpers_flush_and_leave_the_commit_to_their_caller(db):
    with db.session() as session:
        kept = save_point(session, point(name="Kept"))
        session.commit()
        save_point(session, point(name="Dropped"))
        set_active(session, kept.id, False)
        assert count(session) == 2  # flushed: the session sees both
        session.rollback()
    with db.session() as session:
        assert [(p.name, p.active) for p in list_points(session, active_only=False)] == [
            ("Kept", True)
        ]


def test_the_services_commit_one_user_action_each(db):
    first = save_dropoff_point(db, point(name="First"))
    second = save_dropoff_point(db, point(name="Second"))
    assert set_dropoff_active(db, first.id, False).active is False
    assert [p.name for p in load_points(db)] == ["First", "Second"]
    assert [p.name for p in load_points(db, active_only=True)] == ["Second"]
    assert load_point(db, second.id).name == "Second"
    with pytest.raises(NotFound):
        load_point(db, 999)
    with pytest.raises(NotFound):
        set_dropoff_active(db, 999, True)


@pytest.mark.parametrize(
    ("typed", "pt_br"),
    [
        ("Mon–Sat 6:00–22:00, Sun 6:00–18:00", "Seg–Sáb 6:00–22:00, Dom 6:00–18:00"),
        ("First Saturday of the month, 10:00–14:00", "Primeiro sábado do mês, 10:00–14:00"),
        ("Every day 10:00–22:00", "Todos os dias 10:00–22:00"),
        ("Sun and holidays closed", "Dom e feriados fechado"),
        ("Closed on Mondays", "Fechado em Segundas"),
        ("Tue–Sat 9:00–17:00 (ring the bell)", "Ter–Sáb 9:00–17:00 (ring the bell)"),  # as typed
    ],
)
def test_the_day_names_the_app_knows_are_said_in_the_sheets_language(typed, pt_br):
    assert localize_hours(typed, "pt_BR") == pt_br
    assert localize_hours(pt_br, "en").split("(")[0] == typed.split("(")[0]
    assert localize_hours(typed, "en") == typed


def test_the_goods_the_app_knows_are_named_in_the_sheets_language():
    typed = "electronics, batteries, plastic packaging, old sofas"
    said = localize_goods(typed, "pt_BR")
    assert said == "eletrônicos, pilhas e baterias, embalagens plásticas, old sofas"
    assert localize_goods("Clothes, shoes", "pt_BR") == "Roupas, calçados"
    assert localize_goods("", "pt_BR") == ""
    assert localize_goods("pilhas e baterias, papelão", "en") == "batteries, cardboard"
