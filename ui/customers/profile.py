"""A customer's profile window: details to edit, habits, policy, history, export, erasure."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk import labels
from desk.customers.privacy import erase_customer, save_export
from desk.customers.profile import Profile, load_profile, update_customer
from desk.db import Database
from desk.errors import DeskError, ValidationError
from desk.i18n.catalog import _, ngettext
from desk.i18n.formats import format_number
from desk.phones import example_phone, show_phone
from desk.staff.roles import Permission
from ui import prompts, state
from ui.background import run_in_background
from ui.customers.profile_parts import (
    FREQUENT_WARNING,
    NOTES_HINT,
    SEGMENT_COLORS,
    FactsBox,
    HistoryBox,
    badge_style,
    local_time,
    policy_text,
)
from ui.staff.gate import authorised
from ui.widgets.form_parts import STYLE_SHEET, combo, form_grid, select_code, with_error


def ask_json_path(parent: QWidget, suggested: str) -> Path | None:
    """Ask where to save a JSON file; None when cancelled."""
    folder = state.start_folder(state.CUSTOMER_EXPORT_FOLDER)
    path, _filter = QFileDialog.getSaveFileName(
        parent, _("Export customer data"), str(Path(folder) / suggested), _("JSON (*.json)")
    )
    if not path:
        return None
    state.remember_folder(state.CUSTOMER_EXPORT_FOLDER, path)
    return Path(path)


class CustomerProfile(QWidget):
    """One customer: what the shop knows, their habits and policy, their returns."""

    return_chosen = Signal(int)  # return id, double-clicked in the list
    customer_changed = Signal(int)  # customer id, after a save or an erasure

    def __init__(self, db: Database, customer_id: int, parent: QWidget | None = None):
        super().__init__(parent, Qt.Window)
        self.db, self.customer_id = db, customer_id
        self.profile: Profile | None = None
        self.setStyleSheet(STYLE_SHEET)
        self.resize(1100, 760)
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_header())
        columns = QHBoxLayout()
        columns.addWidget(self._build_form(), 1)
        self.facts = FactsBox()
        right = QVBoxLayout()
        right.addWidget(self.facts)
        right.addWidget(self._build_policy())
        right.addStretch(1)
        columns.addLayout(right, 1)
        layout.addLayout(columns)
        self.history = HistoryBox()
        self.history.return_chosen.connect(self.return_chosen)
        layout.addWidget(self.history, 1)
        layout.addLayout(self._build_buttons())
        self.reload()

    # construction

    def _build_header(self) -> QHBoxLayout:
        self.name_label = QLabel()
        self.name_label.setObjectName("customerName")
        self.name_label.setStyleSheet("font-size: 18pt; font-weight: 600;")
        self.segment_badge = QLabel()
        self.segment_badge.setObjectName("segmentBadge")
        self.warning_badge = QLabel(_(FREQUENT_WARNING))
        self.warning_badge.setObjectName("frequentWarning")
        self.warning_badge.setStyleSheet(
            "background: #fef3c7; color: #92400e; border: 1px solid #f59e0b;"
            "border-radius: 4px; padding: 3px 8px; font-weight: 600;"
        )
        self.erased_banner = QLabel()
        self.erased_banner.setObjectName("erasedBanner")
        self.erased_banner.setStyleSheet(
            "background: #e5e7eb; color: #374151; border-radius: 4px; padding: 3px 8px;"
        )
        row = QHBoxLayout()
        row.addWidget(self.name_label)
        for badge in (self.segment_badge, self.warning_badge, self.erased_banner):
            row.addWidget(badge, 0, Qt.AlignVCenter)
        row.addStretch(1)
        return row

    def _build_form(self) -> QGroupBox:
        box = QGroupBox(_("Contact and preferences"))
        self.name_edit, self.email_edit, self.phone_edit = QLineEdit(), QLineEdit(), QLineEdit()
        self.email_edit.setPlaceholderText(_("name@example.com"))
        self.channel_combo = combo(labels.labels_of(labels.CHANNELS))
        self.language_combo = combo(labels.LANGUAGES)
        self.refund_combo = combo(labels.labels_of(labels.REFUND_METHODS))
        self.timeline_combo = combo(labels.labels_of(labels.TIMELINES))
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setPlaceholderText(_(NOTES_HINT))
        self.notes_edit.setFixedHeight(70)
        self.fields = {
            "name": self.name_edit,
            "email": self.email_edit,
            "phone": self.phone_edit,
            "preferred_channel": self.channel_combo,
            "preferred_language": self.language_combo,
            "preferred_refund": self.refund_combo,
            "preferred_timeline": self.timeline_combo,
            "notes": self.notes_edit,
        }
        captions = (
            _("Name"),
            _("Email"),
            _("Phone"),
            _("Contact by"),
            _("Language"),
            _("Refund as"),
            _("Refund when"),
            _("Notes"),
        )
        self.errors, rows = {}, []
        for (key, widget), caption in zip(self.fields.items(), captions, strict=True):
            cell, self.errors[key] = with_error(widget)
            widget.setObjectName(f"profile_{key}")
            rows.append((caption, cell, None, None))
        self.save_button = QPushButton(_("Save"))
        self.save_button.setObjectName("saveCustomer")
        self.save_button.clicked.connect(self.save)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("savedLabel")
        self.saved_label.setStyleSheet("color: #16a34a;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.saved_label, 1)
        grid = form_grid(rows)
        grid.setColumnStretch(3, 0)  # one column of fields: it takes the width
        grid.setColumnMinimumWidth(2, 0)
        layout = QVBoxLayout(box)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addStretch(1)
        return box

    def _build_policy(self) -> QGroupBox:
        self.policy_box = QGroupBox(_("Return policy for this customer now"))
        self.policy_label = QLabel()
        self.policy_label.setObjectName("policySummary")
        self.policy_label.setWordWrap(True)
        QVBoxLayout(self.policy_box).addWidget(self.policy_label)
        return self.policy_box

    def _build_buttons(self) -> QHBoxLayout:
        self.export_button = QPushButton(_("Export data…"))
        self.export_button.setObjectName("exportCustomer")
        self.export_button.setToolTip(_("Save everything stored about this customer as JSON"))
        self.export_button.clicked.connect(self.export_data)
        self.erase_button = QPushButton(_("Erase customer…"))
        self.erase_button.setObjectName("eraseCustomer")
        self.erase_button.setToolTip(_("Remove their personal data for good; returns stay"))
        self.erase_button.clicked.connect(self.erase)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.close)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.erase_button)
        row.addStretch(1)
        row.addWidget(close)
        return row

    # showing

    def reload(self) -> None:
        """Load the customer again and show everything (the form too)."""
        try:
            self.profile = load_profile(self.db, self.customer_id)
        except DeskError as error:
            prompts.show_error(self, _("Cannot show the customer"), str(error))
            return
        p, c = self.profile, self.profile.customer
        self.setWindowTitle(_("Customer — {name}").format(name=c.name))
        self.name_label.setText(escape(c.name))
        segment = p.habits.segment
        self.segment_badge.setText(_(segment.label))
        self.segment_badge.setStyleSheet(badge_style(SEGMENT_COLORS[segment]) + "font-weight: 600;")
        self.warning_badge.setVisible(p.habits.flagged and not p.erased)
        when = local_time(c.erased_at) if p.erased else ""
        erased = _("Personal data erased {when}").format(when=when) if p.erased else ""
        self.erased_banner.setText(erased)
        self.erased_banner.setVisible(p.erased)
        self._fill_form()
        self.facts.show_profile(p, p.currency)
        self.policy_box.setTitle(
            _("Return policy now ({segment})").format(segment=_(segment.label).lower())
        )
        self.policy_label.setText(policy_text(p.rules))
        self.history.show_profile(p, p.currency)

    def _fill_form(self) -> None:
        c = self.profile.customer
        self.name_edit.setText(c.name)
        self.email_edit.setText(c.email or "")
        self.phone_edit.setText(show_phone(c.phone, self.profile.country))
        select_code(self.channel_combo, c.preferred_channel)
        select_code(self.language_combo, c.preferred_language)
        select_code(self.refund_combo, c.preferred_refund)
        select_code(self.timeline_combo, c.preferred_timeline)
        self.notes_edit.setPlainText(c.notes)
        for error in self.errors.values():
            error.clear()
        if warning := self.profile.phone_warning:  # kept as typed: it cannot receive texts
            self.errors["phone"].show(warning)
        erased = self.profile.erased
        for widget in (*self.fields.values(), self.save_button, self.erase_button):
            widget.setEnabled(not erased)
        self.email_edit.setPlaceholderText("—" if erased else _("name@example.com"))
        self.phone_edit.setPlaceholderText("—" if erased else example_phone(self.profile.country))
        self.notes_edit.setPlaceholderText("—" if erased else _(NOTES_HINT))

    # actions

    def changes(self) -> dict[str, str]:
        """The form's values, by customer field."""
        values = {}
        for key, widget in self.fields.items():
            if isinstance(widget, QLineEdit):
                values[key] = widget.text()
            elif isinstance(widget, QPlainTextEdit):
                values[key] = widget.toPlainText()
            else:
                values[key] = widget.currentData()
        return values

    def save(self) -> None:
        """Save the form; show what is wrong next to each field, keeping what was typed."""
        self.saved_label.clear()
        try:
            update_customer(self.db, self.customer_id, self.changes())
        except ValidationError as error:
            for key, field_error in self.errors.items():
                if key in error.errors:
                    field_error.show(error.errors[key])
                else:
                    field_error.clear()
            return
        except DeskError as error:
            prompts.show_error(self, _("Cannot save the customer"), str(error))
            return
        self.reload()
        self.saved_label.setText(_("Saved."))
        self.customer_changed.emit(self.customer_id)

    def export_data(self) -> None:
        """Ask where, then write the customer's data as JSON in the background."""
        actor = authorised(self, self.db, Permission.EXPORT_CUSTOMER)
        if actor is None:
            return
        # TRANSLATORS: a file name offered to save a customer's data: no spaces, no accents
        suggested = _("customer-{id}.json").format(id=self.customer_id)
        path = ask_json_path(self, suggested)
        if path is None:
            return
        self.export_button.setEnabled(False)
        self.saved_label.setText(_("Exporting…"))
        db, customer_id = self.db, self.customer_id
        run_in_background(
            lambda: save_export(db, customer_id, path, actor=actor),
            owner=self,
            on_success=self._exported,
            on_failure=self._export_failed,
            on_finished=lambda: self.export_button.setEnabled(True),
        )

    def _exported(self, written: Path) -> None:
        self.saved_label.setText(_("Exported to {path}.").format(path=written))

    def _export_failed(self, error: Exception) -> None:
        self.saved_label.clear()
        prompts.show_error(self, _("Cannot export the customer's data"), str(error))

    def erase(self) -> None:
        """Ask, naming the customer, then erase their personal data in the background."""
        name = self.profile.customer.name
        question = _(
            "Erase all personal data of {name}?\n\n"
            "Their name, email, phone and notes are removed, and so are the messages sent "
            "to them and the notes on their returns. Their returns stay, without a name, "
            "for the shop's figures.\n\nThis cannot be undone."
        ).format(name=name)
        if copies := self.db.backup_copies():
            question += "\n\n" + ngettext(
                "{n} backup copy made before upgrades still holds the old data, in "
                "{folder}: delete it if you no longer need it.",
                "{n} backup copies made before upgrades still hold the old data, in "
                "{folder}: delete them if you no longer need it.",
                len(copies),
            ).format(n=format_number(len(copies)), folder=copies[0].parent)
        if not prompts.ask_yes_no(self, _("Erase customer"), question):
            return
        actor = authorised(self, self.db, Permission.ERASE_CUSTOMER)
        if actor is None:
            return
        staff = state.load_text(state.STAFF)
        self.erase_button.setEnabled(False)
        self.saved_label.setText(_("Erasing…"))
        db, customer_id = self.db, self.customer_id
        run_in_background(
            lambda: erase_customer(db, customer_id, staff=staff, actor=actor),
            owner=self,
            on_success=self._erased,
            on_failure=self._erase_failed,
        )

    def _erased(self, _result: None) -> None:
        self.reload()
        self.saved_label.setText(_("Personal data erased."))
        self.customer_changed.emit(self.customer_id)

    def _erase_failed(self, error: Exception) -> None:
        self.saved_label.clear()
        self.erase_button.setEnabled(True)
        prompts.show_error(self, _("Cannot erase the customer"), str(error))
