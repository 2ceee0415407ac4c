"""The cards' words and bars are desk/reports' figures, unchanged."""

from __future__ import annotations

from datetime import date

from desk.codes import Status
from desk.i18n.catalog import set_language
from desk.reports.dashboard import dashboard
from desk.reports.period import ReportRange
from desk.settings import SHOP_CURRENCY, set_setting
from tests.desk.reports.test_dashboard import logged_and_settled
from ui.dashboard.cards import TITLES, count, days, figures_of, hours, percent
from ui.returns.list_look import STATUS_COLORS

from .conftest import TODAY


def test_one_figure_per_title_in_order(year):
    figures = figures_of(year)
    assert [f.title for f in figures] == list(TITLES)  # English: the titles themselves
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


def test_refunds_in_two_currencies_chart_the_shop_s_and_list_the_other(db):
    logged_and_settled(db, "EUR", "original", 4989, Status.REFUNDED)  # before the switch
    logged_and_settled(db, "BRL", "original", 2500, Status.REFUNDED)
    logged_and_settled(db, "BRL", "store_credit", 700, Status.CREDITED)
    refunded = figures_of(dashboard(db, ReportRange(date.today(), date.today())))[3]
    assert refunded.key == "R$32.00 in total"  # the shop's currency, nothing added from EUR
    assert list(refunded.values) == [2500, 700]
    assert list(refunded.value_texts) == ["R$25.00", "R$7.00"]
    assert refunded.note == "Also €49.89 from returns logged in another currency"
    assert ("original", "EUR", 1, 4989) in refunded.csv_rows


def test_a_range_with_only_old_currency_refunds_charts_those(db):
    logged_and_settled(db, "EUR", "original", 4989, Status.REFUNDED)
    with db.session() as session:
        set_setting(session, SHOP_CURRENCY, "BRL")
        session.commit()
    refunded = figures_of(dashboard(db, ReportRange(date.today(), date.today())))[3]
    assert refunded.key == "€49.89 in total" and refunded.note == ""
    assert list(refunded.value_texts) == ["€49.89"]


def test_in_portuguese_numbers_and_dates_follow_brazilian_forms(year):
    set_language("pt_BR")
    assert count(1234) == "1.234"
    assert percent(0.355) == "36%"
    assert days(2.5) == "2,5 dias" and days(1) == "1,0 dia"
    assert hours(3.24) == "3,2 h" and hours(0.2) == "12 min"
    figures = figures_of(year)
    assert [f.title for f in figures][:3] == [
        "Devoluções por semana",
        "Devoluções por status agora",
        "Devoluções por motivo",
    ]
    total = sum(w.returns for w in year.per_week)
    assert figures[0].key == f"{total} devoluções"
    first = year.per_week[0].week
    months = ["jan.", "fev.", "mar.", "abr.", "mai.", "jun."]
    months += ["jul.", "ago.", "set.", "out.", "nov.", "dez."]
    assert figures[0].labels[0] == f"{first.day} de {months[first.month - 1]}"


def test_in_portuguese_money_reads_in_reais_and_an_empty_card_says_so(db):
    set_language("pt_BR")
    logged_and_settled(db, "BRL", "original", 123456, Status.REFUNDED)
    refunded = figures_of(dashboard(db, ReportRange(date.today(), date.today())))[3]
    assert refunded.key == "R$\xa01.234,56 no total"
    assert refunded.value_texts == ["R$\xa01.234,56"]
    empty = figures_of(dashboard(db, ReportRange(TODAY, TODAY)))[6]
    assert empty.empty == "Nenhuma avaliação ainda"
