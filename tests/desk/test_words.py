"""The words files under resources/words: one per language, the same keys in each."""

from __future__ import annotations

import string
from collections.abc import Mapping

import pytest

from desk.codes import Condition, Event, Reason, RefundMethod
from desk.errors import DeskError
from desk.instructions.dropoff import Kind
from desk.messages.context import LANGUAGES, next_step
from desk.words import languages, section, words


def leaves(table: Mapping, prefix: str = "") -> dict[str, str]:
    """Every word of `table` by its dotted key."""
    out = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(leaves(value, f"{name}."))
        else:
            out[name] = value
    return out


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_there_are_words_for_every_template_language():
    assert languages() == tuple(sorted(LANGUAGES))


@pytest.mark.parametrize("language", [lang for lang in languages() if lang != "en"])
def test_every_language_has_the_same_keys_and_placeholders_as_english(language):
    english, other = leaves(words("en")), leaves(words(language))
    assert set(other) == set(english)
    for key, text in english.items():
        assert isinstance(other[key], str) and other[key].strip(), key
        assert placeholders(other[key]) == placeholders(text), key


@pytest.mark.parametrize("language", languages())
def test_every_stored_code_has_a_word(language):
    assert set(section(language, "message.condition")) == {c.value for c in Condition}
    assert set(section(language, "message.reason")) == {r.value for r in Reason}
    assert set(section(language, "message.refund_method")) == {m.value for m in RefundMethod}
    assert set(section(language, "dropoff.kind")) == {k.value for k in Kind}
    steps = section(language, "message.next_step")
    assert set(steps) == {e.value for e in Event}
    for event in Event:  # every event and refund method finds its sentence
        for method in RefundMethod:
            assert next_step(event, method, language, total="€1.00", days=3)


def test_words_are_read_once_and_cannot_be_changed():
    assert words("pt_BR") is words("pt_BR")
    with pytest.raises(TypeError):
        section("en", "sheet.label")["page"] = "changed"


def test_exact_words_come_through():
    assert section("pt_BR", "dropoff.kind")[Kind.DONATION] == "Doação"
    assert next_step(Event.REFUNDED, RefundMethod.ORIGINAL, "en", "€5.00", 1) == (
        "Your refund of €5.00 will reach your card within 1 business day."
    )
    assert next_step(Event.APPROVED, RefundMethod.ORIGINAL, "pt_BR", "R$ 5,00", 3) == (
        "Vamos reembolsar R$ 5,00 no seu meio de pagamento original; o valor costuma chegar "
        "em até 3 dias úteis."
    )


def test_an_unknown_language_is_refused():
    with pytest.raises(DeskError, match="no words in “fr”"):
        words("fr")
