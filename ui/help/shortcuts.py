"""The keyboard shortcut sheet (F1), built from the action registry, never a hand list."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.i18n.catalog import N_, _
from ui.actions import KEY_TEXT, SPECS, Key, dialog_keys, sequences

MAIN_WINDOW = N_("Main window")
DIALOGS = N_("In dialogs and forms")
"""The sheet's sections (marked: shown through _())."""


@dataclass(frozen=True)
class ShortcutRow:
    """One line of the sheet: where the key works, the keys, and what they do."""

    section: str
    keys: str
    does: str


def _menu_words(text: str) -> str:
    return text.replace("&", "").rstrip("…").strip()


def _keys(found: list[QKeySequence]) -> str:
    """The keys as staff read them, in the desk's language (Qt's own words: "Espaço")."""
    # TRANSLATORS: between two keys that do the same ("Ctrl+Enter or Ctrl+Return")
    return _(" or ").join(seq.toString(QKeySequence.NativeText) for seq in found)


def shortcut_rows() -> list[ShortcutRow]:
    """Every bound key of the app: the main window's actions, then the dialogs' keys."""
    rows = []
    for act, spec in SPECS.items():
        found = sequences(act)
        if found:
            does = _menu_words(_(spec.text))
            if spec.tip:
                does = _("{action}: {what_it_does}").format(action=does, what_it_does=_(spec.tip))
            rows.append(ShortcutRow(_(MAIN_WINDOW), _keys(found), does))
    for key in Key:
        rows.append(ShortcutRow(_(DIALOGS), _keys(sequences(key)), _(KEY_TEXT[key])))
    return rows


def menu_note() -> str:
    """How menus open from the keyboard, with the File menu's own letter as the example."""
    menu = _("&File")
    letter = menu[menu.index("&") + 1].upper() if "&" in menu[:-1] else menu[:1].upper()
    return _("Menus also open with Alt and the underlined letter (Alt+{letter}: {menu}).").format(
        letter=letter, menu=menu.replace("&", "")
    )


class ShortcutSheet(QDialog):
    """A table of every keyboard shortcut, grouped by where it works."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.rows = shortcut_rows()
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([_("Keys"), _("What they do")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setWordWrap(True)
        section = None
        for row in self.rows:
            if row.section != section:
                section = row.section
                self._add_heading(section)
            at = self.table.rowCount()
            self.table.insertRow(at)
            self.table.setItem(at, 0, QTableWidgetItem(row.keys))
            self.table.setItem(at, 1, QTableWidgetItem(row.does))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        note = QLabel(menu_note())
        note.setWordWrap(True)
        layout.addWidget(self.table)
        layout.addWidget(note)
        layout.addWidget(buttons)
        dialog_keys(self, accept=self.accept)
        self.resize(760, 620)  # fits 1024×700, with fewer rows to scroll

    def _add_heading(self, text: str) -> None:
        at = self.table.rowCount()
        self.table.insertRow(at)
        item = QTableWidgetItem(text)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        self.table.setItem(at, 0, item)
        self.table.setSpan(at, 0, 1, 2)

    def texts(self) -> list[tuple[str, str]]:
        """What the table shows, row by row (headings have an empty second column)."""
        out = []
        for at in range(self.table.rowCount()):
            second = self.table.item(at, 1)
            out.append((self.table.item(at, 0).text(), second.text() if second else ""))
        return out
