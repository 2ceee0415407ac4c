"""Nothing is cut off: the main window (demo data, a return shown) at a small counter screen
and two common ones, and every dialog it opens at 1024×700 (tests/ui/widget_fit.py).
"""

from __future__ import annotations

import contextlib
from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QTabWidget, QWidget
from pytestqt.exceptions import TimeoutError as QtTimeoutError
from sqlmodel import select

from desk.codes import Status
from desk.demo.seed import seed_demo
from desk.models import Return
from tests.ui.widget_fit import cut_widgets
from ui import prompts
from ui.actions import Act
from ui.background import running_jobs
from ui.main_window import MainWindow
from ui.returns.model import CUSTOMER, ITEMS, LOGGED

SIZES = [(1024, 700), (1366, 768), (1920, 1080)]
SMALL = SIZES[0]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    from desk.db import open_database
    from desk.paths import sqlite_url

    db = open_database(sqlite_url(tmp_path_factory.mktemp("demo") / "demo.db"))
    seed_demo(db, returns=60, seed=3)
    return db


@pytest.fixture
def window(qtbot, demo_db):
    win = MainWindow(demo_db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(win.settled, timeout=10_000)
    return win


def shown_at(qtbot, win, size) -> None:
    win.resize(*size)
    qtbot.waitUntil(lambda: win.size().width() == size[0], timeout=2000)
    QApplication.processEvents()
    qtbot.wait(20)


def settled_cuts(qtbot, widget: QWidget) -> list[str]:
    """What `widget` cuts off once its layouts have settled (a loaded machine takes longer)."""
    with contextlib.suppress(QtTimeoutError):  # still cut after 3 s: a real cut, said below
        qtbot.waitUntil(lambda: not cut_widgets(widget), timeout=3000)
    return cut_widgets(widget)


def one_return_per_status(db) -> list[int]:
    """A return of each status the demo holds, the ones with the most lines first."""
    with db.session() as session:
        rows = session.exec(select(Return.id, Return.status)).all()
    seen: dict[Status, int] = {}
    for return_id, status in rows:
        seen.setdefault(status, return_id)
    return list(seen.values())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_main_window_cuts_nothing_off(qtbot, window, demo_db, size):
    shown_at(qtbot, window, size)
    for return_id in one_return_per_status(demo_db):
        window.show_return(return_id)
        qtbot.waitUntil(lambda: running_jobs() == 0, timeout=5000)  # the feedback box reads
        assert settled_cuts(qtbot, window) == [], f"return {return_id} at {size}"
        body = window.detail.widget()
        assert body.width() <= window.detail.viewport().width()  # no sideways scrolling
        assert not window.detail.horizontalScrollBar().isVisible()


def test_the_list_gives_the_customer_room_and_the_date_stays_at_1024(qtbot, window):
    shown_at(qtbot, window, SMALL)
    table = window.table
    assert table.columnWidth(CUSTOMER) >= table.column_fitter.customer_room
    assert not table.isColumnHidden(LOGGED)
    shown_at(qtbot, window, SIZES[2])
    assert not table.isColumnHidden(ITEMS)
    assert table.columnWidth(CUSTOMER) > table.columnWidth(LOGGED) * 2


DIALOG_ACTIONS = [
    Act.NEW_RETURN,
    Act.IMPORT_CUSTOMERS,
    Act.CUSTOMERS,
    Act.TEMPLATES,
    Act.SETTINGS,
    Act.PRINT_INSTRUCTIONS,
    Act.REWARD_CODES,
    Act.DASHBOARD,
    Act.SHORTCUTS,
    Act.GUIDE,
    Act.ABOUT,
    Act.PRODUCTS,
]


def opened_windows(before: set[QWidget]) -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible() and w not in before]


