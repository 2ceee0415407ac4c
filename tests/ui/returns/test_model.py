"""The returns list model: first pages read in the background, the newest filter wins."""

import pytest

from desk.codes import Status
from desk.listing import ReturnFilter
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, save_return
from tests.slow_queries import SlowQuery
from ui import background
from ui.returns.model import ReturnsModel

WAIT_MS = 5000


def add_return(db, name, sku):
    with db.session() as session:
        return save_return(
            session=session,
            draft=ReturnDraft(
                reason="defective",
                lines=[LineDraft(sku=sku, quantity=1, unit_price_cents=1000)],
                new_customer=CustomerDraft(name=name),
            ),
        )


@pytest.fixture
def model(qtbot, db):
    add_return(db, "Ana Souza", "KETTLE-01")
    add_return(db, "Bruno Lima", "TOASTER-02")
    add_return(db, "Carla Dias", "KETTLE-03")
    model = ReturnsModel(db)
    yield model
    qtbot.waitUntil(lambda: background.running_jobs() == 0, timeout=WAIT_MS)


def names(model):
    return [model.return_at(i).customer_name for i in range(model.rowCount())]


def test_rows_arrive_in_the_background_with_a_reset(qtbot, model, qtmodeltester):
    assert model.rowCount() == 0 and not model.loading
    with qtbot.waitSignal(model.modelReset, timeout=WAIT_MS):
        model.set_filter(ReturnFilter(text="kettle"))
        assert model.loading and model.rowCount() == 0  # nothing changes until they come
    assert not model.loading
    assert names(model) == ["Carla Dias", "Ana Souza"] and model.total == 2
    assert model.filter == ReturnFilter(text="kettle")
    qtmodeltester.check(model)


def test_a_late_answer_to_an_older_search_is_dropped(qtbot, db, model):
    slow = SlowQuery(db.engine, "kettle")
    resets, failures = [], []
    model.modelReset.connect(lambda: resets.append(model.filter.text))
    model.load_failed.connect(failures.append)
    try:
        model.set_filter(ReturnFilter(text="kettle"))
        assert slow.entered.wait(WAIT_MS / 1000)  # the first search is under way, held
        model.set_filter(ReturnFilter(text="bruno"))
        qtbot.waitUntil(lambda: not model.loading, timeout=WAIT_MS)
        assert names(model) == ["Bruno Lima"] and model.total == 1
    finally:
        slow.release()  # now the first answer arrives, late
    qtbot.waitUntil(lambda: background.running_jobs() == 0, timeout=WAIT_MS)
    slow.remove()
    assert failures == []
    assert resets == ["bruno"]  # the kettle answer never reached the list
    assert names(model) == ["Bruno Lima"] and model.total == 1
    assert model.filter.text == "bruno"


def test_empty_result_says_whether_there_are_returns_at_all(qtbot, db, model):
    with qtbot.waitSignal(model.modelReset, timeout=WAIT_MS):
        model.set_filter(ReturnFilter(text="nobody-like-this"))
    assert model.total == 0 and model.any_returns


def show_row(qtbot, model, row):
    """Ask for a row as the view does when it is shown; wait until its page came."""
    if not model.is_loaded(row):
        with qtbot.waitSignal(model.rows_loaded, timeout=WAIT_MS):
            assert model.data(model.index(row, 0)) == "…"  # blank until its page comes
    assert model.is_loaded(row)


def test_rows_beyond_the_first_page_are_read_when_shown(qtbot, db, qtmodeltester):
    for i in range(205):
        add_return(db, f"Customer {i}", f"SKU-{i}")
    model = ReturnsModel(db)
    with qtbot.waitSignal(model.modelReset, timeout=WAIT_MS):
        model.set_filter(ReturnFilter())
    assert model.rowCount() == 205 and model.is_loaded(199) and not model.is_loaded(200)
    show_row(qtbot, model, 204)
    assert names(model)[-1] == "Customer 0" and len(set(names(model))) == 205
    assert model.row_of(model.return_at(204).id) == 204
    qtmodeltester.check(model)


def test_memory_holds_a_bounded_number_of_rows(qtbot, db):
    for i in range(30):
        add_return(db, f"Customer {i}", f"SKU-{i}")
    model = ReturnsModel(db, budget=10, page_size=5)
    with qtbot.waitSignal(model.modelReset, timeout=WAIT_MS):
        model.set_filter(ReturnFilter())
    assert model.rowCount() == 30
    for row in (29, 15, 0):  # the end first: read backwards from it, not through the rest
        show_row(qtbot, model, row)
    loaded = [row for row in range(30) if model.is_loaded(row)]
    assert len(loaded) < 30 and 0 in loaded
    show_row(qtbot, model, 29)  # dropped rows come back when shown again
    assert model.return_at(29).customer_name == "Customer 0"


