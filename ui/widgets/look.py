"""The app's look beyond the platform style: a focus ring staff can see on every field,
and tabs that show the accents of Portuguese capitals.

Fusion marks the focused line edit with its cursor only, and a focused combo box or date
field barely at all, so after Enter moves on staff lose where they are. `apply_look` puts
a clear blue ring on whichever field has the focus. Dialogs that mark fields in error
(ui.widgets.form_parts.STYLE_SHEET) keep their red border: theirs is the nearer style.

Fusion also draws the label of a tab that is not the current one 2 px lower, in a box
that cuts off what rises above the letters: the accent of “Área do cliente” was lost.
`apply_look` keeps every tab's label where the current tab has it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle

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


class AccentsOnTabs(QProxyStyle):
    """The platform's style, but a tab's label is never shifted down (its accents show)."""

    def pixelMetric(self, metric, option=None, widget=None) -> int:  # noqa: N802 - Qt's name
        """Qt's metric, with no downward shift for the labels of tabs not current."""
        if metric == QStyle.PM_TabBarTabShiftVertical:
            return 0
        return super().pixelMetric(metric, option, widget)


def apply_look(app: QApplication) -> None:
    """Give the whole app its focus ring and its tabs with accents (once; other style
    sheet rules are kept)."""
    if not isinstance(app.style(), AccentsOnTabs):
        app.setStyle(AccentsOnTabs(app.style().name()))
    if FOCUS_STYLE not in app.styleSheet():
        app.setStyleSheet(app.styleSheet() + FOCUS_STYLE)
