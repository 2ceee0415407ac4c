"""Every shortcut of the app, declared once: the menu and toolbar actions, and the dialogs' keys.

`SPECS` holds the main window's actions (text, shortcut, tip); `KEYS` holds the keys that work
inside dialogs and forms. `dialog_keys` gives a dialog the house rules (Ctrl+Enter and Ctrl+Return
confirm, Esc cancels, wherever the focus is); `add_shortcut` binds any other key of `KEYS`;
`shortcut_text` is the text tooltips, hints and placeholders show for a key.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QWidget


class Act(enum.Enum):
    NEW_RETURN = "new_return"
    FIND = "find"
    REFRESH = "refresh"
    SHOW_ALL_STATUSES = "show_all_statuses"
    UNDO_MOVE = "undo_move"
    LOAD_DEMO = "load_demo"
    IMPORT_CUSTOMERS = "import_customers"
    CUSTOMERS = "customers"
    TEMPLATES = "templates"
    SETTINGS = "settings"
    PRINT_INSTRUCTIONS = "print_instructions"
    EXPORT_INSTRUCTIONS = "export_instructions"
    COUNTER_SCREEN = "counter_screen"
    CLOSE_COUNTER_SCREEN = "close_counter_screen"
    REWARD_CODES = "reward_codes"
    DASHBOARD = "dashboard"
    QUIT = "quit"
    SHORTCUTS = "shortcuts"
    GUIDE = "guide"
    ABOUT = "about"
    PRODUCTS = "products"


@dataclass(frozen=True)
class ActionSpec:
    text: str
    shortcut: QKeySequence.StandardKey | str | None = None
    tip: str = ""


SPECS: dict[Act, ActionSpec] = {
    Act.NEW_RETURN: ActionSpec("&New return…", "Ctrl+N", "Log a return at the counter"),
    Act.FIND: ActionSpec("&Find", "Ctrl+F", "Search by number, customer, email, phone or SKU"),
    Act.REFRESH: ActionSpec("&Refresh", "F5", "Reload the list from the database"),
    Act.UNDO_MOVE: ActionSpec(
        "&Undo last move", "Ctrl+Z", "Take back the move just made (for a few seconds)"
    ),
    Act.SHOW_ALL_STATUSES: ActionSpec(
        "Show &all statuses", "Ctrl+Shift+A", "List returns of every status, closed ones too"
    ),
    Act.LOAD_DEMO: ActionSpec("Load &demo data…", None, "Fill this database with demo returns"),
    Act.CUSTOMERS: ActionSpec(
        "&Customers…", "Ctrl+Shift+C", "Every customer: search, open a profile, merge duplicates"
    ),
    Act.IMPORT_CUSTOMERS: ActionSpec(
        "&Import customers…", None, "Add or update customers from the till's CSV export"
    ),
    Act.TEMPLATES: ActionSpec(
        "Message &templates…", "Ctrl+T", "Edit the wording of the messages customers get"
    ),
    Act.SETTINGS: ActionSpec("&Settings…", "Ctrl+,", "Shop details, email, SMS and notifications"),
    Act.PRINT_INSTRUCTIONS: ActionSpec(
        "&Print return instructions…", "Ctrl+P", "Print the customer's return instructions"
    ),
    Act.EXPORT_INSTRUCTIONS: ActionSpec(
        "&Export instructions as PDF…", None, "Save the customer's return instructions as a PDF"
    ),
    Act.COUNTER_SCREEN: ActionSpec(
        "&Counter screen…", None, "Open the customer's feedback screen on a second screen"
    ),
    Act.CLOSE_COUNTER_SCREEN: ActionSpec(
        "C&lose counter screen", None, "Close the customer's feedback screen"
    ),
    Act.REWARD_CODES: ActionSpec(
        "&Reward codes…", "Ctrl+Shift+R", "Look a reward code up and mark it redeemed"
    ),
    Act.DASHBOARD: ActionSpec(
        "&Dashboard…", "Ctrl+D", "Volumes, reasons, speed and satisfaction over a period"
    ),
    Act.QUIT: ActionSpec("&Quit", "Ctrl+Q"),
    Act.SHORTCUTS: ActionSpec("&Keyboard shortcuts", "F1", "Every key of the window and dialogs"),
    Act.GUIDE: ActionSpec("User &guide…", None, "How to log, move and close returns"),
    Act.ABOUT: ActionSpec("&About Return Desk", None, "Version, database and licences"),
    Act.PRODUCTS: ActionSpec(
        "&Products…", "Ctrl+Shift+P", "The catalogue: search, add, edit or delete products"
    ),
}


class Key(enum.Enum):
    """Keys that work inside dialogs and forms (the main window's are in `SPECS`)."""

    CONFIRM = "confirm"
    CANCEL = "cancel"
    SAVE = "save"
    ADD_LINE = "add_line"
    REMOVE_LINE = "remove_line"


KEYS: dict[Key, tuple[str, ...]] = {
    Key.CONFIRM: ("Ctrl+Enter", "Ctrl+Return"),  # the keypad's Enter and the main Return key
    Key.CANCEL: ("Esc",),
    Key.SAVE: ("Ctrl+S",),  # Cmd+S on a Mac: Qt reads Ctrl as Command there
    Key.ADD_LINE: ("Ctrl+L",),
    Key.REMOVE_LINE: ("Ctrl+Shift+L",),
}
"""Each dialog key's sequences; the first is the one tooltips and hints name."""

KEY_TEXT: dict[Key, str] = {
    Key.CONFIRM: "Confirm the dialog (save, move, send), wherever the cursor is",
    Key.CANCEL: "Cancel the dialog or close the window",
    Key.SAVE: "Save the settings or the message template being edited",
    Key.ADD_LINE: "Add an item line to a new return",
    Key.REMOVE_LINE: "Remove the item line the cursor is in",
}
"""What each dialog key does, as the shortcut sheet says it."""


def sequences(key: Act | Key) -> list[QKeySequence]:
    """The key sequences bound to an action or a dialog key (none for an action without)."""
    if isinstance(key, Act):
        shortcut = SPECS[key].shortcut
        return [QKeySequence(shortcut)] if shortcut else []
    return [QKeySequence(keys) for keys in KEYS[key]]


def shortcut_text(key: Act | Key) -> str:
    """The shortcut as staff read it ("Ctrl+F"), for tooltips, hints and placeholders."""
    found = sequences(key)
    return found[0].toString() if found else ""


def add_shortcut(widget: QWidget, key: Key, slot: Callable[[], object]) -> list[QShortcut]:
    """Bind every sequence of `key` to `slot` while `widget`'s window is active.

    A window shortcut wins over the focused widget, so Ctrl+Enter confirms even from a
    multi-line text edit and Esc cancels from any field.
    """
    return [QShortcut(seq, widget, activated=slot) for seq in sequences(key)]


def dialog_keys(
    dialog: QDialog,
    *,
    accept: Callable[[], object],
    reject: Callable[[], object] | None = None,
) -> None:
    """Give `dialog` the house rules: Ctrl+Enter or Ctrl+Return runs `accept`, Esc `reject`.

    Args:
        dialog: the dialog; the keys work wherever its focus is, text edits included.
        accept: what confirming does (usually the handler of the OK or Save button).
        reject: what cancelling does; the dialog's own `reject` when None.
    """
    add_shortcut(dialog, Key.CONFIRM, accept)
    add_shortcut(dialog, Key.CANCEL, reject or dialog.reject)


def build_actions(parent: QWidget) -> dict[Act, QAction]:
    """Create one QAction per spec, owned by `parent`."""
    actions = {}
    for key, spec in SPECS.items():
        action = QAction(spec.text, parent)
        action.setObjectName(f"action_{key.value}")
        if spec.shortcut:
            action.setShortcut(QKeySequence(spec.shortcut))
        if spec.tip:
            tip = spec.tip
            if spec.shortcut:
                tip += f" ({shortcut_text(key)})"
            action.setToolTip(tip)
            action.setStatusTip(spec.tip)
        actions[key] = action
    return actions
