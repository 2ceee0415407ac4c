"""Settings › Staff: the accounts (add, edit, PIN, turn off or on) and what each role may do.

Everything acts at once through desk.staff (Save is not needed), as the desk's actor (the
person signed in), each call in the background: a PIN is checked against the others' (about
65 ms each). What the desk refuses (a PIN in use, the last active owner turned off) is said
on the page or next to the field of the form.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.errors import DeskError
from desk.i18n.catalog import _
from desk.staff.accounts import StaffInfo, add_staff, change_staff, list_staff, set_pin
from desk.staff.actor import desk_actor, role_grants
from desk.staff.grants import set_grant
from desk.staff.roles import Permission, Role
from ui import prompts
from ui.background import run_in_background
from ui.settings.pages import ERROR_COLOR, OK_COLOR, caption_label
from ui.staff.staff_form import Mode, StaffForm, StaffValues
from ui.staff.staff_models import ACCOUNT_COLUMNS, NAME, AccountsModel, GrantsModel, shown_name


def _sign_in_state(accounts: list[StaffInfo]) -> str:
    if any(info.active and info.has_pin for info in accounts):
        return _("Sign-in is on: someone has a PIN.")
    return _("Sign-in is off: nobody has a PIN.")


class StaffPage(QWidget):
    """The staff accounts with their buttons on the left, the role grants on the right."""

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.form: StaffForm | None = None
        self._select_after: int | None = None  # the account to select once the list is read
        self.busy = 0  # desk calls on their way
        self.model = AccountsModel(self)
        self.grants_model = GrantsModel(self)
        self.grants_model.toggled.connect(self.change_grant)
        layout = QHBoxLayout(self)
        layout.addLayout(self._accounts_column(), 1)
        layout.addSpacing(12)
        layout.addLayout(self._grants_column(), 1)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_buttons())
        self._show_buttons()
        self.reload()

    # construction

    def _accounts_column(self) -> QVBoxLayout:
        hint = caption_label(
            _(
                "A shop where nobody has a PIN asks nobody to sign in: the desk acts as the "
                "owner. Giving anyone a PIN turns sign-in on: from then on everyone signs in "
                "with their own PIN."
            )
        )
        hint.setProperty("role", "hint")
        self.hint = hint
        self.sign_in_label = QLabel()
        self.sign_in_label.setObjectName("staff:signIn")
        self.table = QTableView()
        self.table.setObjectName("staff:accounts")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in range(len(ACCOUNT_COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.edit_account())
        self.add_button = self._button(_("Add…"), self.add_account)
        self.edit_button = self._button(_("Edit…"), self.edit_account)
        self.edit_button.setToolTip(_("Rename the person or change their role"))
        self.pin_button = self._button(_("Set PIN…"), self.set_account_pin)
        self.remove_pin_button = self._button(_("Remove PIN…"), self.remove_account_pin)
        self.active_button = self._button(_("Turn off…"), self.toggle_active)
        buttons = QGridLayout()
        for n, button in enumerate(
            (self.add_button, self.edit_button, self.active_button)
            + (self.pin_button, self.remove_pin_button)
        ):
            buttons.addWidget(button, n // 3, n % 3)
        self.result = caption_label("")
        self.result.setObjectName("staff:result")
        self.result.hide()
        column = QVBoxLayout()
        column.addWidget(hint)
        column.addWidget(self.sign_in_label)
        column.addWidget(self.table, 1)
        column.addLayout(buttons)
        column.addWidget(self.result)
        return column

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        return button

    def _grants_column(self) -> QVBoxLayout:
        heading = QLabel("<b>{}</b>".format(_("What each role may do")))
        hint = caption_label(_("The owner may always do everything. Changes apply at once."))
        hint.setProperty("role", "hint")
        self.grants_view = QTableView()
        self.grants_view.setObjectName("staff:grants")
        self.grants_view.setModel(self.grants_model)
        self.grants_view.setSelectionMode(QAbstractItemView.NoSelection)
        self.grants_view.verticalHeader().hide()
        header = self.grants_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        for column in range(1, self.grants_model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)
        self.grants_view.setWordWrap(True)
        self.grants_result = caption_label("")
        self.grants_result.hide()
        column = QVBoxLayout()
        column.addWidget(heading)
        column.addWidget(hint)
        column.addWidget(self.grants_view, 1)
        column.addWidget(self.grants_result)
        return column

    # reading

    def reload(self) -> None:
        """Read the accounts and the grants in the background, then show them."""
        db = self.db
        self._run(lambda: (list_staff(db), role_grants(db)), self._show)

    def _show(self, answer: tuple[list[StaffInfo], dict]) -> None:
        accounts, grants = answer
        selected = self.selected()
        wanted = self._select_after or (selected.id if selected else None)
        self._select_after = None
        self.model.set_accounts(accounts)
        self.grants_model.set_grants(grants)
        self.sign_in_label.setText(_sign_in_state(accounts))
        self.select(wanted)
        self.grants_view.resizeRowsToContents()

    def selected(self) -> StaffInfo | None:
        """The account selected in the table, if any."""
        index = self.table.selectionModel().currentIndex()
        return self.model.account_at(index.row()) if index.isValid() else None

    def select(self, account_id: int | None) -> None:
        """Select the account `account_id` (the first one when None or not shown)."""
        row = self.model.row_of(account_id) if account_id is not None else None
        if self.model.rowCount():
            self.table.selectRow(row or 0)
        self._show_buttons()

    def _show_buttons(self) -> None:
        info = self.selected()
        for button in (self.edit_button, self.pin_button, self.active_button):
            button.setEnabled(info is not None and not self.busy)
        self.add_button.setEnabled(not self.busy)
        self.remove_pin_button.setEnabled(info is not None and info.has_pin and not self.busy)
        self.active_button.setText(_("Turn on…") if info and not info.active else _("Turn off…"))
        unlock = info is not None and info.locked
        self.pin_button.setText(_("Unlock with a new PIN…") if unlock else _("Set PIN…"))

    # acting

    def _run(self, work, on_success, on_failure=None) -> None:
        self.busy += 1
        self._show_buttons()
        run_in_background(
            work,
            owner=self,
            on_success=on_success,
            on_failure=on_failure or self._failed,
            on_finished=self._done,
        )

    def _done(self) -> None:
        self.busy -= 1
        self._show_buttons()

    def _failed(self, error: Exception) -> None:
        if isinstance(error, DeskError):
            self.say(str(error), ok=False)
        else:
            self.say(_("Not done: {error}. Nothing was changed.").format(error=error), ok=False)

    def say(self, message: str, *, ok: bool = True, grants: bool = False) -> None:
        """Show `message` under the accounts (or under the grants), green or red."""
        label = self.grants_result if grants else self.result
        label.setText(message)
        label.setStyleSheet(f"color: {OK_COLOR if ok else ERROR_COLOR};")
        label.show()

    def _open_form(self, mode: Mode, save, account: StaffInfo | None, done: str) -> None:
        self.form = StaffForm(mode, save, account, self)
        self.form.setAttribute(Qt.WA_DeleteOnClose)
        self.form.saved.connect(lambda info: self._saved(info, done))
        self.form.open()

    def _saved(self, info: StaffInfo, done: str) -> None:
        self.say(done.format(name=shown_name(info.name)))
        self._select_after = info.id
        self.reload()

    def add_account(self) -> None:
        """Open the form for a new account (name, role, optional PIN)."""
        db, actor = self.db, desk_actor()

        def save(values: StaffValues) -> StaffInfo:
            return add_staff(db, name=values.name, role=values.role, pin=values.pin, actor=actor)

        self._open_form(Mode.ADD, save, None, _("{name} added."))

    def edit_account(self) -> None:
        """Open the form that renames the selected account or changes its role."""
        if (info := self.selected()) is None:
            return
        db, actor = self.db, desk_actor()

        def save(values: StaffValues) -> StaffInfo:
            name = values.name if values.name != shown_name(info.name) else None
            role = values.role if values.role is not info.role else None
            return change_staff(db, info.id, name=name, role=role, actor=actor)

        self._open_form(Mode.EDIT, save, info, _("{name} saved."))

    def set_account_pin(self) -> None:
        """Open the form that sets the selected account's PIN (which also unlocks it)."""
        if (info := self.selected()) is None:
            return
        db, actor = self.db, desk_actor()
        self._open_form(
            Mode.PIN,
            lambda values: set_pin(db, info.id, values.pin, actor=actor),
            info,
            _("New PIN saved for {name}."),
        )

    def remove_account_pin(self) -> None:
        """Remove the selected account's PIN, after asking."""
        if (info := self.selected()) is None or not info.has_pin:
            return
        question = _("Remove the PIN of {name}? They cannot sign in until they have one again.")
        if not prompts.ask_yes_no(
            self, _("Remove PIN"), question.format(name=shown_name(info.name))
        ):
            return
        db, actor = self.db, desk_actor()
        self._run(
            lambda: set_pin(db, info.id, None, actor=actor),
            lambda kept: self._saved(kept, _("PIN of {name} removed.")),
        )

    def toggle_active(self) -> None:
        """Turn the selected account off (it can no longer sign in) or on, after asking."""
        if (info := self.selected()) is None:
            return
        if info.active:
            title, question = _("Turn off"), _("Turn off {name}? They can no longer sign in.")
            done = _("{name} turned off.")
        else:
            title, question = _("Turn on"), _("Turn on {name} again?")
            done = _("{name} turned on.")
        if not prompts.ask_yes_no(self, title, question.format(name=shown_name(info.name))):
            return
        db, actor, active = self.db, desk_actor(), not info.active
        self._run(
            lambda: change_staff(db, info.id, active=active, actor=actor),
            lambda kept: self._saved(kept, done),
        )

    def change_grant(self, role: Role, permission: Permission, allowed: bool) -> None:
        """Let `role` do `permission` or not, through the desk; show the grants it returns."""
        db, actor = self.db, desk_actor()
        self.grants_view.setEnabled(False)

        def shown(grants) -> None:
            self.grants_model.set_grants(grants)
            words = _("{role} may now: {what}.") if allowed else _("{role} may no longer: {what}.")
            self.say(words.format(role=role.label, what=permission.label.lower()), grants=True)

        def refused(error: Exception) -> None:
            self.say(str(error), ok=False, grants=True)

        run_in_background(
            lambda: set_grant(db, role, permission, allowed, actor=actor),
            owner=self,
            on_success=shown,
            on_failure=refused,
            on_finished=lambda: self.grants_view.setEnabled(True),
        )
