"""The stored codes: the enums whose values the tables hold as text, with their labels.

A label is English marked for translation and comes out in the desk's language when read
(`Status.label`), never at import: the language is set after the imports.

Each value is what a row stores (through desk.columns.EnumText) and what the command line
takes; changing one needs a migration.
"""

from __future__ import annotations

import enum

from desk.i18n.catalog import N_, _


class Status(enum.StrEnum):
    """Where a return is in its life; the values are the command-line names."""

    REQUESTED = "requested"
    RECEIVED = "received"
    INSPECTING = "inspecting"
    APPROVED = "approved"
    REJECTED = "rejected"
    REFUNDED = "refunded"
    EXCHANGED = "exchanged"
    CREDITED = "credited"
    CLOSED = "closed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        """The name staff read on screen, in the desk's language."""
        return _(_STATUS_LABELS[self])

    @property
    def english_label(self) -> str:
        """The name staff read on an English desk (the source of `label`)."""
        return _STATUS_LABELS[self]


OPEN_STATUS_SQL = (
    "status IN ('requested', 'received', 'inspecting', 'approved', 'rejected', 'refunded', "
    "'exchanged', 'credited')"
)
"""The open returns (OPEN_STATUSES, below) in SQL, as the partial index
`ix_return_open_created` holds them and desk.listing filters them (the same text, or
SQLite cannot use the index)."""

_SETTLED = (Status.REFUNDED, Status.EXCHANGED, Status.CREDITED)

TRANSITIONS: dict[Status, tuple[Status, ...]] = {
    Status.REQUESTED: (Status.RECEIVED, Status.CANCELLED),
    Status.RECEIVED: (
        Status.INSPECTING,
        Status.APPROVED,
        Status.REJECTED,
        *_SETTLED,
        Status.CANCELLED,
    ),
    Status.INSPECTING: (Status.APPROVED, Status.REJECTED),
    Status.APPROVED: _SETTLED,
    Status.REJECTED: (Status.CLOSED,),
    Status.REFUNDED: (Status.CLOSED,),
    Status.EXCHANGED: (Status.CLOSED,),
    Status.CREDITED: (Status.CLOSED,),
    Status.CLOSED: (),
    Status.CANCELLED: (),
}
"""Every allowed move: from a status to the statuses it may go to next."""

INITIAL: tuple[Status, ...] = (Status.REQUESTED, Status.RECEIVED)
"""The statuses a new return may start in."""

OPEN_STATUSES: tuple[Status, ...] = tuple(s for s in Status if TRANSITIONS[s])
"""The statuses a return is open in: those it may still move on from."""

STATUS_RANK_SQL = (
    "CASE status "
    + " ".join(f"WHEN '{status.value}' THEN {rank}" for rank, status in enumerate(Status))
    + " ELSE 99 END"
)
"""A return's place in the workflow (the status column's order) in SQL, as the index
`ix_return_status_rank` holds it: queries must use this very expression to walk it, and a
new status needs a migration that builds the index again."""


_STATUS_LABELS: dict[Status, str] = {
    Status.REQUESTED: N_("Requested"),
    Status.RECEIVED: N_("Received"),
    Status.INSPECTING: N_("Inspecting"),
    Status.APPROVED: N_("Approved"),
    Status.REJECTED: N_("Rejected"),
    Status.REFUNDED: N_("Refunded"),
    Status.EXCHANGED: N_("Exchanged"),
    Status.CREDITED: N_("Store credit issued"),
    Status.CLOSED: N_("Closed"),
    Status.CANCELLED: N_("Cancelled"),
}


class Channel(enum.StrEnum):
    """How a customer prefers to be told about their return."""

    EMAIL = "email"
    SMS = "sms"
    PRINT = "print"
    NONE = "none"


class RefundMethod(enum.StrEnum):
    """What the customer asks for in exchange for the returned goods."""

    ORIGINAL = "original"
    STORE_CREDIT = "store_credit"
    EXCHANGE = "exchange"


class Intake(enum.StrEnum):
    """How a return reached the shop."""

    COUNTER = "counter"
    MAIL = "mail"


