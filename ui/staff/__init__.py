"""Staff at the window: who is signed in, the PIN pad, and asking for an approval.

Modules:
    session     the person signed in at this window (the desk's actor), and its changes
    pin_pad     the PIN pad: signing in, switching user, approving an action
    gate        the one question before a guarded action: may they, or who approves it
"""

__all__ = ["session", "pin_pad", "gate"]
