"""The app's look beyond the platform style: a focus ring staff can see on every field,
and tabs that show the accents of Portuguese capitals.

Fusion marks the focused line edit with its cursor only, and a focused combo box or date
field barely at all, so after Enter moves on staff lose where they are. `apply_look` puts
a clear blue ring on whichever field has the focus. Dialogs that mark fields in error
(ui.widgets.form_parts.STYLE_SHEET) keep their red border: theirs is the nearer style.

Fusion also draws the label of a tab that is not the current one 2 px lower, in a box
that cuts off what rises above the letters: the accent of “Área do cliente” was lost.
`tab_look` keeps every tab's label where the current tab has it, on the tab bars that are
given it (their own style: a Python style for the whole app would be asked for its metrics
thousands of times a paint, which made every paint of the returns list 3 ms slower).
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QTabBar

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


class TabBarStyle(QProxyStyle):
    """The application's style for one tab bar: a tab's label is never shifted down (its
    accents show), and optionally less room around each tab's text."""

    def __init__(self, room: int | None = None):
        super().__init__()
        self._room = room

    def pixelMetric(self, metric, option=None, widget=None) -> int:  # noqa: N802 - Qt's name
        """Qt's metric, with no downward shift of tab labels (and the room asked for)."""
        if metric == QStyle.PM_TabBarTabShiftVertical:
            return 0
        if self._room is not None and metric == QStyle.PM_TabBarTabHSpace:
            return self._room
        return super().pixelMetric(metric, option, widget)


def tab_look(bar: QTabBar, *, room: int | None = None) -> None:
    """Give `bar` labels that keep their accents (and `room` pixels around each tab's text
    when given); the style lives with the bar."""
    style = TabBarStyle(room)
    style.setParent(bar)
    bar.setStyle(style)


def apply_look(app: QApplication) -> None:
    """Give the whole app its focus ring (once; other style sheet rules are kept)."""
    if FOCUS_STYLE not in app.styleSheet():
        app.setStyleSheet(app.styleSheet() + FOCUS_STYLE)
