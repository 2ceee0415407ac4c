"""The paper formats of the instructions sheet and the remembered choice."""

import pytest
from PySide6.QtCore import QSettings

from desk.i18n.catalog import set_language
from ui import state
from ui.instructions.paper_formats import (
    FORMAT_KEY,
    FORMATS,
    format_combo,
    page_format,
    saved_format,
)


@pytest.fixture
def forget_format():
    """Leave the desk's remembered format as other tests expect it: unset."""
    QSettings("ReturnDesk", "ReturnDesk").remove(FORMAT_KEY)
    yield
    QSettings("ReturnDesk", "ReturnDesk").remove(FORMAT_KEY)


def test_formats_by_key_in_any_case():
    assert page_format("A4").width_mm == 210 and page_format("a4").height_mm == 297
    assert page_format("receipt").height_mm is None  # a roll
    assert page_format("Letter").label == "US Letter"


def test_an_unknown_format_names_the_choices():
    with pytest.raises(ValueError, match="Unknown page format 'a5'; choose a4, letter, receipt"):
        page_format("a5")


def test_a4_until_something_valid_was_chosen(forget_format):
    assert saved_format() == "a4"
    state.save(FORMAT_KEY, "tabloid")
    assert saved_format() == "a4"
    state.save(FORMAT_KEY, "receipt")
    assert saved_format() == "receipt"


def test_the_combo_starts_on_the_saved_format_and_remembers_a_choice(qtbot, forget_format):
    state.save(FORMAT_KEY, "letter")
    combo = format_combo()
    qtbot.addWidget(combo)
    assert [combo.itemData(i) for i in range(combo.count())] == list(FORMATS)
    assert combo.currentData() == "letter"
    combo.setCurrentIndex(combo.findData("receipt"))
    assert saved_format() == "receipt"


def test_in_portuguese_the_combo_and_the_refusal_speak_it(qtbot, forget_format):
    set_language("pt_BR")
    combo = format_combo()
    qtbot.addWidget(combo)
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert texts == ["A4", "Carta (EUA)", "Bobina de cupom 80 mm"]
    assert page_format("letter").label == "US Letter"  # the page size keeps its own name
    with pytest.raises(ValueError, match="Formato de página desconhecido 'a5'; escolha a4"):
        page_format("a5")
