"""The tables of Return Desk: customers, returns, their lines and status changes."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, UniqueConstraint, func, text
from sqlmodel import Field

import desk.catalog.tables  # noqa: F401  (Return and ReturnLine refer to its tables)
from desk.codes import (
    STATUS_RANK_SQL,
    Channel,
    Condition,
    Disposition,
    Event,
    FeedbackSource,
    Intake,
    OutboxState,
    PriceSource,
    Reason,
    RefundMethod,
    RewardKind,
    Status,
    Timeline,
)
from desk.columns import EnumText, UTCDateTime
from desk.table_base import Table, stamp
from desk.table_base import utcnow as utcnow  # the services' clock, imported from here


class CustomerBase(Table):
    name: str = Field(max_length=200, index=True)
    email: str | None = Field(default=None, max_length=254, index=True)
    phone: str | None = Field(default=None, max_length=40, index=True)
    preferred_channel: Channel = Field(default=Channel.EMAIL, sa_type=EnumText(Channel, 20))
    preferred_language: str = Field(default="en", max_length=10)
    preferred_refund: RefundMethod = Field(
        default=RefundMethod.ORIGINAL, sa_type=EnumText(RefundMethod, 20)
    )
    preferred_timeline: Timeline = Field(
        default=Timeline.NO_PREFERENCE,
        sa_type=EnumText(Timeline, 20),
        sa_column_kwargs={"server_default": ""},
    )
    notes: str = Field(default="")


class Customer(CustomerBase, table=True):
    __tablename__ = "customer"
    __table_args__ = (Index("ix_customer_name_lower", func.lower(text("name")), "id"),)

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = stamp()
    # what the shop's own system knows (None: never told)
    external_ref: str = Field(default="", max_length=100, sa_column_kwargs={"server_default": ""})
    customer_since: date | None = None
    orders_count: int | None = None
    lifetime_spend_cents: int | None = None
    erased_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    erased_by: str = Field(default="", max_length=100, sa_column_kwargs={"server_default": ""})


class ReturnBase(Table):
    intake: Intake = Field(default=Intake.COUNTER, sa_type=EnumText(Intake, 20))
    purchase_date: date | None = None
    purchase_ref: str = Field(default="", max_length=100)
    reason: Reason = Field(sa_type=EnumText(Reason, 40))
    reason_text: str = Field(default="")
    refund_method: RefundMethod = Field(
        default=RefundMethod.ORIGINAL, sa_type=EnumText(RefundMethod, 20)
    )


class Return(ReturnBase, table=True):
    __tablename__ = "return"
    __table_args__ = (  # the list's orders walk these (desk/list_order.py)
        Index("ix_return_status_created", "status", "created_at"),
        Index("ix_return_created_at", "created_at", "id"),
        Index("ix_return_customer_created", "customer_id", "created_at", "id"),
        Index("ix_return_total_created", "total_cents", "created_at", "id"),
        Index("ix_return_items_created", "item_count", "created_at", "id"),
        Index("ix_return_status_rank", text(f"({STATUS_RANK_SQL})"), "created_at", "id"),
        # and ix_return_open_created, a partial index made by migration 0020 only: declared
        # here, its postgresql_where would load SQLAlchemy's PostgreSQL dialect at every
        # start, and autogenerate cannot compare a WHERE clause anyway (desk.migrations)
    )

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=20, unique=True)
    customer_id: int = Field(foreign_key="customer.id")
    status: Status = Field(sa_type=EnumText(Status, 20), index=True)
    total_cents: int = Field(default=0)
    item_count: int = Field(default=0, sa_column_kwargs={"server_default": "0"})  # units
    created_at: datetime = stamp()
    updated_at: datetime = stamp()
    version: int = Field(default=1)
    fee_cents: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    bonus_cents: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    # exchange: > 0 the customer pays the difference, < 0 the shop pays it back
    settlement_cents: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    # ISO 4217 code of the currency the return was logged in (shop.currency then); its
    # amounts, exchange lines and reward code are in it, whatever the setting is now
    currency: str = Field(default="EUR", max_length=3, sa_column_kwargs={"server_default": "EUR"})
    # the till's sale it came back from, when the receipt is in the imported sales
    sale_id: int | None = Field(default=None, foreign_key="sale.id", index=True)


class ReturnLineBase(Table):
    sku: str = Field(max_length=64, index=True)
    description: str = Field(default="", max_length=300)
    serial: str = Field(default="", max_length=100)
    quantity: int = Field(default=1)
    unit_price_cents: int = Field(default=0)
    condition: Condition = Field(default=Condition.UNOPENED, sa_type=EnumText(Condition, 20))
    disposition: Disposition = Field(default=Disposition.RESTOCK, sa_type=EnumText(Disposition, 20))


class ReturnLine(ReturnLineBase, table=True):
    __tablename__ = "return_line"

    id: int | None = Field(default=None, primary_key=True)
    return_id: int = Field(foreign_key="return.id", index=True, ondelete="CASCADE")
    product_id: int | None = Field(default=None, foreign_key="product.id", index=True)
    sale_line_id: int | None = Field(default=None, foreign_key="sale_line.id", index=True)
    price_source: PriceSource = Field(
        default=PriceSource.TYPED,
        sa_type=EnumText(PriceSource, 10),
        sa_column_kwargs={"server_default": PriceSource.TYPED.value},
    )


class StatusChange(Table, table=True):
    __tablename__ = "status_change"
    # covering index for the reports' settle times (desk.reports.figures)
    __table_args__ = (Index("ix_status_change_report", "to_status", "return_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    return_id: int = Field(foreign_key="return.id", index=True, ondelete="CASCADE")
    from_status: Status | None = Field(default=None, sa_type=EnumText(Status, 20))
    to_status: Status = Field(sa_type=EnumText(Status, 20))
    at: datetime = stamp()
    staff: str = Field(default="", max_length=100)
    note: str = Field(default="")


class Setting(Table, table=True):
    """A shop setting, stored as text under a dotted key."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True, max_length=100)
    value: str = Field(default="")


