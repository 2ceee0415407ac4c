"""Demo data: realistic customers and returns, written fast and reproducibly.

Everything comes from one random generator seeded with `seed` (never the global one),
so the same seed, `now` and count give the same rows on an empty database. Rows are
written with Core `insert()` in batches, in one transaction, then the search index is
rebuilt.
"""

from __future__ import annotations

import enum
import random
import unicodedata
from collections import Counter as Tally
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from operator import itemgetter
from types import SimpleNamespace

from sqlalchemy import Connection, Table, func, insert, select, text, update
from sqlmodel import col

from desk import models, search
from desk.db import Database
from desk.models import Counter, Customer, Return, ReturnLine, StatusChange, as_utc, utcnow
from desk.returns import format_number
from desk.workflow import NOTE_REQUIRED, Status

Progress = Callable[[int, int], None]

DAY = 86_400
WINDOW_DAYS = 240
"""Demo returns are created over the last ~8 months before `now`."""

BATCH = 5_000
"""Returns written per batch (their lines and timelines go with them)."""


def _plain(kind: type[enum.Enum]) -> SimpleNamespace:
    """Return the members of `kind` as plain strings (SQLite binds str twice as fast)."""
    return SimpleNamespace(**{member.name: member.value for member in kind})


# Here these names hold plain strings: Reason.DEFECTIVE == "defective", S.CLOSED == "closed".
S = _plain(Status)
Channel, Condition, Disposition = map(
    _plain, (models.Channel, models.Condition, models.Disposition)
)
Intake, Reason, RefundMethod = map(_plain, (models.Intake, models.Reason, models.RefundMethod))


class _Rng(random.Random):
    """A seeded random.Random with quicker draws (the hot loops make millions of them)."""

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def below(self, n: int) -> int:
        """Return an integer in [0, n)."""
        return int(self.random() * n)

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]


def _table(weights: dict) -> tuple:
    """Return the keys of `weights`, each repeated by its (integer) weight: a `choice` table."""
    return tuple(key for key, weight in weights.items() for _ in range(weight))


# -- the shop's catalogue: (SKU stem, description, price in cents, sizes) ----------------

_APPAREL, _SHOES, _ELECTRONICS, _HOME = "apparel", "shoes", "electronics", "home"
_LETTER_SIZES = ("XS", "S", "M", "L", "XL")
_WAIST_SIZES = ("28", "30", "32", "34", "36")
_SHOE_SIZES = ("36", "37", "38", "39", "40", "41", "42", "43", "44", "45")

CATALOGUE: dict[str, tuple[tuple[str, str, int, tuple[str, ...]], ...]] = {
    _APPAREL: (
        ("TSH-1042", "Organic cotton T-shirt, navy", 1999, _LETTER_SIZES),
        ("TSH-1043", "Organic cotton T-shirt, white", 1999, _LETTER_SIZES),
        ("TSH-1107", "Striped Breton top", 2999, _LETTER_SIZES),
        ("SHR-2210", "Linen shirt, sand", 4999, _LETTER_SIZES),
        ("SHR-2234", "Oxford shirt, light blue", 3999, _LETTER_SIZES),
        ("JNS-3310", "Slim jeans, dark wash", 5999, _WAIST_SIZES),
        ("JNS-3325", "Relaxed jeans, stone", 5499, _WAIST_SIZES),
        ("CHN-3402", "Chino trousers, olive", 4499, _WAIST_SIZES),
        ("DRS-4120", "Wrap dress, floral print", 6999, _LETTER_SIZES),
        ("DRS-4188", "Knitted midi dress, rust", 7999, _LETTER_SIZES),
        ("KNT-5011", "Merino crew-neck jumper, grey", 6999, _LETTER_SIZES),
        ("KNT-5030", "Cable-knit cardigan, cream", 7499, _LETTER_SIZES),
        ("JKT-6003", "Waterproof rain jacket, yellow", 8999, _LETTER_SIZES),
        ("JKT-6045", "Quilted puffer jacket, black", 12999, _LETTER_SIZES),
        ("HOD-6120", "Hoodie, heather grey", 3999, _LETTER_SIZES),
        ("SKT-7014", "Pleated midi skirt, green", 4499, _LETTER_SIZES),
        ("SCF-7201", "Wool scarf, tartan", 2499, ()),
        ("SOC-7310", "Bamboo socks, 3-pack", 1299, ("S", "M", "L")),
        ("BLT-7402", "Leather belt, brown", 2999, ("S", "M", "L")),
    ),
    _SHOES: (
        ("SNK-8101", "Canvas sneakers, white", 5499, _SHOE_SIZES),
        ("SNK-8130", "Running shoes, blue/orange", 8999, _SHOE_SIZES),
        ("BOT-8204", "Chelsea boots, brown leather", 11999, _SHOE_SIZES),
        ("BOT-8260", "Hiking boots, waterproof", 13999, _SHOE_SIZES),
        ("SND-8302", "Leather sandals, tan", 4999, _SHOE_SIZES),
        ("LOF-8410", "Suede loafers, navy", 7999, _SHOE_SIZES),
        ("SLP-8501", "Wool slippers, grey", 2999, _SHOE_SIZES),
    ),
    _ELECTRONICS: (
        ("HPH-9010", "Wireless over-ear headphones", 12999, ()),
        ("EBD-9022", "True wireless earbuds", 7999, ()),
        ("SPK-9105", "Bluetooth speaker, waterproof", 5999, ()),
        ("PWB-9201", "Power bank 20,000 mAh", 3499, ()),
        ("CHG-9214", "USB-C charger 65 W", 2999, ()),
        ("CBL-9220", "USB-C cable 2 m, braided", 1299, ()),
        ("KBD-9307", "Wireless keyboard, compact", 4999, ()),
        ("MSE-9311", "Ergonomic wireless mouse", 3499, ()),
        ("WTC-9402", "Fitness tracker watch", 8999, ()),
        ("KTL-9510", "Electric kettle 1.7 L", 3999, ()),
        ("TST-9522", "Two-slice toaster, steel", 4499, ()),
        ("HDR-9601", "Hair dryer 2000 W", 3999, ()),
        ("LMP-9705", "LED desk lamp, dimmable", 2999, ()),
    ),
    _HOME: (
        ("MUG-1201", "Stoneware mug, set of 2", 1899, ()),
        ("PLT-1215", "Dinner plates, set of 4", 3999, ()),
        ("GLS-1230", "Tumbler glasses, set of 6", 2499, ()),
        ("TWL-1302", "Cotton bath towel, sage", 1999, ()),
        ("BED-1340", "Linen duvet cover, double", 8999, ()),
        ("CSH-1401", "Velvet cushion cover, mustard", 1499, ()),
        ("THR-1410", "Wool throw blanket", 5999, ()),
        ("CND-1502", "Scented candle, fig", 1699, ()),
        ("VAS-1520", "Ceramic vase, speckled", 2799, ()),
        ("PAN-1604", "Non-stick frying pan 28 cm", 3499, ()),
        ("KNF-1620", "Chef's knife 20 cm", 4999, ()),
        ("BOX-1705", "Storage baskets, set of 3", 2999, ()),
        ("FRM-1801", "Picture frame 30x40, oak", 2199, ()),
    ),
}
CATEGORY_SHARES = {_APPAREL: 42, _SHOES: 18, _ELECTRONICS: 22, _HOME: 18}
_LINE_COUNTS = _table({1: 62, 2: 24, 3: 9, 4: 5})
_SERIAL_PREFIX = {"HPH": "HP", "EBD": "EB", "SPK": "SP", "WTC": "FT", "KBD": "KB", "MSE": "MS"}

