"""A personal link scanned or pasted into the main window's search box opens its return."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desk.portal.links import personal_link, revoke_links
from desk.settings import PORTAL_PUBLIC_URL, save_settings
from tests.ui import scanner_input
from tests.ui.test_main_window import add_return, close_return, visible_numbers, wait_for_list
from ui.main_window import MainWindow


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
    wait_for_list(qtbot, win)
    return win, numbers


def scan(qtbot, win, text):
    """Scan `text` with the focus in the search box, as a barcode scanner types it."""
    win.search_edit.clear()
    scanner_input.scan(qtbot, win.search_edit, text)


def test_a_scanned_link_opens_its_return_whatever_the_filter(qtbot, shop, db):
    win, numbers = shop
    assert numbers[0] not in visible_numbers(win)
    link = personal_link(db, number=numbers[0])
    scan(qtbot, win, link)
    qtbot.waitUntil(lambda: win.detail.number_label.text() == numbers[0], timeout=5000)
    assert win.search_edit.text() == numbers[0]
    assert visible_numbers(win) == [numbers[0]]
    assert win.status_combo.currentText().startswith("Open")  # the filter is kept
    assert win.statusBar().currentMessage() == f"{numbers[0]} opened from its personal link."


def test_a_pasted_path_opens_its_return(qtbot, shop, db):
    win, numbers = shop
    token = personal_link(db, number=numbers[1]).rsplit("/", 1)[1]
    win.search_edit.setText(f"/r/{token}")  # pasted
    qtbot.keyClick(win.search_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: win.detail.number_label.text() == numbers[1], timeout=5000)
    assert visible_numbers(win) == [numbers[1]]


@pytest.mark.parametrize("how", ["scanned", "pasted"])
def test_a_revoked_link_says_so(qtbot, shop, db, how):
    win, numbers = shop
    link = personal_link(db, number=numbers[2])
    revoke_links(db, number=numbers[2])
    shown = win.detail.number_label.text()
    if how == "scanned":
        scan(qtbot, win, link)
    else:
        win.search_edit.setText(link)
        qtbot.keyClick(win.search_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: "personal link" in win.statusBar().currentMessage(), timeout=5000)
    assert (
        win.statusBar()
        .currentMessage()
        .startswith(
            "This personal link opens no return: it was revoked, has expired or was misread."
        )
    )
    assert win.search_edit.text() == ("" if how == "scanned" else link)  # a scan types nothing
    assert win.detail.number_label.text() == shown


def test_a_scanned_return_number_opens_it_too(qtbot, shop):
    win, numbers = shop
    scan(qtbot, win, numbers[0].lower())
    qtbot.waitUntil(lambda: win.detail.number_label.text() == numbers[0], timeout=5000)
    assert visible_numbers(win) == [numbers[0]]
