"""The main window's own path, measured from inside (bench/desk_bench.py runs it).

Each step drives the real `ui.main_window.MainWindow` over its real `ReturnsModel` as
staff do (keys into the search box, the status combo's popup, clicks on the header, the
scroll bar pulled to its end, a move then `show_moved`) and reports, per action, `busy`:
the longest time the UI thread was busy (one event dispatch, see window_probe) from the
action until the list settled, and `wall`: the time until it settled. A step that finds
the list unsettled after its timeout says so (`"settled": false`).
"""

from __future__ import annotations

import gc
import random
import statistics
import time
from collections import Counter
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtTest import QTest
from window_probe import (
    TimedApplication,
    click_header,
    column_sorted,
    header_columns,
    open_popup,
    pick_in_popup,
    pump,
    row_loaded,
    rss_mib,
    shown_ids,
    timed,
    type_char,
    visible_rows,
    wait_settled,
    window_settled,
)

Emit = Callable[..., None]
FILTERS = {"open": "open", "all": "", "closed": "closed"}
"""The status filters the keystrokes run under: name -> the combo's data."""
RSS_SEARCHES = 200
FRAME_MS = 16
CHUNK = 5000  # rows looked at a time for returns that can move on
WIDTH, HEIGHT = 1280, 800


def ms(seconds: float) -> float:
    """Seconds as milliseconds, rounded for printing."""
    return round(seconds * 1000, 2)


def spread(values: list[float]) -> dict[str, float]:
    """p50, p95 and max of `values` (milliseconds)."""
    ordered = sorted(values)
    p95 = statistics.quantiles(ordered, n=20, method="inclusive")[-1] if len(ordered) > 1 else 0
    return {
        "p50": round(statistics.median(ordered), 2),
        "p95": round(p95 or ordered[-1], 2),
        "max": round(ordered[-1], 2),
    }


def event_name(kind: int) -> str:
    """A QEvent type's name ("MetaCall": a queued signal, such as a worker's result)."""
    if kind < 0:
        return "bench call"  # work the bench called itself, as a slot
    try:
        return QEvent.Type(kind).name
    except ValueError:
        return str(kind)


def measure(app: TimedApplication, window, action: Callable[[], object], timeout: float = 30):
    """Run `action` (it sends its own events), wait until the list settles; return
    (busy ms, wall ms, settled)."""
    app.reset()
    started = time.perf_counter()
    action()
    settled = wait_settled(window, timeout=timeout)
    return ms(app.longest), ms(time.perf_counter() - started), settled


def window_queries(db, rng: random.Random) -> list[str]:
    """At least 30 things staff type: broad words, names with and without accents, email
    prefixes, phone fragments, return numbers, SKU prefixes, and queries that find nothing."""
    from sqlalchemy import func, select
    from sqlmodel import col

    from desk.models import Customer, Return, ReturnLine
    from desk.search import fold

    with db.connect() as conn:
        top_customer = conn.execute(select(func.max(Customer.id))).scalar_one() or 1
        top_return = conn.execute(select(func.max(Return.id))).scalar_one() or 1
        people = conn.execute(
            select(Customer.name, Customer.email, Customer.phone).where(
                col(Customer.id).in_(rng.sample(range(1, top_customer + 1), min(300, top_customer)))
            )
        ).all()
        picked = rng.sample(range(1, top_return + 1), min(60, top_return))
        numbers = conn.execute(select(Return.number).where(col(Return.id).in_(picked)))
        numbers = sorted(numbers.scalars().all())
        skus = conn.execute(select(ReturnLine.sku).where(col(ReturnLine.return_id).in_(picked)))
        skus = sorted(set(skus.scalars().all()))
    queries = ["a", "gmail", "maria", "silva", "hotmail", "joão", "joao", "zzqx", "xylofone"]
    queries += ["R-2027-99999"]  # a whole number that is no return: looked up under any status

    def add(values: list[str], count: int) -> None:
        values = [v for v in values if v and v not in queries]
        queries.extend(rng.sample(values, min(count, len(values))))

    names = sorted({p.name for p in people})
    accented = sorted({w for n in names for w in n.split() if not w.isascii()})
    plain = [w for w in accented if w not in queries and fold(w) not in queries][:1]
    for word in rng.sample(plain, len(plain)):  # (drawn, so the picks after it stay the same)
        queries += [word, fold(word)]  # a name with its accents, and typed without them
    add([n.split()[0] for n in names], 3)  # first names
    add([n.split()[-1] for n in names], 3)  # last names
    add([" ".join(n.split()[:2]) for n in names if len(n.split()) > 2], 1)  # two words
    add([e.split("@")[0][: rng.randint(4, 8)] for e in (p.email for p in people) if e], 3)
    phones = sorted({"".join(c for c in p.phone if c.isdigit()) for p in people if p.phone})
    add([d[-6:] for d in phones], 3)  # phone fragments
    add([f"0{d[2:6]} {d[6:]}" for d in phones if d.startswith("44")], 1)  # a UK phone as said
    add(numbers, 2)  # whole return numbers
    add([n[:9] for n in numbers], 1)  # R-2026-0...
    add([n[-5:].lstrip("0")[:4] for n in numbers], 1)  # "1234" of R-2026-01234
    add([s.split("-")[0] for s in skus], 1)  # a SKU's letters
    add(skus, 1)
    return queries


