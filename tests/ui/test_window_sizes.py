"""Nothing is cut off: the main window (demo data, a return shown) at a small counter screen
and two common ones, and every dialog it opens at 1024×700 (tests/ui/widget_fit.py).

The machinery (`window`, `OPENERS`, `opened_by`, `each_page`) also serves the same windows
in Portuguese (tests/ui/test_portuguese.py): there `desk_language` is "pt_BR".
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from inspect import signature
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QTabWidget, QWidget
from pytestqt.exceptions import TimeoutError as QtTimeoutError
from sqlmodel import select

from desk.codes import Condition, Status
from desk.db import Database, open_database
from desk.demo.seed import seed_demo
from desk.i18n.catalog import SOURCE_LANGUAGE, set_language
from desk.i18n.catalog import language as desk_speaks
from desk.models import Return
from desk.paths import sqlite_url
from tests.ui.widget_fit import cut_widgets
from ui import prompts
from ui.actions import Act
from ui.background import running_jobs
from ui.main_window import MainWindow
from ui.returns.model import CUSTOMER, ITEMS, LOGGED

SIZES = [(1024, 700), (1366, 768), (1920, 1080)]
SMALL = SIZES[0]


def demo_database(folder: Path, language: str = SOURCE_LANGUAGE) -> Database:
    """A database of 60 demo returns, made as a desk speaking `language` makes it (the
    demo shop of that language, once seed_demo has shops by locale: issue 15)."""
    db = open_database(sqlite_url(folder / "demo.db"))
    speaking = desk_speaks()
    set_language(language)
    shop = {"locale": language} if "locale" in signature(seed_demo).parameters else {}
    try:
        seed_demo(db, returns=60, seed=3, **shop)
    finally:
        set_language(speaking)
    return db


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return demo_database(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def desk_language() -> str:
    """The language the windows are built in (tests/ui/test_portuguese.py asks for its own)."""
    return SOURCE_LANGUAGE


@pytest.fixture
def window(qtbot, demo_db, desk_language):
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


def _action(act: Act) -> Callable[[object, MainWindow], None]:
    return lambda qtbot, win: win.actions_[act].trigger()


def _move(qtbot, win) -> None:
    next(iter(win.detail.move_buttons.values())).click()


def _profile(qtbot, win) -> None:
    win.detail.profile_button.click()


def _record_feedback(qtbot, win) -> None:
    win.detail.feedback_box.findChild(QPushButton, "recordFeedback").click()


def _sent_message(qtbot, win) -> None:
    """The message a return with messages sent (the demo's closed ones have some) shows."""
    for return_id in one_return_per_status(win.db):
        win.show_return(return_id)
        qtbot.waitUntil(win.settled, timeout=5000)
        if win.detail.messages_box.messages:
            win.detail.messages_box.open_message(0)
            return
    raise AssertionError("no demo return has a message to open")


def _product_form(qtbot, win) -> None:
    from ui.catalog.products_window import ProductsWindow

    win.actions_[Act.PRODUCTS].trigger()
    products = win.findChild(ProductsWindow)
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=10_000)
    products.new_button.click()


def _dropoff_form(qtbot, win) -> None:
    win.actions_[Act.SETTINGS].trigger()
    dialog = win.active_dialog
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=10_000)
    dialog.tabs.setCurrentWidget(dialog.dropoff_page)
    dialog.dropoff_page.add_button.click()


def _staff_form(qtbot, win) -> None:
    """The Staff tab's Add form (the tab itself is walked with the Settings dialog)."""
    win.actions_[Act.SETTINGS].trigger()
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=10_000)
    win.active_dialog.tabs.setCurrentWidget(win.active_dialog.staff_page)
    win.active_dialog.staff_page.add_button.click()


OPENERS: dict[str, Callable[[object, MainWindow], None]] = {
    **{act.value: _action(act) for act in DIALOG_ACTIONS},
    "audit": _action(Act.AUDIT),
    "staff_form": _staff_form,
    "move": _move,
    "profile": _profile,
    "feedback": _record_feedback,
    "sent_message": _sent_message,
    "product_form": _product_form,
    "dropoff_form": _dropoff_form,
}
"""Each window or dialog the main window opens (the detail panel's too), and how to open it:
`opened_by` opens one, the tests here and in tests/ui/test_portuguese.py check what shows."""


