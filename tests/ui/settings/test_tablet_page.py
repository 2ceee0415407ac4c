"""The Counter tablet tab, driven through its real widgets over a real SQLite file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desk.portal import counter
from desk.settings import PORTAL_HOST, save_settings
from ui import prompts
from ui.settings.dialog import SettingsDialog
from ui.settings.tablet_page import TabletPage


@pytest.fixture
def page(qtbot, db):
    widget = TabletPage(db)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: widget.code is not None)  # made in the background
    return widget


def test_the_tab_shows_a_code_that_pairs_and_the_address(db, page):
    shown = page.code_label.text()
    assert len(shown.replace(" ", "")) == 6 and shown.replace(" ", "").isdigit()
    assert "Works until" in page.code_state.text()
    assert page.address_label.text() == "http://127.0.0.1:8765/counter"
    assert page.reach_label.isVisible() and "0.0.0.0" in page.reach_label.text()
    assert counter.pair_tablet(db, code=shown) is not None  # the code on screen is the live one


def test_new_code_replaces_the_shown_one(db, qtbot, page):
    first = page.code.code
    for _ in range(5):  # a new random code: differs from the first almost always
        qtbot.mouseClick(page.new_button, Qt.LeftButton)
        qtbot.waitUntil(page.new_button.isEnabled)  # the new code is made in the background
        if page.code.code != first:
            break
    assert page.code_label.text() == page.code.shown != ""
    assert counter.pair_tablet(db, code=page.code.code) is not None
    if page.code.code != first:
        assert counter.pair_tablet(db, code=first) is None


def test_a_tablet_paired_meanwhile_shows_up_and_the_code_says_used(db, qtbot, page):
    assert "No tablet is paired yet." in page.list_box.findChildren(type(page.result))[0].text()
    counter.pair_tablet(db, code=page.code.code)
    page.look()
    qtbot.waitUntil(lambda: len(page.unpair_buttons) == 1)
    assert page.code_state.text().startswith("Used: Tablet 1 is paired")


def test_unpair_asks_first_and_no_keeps_the_tablet(db, qtbot, monkeypatch):
    save_settings(db, {PORTAL_HOST: "0.0.0.0"})
    counter.pair_tablet(db, code=counter.new_pairing_code(db).code)
    widget = TabletPage(db)
    qtbot.addWidget(widget)
    assert not widget.reach_label.isVisibleTo(widget)
    qtbot.waitUntil(lambda: len(widget.unpair_buttons) == 1)  # read in the background
    asked, answer = [], [False]
    monkeypatch.setattr(
        prompts, "ask_yes_no", lambda parent, title, text: asked.append(text) or answer[0]
    )
    (button,) = widget.unpair_buttons.values()
    qtbot.mouseClick(button, Qt.LeftButton)
    assert asked and "Unpair Tablet 1?" in asked[0]
    assert len(counter.paired_tablets(db)) == 1
    answer[0] = True
    qtbot.mouseClick(button, Qt.LeftButton)
    qtbot.waitUntil(lambda: widget.unpair_buttons == {})  # unpaired in the background
    assert counter.paired_tablets(db) == [] and widget.unpair_buttons == {}
    assert widget.result.text() == "Tablet 1 unpaired."


def test_settings_dialog_has_the_tab(qtbot, db, monkeypatch):
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *args: True)
    dialog = SettingsDialog(db)
    qtbot.addWidget(dialog)
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert "Counter tablet" in titles
    assert dialog.tablet_page.code is None  # no code until the tab is looked at
    dialog.show()
    dialog.tabs.setCurrentIndex(titles.index("Counter tablet"))
    qtbot.waitUntil(lambda: dialog.tablet_page.code is not None)
    assert dialog.tablet_page.code_label.text() == dialog.tablet_page.code.shown


def test_in_portuguese_the_code_works_until_a_brazilian_time_and_a_tablet_reads_in_words(db, qtbot):
    from desk.i18n.catalog import set_language
    from desk.i18n.formats import format_datetime, format_time

    set_language("pt_BR")
    widget = TabletPage(db)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.code is not None)
    until = format_time(widget.code.expires_at)
    assert widget.code_state.text() == f"Vale até {until}, para um tablet."
    assert "AM" not in until and "PM" not in until  # 14:05, not 2:05 PM
    assert counter.pair_tablet(db, code=widget.code.code) is not None
    widget.look()
    qtbot.waitUntil(lambda: bool(widget.unpair_buttons))
    labels = lambda: widget.list_box.findChildren(type(widget.address_label))  # noqa: E731
    qtbot.waitUntil(lambda: len(labels()) == 1)  # the old "none yet" is deleted later
    tablet = widget.tablets[0]
    label = labels()[0].text()
    assert label == f"{tablet.name}: pareado em {format_datetime(tablet.paired_at)}"
    assert widget.code_state.text().startswith(f"Usado: {tablet.name} está pareado.")
