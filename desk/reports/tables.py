"""The reports' own tables: derived rows the services keep in step (desk.reports.facts),
rebuilt from the tables of desk.models at any time, read by the dashboard's figures."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index
from sqlmodel import Field

from desk.codes import Disposition, Reason, RefundMethod, Status
from desk.columns import EnumText
from desk.table_base import Table


class ReportReturn(Table, table=True):
    """What the dashboard needs to know of one return, kept in step by the services.

    Derived data: desk.reports.facts.refresh rewrites a return's row from its return,
    status changes, sent messages, feedback and lines; nothing else writes here.
    """

    __tablename__ = "report_return"
    # one index per figure, led by what it groups by: over a wide range a figure walks
    # its index in order and only filters the day (desk.reports.figures)
    __table_args__ = (
        Index("ix_report_return_day", "day", "reason", "status", "rating", "asked"),
        Index("ix_report_return_reason", "reason", "day"),
        Index("ix_report_return_status", "status", "day"),
        Index("ix_report_return_rating", "rating", "asked", "day"),
        Index("ix_report_return_customer", "customer_id", "day", "status"),
        Index(
            "ix_report_return_settled",
            "settled_status",
            "refund_method",
            "currency",
            "day",
            "amount_cents",
            "settle_days",
            *(f"{d.value}_{what}" for d in Disposition for what in ("lines", "items")),
        ),
        Index("ix_report_return_settle_time", "settle_days", "day"),
        Index("ix_report_return_settle_group", "settled_status", "settle_days", "day"),
    )

    return_id: int = Field(
        primary_key=True,
        foreign_key="return.id",
        ondelete="CASCADE",
        sa_column_kwargs={"autoincrement": False},
    )
    day: date  # the UTC day the return was logged
    customer_id: int
    status: Status = Field(sa_type=EnumText(Status, 20))  # now
    reason: Reason = Field(sa_type=EnumText(Reason, 40))
    refund_method: RefundMethod = Field(sa_type=EnumText(RefundMethod, 20))
    amount_cents: int  # total - fee + bonus
    currency: str = Field(  # the return's: amounts in different currencies are not added
        default="EUR", max_length=3, sa_column_kwargs={"server_default": "EUR"}
    )
    settled_status: Status | None = Field(default=None, sa_type=EnumText(Status, 20))
    settle_days: float | None = None  # from received to settled
    rating: int | None = None  # the current feedback's
    asked: bool = False  # a feedback request was sent
    restock_lines: int = 0
    restock_items: int = 0
    refurbish_lines: int = 0
    refurbish_items: int = 0
    recycle_lines: int = 0
    recycle_items: int = 0
    donate_lines: int = 0
    donate_items: int = 0
    discard_lines: int = 0
    discard_items: int = 0


class ReportResponse(Table, table=True):
    """How long one status change waited for its first sent message (derived, see above)."""

    __tablename__ = "report_response"
    __table_args__ = (
        Index("ix_report_response_day", "day", "customer_id"),
        Index("ix_report_response_hours", "hours", "day"),
    )

    status_change_id: int = Field(
        primary_key=True,
        foreign_key="status_change.id",
        ondelete="CASCADE",
        sa_column_kwargs={"autoincrement": False},
    )
    return_id: int = Field(foreign_key="return.id", index=True, ondelete="CASCADE")
    day: date
    customer_id: int
    hours: float  # from the change to its first sent message


class ReportLine(Table, table=True):
    """One returned line as the most-returned-SKUs figure counts it (derived, see above)."""

    __tablename__ = "report_line"
    __table_args__ = (
        Index("ix_report_line_day", "day", "kept", "sku", "quantity", "first_of_sku"),
        Index("ix_report_line_sku", "kept", "sku", "day", "quantity", "first_of_sku"),
    )

    line_id: int = Field(
        primary_key=True,
        foreign_key="return_line.id",
        ondelete="CASCADE",
        sa_column_kwargs={"autoincrement": False},
    )
    return_id: int = Field(foreign_key="return.id", index=True, ondelete="CASCADE")
    day: date
    customer_id: int
    kept: bool  # the return is not cancelled
    sku: str = Field(max_length=64)
    quantity: int
    first_of_sku: bool  # the return's first line of this SKU (counts the return once)
