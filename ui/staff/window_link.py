"""The main window's staff: sign-in at the start, F2 to switch user, sign-out, idle sign-out.

The window keeps one `StaffLink`. When the shop uses PINs (some active account has one), the
window is covered until someone signs in, and again after each sign-out; the status bar says
who is signed in; after each sign-in the actions that person may not do are hidden
(ui.staff.offered) and the idle time of desk.settings.STAFF_IDLE_MINUTES is counted.

A shop without PINs sees none of this: the owner's account acts (ActingAs.NO_PINS), so the
audit names the shop's owner and tells the window from a command run by the computer's
user, and the owner may set their own PIN from the Staff page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QLabel, QMenu

from desk.db import Database
from desk.i18n.catalog import _
from desk.settings import STAFF_IDLE_MINUTES, load_settings
from desk.staff.actor import Actor, role_grants
from desk.staff.codes import ActingAs
from desk.staff.lookup import owner_account, pins_in_use
from desk.staff.roles import Permission, Role
from ui.actions import Act
from ui.background import run_in_background
from ui.staff import offered
from ui.staff.idle import IdleWatch
from ui.staff.signed_in import SignedIn, guard_for

if TYPE_CHECKING:
    from desk.staff.signin import PadGuard
    from ui.main_window import MainWindow
    from ui.staff.cover import Cover


def _after_sign_in(db: Database, role: Role) -> tuple[frozenset[Permission], int]:
    """What the person's role may do, and the minutes without use before signing out."""
    return role_grants(db)[role], load_settings(db)[STAFF_IDLE_MINUTES]


