"""Choose the screen the counter screen opens on (the second one by default, if there is one)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desk.i18n.catalog import _, pgettext
from ui.actions import dialog_keys


def default_screen(staff_screen: QScreen | None) -> QScreen:
    """The first screen that is not the staff window's; the staff's own when it is the only one."""
    screens = QGuiApplication.screens()
    others = [s for s in screens if s is not staff_screen]
    return others[0] if others else (staff_screen or QGuiApplication.primaryScreen())


def screen_text(screen: QScreen, number: int, staff_screen: QScreen | None) -> str:
    """How the list names a screen: "2: HDMI-1, 1920×1080 (this window's screen)"."""
    size = screen.geometry().size()
    name = screen.name() or screen.model() or _("screen")
    if screen is staff_screen:
        text = _("{number}: {name}, {width}×{height} (this window's screen)")
    else:
        text = _("{number}: {name}, {width}×{height}")
    return text.format(number=number, name=name, width=size.width(), height=size.height())


class ScreenDialog(QDialog):
    """A list of the screens; `screen` is the chosen one once accepted."""

    def __init__(self, staff_screen: QScreen | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Counter screen"))
        self.combo = QComboBox()
        for number, screen in enumerate(QGuiApplication.screens(), 1):
            self.combo.addItem(screen_text(screen, number, staff_screen), screen)
        self.combo.setCurrentIndex(QGuiApplication.screens().index(default_screen(staff_screen)))
        hint = QLabel(
            _(
                "The customer's screen opens full screen there. Close it from this window "
                "(Close counter screen): it cannot be closed from the screen itself."
            )
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(pgettext("verb", "Open"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        dialog_keys(self, accept=self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Show the counter screen on:")))
        layout.addWidget(self.combo)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    @property
    def screen_(self) -> QScreen:
        """The screen chosen."""
        return self.combo.currentData()
