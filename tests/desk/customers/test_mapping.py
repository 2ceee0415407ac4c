"""Which CSV column fills which customer field: the guess and the --map options."""

import pytest

from desk.customers.mapping import (
    FIELD_KEYS,
    FIELDS,
    describe_mapping,
    guess_mapping,
    has_name,
    mapping_from_options,
    plain_text,
    till_format,
)
from desk.errors import DeskError

HEADER = ["Código", "Nome", "E-mail", "Celular", "Comentário livre"]


@pytest.mark.parametrize(
    ("typed", "plain"),
    [("E-mail ", "e mail"), ("Observações", "observacoes"), ("  Nº  Cliente", "no cliente")],
)
def test_plain_text_drops_case_accents_and_punctuation(typed, plain):
    assert plain_text(typed) == plain


def test_only_the_name_is_required():
    assert [f.key for f in FIELDS if f.required] == ["name"]
    assert FIELD_KEYS[0] == "name" and len(set(FIELD_KEYS)) == len(FIELDS)


def test_squeezed_synonyms_match_and_a_column_serves_one_field():
    assert guess_mapping(["EMail", "Customer", "Client"]) == {"email": 0, "name": 1}


def test_unknown_columns_are_left_out():
    assert guess_mapping(["Colour", "Size"]) == {}


def test_options_by_number_by_name_and_to_leave_out():
    assert guess_mapping(HEADER) == {"external_ref": 0, "name": 1, "email": 2, "phone": 3}
    mapping = mapping_from_options(HEADER, ["external_ref=", "notes=5", "email=E MAIL"])
    assert mapping == {"name": 1, "email": 2, "phone": 3, "notes": 4}


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("colour=1", "is not field=COLUMN; the fields are: name, first_name, last_name, email"),
        ("name", "is not field=COLUMN"),
        ("notes=6", "no such column; use a header name or a number from 1 to 5"),
        ("notes=Remarks", "no such column"),
    ],
)
def test_bad_options_say_what_is_allowed(option, message):
    with pytest.raises(DeskError, match=message):
        mapping_from_options(HEADER, [option])


def test_describe_mapping_in_field_order():
    mapping = {"email": 2, "name": 1}
    assert describe_mapping(HEADER, mapping) == "name ← “Nome”, email ← “E-mail”"


def test_first_and_last_names_give_the_name():
    header = ["Primeiro nome", "Sobrenome", "Telefone", "Telefone 2"]
    mapping = guess_mapping(header)
    assert mapping == {"first_name": 0, "last_name": 1, "phone": 2, "phone_2": 3}
    assert has_name(mapping) and has_name({"last_name": 1}) and not has_name({"email": 0})


def test_a_till_export_is_mapped_by_its_published_names():
    header = ["Customer ID", "First Name", "Last Name", "Email", "Company", "Phone"]
    header += ["Default Address Phone", "Total Spent", "Total Orders", "Note", "Tags", "Loja"]
    assert till_format(header).label == "Shopify customers export"
    assert guess_mapping(header) == {
        "external_ref": 0,
        "first_name": 1,
        "last_name": 2,
        "email": 3,
        "phone": 5,
        "phone_2": 6,
        "lifetime_spend": 7,
        "orders_count": 8,
        "notes": 9,
    }  # "Company" is not the name, "Tags" not a note; "Loja" matches nothing
    assert till_format(["Name", "Phone", "Total Spent"]) is None