def open_window(db):
    """The main window over `db`, 1280x800, shown and settled."""
    from ui.app import load_the_orm
    from ui.main_window import MainWindow

    window = MainWindow(db)
    load_the_orm(db)  # as a start does after the first page (ui.app), not on a first action
    gc.freeze()  # and as it does then: later collections need not walk start-up's objects
    window.resize(WIDTH, HEIGHT)
    window.show()
    QTest.qWaitForWindowExposed(window)
    wait_settled(window, timeout=120)
    return window


def choose_status(app: TimedApplication, window, data: str):
    """Pick the status whose combo data is `data` from the popup; (busy, wall, settled)."""
    combo = window.status_combo
    index = combo.findData(data)
    open_popup(combo)
    pump(20)  # the popup's own showing is not the filter's cost
    return measure(app, window, lambda: pick_in_popup(combo, index))


def clear_search(app: TimedApplication, window) -> None:
    """Empty the search box (select all, Backspace) and let the list settle."""
    edit = window.search_edit
    if edit.text():
        edit.setFocus()
        edit.selectAll()
        measure(app, window, lambda: QTest.keyClick(edit, Qt.Key_Backspace))


def bench_keystrokes(
    app: TimedApplication, window, queries: list[str], emit: Emit, labels: dict
) -> dict[str, dict[str, float]]:
    """Type every query key by key under each status filter; return each query's worst
    keystroke (busy ms) by filter name. Emits keystroke_ms per filter and overall, and
    rss_mib after RSS_SEARCHES searches."""
    worst: dict[str, dict[str, float]] = {}
    every: list[float] = []
    searches, rss_done = 0, False
    unsettled = []
    slow_events: Counter[str] = Counter()  # the longest dispatch of keystrokes over a frame
    for name, data in FILTERS.items():
        clear_search(app, window)
        choose_status(app, window, data)
        busy, walls, per_query = [], [], {}
        edit = window.search_edit
        for query in queries:
            edit.setFocus()
            edit.selectAll()  # the first key replaces the last query, as after Ctrl+F
            longest = 0.0
            for char in query:
                spent, wall, settled = measure(app, window, lambda c=char, e=edit: type_char(e, c))
                if spent > FRAME_MS:
                    slow_events[event_name(app.longest_event)] += 1
                busy.append(spent)
                walls.append(wall)
                longest = max(longest, spent)
                searches += 1
                if not settled:
                    unsettled.append([name, edit.text()])
                if searches == RSS_SEARCHES:
                    emit("rss_mib", rss_mib(), "MiB", at=f"after {searches} searches", **labels)
                    rss_done = True
            per_query[query] = longest
        every += busy
        worst[name] = per_query
        slow = sorted(per_query.items(), key=lambda kv: -kv[1])[:5]
        figures = spread(busy)
        emit(
            "keystroke_ms", figures["p95"], "ms", filter=name, **figures,
            wall=spread(walls), keystrokes=len(busy), queries=len(per_query),
            worst=[[q, round(t, 2)] for q, t in slow], **labels,
        )  # fmt: skip
    if not rss_done:
        emit("rss_mib", rss_mib(), "MiB", at=f"after {searches} searches", **labels)
    overall = sorted(
        ((t, name, q) for name, per in worst.items() for q, t in per.items()), reverse=True
    )
    figures = spread(every)
    emit(
        "keystroke_ms", figures["p95"], "ms", filter="every filter", **figures,
        keystrokes=len(every), queries=len(queries), target={"p95": 16, "max": 33},
        worst=[[q, name, round(t, 2)] for t, name, q in overall[:8]],
        slow_events=dict(slow_events.most_common()), unsettled=unsettled[:10], **labels,
    )  # fmt: skip
    clear_search(app, window)
    return worst


