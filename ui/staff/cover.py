"""The panel that covers the window while nobody is signed in: the shop's name and the PIN pad.

While it covers the window, nothing under it can be seen or reached: the window's menus,
toolbar, list and status bar are turned off, no shortcut of the app runs (only the pad's
keys, which reach it first: a scanner's burst opens nothing under the cover), and the
window's other windows and dialogs are hidden (`hidden` keeps them; the
counter screen, which faces the customer, stays).
"""

from __future__ import annotations

import sys

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QVBoxLayout, QWidget

from desk.db import Database
from desk.i18n.catalog import _
from desk.staff.signin import PadGuard
from ui.staff.sign_in_dialog import sign_in_pad


def _descends(widget: QObject | None, ancestor: QObject) -> bool:
    while widget is not None:
        if widget is ancestor:
            return True
        widget = widget.parent()
    return False


class Cover(QWidget):
    """Covers `window` with a sign-in pad; `signed_in(actor)` when someone's PIN is right."""

    signed_in = Signal(object)  # desk.staff.actor.Actor

    def __init__(self, window: QMainWindow, db: Database, guard: PadGuard, title: str):
        super().__init__(window)
        self.setObjectName("signInCover")
        self._window = window
        self.hidden: list[QWidget] = []
        self._covering = False
        self.setAttribute(Qt.WA_StyledBackground, True)  # its own background, opaque
        self.setStyleSheet("#signInCover { background: #f3f4f6; }")
        heading = QLabel(title, objectName="coverTitle", alignment=Qt.AlignCenter)
        heading.setStyleSheet("font-size: 24px; font-weight: 600;")
        heading.setWordWrap(True)
        hint = QLabel(_("Sign in with your PIN to start."), alignment=Qt.AlignCenter)
        hint.setStyleSheet("font-size: 15px; color: #374151;")
        self.pad = sign_in_pad(db, guard, cancel=False)
        self.pad.accepted.connect(self.signed_in)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addSpacing(12)
        layout.addWidget(self.pad, 0, Qt.AlignHCenter)
        layout.addStretch(2)
        self.hide()
        window.installEventFilter(self)

    @property
    def covering(self) -> bool:
        """Whether the window is covered."""
        return self._covering

    def cover(self) -> None:
        """Cover the window, its other windows and its dialogs; the pad takes the keys."""
        self.pad.clear()
        self.pad.say("")
        self._hide_windows()
        for child in self._parts():
            child.setEnabled(False)
        self.setGeometry(self._window.rect())
        self.show()
        self.raise_()
        self._covering = True
        QApplication.instance().installEventFilter(self)
        self.pad.setFocus()

    def uncover(self) -> list[QWidget]:
        """Show the window again; return the windows hidden meanwhile (the caller decides)."""
        QApplication.instance().removeEventFilter(self)
        self._covering = False
        self.hide()
        for child in self._parts():
            child.setEnabled(True)
        hidden, self.hidden = self.hidden, []
        return [w for w in hidden if shiboken6.isValid(w)]  # some closed meanwhile

    def _parts(self) -> list[QWidget]:
        w = self._window
        parts = [
            w.menuBar(),
            w.centralWidget(),
            w.statusBar(),
            *w.findChildren(QWidget, "mainToolbar"),
        ]
        return [p for p in parts if p is not None]

    def _hide_windows(self) -> None:
        screen_module = sys.modules.get("ui.feedback.counter_screen")
        facing = getattr(screen_module, "CounterScreen", ()) if screen_module else ()
        for top in QApplication.topLevelWidgets():
            if top is self._window or not top.isVisible() or not _descends(top, self._window):
                continue
            if facing and isinstance(top, facing):
                continue
            top.hide()
            self.hidden.append(top)

    def _in_window(self, watched: QObject) -> bool:
        """Whether `watched` is of the covered window itself (not a dialog opened over it)."""
        if not isinstance(watched, QWidget):  # an action's or a shortcut's: its widget's
            watched = watched.parent()
        return isinstance(watched, QWidget) and watched.window() is self._window

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        """Keep the cover over the whole window; while covering, run no shortcut but the pad's."""
        kind = event.type()
        if watched is self._window and kind == QEvent.Resize:
            self.setGeometry(self._window.rect())
        elif not self.covering:
            pass
        elif kind == QEvent.Shortcut and self._in_window(watched):
            return True
        elif kind in (QEvent.KeyPress, QEvent.KeyRelease) and self._in_window(watched):
            if kind == QEvent.KeyPress:  # the pad's, at once: no scan under the cover
                self.pad.keyPressEvent(event)
            return True
        return super().eventFilter(watched, event)
