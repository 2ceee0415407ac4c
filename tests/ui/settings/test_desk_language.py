"""The desk's own language in Settings: kept in this computer's file, from the next start."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desk.errors import DeskError
from desk.i18n.catalog import language, set_language
from desk.i18n.desk_language import choose_language, chosen_language, settings_file
from desk.settings import SHOP_LOCALE, get_setting
from ui import prompts
from ui.settings import desk_language
from ui.settings.desk_language import DeskLanguageField
from ui.settings.dialog import SettingsDialog


@pytest.fixture(autouse=True)
def no_modal_questions(monkeypatch):
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *args: True)


@pytest.fixture
def dialog(qtbot, db):
    dlg = SettingsDialog(db)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def test_the_shop_page_offers_to_follow_the_computer_or_a_language_in_its_own_words(dialog):
    combo = dialog.language_field.combo
    assert dialog.tabs.currentIndex() == 0 and dialog.pages["Shop"].isAncestorOf(combo)
    items = [combo.itemText(i) for i in range(combo.count())]
    assert items == ["Follow this computer (English)", "English", "Português (Brasil)"]
    assert dialog.language_field.code() == "" and dialog.language_field.note.isHidden()


def test_choosing_portuguese_and_saving_keeps_it_for_the_next_start_and_says_so(qtbot, dialog, db):
    field = dialog.language_field
    field.combo.setCurrentIndex(field.combo.findData("pt_BR"))
    assert dialog.is_dirty()
    assert field.note.isVisible() and "next starts" in field.note.text()
    assert "Português (Brasil)" in field.note.text()
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.saved and not dialog.isVisible()
    assert chosen_language() == "pt_BR" and settings_file().exists()
    assert field.note.text() == "Saved: Return Desk speaks Português (Brasil) when it next starts."
    assert language() == "en"  # the window goes on in English until the next start
    with db.session() as session:
        assert get_setting(session, SHOP_LOCALE) == "en"  # the customers' language stays


def test_the_dialog_shows_the_language_kept_and_back_to_following_the_computer(qtbot, db):
    choose_language("pt_BR")
    dlg = SettingsDialog(db)
    qtbot.addWidget(dlg)
    assert dlg.language_field.code() == "pt_BR" and not dlg.is_dirty()
    dlg.language_field.combo.setCurrentIndex(0)
    assert dlg.save()
    assert chosen_language() == ""


def test_a_folder_that_cannot_be_written_is_said_under_the_box(qtbot, dialog, monkeypatch):
    def refuse(code):
        raise DeskError("Could not save the desk's language in /nowhere: Permission denied.")

    monkeypatch.setattr(desk_language, "choose_language", refuse)
    field = dialog.language_field
    field.combo.setCurrentIndex(field.combo.findData("pt_BR"))
    assert not dialog.save()
    assert field.error.shown and "Permission denied" in field.error.label.text()
    assert "not the desk's language" in dialog.status_label.text()
    assert chosen_language() == ""


def test_in_portuguese_the_choice_and_its_note_are_portuguese(qtbot):
    set_language("pt_BR")
    field = DeskLanguageField()
    qtbot.addWidget(field)
    field.show()
    assert field.combo.itemText(0) == "Seguir este computador (English)"
    field.combo.setCurrentIndex(field.combo.findData("pt_BR"))
    assert field.note.text().startswith("Vale a partir da próxima vez que o Return Desk for aberto")
