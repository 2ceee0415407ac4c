"""Staff at the window: who is signed in, the PIN pad, and asking for an approval.

Modules:
    session     the person signed in at this window (the desk's actor), and its changes
    pin_pad     the PIN pad: signing in, switching user, approving an action
    gate        the one question before a guarded action: may they, or who approves it
    accounts_page   Settings › Staff: the accounts, their PINs, what each role may do
    staff_form      the page's form: add an account, edit one, set its PIN (typed twice)
    staff_models    the page's tables: the accounts, and the role grants matrix
    audit_window    Owner › Audit: the entries with their filters, Export CSV
    audit_model     the audit table, newest first, a page at a time in the background
"""

__all__ = [
    "session",
    "pin_pad",
    "gate",
    "accounts_page",
    "staff_form",
    "staff_models",
    "audit_window",
    "audit_model",
]
