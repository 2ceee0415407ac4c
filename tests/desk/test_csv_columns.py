"""Header matching shared by the imports: plain names, synonyms, till formats, --map."""

import pytest

from desk.csv_columns import (
    TillFormat,
    apply_options,
    describe_columns,
    format_columns,
    guess_columns,
    plain_text,
    recognise,
)
from desk.errors import DeskError

SHOPIFY = TillFormat(
    name="Shopify orders export",
    source="shopify",
    signature=("Name", "Lineitem quantity", "Lineitem name"),
    columns={"receipt": ("Name",), "description": ("Lineitem name",), "sku": ("Lineitem sku",)},
)
GENERIC = TillFormat(name="Orders", source="csv", signature=("Name",), columns={"x": ("Name",)})


def test_plain_text_ignores_case_accents_and_punctuation():
    assert plain_text(" Código-do  CLIENTE ") == "codigo do cliente"
    assert plain_text("E‑mail") == plain_text("e mail") == "e mail"


def test_guess_takes_the_first_free_column_per_field_in_order():
    header = ["Descrição", "SKU", "Preço", "Código"]
    synonyms = {"sku": ("codigo", "sku"), "code": ("codigo",), "name": ("descricao",)}
    assert guess_columns(header, synonyms) == {"sku": 1, "code": 3, "name": 0}


def test_a_till_format_is_recognised_by_its_signature_the_longest_winning():
    header = ["Name", "Email", "Lineitem quantity", "Lineitem name", "Lineitem SKU"]
    assert recognise(header, [GENERIC, SHOPIFY]) is SHOPIFY
    assert recognise(["Name", "Total"], [GENERIC, SHOPIFY]) is GENERIC
    assert recognise(["Receipt"], [GENERIC, SHOPIFY]) is None
    assert format_columns(header, SHOPIFY) == {"receipt": 0, "description": 3, "sku": 4}


def test_a_formats_columns_are_taken_in_its_order_of_preference():
    till = TillFormat("Orders", "csv", ("Name",), {"sold_at": ("Created at", "Paid at")})
    assert format_columns(["Name", "Paid at", "Created at"], till) == {"sold_at": 2}
    assert format_columns(["Name", "Paid at"], till) == {"sold_at": 1}


def test_options_override_remove_or_are_refused_in_words():
    header = ["Cupom", "Item", "Qtd"]
    mapping = apply_options(header, {"receipt": 0}, ["sku=Item", "quantity=3", "receipt="], KEYS)
    assert mapping == {"sku": 1, "quantity": 2}
    assert describe_columns(header, mapping, KEYS) == "sku ← “Item”, quantity ← “Qtd”"
    with pytest.raises(DeskError, match="the fields are: receipt, sku, quantity"):
        apply_options(header, {}, ["colour=1"], KEYS)
    with pytest.raises(DeskError, match="a number from 1 to 3"):
        apply_options(header, {}, ["sku=Nope"], KEYS)


KEYS = ("receipt", "sku", "quantity")
