"""What is offered to whom: each guarded action of the window and the permission it needs.

After each sign-in the window hides the actions the person may not do (`offer`), and the
menus left with nothing to offer. Where a guarded action is reached anyway (a button in a
window), ui.staff.gate asks for an approver's PIN.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenuBar

from desk.staff.roles import Permission
from ui.actions import Act

NEEDS: dict[Act, Permission] = {
    Act.SETTINGS: Permission.SETTINGS,
    Act.TEMPLATES: Permission.TEMPLATES,
    Act.IMPORT_CUSTOMERS: Permission.IMPORT_DATA,
    Act.LOAD_DEMO: Permission.IMPORT_DATA,
    Act.REWARD_CODES: Permission.REDEEM_CODE,
    Act.DASHBOARD: Permission.DASHBOARD,
    Act.AUDIT: Permission.READ_AUDIT,
}
"""The window's actions that only some may do, and what they need."""


def offer(actions: dict[Act, QAction], menu_bar: QMenuBar, may: Iterable[Permission]) -> None:
    """Show the actions a person who may do `may` can use, hide the others, and hide the
    menus that end with nothing to show."""
    may = frozenset(may)
    for act, permission in NEEDS.items():
        if act in actions:
            actions[act].setVisible(permission in may)
    for menu_action in menu_bar.actions():
        menu = menu_action.menu()
        if menu is not None:
            shown = [a for a in menu.actions() if a.isVisible() and not a.isSeparator()]
            menu_action.setVisible(bool(shown))