# -- people -------------------------------------------------------------------------------

EN_FIRST = (
    "Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack", "Mia", "Noah", "Emily",
    "Leo", "Grace", "Arthur", "Sophie", "Charlie", "Lily", "Thomas", "Ella", "James", "Chloé",
    "William", "Evie", "Henry", "Zoë", "Daniel", "Hannah", "Samuel", "Lucy", "Joseph", "Ruby",
    "Michael", "Sarah", "David", "Emma", "Matthew", "Olivia", "Ryan", "Jessica", "Liam",
    "Niamh", "Siân", "Rhys", "Aoife", "Seán", "Renée", "Chris", "Laura", "Ben", "Kate",
)  # fmt: skip
EN_LAST = (
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
    "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood",
    "Jackson", "Clarke", "Patel", "Khan", "Lewis", "Harris", "Martin", "Cooper", "King",
    "Baker", "Hughes", "Edwards", "O'Brien", "O'Connor", "Murphy", "McDonald", "Campbell",
    "Kennedy", "Fletcher", "Shaw", "Hunt", "Palmer", "Ellis", "Chapman", "Lloyd", "Brontë",
)  # fmt: skip
PT_FIRST = (
    "João", "Maria", "José", "Ana", "Antônio", "Francisca", "Luís", "Luíza", "Sebastião",
    "Márcia", "Fábio", "Lúcia", "André", "Letícia", "Mônica", "Vitória", "Patrícia", "Flávia",
    "Thaís", "Júlia", "Érica", "Cecília", "Inês", "Conceição", "Caio", "Gustavo", "Rafael",
    "Beatriz", "Larissa", "Camila", "Pedro", "Mateus", "Lucas", "Gabriel", "Felipe", "Bruna",
    "Juliana", "Rodrigo", "Otávio", "Íris", "Raíssa", "Tânia", "Vinícius", "Cauã", "Natália",
)  # fmt: skip
PT_COMPOUND = (
    "Maria Eduarda",
    "João Pedro",
    "Ana Clara",
    "Maria Luíza",
    "João Vítor",
    "Ana Júlia",
    "Pedro Henrique",
    "Luís Otávio",
    "Maria Cecília",
    "José Antônio",
)
PT_LAST = (
    "Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira",
    "Lima", "Gomes", "Ribeiro", "Carvalho", "Araújo", "Gonçalves", "Magalhães", "Conceição",
    "Simões", "Brandão", "Falcão", "Guimarães", "Nogueira", "Tavares", "Sá", "Assunção",
    "Romão", "Gusmão", "Antunes", "Barbosa", "Rocha", "Dias", "Nascimento", "Monteiro",
    "Peixoto", "Calado", "Leão", "Cardoso", "Teixeira", "Mendonça", "Galvão", "Estêvão",
)  # fmt: skip
EN_DOMAINS = _table({
    "gmail.com": 40, "outlook.com": 18, "hotmail.co.uk": 10, "yahoo.co.uk": 8,
    "icloud.com": 12, "btinternet.com": 6, "proton.me": 6,
})  # fmt: skip
PT_DOMAINS = _table({
    "gmail.com": 45, "hotmail.com": 18, "uol.com.br": 12, "bol.com.br": 8,
    "terra.com.br": 7, "yahoo.com.br": 6, "outlook.com": 4,
})  # fmt: skip
BR_AREA_CODES = ("11", "21", "31", "41", "51", "61", "71", "81", "85", "19", "48", "27")
CUSTOMER_NOTES = (
    "Prefers to be called after 5 pm.",
    "Loyalty card holder.",
    "Prefere atendimento em português.",
    "Buys gifts for the family; often returns sizes.",
    "Asked not to be contacted on weekends.",
    "Cliente frequente da loja do centro.",
)
STAFF = ("Ana", "Tom", "Priya", "Marcos", "Bea", "Liam", "Sofia", "Grace", "Rui", "Hannah")

