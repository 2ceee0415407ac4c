"""The app's look beyond the platform style: a focus ring staff can see on every field.

Fusion marks the focused line edit with its cursor only, and a focused combo box or date
field barely at all, so after Enter moves on staff lose where they are. `apply_look` puts
a clear blue ring on whichever field has the focus. Dialogs that mark fields in error
(ui.widgets.form_parts.STYLE_SHEET) keep their red border: theirs is the nearer style.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

FOCUS_COLOR = "#2563eb"

FOCUS_STYLE = f"""
QComboBox:focus, QDateEdit:focus, QSpinBox:focus, QDoubleSpinBox:focus, QLineEdit:focus,
QPlainTextEdit:focus, QTextEdit:focus {{
    border: 2px solid {FOCUS_COLOR};
    border-radius: 3px;
    padding: 1px 3px;
}}
"""
"""Only the focused field is styled; every other widget keeps the platform's look."""


def apply_look(app: QApplication) -> None:
    """Give the whole app its focus ring (once; other style sheet rules are kept)."""
    if FOCUS_STYLE not in app.styleSheet():
        app.setStyleSheet(app.styleSheet() + FOCUS_STYLE)
