"""The customers' words: gettext msgids in Python tables, read in each customer's language."""

from __future__ import annotations

import string
from collections.abc import Mapping

import pytest

from desk.codes import Condition, Event, Reason, RefundMethod
from desk.errors import DeskError
from desk.i18n.catalog import LANGUAGES, set_language, translation
from desk.instructions.dropoff import Kind
from desk.messages.context import next_step
from desk.words import business_days, languages, section, words

SAME_IN_PORTUGUESE = {"dropoff.goods.metal", "portal.total"}
"""The words that are the same in both languages ("metal", "Total")."""


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


def test_customers_read_every_language_of_the_catalog():
    assert languages() == LANGUAGES == ("en", "pt_BR")


@pytest.mark.parametrize("language", [lang for lang in languages() if lang != "en"])
def test_every_word_is_translated_with_the_same_placeholders(language):
    english, other = leaves(words("en")), leaves(words(language))
    assert set(other) == set(english)
    for key, text in english.items():
        assert isinstance(other[key], str) and other[key].strip(), key
        assert placeholders(other[key]) == placeholders(text), key
    untranslated = {key for key, text in english.items() if other[key] == text}
    assert untranslated == SAME_IN_PORTUGUESE


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


def test_the_words_are_the_catalogs_translations_of_the_english():
    english, portuguese = section("en", "sheet.text"), section("pt_BR", "sheet.text")
    assert english["title"] == "How to return your items"
    assert portuguese["title"] == translation("pt_BR").gettext(english["title"])
    assert portuguese["title"] == "Como devolver seus itens"
    # the same English word, two meanings: a context keeps them apart
    assert section("pt_BR", "dropoff.hours")["closed"] == "Fechado"
    assert section("pt_BR", "counter.rating")["3"] == "Regular"


def test_the_customers_language_is_not_the_desks():
    set_language("pt_BR")
    assert section("en", "portal")["find_title"] == "Find your return"
    set_language("en")
    assert section("pt_BR", "portal")["find_title"] == "Encontre sua devolução"


def test_exact_words_come_through():
    assert section("pt_BR", "dropoff.kind")[Kind.DONATION] == "Doação"
    assert next_step(Event.REFUNDED, RefundMethod.ORIGINAL, "en", "€5.00", 1) == (
        "Your refund of €5.00 will reach your card within 1 business day."
    )
    assert next_step(Event.APPROVED, RefundMethod.ORIGINAL, "pt_BR", "R$ 5,00", 3) == (
        "Vamos reembolsar R$ 5,00 no seu meio de pagamento original; o valor costuma chegar "
        "em até 3 dias úteis."
    )


def test_store_credit_is_vale_troca_everywhere_in_portuguese():
    portuguese = leaves(words("pt_BR"))
    assert section("pt_BR", "message.refund_method")[RefundMethod.STORE_CREDIT] == "Vale-troca"
    assert section("pt_BR", "portal.status")["credited"] == "Vale-troca emitido"
    assert not [key for key, text in portuguese.items() if "crédito" in text.lower()]
    credit = [key for key, text in leaves(words("en")).items() if "store credit" in text.lower()]
    assert credit and all("vale-troca" in portuguese[key].lower() for key in credit)


def test_the_shipped_portuguese_templates_say_vale_troca_where_english_says_store_credit():
    from jinja2 import TemplateNotFound

    from desk.messages.template_store import PARTS, default_source

    said = {}
    for event in Event:
        for part in PARTS:
            try:
                said[event, part] = (
                    default_source(event, "en", part),
                    default_source(event, "pt_BR", part),
                )
            except TemplateNotFound:  # an event without that part
                continue
    assert said, "the templates were read"
    assert not [key for key, (_en, pt) in said.items() if "crédito" in pt.lower()]
    credit = [key for key, (en, _pt) in said.items() if "store credit" in en.lower()]
    assert (Event.CREDITED, "text") in credit
    assert all("vale-troca" in said[key][1] for key in credit), credit


@pytest.mark.parametrize(
    ("language", "days", "said"),
    [
        ("en", 1, "1 business day"),
        ("en", 5, "5 business days"),
        ("pt_BR", 1, "1 dia útil"),
        ("pt_BR", 5, "5 dias úteis"),
    ],
)
def test_business_days_take_the_languages_plural(language, days, said):
    assert business_days(language, days) == said
    forms = section(language, "message.business_days")
    assert (forms["one"] if days == 1 else forms["other"].format(days=days)) == said


def test_an_unknown_language_is_refused_in_the_desks_language():
    with pytest.raises(DeskError, match="no words in “fr”"):
        words("fr")
    set_language("pt_BR")
    with pytest.raises(DeskError, match="Não há palavras em “fr”; use um destes: en, pt_BR"):
        words("fr")
