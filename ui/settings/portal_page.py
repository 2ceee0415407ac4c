"""The Customer space tab of the Settings dialog: start and stop the site, see where it
stands, open it in the browser; then its settings (on at start, addresses, port, links).

Start uses the address and port as typed on the page, as the test email uses the mail
settings as typed; Save keeps them for the next start. The site runs in the desk's
`PortalProcess` (ui/portal_process.py), which outlives this dialog: closing Settings does
not stop it, closing Return Desk does.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desk.errors import DeskError
from desk.i18n.catalog import _, pgettext
from desk.settings import PORTAL_HOST, PORTAL_PORT
from ui.portal_process import PortalProcess, PortalState
from ui.settings.pages import ERROR_COLOR, OK_COLOR, SettingsPage, caption_label, without_label

STATE_COLORS = {PortalState.RUNNING: OK_COLOR, PortalState.FAILED: ERROR_COLOR}


class PortalPage(SettingsPage):
    """State, Start, Stop and Open in browser above the customer space's setting rows."""

    def __init__(self, portal: PortalProcess, parent: QWidget | None = None):
        super().__init__(parent)
        self.portal = portal
        hint = caption_label(
            _(
                "A small web site over this database where customers follow their return, "
                "give feedback and choose how to be told. Start uses the address and port as "
                "typed below; Save keeps them for the next start."
            )
        )
        hint.setProperty("role", "hint")
        self.add_wide(hint)
        self.state_label = QLabel()
        self.state_label.setObjectName("portal:state")
        self.state_label.setWordWrap(True)
        self.state_label.setTextFormat(Qt.PlainText)
        self.state_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.add_row(_("The site"), self.state_label)
        self.start_button = QPushButton(pgettext("the customer space", "Start"))
        self.start_button.setObjectName("portal:start")
        self.start_button.clicked.connect(self.start)
        self.stop_button = QPushButton(pgettext("the customer space", "Stop"))
        self.stop_button.setObjectName("portal:stop")
        self.stop_button.clicked.connect(portal.stop)
        self.open_button = QPushButton(_("Open in browser"))
        self.open_button.setObjectName("portal:open")
        self.open_button.clicked.connect(self.open_in_browser)
        row = QWidget()
        buttons = QHBoxLayout(row)
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.start_button, self.stop_button, self.open_button):
            button.setMinimumWidth(button.sizeHint().width() + 16)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.add_row("", row)
        self.add_heading(_("Settings"))
        portal.changed.connect(self.show_state)
        self.show_state()

    def start(self) -> None:
        """Start the site on the address and port typed on this page."""
        values = {}
        for spec in (PORTAL_HOST, PORTAL_PORT):
            field = self.fields[spec.key]
            try:
                values[spec] = spec.parse(field.text())
            except DeskError as error:
                field.show_error(without_label(str(error), spec))
                field.setFocus(Qt.OtherFocusReason)
                return
            field.show_error(None)
        self.portal.start(values[PORTAL_HOST], values[PORTAL_PORT])

    def show_state(self) -> None:
        """Show where the site stands, and only the buttons that make sense now."""
        state = self.portal.state
        self.state_label.setText(self.portal.message)
        color = STATE_COLORS.get(state, "")
        self.state_label.setStyleSheet(f"color: {color};" if color else "")
        idle = state in (PortalState.STOPPED, PortalState.FAILED)
        self.start_button.setEnabled(idle)
        self.stop_button.setEnabled(state in (PortalState.STARTING, PortalState.RUNNING))
        self.open_button.setEnabled(state is PortalState.RUNNING)

    def open_in_browser(self) -> None:
        """Open the running site in the computer's web browser."""
        if self.portal.state is PortalState.RUNNING:
            QDesktopServices.openUrl(QUrl(self.portal.url + "/"))
