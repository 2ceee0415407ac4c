"""The read-only parts of the customer profile: facts, habits, policy, returns, messages."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk import labels
from desk.codes import Channel
from desk.customers.profile import Profile
from desk.customers.segments import Segment
from desk.i18n.catalog import N_, _, ngettext, pgettext
from desk.i18n.formats import (
    format_date,
    format_datetime,
    format_decimal,
    format_number,
    format_percent,
)
from desk.money import format_money
from desk.policy.rules import Rules
from ui.returns.list_look import STATUS_COLORS
from ui.returns.messages_box import STATE_WORDS

UNKNOWN = N_("unknown")
SEGMENT_COLORS = {
    Segment.NEW: "#2563eb",
    Segment.OCCASIONAL: "#4b5563",
    Segment.LOYAL: "#16a34a",
    Segment.FREQUENT: "#c2410c",
}
FREQUENT_WARNING = N_("⚠ Frequent returner — take a look; never blocked automatically")
NOTES_HINT = N_("What colleagues should know (no card numbers)")
FACTS = (
    ("since", N_("Customer since")),
    ("orders", N_("Orders")),
    ("spend", N_("Lifetime spend")),
    ("returns", N_("Returns")),
    ("rate", N_("Return rate")),
    ("reasons", N_("Typical reasons")),
    ("refund", N_("Usual refund")),
    ("days", N_("Days from purchase to return")),
    ("last", N_("Last return")),
)
"""The facts' keys and captions (translated where shown)."""


def local_time(stamp) -> str:
    """A stored time as the desk's local date and time ("01/12/2026 14:05")."""
    return format_datetime(stamp)


def badge_style(color: str) -> str:
    """The style of a rounded, coloured badge."""
    return f"background: {color}; color: white; border-radius: 9px; padding: 3px 10px;"


def fact_values(p: Profile, currency: str) -> dict[str, str]:
    """What the shop knows and what the history says, as the texts shown."""
    c, h = p.customer, p.habits
    unknown = _(UNKNOWN)
    returns = format_number(h.returns)
    if h.cancelled:
        returns = _("{n} (and {cancelled} cancelled)").format(
            n=returns, cancelled=format_number(h.cancelled)
        )
    reasons = ", ".join(
        f"{_(labels.label(labels.REASONS, r))} ({format_number(n)})" for r, n in h.top_reasons
    )
    days = h.median_days_to_return
    rate = h.return_rate
    return {
        "since": format_date(c.customer_since) if c.customer_since else unknown,
        "orders": format_number(c.orders_count) if c.orders_count is not None else unknown,
        "spend": format_money(c.lifetime_spend_cents, currency)
        if c.lifetime_spend_cents is not None
        else unknown,
        "returns": returns,
        "rate": _("{rate} of orders").format(rate=format_percent(rate))
        if rate is not None
        else unknown,
        "reasons": reasons or "—",
        "refund": _(labels.label(labels.REFUND_METHODS, h.usual_refund)) or "—",
        "days": _days_text(days) if days is not None else unknown,
        "last": format_date(h.last_return) if h.last_return else "—",
    }


def _days_text(days: float) -> str:
    if days == 0:
        return _("the same day (median)")
    whole = float(days).is_integer()
    shown = format_number(int(days)) if whole else format_decimal(days, 1)
    count = int(days) if whole else 2  # a fraction reads as a plural
    return ngettext("{n} day (median)", "{n} days (median)", count).format(n=shown)


def policy_text(rules: Rules) -> str:
    """The policy for the customer's segment, in a few lines of rich text."""
    methods = ", ".join(_(labels.label(labels.REFUND_METHODS, m)) for m in rules.refund_methods)
    if rules.fee_percent and rules.fee_conditions:
        on = ", ".join(_(labels.label(labels.CONDITIONS, c)).lower() for c in rules.fee_conditions)
        fee = _("{percent} restocking fee on {conditions} items").format(
            percent=format_percent(rules.fee_percent / 100), conditions=on
        )
    else:
        fee = _("No restocking fee")
    window = ngettext(
        "<b>{n}-day</b> return window", "<b>{n}-day</b> return window", rules.window_days
    ).format(n=format_number(rules.window_days))
    rows = [
        escape(_("Refund as: {methods}").format(methods=methods or _("nothing offered"))),
        escape(fee),
        escape(
            _("Refund at the counter allowed")
            if rules.counter_refund
            else _("Refund only after inspection")
        ),
        escape(_("Receipt required") if rules.receipt_required else _("No receipt needed")),
    ]
    return "<br>".join([window, *rows])