def opened_windows(before: set[QWidget]) -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible() and w not in before]


def each_page(qtbot, shown: QWidget, check: Callable[[QWidget], list[str]]) -> list[str]:
    """What `check(shown)` finds in `shown` at most 1024×700, on each page of each tab
    widget in it, each line said with the window's title and the page."""
    width, height = min(shown.width(), SMALL[0]), min(shown.height(), SMALL[1])
    shown.resize(width, height)
    qtbot.wait(30)
    assert shown.width() <= SMALL[0] and shown.height() <= SMALL[1], "larger than the screen"
    found = {problem: f"{shown.windowTitle()}: {problem}" for problem in check(shown)}
    for tabs in shown.findChildren(QTabWidget):
        for page in range(tabs.count()):
            tabs.setCurrentIndex(page)
            qtbot.wait(30)
            title = f"{shown.windowTitle()} › {tabs.tabText(page)}"
            for problem in check(shown):  # each once, on the first page that shows it
                found.setdefault(problem, f"{title}: {problem}")
    return sorted(found.values())


def every_page_cut(qtbot, shown: QWidget) -> list[str]:
    """What is cut off in `shown` at most 1024×700, on each page of each tab widget in it."""
    return each_page(qtbot, shown, lambda widget: settled_cuts(qtbot, widget))


def close_all(windows: list[QWidget]) -> None:
    for shown in windows:
        if isinstance(shown, QDialog):
            shown.reject()
        shown.close()


@contextlib.contextmanager
def opened_by(qtbot, win: MainWindow, monkeypatch, name: str) -> Iterator[list[QWidget]]:
    """Open what `OPENERS[name]` opens from `win` at 1024×700; give the windows that
    appeared; close them after (answering Yes to whatever closing asks)."""
    shown_at(qtbot, win, SMALL)
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *args: True)  # closing asks nothing
    before = set(QApplication.topLevelWidgets())
    OPENERS[name](qtbot, win)
    qtbot.waitUntil(lambda: bool(opened_windows(before)), timeout=5000)
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=10_000)
    windows = opened_windows(before)
    try:
        yield windows
    finally:
        close_all(windows)
        qtbot.waitUntil(lambda: running_jobs() == 0, timeout=10_000)


@pytest.mark.parametrize("name", OPENERS)
def test_each_window_the_main_window_opens_cuts_nothing_off(qtbot, window, monkeypatch, name):
    with opened_by(qtbot, window, monkeypatch, name) as windows:
        for shown in windows:
            assert every_page_cut(qtbot, shown) == []


def new_return_with_policy(qtbot, win: MainWindow, db) -> QDialog:
    """The new-return dialog at most 1024×700 with all the policy says: problems, the
    override and the store-credit offer (a customer, an opened item, 400 days ago)."""
    from desk.models import Customer

    shown_at(qtbot, win, SMALL)
    win.actions_[Act.NEW_RETURN].trigger()
    dialog = win.active_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.resize(min(dialog.width(), SMALL[0]), min(dialog.height(), SMALL[1]))
    with db.session() as session:
        customer = session.exec(select(Customer).order_by(Customer.id)).first()
    dialog.customer.pick(customer)
    row = dialog.lines.rows[0]
    qtbot.keyClicks(row.sku, "SHOE-42")
    qtbot.keyClicks(row.price, "45.00")
    row.condition.setCurrentIndex(row.condition.findData(Condition.OPENED))
    dialog.refund_combo.setCurrentIndex(dialog.refund_combo.findData("original"))
    dialog.date_field.set_value(date.today() - timedelta(days=400))  # outside every window
    dialog.refresh_policy()
    qtbot.wait(50)
    panel = dialog.policy
    assert panel.problems.isVisible() and panel.override_row.isVisible()
    assert panel.offer.isVisible()  # "Choose store credit: +€4.50 (10%)"
    return dialog


def test_the_new_return_dialog_with_all_the_policy_says_cuts_nothing_off(
    qtbot, window, demo_db, monkeypatch
):
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *args: True)  # close without saving
    dialog = new_return_with_policy(qtbot, window, demo_db)
    try:
        assert settled_cuts(qtbot, dialog) == []
    finally:
        dialog.reject()
