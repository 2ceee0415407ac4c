"""A scan anywhere in the main window opens the return it names, or starts a new one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desk.portal.links import personal_link
from desk.settings import PORTAL_PUBLIC_URL, save_settings
from tests.ui.scanner_input import scan, type_slowly
from tests.ui.test_main_window import add_return, close_return, visible_numbers, wait_for_list
from ui.main_window import MainWindow
from ui.new_return.dialog import NewReturnDialog


@pytest.fixture
def shop(qtbot, db):
    save_settings(db, {PORTAL_PUBLIC_URL: "https://returns.example.com"})
    numbers = [
        add_return(db, name, f"{name.split()[0].lower()}@example.com").number
        for name in ("Ana Souza", "Bruno Lima", "Carla Dias")
    ]
    close_return(db, numbers[0])  # the Open filter hides it
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=2000)
    wait_for_list(qtbot, win)
    return win, numbers


def focus(win, where: str):
    """Put the focus where staff left it: the list, the search box or the detail."""
    widget = {
        "list": win.table,
        "search": win.search_edit,
        "detail": win.detail.format_combo,
    }[where]
    widget.setFocus(Qt.OtherFocusReason)
    return widget


def opened(qtbot, win, number: str) -> None:
    qtbot.waitUntil(lambda: win.detail.number_label.text() == number, timeout=5000)
    wait_for_list(qtbot, win)


@pytest.mark.parametrize("where", ["list", "search", "detail"])
def test_a_scanned_number_opens_its_return_whatever_the_filter(qtbot, shop, where):
    win, numbers = shop
    assert numbers[0] not in visible_numbers(win)
    widget = focus(win, where)
    scan(qtbot, None, numbers[0])
    opened(qtbot, win, numbers[0])
    assert visible_numbers(win) == [numbers[0]]
    assert win.selected_return_id() is not None
    assert win.status_combo.currentText().startswith("Open")  # the filter is kept
    assert win.statusBar().currentMessage() == f"{numbers[0]} opened from its scanned number."
    assert widget.hasFocus()


@pytest.mark.parametrize("where", ["list", "search", "detail"])
def test_a_scanned_sheet_qr_code_opens_its_return(qtbot, shop, db, where):
    win, numbers = shop
    link = personal_link(db, number=numbers[0])
    assert link.startswith("https://returns.example.com/r/")
    focus(win, where)
    scan(qtbot, None, link)
    opened(qtbot, win, numbers[0])
    assert visible_numbers(win) == [numbers[0]]
    assert win.statusBar().currentMessage() == f"{numbers[0]} opened from its personal link."
    assert link not in win.search_edit.text()


def test_an_unknown_number_says_so_and_changes_nothing(qtbot, shop):
    win, numbers = shop
    focus(win, "search")
    win.search_edit.setText("bru")
    qtbot.waitUntil(lambda: win.model.filter.text == "bru", timeout=3000)
    wait_for_list(qtbot, win)
    shown = win.detail.number_label.text()
    scan(qtbot, None, "R-2026-99999")
    qtbot.waitUntil(lambda: "R-2026-99999" in win.statusBar().currentMessage(), timeout=5000)
    assert win.statusBar().currentMessage().startswith("There is no return R-2026-99999.")
    assert win.search_edit.text() == "bru"  # what staff had typed stays
    assert win.detail.number_label.text() == shown
    assert win.active_dialog is None


@pytest.mark.parametrize("code", ["7891234567895", "#1001-A"])
def test_any_other_code_starts_a_new_return(qtbot, shop, code):
    win, _ = shop
    focus(win, "list")
    scan(qtbot, None, code)
    qtbot.waitUntil(lambda: isinstance(win.active_dialog, NewReturnDialog), timeout=3000)
    dialog = win.active_dialog
    assert dialog.isVisible()
    assert code not in win.search_edit.text()
    dialog.reject()


def test_typing_a_search_and_enter_still_search(qtbot, shop):
    win, numbers = shop
    focus(win, "search")
    type_slowly(qtbot, None, "bruno", enter=True)
    qtbot.waitUntil(lambda: win.model.filter.text == "bruno", timeout=3000)
    wait_for_list(qtbot, win)
    assert win.search_edit.text() == "bruno"
    assert visible_numbers(win) == [numbers[1]]
    assert win.active_dialog is None