def bench_filter_change(app: TimedApplication, window, emit: Emit, labels: dict) -> None:
    """The status combo Open -> All -> Closed -> Received -> Open, with an empty search
    and with a broad one typed."""
    for text in ("", "maria"):
        clear_search(app, window)
        if text:
            window.search_edit.setFocus()
            measure(app, window, lambda t=text: QTest.keyClicks(window.search_edit, t))
        steps = []
        for data in ("", "closed", "received", "open"):
            busy, wall, settled = choose_status(app, window, data)
            steps.append({"to": data or "all", "busy": busy, "wall": wall, "settled": settled})
        worst = max(steps, key=lambda s: s["busy"])
        emit(
            "filter_change_ms", worst["busy"], "ms", search=text,
            wall_max=max(s["wall"] for s in steps), steps=steps, target=16, **labels,
        )  # fmt: skip
    clear_search(app, window)


def bench_sort(app: TimedApplication, window, emit: Emit, labels: dict) -> None:
    """Click each column's header twice (both directions) in the All list."""
    choose_status(app, window, "")
    model, header = window.model, window.table.horizontalHeader()
    results = []
    for name, column in header_columns(model).items():
        for _ in range(2):
            before = shown_ids(model)
            clicked: list[bool] = []
            busy, wall, settled = measure(
                app, window, lambda c=column, k=clicked: k.append(click_header(window.table, c))
            )
            ascending = header.sortIndicatorOrder() == Qt.AscendingOrder
            results.append({
                "column": name, "order": "ascending" if ascending else "descending",
                "busy": busy, "wall": wall, "settled": settled, "clicked": clicked[0],
                "sorted": column_sorted(model, column, name, ascending),
                "changed": shown_ids(model) != before,
            })  # fmt: skip
    for result in results:
        emit("sort_ms", result.pop("busy"), "ms", **result, target=16, **labels)
    worst = max(results, key=lambda r: r["wall"])
    emit("sort_wall_max_ms", worst["wall"], "ms", column=worst["column"], **labels)
    logged = header_columns(model).get("Logged")
    for _ in range(2):  # back to newest first, as the list opens
        if (
            header.sortIndicatorSection() == logged
            and header.sortIndicatorOrder() == Qt.DescendingOrder
        ):
            break
        measure(app, window, lambda: click_header(window.table, logged))


def _at_end(window) -> bool:
    table, model = window.table, window.model
    bar, rows = table.verticalScrollBar(), model.rowCount()
    return (
        bar.value() == bar.maximum()
        and not model.canFetchMore(QModelIndex())
        and window_settled(window)
        and rows > 0
        and visible_rows(table).stop == rows
        and all(row_loaded(model, row) for row in visible_rows(table))
    )


def bench_scroll_end(
    app: TimedApplication, window, emit: Emit, labels: dict, limit_s: float
) -> None:
    """Drag the scroll bar of the All list to its end (pulling again while the list grows
    under it), until the last rows show real data or `limit_s` passes."""
    choose_status(app, window, "")
    bar = window.table.verticalScrollBar()

    def drag_to_end() -> None:
        bar.setSliderDown(True)
        bar.setValue(bar.maximum())
        bar.setSliderDown(False)

    app.reset()
    started, pulls = time.perf_counter(), 0
    deadline = started + limit_s
    while not _at_end(window) and time.perf_counter() < deadline:
        if bar.value() != bar.maximum() or not pulls:
            timed(app, drag_to_end)  # the drag's mouse moves are events: one dispatch each
            pulls += 1
        pump(1)
    reached = _at_end(window)
    wall = time.perf_counter() - started
    wait_settled(window)
    emit(
        "scroll_end_ms", ms(app.longest), "ms", wall=ms(wall), reached_end=reached,
        pulls=pulls, rows=window.model.rowCount(), limit_s=limit_s, target=16, **labels,
    )  # fmt: skip
    emit("rss_mib", rss_mib(), "MiB", at="after scrolling to the end", **labels)


def _movable(db, ids: list[int]) -> list[tuple[int, str, int]]:
    """(id, status, version) of the returns among `ids` that can move on."""
    from sqlalchemy import select
    from sqlmodel import col

    from desk.models import Return
    from desk.workflow import allowed_next

    with db.connect() as conn:
        found = conn.execute(
            select(Return.id, Return.status, Return.version).where(col(Return.id).in_(ids))
        ).all()
    return [tuple(row) for row in found if allowed_next(row[1])]


