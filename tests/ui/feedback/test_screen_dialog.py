"""Choosing the counter screen's screen: the second one by default, the staff's own if alone."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from ui.feedback.screen_dialog import ScreenDialog, default_screen, screen_text


def test_the_only_screen_is_the_default_and_is_named(qtbot):
    only = QGuiApplication.screens()[0]
    assert default_screen(only) is only
    assert default_screen(None) in QGuiApplication.screens()
    assert screen_text(only, 1, only).endswith("(this window's screen)")
    dialog = ScreenDialog(only)
    qtbot.addWidget(dialog)
    assert dialog.combo.count() == len(QGuiApplication.screens())
    assert dialog.screen_ is only
