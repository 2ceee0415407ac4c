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
from desk.money import format_money
from desk.policy.rules import Rules
from ui.returns.messages_box import STATE_WORDS
from ui.returns.model import STATUS_COLORS

UNKNOWN = "unknown"
SEGMENT_COLORS = {
    Segment.NEW: "#2563eb",
    Segment.OCCASIONAL: "#4b5563",
    Segment.LOYAL: "#16a34a",
    Segment.FREQUENT: "#c2410c",
}
FREQUENT_WARNING = "⚠ Frequent returner — take a look; never blocked automatically"
FACTS = (
    ("since", "Customer since"),
    ("orders", "Orders"),
    ("spend", "Lifetime spend"),
    ("returns", "Returns"),
    ("rate", "Return rate"),
    ("reasons", "Typical reasons"),
    ("refund", "Usual refund"),
    ("days", "Days from purchase to return"),
    ("last", "Last return"),
)


def local_time(stamp) -> str:
    """A stored time as local "YYYY-MM-DD HH:MM"."""
    return stamp.astimezone().strftime("%Y-%m-%d %H:%M")


def badge_style(color: str) -> str:
    """The style of a rounded, coloured badge."""
    return f"background: {color}; color: white; border-radius: 9px; padding: 3px 10px;"


def fact_values(p: Profile, currency: str) -> dict[str, str]:
    """What the shop knows and what the history says, as the texts shown."""
    c, h = p.customer, p.habits
    returns = str(h.returns) + (f" (and {h.cancelled} cancelled)" if h.cancelled else "")
    reasons = ", ".join(f"{labels.label(labels.REASONS, r)} ({n})" for r, n in h.top_reasons)
    days = h.median_days_to_return
    return {
        "since": c.customer_since.isoformat() if c.customer_since else UNKNOWN,
        "orders": str(c.orders_count) if c.orders_count is not None else UNKNOWN,
        "spend": format_money(c.lifetime_spend_cents, currency)
        if c.lifetime_spend_cents is not None
        else UNKNOWN,
        "returns": returns,
        "rate": f"{h.return_rate:.0%} of orders" if h.return_rate is not None else UNKNOWN,
        "reasons": reasons or "—",
        "refund": labels.label(labels.REFUND_METHODS, h.usual_refund) or "—",
        "days": f"{days:g} days (median)" if days is not None else UNKNOWN,
        "last": local_time(h.last_return)[:10] if h.last_return else "—",
    }


def policy_text(rules: Rules) -> str:
    """The policy for the customer's segment, in a few lines of rich text."""
    methods = ", ".join(labels.label(labels.REFUND_METHODS, m) for m in rules.refund_methods)
    if rules.fee_percent and rules.fee_conditions:
        on = ", ".join(labels.label(labels.CONDITIONS, c).lower() for c in rules.fee_conditions)
        fee = f"{rules.fee_percent}% restocking fee on {on} items"
    else:
        fee = "No restocking fee"
    rows = [
        f"<b>{rules.window_days}-day</b> return window",
        f"Refund as: {methods or 'nothing offered'}",
        fee,
        "Refund at the counter allowed" if rules.counter_refund else "Refund only after inspection",
        "Receipt required" if rules.receipt_required else "No receipt needed",
    ]
    return "<br>".join(escape(r) if "<b>" not in r else r for r in rows)


class FactsBox(QGroupBox):
    """Customer since, orders, spend and return habits, with the segment and its reason."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("What the shop knows", parent)
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(12)
        grid.setColumnStretch(1, 1)
        self.values: dict[str, QLabel] = {}
        for i, (key, caption) in enumerate(FACTS):
            grid.addWidget(QLabel(caption), i, 0, Qt.AlignTop)
            value = QLabel()
            value.setObjectName(f"fact_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextSelectableByMouse)
            grid.addWidget(value, i, 1, Qt.AlignTop)
            self.values[key] = value
        self.segment_why = QLabel()
        self.segment_why.setObjectName("segmentWhy")
        self.segment_why.setWordWrap(True)
        grid.addWidget(QLabel("Segment"), len(FACTS), 0, Qt.AlignTop)
        grid.addWidget(self.segment_why, len(FACTS), 1, Qt.AlignTop)

    def show_profile(self, p: Profile, currency: str) -> None:
        """Fill in the values of `p`."""
        for key, value in fact_values(p, currency).items():
            self.values[key].setText(value)
            self.values[key].setStyleSheet("color: #6b7280;" if value == UNKNOWN else "")
        h = p.habits
        self.segment_why.setText(f"<b>{escape(h.segment.label)}</b>: {escape(h.why)}")


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
        super().__init__("Returns and messages", parent)
        self.return_ids: list[int] = []
        self.returns_table = _table(("Return", "Logged", "Status", "Total"), "profileReturns")
        header = self.returns_table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        self.returns_table.setToolTip("Double-click a return to show it in the main window")
        self.returns_table.cellDoubleClicked.connect(
            lambda row, _: self.return_chosen.emit(self.return_ids[row])
        )
        self.messages_table = _table(("Sent", "State", "Channel", "Subject"), "profileMessages")
        returns, messages = QVBoxLayout(), QVBoxLayout()
        returns.addWidget(QLabel("Every return (double-click to show it)"))
        returns.addWidget(self.returns_table)
        messages.addWidget(QLabel("Every message sent"))
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
                local_time(r.created_at)[:10],
                r.status.label,
                format_money(r.total_cents, r.currency),  # each in its own currency
            )
            for r in p.returns
        ]
        colors = {2: [STATUS_COLORS[r.status] for r in p.returns]}
        _fill(self.returns_table, rows, colors, right=(3,))
        messages = [
            (
                local_time(m.sent_at or m.created_at),
                STATE_WORDS[m.state][0],
                "Email" if m.channel == Channel.EMAIL else "SMS",
                m.subject or "—",
            )
            for m in p.messages
        ]
        state_colors = [STATE_WORDS[m.state][1] for m in p.messages]
        _fill(self.messages_table, messages, {1: state_colors})
