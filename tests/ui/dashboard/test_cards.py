"""The cards' words and bars are desk/reports' figures, unchanged."""

from __future__ import annotations

from desk.reports.dashboard import dashboard
from desk.reports.period import ReportRange
from ui.dashboard.cards import TITLES, days, figures_of, hours, percent
from ui.returns.model import STATUS_COLORS

from .conftest import TODAY


def test_one_figure_per_title_in_order(year):
    figures = figures_of(year)
    assert [f.title for f in figures] == list(TITLES)
    assert len({f.name for f in figures}) == len(TITLES)


def test_weekly_bars_and_total_are_the_figures(year):
    weekly = figures_of(year)[0]
    assert list(weekly.values) == [w.returns for w in year.per_week]
    total = sum(w.returns for w in year.per_week)
    assert total > 0
    assert weekly.key == f"{total:,} returns"
    assert weekly.csv_rows[0] == (year.per_week[0].week.isoformat(), year.per_week[0].returns)


def test_status_bars_wear_the_list_colours(year):
    status = figures_of(year)[1]
    assert list(status.colors) == [STATUS_COLORS[s.status] for s in year.by_status]
    assert list(status.labels) == [s.status.label for s in year.by_status]


def test_refunds_in_money_and_settling_in_days(year):
    figures = figures_of(year)
    refunded, settle = figures[3], figures[4]
    assert refunded.value_texts[0].startswith("€")
    assert list(refunded.values) == [m.cents for m in year.refunded]
    overall = next(t for t in year.days_to_settle if t.status is None)
    assert settle.key == f"Median {overall.median_days:.1f} days"


def test_sustainability_says_the_dropoff_share(year):
    card = figures_of(year)[7]
    share = year.sustainability.dropoff_share
    assert card.key == f"{share * 100:.0f}% to a drop-off point"
    assert [row[2] for row in card.csv_rows] == [
        c.items for c in year.sustainability.by_disposition
    ]


def test_an_empty_range_says_so_instead_of_charting(db):
    empty = dashboard(db, ReportRange(TODAY, TODAY))
    figures = figures_of(empty)
    assert not any(f.has_data for f in figures)
    satisfaction = figures[6]
    assert satisfaction.empty == "No feedback yet"
    assert satisfaction.key == "" and satisfaction.note == ""


def test_words_for_numbers():
    assert percent(0.355) == "36%" and percent(None) == "–"
    assert (
        hours(3.24) == "3.2 h"
        and hours(0.2) == "12 min"
        and hours(72) == "3.0 days"
        and hours(None) == "–"
    )
    assert days(2.5) == "2.5 days"