class Reason(enum.StrEnum):
    """Why the customer returns the goods."""

    WRONG_SIZE = "wrong_size"
    DEFECTIVE = "defective"
    DAMAGED = "damaged"
    NOT_AS_DESCRIBED = "not_as_described"
    WRONG_ITEM = "wrong_item"
    CHANGED_MIND = "changed_mind"
    ARRIVED_LATE = "arrived_late"
    OTHER = "other"


class Condition(enum.StrEnum):
    """The state of a returned item."""

    UNOPENED = "unopened"
    OPENED = "opened"
    DAMAGED = "damaged"
    DEFECTIVE = "defective"


class Disposition(enum.StrEnum):
    """What the shop does with a returned item."""

    RESTOCK = "restock"
    REFURBISH = "refurbish"
    RECYCLE = "recycle"
    DONATE = "donate"
    DISCARD = "discard"


class Timeline(enum.StrEnum):
    """When a customer wants their refund."""

    NO_PREFERENCE = ""
    COUNTER = "counter"  # right away at the counter
    INSPECTION = "inspection"  # happy to wait for the inspection


class Event(enum.StrEnum):
    """A moment in a return's life that has a message template."""

    ACKNOWLEDGED = "acknowledged"
    RECEIVED = "received"
    INSPECTING = "inspecting"
    APPROVED = "approved"
    REFUNDED = "refunded"
    EXCHANGED = "exchanged"
    CREDITED = "credited"
    REJECTED = "rejected"
    CLOSED = "closed"
    FEEDBACK = "feedback"
    THANKS = "thanks"  # thanks for feedback, with the reward code

    @property
    def label(self) -> str:
        """The name staff read, in the desk's language."""
        return _(_EVENT_LABELS[self])


_EVENT_LABELS: dict[Event, str] = {
    Event.ACKNOWLEDGED: N_("Return request acknowledged"),
    Event.RECEIVED: N_("Item received"),
    Event.INSPECTING: N_("Inspection started"),
    Event.APPROVED: N_("Return approved"),
    Event.REFUNDED: N_("Refund issued"),
    Event.EXCHANGED: N_("Exchange ready"),
    Event.CREDITED: N_("Store credit issued"),
    Event.REJECTED: N_("Return rejected"),
    Event.CLOSED: N_("Return closed"),
    Event.FEEDBACK: N_("Feedback request"),
    Event.THANKS: N_("Thanks for feedback (reward code)"),
}


class OutboxState(enum.StrEnum):
    """Where a message is on its way to the customer."""

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"  # not sent: no longer needed (e.g. feedback came first)


class FeedbackSource(enum.StrEnum):
    """Where a customer's feedback came from."""

    COUNTER = "counter"  # the counter screen, right after the return
    PORTAL = "portal"  # the customer's own space
    REPLY = "reply"  # a reply to the feedback request, typed by staff
    PHONE = "phone"  # told on the phone, typed by staff
    TABLET = "tablet"  # the counter tablet (desk.portal.counter), right after the return


class RewardKind(enum.StrEnum):
    """What a reward code gives off the next purchase."""

    OFF = "off"  # no reward is issued
    PERCENT = "percent"
    AMOUNT = "amount"  # a fixed amount, in cents


class RewardState(enum.StrEnum):
    """Where a reward code is in its life (worked out from its dates, not stored)."""

    ISSUED = "issued"  # can be used
    REDEEMED = "redeemed"
    EXPIRED = "expired"  # past its last day, never used


class BarcodeKind(enum.StrEnum):
    """The symbology a product barcode's value belongs to (desk.catalog.barcodes)."""

    EAN13 = "ean13"
    UPCA = "upca"  # 12 digits
    EAN8 = "ean8"
    CODE128 = "code128"  # any printable ASCII: the shop's own labels


class PriceSource(enum.StrEnum):
    """Where a returned line's unit price came from."""

    TYPED = "typed"  # typed by staff
    CATALOGUE = "catalogue"  # the product's catalogue price: the receipt is not known
    PAID = "paid"  # the price paid, from the receipt's line