class StaffLink(QObject):
    """Who works at `window`, and what the window offers them."""

    def __init__(self, window: MainWindow, db: Database):
        super().__init__(window)
        self._window, self._db = window, db
        self.person = SignedIn(self)
        self.cover: Cover | None = None
        self._left: Actor | None = None  # who signed out last (their windows wait for them)
        self.idle = IdleWatch(self)
        self.idle.idle.connect(lambda: self.sign_out(idle=True))
        self.idle_ms: int | None = None  # tests: a time in ms instead of the setting's minutes
        self.who = QLabel(objectName="signedIn")
        self.who.setStyleSheet("padding: 0 8px; font-weight: 600;")
        self.who.hide()
        window.status_bar.addPermanentWidget(self.who)
        actions = window.actions_
        self.switch_action, self.sign_out_action = actions[Act.SWITCH_USER], actions[Act.SIGN_OUT]
        quit_action = actions[Act.QUIT]
        for menu in window.menuBar().findChildren(QMenu):
            if quit_action in menu.actions():
                menu.insertActions(quit_action, [self.switch_action, self.sign_out_action])
                menu.insertSeparator(quit_action)
        self.switch_action.triggered.connect(self.switch_user)
        self.sign_out_action.triggered.connect(lambda: self.sign_out())
        self.person.changed.connect(self._show_who)
        self.pins = pins_in_use(db)  # one count: known before the first paint shows the list
        if self.pins:
            self.ask_for_pin()
        else:
            run_in_background(lambda: owner_account(db), owner=self, on_success=self._no_pins)
        self._show_who()

    @property
    def actor(self) -> Actor | None:
        """The person signed in (the owner's account in a shop without PINs)."""
        return self.person.actor

    def _no_pins(self, owner) -> None:
        if not self.pins and self.person.actor is None:
            actor = Actor(owner.name, Role.OWNER, ActingAs.NO_PINS, account_id=owner.id)
            self.person.sign_in(actor)

    @property
    def guard(self) -> PadGuard:
        """The window's count of PINs that matched nobody (made at the first PIN pad)."""
        return guard_for(self._window)

    # signing in and out

    def ask_for_pin(self) -> None:
        """Cover the window until someone signs in with their PIN."""
        if self.cover is None:
            from ui.staff.cover import Cover  # the PIN pad: the ORM, loaded when first asked

            self.cover = Cover(self._window, self._db, self.guard, self._window.shop.name)
            self.cover.signed_in.connect(self._covered_sign_in)
        self.idle.stop()
        offered.offer(self._window.actions_, self._window.menuBar(), ())
        self.cover.cover()
        if self.person.actor is None and self._left is not None:  # PINs may be gone since
            db = self._db
            run_in_background(lambda: pins_in_use(db), owner=self, on_success=self._pins_left)

    def _pins_left(self, in_use: bool) -> None:
        """After a sign-out: when nobody has a PIN any more, the shop works without."""
        if in_use or self.person.actor is not None or self.cover is None:
            return
        self.pins = False
        for window in self.cover.uncover():
            window.show()
        offered.offer(self._window.actions_, self._window.menuBar(), Permission)
        db = self._db
        run_in_background(lambda: owner_account(db), owner=self, on_success=self._no_pins)

    def _covered_sign_in(self, actor: Actor) -> None:
        left, self._left = self._left, None
        same = left is not None and left.account_id == actor.account_id
        for window in self.cover.uncover():  # left open: back to the same person, else closed
            if same:
                window.show()
                continue
            if isinstance(window, QDialog):
                window.reject()
            window.close()
        self.signed_in(actor)

    def signed_in(self, actor: Actor) -> None:
        """`actor` signed in: theirs are the window's actions, and what it offers."""
        self.pins = True
        self.person.sign_in(actor)
        self.idle.stop()
        run_in_background(
            lambda: _after_sign_in(self._db, actor.role),
            owner=self,
            on_success=lambda read: self._offer(actor, *read),
        )
        self._window.statusBar().showMessage(_("{name} signed in.").format(name=actor.name), 4000)

    def _offer(self, actor: Actor, may: frozenset[Permission], minutes: int) -> None:
        if self.person.actor != actor:
            return  # someone else signed in meanwhile
        offered.offer(self._window.actions_, self._window.menuBar(), may)
        self.idle.start(self.idle_ms if self.idle_ms is not None else minutes * 60_000)

    def switch_user(self) -> None:
        """F2: another person's PIN (Esc keeps the one signed in)."""
        if not self.person.by_pin:
            db = self._db
            run_in_background(lambda: pins_in_use(db), owner=self, on_success=self._pins_now)
            return
        from ui.staff.sign_in_dialog import SignInDialog

        dialog = SignInDialog(self._db, self.guard, self.person.actor, self._window)
        dialog.accepted.connect(lambda: self._switched(dialog.actor))
        self._window.open_dialog(dialog)

    def _pins_now(self, in_use: bool) -> None:
        if in_use:
            self.ask_for_pin()
        else:
            self._window.statusBar().showMessage(
                _("Nobody signs in at this shop: give staff PINs in Settings › Staff."), 6000
            )

    def _switched(self, actor: Actor | None) -> None:
        before = self.person.actor
        if actor is None or before is None or before.account_id == actor.account_id:
            return
        from desk.staff.signin import sign_out  # the ORM: loaded after the first page

        db = self._db
        run_in_background(lambda: sign_out(db, before), owner=self)
        self.signed_in(actor)

    def sign_out(self, *, idle: bool = False) -> None:
        """Sign the person out (recorded) and cover the window until the next PIN."""
        actor = self.person.actor
        if not self.person.by_pin or actor is None:
            return
        from desk.staff.signin import sign_out  # the ORM: loaded after the first page

        db = self._db
        run_in_background(lambda: sign_out(db, actor, idle=idle), owner=self)
        self._left = actor
        self.person.sign_in(None)
        self.ask_for_pin()
        if idle:
            self.cover.pad.say(
                _("{name} was signed out after a time without use.").format(name=actor.name)
            )

    def _show_who(self) -> None:
        actor = self.person.actor
        by_pin = self.person.by_pin
        self.sign_out_action.setEnabled(by_pin)
        self.sign_out_action.setVisible(self.pins)
        self.who.setVisible(by_pin)
        if by_pin:
            self.who.setText(_("{name} · {role}").format(name=actor.name, role=actor.role.label))
            self.who.setToolTip(_("Signed in; F2 switches user."))
