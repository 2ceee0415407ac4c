"""The report range: inclusive UTC days, refused backwards, dates read from the command line."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from desk.errors import DeskError
from desk.reports.period import ReportRange, parse_day


def test_bounds_cover_both_days_in_utc():
    rng = ReportRange(date(2026, 11, 2), date(2026, 11, 15))
    assert rng.since == datetime(2026, 11, 2, tzinfo=UTC)
    assert rng.until == datetime(2026, 11, 16, tzinfo=UTC)


def test_one_day_range_is_allowed_and_backwards_is_refused():
    assert ReportRange(date(2026, 11, 2), date(2026, 11, 2)).until.day == 3
    with pytest.raises(DeskError, match="starts .*2026-11-03.* after it ends .*2026-11-02"):
        ReportRange(date(2026, 11, 3), date(2026, 11, 2))


def test_parse_day():
    assert parse_day(" 2026-02-28 ", "--from") == date(2026, 2, 28)
    for bad in ("2026-02-30", "28/02/2026", "", "yesterday"):
        with pytest.raises(DeskError, match="--from .* is not a date; write it as YYYY-MM-DD"):
            parse_day(bad, "--from")
