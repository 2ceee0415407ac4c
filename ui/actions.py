"""Every menu and toolbar action, declared once with its text and shortcut."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


class Act(enum.Enum):
    NEW_RETURN = "new_return"
    FIND = "find"
    REFRESH = "refresh"
    LOAD_DEMO = "load_demo"
    IMPORT_CUSTOMERS = "import_customers"
    TEMPLATES = "templates"
    SETTINGS = "settings"
    PRINT_INSTRUCTIONS = "print_instructions"
    EXPORT_INSTRUCTIONS = "export_instructions"
    QUIT = "quit"
    ABOUT = "about"


@dataclass(frozen=True)
class ActionSpec:
    text: str
    shortcut: QKeySequence.StandardKey | str | None = None
    tip: str = ""


SPECS: dict[Act, ActionSpec] = {
    Act.NEW_RETURN: ActionSpec("&New return…", "Ctrl+N", "Log a return at the counter"),
    Act.FIND: ActionSpec("&Find", "Ctrl+F", "Search by number, customer, email, phone or SKU"),
    Act.REFRESH: ActionSpec("&Refresh", "F5", "Reload the list from the database"),
    Act.LOAD_DEMO: ActionSpec("Load &demo data…", None, "Fill this database with demo returns"),
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
    Act.QUIT: ActionSpec("&Quit", "Ctrl+Q"),
    Act.ABOUT: ActionSpec("&About Return Desk"),
}


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
                tip += f" ({QKeySequence(spec.shortcut).toString()})"
            action.setToolTip(tip)
            action.setStatusTip(spec.tip)
        actions[key] = action
    return actions