def bench_refresh_row(
    app: TimedApplication, window, db, emit: Emit, labels: dict, moves: int = 10
) -> None:
    """Move loaded returns one step on (desk.workflow.transition, as the transition
    dialog does), then time `window.show_moved(id)`: deepest rows first (after scrolling)."""
    from desk.workflow import NOTE_REQUIRED, allowed_next, transition

    model = window.model
    rows, picked, depth = model.rowCount(), [], {}
    for end in range(rows, 0, -CHUNK):  # from the last loaded rows up, a chunk at a time
        chunk = {}
        for row in range(max(end - CHUNK, 0), end):
            if row_loaded(model, row):
                chunk[model.data(model.index(row, 0), Qt.UserRole)] = row
        depth.update(chunk)
        picked += _movable(db, [i for i in chunk if i is not None])
        if len(picked) >= moves or end <= CHUNK:
            break
    picked = sorted(picked, key=lambda p: -depth[p[0]])[:moves]
    where = [depth[p[0]] for p in picked]
    busy, walls = [], []
    for return_id, status, version in picked:
        target = allowed_next(status)[0]
        with db.session() as session:
            transition(
                session=session, return_id=return_id, to=target, expected_version=version,
                staff="Bench", note="Benchmark move." if target in NOTE_REQUIRED else "",
            )  # fmt: skip
        spent, wall, _ = measure(
            app, window, lambda r=return_id: timed(app, lambda: window.show_moved(r))
        )
        busy.append(spent)
        walls.append(wall)
    if not busy:
        emit("refresh_row_ms", None, "ms", error="no loaded return can move on", **labels)
        return
    emit(
        "refresh_row_ms", max(busy), "ms", median=round(statistics.median(busy), 2),
        wall_max=max(walls), moves=len(busy), rows_loaded=rows, rows_moved=where, target=16,
        **labels,
    )  # fmt: skip


class _BareModel:
    """A bare table model: the list's columns, one fixed text per cell, nothing else."""

    @staticmethod
    def make(rows: int, columns: int):
        from PySide6.QtCore import QAbstractTableModel

        class Bare(QAbstractTableModel):
            texts = [f"R-2026-{column:06d}" for column in range(columns)]

            def rowCount(self, parent=QModelIndex()):  # noqa: N802, B008
                return 0 if parent.isValid() else rows

            def columnCount(self, parent=QModelIndex()):  # noqa: N802, B008
                return 0 if parent.isValid() else columns

            def data(self, index, role=0):
                return self.texts[index.column()] if role == 0 else None

        return Bare()


def _repaint_ms(app: TimedApplication, widget, times: int = 15) -> list[float]:
    spent = []
    for _ in range(times):
        app.reset()
        timed(app, widget.repaint)
        spent.append(ms(app.longest))
    return spent


def bench_paint(app: TimedApplication, window, emit: Emit, labels: dict) -> None:
    """The floor under every figure above: each action ends in a paint of the window. Time
    a full repaint of the main window as it is, beside a bare QTableView of the same size
    and columns (a bare Python model with one text per cell, then a C++ one), in the same
    application (its style sheet too)."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    shown = _repaint_ms(app, window)
    columns = window.model.columnCount()
    floors = {}
    for name in ("python", "c++"):
        if name == "python":
            model = _BareModel.make(window.model.rowCount(), columns)
        else:
            model = QStandardItemModel(200, columns)
            for row in range(200):
                for column in range(columns):
                    model.setItem(row, column, QStandardItem(f"R-2026-{row:06d}"))
        view = QTableView()
        view.setModel(model)
        view.resize(WIDTH, HEIGHT)
        view.show()
        QTest.qWaitForWindowExposed(view)
        floors[name] = statistics.median(_repaint_ms(app, view))
        view.close()
        view.deleteLater()
        pump(50)
    median = statistics.median(shown)
    emit(
        "window_paint_ms", round(median, 2), "ms", max=max(shown), repaints=len(shown),
        raw_table_paint_ms={k: round(v, 2) for k, v in floors.items()},
        ratio=round(median / floors["python"], 1) if floors["python"] else None,
        note="a full repaint of the main window; raw: a bare QTableView of the same size",
        **labels,
    )  # fmt: skip
