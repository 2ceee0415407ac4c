"""The Settings dialog: shop, email, SMS and notification settings, passwords in the keyring."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk import secrets
from desk.db import Database
from desk.errors import DeskError
from desk.i18n.catalog import N_, _, language, pgettext
from desk.i18n.desk_language import DESK_LANGUAGE
from desk.money import currency_symbol
from desk.setting_spec import SettingSpec
from desk.settings import (
    NOTIFY,
    REWARD_KIND,
    REWARD_VALUE,
    SHOP_CURRENCY,
    SHOP_EMAIL,
    SMTP_PORT,
    SMTP_SECURITY,
    load_settings,
    save_settings,
)
from desk.staff.actor import Actor, NotAllowed
from desk.staff.roles import Permission
from ui import prompts
from ui.actions import Key, add_shortcut, dialog_keys, shortcut_text
from ui.background import run_in_background
from ui.portal_process import PortalProcess
from ui.settings.amount_field import Unit
from ui.settings.backup_page import BackupPage
from ui.settings.compact_tabs import compact_tabs
from ui.settings.contents import CAPTIONS, PAGES, SECRET_PAGES
from ui.settings.desk_language import DeskLanguageField
from ui.settings.dropoff_page import DropOffPage
from ui.settings.email_check import EmailCheck
from ui.settings.pages import (
    AMOUNTS,
    ERROR_COLOR,
    NOTICE_STYLE,
    OK_COLOR,
    PolicyPage,
    SettingField,
    SettingsPage,
    caption_label,
    without_label,
)
from ui.settings.portal_page import PortalPage
from ui.settings.secret_box import SecretBox
from ui.settings.tablet_page import TabletPage
from ui.staff.accounts_page import StaffPage
from ui.staff.gate import authorised
from ui.widgets.form_parts import STYLE_SHEET

AMOUNT_KEYS = tuple(spec.key for spec in AMOUNTS)
USUAL_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
FORGOTTEN = {"smtp": N_("SMTP password forgotten."), "sms": N_("SMS API token forgotten.")}
"""What the dialog says once a secret (by its desk.secrets name) is gone from the keyring."""
EXTRA_STYLE = """
QPlainTextEdit[error="true"] { border: 2px solid #b91c1c; }
QSpinBox[error="true"] { border: 2px solid #b91c1c; border-radius: 3px; padding: 1px 16px 1px 3px; }
QSpinBox[error="true"]::up-button { subcontrol-position: top right; width: 16px; }
QSpinBox[error="true"]::down-button { subcontrol-position: bottom right; width: 16px; }
"""


class SettingsDialog(QDialog):
    """Edit every declared setting; Save checks them all and stores them in one go."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        portal: PortalProcess | None = None,
        actor: Actor | None = None,
    ):
        super().__init__(parent)
        self.db = db
        self.actor = actor  # who saves (approved when opened); None: asked at the first save
        self.portal = portal or PortalProcess(db, self)  # the desk's own, or one for this dialog
        self.saved = False
        self.setWindowTitle(_("Settings"))
        self.setStyleSheet(STYLE_SHEET + NOTICE_STYLE + EXTRA_STYLE)
        self.setMinimumSize(660, 560)
        self.resize(1000, 640)  # a policy column per kind of customer; every tab in view
        self.tabs = QTabWidget()
        compact_tabs(self.tabs)  # every tab in view at 1024×700, Staff's too
        self.pages: dict[str, SettingsPage] = {}
        self.fields: dict[str, SettingField] = {}  # by dotted key
        self._secrets_asked = self._secrets_shown = 0  # keyring reads asked for, and shown
        self._build_setting_pages()
        self.secret_boxes = {name: self._add_secret(name) for name in SECRET_PAGES}
        self.language_field = DeskLanguageField()
        shop = self._page(PAGES[0][0])
        shop.add_heading(_("This computer"))
        shop.add_row(_(DESK_LANGUAGE.label), self.language_field)
        self.email_check = EmailCheck(
            self._page("Email"), self._parse, self.secret_boxes["smtp"].typed, self
        )
        self.test_to = self.email_check.to
        self.test_button, self.test_result = self.email_check.button, self.email_check.result
        self.dropoff_page = DropOffPage(db)
        self.tabs.addTab(self.dropoff_page, _("Drop-off points"))
        self.tablet_page = TabletPage(db)
        self.tabs.addTab(self.tablet_page, _("Counter tablet"))
        self.staff_page = StaffPage(db)
        self.tabs.addTab(self.staff_page, pgettext("settings tab", "Staff"))
        self.status_label = caption_label("")
        self.status_label.setContentsMargins(0, 0, 0, 0)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        self.save_button.setToolTip(
            _("Save all settings ({keys})").format(keys=shortcut_text(Key.SAVE))
        )
        buttons.accepted.connect(self.save_and_close)
        buttons.rejected.connect(self.reject)
        dialog_keys(self, accept=self.save_and_close)
        add_shortcut(self, Key.SAVE, self.save_and_close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self._load()

    # construction

    def _build_setting_pages(self) -> None:
        events = {spec: event for event, spec in NOTIFY.items()}
        for title, specs in PAGES:
            page = self._page(title)
            for spec in specs:
                if spec in events:  # the Notifications page: one row per message
                    caption = _(events[spec].label)
                else:
                    caption = _(CAPTIONS[spec]) if spec in CAPTIONS else None
                self.fields[spec.key] = page.add_setting(spec, caption)
        if notify := self.pages.get("Notifications"):
            hint = caption_label(
                _(
                    "For each message to the customer: <b>Off</b> never offers it, <b>Ask</b> "
                    "offers it ticked when staff change the status, <b>Auto</b> always sends it."
                )
            )
            notify.outer.insertWidget(0, hint)
        self.fields[SMTP_SECURITY.key].changed.connect(self._suggest_port)
        for spec in (REWARD_KIND, SHOP_CURRENCY):
            self.fields[spec.key].changed.connect(self._show_amount_units)

    def _page(self, title: str) -> SettingsPage:
        if title not in self.pages:
            if title == "Backups":
                page = BackupPage(self.db)
            elif title == "Customer space":
                page = PortalPage(self.portal)
            else:
                page = PolicyPage() if title == "Return policy" else SettingsPage()
            self.pages[title] = page
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.NoFrame)
            scroll.setWidget(page)
            self.tabs.addTab(scroll, _(title))
        return self.pages[title]

    def _add_secret(self, name: str) -> SecretBox:
        title, words = SECRET_PAGES[name]
        box = SecretBox(words)
        box.setObjectName(f"secret:{name}")
        box.forget_requested.connect(lambda: self._forget(name))
        self._page(title).add_row(_(words.caption), box)
        return box

    # loading and state

    def _load(self) -> None:
        self.stored = load_settings(self.db)
        for field in self.fields.values():
            field.name_countries(language())  # staff read them in the desk's language
            field.set_value(self.stored[field.spec])
            field.show_error(None)
        self.test_to.setText(self.stored[SHOP_EMAIL])
        self._refresh_secret_state()
        self.initial = self._snapshot()

    def _refresh_secret_state(self) -> None:
        """Ask the keyring, off the UI thread, whether a password and a token are saved."""
        self._secrets_asked += 1
        asked = self._secrets_asked
        for box in self.secret_boxes.values():
            box.show_checking()
        run_in_background(
            lambda: (asked, secrets.secrets_state()),
            owner=self,
            on_success=self._show_secrets,
            on_failure=self._keyring_failed,
        )

    def _show_secrets(self, answer: tuple[int, secrets.SecretsState]) -> None:
        asked, state = answer
        if asked != self._secrets_asked:
            return  # a newer read is on its way
        self._secrets_shown = asked
        for name, box in self.secret_boxes.items():
            box.show_state(saved=state.saved[name], store=state.store)

    def _keyring_failed(self, _error: Exception) -> None:
        """The keyring could not be read: say a secret cannot be saved here."""
        unavailable = secrets.SecretsState(False, {name: False for name in secrets.SECRETS})
        self._show_secrets((self._secrets_asked, unavailable))

    def keyring_pending(self) -> bool:
        """True while the boxes wait for the keyring to say what it holds."""
        return self._secrets_shown != self._secrets_asked

    def _snapshot(self) -> dict[str, str]:
        snap = {key: field.text() for key, field in self.fields.items()}
        snap.update({f"secret:{n}": box.typed() for n, box in self.secret_boxes.items()})
        snap[DESK_LANGUAGE.key] = self.language_field.code()
        return snap

    def is_dirty(self) -> bool:
        """True when something was typed or chosen since the last load or save."""
        return self._snapshot() != self.initial

    def _show_amount_units(self) -> None:
        """Money boxes show the shop's currency; the reward's value is a percent or money."""
        symbol = currency_symbol(self.fields[SHOP_CURRENCY.key].text() or "EUR")
        for key in AMOUNT_KEYS:
            field = self.fields[key]
            unit = field.input.unit
            if key == REWARD_VALUE.key:
                amount = self.fields[REWARD_KIND.key].text() == "amount"
                unit = Unit.MONEY if amount else Unit.PERCENT
            field.input.set_unit(unit, symbol)

    def _suggest_port(self) -> None:
        port = self.fields[SMTP_PORT.key]
        code = self.fields[SMTP_SECURITY.key].text()
        usual = {"", *(str(p) for p in USUAL_PORTS.values())}
        if code in USUAL_PORTS and port.text() in usual:
            port.set_value(USUAL_PORTS[code])

    def _reveal(self, widget: QWidget) -> None:
        """Show the page holding `widget`, scroll to it and put the cursor in it."""
        for index in range(self.tabs.count()):
            scroll = self.tabs.widget(index)
            if isinstance(scroll, QScrollArea) and scroll.widget().isAncestorOf(widget):
                self.tabs.setCurrentIndex(index)
                scroll.ensureWidgetVisible(widget)
        widget.setFocus(Qt.OtherFocusReason)

    # checking and saving

    def _parse(self, specs) -> dict[SettingSpec, object] | None:
        """Parse the fields for `specs`, showing each error inline; None if any is bad."""
        values, first_bad = {}, None
        for spec in specs:
            field = self.fields[spec.key]
            try:
                values[spec] = spec.parse(field.text())
            except DeskError as error:
                field.show_error(without_label(str(error), field.spec))
                first_bad = first_bad or field
            else:
                field.show_error(None)
        if first_bad is not None:
            self._reveal(first_bad)
            return None
        return values

    def save(self) -> bool:
        """Check and store every setting, then the secrets; True when all of it was kept."""
        values = self._parse(field.spec for field in self.fields.values())
        if values is None:
            self._say(_("Nothing was saved: correct the fields marked in red."), ERROR_COLOR)
            return False
        if self._saver() is None:  # nobody approved: what was typed stays
            self._say(_("Nothing was saved: nobody approved the change."), ERROR_COLOR)
            return False
        changed = {k: v for k, v in values.items() if v != self.stored.get(k)}
        try:
            if changed:
                self.stored.update(save_settings(self.db, changed, actor=self.actor))
        except NotAllowed as refused:
            self._say(str(refused), ERROR_COLOR)
            return False
        self.saved = True
        secrets_kept = self._save_secrets()
        language_kept = self.language_field.save()
        self.initial = self._snapshot()
        if not secrets_kept:
            self._say(
                _("Settings saved, but not the password: see the yellow notice."), ERROR_COLOR
            )
        elif not language_kept:
            self._reveal(self.language_field)
            self._say(
                _("Settings saved, but not the desk's language: see why under it."), ERROR_COLOR
            )
        else:
            self._say(_("Settings saved."), OK_COLOR)
        return secrets_kept and language_kept

    def _save_secrets(self) -> bool:
        kept = True
        for name, box in self.secret_boxes.items():
            if not box.typed():
                continue
            try:
                secrets.save_secret(self.db, name, box.typed(), actor=self.actor)
            except DeskError as error:  # NoSecureStore included: say so, keep what was typed
                box.show_notice(str(error))
                self._reveal(box)
                kept = False
            else:
                box.edit.clear()
                box.show_notice(None)
        if kept:
            self._refresh_secret_state()
        return kept

    def save_and_close(self) -> None:
        """Save; close when everything was kept."""
        if self.save():
            self.accept()

    def _saver(self) -> Actor | None:
        """Who saves: the person authorised when the dialog opened, else asked now."""
        if self.actor is None:
            self.actor = authorised(self, self.db, Permission.SETTINGS)
        return self.actor

    def _forget(self, name: str) -> None:
        if self._saver() is None:
            return
        try:
            secrets.forget_secret(self.db, name, actor=self.actor)
        except DeskError as error:
            self._say(str(error), ERROR_COLOR)
            return
        self._refresh_secret_state()
        self._say(_(FORGOTTEN[name]), OK_COLOR)

    def _say(self, message: str, color: str) -> None:
        self.status_label.setStyleSheet(f"color: {color};")
        self.status_label.setText(message)

    def reject(self) -> None:
        """Close without saving, asking first when something was changed."""
        if self.is_dirty() and not prompts.ask_yes_no(
            self, _("Unsaved settings"), _("Close the settings without saving your changes?")
        ):
            return
        super().reject()

    def send_test_email(self) -> None:
        """Send a test email in the background with the settings as typed now."""
        self.email_check.send()
