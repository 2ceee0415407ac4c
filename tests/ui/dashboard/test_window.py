"""The dashboard window: loads in the background, shows desk's figures, reloads, exports."""

from __future__ import annotations

import csv
import subprocess
from datetime import date

import pytest
import shiboken6
from PySide6.QtCore import QDate, Qt

from desk.customers.segments import Segment
from desk.i18n.catalog import set_language
from desk.reports.dashboard import dashboard
from desk.reports.period import ReportRange
from tests.ui.widget_fit import cut_widgets
from ui.background import running_jobs
from ui.dashboard import exports
from ui.dashboard.cards import TITLES
from ui.dashboard.window import DashboardWindow, preset_range

from .conftest import CRAFTED, TODAY, YEAR


@pytest.fixture
def saved(monkeypatch, tmp_path):
    """Answer every "save as" question with a file in tmp_path; keep the names suggested."""
    asked: list[str] = []

    def ask(parent, title, suggested, filter):
        asked.append(suggested)
        return tmp_path / suggested

    monkeypatch.setattr(exports, "ask_save_path", ask)
    return asked


def opened(qtbot, db) -> DashboardWindow:
    window = DashboardWindow(db, today=TODAY)
    qtbot.addWidget(window)
    window.resize(1500, 900)
    window.show()
    loaded(qtbot, window)
    return window


def loaded(qtbot, window: DashboardWindow) -> None:
    qtbot.waitUntil(lambda: window.answered == window.generation, timeout=20_000)
    assert window.status.text() != "Loading…"


def test_presets_end_today():
    assert preset_range("Last 12 months", TODAY) == (YEAR.start, TODAY)
    assert preset_range("Last 30 days", TODAY) == (date(2026, 11, 1), TODAY)
    assert preset_range("This year", TODAY) == (date(2026, 1, 1), TODAY)
    assert preset_range("Custom", TODAY) is None
    assert preset_range("Last 12 months", date(2028, 2, 29)) == (
        date(2027, 3, 1),
        date(2028, 2, 29),
    )


def test_says_loading_then_shows_the_last_12_months(qtbot, demo_db, year):
    window = DashboardWindow(demo_db, today=TODAY)
    qtbot.addWidget(window)
    assert window.status.text() == "Loading…"
    assert [c.message.text() for c in window.cards] == ["Loading…"] * len(TITLES)
    loaded(qtbot, window)
    assert window.dash == year
    total = sum(w.returns for w in year.per_week)
    assert window.cards[0].key.text() == f"{total:,} returns"
    overall = next(t for t in year.days_to_settle if t.status is None)
    assert window.cards[4].key.text() == f"Median {overall.median_days:.1f} days"
    assert window.status.text() == "Returns Dec 1, 2025 – Nov 30, 2026 · All customers"


def test_segment_and_dates_reload(qtbot, demo_db):
    window = opened(qtbot, demo_db)
    window.segment.setCurrentIndex(window.segment.findText(Segment.FREQUENT.label))
    loaded(qtbot, window)
    frequent = dashboard(demo_db, ReportRange(YEAR.start, TODAY, Segment.FREQUENT), products=False)
    assert window.dash == frequent
    window.preset.setCurrentText("Last 30 days")
    loaded(qtbot, window)
    assert window.dash.range == ReportRange(date(2026, 11, 1), TODAY, Segment.FREQUENT)
    window.start_edit.setDate(window.start_edit.date().addDays(-5))
    assert window.preset.currentText() == "Custom"
    loaded(qtbot, window)
    assert window.dash.range.start == date(2026, 10, 27)


def test_key_numbers_of_the_crafted_database(qtbot, db, crafted):
    window = opened(qtbot, db)
    window.start_edit.setDate(QDate(2026, 11, 2))
    window.end_edit.setDate(QDate(2026, 11, 15))
    loaded(qtbot, window)
    assert window.dash.range == CRAFTED
    keys = {title: card.key.text() for title, card in zip(TITLES, window.cards, strict=True)}
    assert keys["Returns per week"] == "5 returns"  # R1 to R5
    assert keys["Refunded by method"] == "€98.00 in total"  # 5000 - 500, 3000 + 300, 2000
    assert keys["Days from received to settled"] == "Median 2.0 days"  # 2, 1.5 and 4 days
    assert keys["Response time"] == "Median 2.0 h"  # 0.5, 1, 2, 4 and 10 hours
    assert keys["Satisfaction"] == "Average 3.3 / 5"  # 5 (replacing a 2), 4 and 1
    assert keys["Sustainability"] == "62% to a drop-off point"  # 5 of 8 settled items
    assert keys["Returns by reason"] == "Mostly: Wrong size or fit"  # R1, R3, R5
    satisfaction = window.cards[TITLES.index("Satisfaction")]
    assert list(satisfaction.figure.values) == [1, 0, 0, 1, 1]
    # requests sent for R1, R2 and R5; R1 and R2 answered
    assert (
        satisfaction.note.text() == "67% rated 4 or 5 · 67% of feedback requests answered (2 of 3)"
    )


