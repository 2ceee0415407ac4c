"""The small form of the Staff page: add an account, edit one (name, role), or set its PIN.

The PIN is typed twice, masked. Saving runs in the background (a PIN is checked against
every other account's, about 65 ms each) with the form disabled; what the desk refuses is
said next to its field, and what was typed stays for the person to correct.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desk.errors import DeskError, ValidationError
from desk.i18n.catalog import _
from desk.staff.accounts import NAME_CHARS, StaffInfo
from desk.staff.pins import PIN_DIGITS, pin_problem
from desk.staff.roles import Role
from ui.actions import dialog_keys
from ui.background import run_in_background
from ui.staff.staff_models import shown_name
from ui.widgets.form_parts import STYLE_SHEET, ErrorLabel, FieldError, with_error


class Mode(enum.Enum):
    """What the form is for."""

    ADD = "add"
    EDIT = "edit"
    PIN = "pin"


@dataclass(frozen=True)
class StaffValues:
    """What was typed: the name and role (add, edit), the PIN (add: optional; pin)."""

    name: str
    role: Role
    pin: str | None


Save = Callable[[StaffValues], StaffInfo]
"""The desk call the form's Save makes (in the background) with what was typed."""


def _pin_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.Password)
    edit.setMaxLength(PIN_DIGITS[1] + 4)  # room to type a few too many, and be told so
    return edit


class StaffForm(QDialog):
    """Name, role and PIN (twice) as `mode` needs; `saved(info)` once the desk kept them."""

    saved = Signal(object)

    def __init__(
        self,
        mode: Mode,
        save: Save,
        account: StaffInfo | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.mode, self._save, self.account = mode, save, account
        self.saving = False
        self.setStyleSheet(STYLE_SHEET)
        self.setWindowTitle(self._title())
        self.setMinimumWidth(440)
        form = QFormLayout()
        self.errors: dict[str, FieldError] = {}
        self.name_edit = QLineEdit(shown_name(account.name) if account else "")
        self.name_edit.setMaxLength(NAME_CHARS)
        self.role_combo = QComboBox()
        for role in (Role.CLERK, Role.MANAGER, Role.OWNER):
            self.role_combo.addItem(role.label, role)
        if account is not None:
            self.role_combo.setCurrentIndex(self.role_combo.findData(account.role))
        self.pin_edit, self.again_edit = _pin_edit(), _pin_edit()
        if mode is not Mode.PIN:
            form.addRow(_("Name"), self._field("name", self.name_edit))
            form.addRow(_("Role"), self._field("role", self.role_combo))
        if mode is not Mode.EDIT:
            hint = _("Optional: {low} to {high} digits") if mode is Mode.ADD else None
            hint = hint or _("{low} to {high} digits")
            self.pin_edit.setPlaceholderText(hint.format(low=PIN_DIGITS[0], high=PIN_DIGITS[1]))
            form.addRow(_("PIN"), self._field("pin", self.pin_edit))
            form.addRow(_("PIN again"), self._field("again", self.again_edit))
        self.general = ErrorLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        dialog_keys(self, accept=self.submit)
        layout = QVBoxLayout(self)
        self.intro = QLabel(self._pin_intro(account) if account else "")
        self.intro.setWordWrap(True)
        self.intro.setVisible(mode is Mode.PIN and account is not None)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.general)
        layout.addWidget(buttons)
        (self.pin_edit if mode is Mode.PIN else self.name_edit).setFocus()

    def _title(self) -> str:
        if self.mode is Mode.ADD:
            return _("Add a staff account")
        name = shown_name(self.account.name) if self.account else ""
        if self.mode is Mode.EDIT:
            return _("Edit {name}").format(name=name)
        return _("PIN of {name}").format(name=name)

    @staticmethod
    def _pin_intro(account: StaffInfo) -> str:
        if account.locked:
            return _(
                "{name} is locked out after wrong PINs: a new PIN unlocks the account."
            ).format(name=shown_name(account.name))
        return _("{name} signs in with this PIN from now on.").format(name=shown_name(account.name))

    def _field(self, key: str, widget: QWidget) -> QWidget:
        box, self.errors[key] = with_error(widget)
        return box

    def values(self) -> StaffValues:
        """What is typed now."""
        return StaffValues(
            name=self.name_edit.text(),
            role=self.role_combo.currentData(),
            pin=self.pin_edit.text() or None,
        )

    def _checked(self) -> StaffValues | None:
        """What was typed, or None after saying next to the field what is wrong."""
        for error in self.errors.values():
            error.clear()
        self.general.set_message(None)
        values = self.values()
        if self.mode is Mode.EDIT:
            return values
        pin, again = self.pin_edit.text(), self.again_edit.text()
        if self.mode is Mode.PIN or pin or again:
            if problem := pin_problem(pin):
                self.errors["pin"].show(problem)
                self.pin_edit.setFocus()
                return None
            if again != pin:
                self.errors["again"].show(_("The two PINs differ: type the same PIN twice."))
                self.again_edit.setFocus()
                return None
        return values

    def submit(self) -> None:
        """Check what was typed, then save it in the background with the form disabled."""
        if self.saving or (values := self._checked()) is None:
            return
        self._busy(True)
        save = self._save
        run_in_background(
            lambda: save(values),
            owner=self,
            on_success=self._kept,
            on_failure=self._refused,
            on_finished=lambda: self._busy(False),
        )

    def _busy(self, on: bool) -> None:
        self.saving = on
        for widget in (self.name_edit, self.role_combo, self.pin_edit, self.again_edit):
            widget.setEnabled(not on)
        self.save_button.setEnabled(not on)
        self.save_button.setText(_("Saving…") if on else _("&Save"))

    def _kept(self, info: StaffInfo) -> None:
        self.saved.emit(info)
        self.accept()

    def _refused(self, error: Exception) -> None:
        """Say what the desk refused, next to its field; keep what was typed."""
        if isinstance(error, ValidationError):
            for key, message in error.errors.items():
                shown = self.errors.get(key)
                if shown is not None and shown.widget.isVisibleTo(self):
                    shown.show(message)
                    shown.widget.setFocus()
                else:
                    self.general.set_message(message)
        elif isinstance(error, DeskError):
            self.general.set_message(str(error))
        else:
            self.general.set_message(
                _("Not saved: {error}. Try again; nothing was changed.").format(error=error)
            )