@pytest.mark.parametrize("column", range(6))
@pytest.mark.parametrize("descending", [False, True])
def test_every_column_sorts_both_ways(qtbot, db, column, descending):
    from PySide6.QtCore import Qt

    from ui.returns.model import SORTS

    for i, name in enumerate(["bea", "Ana", "carl", "Dora", "ed"]):
        with db.session() as session:
            save_return(
                session=session,
                draft=ReturnDraft(
                    reason="defective",
                    lines=[LineDraft("S", "", (i * 3) % 5 + 1, unit_price_cents=100 * (i % 3))],
                    new_customer=CustomerDraft(name=name),
                    status="requested" if i % 2 else "received",
                ),
            )
    model = ReturnsModel(db)
    with qtbot.waitSignal(model.modelReset, timeout=WAIT_MS):
        model.set_filter(ReturnFilter(sort=SORTS[(column + 1) % 6]))
    with qtbot.waitSignal(model.modelReset, timeout=WAIT_MS):
        model.sort(column, Qt.DescendingOrder if descending else Qt.AscendingOrder)
    assert model.filter.sort == SORTS[column] and model.filter.newest_first == descending
    rows = [model.return_at(i) for i in range(model.rowCount())]
    key = {
        0: lambda r: r.number,
        1: lambda r: (r.created_at, r.id),
        2: lambda r: (r.customer_name.lower(), r.customer_id),
        3: lambda r: (r.items, r.created_at, r.id),
        4: lambda r: (r.total_cents, r.created_at, r.id),
        5: lambda r: (list(Status).index(r.status), r.created_at, r.id),
    }[column]
    assert len(rows) == 5 and rows == sorted(rows, key=key, reverse=descending)


def test_a_low_rating_is_flagged_in_the_status_column(qtbot, db, qtmodeltester):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPixmap

    from desk.feedback.record import record_feedback
    from ui.returns.model import STATUS

    ids = [add_return(db, f"Customer {i}", f"SKU-{i}").id for i in range(203)]
    record_feedback(db, return_id=ids[-1], rating=1, source="phone")  # newest: first page
    record_feedback(db, return_id=ids[-2], rating=5, source="counter")
    record_feedback(db, return_id=ids[0], rating=2, source="reply")  # oldest: second page
    model = ReturnsModel(db)
    with qtbot.waitSignal(model.modelReset, timeout=WAIT_MS):
        model.set_filter(ReturnFilter())

    def cell(return_id, role):
        return model.data(model.index(model.row_of(return_id), STATUS), role)

    assert isinstance(cell(ids[-1], Qt.DecorationRole), QPixmap)
    assert cell(ids[-1], Qt.ToolTipRole) == "Rated 1 of 5: a low rating"
    assert cell(ids[-2], Qt.DecorationRole) is None  # a good rating is not flagged…
    assert cell(ids[-2], Qt.ToolTipRole) == "Rated 5 of 5"  # …but said
    assert cell(ids[-3], Qt.ToolTipRole) is None and not model.is_low(ids[-3])
    assert model.row_of(ids[0]) is None
    show_row(qtbot, model, 202)
    assert model.is_low(ids[0]) and model.rating_of(ids[0]) == 2  # the next page's ratings came
    record_feedback(db, return_id=ids[-2], rating=2, source="phone")  # a replacement
    model.refresh_return(ids[-2])
    assert model.is_low(ids[-2])
    qtmodeltester.check(model)


def test_the_ratings_of_a_page_are_one_query(qtbot, db):
    from sqlalchemy import event

    from desk.feedback.record import record_feedback

    ids = [add_return(db, f"Customer {i}", f"SKU-{i}").id for i in range(5)]
    for return_id in ids:
        record_feedback(db, return_id=return_id, rating=1, source="phone")
    seen: list[str] = []
    listener = lambda conn, cursor, statement, *rest: seen.append(statement)  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    model = ReturnsModel(db)
    try:
        with qtbot.waitSignal(model.modelReset, timeout=WAIT_MS):
            model.set_filter(ReturnFilter())
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert all(model.is_low(return_id) for return_id in ids)
    assert len([s for s in seen if "FROM feedback" in s]) == 1


def test_a_return_moved_out_of_the_filter_leaves_the_list(qtbot, model, db, qtmodeltester):
    from desk.codes import Status
    from desk.listing import OPEN
    from desk.workflow import transition
    from ui.returns.model import status_shown

    with qtbot.waitSignal(model.modelReset, timeout=WAIT_MS):
        model.set_filter(ReturnFilter(status=OPEN))
    bruno = model.return_at(names(model).index("Bruno Lima")).id
    with db.session() as session:
        transition(session=session, return_id=bruno, to="refunded", expected_version=1)
    assert model.refresh_return(bruno) and "Bruno Lima" in names(model)  # still open
    with db.session() as session:
        transition(session=session, return_id=bruno, to="closed", expected_version=2)
    with qtbot.waitSignal(model.rowsRemoved):
        assert model.refresh_return(bruno) is False
    assert names(model) == ["Carla Dias", "Ana Souza"] and model.total == 2
    qtmodeltester.check(model)
    assert not status_shown(ReturnFilter(status=OPEN), Status.CLOSED)
    assert status_shown(ReturnFilter(status=None), Status.CLOSED)
    assert status_shown(ReturnFilter(status="closed"), Status.CLOSED)
    assert not status_shown(ReturnFilter(status="closed"), Status.REFUNDED)


