"""The user guide: pages from resources/guide in English and Portuguese, keys from the registry."""

from __future__ import annotations

import re

import pytest

from ui.actions import Act, Key, shortcut_text
from ui.help.guide import GuideDialog, fill_keys, guide_pages


@pytest.mark.parametrize("language", ["en", "pt_BR"])
def test_each_language_has_the_same_pages_with_titles_and_keys_filled(language):
    pages = guide_pages(language)
    assert len(pages) == len(guide_pages("en")) >= 4
    for page in pages:
        assert page.title and "[[" not in page.html
        assert not re.search(r"Ctrl\+[A-Z]", re.sub(r"<b>[^<]*</b>", "", page.html))
    assert f"<b>{shortcut_text(Act.NEW_RETURN)}</b>" in pages[0].html


def test_the_portuguese_guide_is_in_portuguese():
    titles = [p.title for p in guide_pages("pt_BR")]
    assert titles[0] == "Registrar uma devolução"
    assert "Log a return" not in titles


def test_an_unknown_key_in_a_page_is_an_error_not_a_blank():
    assert fill_keys("[[cancel]]") == f"<b>{shortcut_text(Key.CANCEL)}</b>"
    with pytest.raises(KeyError):
        fill_keys("[[no_such_key]]")


def test_a_language_without_pages_reads_english():
    assert [p.title for p in guide_pages("de")] == [p.title for p in guide_pages("en")]


def test_the_dialog_turns_pages_and_changes_language(qtbot):
    dialog = GuideDialog("pt_BR")
    qtbot.addWidget(dialog)
    assert dialog.titles.item(0).text() == "Registrar uma devolução"
    assert "Pressione" in dialog.page.toPlainText()
    dialog.titles.setCurrentRow(2)
    assert dialog.page.toPlainText().startswith("Encontrar uma devolução")
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert dialog.titles.item(0).text() == "Log a return"
    assert dialog.page.toPlainText().startswith("Log a return")


def test_the_guide_opens_in_the_desks_language_unless_told(qtbot):
    from desk.i18n.catalog import set_language

    set_language("pt_BR")
    dialog = GuideDialog()
    qtbot.addWidget(dialog)
    assert dialog.language.currentData() == "pt_BR"
    assert dialog.titles.item(0).text() == "Registrar uma devolução"
    assert dialog.windowTitle() == "Return Desk — guia de uso"
    set_language("en")
    english = GuideDialog()
    qtbot.addWidget(english)
    assert english.titles.item(0).text() == "Log a return"


def test_the_portuguese_guide_names_no_english_menu():
    text = " ".join(page.html for page in guide_pages("pt_BR"))
    for english in ("File ›", "Settings ›", "Help ›", "for experts"):
        assert english not in text