class Counter(Table, table=True):
    """A named sequence, such as the return numbers of one year."""

    __tablename__ = "counter"

    name: str = Field(primary_key=True, max_length=50)
    value: int = Field(default=0)


class MessageTemplate(Table, table=True):
    """A shop's own wording for one part of one event's message in one language.

    Only edited parts are stored; the defaults ship in resources/templates.
    """

    __tablename__ = "message_template"
    __table_args__ = (UniqueConstraint("event", "language", "part"),)

    id: int | None = Field(default=None, primary_key=True)
    event: Event = Field(sa_type=EnumText(Event, 30))
    language: str = Field(max_length=10)
    part: str = Field(max_length=10)  # subject, html, text, sms
    body: str = Field(default="")
    updated_at: datetime = stamp()


class OutboxMessage(Table, table=True):
    """A message to a customer, rendered once when queued and sent exactly as stored."""

    __tablename__ = "outbox_message"
    __table_args__ = (
        UniqueConstraint("status_change_id", "channel"),
        Index("ix_outbox_state_due", "state", "next_attempt_at"),
        # covering index for the reports' response times (desk.reports.figures)
        Index("ix_outbox_report", "state", "event", "status_change_id", "sent_at", "return_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    return_id: int = Field(foreign_key="return.id", index=True, ondelete="CASCADE")
    status_change_id: int | None = Field(
        default=None, foreign_key="status_change.id", ondelete="CASCADE"
    )
    event: Event = Field(sa_type=EnumText(Event, 30))
    channel: Channel = Field(sa_type=EnumText(Channel, 10))  # email, sms
    language: str = Field(max_length=10)
    recipient: str = Field(max_length=254)
    subject: str = Field(default="")
    body_text: str = Field(default="")
    body_html: str = Field(default="")
    message_id: str = Field(default="", max_length=200)
    state: OutboxState = Field(default=OutboxState.QUEUED, sa_type=EnumText(OutboxState, 10))
    attempts: int = Field(default=0)
    last_error: str = Field(default="")
    created_at: datetime = stamp()
    next_attempt_at: datetime = stamp()
    sent_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    staff: str = Field(default="", max_length=100)


class DropOffPointBase(Table):
    name: str = Field(max_length=200)
    address: str = Field(default="")
    hours: str = Field(default="")
    accepts_reuse: bool = Field(default=False)
    accepts_recycling: bool = Field(default=False)
    accepts_donation: bool = Field(default=False)
    categories: str = Field(default="")
    notes: str = Field(default="")
    active: bool = Field(default=True, index=True)
    position: int = Field(default=0)


class DropOffPoint(DropOffPointBase, table=True):
    """A place near the shop that takes goods for reuse, recycling or donation."""

    __tablename__ = "dropoff_point"

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = stamp()


class ExchangeLine(Table, table=True):
    """A replacement item handed over in an exchange."""

    __tablename__ = "exchange_line"

    id: int | None = Field(default=None, primary_key=True)
    return_id: int = Field(foreign_key="return.id", index=True, ondelete="CASCADE")
    sku: str = Field(max_length=64)
    description: str = Field(default="", max_length=300)
    quantity: int = Field(default=1)
    unit_price_cents: int = Field(default=0)


class Feedback(Table, table=True):
    """A customer's rating of one return; a later one replaces it, and the old one is kept.

    At most one row per return is current (`replaced_at` is None); replacing sets
    `replaced_at` on the old row, so the change stays on record.
    """

    __tablename__ = "feedback"
    # The unique partial index ux_feedback_current (return_id WHERE replaced_at IS NULL) is
    # made by migration 0007 only, like ix_return_open_created (see Return).

    id: int | None = Field(default=None, primary_key=True)
    return_id: int = Field(foreign_key="return.id", index=True, ondelete="CASCADE")
    rating: int  # 1 to 5
    comment: str = Field(default="")
    source: FeedbackSource = Field(sa_type=EnumText(FeedbackSource, 10))
    staff: str = Field(default="", max_length=100)  # who typed it (phone, reply)
    at: datetime = stamp(index=True)
    replaced_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))


