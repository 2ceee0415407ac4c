"""The staff package's stored codes: how a person acts, and what the audit records."""

from __future__ import annotations

import enum

from desk.i18n.catalog import N_, _


class ActingAs(enum.StrEnum):
    """How the person behind an action was known."""

    PIN = "pin"
    """Signed in at the desk with their PIN."""
    NO_PINS = "no_pins"
    """A shop without PINs: the name typed at the desk, with the owner's rights."""
    COMPUTER = "computer"
    """The computer's user on the command line (or a script): acts as the owner."""


class AuditAction(enum.StrEnum):
    """What an audit entry records; the values are stored and printed by `returndesk audit`."""

    SETTING_CHANGED = "setting_changed"
    TEMPLATE_SAVED = "template_saved"
    TEMPLATE_RESET = "template_reset"
    POLICY_OVERRIDDEN = "policy_overridden"
    CUSTOMER_ERASED = "customer_erased"
    CUSTOMER_EXPORTED = "customer_exported"
    CUSTOMERS_MERGED = "customers_merged"
    BACKUP_RESTORED = "backup_restored"
    CODE_REDEEMED = "code_redeemed"
    DATA_IMPORTED = "data_imported"
    SIGNED_IN = "signed_in"
    SIGNED_OUT = "signed_out"
    PIN_REFUSED = "pin_refused"
    LOCKED_OUT = "locked_out"
    STAFF_ADDED = "staff_added"
    STAFF_CHANGED = "staff_changed"
    PIN_SET = "pin_set"
    GRANT_CHANGED = "grant_changed"

    @property
    def label(self) -> str:
        """The action as the owner reads it in the audit, in the desk's language."""
        return _(_ACTION_LABELS[self])


_ACTION_LABELS = {
    AuditAction.SETTING_CHANGED: N_("Setting changed"),
    AuditAction.TEMPLATE_SAVED: N_("Template saved"),
    AuditAction.TEMPLATE_RESET: N_("Template reset"),
    AuditAction.POLICY_OVERRIDDEN: N_("Policy overridden"),
    AuditAction.CUSTOMER_ERASED: N_("Customer erased"),
    AuditAction.CUSTOMER_EXPORTED: N_("Customer exported"),
    AuditAction.CUSTOMERS_MERGED: N_("Customers merged"),
    AuditAction.BACKUP_RESTORED: N_("Backup restored"),
    AuditAction.CODE_REDEEMED: N_("Reward code redeemed"),
    AuditAction.DATA_IMPORTED: N_("Data imported"),
    AuditAction.SIGNED_IN: N_("Signed in"),
    AuditAction.SIGNED_OUT: N_("Signed out"),
    AuditAction.PIN_REFUSED: N_("Wrong PIN"),
    AuditAction.LOCKED_OUT: N_("Locked out"),
    AuditAction.STAFF_ADDED: N_("Staff account added"),
    AuditAction.STAFF_CHANGED: N_("Staff account changed"),
    AuditAction.PIN_SET: N_("PIN set"),
    AuditAction.GRANT_CHANGED: N_("Role permissions changed"),
}
