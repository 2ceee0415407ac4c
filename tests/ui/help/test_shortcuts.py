"""The keyboard shortcut sheet is the action registry, read back: nothing typed by hand."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.actions import KEY_TEXT, KEYS, SPECS, Act, Key, shortcut_text
from ui.help.shortcuts import DIALOGS, MAIN_WINDOW, ShortcutSheet, shortcut_rows
from ui.main_window import MainWindow


def test_every_bound_key_of_the_registry_is_on_the_sheet():
    rows = shortcut_rows()
    main = {r.keys for r in rows if r.section == MAIN_WINDOW}
    assert main == {shortcut_text(act) for act, spec in SPECS.items() if spec.shortcut}
    dialogs = {r.keys for r in rows if r.section == DIALOGS}
    assert "Ctrl+Enter or Ctrl+Return" in dialogs and "Esc" in dialogs
    assert len(dialogs) == len(KEYS) == len(KEY_TEXT)
    find = next(r for r in rows if r.keys == "Ctrl+F")
    assert find.does.startswith("Find: Search by number")


def test_the_sheet_shows_the_rows_under_their_headings(qtbot):
    sheet = ShortcutSheet()
    qtbot.addWidget(sheet)
    texts = sheet.texts()
    assert texts[0] == (MAIN_WINDOW, "")
    assert (DIALOGS, "") in texts
    assert ("F1", "Keyboard shortcuts: Every key of the window and dialogs") in texts
    assert (shortcut_text(Key.ADD_LINE), KEY_TEXT[Key.ADD_LINE]) in texts


def test_f1_and_the_help_menu_open_the_sheet(qtbot, db):
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(win.settled, timeout=5000)
    assert shortcut_text(Act.SHORTCUTS) == "F1"
    help_menu = next(m for m in win.menuBar().actions() if m.text() == "&Help").menu()
    assert [a.text() for a in help_menu.actions() if a.text()] == [
        "&Keyboard shortcuts",
        "User &guide…",
        "&About Return Desk",
    ]
    qtbot.keyClick(win, Qt.Key_F1)
    qtbot.waitUntil(lambda: isinstance(win.active_dialog, ShortcutSheet), timeout=2000)
    sheet = win.active_dialog
    assert sheet.isVisible()
    qtbot.keyClick(sheet, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not sheet.isVisible(), timeout=2000)


def test_in_portuguese_the_sheet_speaks_portuguese(qtbot):
    from desk.i18n.catalog import set_language
    from ui.help.shortcuts import menu_note

    set_language("pt_BR")
    sheet = ShortcutSheet()
    qtbot.addWidget(sheet)
    texts = sheet.texts()
    assert texts[0] == ("Janela principal", "")
    assert ("Em diálogos e formulários", "") in texts
    assert any(keys == "Ctrl+Enter ou Ctrl+Return" for keys, _does in texts)
    assert sheet.windowTitle() == "Atalhos de teclado"
    headers = [sheet.table.horizontalHeaderItem(i).text() for i in range(2)]
    assert headers == ["Teclas", "O que fazem"]
    assert menu_note() == "Os menus também abrem com Alt e a letra sublinhada (Alt+A: Arquivo)."