def every_page_cut(qtbot, shown: QWidget) -> list[str]:
    """What is cut off in `shown` at most 1024×700, on each page of each tab widget in it."""
    width, height = min(shown.width(), SMALL[0]), min(shown.height(), SMALL[1])
    shown.resize(width, height)
    qtbot.wait(30)
    assert shown.width() <= SMALL[0] and shown.height() <= SMALL[1], "larger than the screen"
    found = [f"{shown.windowTitle()}: {cut}" for cut in settled_cuts(qtbot, shown)]
    for tabs in shown.findChildren(QTabWidget):
        for page in range(tabs.count()):
            tabs.setCurrentIndex(page)
            qtbot.wait(30)
            title = f"{shown.windowTitle()} › {tabs.tabText(page)}"
            found += [f"{title}: {cut}" for cut in settled_cuts(qtbot, shown)]
    return sorted(set(found))


def close_all(windows: list[QWidget]) -> None:
    for shown in windows:
        if isinstance(shown, QDialog):
            shown.reject()
        shown.close()


@pytest.mark.parametrize("act", DIALOG_ACTIONS, ids=lambda a: a.value)
def test_each_dialog_of_the_main_window_cuts_nothing_off(qtbot, window, monkeypatch, act):
    shown_at(qtbot, window, SMALL)
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *args: True)  # closing asks nothing
    before = set(QApplication.topLevelWidgets())
    window.actions_[act].trigger()
    qtbot.waitUntil(lambda: bool(opened_windows(before)), timeout=5000)
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=10_000)
    windows = opened_windows(before)
    try:
        for shown in windows:
            assert every_page_cut(qtbot, shown) == []
    finally:
        close_all(windows)
        qtbot.waitUntil(lambda: running_jobs() == 0, timeout=10_000)


@pytest.mark.parametrize("target", ["move", "profile", "feedback"])
def test_the_detail_panels_dialogs_cut_nothing_off(qtbot, window, monkeypatch, target):
    shown_at(qtbot, window, SMALL)
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *args: True)
    detail = window.detail
    before = set(QApplication.topLevelWidgets())
    if target == "move":
        next(iter(detail.move_buttons.values())).click()
    elif target == "profile":
        detail.profile_button.click()
    else:
        detail.feedback_box.findChild(QPushButton, "recordFeedback").click()
    qtbot.waitUntil(lambda: bool(opened_windows(before)), timeout=5000)
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=10_000)
    windows = opened_windows(before)
    try:
        for shown in windows:
            assert every_page_cut(qtbot, shown) == []
    finally:
        close_all(windows)
        qtbot.waitUntil(lambda: running_jobs() == 0, timeout=10_000)


def test_the_new_return_dialog_with_all_the_policy_says_cuts_nothing_off(
    qtbot, window, demo_db, monkeypatch
):
    from desk.models import Customer

    shown_at(qtbot, window, SMALL)
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *args: True)  # close without saving
    window.actions_[Act.NEW_RETURN].trigger()
    dialog = window.active_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.resize(min(dialog.width(), SMALL[0]), min(dialog.height(), SMALL[1]))
    with demo_db.session() as session:
        customer = session.exec(select(Customer).order_by(Customer.id)).first()
    dialog.customer.pick(customer)
    row = dialog.lines.rows[0]
    qtbot.keyClicks(row.sku, "SHOE-42")
    qtbot.keyClicks(row.price, "45.00")
    row.condition.setCurrentIndex(row.condition.findText("Opened"))
    dialog.refund_combo.setCurrentIndex(dialog.refund_combo.findData("original"))
    dialog.date_field.set_value(date.today() - timedelta(days=400))  # outside every window
    dialog.refresh_policy()
    qtbot.wait(50)
    panel = dialog.policy
    assert panel.problems.isVisible() and panel.override_row.isVisible()
    assert panel.offer.isVisible()  # "Choose store credit: +€4.50 (10%)"
    try:
        assert settled_cuts(qtbot, dialog) == []
    finally:
        dialog.reject()
