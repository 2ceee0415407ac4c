"""The Staff page's two tables: the accounts, and what each role may do (the owner's grants).

Both models only show what desk.staff hands them (`StaffInfo` rows, the grants of
`role_grants`); the page does the saving. Ticking a box of the grants matrix does not change
the model: it emits `toggled(role, permission, allowed)`, and the page shows the grants the
desk returns once saved (so a refused change never shows as made).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from desk.i18n.catalog import N_, _
from desk.staff.accounts import StaffInfo
from desk.staff.roles import Permission, Role

_Index = QModelIndex | QPersistentModelIndex

ACCOUNT_COLUMNS = (N_("Name"), N_("Role"), N_("Active"), N_("PIN"), N_("Locked"))
"""The accounts table's headers (translated where shown)."""
NAME, ROLE, ACTIVE, PIN, LOCKED = range(len(ACCOUNT_COLUMNS))
ROLES = (Role.CLERK, Role.MANAGER, Role.OWNER)
"""The grants matrix's columns after the permission's own, in this order."""
FIRST_OWNER = "Owner"
"""The name migration 0022 gives the owner's account, in English whatever the language."""


def shown_name(name: str) -> str:
    """`name` as staff read it: the first owner's English placeholder in the desk's language
    (the owner renames it with Edit…); any other name as it was typed."""
    return Role.OWNER.label if name == FIRST_OWNER else name


def _account_text(info: StaffInfo, column: int) -> str:
    if column == NAME:
        return shown_name(info.name)
    if column == ROLE:
        return info.role.label
    if column == ACTIVE:
        return _("Yes") if info.active else _("Turned off")
    if column == PIN:
        return _("Set") if info.has_pin else _("None")
    return _("Locked") if info.locked else ""


class AccountsModel(QAbstractTableModel):
    """The staff accounts, as desk.staff.accounts.list_staff gives them."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.accounts: list[StaffInfo] = []

    def set_accounts(self, accounts: list[StaffInfo]) -> None:
        """Show `accounts` instead of the rows shown."""
        self.beginResetModel()
        self.accounts = list(accounts)
        self.endResetModel()

    def account_at(self, row: int) -> StaffInfo | None:
        """The account of `row`, or None when there is no such row."""
        return self.accounts[row] if 0 <= row < len(self.accounts) else None

    def row_of(self, account_id: int) -> int | None:
        """The row of the account `account_id`, or None when it is not shown."""
        for row, info in enumerate(self.accounts):
            if info.id == account_id:
                return row
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.accounts)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(ACCOUNT_COLUMNS)

    def data(self, index: _Index, role: int = Qt.DisplayRole):
        info = self.account_at(index.row()) if index.isValid() else None
        if info is None:
            return None
        if role == Qt.DisplayRole:
            return _account_text(info, index.column())
        if role == Qt.ToolTipRole and index.column() == LOCKED and info.locked:
            return _("Locked after wrong PINs: set a new PIN to unlock.")
        if role == Qt.ForegroundRole and not info.active:
            return QColor("#6b7280")
        return None

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole):  # noqa: N802
        shown = role == Qt.DisplayRole and orientation == Qt.Horizontal
        return (
            _(ACCOUNT_COLUMNS[section]) if shown and 0 <= section < len(ACCOUNT_COLUMNS) else None
        )


class GrantsModel(QAbstractTableModel):
    """Permissions down, the roles across, a box ticked where the role may do it.

    The owner's column is ticked and disabled: the owner may always do everything.
    """

    toggled = Signal(object, object, bool)  # Role, Permission, allowed

    def __init__(self, parent=None):
        super().__init__(parent)
        self.permissions = list(Permission)
        self.grants: dict[Role, frozenset[Permission]] = {role: frozenset() for role in ROLES}

    def set_grants(self, grants: dict[Role, frozenset[Permission]]) -> None:
        """Show `grants` (every role's, as desk.staff.grants returns them)."""
        self.grants = {role: frozenset(grants.get(role, ())) for role in ROLES}
        if self.permissions:
            last = self.index(len(self.permissions) - 1, len(ROLES))
            self.dataChanged.emit(self.index(0, 1), last, [Qt.CheckStateRole])

    def cell(self, permission: Permission, role: Role) -> QModelIndex:
        """The index of `role`'s box for `permission`."""
        return self.index(self.permissions.index(permission), ROLES.index(role) + 1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.permissions)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(ROLES) + 1

    def data(self, index: _Index, role: int = Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.permissions):
            return None
        permission = self.permissions[index.row()]
        if index.column() == 0:
            return permission.label if role in (Qt.DisplayRole, Qt.ToolTipRole) else None
        staff_role = ROLES[index.column() - 1]
        if role == Qt.CheckStateRole:
            allowed = permission in self.grants[staff_role] or staff_role is Role.OWNER
            return Qt.Checked if allowed else Qt.Unchecked
        if role == Qt.ToolTipRole:
            return _("{role}: {what}").format(role=staff_role.label, what=permission.label)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.NoItemFlags
        if index.column() == 0:
            return Qt.ItemIsEnabled
        if ROLES[index.column() - 1] is Role.OWNER:
            return Qt.ItemIsUserCheckable  # shown ticked, never enabled
        return Qt.ItemIsEnabled | Qt.ItemIsUserCheckable

    def setData(self, index: _Index, value, role: int = Qt.EditRole) -> bool:  # noqa: N802
        """A box ticked or cleared: say so with `toggled`; the desk's answer redraws it."""
        if role != Qt.CheckStateRole or not index.isValid() or index.column() == 0:
            return False
        staff_role = ROLES[index.column() - 1]
        if staff_role is Role.OWNER:
            return False
        allowed = Qt.CheckState(value) == Qt.Checked
        self.toggled.emit(staff_role, self.permissions[index.row()], allowed)
        return False

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole):  # noqa: N802
        if role != Qt.DisplayRole or orientation != Qt.Horizontal:
            return None
        if section == 0:
            return _("Permission")
        return ROLES[section - 1].label if 0 < section <= len(ROLES) else None
