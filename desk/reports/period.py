"""The range a report covers: inclusive days in UTC, and an optional customer segment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from desk.customers.segments import Segment
from desk.errors import DeskError
from desk.i18n.catalog import _


@dataclass(frozen=True)
class ReportRange:
    """The returns logged from `start` to `end`, both days included, optionally of one segment.

    Days are UTC days (the times the database stores), the same on every machine: a return
    logged at 23:30 local time west of Greenwich may count for the next day.
    """

    start: date
    end: date
    segment: Segment | None = None

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise DeskError(
                _("The range starts ({start}) after it ends ({end}).").format(
                    start=self.start.isoformat(), end=self.end.isoformat()
                )
            )

    @property
    def since(self) -> datetime:
        """The first moment of the range (start of `start`, UTC)."""
        return datetime.combine(self.start, time(), UTC)

    @property
    def until(self) -> datetime:
        """The first moment after the range (start of the day after `end`, UTC)."""
        return datetime.combine(self.end + timedelta(days=1), time(), UTC)


def parse_day(text: str, what: str) -> date:
    """An ISO day (2026-11-30) from the command line; DeskError in one sentence otherwise."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise DeskError(
            _("{option} {text} is not a date; write it as YYYY-MM-DD.").format(
                option=what, text=repr(text)
            )
        ) from None
