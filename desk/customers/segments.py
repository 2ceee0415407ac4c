"""Customer segments: how the shop knows a customer, for its return policy."""

from __future__ import annotations

import enum

from desk.i18n.catalog import N_, _


class Segment(enum.StrEnum):
    """How the shop knows a customer, for its return policy."""

    NEW = "new"
    OCCASIONAL = "occasional"
    LOYAL = "loyal"
    FREQUENT = "frequent"

    @property
    def label(self) -> str:
        """The name staff read."""
        return _(SEGMENT_LABELS[self])


SEGMENT_LABELS = {
    Segment.NEW: N_("New customer"),
    Segment.OCCASIONAL: N_("Occasional customer"),
    Segment.LOYAL: N_("Loyal customer"),
    Segment.FREQUENT: N_("Frequent returner"),
}
