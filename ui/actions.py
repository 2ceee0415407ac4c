"""Every shortcut of the app, declared once: the menu and toolbar actions, and the dialogs' keys.

`SPECS` holds the main window's actions (text, shortcut, tip: English, marked with N_ and
translated where shown); `KEYS` holds the keys that work
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

from desk.i18n.catalog import N_, _


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
    AUDIT = "audit"
    QUIT = "quit"
    SHORTCUTS = "shortcuts"
    GUIDE = "guide"
    ABOUT = "about"
    PRODUCTS = "products"
    SWITCH_USER = "switch_user"
    SIGN_OUT = "sign_out"


@dataclass(frozen=True)
class ActionSpec:
    text: str
    shortcut: QKeySequence.StandardKey | str | None = None
    tip: str = ""


SPECS: dict[Act, ActionSpec] = {
    Act.NEW_RETURN: ActionSpec(N_("&New return…"), "Ctrl+N", N_("Log a return at the counter")),
    Act.FIND: ActionSpec(
        N_("&Find"), "Ctrl+F", N_("Search by number, customer, email, phone or SKU")
    ),
    Act.REFRESH: ActionSpec(N_("&Refresh"), "F5", N_("Reload the list from the database")),
    Act.UNDO_MOVE: ActionSpec(
        N_("&Undo last move"), "Ctrl+Z", N_("Take back the move just made (for a few seconds)")
    ),
    Act.SHOW_ALL_STATUSES: ActionSpec(
        N_("Show &all statuses"),
        "Ctrl+Shift+A",
        N_("List returns of every status, closed ones too"),
    ),
    Act.LOAD_DEMO: ActionSpec(
        N_("Load &demo data…"), None, N_("Fill this database with demo returns")
    ),
    Act.CUSTOMERS: ActionSpec(
        N_("&Customers…"),
        "Ctrl+Shift+C",
        N_("Every customer: search, open a profile, merge duplicates"),
    ),
    Act.IMPORT_CUSTOMERS: ActionSpec(
        N_("&Import customers…"), None, N_("Add or update customers from the till's CSV export")
    ),
    Act.TEMPLATES: ActionSpec(
        N_("Message &templates…"), "Ctrl+T", N_("Edit the wording of the messages customers get")
    ),
    Act.SETTINGS: ActionSpec(
        N_("&Settings…"), "Ctrl+,", N_("Shop details, email, SMS and notifications")
    ),
    Act.PRINT_INSTRUCTIONS: ActionSpec(
        N_("&Print return instructions…"), "Ctrl+P", N_("Print the customer's return instructions")
    ),
    Act.EXPORT_INSTRUCTIONS: ActionSpec(
        N_("&Export instructions as PDF…"),
        None,
        N_("Save the customer's return instructions as a PDF"),
    ),
    Act.COUNTER_SCREEN: ActionSpec(
        N_("&Counter screen…"), None, N_("Open the customer's feedback screen on a second screen")
    ),
    Act.CLOSE_COUNTER_SCREEN: ActionSpec(
        N_("C&lose counter screen"), None, N_("Close the customer's feedback screen")
    ),
    Act.REWARD_CODES: ActionSpec(
        N_("&Reward codes…"), "Ctrl+Shift+R", N_("Look a reward code up and mark it redeemed")
    ),
    Act.DASHBOARD: ActionSpec(
        N_("&Dashboard…"), "Ctrl+D", N_("Volumes, reasons, speed and satisfaction over a period")
    ),
    Act.AUDIT: ActionSpec(
        N_("&Audit…"), None, N_("Who changed what and when, and who approved it")
    ),
    Act.QUIT: ActionSpec(N_("&Quit"), "Ctrl+Q"),
    Act.SHORTCUTS: ActionSpec(
        N_("&Keyboard shortcuts"), "F1", N_("Every key of the window and dialogs")
    ),
    Act.GUIDE: ActionSpec(N_("User &guide…"), None, N_("How to log, move and close returns")),
    Act.ABOUT: ActionSpec(N_("&About Return Desk"), None, N_("Version, database and licences")),
    Act.PRODUCTS: ActionSpec(
        N_("&Products…"), "Ctrl+Shift+P", N_("The catalogue: search, add, edit or delete products")
    ),
    Act.SWITCH_USER: ActionSpec(
        N_("S&witch user…"), "F2", N_("Another person signs in with their PIN")
    ),
    Act.SIGN_OUT: ActionSpec(
        N_("Sign &out"), None, N_("Sign out and cover the window until the next PIN")
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
    Key.CONFIRM: N_("Confirm the dialog (save, move, send), wherever the cursor is"),
    Key.CANCEL: N_("Cancel the dialog or close the window"),
    Key.SAVE: N_("Save the settings or the message template being edited"),
    Key.ADD_LINE: N_("Add an item line to a new return"),
    Key.REMOVE_LINE: N_("Remove the item line the cursor is in"),
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
        action = QAction(_(spec.text), parent)
        action.setObjectName(f"action_{key.value}")
        if spec.shortcut:
            action.setShortcut(QKeySequence(spec.shortcut))
        if spec.tip:
            tip = _(spec.tip)
            action.setStatusTip(tip)
            if spec.shortcut:
                tip += f" ({shortcut_text(key)})"
            action.setToolTip(tip)
        actions[key] = action
    return actions
