"""The detail of one return: customer, lines with amounts, timeline, feedback, next steps."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk import labels
from desk.codes import Status
from desk.i18n.catalog import N_, _, pgettext
from desk.i18n.formats import format_date, format_datetime, format_number
from desk.money import format_money, format_signed
from desk.returns import ReturnDetail
from desk.workflow import allowed_next
from ui.actions import Act, shortcut_text
from ui.feedback.detail_box import FeedbackBox
from ui.returns.list_look import STATUS_COLORS
from ui.returns.messages_box import MessagesBox
from ui.returns.timeline_box import TimelineBox
from ui.widgets.flow_layout import flow_row

LINE_COLUMNS = (N_("SKU"), N_("Item · condition · goes to"), N_("Qty"), N_("Unit price"),
                N_("Amount"))  # fmt: skip
"""The Items table's columns; condition and disposition are the item cell's last line, so the
table fits a 1024-pixel window without a horizontal scroll bar."""

STACK_BELOW = 600
"""Below this width (pixels) the Customer and Return boxes stand one above the other."""


def _local(stamp) -> str:
    return format_datetime(stamp)


class DetailPanel(QScrollArea):
    """Shows the selected return; emits `move_requested` when a next-step button is pressed."""

    move_requested = Signal(object)  # Status
    print_requested = Signal()
    export_requested = Signal()
    profile_requested = Signal(int)  # customer id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.detail: ReturnDetail | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        body = QWidget()
        self._layout = QVBoxLayout(body)
        self._layout.setContentsMargins(16, 12, 16, 12)
        self._layout.setSpacing(12)
        self._build_header()
        self._build_facts()
        self._build_lines()
        self._build_timeline()
        self.feedback_box = FeedbackBox()  # filled by its own `load`: the main window calls it
        self._layout.addWidget(self.feedback_box)
        self.messages_box = MessagesBox()
        self._layout.addWidget(self.messages_box)
        self._layout.addStretch(1)
        self.setWidget(body)
        self.show_detail(None)

    def _build_header(self) -> None:
        self.number_label = QLabel()
        self.number_label.setObjectName("returnNumber")
        self.number_label.setStyleSheet("font-size: 20pt; font-weight: 600;")
        self.number_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.status_label = QLabel()
        self.status_label.setObjectName("statusBadge")
        self.meta_label = QLabel()
        self.meta_label.setStyleSheet("color: #555;")
        self.meta_label.setWordWrap(True)
        header = QHBoxLayout()
        header.addWidget(self.number_label)
        header.addSpacing(8)
        header.addWidget(self.status_label, 0, Qt.AlignVCenter)
        header.addStretch(1)
        self._layout.addLayout(header)
        self._layout.addWidget(self.meta_label)
        self.actions_hint = QLabel(_("Next step:"))
        self.actions_hint.setStyleSheet("font-weight: 600;")
        buttons = flow_row()
        self.actions_box = buttons.layout()  # the move buttons wrap onto rows as needed
        actions = QHBoxLayout()
        actions.addWidget(self.actions_hint, 0, Qt.AlignTop)
        actions.addWidget(buttons, 1)
        self._layout.addLayout(actions)
        self.move_buttons: dict[Status, QPushButton] = {}  # the next steps shown
        self._move_pool: dict[Status, QPushButton] = {}  # each made once, shown when it applies
        self._build_instructions_row()

    def _build_instructions_row(self) -> None:
        from ui.instructions.paper_formats import format_combo

        hint = QLabel(_("Instructions for the customer:"))
        hint.setStyleSheet("font-weight: 600;")
        self.format_combo = format_combo()
        self.format_combo.setToolTip(_("Paper for the printed or exported instructions"))
        self.print_button = QPushButton(_("Print…"))
        self.print_button.setObjectName("printInstructions")
        self.print_button.setToolTip(
            _("Preview and print the return instructions ({shortcut})").format(
                shortcut=shortcut_text(Act.PRINT_INSTRUCTIONS)
            )
        )
        self.print_button.clicked.connect(self.print_requested)
        self.export_button = QPushButton(_("Export PDF…"))
        self.export_button.setObjectName("exportInstructions")
        self.export_button.clicked.connect(self.export_requested)
        row = flow_row(hint, self.format_combo, self.print_button, self.export_button)
        self._layout.addWidget(row)

    def _build_facts(self) -> None:
        self.facts_row = row = QBoxLayout(QBoxLayout.LeftToRight)
        self.customer_label = self._fact_box(row, _("Customer"))
        self.profile_button = QPushButton(_("Customer profile…"))
        self.profile_button.setObjectName("customerProfile")
        self.profile_button.setToolTip(_("Habits, policy, every return; edit, export or erase"))
        self.profile_button.clicked.connect(self._request_profile)
        self.customer_label.parentWidget().layout().addWidget(self.profile_button, 0, Qt.AlignLeft)
        self.return_label = self._fact_box(row, pgettext("noun", "Return"))
        self._layout.addLayout(row)

    def _request_profile(self) -> None:
        if self.detail is not None:
            self.profile_requested.emit(self.detail.customer.id)

    def _fact_box(self, row: QBoxLayout, title: str) -> QLabel:
        box = QGroupBox(title)
        label = QLabel()
        label.setTextFormat(Qt.RichText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        label.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        QVBoxLayout(box).addWidget(label)
        row.addWidget(box, 1)
        return label

    def _build_lines(self) -> None:
        box = QGroupBox(_("Items"))
        layout = QVBoxLayout(box)
        self.lines_table = QTableWidget(0, len(LINE_COLUMNS))
        self.lines_table.setHorizontalHeaderLabels([_(text) for text in LINE_COLUMNS])
        self.lines_table.verticalHeader().setVisible(False)
        self.lines_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.lines_table.setSelectionMode(QAbstractItemView.NoSelection)
        self.lines_table.setFocusPolicy(Qt.NoFocus)
        self.lines_table.setWordWrap(True)
        self.lines_table.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.lines_table.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        header = self.lines_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setMinimumSectionSize(40)
        self.total_label = QLabel()
        self.total_label.setAlignment(Qt.AlignRight)
        self.total_label.setStyleSheet("font-size: 12pt; font-weight: 600;")
        layout.addWidget(self.lines_table)
        layout.addWidget(self.total_label)
        self._layout.addWidget(box)

    def _build_timeline(self) -> None:
        self.timeline = TimelineBox()
        self._layout.addWidget(self.timeline)

    def show_detail(self, detail: ReturnDetail | None) -> None:
        """Show `detail`, or an empty hint when nothing is selected."""
        self.detail = detail
        self.widget().setVisible(detail is not None)
        if detail is None:
            return
        ret = detail.ret
        status = ret.status
        self.number_label.setText(ret.number)
        color = STATUS_COLORS[status]
        self.status_label.setText(status.label)
        if self.status_label.property("color") != color:  # a style sheet re-polishes: once
            self.status_label.setProperty("color", color)
            self.status_label.setStyleSheet(
                f"background: {color}; color: white; border-radius: 9px; padding: 3px 10px;"
                "font-weight: 600;"
            )
        self.meta_label.setText(
            _("Logged {logged} · {intake} · last change {changed}").format(
                logged=_local(ret.created_at),
                intake=labels.label(labels.INTAKES, ret.intake),
                changed=_local(ret.updated_at),
            )
        )
        self._show_customer(detail)
        self._show_return(detail)
        self._show_lines(detail)
        self._show_timeline(detail)
        self._show_moves(status)

    def _show_customer(self, detail: ReturnDetail) -> None:
        c = detail.customer
        rows = [f"<b>{escape(c.name)}</b>"]
        rows += [escape(x) for x in (c.email, detail.customer_phone) if x]
        rows.append(
            _("Prefers: {channel} · {language}").format(
                channel=escape(labels.label(labels.CHANNELS, c.preferred_channel)),
                language=escape(labels.LANGUAGES.get(c.preferred_language, c.preferred_language)),
            )
        )
        self.customer_label.setText("<br>".join(rows))

    def show_habits(self, habits) -> None:
        """Add the customer's segment (and a flag for a frequent returner) to their box."""
        color = "#b45309" if habits.flagged else "#15803d"
        flag = " " + _("⚑ take a look") if habits.flagged else ""
        segment = (
            f"<span style='color:{color}; font-weight:600'>{escape(habits.segment.label)}"
            f"{flag}</span> <span style='color:#555'>({escape(habits.why)})</span>"
        )
        self.customer_label.setText(self.customer_label.text() + "<br>" + segment)

    def _show_return(self, detail: ReturnDetail) -> None:
        r = detail.ret
        reason = labels.label(labels.REASONS, r.reason)
        rows = [_("<b>Reason:</b> {reason}").format(reason=escape(reason))]
        if r.reason_text:
            rows.append(f"<i>“{escape(r.reason_text)}”</i>")
        wants = escape(labels.label(labels.REFUND_METHODS, r.refund_method))
        rows.append(_("<b>Wants:</b> {method}").format(method=wants))
        bought = format_date(r.purchase_date) if r.purchase_date else _("date unknown")
        if r.purchase_ref:
            rows.append(
                _("<b>Bought:</b> {date} · receipt {receipt}").format(
                    date=bought, receipt=escape(r.purchase_ref)
                )
            )
        else:
            rows.append(_("<b>Bought:</b> {date}").format(date=bought))
        rows += self._money_rows(detail)
        self.return_label.setText("<br>".join(rows))

    def _money_rows(self, detail: ReturnDetail) -> list[str]:
        r, money = detail.ret, (lambda cents: format_money(cents, detail.currency))
        rows = []
        if r.fee_cents:
            rows.append(_("<b>Restocking fee:</b> {amount}").format(amount=money(r.fee_cents)))
        if r.bonus_cents:
            rows.append(
                _("<b>Bonus for keeping the sale:</b> {amount}").format(
                    amount=format_signed(r.bonus_cents, detail.currency)
                )
            )
        if detail.exchange_lines:
            items = ", ".join(
                f"{format_number(x.quantity)} × {escape(x.sku)} {escape(x.description)}".strip()
                for x in detail.exchange_lines
            )
            rows.append(_("<b>Replacement:</b> {items}").format(items=items))
        if r.settlement_cents > 0:
            rows.append(
                _("<b>Customer pays:</b> {amount}").format(amount=money(r.settlement_cents))
            )
        elif r.settlement_cents < 0:
            rows.append(_("<b>Give back:</b> {amount}").format(amount=money(-r.settlement_cents)))
        return rows

    def _show_lines(self, detail: ReturnDetail) -> None:
        table = self.lines_table
        table.setRowCount(len(detail.lines))
        for i, line in enumerate(detail.lines):
            serial = _("Serial/batch {serial}").format(serial=line.serial) if line.serial else ""
            serial = "\n" + serial if serial else ""
            condition = labels.label(labels.CONDITIONS, line.condition)
            goes_to = labels.label(labels.DISPOSITIONS, line.disposition).lower()
            values = (
                line.sku,
                f"{line.description}{serial}\n{condition} · {goes_to}".lstrip("\n"),
                format_number(line.quantity),
                format_money(line.unit_price_cents, detail.currency),
                format_money(line.quantity * line.unit_price_cents, detail.currency),
            )
            for j, value in enumerate(values):
                item = QTableWidgetItem(value)
                if j in (2, 3, 4):
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                table.setItem(i, j, item)
        self._fit_lines_height()
        self.total_label.setText(
            _("Total {amount}").format(amount=format_money(detail.total_cents, detail.currency))
        )

    def _fit_lines_height(self) -> None:
        """Make the Items table as tall as its rows, wrapped at the width it has now."""
        table = self.lines_table
        table.resizeRowsToContents()
        height = table.horizontalHeader().height() + 4
        height += sum(table.rowHeight(i) for i in range(table.rowCount()))
        table.setFixedHeight(height)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Stack the Customer and Return boxes when narrow; rewrap the Items rows."""
        super().resizeEvent(event)
        narrow = self.viewport().width() < STACK_BELOW
        direction = QBoxLayout.TopToBottom if narrow else QBoxLayout.LeftToRight
        if self.facts_row.direction() != direction:
            self.facts_row.setDirection(direction)
        if self.detail is not None:
            self._fit_lines_height()

    def _show_timeline(self, detail: ReturnDetail) -> None:
        self.timeline.show_detail(detail)

    def _show_moves(self, status: Status) -> None:
        for button in self.move_buttons.values():
            self.actions_box.removeWidget(button)
            button.hide()  # kept for the next return that can move there
        self.move_buttons = {}
        for target in allowed_next(status):
            button = self._move_pool.get(target) or self._move_button(target)
            button.setText(target.label)
            self.actions_box.addWidget(button)
            button.show()
            self.move_buttons[target] = button
        self.actions_hint.setText(_("Next step:") if self.move_buttons else _("Final status."))

    def _move_button(self, target: Status) -> QPushButton:
        button = self._move_pool[target] = QPushButton(target.label)
        button.setObjectName(f"move_{target.value}")
        button.clicked.connect(lambda _=False, t=target: self.move_requested.emit(t))
        return button

    def timeline_text(self) -> list[str]:
        """The timeline as shown, one string per entry (status, staff, note)."""
        return self.timeline.texts()