def test_the_exact_count_starts_only_after_the_rows_painted(qtbot, db, monkeypatch):
    """A count read beside the paint of new rows would slow that paint down."""
    from desk import listing
    from desk.list_window import Bound

    for name in ("Ana Souza", "Bruno Lima", "Carla Dias"):
        add_return(db, name, "KETTLE-01")
    monkeypatch.setattr(listing, "GATHER_MAX", 0)  # walk, as for a broad search at 1M
    model = ReturnsModel(db, page_size=2)
    waiting = []
    model.paint_first = waiting.append  # the table would start it after its next paint
    model.set_filter(ReturnFilter(text="kettle", status=listing.OPEN))
    qtbot.waitUntil(lambda: bool(waiting), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: background.running_jobs() == 0, timeout=WAIT_MS)
    assert model.bound == Bound.ABOUT and model.busy  # estimated; the count still to come
    with qtbot.waitSignal(model.count_changed, timeout=WAIT_MS):
        waiting.pop()()
    qtbot.waitUntil(lambda: not model.busy, timeout=WAIT_MS)
    assert (model.total, model.bound) == (3, Bound.EXACT)


def test_a_count_that_waited_for_an_older_filter_is_not_read(qtbot, db, monkeypatch):
    from desk import listing

    for name in ("Ana Souza", "Bruno Lima", "Carla Dias"):
        add_return(db, name, "KETTLE-01")
    monkeypatch.setattr(listing, "GATHER_MAX", 0)
    model = ReturnsModel(db, page_size=2)
    waiting = []
    model.paint_first = waiting.append
    model.set_filter(ReturnFilter(text="kettle", status=listing.OPEN))
    qtbot.waitUntil(lambda: bool(waiting), timeout=WAIT_MS)
    model.set_filter(ReturnFilter(text="zzz", status=listing.OPEN))
    waiting.pop()()  # the first filter's count, started late
    assert background.running_jobs() <= 1  # only the new filter's page is read
    qtbot.waitUntil(lambda: not model.busy, timeout=WAIT_MS)
    assert model.total == 0 and waiting == []


def test_a_paint_asks_each_cell_once_and_gets_what_data_answers(qtbot, db):
    """A paint asks each cell for all its roles in one call (multiData: one taking of
    Python's lock per cell, not seven), and gets what `data` answers for each role."""
    from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan, Qt
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTableView

    from desk.feedback.record import record_feedback
    from ui.returns.model import COLUMNS, STATUS

    ids = [add_return(db, f"Customer {i}", f"SKU-{i}").id for i in range(3)]
    record_feedback(db, return_id=ids[-1], rating=1, source="phone")  # flagged in the list
    asked: list[str] = []

    class Counted(ReturnsModel):
        def data(self, index, role=Qt.DisplayRole):
            asked.append("data")
            return super().data(index, role)

        def multiData(self, index, roles):  # noqa: N802 (Qt's name)
            asked.append("multiData")
            super().multiData(index, roles)

    class Options(QStyledItemDelegate):
        def option(self, index):
            option = QStyleOptionViewItem()
            self.initStyleOption(option, index)  # what a paint does for each cell
            return option

    model = Counted(db)
    with qtbot.waitSignal(model.modelReset, timeout=WAIT_MS):
        model.set_filter(ReturnFilter())
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.resize(900, 300)
    table.show()
    qtbot.waitExposed(table)
    qtbot.waitUntil(lambda: "multiData" in asked, timeout=WAIT_MS)  # the first paint
    asked.clear()
    table.viewport().repaint()
    assert asked == ["multiData"] * (3 * len(COLUMNS))  # each cell once, no `data` call
    delegate, plain = Options(), QStyleOptionViewItem()
    low = model.index(model.row_of(ids[-1]), STATUS)
    for column in (STATUS, *range(len(COLUMNS))):  # after the flagged cell, every other one
        for row in (model.row_of(ids[-1]), *range(3)):
            index = model.index(row, column)
            option = delegate.option(index)
            assert option.text == model.data(index, Qt.DisplayRole) != ""
            align = model.data(index, Qt.TextAlignmentRole)
            assert option.displayAlignment == (plain.displayAlignment if align is None else align)
            color = model.data(index, Qt.ForegroundRole)
            text = option.palette.color(QPalette.Text)
            assert text == (plain.palette.color(QPalette.Text) if color is None else color)
            assert option.icon.isNull() is (index != low)  # the low-rating mark, only there
    assert model.index(3, 0).isValid() is False and model.index(0, len(COLUMNS)).isValid() is False
    gone = QModelRoleData(Qt.DisplayRole)  # a cell of a row no longer in the list
    gone.setData("stale")
    model.multiData(model.createIndex(3, 0), QModelRoleDataSpan(gone))
    assert gone.data() is None and not model.busy  # cleared, and no page asked for
