"""Staff at the window: who is signed in, the PIN pad, approvals, the staff page, the audit.

Modules:
    signed_in       the person signed in at this window (the desk's actor), and its changes
    pin_pad         the PIN pad widget (touch and keyboard), and `ask_approval`
    approval        manager approval: an authorised person's PIN for one action
    sign_in_dialog  the pad that signs a person in, and F2's switch-user dialog
    cover           the panel over the window while nobody is signed in
    idle            the time without use before signing out
    offered         which window actions need which permission; hiding the others
    names           the staff name a timeline entry records (signed in, or typed)
    window_link     the main window's wiring of all of the above
    gate            the one question before a guarded action: may they, or who approves it
    accounts_page   Settings › Staff: the accounts, their PINs, what each role may do
    staff_form      the page's form: add an account, edit one, set its PIN (typed twice)
    staff_models    the page's tables: the accounts, and the role grants matrix
    audit_window    Owner › Audit: the entries with their filters, Export CSV
    audit_model     the audit table, newest first, a page at a time in the background
"""

__all__ = [
    "signed_in",
    "pin_pad",
    "approval",
    "sign_in_dialog",
    "cover",
    "idle",
    "offered",
    "names",
    "window_link",
    "gate",
    "accounts_page",
    "staff_form",
    "staff_models",
    "audit_window",
    "audit_model",
]
