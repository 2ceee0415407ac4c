"""The customer part of the new-return dialog: find one as you type, or enter a new one."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.codes import Channel
from desk.db import Database
from desk.i18n.catalog import N_, _
from desk.labels import CHANNELS, LANGUAGES, label
from desk.models import Customer
from desk.phones import example_phone, show_phone
from desk.returns import CustomerDraft
from desk.services import search_customers
from desk.settings import SHOP_COUNTRY, load_settings
from desk.validation import email_error, phone_error
from ui.background import run_in_background
from ui.new_return.customer_parts import SEARCH_LIMIT, PickedCard, choose_first, several_hint
from ui.widgets.form_parts import ErrorLabel, FieldError, combo, form_grid, with_error

SEARCH, PICKED, NEW = "search", "picked", "new"
_TITLES = {SEARCH: N_("Customer"), PICKED: N_("Customer: existing"), NEW: N_("Customer: new")}
_ENTER = (Qt.Key_Return, Qt.Key_Enter)
VISIBLE_MATCHES = 5  # rows of matches shown before the list scrolls


class CustomerPicker(QGroupBox):
    """Lists matching customers while staff type; picks one, or switches to a new one."""

    picked = Signal(object)
    """Emitted with the chosen desk.models.Customer."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(_(_TITLES[SEARCH]), parent)
        self._db = db
        self.country = load_settings(db)[SHOP_COUNTRY]  # phones typed without a country code
        self.customer: Customer | None = None
        self.mode = SEARCH
        self._generation = 0
        self._answered = ""  # the query the listed matches answer
        self._enter_pending = False  # Enter was pressed before the matches came
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self._start_search)
        self.errors: dict[str, FieldError] = {}
        self.stack = QStackedWidget()
        self.stack.addWidget(self._search_page())
        self.card = PickedCard()
        self.summary_name, self.summary_details = self.card.name, self.card.details
        self.change_button = self.card.change_button
        self.change_button.clicked.connect(self.change)
        self.stack.addWidget(self.card)
        self.stack.addWidget(self._new_page())
        self.customer_error = ErrorLabel()
        self.errors["customer"] = FieldError(self.search_box, self.customer_error)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        layout.addWidget(self.customer_error)
        self._set_mode(SEARCH)

    # building

    def _search_page(self) -> QWidget:
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(_("Find customer (name, email or phone)"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(self._search_edited)
        self.search_box.installEventFilter(self)
        self.new_button = QPushButton(_("&New customer"))
        self.new_button.setToolTip(_("Enter a customer who is not on file yet (Alt+N)"))
        self.new_button.clicked.connect(self.start_new)
        self.results = QTreeWidget()
        self.results.setHeaderLabels([_("Name"), _("Email"), _("Phone")])
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setAlternatingRowColors(True)
        self.results.setFocusPolicy(Qt.NoFocus)  # the keys stay in the search box
        self.results.header().setSectionResizeMode(QHeaderView.Stretch)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)  # rows stay visible
        self.results.itemClicked.connect(lambda item, _col: self._pick_item(item))
        self.results.hide()
        self.search_hint = QLabel()
        self.search_hint.setProperty("role", "hint")
        self.search_hint.setTextFormat(Qt.PlainText)  # it quotes what was typed
        self.search_hint.hide()
        row = QHBoxLayout()
        row.addWidget(self.search_box, 1)
        row.addWidget(self.new_button)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.results)
        layout.addWidget(self.search_hint)
        return page

    def _new_page(self) -> QWidget:
        self.name_edit, self.email_edit, self.phone_edit = QLineEdit(), QLineEdit(), QLineEdit()
        self.email_edit.setPlaceholderText("name@example.com")
        self.phone_edit.setPlaceholderText(example_phone(self.country))
        self.channel_combo = combo({code: label(CHANNELS, code) for code in CHANNELS})
        self.language_combo = combo(LANGUAGES)  # each language in its own words
        self.channel_combo.currentIndexChanged.connect(self._channel_changed)
        self.find_button = QPushButton(_("Find &existing customer"))
        self.find_button.clicked.connect(self.find_existing)
        fields = {}
        for key, edit in (
            ("customer.name", self.name_edit),
            ("customer.email", self.email_edit),
            ("customer.phone", self.phone_edit),
        ):
            fields[key], self.errors[key] = with_error(edit)
            edit.textChanged.connect(self.errors[key].clear)
        for edit in (self.email_edit, self.phone_edit):
            edit.installEventFilter(self)
        header = QHBoxLayout()
        title = QLabel(_("<b>New customer</b>, saved together with this return"))
        header.addWidget(title, 1)
        header.addWidget(self.find_button)
        grid = form_grid(
            [
                (_("Name *"), fields["customer.name"], _("Email"), fields["customer.email"]),
                (_("Phone"), fields["customer.phone"], _("Contact by"), self.channel_combo),
                (_("Language"), self.language_combo, None, None),
            ]
        )
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addLayout(grid)
        return page

    # searching

    @property
    def search_pending(self) -> bool:
        """True while the listed matches do not yet answer what is in the search box."""
        return self._timer.isActive() or self._answered != self.search_box.text().strip()

    def _search_edited(self) -> None:
        self.errors["customer"].clear()
        self._enter_pending = False
        self._timer.start()

    def _start_search(self) -> None:
        query = self.search_box.text().strip()
        self._generation += 1
        if not query:
            self._show_results((self._generation, query, []))
            return
        generation, db = self._generation, self._db

        def work():
            return generation, query, search_customers(db, query=query, limit=SEARCH_LIMIT)

        run_in_background(
            work, owner=self, on_success=self._show_results, on_failure=self._search_failed
        )

    def _show_results(self, answer: tuple[int, str, list[Customer]]) -> None:
        generation, query, customers = answer
        if generation != self._generation:
            return  # an older search finished late
        self._answered = query
        self.results.clear()
        for customer in customers:
            phone = show_phone(customer.phone, self.country)
            item = QTreeWidgetItem([customer.name, customer.email or "", phone])
            item.setData(0, Qt.UserRole, customer)
            self.results.addTopLevelItem(item)
        if customers:
            shown = min(len(customers), VISIBLE_MATCHES)
            self.results.setFixedHeight(
                self.results.header().sizeHint().height()
                + shown * self.results.sizeHintForRow(0)
                + 2 * self.results.frameWidth()
            )
            if len(customers) > 1:
                hint = several_hint(len(customers))
            else:
                hint = _("One customer matches: Enter (or a click) picks it.")
        else:
            hint = _(
                "No customer matches “{query}”. Check the spelling, or Alt+N for a new one."
            ).format(query=query)
        self.results.setVisible(bool(customers))
        self.search_hint.setText(hint)
        self.search_hint.setVisible(bool(query))
        if self._enter_pending and query == self.search_box.text().strip():
            self._enter_pending = False
            self._pick_current()

    def _search_failed(self, error: Exception) -> None:
        self._answered = self.search_box.text().strip()
        self.customer_error.set_message(
            _("The customer search failed: {error}").format(error=error)
        )

    def _move_selection(self, step: int) -> None:
        count = self.results.topLevelItemCount()
        if not count or not self.results.isVisible():
            return
        current = self.results.indexOfTopLevelItem(self.results.currentItem())
        row = 0 if current < 0 else max(0, min(count - 1, current + step))
        self.results.setCurrentItem(self.results.topLevelItem(row))

    def _pick_current(self) -> None:
        if self.search_pending:
            self._enter_pending = True  # decided when the matches arrive
            return
        count = self.results.topLevelItemCount()
        if count == 1:
            self._pick_item(self.results.topLevelItem(0))  # unambiguous: take it
        elif count and self.results.currentItem() is not None:
            self._pick_item(self.results.currentItem())  # only the highlighted one
        elif count:
            self.search_hint.setText(choose_first(count))

    def _pick_item(self, item: QTreeWidgetItem | None) -> None:
        if item is not None:
            self.pick(item.data(0, Qt.UserRole))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Down/Up move through the matches and Enter picks one; check contacts on leaving."""
        if watched is self.search_box and event.type() == QEvent.KeyPress:
            plain = event.modifiers() & ~Qt.KeypadModifier == Qt.NoModifier
            if plain and event.key() in (Qt.Key_Down, Qt.Key_Up):
                self._move_selection(1 if event.key() == Qt.Key_Down else -1)
                return True
            if plain and event.key() in _ENTER:
                self._pick_current()
                return True
        elif event.type() == QEvent.FocusOut and watched in (self.email_edit, self.phone_edit):
            self.check_contact()
        return super().eventFilter(watched, event)

    # modes

    def _set_mode(self, mode: str) -> None:
        self.mode = mode
        current = (SEARCH, PICKED, NEW).index(mode)
        self.stack.setCurrentIndex(current)
        for index in range(self.stack.count()):  # size the stack to the page shown
            policy = QSizePolicy.Preferred if index == current else QSizePolicy.Ignored
            self.stack.widget(index).setSizePolicy(policy, policy)
        self.setTitle(_(_TITLES[mode]))
        self.errors["customer"].clear()
        self.errors["customer"].widget = self.change_button if mode == PICKED else self.search_box

    def pick(self, customer: Customer) -> None:
        """Choose `customer` for the return and show who it is."""
        self.customer = customer
        self.card.show_customer(customer, self.country)
        self._set_mode(PICKED)
        self.picked.emit(customer)

    def change(self) -> None:
        """Go back to the search box (keeping what was typed there) to choose again."""
        self.customer = None
        self._set_mode(SEARCH)
        self.search_box.setFocus(Qt.OtherFocusReason)
        self.search_box.selectAll()

    def start_new(self) -> None:
        """Switch to entering a new customer, starting from what was typed in the search."""
        typed = self.search_box.text().strip()
        if typed and not any(e.text() for e in (self.name_edit, self.email_edit, self.phone_edit)):
            if "@" in typed:
                self.email_edit.setText(typed)
            elif sum(c.isdigit() for c in typed) >= 6:
                self.phone_edit.setText(typed)
            else:
                self.name_edit.setText(typed)
        self.customer = None
        self._set_mode(NEW)
        first_empty = next((e for e in (self.name_edit, self.email_edit) if not e.text()), None)
        (first_empty or self.name_edit).setFocus(Qt.OtherFocusReason)

    def find_existing(self) -> None:
        """Leave the new-customer form (its fields are kept) for the search box."""
        self.change()

    # for the dialog

    def focus_start(self) -> None:
        """Put the cursor where the customer part starts in the current mode."""
        widget = {SEARCH: self.search_box, PICKED: self.change_button, NEW: self.name_edit}
        widget[self.mode].setFocus(Qt.OtherFocusReason)

    def focus_chain(self) -> list[QWidget]:
        """The customer widgets in tab order (hidden ones are skipped by Qt)."""
        return [
            self.search_box,
            self.new_button,
            self.change_button,
            self.find_button,
            self.name_edit,
            self.email_edit,
            self.phone_edit,
            self.channel_combo,
            self.language_combo,
        ]

    def draft_part(self) -> tuple[int | None, CustomerDraft | None]:
        """Return (customer_id, new customer) for the ReturnDraft; both None if none chosen."""
        if self.mode == PICKED and self.customer is not None:
            return self.customer.id, None
        if self.mode == NEW:
            return None, CustomerDraft(
                name=self.name_edit.text(),
                email=self.email_edit.text(),
                phone=self.phone_edit.text(),
                preferred_channel=self.channel_combo.currentData(),
                preferred_language=self.language_combo.currentData(),
            )
        return None, None

    def check_contact(self) -> None:
        """Show at once whether the typed email and phone look usable (a phone read with
        the shop's country; a mobile one when texts are the chosen way to reach them)."""
        if message := email_error(self.email_edit.text()):
            self.errors["customer.email"].show(message)
        sms = self.channel_combo.currentData() == Channel.SMS
        if message := phone_error(self.phone_edit.text(), self.country, sms=sms):
            self.errors["customer.phone"].show(message)

    def _channel_changed(self) -> None:
        """Check the typed phone again: a landline is fine for email, not for texts."""
        if self.phone_edit.text().strip():
            self.errors["customer.phone"].clear()
            self.check_contact()

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show the customer messages among `errors` next to their fields."""
        if "customer" in errors and self.mode == PICKED:
            self.change()  # the picked customer is gone: choose again
        for key, error in self.errors.items():
            if key in errors:
                error.show(errors[key])

    def clear_errors(self) -> None:
        """Hide every customer message."""
        for error in self.errors.values():
            error.clear()

    def has_input(self) -> bool:
        """True when something was typed or chosen here."""
        typed = (self.search_box, self.name_edit, self.email_edit, self.phone_edit)
        return self.customer is not None or any(e.text().strip() for e in typed)
