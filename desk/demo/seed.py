"""Demo data: realistic customers and returns, written fast and reproducibly.

Everything comes from random generators seeded with `seed` (never the global one),
so the same seed, `now` and count give the same rows on an empty database. Rows are
written with Core `insert()` in batches, in one transaction, then the search index is
rebuilt. The demo turns the feedback reward on (`reward.kind` percent, `reward.value`
10) unless the shop has set them already.

`locale` picks the demo shop (desk.demo.shops): "en" is the demo as it always was, in
the shop's currency; "pt_BR" a shop in São Paulo, which also stores its name, address,
phone, hours, currency (BRL), customers' language and country, each unless the shop
has set it already (so a shop's own choices stay, and its currency wins).

This module holds `seed_demo` and the database side. What happens to each return is
planned in `desk.demo.plan`, the rows are drawn in `desk.demo.rows`, the messages,
feedback and reward codes that follow in `desk.demo.story`, the sales behind them and
beside them in `desk.demo.sales` (written by `desk.demo.till`, with the products of
`desk.demo.catalogue`), and the names, products, notes and tables they draw from are in
`desk.demo.content`. `desk.demo.bulk` does the Core inserts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, func, insert, select, text, update
from sqlmodel import Session, col

from desk import models, search
from desk.db import Database
from desk.demo import till
from desk.demo.bulk import insert_rows
from desk.demo.plan import Plan, Planner, Rng, as_datetime
from desk.demo.rows import RowMaker
from desk.demo.sales import UNRETURNED_PER_RETURN, SaleMaker
from desk.demo.shops import DemoShop, demo_shop
from desk.demo.story import NextIds, StoryMaker, StorySettings
from desk.models import (
    Counter,
    Customer,
    Feedback,
    OutboxMessage,
    Return,
    ReturnLine,
    RewardCode,
    Setting,
    StatusChange,
    utcnow,
)
from desk.numbering import format_number
from desk.reports import facts as report_facts
from desk.settings import (
    FEEDBACK_REQUEST_HOURS,
    FEEDBACK_REQUEST_WHEN,
    NOTIFY,
    REWARD_EVERY_DAYS,
    REWARD_KIND,
    REWARD_MIN_PURCHASE,
    REWARD_VALID_DAYS,
    REWARD_VALUE,
    SHOP_CURRENCY,
    SHOP_EMAIL,
    SHOP_NAME,
    get_setting,
    set_setting,
    setting,
)

__all__ = ["DemoSummary", "Progress", "seed_demo"]

Progress = Callable[[int, int], None]

BATCH = 5_000
"""Returns written per batch (their lines and timelines go with them)."""


@dataclass(frozen=True)
class DemoSummary:
    """What seed_demo added."""

    returns: int
    customers: int
    messages: int = 0
    feedback: int = 0
    codes: int = 0
    products: int = 0
    sales: int = 0
    try_receipts: tuple[str, ...] = ()
    """Recent receipts with lines left to return, to type or scan in a new return."""


@dataclass
class _Ids:
    """The first free id of each table, and the last sequence number of each year."""

    customer: int
    ret: int
    change: int
    seqs: dict[int, int]


def seed_demo(
    db: Database,
    *,
    returns: int,
    seed: int = 1,
    now: datetime | None = None,
    progress: Progress | None = None,
    locale: str = "en",
) -> DemoSummary:
    """Add `returns` demo returns, with their customers, lines and timelines, to `db`.

    Each return carries the messages its statuses sent, and closed ones the feedback
    and reward codes they earned (see desk.demo.story). The demo catalogue's products are
    added unless the shop has their SKUs already; each return with a receipt comes from
    its sale, and about four times as many sales were never returned (desk.demo.sales).
    Same `seed`, `now` and `returns` on an empty database give the same rows. All of it
    is one transaction.
    `progress(done, total)` is called now and then, with `total == returns`; `done`
    grows with the work and equals `total` at the end. `locale` picks the demo shop
    (see the module docstring); DeskError for a language the desk does not speak.
    """
    shop = demo_shop(locale)
    if returns < 1:
        return DemoSummary(returns=0, customers=0)
    report = _scaled(progress, returns)
    report(0.0)
    now = now or utcnow()
    rng = Rng(seed)
    planner, maker = Planner(rng, now), RowMaker(rng, shop)
    plans = planner.plans(returns)
    owners = planner.owners(returns)
    with db.engine.begin() as conn:
        had_returns = _take_write_lock(conn)
        cache = _more_cache(conn)
        ids = _read_ids(conn, {as_datetime(p.times[0]).year for p in plans})
        first_return = ids.ret
        _shop_settings(conn, shop)
        story = StoryMaker(
            Rng(f"{seed}:story"),
            now,
            _story_settings(conn),
            _next_story_ids(conn),
            _codes(conn),
            shop=shop,
        )
        customers = maker.customers(ids.customer, owners, plans)
        insert_rows(conn, Customer.__table__, customers)
        report(0.25)
        with Session(bind=conn) as session:  # the demo's returns are in the shop's currency
            currency = get_setting(session, SHOP_CURRENCY)
        sales = till.open_till(
            conn, Rng(f"{seed}:sales"), now, currency, customers, owners, shop.catalogue
        )
        writing = _write_returns(conn, maker, story, sales, plans, owners, customers, ids)
        for done in writing:
            report(0.25 + 0.5 * done / returns)
        _save_counters(conn, ids.seqs)
        till.close_till(conn, sales)
        _fix_sequences(conn)
        _seed_dropoff_points(conn, now, shop.dropoff_points)
        new_ids = range(first_return, ids.ret)
        search.reindex(conn, new_ids if had_returns and returns <= 2_000 else None)
        report_facts.refresh_since(conn, first_return)
        _more_cache(conn, cache)
    report(1.0)
    return DemoSummary(
        returns=returns,
        customers=len(customers),
        messages=story.counts.messages,
        feedback=story.counts.feedback,
        codes=story.counts.codes,
        products=sales.new_products,
        sales=sales.sales,
        try_receipts=tuple(sales.try_receipts),
    )


def _scaled(progress: Progress | None, returns: int) -> Callable[[float], None]:
    """Return a reporter of the fraction done, as `progress(done, total=returns)`.

    About a quarter of the time goes to customers, half to returns, a quarter to the
    search index; `done` reaches `returns` only when everything is written.
    """
    if progress is None:
        return lambda _fraction: None
    return lambda fraction: progress(min(returns, int(fraction * returns)), returns)


# -- the database side ------------------------------------------------------------------------


def _write_returns(
    conn: Connection,
    maker: RowMaker,
    story: StoryMaker,
    sales: SaleMaker,
    plans: list[Plan],
    owners: list[int],
    customers: list[dict],
    ids: _Ids,
) -> Iterator[int]:
    """Draw and insert the returns, their sales and story, batch by batch; yield how many so far."""
    first_customer, seqs = ids.customer, ids.seqs
    for start in range(0, len(plans), BATCH):
        returns, lines, changes = [], [], []
        for plan, owner in zip(
            plans[start : start + BATCH], owners[start : start + BATCH], strict=True
        ):
            stamps = [as_datetime(t) for t in plan.times]
            year = stamps[0].year
            seqs[year] += 1
            ret = maker.return_row(plan, stamps, ids.ret, format_number(year, seqs[year]))
            ret["customer_id"] = first_customer + owner
            ret["currency"] = sales.currency
            returns.append(ret)
            ret_lines = maker.lines(ret)
            sales.for_return(ret, ret_lines)
            lines.extend(ret_lines)
            timeline = maker.timeline(ids.ret, plan, stamps)
            for change in timeline:
                change["id"] = ids.change
                ids.change += 1
            changes.extend(timeline)
            story.follow(ret, customers[owner], plan, timeline)
            ids.ret += 1
        sales.unreturned(len(returns) * UNRETURNED_PER_RETURN)
        till.write_sales(conn, sales.take_rows())
        insert_rows(conn, Return.__table__, returns)
        insert_rows(conn, ReturnLine.__table__, lines)
        insert_rows(conn, StatusChange.__table__, changes)
        told = story.take_rows()
        insert_rows(conn, OutboxMessage.__table__, told.messages)
        insert_rows(conn, Feedback.__table__, told.feedback)
        insert_rows(conn, RewardCode.__table__, told.codes)
        yield start + len(returns)


def _more_cache(conn: Connection, pages: int | None = None) -> int | None:
    """On SQLite, give the connection a 64 MB page cache (or back `pages`); return the old size.

    The sales' indexes (customer, product) take rows in no order: with SQLite's default
    2 MB cache a big demo rereads and rewrites their pages over and over.
    """
    if conn.dialect.name != "sqlite":
        return None
    old = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size={int(pages if pages is not None else -65_536)}")
    return old


def _take_write_lock(conn: Connection) -> bool:
    """Start writing now (so the ids read next stay ours); return True if returns exist."""
    conn.execute(update(Counter).where(text("0 = 1")).values(value=Counter.value))
    return conn.execute(select(Return.id).limit(1)).first() is not None


def _read_ids(conn: Connection, years: set[int]) -> _Ids:
    next_customer, next_return, next_change = (
        _max_id(conn, table) + 1 for table in (Customer, Return, StatusChange)
    )
    names = {f"return-{y}": y for y in years}
    query = select(Counter.name, Counter.value).where(col(Counter.name).in_(names))
    stored = {name: value for name, value in conn.execute(query)}
    seqs = {y: stored.get(name, 0) for name, y in names.items()}
    return _Ids(customer=next_customer, ret=next_return, change=next_change, seqs=seqs)


def _max_id(conn: Connection, model: type) -> int:
    return conn.execute(select(func.coalesce(func.max(model.id), 0))).scalar_one()


def _next_story_ids(conn: Connection) -> NextIds:
    return NextIds(*(_max_id(conn, model) + 1 for model in (OutboxMessage, Feedback, RewardCode)))


def _codes(conn: Connection) -> set[str]:
    """The reward codes the shop has issued already (a demo code must differ from them)."""
    return set(conn.execute(select(RewardCode.code)).scalars())


def _story_settings(conn: Connection) -> StorySettings:
    """Read the settings the story follows; turn the reward on unless the shop chose already.

    The Session joins the demo's transaction: what it flushes is committed with the rest.
    """
    with Session(bind=conn) as session:
        for spec, value in ((REWARD_KIND, "percent"), (REWARD_VALUE, 10)):
            if session.get(Setting, spec.key) is None:
                set_setting(session, spec, value)
        shop_email = get_setting(session, SHOP_EMAIL)
        return StorySettings(
            notify={str(event): get_setting(session, spec) for event, spec in NOTIFY.items()},
            shop_name=get_setting(session, SHOP_NAME),
            mail_domain=shop_email.rsplit("@", 1)[1] if "@" in shop_email else "returndesk.local",
            request_when=get_setting(session, FEEDBACK_REQUEST_WHEN),
            request_hours=get_setting(session, FEEDBACK_REQUEST_HOURS),
            reward_kind=get_setting(session, REWARD_KIND),
            reward_value=get_setting(session, REWARD_VALUE),
            min_purchase_cents=get_setting(session, REWARD_MIN_PURCHASE),
            valid_days=get_setting(session, REWARD_VALID_DAYS),
            every_days=get_setting(session, REWARD_EVERY_DAYS),
        )


def _shop_settings(conn: Connection, shop: DemoShop) -> None:
    """Store the demo shop's settings the shop has not set itself (in the demo's transaction)."""
    if not shop.settings:
        return
    with Session(bind=conn) as session:
        for key, value in shop.settings.items():
            if session.get(Setting, key) is None:
                set_setting(session, setting(key), value)


def _save_counters(conn: Connection, seqs: dict[int, int]) -> None:
    """Store each year's last number, so returns logged later continue after them."""
    for year, value in sorted(seqs.items()):
        name = f"return-{year}"
        if conn.execute(update(Counter).where(Counter.name == name).values(value=value)).rowcount:
            continue
        conn.execute(insert(Counter.__table__).values(name=name, value=value))


def _seed_dropoff_points(conn: Connection, now: datetime, points: tuple[dict, ...]) -> None:
    """Add the demo shop's drop-off `points`, unless the shop already lists some."""
    table = models.DropOffPoint.__table__
    if conn.execute(select(func.count()).select_from(table)).scalar():
        return
    defaults = dict(
        hours="",
        accepts_reuse=False,
        accepts_recycling=False,
        accepts_donation=False,
        categories="",
        notes="",
        active=True,
        created_at=now,
    )
    rows = [{**defaults, **point, "position": i} for i, point in enumerate(points)]
    conn.execute(insert(table), rows)


def _fix_sequences(conn: Connection) -> None:
    """On PostgreSQL, move the id sequences past the ids written here explicitly."""
    if conn.dialect.name != "postgresql":
        return
    tables = (
        "customer",
        "return",
        "status_change",
        "outbox_message",
        "feedback",
        "reward_code",
        "product",
        "sale",
        "sale_line",
    )
    for table in tables:
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                f'(SELECT max(id) FROM "{table}"))'
            )
        )
