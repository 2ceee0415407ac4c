"""Who may do what: the roles, the permissions, and what each role may do by default.

The owner may do everything, always (so a shop can never lock its owner out); what a clerk
and a manager may do starts from DEFAULT_GRANTS and the owner can change it
(desk.staff.grants). The defaults follow the issue's shop: the owner alone changes the
shop's settings, templates and staff, erases, exports, restores and merges; a manager may
also override a policy problem and redeem a reward code; everyone logs, moves, prints and
sends.
"""

from __future__ import annotations

import enum

from desk.i18n.catalog import N_, _


class Role(enum.StrEnum):
    """A staff account's role; the values are what the table and the command line hold."""

    CLERK = "clerk"
    MANAGER = "manager"
    OWNER = "owner"

    @property
    def label(self) -> str:
        """The role's name in the desk's language."""
        return _(_ROLE_LABELS[self])


_ROLE_LABELS = {Role.CLERK: N_("Clerk"), Role.MANAGER: N_("Manager"), Role.OWNER: N_("Owner")}


class Permission(enum.StrEnum):
    """Something a role may or may not do; the values are stored in role_grant."""

    LOG_RETURN = "log_return"
    MOVE_RETURN = "move_return"
    PRINT = "print"
    SEND = "send"
    DASHBOARD = "dashboard"
    OVERRIDE_POLICY = "override_policy"
    REDEEM_CODE = "redeem_code"
    IMPORT_DATA = "import_data"
    SETTINGS = "settings"
    TEMPLATES = "templates"
    ERASE_CUSTOMER = "erase_customer"
    EXPORT_CUSTOMER = "export_customer"
    MERGE_CUSTOMERS = "merge_customers"
    RESTORE_BACKUP = "restore_backup"
    STAFF_ACCOUNTS = "staff_accounts"
    READ_AUDIT = "read_audit"

    @property
    def label(self) -> str:
        """What the permission lets a person do, in the desk's language."""
        return _(_PERMISSION_LABELS[self])


_PERMISSION_LABELS = {
    Permission.LOG_RETURN: N_("Log a return"),
    Permission.MOVE_RETURN: N_("Move a return to its next status"),
    Permission.PRINT: N_("Print instructions and slips"),
    Permission.SEND: N_("Send messages to customers"),
    Permission.DASHBOARD: N_("Read the dashboard"),
    Permission.OVERRIDE_POLICY: N_("Override a policy problem"),
    Permission.REDEEM_CODE: N_("Redeem a reward code"),
    Permission.IMPORT_DATA: N_("Import customers, products and sales"),
    Permission.SETTINGS: N_("Change the shop's settings"),
    Permission.TEMPLATES: N_("Edit message templates"),
    Permission.ERASE_CUSTOMER: N_("Erase a customer"),
    Permission.EXPORT_CUSTOMER: N_("Export a customer's data"),
    Permission.MERGE_CUSTOMERS: N_("Merge customers"),
    Permission.RESTORE_BACKUP: N_("Restore a backup"),
    Permission.STAFF_ACCOUNTS: N_("Manage staff accounts"),
    Permission.READ_AUDIT: N_("Read the audit"),
}

_EVERYONE = frozenset(
    {
        Permission.LOG_RETURN,
        Permission.MOVE_RETURN,
        Permission.PRINT,
        Permission.SEND,
        Permission.DASHBOARD,
    }
)

DEFAULT_GRANTS: dict[Role, frozenset[Permission]] = {
    Role.CLERK: _EVERYONE,
    Role.MANAGER: _EVERYONE
    | {Permission.OVERRIDE_POLICY, Permission.REDEEM_CODE, Permission.IMPORT_DATA},
    Role.OWNER: frozenset(Permission),
}
"""What each role may do until the owner changes it; the owner's row never changes."""