class FactsBox(QGroupBox):
    """Customer since, orders, spend and return habits, with the segment and its reason."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(_("What the shop knows"), parent)
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(12)
        grid.setColumnStretch(1, 1)
        self.values: dict[str, QLabel] = {}
        for i, (key, caption) in enumerate(FACTS):
            grid.addWidget(QLabel(_(caption)), i, 0, Qt.AlignTop)
            value = QLabel()
            value.setObjectName(f"fact_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextSelectableByMouse)
            grid.addWidget(value, i, 1, Qt.AlignTop)
            self.values[key] = value
        self.segment_why = QLabel()
        self.segment_why.setObjectName("segmentWhy")
        self.segment_why.setWordWrap(True)
        grid.addWidget(QLabel(_("Segment")), len(FACTS), 0, Qt.AlignTop)
        grid.addWidget(self.segment_why, len(FACTS), 1, Qt.AlignTop)

    def show_profile(self, p: Profile, currency: str) -> None:
        """Fill in the values of `p`."""
        for key, value in fact_values(p, currency).items():
            self.values[key].setText(value)
            self.values[key].setStyleSheet("color: #6b7280;" if value == _(UNKNOWN) else "")
        h = p.habits
        self.segment_why.setText(f"<b>{escape(_(h.segment.label))}</b>: {escape(h.why)}")


def _table(columns: tuple[str, ...], name: str) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(columns)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setDefaultSectionSize(24)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def _fill(
    table: QTableWidget, rows: list[tuple[str, ...]], colors: dict[int, list[str]], right=()
) -> None:
    table.setRowCount(len(rows))
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            item = QTableWidgetItem(value)
            if j in right:
                item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            if j in colors:
                item.setForeground(QColor(colors[j][i]))
            table.setItem(i, j, item)


class HistoryBox(QGroupBox):
    """Every return and every message of the customer; double-click a return to show it."""

    return_chosen = Signal(int)  # return id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(_("Returns and messages"), parent)
        self.return_ids: list[int] = []
        self.returns_table = _table(
            (pgettext("noun", "Return"), _("Logged"), _("Status"), _("Total")), "profileReturns"
        )
        header = self.returns_table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        self.returns_table.setToolTip(_("Double-click a return to show it in the main window"))
        self.returns_table.cellDoubleClicked.connect(
            lambda row, _: self.return_chosen.emit(self.return_ids[row])
        )
        self.messages_table = _table(
            (pgettext("column", "Sent"), _("State"), _("Channel"), _("Subject")), "profileMessages"
        )
        returns, messages = QVBoxLayout(), QVBoxLayout()
        returns.addWidget(QLabel(_("Every return (double-click to show it)")))
        returns.addWidget(self.returns_table)
        messages.addWidget(QLabel(_("Every message sent")))
        messages.addWidget(self.messages_table)
        layout = QHBoxLayout(self)
        layout.addLayout(returns, 2)
        layout.addLayout(messages, 3)

    def show_profile(self, p: Profile, currency: str) -> None:
        """List the returns and messages of `p`, newest first."""
        self.return_ids = [r.return_id for r in p.returns]
        rows = [
            (
                r.number,
                format_date(r.created_at),
                _(r.status.label),
                format_money(r.total_cents, r.currency),  # each in its own currency
            )
            for r in p.returns
        ]
        colors = {2: [STATUS_COLORS[r.status] for r in p.returns]}
        _fill(self.returns_table, rows, colors, right=(3,))
        messages = [
            (
                local_time(m.sent_at or m.created_at),
                _(STATE_WORDS[m.state][0]),
                _("Email") if m.channel == Channel.EMAIL else _("SMS"),
                m.subject or "—",
            )
            for m in p.messages
        ]
        state_colors = [STATE_WORDS[m.state][1] for m in p.messages]
        _fill(self.messages_table, messages, {1: state_colors})
