"""The PIN pad: big digit keys for a touch screen, the keyboard's digits, and the desk's answer.

    pad = PinPad(lambda pin, name: sign_in(db, pin, name=name, guard=guard))
    pad.accepted.connect(...)        # the Actor whose PIN it was
    pad.cancelled.connect(...)       # Esc (or the Cancel key), when the pad offers it

Typed digits show as dots, never as digits. Enter (or OK) hands the PIN to `check`, which runs
off the UI thread (scrypt takes tens of milliseconds an account) while the pad says it is
checking; a refusal (desk.staff.signin.SignInRefused) is said on the pad, and a wait before the
next try keeps OK off with a countdown. With `set_names`, a person can pick their name first:
then only that account is tried, and a wrong PIN counts against it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desk.db import Database
from desk.errors import DeskError
from desk.i18n.catalog import _, pgettext
from desk.models import utcnow
from desk.staff.actor import Actor
from desk.staff.pins import PIN_DIGITS
from desk.staff.roles import Permission
from ui.actions import dialog_keys
from ui.background import run_in_background

ERROR_STYLE = "color: #b91c1c;"
KEY_STYLE = "QPushButton { font-size: 22px; min-width: 76px; min-height: 58px; }"
MESSAGE_STYLE = "font-size: 14px;"
DOT = "●"

Check = Callable[[str, "str | None"], Actor]
"""What the pad asks: the person whose PIN it is (of that name, when one was picked)."""


class PinPad(QWidget):
    """Digits 0–9, erase and OK, by touch or keyboard; `accepted(actor)` when the PIN is right."""

    accepted = Signal(object)  # desk.staff.actor.Actor
    cancelled = Signal()

    def __init__(self, check: Check, *, cancel: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pinPad")
        self._check = check
        self._pin = ""
        self._busy = False
        self._retry_at = None
        self._countdown = QTimer(self, interval=250)
        self._countdown.timeout.connect(self._tick)
        self.setFocusPolicy(Qt.StrongFocus)
        self.names = QListWidget(objectName="pinNames")
        self.names.setFocusPolicy(Qt.NoFocus)  # the keyboard types the PIN, always
        self.names.setStyleSheet(
            "QListWidget { font-size: 16px; } QListWidget::item { padding: 8px; }"
        )
        self.names.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.names.hide()
        self.dots = QLabel(objectName="pinDots", alignment=Qt.AlignCenter)
        self.dots.setMinimumHeight(48)
        self.message = QLabel(objectName="pinMessage", alignment=Qt.AlignCenter, wordWrap=True)
        self.message.setMinimumHeight(44)
        self.message.setMaximumWidth(340)
        self.keys: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(8)
        for i, digit in enumerate("123456789"):
            grid.addWidget(self._key(digit, digit), i // 3, i % 3)
        grid.addWidget(self._key("erase", "⌫", _("Erase the last digit (Backspace)")), 3, 0)
        grid.addWidget(self._key("0", "0"), 3, 1)
        self.ok_button = self._key("ok", pgettext("pin pad", "OK"), _("Check the PIN (Enter)"))
        self.ok_button.setDefault(True)
        grid.addWidget(self.ok_button, 3, 2)
        self.cancel_button = QPushButton(_("Cancel"), objectName="pinCancel")
        self.cancel_button.setFocusPolicy(Qt.NoFocus)
        self.cancel_button.setToolTip(_("Close the pad (Esc)"))
        self.cancel_button.clicked.connect(self.cancelled)
        self.cancel_button.setVisible(cancel)
        pad = QVBoxLayout()
        pad.addWidget(self.dots)
        pad.addLayout(grid)
        pad.addWidget(self.message)
        pad.addWidget(self.cancel_button, 0, Qt.AlignHCenter)
        layout = QHBoxLayout(self)
        layout.addWidget(self.names, 0, Qt.AlignTop)
        layout.addLayout(pad)
        self._show_dots()

    def _key(self, name: str, text: str, tip: str = "") -> QPushButton:
        button = QPushButton(text, objectName=f"pinKey_{name}")
        button.setFocusPolicy(Qt.NoFocus)
        button.setStyleSheet(KEY_STYLE)
        button.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        button.setToolTip(tip)
        button.clicked.connect(lambda: self.press(name))
        self.keys[name] = button
        return button

    # what the person does

    def press(self, key: str) -> None:
        """A key of the pad: a digit, "erase" or "ok" (touch and keyboard alike)."""
        if self._busy:
            return
        if key == "erase":
            self._pin = self._pin[:-1]
        elif key == "ok":
            self.submit()
            return
        elif key.isdigit() and len(self._pin) < PIN_DIGITS[1]:
            self._pin += key
        self._show_dots()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        """Digits type, Backspace erases, Enter checks, Esc cancels."""
        key, text = event.key(), event.text()
        if text and text.isascii() and text.isdigit():
            self.press(text)
        elif key == Qt.Key_Backspace:
            self.press("erase")
        elif key in (Qt.Key_Return, Qt.Key_Enter):
            self.press("ok")
        elif key == Qt.Key_Escape and self.cancel_button.isVisibleTo(self):
            self.cancelled.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def submit(self) -> None:
        """Check the typed PIN in the background (nothing when waiting, or too short)."""
        if self._busy or not self.ok_button.isEnabled():
            return
        pin, name = self._pin, self.chosen_name()
        if len(pin) < PIN_DIGITS[0]:
            shortest, longest = PIN_DIGITS
            self.say(
                _("A PIN has {shortest} to {longest} digits.").format(
                    shortest=shortest, longest=longest
                ),
                error=True,
            )
            return
        self._set_busy(True)
        check = self._check
        run_in_background(
            lambda: check(pin, name), owner=self, on_success=self._right, on_failure=self._wrong
        )

    # names

    def set_names(self, names: list[str]) -> None:
        """Offer `names` to pick first (none: the PIN alone says who it is)."""
        self.names.clear()
        if not names:
            self.names.hide()
            return
        anyone = QListWidgetItem(_("Anyone: the PIN says who"))
        anyone.setData(Qt.UserRole, None)
        self.names.addItem(anyone)
        for name in names:
            item = QListWidgetItem(name)
            item.setData(Qt.UserRole, name)
            self.names.addItem(item)
        self.names.setCurrentRow(0)
        rows = sum(self.names.sizeHintForRow(i) for i in range(min(self.names.count(), 8)))
        frame = 2 * self.names.frameWidth() + 4
        self.names.setFixedHeight(rows + frame)
        wide = max(self.names.sizeHintForColumn(0), 160) + frame + 24
        self.names.setFixedWidth(min(wide, 360))
        self.names.show()

    def chosen_name(self) -> str | None:
        """The name picked, or None (the PIN alone)."""
        item = self.names.currentItem() if self.names.isVisibleTo(self) else None
        return item.data(Qt.UserRole) if item is not None else None

    # what the pad shows

    def say(self, text: str, *, error: bool = False) -> None:
        """Show `text` under the keys (in red for a refusal)."""
        self.message.setStyleSheet(MESSAGE_STYLE + (ERROR_STYLE if error else ""))
        self.message.setText(text)

    def clear(self) -> None:
        """Forget the digits typed."""
        self._pin = ""
        self._show_dots()

    @property
    def typed(self) -> int:
        """How many digits are typed (the digits themselves stay inside the pad)."""
        return len(self._pin)

    @property
    def busy(self) -> bool:
        """Whether a PIN is being checked."""
        return self._busy

    def _show_dots(self) -> None:
        if self._pin:
            self.dots.setStyleSheet("font-size: 30px; letter-spacing: 6px;")
            self.dots.setText(DOT * len(self._pin))
        else:
            self.dots.setStyleSheet("font-size: 16px; color: #6b7280;")
            self.dots.setText(_("Type your PIN"))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for button in self.keys.values():
            button.setEnabled(not busy)
        self.names.setEnabled(not busy)
        if busy:
            self.say(_("Checking…"))
        else:
            self._tick()  # a wait may keep OK off

    def _right(self, actor: Actor) -> None:
        self._set_busy(False)
        self.clear()
        self.say("")
        self.accepted.emit(actor)

    def _wrong(self, error: Exception) -> None:
        self._busy = False
        self.clear()
        if not isinstance(error, DeskError):
            self._set_busy(False)
            said = (str(error).strip().splitlines() or [type(error).__name__])[0][:200]
            self.say(_("The PIN could not be checked: {error}").format(error=said), error=True)
            return
        retry_at = getattr(error, "retry_at", None)
        locked = getattr(error, "locked", False)
        self._retry_at = None if locked else retry_at  # a lock is one account's, not the pad's
        self._set_busy(False)
        self.say(str(error), error=True)
        if self._retry_at is not None:
            self._countdown.start()

    def _tick(self) -> None:
        """Keep OK off, counting down, until the next try is taken."""
        left = 0 if self._retry_at is None else (self._retry_at - utcnow()).total_seconds()
        if left <= 0:
            self._retry_at = None
            self._countdown.stop()
            self.ok_button.setText(pgettext("pin pad", "OK"))
            self.ok_button.setEnabled(not self._busy)
            return
        seconds = int(left + 0.999)
        self.ok_button.setEnabled(False)
        self.ok_button.setText(_("{n} s").format(n=seconds))

    @property
    def waiting(self) -> bool:
        """Whether OK is off until the next try is taken."""
        return self._retry_at is not None


class PadDialog(QDialog):
    """A short text above a PIN pad; `actor` is the person whose PIN the pad took, if any.

    Esc closes it (not while a PIN is being checked). The approval and F2's switch-user
    dialogs are this with their own text and pad."""

    def __init__(self, text: str, pad: PinPad, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor: Actor | None = None
        intro = QLabel(text, wordWrap=True)
        intro.setMaximumWidth(340)
        self.pad = pad
        pad.accepted.connect(self._took)
        pad.cancelled.connect(self.reject)
        dialog_keys(self, accept=pad.submit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(pad)
        pad.setFocus()

    def _took(self, actor: Actor) -> None:
        self.actor = actor
        self.accept()

    def reject(self) -> None:
        """Close without a PIN taken (not while one is being checked)."""
        if not self.pad.busy:
            super().reject()


def ask_approval(parent: QWidget, db: Database, permission: Permission) -> Actor | None:
    """The person who approves `permission` with their PIN, or None when nobody did."""
    from ui.staff.approval import ask_approval as ask

    return ask(parent, db, permission)