class RewardCode(Table, table=True):
    """A discount code earned by giving feedback: issued, then redeemed or expired.

    At most one per return (a unique index; codes whose return is gone have none).
    """

    __tablename__ = "reward_code"
    __table_args__ = (Index("ux_reward_code_return", "return_id", unique=True),)

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    return_id: int | None = Field(default=None, foreign_key="return.id", ondelete="SET NULL")
    feedback_id: int | None = Field(default=None, foreign_key="feedback.id", ondelete="SET NULL")
    kind: RewardKind = Field(sa_type=EnumText(RewardKind, 10))
    value: int  # percent, or cents off
    min_purchase_cents: int = Field(default=0)
    issued_at: datetime = stamp(index=True)
    expires_at: datetime = stamp()
    redeemed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    redeemed_by: str = Field(default="", max_length=100)


class PortalLink(Table, table=True):
    """A personal link to one return in the customer space: only its token's hash is kept.

    The token itself goes into the message or onto the sheet and is never stored, so the
    database alone cannot be used to open anyone's return. Revoking sets revoked_at.
    """

    __tablename__ = "portal_link"

    id: int | None = Field(default=None, primary_key=True)
    return_id: int = Field(foreign_key="return.id", index=True, ondelete="CASCADE")
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = stamp()
    revoked_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))


class CounterTablet(Table, table=True):
    """A tablet paired with the desk to show the counter's feedback screen (desk.portal.counter).

    Only the SHA-256 of its device token is kept (the token lives in the tablet's cookie);
    unpairing sets unpaired_at, after which the token opens nothing.
    """

    __tablename__ = "counter_tablet"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(default="", max_length=100)
    token_hash: str = Field(max_length=64, unique=True)
    paired_at: datetime = stamp()
    last_seen_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    unpaired_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))


class CounterPairing(Table, table=True):
    """The short code that pairs a tablet: hashed, valid until expires_at, a few tries."""

    __tablename__ = "counter_pairing"

    id: int | None = Field(default=None, primary_key=True)
    code_hash: str = Field(max_length=64)
    expires_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    attempts: int = Field(default=0)


class CounterRequest(Table, table=True):
    """Staff asked the counter tablet for feedback on one return; answered at most once."""

    __tablename__ = "counter_request"

    id: int | None = Field(default=None, primary_key=True)
    return_id: int = Field(foreign_key="return.id", index=True, ondelete="CASCADE")
    asked_at: datetime = stamp(index=True)
    answered_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    rating: int | None = Field(default=None)


class PortalRevocation(Table, table=True):
    """One revocation of a return's personal links: its links are signed with a version
    (desk.portal.links), and revoking raises it, so every earlier link stops working.

    A return's link version is its highest `version` here, 0 when it has none.
    """

    __tablename__ = "portal_revocation"
    __table_args__ = (UniqueConstraint("return_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    return_id: int = Field(foreign_key="return.id", ondelete="CASCADE")
    version: int
    revoked_at: datetime = stamp()


class ErasedContact(Table, table=True):
    """The fingerprint of an erased customer's email or phone, so no import brings it back.

    `contact_hash` is the SHA-256 of the contact (email in lower case, phone in E.164) over
    the shop's random salt (desk.customers.tombstones); nothing else of the person is kept.
    """

    __tablename__ = "erased_contact"

    contact_hash: str = Field(primary_key=True, max_length=64)
