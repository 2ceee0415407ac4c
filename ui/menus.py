"""The main window's menu bar: which action sits in which menu, in what order."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenuBar

from desk.i18n.catalog import N_, _
from ui.actions import Act

SEPARATOR = None

MENUS: tuple[tuple[str, tuple[Act | None, ...]], ...] = (
    (
        N_("&File"),
        (
            Act.NEW_RETURN,
            Act.LOAD_DEMO,
            Act.IMPORT_CUSTOMERS,
            Act.TEMPLATES,
            Act.SETTINGS,
            SEPARATOR,
            Act.PRINT_INSTRUCTIONS,
            Act.EXPORT_INSTRUCTIONS,
            SEPARATOR,
            Act.QUIT,
        ),
    ),
    (
        N_("&View"),
        (Act.FIND, Act.REFRESH, Act.SHOW_ALL_STATUSES, SEPARATOR, Act.CUSTOMERS, Act.PRODUCTS),
    ),
    (
        N_("F&eedback"),
        (Act.COUNTER_SCREEN, Act.CLOSE_COUNTER_SCREEN, SEPARATOR, Act.REWARD_CODES),
    ),
    (N_("&Owner"), (Act.DASHBOARD, Act.AUDIT)),
    (N_("&Help"), (Act.SHORTCUTS, Act.GUIDE, SEPARATOR, Act.ABOUT)),
)
"""Each menu's title and its actions (SEPARATOR: a line between groups)."""


def build_menus(bar: QMenuBar, actions: dict[Act, QAction]) -> None:
    """Fill `bar` with MENUS, titles in the desk's language."""
    for title, entries in MENUS:
        menu = bar.addMenu(_(title))
        for act in entries:
            menu.addSeparator() if act is SEPARATOR else menu.addAction(actions[act])