# -- how returns go -----------------------------------------------------------------------

STATUS_SHARES: dict[str, int] = {
    S.REQUESTED: 30, S.RECEIVED: 30, S.INSPECTING: 25, S.APPROVED: 25, S.REJECTED: 25,
    S.REFUNDED: 30, S.EXCHANGED: 20, S.CREDITED: 20, S.CANCELLED: 70, S.CLOSED: 725,
}  # fmt: skip
"""Share (per thousand) of the demo returns that end in each status."""

_MATURITY: dict[str, float] = {
    S.REQUESTED: 0.0, S.RECEIVED: 0.03, S.INSPECTING: 0.06, S.APPROVED: 0.09,
    S.REJECTED: 0.15, S.REFUNDED: 0.15, S.EXCHANGED: 0.15, S.CREDITED: 0.15,
    S.CANCELLED: 0.3, S.CLOSED: 0.3,
}  # fmt: skip
"""How far along each status is: returns are ranked by this plus noise, and the
least mature get the youngest creation dates, so open returns are mostly recent."""

_REFUND_BY_SETTLED = {
    S.REFUNDED: RefundMethod.ORIGINAL,
    S.CREDITED: RefundMethod.STORE_CREDIT,
    S.EXCHANGED: RefundMethod.EXCHANGE,
}

_STEP_DAYS: dict[tuple[str, str], tuple[int, int]] = {
    (S.REQUESTED, S.RECEIVED): (1, 10),
    (S.REQUESTED, S.CANCELLED): (5, 30),
    (S.RECEIVED, S.INSPECTING): (0, 2),
    (S.RECEIVED, S.CANCELLED): (0, 5),
    (S.INSPECTING, S.APPROVED): (0, 5),
    (S.INSPECTING, S.REJECTED): (0, 5),
}
"""Days a step takes (inclusive range); steps not listed take 0-3 days, closing 1-14."""

_NOTES: dict[str, tuple[str, ...]] = {
    S.REJECTED: (
        "Outside the 30-day return window.",
        "Signs of wear beyond trying on.",
        "Serial number does not match our sale.",
        "No proof of purchase and not in our sales records.",
        "Water damage caused after purchase.",
        "Final-sale item; not returnable.",
        "Hygiene item, seal broken.",
    ),
    S.CANCELLED: (
        "Customer decided to keep the item.",
        "Customer withdrew the request by phone.",
        "Duplicate of another return.",
        "Parcel never sent; customer unreachable.",
        "Resolved with a partial discount instead.",
        "Cliente desistiu da devolução.",
    ),
    S.RECEIVED: ("Parcel arrived intact.", "Box slightly dented.", "Brought in by a relative."),
    S.INSPECTING: ("Sent to the workshop for testing.", "Checking all accessories."),
    S.APPROVED: ("Approved by the manager.", "Fault confirmed.", "All parts present."),
    S.REFUNDED: ("Refunded to the original card.", "Refunded in cash.", "Refunded via PIX."),
    S.EXCHANGED: ("Exchanged for the next size.", "Exchanged for the same model."),
    S.CREDITED: ("Voucher emailed to the customer.", "Credit added to the loyalty card."),
    S.CLOSED: ("Customer confirmed receipt.",),
}
_CANCELLED_UNSENT = (
    "Customer decided to keep the item.",
    "Parcel never sent; customer unreachable.",
    "Customer withdrew the request by email.",
    "Cliente desistiu da devolução.",
)

_REASONS_APPAREL = _table({
    Reason.WRONG_SIZE: 36, Reason.CHANGED_MIND: 18, Reason.DEFECTIVE: 7, Reason.DAMAGED: 6,
    Reason.NOT_AS_DESCRIBED: 12, Reason.WRONG_ITEM: 8, Reason.ARRIVED_LATE: 6, Reason.OTHER: 7,
})  # fmt: skip
_REASONS_OTHER = _table({
    Reason.CHANGED_MIND: 26, Reason.DEFECTIVE: 26, Reason.DAMAGED: 12,
    Reason.NOT_AS_DESCRIBED: 12, Reason.WRONG_ITEM: 10, Reason.ARRIVED_LATE: 6, Reason.OTHER: 8,
})  # fmt: skip
_REASON_TEXTS: dict[str, tuple[str, ...]] = {
    Reason.WRONG_SIZE: ("Too small across the shoulders.", "Runs large.", "Tamanho não serviu."),
    Reason.DEFECTIVE: (
        "Stops charging after ten minutes.",
        "Left earbud is silent.",
        "Seam came apart after one wash.",
        "Sole detached after a week.",
        "Não liga.",
    ),
    Reason.DAMAGED: ("Arrived with a cracked corner.", "Box crushed in transit.", "Veio riscado."),
    Reason.NOT_AS_DESCRIBED: ("Colour differs from the website photo.", "Not real leather."),
    Reason.WRONG_ITEM: ("Received the white one, ordered navy.", "Wrong size in the box."),
    Reason.CHANGED_MIND: ("Found it cheaper elsewhere.", "Presente repetido."),
    Reason.ARRIVED_LATE: ("Needed it for a trip; came after.", "Chegou depois do aniversário."),
    Reason.OTHER: (
        "Gift; the recipient already has one.",
        "Bought twice by mistake.",
        "Allergic reaction to the fabric.",
        "Comprado em duplicidade.",
        "Doesn't fit the space at home.",
    ),
}