def test_a_stale_result_never_overwrites_a_newer_one(qtbot, demo_db):
    window = opened(qtbot, demo_db)
    old = window.generation
    stale = dashboard(demo_db, ReportRange(TODAY, TODAY))
    window.preset.setCurrentText("This year")  # a newer load starts
    window.show_result(old, stale)  # the older load answers late
    assert window.dash != stale
    loaded(qtbot, window)
    assert window.dash.range == ReportRange(date(2026, 1, 1), TODAY)
    window.show_result(old, stale)
    assert window.dash.range == ReportRange(date(2026, 1, 1), TODAY)


def test_a_range_that_ends_before_it_starts_is_said(qtbot, demo_db):
    window = opened(qtbot, demo_db)
    before = window.dash
    window.end_edit.setDate(window.start_edit.date().addDays(-1))
    assert "after it ends" in window.status.text()
    assert window.dash is before


def test_no_feedback_yet_on_an_empty_database(qtbot, db):
    window = opened(qtbot, db)
    satisfaction = window.cards[TITLES.index("Satisfaction")]
    assert satisfaction.stack.currentWidget() is satisfaction.message
    assert satisfaction.message.text() == "No feedback yet"


def test_satisfaction_of_the_demo_feedback(qtbot, demo_db, year):
    window = opened(qtbot, demo_db)
    card = window.cards[TITLES.index("Satisfaction")]
    s = year.satisfaction
    assert s.ratings > 0  # the demo gives feedback on about half the closed returns
    assert card.stack.currentWidget() is card.chart
    assert card.key.text() == f"Average {s.average:.1f} / 5"
    assert list(card.figure.values) == [s.distribution.get(n, 0) for n in range(1, 6)]


def test_card_exports_png_and_csv(qtbot, demo_db, year, saved, tmp_path):
    window = opened(qtbot, demo_db)
    card = window.cards[0]
    card.png_button.click()
    card.csv_button.click()
    assert saved == [
        "returns-per-week-2025-12-01-2026-11-30.png",
        "returns-per-week-2025-12-01-2026-11-30.csv",
    ]
    assert (tmp_path / saved[0]).read_bytes()[:4] == b"\x89PNG"
    with open(tmp_path / saved[1], newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [(r["week_starting"], int(r["returns"])) for r in rows] == [
        (w.week.isoformat(), w.returns) for w in year.per_week
    ]


def test_export_pdf_writes_one_a4_page(qtbot, demo_db, saved, tmp_path):
    window = opened(qtbot, demo_db)
    window.pdf_button.click()
    path = tmp_path / saved[0]
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "Pages:           1" in info and "(A4)" in info
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "Returns per week" in text and "Frequent returners" in text


def test_four_columns_when_wide_two_when_narrow(qtbot, demo_db):
    window = opened(qtbot, demo_db)
    assert window.columns == 4
    window.resize(1024, 700)
    assert window.columns == 2


def test_closing_while_loading_drops_the_result(qtbot, demo_db):
    window = DashboardWindow(demo_db, today=TODAY)
    window.setAttribute(Qt.WA_DeleteOnClose)
    window.show()
    window.close()  # the load is still running
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=20_000)
    assert not shiboken6.isValid(window)


def test_in_portuguese_the_window_speaks_it_and_nothing_is_cut(qtbot, demo_db, year):
    set_language("pt_BR")
    window = DashboardWindow(demo_db, today=TODAY)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    assert window.status.text() == "Carregando…"
    loaded(qtbot, window)
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=20_000)
    assert window.windowTitle() == "Painel — Return Desk"
    assert window.preset.currentText() == "Últimos 12 meses"
    assert window.status.text() == (
        "Devoluções de 1 de dez. de 2025 a 30 de nov. de 2026 · Todos os clientes"
    )
    assert window.cards[0].title.text() == "Devoluções por semana"
    assert window.cards[0].png_button.text() == "Exportar PNG…"
    window.preset.setCurrentIndex(window.preset.findText("Últimos 30 dias"))
    loaded(qtbot, window)
    assert window.dash.range.start == date(2026, 11, 1)
    assert cut_widgets(window) == [], cut_widgets(window)[:8]
