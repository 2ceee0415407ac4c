"""The keyboard shortcut sheet (F1), built from the action registry, never a hand list."""

from __future__ import annotations

from dataclasses import dataclass

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

from ui.actions import KEY_TEXT, SPECS, Key, dialog_keys, sequences

MAIN_WINDOW = "Main window"
DIALOGS = "In dialogs and forms"


@dataclass(frozen=True)
class ShortcutRow:
    """One line of the sheet: where the key works, the keys, and what they do."""

    section: str
    keys: str
    does: str


def _menu_words(text: str) -> str:
    return text.replace("&", "").rstrip("…").strip()


def shortcut_rows() -> list[ShortcutRow]:
    """Every bound key of the app: the main window's actions, then the dialogs' keys."""
    rows = []
    for act, spec in SPECS.items():
        found = sequences(act)
        if found:
            does = _menu_words(spec.text) + (f": {spec.tip}" if spec.tip else "")
            keys = " or ".join(seq.toString() for seq in found)
            rows.append(ShortcutRow(MAIN_WINDOW, keys, does))
    for key in Key:
        keys = " or ".join(seq.toString() for seq in sequences(key))
        rows.append(ShortcutRow(DIALOGS, keys, KEY_TEXT[key]))
    return rows


class ShortcutSheet(QDialog):
    """A table of every keyboard shortcut, grouped by where it works."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.rows = shortcut_rows()
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["Keys", "What they do"])
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
        note = QLabel("Menus also open with Alt and the underlined letter (Alt+F: File).")
        note.setWordWrap(True)
        layout.addWidget(self.table)
        layout.addWidget(note)
        layout.addWidget(buttons)
        dialog_keys(self, accept=self.accept)
        self.resize(720, 520)

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