@dataclass(frozen=True)
class DemoSummary:
    """What seed_demo added."""

    returns: int
    customers: int


@dataclass(slots=True)
class _Plan:
    """The life of one demo return, before it gets ids and a customer."""

    intake: str
    path: list[str]
    times: list[int]  # epoch seconds, one per status in path, increasing


@dataclass
class _Ids:
    """The first free id of each table, and the last sequence number of each year."""

    customer: int
    ret: int
    seqs: dict[int, int]


def seed_demo(
    db: Database,
    *,
    returns: int,
    seed: int = 1,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Add `returns` demo returns, with their customers, lines and timelines, to `db`.

    Same `seed`, `now` and `returns` on an empty database give the same rows. All of
    it is one transaction. `progress(done, total)` is called now and then, with
    `total == returns`; `done` grows with the work and equals `total` at the end.
    """
    if returns < 1:
        return DemoSummary(returns=0, customers=0)
    report = _scaled(progress, returns)
    report(0.0)
    maker = _DemoMaker(_Rng(seed), as_utc(now or utcnow()))
    plans = maker.plans(returns)
    owners = maker.owners(returns)
    with db.engine.begin() as conn:
        had_returns = _take_write_lock(conn)
        ids = _read_ids(conn, {_year(p.times[0]) for p in plans})
        first_return = ids.ret
        customers = maker.customers(ids.customer, owners, plans)
        _insert(conn, Customer.__table__, customers)
        report(0.25)
        for done in maker.write_returns(conn, plans, owners, ids):
            report(0.25 + 0.5 * done / returns)
        _save_counters(conn, ids.seqs)
        _fix_sequences(conn)
        _seed_dropoff_points(conn, as_utc(now or utcnow()))
        new_ids = range(first_return, ids.ret)
        search.reindex(conn, new_ids if had_returns and returns <= 2_000 else None)
    report(1.0)
    return DemoSummary(returns=returns, customers=len(customers))


def _scaled(progress: Progress | None, returns: int) -> Callable[[float], None]:
    """Return a reporter of the fraction done, as `progress(done, total=returns)`.

    About a quarter of the time goes to customers, half to returns, a quarter to the
    search index; `done` reaches `returns` only when everything is written.
    """
    if progress is None:
        return lambda _fraction: None
    return lambda fraction: progress(min(returns, int(fraction * returns)), returns)


class _DemoMaker:
    """Draws demo rows from one random generator, always in the same order."""

    def __init__(self, rng: _Rng, now: datetime):
        self.rng = rng
        self.now = int(now.timestamp())
        self.emails: set[str] = set()

    # -- when and how each return goes ---------------------------------------------------

    def plans(self, n: int) -> list[_Plan]:
        """Return `n` return lives, oldest first; young ones tend to be still open."""
        rng = self.rng
        created = sorted((self._created() for _ in range(n)), reverse=True)
        finals = sorted(_quota(n), key=lambda s: _MATURITY[s] + rng.random() * 0.2)
        plans = [self._plan(final, start) for final, start in zip(finals, created, strict=True)]
        plans.sort(key=lambda p: p.times[0])
        return plans

    def _created(self) -> int:
        today = self.now - self.now % DAY
        return today - self.rng.below(WINDOW_DAYS) * DAY + self.rng.below(DAY)

    def _plan(self, final: str, start: int) -> _Plan:
        rng = self.rng
        intake = Intake.MAIL if rng.random() < 0.35 else Intake.COUNTER
        if final == S.REQUESTED or (final == S.CANCELLED and rng.random() < 0.6):
            intake = Intake.MAIL if rng.random() < 0.85 else Intake.COUNTER
            initial = S.REQUESTED
        elif intake == Intake.MAIL:
            initial = S.REQUESTED if rng.random() < 0.9 else S.RECEIVED
        else:
            initial = S.REQUESTED if rng.random() < 0.08 else S.RECEIVED
        path = _path(rng, final, initial)
        return _Plan(intake=intake, path=path, times=self._times(path, intake, start))

    def _times(self, path: list[str], intake: str, start: int) -> list[int]:
        """Stamp each status: a start in opening hours (any hour online), then each step."""
        if path[0] != S.REQUESTED or intake == Intake.COUNTER:
            start = _in_hours(self.rng, start - start % DAY)
        times = [start]
        for i in range(1, len(path)):
            times.append(self._step(times[-1], path[i - 1], path[i], intake))
        late = times[-1] - self.now
        if late > 0:
            shift = -(-late // DAY) * DAY  # whole days, so the hours stay in opening hours
            times = [t - shift for t in times]
        return times

    def _step(self, t: int, source: str, target: str, intake: str) -> int:
        rng = self.rng
        if source == S.RECEIVED and target in _REFUND_BY_SETTLED and intake == Intake.COUNTER:
            return t + rng.randint(120, 1_500)  # settled on the spot
        low, high = _STEP_DAYS.get((source, target), (1, 14) if target == S.CLOSED else (0, 3))
        days = rng.randint(low, high)
        day = t - t % DAY + days * DAY
        if days == 0:
            earliest, latest = max(t + 300, day + 9 * 3600), day + 19 * 3600
            if earliest < latest:
                return rng.randint(earliest, min(latest, earliest + 6 * 3600))
            day += DAY
        return _in_hours(rng, day)

    # -- who returns what ------------------------------------------------------------------

    def owners(self, n: int) -> list[int]:
        """Return the customer index of each return; customers are numbered as first seen.

        Every customer has a return; some have several, a few regulars have many.
        """
        rng = self.rng
        customers = max(1, round(n * 0.62))
        regulars = min(customers, max(2, customers // 300))
        extra = [
            rng.below(regulars) if rng.random() < 0.15 else rng.below(customers)
            for _ in range(n - customers)
        ]
        slots = list(range(customers)) + extra
        rng.shuffle(slots)
        renumber: dict[int, int] = {}
        return [renumber.setdefault(s, len(renumber)) for s in slots]

    def customers(self, first_id: int, owners: list[int], plans: list[_Plan]) -> list[dict]:
        """Return the customer rows; each was created just before their first return."""
        first_seen: dict[int, int] = {}
        for owner, plan in zip(owners, plans, strict=True):
            first_seen.setdefault(owner, plan.times[0])
        rows = [self._customer(first_seen[i]) for i in range(len(first_seen))]
        returns = Tally(owners)
        known = random.Random(first_id * 7919 + len(rows))  # its own stream: the rest is unchanged
        for i, row in enumerate(rows):
            row["id"] = first_id + i
            row.update(_till_knowledge(known, returns[i], row["created_at"]))
        return rows

    def _customer(self, first_return: int) -> dict:
        rng = self.rng
        brazilian = rng.random() < 0.45
        if brazilian:
            first = rng.choice(PT_COMPOUND) if rng.random() < 0.25 else rng.choice(PT_FIRST)
            lasts = rng.sample(PT_LAST, 2 if rng.random() < 0.55 else 1)
            language = "pt_BR" if rng.random() < 0.92 else "en"
        else:
            first, lasts = rng.choice(EN_FIRST), [rng.choice(EN_LAST)]
            if rng.random() < 0.05:
                lasts = [f"{lasts[0]}-{rng.choice(EN_LAST)}"]
            language = "en" if rng.random() < 0.97 else "pt_BR"
        email = self._email(first, lasts, brazilian) if rng.random() < 0.88 else None
        phone = _phone(rng, brazilian) if rng.random() < 0.8 or email is None else None
        return {
            "name": " ".join([first, *lasts]),
            "email": email,
            "phone": phone,
            "preferred_channel": _channel(rng, email, phone),
            "preferred_language": language,
            "preferred_refund": rng.choice(_REFUND_TABLE),
            "notes": rng.choice(CUSTOMER_NOTES) if rng.random() < 0.04 else "",
            "created_at": _dt(first_return - rng.randint(60, 600)),
        }

    def _email(self, first: str, lasts: list[str], brazilian: bool) -> str:
        rng = self.rng
        given, family = _ascii(first.split()[0]), _ascii(lasts[-1])
        style = rng.choice(_EMAIL_STYLES)
        if style == "year":
            local = f"{given}{rng.randint(1970, 2006)}"
        elif style == "number":
            local = f"{given}.{family}{rng.randint(1, 99)}"
        else:
            local = style.format(given=given, family=family, initial=given[0])
        domain = rng.choice(PT_DOMAINS if brazilian else EN_DOMAINS)
        email = f"{local}@{domain}"
        while email in self.emails:
            email = f"{local}{rng.randint(2, 999)}@{domain}"
        self.emails.add(email)
        return email

    # -- the returns, their lines and timelines ----------------------------------------------

    def write_returns(
        self, conn: Connection, plans: list[_Plan], owners: list[int], ids: _Ids
    ) -> Iterator[int]:
        """Insert the returns batch by batch; yield how many are written so far."""
        first_customer, seqs = ids.customer, ids.seqs
        for start in range(0, len(plans), BATCH):
            returns, lines, changes = [], [], []
            for plan, owner in zip(
                plans[start : start + BATCH], owners[start : start + BATCH], strict=True
            ):
                stamps = [_dt(t) for t in plan.times]
                year = stamps[0].year
                seqs[year] += 1
                ret = self._return(plan, stamps, ids.ret, format_number(year, seqs[year]))
                ret["customer_id"] = first_customer + owner
                returns.append(ret)
                lines.extend(self._lines(ret))
                changes.extend(self._timeline(ids.ret, plan, stamps))
                ids.ret += 1
            _insert(conn, Return.__table__, returns)
            _insert(conn, ReturnLine.__table__, lines)
            _insert(conn, StatusChange.__table__, changes)
            yield start + len(returns)

    def _return(self, plan: _Plan, stamps: list[datetime], return_id: int, number: str) -> dict:
        """Return the row of a return; its lines are drawn next, from "items" and "reason"."""
        rng = self.rng
        items = [rng.choice(_VARIANTS) for _ in range(rng.choice(_LINE_COUNTS))]
        settled = next((s for s in plan.path if s in _REFUND_BY_SETTLED), None)
        reason = self._reason(items, settled)
        return {
            "id": return_id,
            "number": number,
            "status": plan.path[-1],
            "intake": plan.intake,
            "purchase_date": self._purchase_date(stamps[0], reason),
            "purchase_ref": self._purchase_ref(plan.intake, stamps[0]),
            "reason": reason,
            "reason_text": self._reason_text(reason),
            "refund_method": _REFUND_BY_SETTLED[settled] if settled else rng.choice(_REFUND_TABLE),
            "total_cents": 0,
            "created_at": stamps[0],
            "updated_at": stamps[-1],
            "version": len(plan.path),
            "items": items,
        }

    def _lines(self, ret: dict) -> list[dict]:
        """Return the line rows of `ret`, and set its total."""
        lines = [self._line(ret["id"], item, ret["reason"]) for item in ret.pop("items")]
        ret["total_cents"] = sum(li["quantity"] * li["unit_price_cents"] for li in lines)
        return lines

    def _reason(self, items: list, settled: str | None) -> str:
        rng = self.rng
        wearable = any(item[0] in (_APPAREL, _SHOES) for item in items)
        if wearable and settled == S.EXCHANGED and rng.random() < 0.7:
            return Reason.WRONG_SIZE
        return rng.choice(_REASONS_APPAREL if wearable else _REASONS_OTHER)

    def _reason_text(self, reason: str) -> str:
        if reason == Reason.OTHER or self.rng.random() < 0.18:
            return self.rng.choice(_REASON_TEXTS[reason])
        return ""

    def _line(self, return_id: int, item: tuple, reason: str) -> dict:
        rng = self.rng
        category, sku, description, price = item
        serial = ""
        if category == _ELECTRONICS and rng.random() < 0.85:
            prefix = _SERIAL_PREFIX.get(sku[:3], sku[:2])
            serial = f"{prefix}{rng.randint(20, 26)}{rng.below(16**8):08X}"
        several = category in (_HOME, _APPAREL) and rng.random() < 0.12
        condition = _condition(rng, reason)
        return {
            "return_id": return_id,
            "sku": sku,
            "description": description,
            "serial": serial,
            "quantity": rng.randint(2, 3) if several else 1,
            "unit_price_cents": price,
            "condition": condition,
            "disposition": _disposition(rng, condition, category),
        }

    def _purchase_date(self, created: datetime, reason: str) -> date:
        rng = self.rng
        if reason == Reason.ARRIVED_LATE:
            days = rng.randint(10, 40)
        else:
            days = rng.randint(1, 28) if rng.random() < 0.9 else rng.randint(29, 90)
        return created.date() - timedelta(days=days)

    def _purchase_ref(self, intake: str, created: datetime) -> str:
        rng = self.rng
        if rng.random() < 0.04:
            return ""
        if intake == Intake.MAIL or rng.random() < 0.25:
            return f"WEB-{rng.randint(1_000_000, 9_999_999)}"
        bought = created - timedelta(days=rng.randint(1, 30))
        return f"POS{rng.randint(1, 4)}-{bought:%y%m%d}-{rng.randint(1, 2_000):04d}"

    def _timeline(self, return_id: int, plan: _Plan, stamps: list[datetime]) -> list[dict]:
        rng = self.rng
        rows, previous = [], None
        online = plan.intake == Intake.MAIL
        for status, at in zip(plan.path, stamps, strict=True):
            rows.append(
                {
                    "return_id": return_id,
                    "from_status": previous,
                    "to_status": status,
                    "at": at,
                    "staff": "" if online and previous is None else rng.choice(STAFF),
                    "note": self._note(previous, status),
                }
            )
            previous = status
        return rows

    def _note(self, previous: str | None, status: str) -> str:
        rng = self.rng
        if status == S.CANCELLED and previous == S.REQUESTED:
            return rng.choice(_CANCELLED_UNSENT)
        if status in NOTE_REQUIRED or (rng.random() < 0.2 and status in _NOTES):
            return rng.choice(_NOTES[status])
        return ""


def _variants() -> tuple[tuple[str, str, str, int], ...]:
    """Return a `choice` table of (category, SKU, description, price), sizes spelled out.

    Categories come up as CATEGORY_SHARES says; products, and sizes, evenly within them.
    """
    table = []
    for category, products in CATALOGUE.items():
        for stem, description, price, sizes in products:
            variants = (
                [(stem, description)]
                if not sizes
                else [(f"{stem}-{size}", f"{description}, size {size}") for size in sizes]
            )
            weight = round(CATEGORY_SHARES[category] * 500 / len(products) / len(variants))
            table.extend([(category, sku, text, price) for sku, text in variants] * weight)
    return tuple(table)


_VARIANTS = _variants()
_EMAIL_STYLES = _table({"{given}.{family}": 40, "{given}{family}": 15, "{initial}.{family}": 15,
                         "number": 15, "year": 15})  # fmt: skip
_REFUND_TABLE = _table({RefundMethod.ORIGINAL: 65, RefundMethod.STORE_CREDIT: 20,
                        RefundMethod.EXCHANGE: 15})  # fmt: skip
_SETTLED_TABLE = _table({S.REFUNDED: 60, S.CREDITED: 20, S.EXCHANGED: 20})
_OTHER_CONDITIONS = _table({Condition.UNOPENED: 4, Condition.OPENED: 4,
                            Condition.DAMAGED: 1, Condition.DEFECTIVE: 1})  # fmt: skip
_BROKEN_DISPOSITIONS = {  # (condition, electronic?) -> what is done with it
    (Condition.DEFECTIVE, True): _table({Disposition.REFURBISH: 3, Disposition.RECYCLE: 2}),
    (Condition.DEFECTIVE, False): _table({Disposition.DISCARD: 11, Disposition.RECYCLE: 9}),
    (Condition.DAMAGED, True): _table({Disposition.RECYCLE: 3, Disposition.REFURBISH: 2}),
    (Condition.DAMAGED, False): _table(
        {Disposition.DONATE: 7, Disposition.DISCARD: 7, Disposition.RECYCLE: 6}
    ),
}
_CHANNELS = {  # (has email, has phone) -> preferred channel
    (email, phone): _table(
        {Channel.EMAIL: 55 * email, Channel.SMS: 25 * phone, Channel.PRINT: 12, Channel.NONE: 8}
    )
    for email in (False, True)
    for phone in (False, True)
}


def _quota(n: int) -> list[str]:
    """Return `n` statuses in STATUS_SHARES proportions (largest remainder), in order."""
    total = sum(STATUS_SHARES.values())
    exact = {s: n * share / total for s, share in STATUS_SHARES.items()}
    counts = {s: int(x) for s, x in exact.items()}
    for s in sorted(exact, key=lambda s: counts[s] - exact[s])[: n - sum(counts.values())]:
        counts[s] += 1
    return [s for s, k in counts.items() for _ in range(k)]


def _path(rng: _Rng, final: str, initial: str) -> list[str]:
    """Return a legal walk through the workflow from `initial` to `final`."""
    head = [S.REQUESTED, S.RECEIVED] if initial == S.REQUESTED else [S.RECEIVED]
    if final == S.REQUESTED:
        return [S.REQUESTED]
    if final == S.CANCELLED:
        return [S.REQUESTED, S.CANCELLED] if initial == S.REQUESTED else [*head, S.CANCELLED]
    if final in (S.RECEIVED, S.INSPECTING):
        return head if final == S.RECEIVED else [*head, S.INSPECTING]
    if final in (S.APPROVED, S.REJECTED):
        inspected = rng.random() < (0.6 if final == S.APPROVED else 0.75)
        return [*head, *([S.INSPECTING] if inspected else []), final]
    if final in _REFUND_BY_SETTLED:
        return [*head, *_to_settled(rng, final)]
    if rng.random() < 0.08:  # closed after a rejection
        return [*head, *([S.INSPECTING] if rng.random() < 0.75 else []), S.REJECTED, S.CLOSED]
    settled = rng.choice(_SETTLED_TABLE)
    return [*head, *_to_settled(rng, settled), S.CLOSED]


def _to_settled(rng: _Rng, settled: str) -> list[str]:
    roll = rng.random()
    if roll < 0.45:
        return [settled]
    if roll < 0.75:
        return [S.APPROVED, settled]
    return [S.INSPECTING, S.APPROVED, settled]


def _condition(rng: _Rng, reason: str) -> str:
    if reason == Reason.DEFECTIVE:
        return Condition.DEFECTIVE
    if reason == Reason.DAMAGED:
        return Condition.DAMAGED
    if reason == Reason.NOT_AS_DESCRIBED:
        return Condition.OPENED if rng.random() < 0.8 else Condition.UNOPENED
    if reason == Reason.OTHER:
        return rng.choice(_OTHER_CONDITIONS)
    return Condition.UNOPENED if rng.random() < 0.6 else Condition.OPENED


def _disposition(rng: _Rng, condition: str, category: str) -> str:
    if condition == Condition.UNOPENED:
        return Disposition.RESTOCK
    electronic = category == _ELECTRONICS
    if condition == Condition.OPENED:
        if rng.random() < 0.7:
            return Disposition.RESTOCK
        return Disposition.REFURBISH if electronic else Disposition.DONATE
    return rng.choice(_BROKEN_DISPOSITIONS[condition, electronic])


def _channel(rng: _Rng, email: str | None, phone: str | None) -> str:
    return rng.choice(_CHANNELS[email is not None, phone is not None])


def _phone(rng: _Rng, brazilian: bool) -> str:
    if brazilian:
        area, a, b = rng.choice(BR_AREA_CODES), rng.randint(91000, 99999), rng.below(10_000)
        if rng.random() < 0.5:
            return f"({area}) {a}-{b:04d}"
        return f"+55 {area} {a}-{b:04d}"
    a, b = rng.randint(7400, 7999), rng.below(1_000_000)
    return f"0{a} {b:06d}" if rng.random() < 0.5 else f"+44 {a} {b:06d}"


@cache
def _ascii(name: str) -> str:
    """Return `name` as an email-friendly word: João -> joao, O'Brien -> obrien."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(c for c in folded.lower() if c.isalnum())


def _in_hours(rng: _Rng, day: int) -> int:
    """Return a moment of `day` (epoch seconds at midnight) while the shop is open."""
    return day + rng.randint(9 * 3600, 18 * 3600 + 1800)


def _dt(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


def _year(epoch: int) -> int:
    return _dt(epoch).year


# -- the database side ------------------------------------------------------------------------


def _insert(conn: Connection, table: Table, rows: list[dict]) -> None:
    """Insert `rows` (dicts with the same keys) into `table` in one executemany.

    On SQLite the compiled `insert(table)` goes straight to the driver with positional
    tuples, values converted by the columns' own bind processors; going through
    `conn.execute` costs ~5 µs of parameter handling per row, more than SQLite's work.
    """
    if not rows:
        return
    if conn.dialect.name != "sqlite":
        conn.execute(insert(table), rows)
        return
    compiled = insert(table).compile(dialect=conn.dialect, column_keys=list(rows[0]))
    keys = compiled.positiontup
    convert = [
        (i, processor)
        for i, key in enumerate(keys)
        if (processor := table.c[key].type.bind_processor(conn.dialect)) is not None
    ]
    missing = {  # columns the rows leave out: their scalar Python-side default
        key: table.c[key].default.arg
        for key in keys
        if key not in rows[0] and table.c[key].default is not None
    }
    pick = itemgetter(*keys)
    params = []
    for row in rows:
        values = list(pick({**missing, **row} if missing else row))
        for i, processor in convert:
            values[i] = processor(values[i])
        params.append(tuple(values))
    conn.exec_driver_sql(compiled.string, params)


def _take_write_lock(conn: Connection) -> bool:
    """Start writing now (so the ids read next stay ours); return True if returns exist."""
    conn.execute(update(Counter).where(text("0 = 1")).values(value=Counter.value))
    return conn.execute(select(Return.id).limit(1)).first() is not None


def _read_ids(conn: Connection, years: set[int]) -> _Ids:
    next_customer = conn.execute(select(func.coalesce(func.max(Customer.id), 0))).scalar_one()
    next_return = conn.execute(select(func.coalesce(func.max(Return.id), 0))).scalar_one()
    names = {f"return-{y}": y for y in years}
    query = select(Counter.name, Counter.value).where(col(Counter.name).in_(names))
    stored = {name: value for name, value in conn.execute(query)}
    seqs = {y: stored.get(name, 0) for name, y in names.items()}
    return _Ids(customer=next_customer + 1, ret=next_return + 1, seqs=seqs)


def _save_counters(conn: Connection, seqs: dict[int, int]) -> None:
    """Store each year's last number, so returns logged later continue after them."""
    for year, value in sorted(seqs.items()):
        name = f"return-{year}"
        if conn.execute(update(Counter).where(Counter.name == name).values(value=value)).rowcount:
            continue
        conn.execute(insert(Counter.__table__).values(name=name, value=value))


DEMO_DROPOFF_POINTS: tuple[dict, ...] = (
    dict(
        name="Ecoponto Vila Mariana",
        address="Rua Dr. Fabrício Vampré 120, Vila Mariana, São Paulo",
        hours="Mon–Sat 6:00–22:00, Sun 6:00–18:00",
        accepts_recycling=True,
        categories="electronics, batteries, cardboard, plastic packaging",
    ),
    dict(
        name="Bazar Solidário Casa Esperança",
        address="Av. Jabaquara 1800, São Paulo",
        hours="Tue–Sat 9:00–17:00",
        accepts_donation=True,
        accepts_reuse=True,
        categories="clothes, shoes, toys, small appliances",
    ),
    dict(
        name="Repair Café Pinheiros",
        address="Rua dos Pinheiros 500, São Paulo",
        hours="First Saturday of the month, 10:00–14:00",
        accepts_reuse=True,
        categories="electronics, small appliances, bikes",
        notes="Volunteers repair items for free; bring the charger if there is one.",
    ),
    dict(
        name="Descarte Certo – Shopping Eldorado",
        address="Av. Rebouças 3970, São Paulo (garage level G1)",
        hours="Every day 10:00–22:00",
        accepts_recycling=True,
        categories="batteries, phones, light bulbs",
    ),
)
"""Drop-off points the demo adds when the shop has none yet."""


def _seed_dropoff_points(conn: Connection, now: datetime) -> None:
    """Add the demo drop-off points, unless the shop already lists some."""
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
    rows = [{**defaults, **point, "position": i} for i, point in enumerate(DEMO_DROPOFF_POINTS)]
    conn.execute(insert(table), rows)


def _fix_sequences(conn: Connection) -> None:
    """On PostgreSQL, move the id sequences past the ids written here explicitly."""
    if conn.dialect.name != "postgresql":
        return
    for table in ("customer", "return"):
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                f'(SELECT max(id) FROM "{table}"))'
            )
        )


def _till_knowledge(rng: random.Random, returns: int, created: datetime) -> dict:
    """What the shop's till knows of a customer: orders, spend, since when (or nothing)."""
    if rng.random() < 0.3:
        return {"orders_count": None, "lifetime_spend_cents": None, "customer_since": None}
    if rng.random() < 0.3:  # a loyal buyer: many orders, few of them returned
        orders = max(8, returns * 5 + rng.randint(0, 12))
    else:
        orders = returns + rng.randint(0, 5)
    since = created.date() - timedelta(days=rng.randint(0, 1800))
    spend = orders * rng.randint(1800, 9500)
    return {"orders_count": orders, "lifetime_spend_cents": spend, "customer_since": since}
