"""Who may do what at the desk: staff accounts, PINs, roles and the audit of every change.

Modules:
    roles       the roles, the permissions, and each role's default grants
    codes       how a person acts (PIN, no PINs, the computer's user) and the audit's actions
    tables      the staff accounts, the owner's changes to the grants, the audit (append-only)
    pins        what a PIN may be, its slow salted hash, checking one
    actor       the person behind an action, whether they may do it (may, require, approval)
    audit       recording a change in its own transaction, reading the audit back
    lookup      what the start reads: whether PINs are used, the owner's account (Core)
    accounts    adding and changing accounts and their PINs
    grants      the owner's changes to what each role may do
    audit_export the audit as a CSV file, and as lines for a person
    signin      signing in with a PIN, the slow-down and lockout of wrong PINs
    cli         the `staff` and `audit` commands of `returndesk`
    guard       what guarded services share: the timeline's staff name, a customer's subject
"""

__all__ = [
    "roles",
    "codes",
    "tables",
    "pins",
    "actor",
    "audit",
    "lookup",
    "accounts",
    "grants",
    "audit_export",
    "signin",
    "cli",
    "guard",
]
