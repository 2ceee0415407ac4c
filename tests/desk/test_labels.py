"""Staff read a word for every stored code, and an unknown code shows as itself."""

from __future__ import annotations

import pytest

from desk import labels
from desk.codes import Channel, Condition, Disposition, Intake, Reason, RefundMethod, Timeline
from desk.i18n.catalog import set_language

TABLES = [
    (labels.REASONS, Reason),
    (labels.CONDITIONS, Condition),
    (labels.DISPOSITIONS, Disposition),
    (labels.REFUND_METHODS, RefundMethod),
    (labels.INTAKES, Intake),
    (labels.CHANNELS, Channel),
    (labels.TIMELINES, Timeline),
]


@pytest.mark.parametrize(("table", "codes"), TABLES, ids=lambda x: getattr(x, "__name__", ""))
def test_every_code_has_one_distinct_word(table, codes):
    assert set(table) == {code.value for code in codes}
    words = list(table.values())
    assert all(w.strip() for w in words)
    assert len(set(words)) == len(words)


def test_label_of_a_code_an_unknown_code_and_none():
    assert labels.label(labels.REASONS, Reason.DEFECTIVE) == "Defective / does not work"
    assert labels.label(labels.REASONS, "defective") == "Defective / does not work"
    assert labels.label(labels.REASONS, "gone_fishing") == "gone_fishing"
    assert labels.label(labels.REASONS, None) == ""


def test_every_language_has_its_own_name():
    assert labels.LANGUAGES == {"en": "English", "pt_BR": "Português (Brasil)"}


def test_a_label_is_read_in_the_desks_language_when_shown():
    set_language("pt_BR")
    assert labels.label(labels.REASONS, Reason.DEFECTIVE) == "Com defeito / não funciona"
    assert labels.label(labels.REFUND_METHODS, RefundMethod.STORE_CREDIT) == "Vale-troca"
    assert labels.label(labels.REASONS, "gone_fishing") == "gone_fishing"  # unknown: itself
    assert labels.REASONS[Reason.DEFECTIVE] == "Defective / does not work"  # the table: English
    shown = labels.labels_of(labels.DISPOSITIONS)
    assert list(shown) == list(labels.DISPOSITIONS)  # same codes, same order
    assert shown[Disposition.RESTOCK] == "Voltar ao estoque"
    set_language("en")
    assert labels.label(labels.CONDITIONS, Condition.UNOPENED) == "Unopened"


@pytest.mark.parametrize(("table", "codes"), TABLES, ids=lambda x: getattr(x, "__name__", ""))
def test_every_label_has_its_portuguese(table, codes):
    set_language("pt_BR")
    shown = labels.labels_of(table)
    untranslated = [w for code, w in shown.items() if w == table[code] and w not in ("SMS",)]
    assert untranslated == []
    assert len(set(shown.values())) == len(shown)  # still one distinct word per code
