"""Tabs a little closer together, so that every tab of the Settings dialog stays in view.

Eleven tabs, in English or in Portuguese, need more than the 1,000 pixels the dialog has
on a 1024×700 screen with the style's usual room around each tab's text, and a tab behind
the tab bar's scroll arrows is easily missed.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget

from ui.widgets.look import tab_look

TAB_ROOM = 14
"""Pixels left and right of a tab's text together (Fusion gives 24)."""


def compact_tabs(tabs: QTabWidget) -> None:
    """Give `tabs`' tab bar less room around each tab's text (and labels with accents)."""
    tab_look(tabs.tabBar(), room=TAB_ROOM)
