"""The "New return" dialog: customer, returned items and the return's details, then save."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from desk.codes import RefundMethod
from desk.db import Database
from desk.errors import DeskError, ValidationError
from desk.i18n.catalog import _
from desk.i18n.formats import locale_name
from desk.models import Customer, Return
from desk.money import format_money
from desk.policy.intake import CustomerProfile, IntakeAdvice, advise_draft
from desk.returns import LineDraft, ReturnDraft
from desk.services import check_return, create_return, customer_policy
from desk.staff.roles import Permission
from ui import prompts
from ui.actions import Key, dialog_keys, shortcut_text
from ui.new_return.customer_picker import CustomerPicker
from ui.new_return.exchange_editor import ExchangeEditor
from ui.new_return.intake import Intake
from ui.new_return.line_editor import LineEditor
from ui.new_return.policy_panel import PolicyPanel
from ui.new_return.return_fields import ReturnFields
from ui.staff.gate import authorised
from ui.widgets.form_parts import STYLE_SHEET, ErrorLabel
from ui.widgets.scanner import ScanDetector

_BANNER_STYLE = "QLabel#banner { background: #fef2f2; border: 1px solid #fca5a5; padding: 6px; }"


class NewReturnDialog(QDialog):
    """Log a return at the counter; after saving, `created` holds the new Return."""

    def __init__(
        self,
        db: Database,
        *,
        currency: str = "EUR",
        staff: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._db, self._staff, self._currency = db, staff, currency
        self.created: Return | None = None
        self._profile: tuple[int | None, CustomerProfile] | None = None  # (customer id, profile)
        self.advice: IntakeAdvice | None = None
        self.setWindowTitle(_("New return"))
        self.setStyleSheet(STYLE_SHEET + _BANNER_STYLE)
        self.setMinimumSize(820, 480)  # narrower, item columns get cramped; lower, it scrolls
        screen = QGuiApplication.primaryScreen()
        room = screen.availableGeometry().size() if screen else None
        self.resize(
            min(900, room.width()) if room else 900, min(720, room.height()) if room else 720
        )
        self.customer = CustomerPicker(db)
        self.customer.picked.connect(self._customer_picked)
        for button in (self.customer.change_button, self.customer.new_button,
                       self.customer.find_button):  # fmt: skip
            button.clicked.connect(self.refresh_policy)  # the customer changed
        self.policy = PolicyPanel(currency)
        self.lines = LineEditor(currency)
        self.lines.rows_changed.connect(self._fix_tab_order)
        self.lines.rows_changed.connect(self._watch_lines)
        self.exchange = ExchangeEditor()
        self.exchange.changed.connect(self._fix_tab_order)
        self.exchange.changed.connect(self.refresh_policy)
        self.banner = ErrorLabel()
        self.banner.setObjectName("banner")
        self._banner_for_fields = False  # the banner only says "fix the fields in red"
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.return_fields = ReturnFields(currency)
        self._alias_return_fields()
        self.intake = Intake(self)  # receipts and products from the catalogue
        self.scanner = ScanDetector(self, self.take_scan)  # a scan, wherever the focus is
        self.lines.rows_changed.connect(self._attach_rows)
        layout.addWidget(self.intake.panel)
        layout.addWidget(self.customer)
        layout.addWidget(self.policy)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.return_fields)
        layout.addWidget(self.exchange)
        layout.addWidget(self.banner)
        self.body = QScrollArea()  # on a small screen the form scrolls; nothing is squeezed
        self.body.setWidgetResizable(True)
        self.body.setFrameShape(QFrame.NoFrame)
        self.body.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.body.setWidget(body)
        outer = QVBoxLayout(self)
        outer.addWidget(self.body, 1)
        outer.addLayout(self._button_row())
        dialog_keys(self, accept=self.save)
        for signal in self.return_fields.policy_signals():
            signal.connect(self.refresh_policy)
        self._watched_rows: set[int] = set()
        self._watch_lines()
        self._attach_rows()
        self._fix_tab_order()
        if self.intake.sales_known:  # a return starts from the sale
            self.ref_edit.setFocus(Qt.OtherFocusReason)
        else:
            self.customer.focus_start()

    def _alias_return_fields(self) -> None:
        """Name the Return section's fields on the dialog too, as callers and tests know them."""
        f = self.return_fields
        self.reason_combo, self.reason_text, self.errors = f.reason_combo, f.reason_text, f.errors
        self.refund_combo, self.intake_combo, self.status_combo = (
            f.refund_combo,
            f.intake_combo,
            f.status_combo,
        )
        self.date_field = f.date_field
        self.ref_edit, self.note_edit = f.ref_edit, f.note_edit

    def _button_row(self) -> QHBoxLayout:
        confirm, cancel = shortcut_text(Key.CONFIRM), shortcut_text(Key.CANCEL)
        hint = QLabel(
            _("{confirm} saves · {cancel} cancels · Enter goes to the next field").format(
                confirm=confirm, cancel=cancel
            )
        )
        hint.setProperty("role", "hint")
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = QPushButton(_("&Save return"))
        self.save_button.setToolTip(_("Save the return ({shortcut})").format(shortcut=confirm))
        self.save_button.clicked.connect(self.save)
        for button in (self.cancel_button, self.save_button):
            button.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(hint, 1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.save_button)
        return row

    def _fix_tab_order(self) -> None:
        chain = [
            *self.intake.panel.focus_chain(),
            *self.customer.focus_chain(),
            self.policy.override_edit,
            *self.lines.focus_chain(),
            *self.return_fields.focus_chain(),
            *self.exchange.focus_chain(),
            self.cancel_button,
            self.save_button,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)  # Enter must never save or cancel by accident

    # reacting to input

    def _customer_picked(self, customer: Customer) -> None:
        self.refresh_policy()
        if self.advice is not None:
            self.return_fields.suggest_refund(self.advice.suggested_method)  # preferred, if allowed
        target = self.lines.rows[0].sku if self.lines.rows else self.lines.add_button
        target.setFocus(Qt.OtherFocusReason)

    def _attach_rows(self) -> None:
        for row in self.lines.rows:
            self.intake.attach(row)

    def take_scan(self, code: str) -> None:
        """A scanned code: a receipt goes to the receipt field and is looked up, a product
        fills a new line (or the first blank one), anything else gets a short note."""
        self.intake.take_scan(code)

    def _watch_lines(self) -> None:
        for row in self.lines.rows:
            if id(row) not in self._watched_rows:
                self._watched_rows.add(id(row))
                for edit in (row.quantity, row.price):
                    edit.textChanged.connect(self.refresh_policy)
                row.condition.currentIndexChanged.connect(self.refresh_policy)
        self.refresh_policy()

    def _readable_lines(self) -> list[LineDraft]:
        """The items typed so far that can be read (the policy weighs only these)."""
        lines = []
        for row in self.lines.rows:
            line, problems = row.parse()
            if not row.is_blank() and not problems:
                lines.append(line)
        return lines

    def _customer_profile(self) -> CustomerProfile:
        customer_id, _new = self.customer.draft_part()
        if self._profile is None or self._profile[0] != customer_id:
            # one customer's history: well under a frame
            self._profile = (customer_id, customer_policy(self._db, customer_id=customer_id))
        return self._profile[1]

    def _policy_draft(self) -> ReturnDraft:
        """What is on screen now, as the policy preview sees it."""
        customer_id, _new = self.customer.draft_part()
        exchange_lines, _problems = self.exchange.drafts()
        return ReturnDraft(
            **self.return_fields.draft_part(),
            lines=self._readable_lines(),
            customer_id=customer_id,
            exchange_lines=exchange_lines,
        )

    def refresh_policy(self) -> None:
        """Re-apply the policy to what is on screen and redraw the panel."""
        if not hasattr(self, "return_fields"):
            return  # still building
        method = self.return_fields.refund_method()
        policy = advise_draft(self._customer_profile(), self._policy_draft(), today=date.today())
        self.advice = policy.advice
        limits = self.intake.limit_problems() if hasattr(self, "intake") else []
        self.policy.show_advice(self.advice, method, limits)
        exchange = method == RefundMethod.EXCHANGE
        self.exchange.setVisible(exchange)
        if exchange and policy.settlement is not None:
            settlement = policy.settlement
            returned = format_money(settlement.returned_cents, self._currency)
            taken = format_money(settlement.replacement_cents, self._currency)
            said = settlement.words(self._currency, locale_name())
            self.exchange.set_settlement(
                _("Credit {returned} · replacements {taken} · <b>{settlement}</b>").format(
                    returned=returned, taken=taken, settlement=said
                )
            )

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Enter goes to the next field (or presses the focused button); it never saves."""
        plain = event.modifiers() & ~Qt.KeypadModifier == Qt.NoModifier
        if plain and event.key() in (Qt.Key_Return, Qt.Key_Enter):
            focused = self.focusWidget()
            if isinstance(focused, QAbstractButton):
                focused.click()
            else:
                self.focusNextChild()
            return
        super().keyPressEvent(event)

    def has_input(self) -> bool:
        """True when something was typed or chosen that closing would lose."""
        return (
            self.customer.has_input()
            or self.lines.has_input()
            or self.exchange.has_input()
            or self.return_fields.has_input()
            or bool(self.policy.override_edit.text().strip())
        )

    def reject(self) -> None:
        """Close without saving, after asking when something was typed."""
        if (
            self.created is None
            and self.has_input()
            and not prompts.ask_yes_no(
                self,
                _("Discard this return?"),
                _("Close without saving? What you typed will be lost."),
            )
        ):
            return
        super().reject()

    # saving

    def draft(self) -> tuple[ReturnDraft, dict[str, str]]:
        """Return what was typed as a ReturnDraft, and messages about unreadable text.

        The policy's fee, bonus and settlement are left to desk.services.create_return.
        """
        customer_id, new_customer = self.customer.draft_part()
        lines, problems = self.lines.drafts()
        problems.update(self.return_fields.problems())
        draft = ReturnDraft(
            **self.return_fields.draft_part(),
            lines=lines,
            customer_id=customer_id,
            new_customer=new_customer,
            staff=self._staff,
            override_reason=self.policy.override_reason(),
            sale_id=self.intake.sale_id(),
        )
        if draft.refund_method == RefundMethod.EXCHANGE:
            draft.exchange_lines, exchange_problems = self.exchange.drafts()
            problems.update(exchange_problems)
        return draft, problems

    def save(self) -> None:
        """Save the return (the policy applied by desk) and close, or show what to fix."""
        self.clear_errors()
        self.refresh_policy()  # shows the override field when the policy needs a reason
        draft, problems = self.draft()
        try:
            if problems:  # unreadable text: say all that is wrong at once, save nothing
                self.show_errors({**check_return(self._db, draft=draft), **problems})
                return
            actor = None  # the desk's actor: everyone may log a return
            if self.policy.override_required and draft.override_reason.strip():
                actor = authorised(self, self._db, Permission.OVERRIDE_POLICY)
                if actor is None:  # nobody approved: the form keeps what was typed
                    return
            created = create_return(self._db, draft=draft, actor=actor)
        except ValidationError as error:
            self.show_errors(error.errors)
            return
        except DeskError as error:
            self._show_banner(str(error))
            return
        except SQLAlchemyError as error:
            cause = getattr(error, "orig", None) or error
            self._show_banner(
                _("The database did not take the return ({error}). Nothing was saved.").format(
                    error=cause
                )
            )
            return
        self.created = created
        self.accept()

    def _show_banner(self, message: str) -> None:
        self.banner.set_message(message)

    def _error_widgets(self) -> list[tuple[str, QWidget]]:
        picker = self.customer
        return [
            ("customer", picker.errors["customer"].widget),
            *(
                (k, picker.errors[k].widget)
                for k in ("customer.name", "customer.email", "customer.phone")
            ),
            ("override", self.policy.override_edit),
            *self.lines.error_widgets(),
            *self.return_fields.error_widgets(),
            *self.exchange.error_widgets(),
        ]

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show each message next to its field and put the cursor in the first one."""
        self.customer.show_errors(errors)
        self.lines.show_errors(errors)
        self.exchange.show_errors(errors)
        if "override" in errors:
            self.policy.override_field().show(errors["override"])
        self.return_fields.show_errors(errors)
        order = self._error_widgets()
        known = {key for key, _widget in order}
        others = [message for key, message in errors.items() if key not in known]
        said = _("Nothing was saved: fix the fields marked in red.")
        self._show_banner(" ".join([said, *others]))
        self._banner_for_fields = not others
        for label in self.findChildren(ErrorLabel):
            if label is not self.banner:
                label.cleared.connect(self._field_error_cleared, Qt.UniqueConnection)
        first = next((widget for key, widget in order if key in errors), None)
        if first is not None:
            first.setFocus(Qt.OtherFocusReason)
            if self.lines.scroll.widget().isAncestorOf(first):
                self.lines.scroll.ensureWidgetVisible(first)

    def _field_error_cleared(self) -> None:
        """Once every field marked in red is fixed, the "Nothing was saved" banner goes too."""
        fields = [label for label in self.findChildren(ErrorLabel) if label is not self.banner]
        if self._banner_for_fields and not any(label.text() for label in fields):
            self.banner.set_message(None)

    def clear_errors(self) -> None:
        """Hide every message."""
        self.customer.clear_errors()
        self.lines.clear_errors()
        self.policy.override_field().clear()
        self.return_fields.clear_errors()
        self.banner.set_message(None)
