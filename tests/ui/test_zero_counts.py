"""None is not "0 devolução": the list's count, the customers' and products' counts, the
dashboard's key and the merge dialog say a count of 0 in words of its own (issue 15)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from desk.customers.directory import CustomerRow
from desk.i18n.catalog import set_language
from desk.list_window import Bound
from ui.customers.directory import CustomerDirectory
from ui.customers.merge_dialog import _describe
from ui.customers.profile_parts import _days_text
from ui.dashboard.window import DashboardWindow
from ui.returns.list_parts import count_text

NOBODY = CustomerRow(
    id=7,
    name="Ana Souza",
    email="ana@example.com",
    phone="",
    returns=0,
    last_return=None,
    created_at=datetime(2026, 1, 5, tzinfo=UTC),
    erased=False,
)


@pytest.fixture(params=["en", "pt_BR"])
def language(request):
    set_language(request.param)
    yield request.param
    set_language("en")


ZERO = {
    "en": ("No returns", "No customers yet", "no returns", "the same day (median)"),
    "pt_BR": ("Nenhuma devolução", "Nenhum cliente ainda", "nenhuma devolução", "no mesmo dia"),
}


def test_a_count_of_zero_has_its_own_words(language):
    returns, customers, none, same_day = ZERO[language]
    assert count_text(0, Bound.EXACT) == returns
    assert count_text(1, Bound.EXACT) in ("1 return", "1 devolução")
    assert CustomerDirectory._count_words("", 0, 0) == customers
    assert _describe(NOBODY).endswith(f"— {none}")
    assert _days_text(0).startswith(same_day)


def test_the_dashboard_of_an_empty_shop_says_no_returns(qtbot, db, language):
    window = DashboardWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.answered == window.generation, timeout=20_000)
    assert window.cards[0].key.text() == ZERO[language][0]
