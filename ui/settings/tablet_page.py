"""The Counter tablet tab of the Settings dialog: pair a tablet, see and unpair the paired ones.

The tab shows the address to open on the tablet (the customer space's host:port +
/counter) and a short pairing code, made the first time the tab is shown and again with
"New code" (desk.portal.counter: valid CODE_MINUTES, for one tablet). While it is shown it
looks every few seconds, in the background, for newly paired tablets. Pairing and
unpairing act at once; Save is not needed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desk.db import Database
from desk.i18n.catalog import _
from desk.i18n.formats import format_datetime, format_time
from desk.models import utcnow
from desk.portal.counter import (
    CODE_MINUTES,
    PairingCode,
    Tablet,
    new_pairing_code,
    paired_tablets,
    tablet_address,
    unpair_tablet,
)
from desk.settings import PORTAL_HOST
from ui import prompts
from ui.background import run_in_background
from ui.settings.pages import ERROR_COLOR, OK_COLOR, SettingsPage, caption_label

LOOK_MS = 5000
"""How often the shown tab looks for newly paired tablets."""


def _when(moment) -> str:
    return format_datetime(moment)


class TabletPage(SettingsPage):
    """Address, pairing code with New code, and the paired tablets with Unpair."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.code: PairingCode | None = None
        self.tablets: list[Tablet] = []
        self._paired_before: set[int] = set()
        hint = caption_label(
            _(
                "A tablet at the counter can show the feedback screen: staff ask from a return "
                "as for the counter screen, the customer taps a face there. Open the address "
                "below on the tablet and type the code once; a code works {minutes} "
                "minutes, for one tablet."
            ).format(minutes=CODE_MINUTES)
        )
        hint.setProperty("role", "hint")
        self.add_wide(hint)
        self.address_label = QLabel()
        self.address_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.address_label.setObjectName("tablet:address")
        self.reach_label = caption_label("")
        self.reach_label.setStyleSheet(f"color: {ERROR_COLOR};")
        address = QWidget()
        column = QVBoxLayout(address)
        column.setContentsMargins(0, 4, 0, 0)
        column.addWidget(self.address_label)
        column.addWidget(self.reach_label)
        self.add_row(_("Open on the tablet"), address)
        self.code_label = QLabel("…")
        self.code_label.setObjectName("tablet:code")
        self.code_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.code_label.setAccessibleName(_("Pairing code"))
        font = QFont("DejaVu Sans Mono")
        font.setPixelSize(34)
        font.setBold(True)
        self.code_label.setFont(font)
        self.code_state = caption_label("")
        self.new_button = QPushButton(_("New code"))
        self.new_button.setToolTip(_("Make a new pairing code; the old one stops working"))
        self.new_button.clicked.connect(self.new_code)
        code_row = QWidget()
        row = QHBoxLayout(code_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.code_label)
        row.addSpacing(16)
        row.addWidget(self.new_button, 0, Qt.AlignVCenter)
        row.addStretch(1)
        self.add_row(_("Pairing code"), code_row)
        self.add_row("", self.code_state)
        self.add_heading(_("Paired tablets"))
        self.list_box = QWidget()
        self.list_layout = QVBoxLayout(self.list_box)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.add_wide(self.list_box)
        self.result = caption_label("")
        self.result.hide()
        self.add_wide(self.result)
        self.unpair_buttons: dict[int, QPushButton] = {}
        self.timer = QTimer(self, interval=LOOK_MS)
        self.timer.timeout.connect(self.look)
        self._making_code = False
        self.show_address()
        self.show_tablets([])
        self.look()  # the paired tablets, read in the background

    # showing

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self.code is None and not self._making_code:
            self.new_code()
        self.timer.start()

    def hideEvent(self, event) -> None:  # noqa: N802
        self.timer.stop()
        super().hideEvent(event)

    def show_address(self) -> None:
        """Show where the tablet opens the counter screen, and whether it can reach it."""
        address = tablet_address(self.db)
        self.address_label.setText(address.url)
        self.reach_label.setVisible(not address.reachable)
        self.reach_label.setText(
            _(
                "The customer space listens on this computer only, so a tablet cannot reach "
                "it: in the Customer space tab, set “{setting}” to 0.0.0.0, "
                "save, and start the customer space again."
            ).format(setting=_(PORTAL_HOST.label))
        )

    def new_code(self) -> None:
        """Make a new pairing code in the background (the old one stops working), then show it."""
        db, self._making_code = self.db, True
        self.new_button.setEnabled(False)
        run_in_background(
            lambda: new_pairing_code(db),
            owner=self,
            on_success=self._show_code,
            on_finished=self._code_made,
        )

    def _show_code(self, code: PairingCode) -> None:
        self.code = code
        self._paired_before = {tablet.id for tablet in self.tablets}
        self.code_label.setText(code.shown)
        self.show_code_state()

    def _code_made(self) -> None:
        self._making_code = False
        self.new_button.setEnabled(True)

    def show_code_state(self) -> None:
        """Say until when the code works, or that it was used or is out of date."""
        if self.code is None:
            return
        new = [t for t in self.tablets if t.id not in self._paired_before]
        if new:
            text = _("Used: {tablet} is paired. New code pairs another.").format(
                tablet=new[-1].name
            )
            color = OK_COLOR
        elif utcnow() >= self.code.expires_at:
            text = _("Out of date: press New code, then type it on the tablet.")
            color = ERROR_COLOR
        else:
            until = format_time(self.code.expires_at)
            text, color = _("Works until {time}, for one tablet.").format(time=until), ""
        self.code_state.setText(text)
        self.code_state.setStyleSheet(f"color: {color};" if color else "")
        self.code_label.setEnabled(not new and color != ERROR_COLOR)

    def show_tablets(self, tablets: list[Tablet]) -> None:
        """List `tablets`, each with its Unpair button."""
        self.tablets = list(tablets)
        while self.list_layout.count():
            item = self.list_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.unpair_buttons = {}
        if not self.tablets:
            self.list_layout.addWidget(caption_label(_("No tablet is paired yet.")))
        for tablet in self.tablets:
            line = QWidget()
            row = QHBoxLayout(line)
            row.setContentsMargins(0, 0, 0, 0)
            if tablet.last_seen_at:
                text = _("{tablet}: paired {paired}, last seen {seen}").format(
                    tablet=tablet.name,
                    paired=_when(tablet.paired_at),
                    seen=_when(tablet.last_seen_at),
                )
            else:
                text = _("{tablet}: paired {paired}").format(
                    tablet=tablet.name, paired=_when(tablet.paired_at)
                )
            label = QLabel(text)
            button = QPushButton(_("Unpair…"))
            button.setAccessibleName(_("Unpair {tablet}").format(tablet=tablet.name))
            button.clicked.connect(lambda _=False, t=tablet: self.unpair(t))
            row.addWidget(label)
            row.addSpacing(12)
            row.addWidget(button)
            row.addStretch(1)
            self.unpair_buttons[tablet.id] = button
            self.list_layout.addWidget(line)
        self.show_code_state()

    # acting

    def look(self) -> None:
        """Read the paired tablets in the background and show them (a new one just paired)."""
        db = self.db
        run_in_background(lambda: paired_tablets(db), owner=self, on_success=self._looked)

    def _looked(self, tablets: list[Tablet]) -> None:
        if [t.id for t in tablets] != [t.id for t in self.tablets]:
            self.show_tablets(tablets)
        else:
            self.show_code_state()

    def unpair(self, tablet: Tablet) -> None:
        """Unpair `tablet` after asking (No is the default): it shows only the pairing form."""
        question = _(
            "Unpair {tablet}? It stops showing the feedback screen until it is paired "
            "again with a new code."
        ).format(tablet=tablet.name)
        if not prompts.ask_yes_no(self, _("Unpair tablet"), question):
            return
        db = self.db
        run_in_background(
            lambda: unpair_tablet(db, tablet_id=tablet.id),
            owner=self,
            on_success=lambda _: self._unpaired(tablet),
        )

    def _unpaired(self, tablet: Tablet) -> None:
        self.result.setText(_("{tablet} unpaired.").format(tablet=tablet.name))
        self.result.setStyleSheet(f"color: {OK_COLOR};")
        self.result.show()
        self.show_tablets([t for t in self.tablets if t.id != tablet.id])
