"""Customer segments: how the shop knows a customer, for its return policy."""

from __future__ import annotations

import enum


class Segment(enum.StrEnum):
    """How the shop knows a customer, for its return policy."""

    NEW = "new"
    OCCASIONAL = "occasional"
    LOYAL = "loyal"
    FREQUENT = "frequent"

    @property
    def label(self) -> str:
        """The name staff read."""
        return SEGMENT_LABELS[self]


SEGMENT_LABELS = {
    Segment.NEW: "New customer",
    Segment.OCCASIONAL: "Occasional customer",
    Segment.LOYAL: "Loyal customer",
    Segment.FREQUENT: "Frequent returner",
}
