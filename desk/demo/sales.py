"""Demo sales: the receipts behind the demo returns, and the many sales nobody returned.

`SaleMaker` turns the receipt a demo return brings (`desk.demo.rows` says whether there is
one, and whether it is a till receipt or a web order) into a sale of the same customer on
the return's purchase date: the returned lines (each return line then points at its sale
line, at the price paid, sometimes after a discount) plus 0-2 lines kept. It also sells
what nobody brought back, UNRETURNED_PER_RETURN sales for each demo return, so the return
rate of a product or a category means something; the first TRY_RECEIPTS of those are
recent sales of an occasional customer with two or three lines, the receipts
`returndesk demo` suggests to try. Receipts are numbered in one sequence ("4821-0173" at
the till, "WEB-48210176" online) that a later demo run continues.

It draws from its own seeded generator, so the returns stay what they were without it,
and touches no database: `desk.demo.seed` writes the rows. Rows are tuples in the column
order of SALE_COLUMNS and LINE_COLUMNS, their moments already in the form `stamp` gives,
because a big demo draws millions of them (the loop of `unreturned` is written for that).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from desk.codes import PriceSource
from desk.demo.catalogue import ENGLISH, DemoCatalogue, DemoProduct
from desk.demo.content import APPAREL, HOME, pool
from desk.demo.plan import DAY, WINDOW_DAYS, Rng

WEB, TILL = "WEB", "TILL"
"""What `RowMaker` leaves in a return's purchase_ref for this module to number."""
PAID, CATALOGUE = PriceSource.PAID.value, PriceSource.CATALOGUE.value
SOURCE = "demo"

UNRETURNED_PER_RETURN = 4
"""Sales nobody returned, per demo return (about 4 for each sale behind a return)."""
TRY_RECEIPTS = 2
EXTRA_LINES = pool({0: 45, 1: 35, 2: 20})
"""Lines a returned sale holds besides the returned ones."""
SALE_LINES = pool({1: 60, 2: 26, 3: 10, 4: 4})
DISCOUNTS = pool({0: 80, 10: 8, 15: 4, 20: 5, 30: 3})
"""Percent off the catalogue price a sold line had (100 entries)."""
SEVERAL = 0.12
"""Share of the home and apparel lines that sold two."""
KEPT = 0.08
"""Share of the returned lines whose sale had one more than came back."""
WEB_SHARE = 0.3
ANONYMOUS_SHARE = 0.25
"""Share of the unreturned sales the till knows no customer of."""
SOLD_SPAN_DAYS = WINDOW_DAYS + 30
FIRST_RECEIPT = 48_210_000
TILL_HOURS, WEB_HOURS = (9 * 3600, 18 * 3600 + 1800), (8 * 3600, 22 * 3600)

SALE_COLUMNS = ("id", "receipt", "receipt_key", "sold_at", "customer_id", "currency", "source")
LINE_COLUMNS = (
    "id",
    "sale_id",
    "line_no",
    "product_id",
    "sku",
    "description",
    "quantity",
    "paid_cents",
)


@dataclass
class SaleIds:
    """The next free sale and sale line ids, and the last receipt number handed out."""

    sale: int = 1
    line: int = 1
    receipt: int = FIRST_RECEIPT


@dataclass
class SaleRows:
    """The rows of one batch (tuples in SALE_COLUMNS and LINE_COLUMNS order)."""

    sales: list[tuple] = field(default_factory=list)
    lines: list[tuple] = field(default_factory=list)


class SaleMaker:
    """Draws the demo sales from `rng`; `product_ids` maps each demo SKU to its product.

    `now` is in epoch seconds; `stamp(epoch seconds)` gives a moment as its column takes
    it. Sales go to `customer_ids` (a quarter to nobody known), try receipts to one of the
    `occasional` ones; `taken` holds the receipt keys of the shop's own sales. It sells
    the products of `catalogue` (the English demo's unless told).
    """

    def __init__(
        self,
        rng: Rng,
        now: int,
        product_ids: dict[str, int],
        ids: SaleIds,
        currency: str,
        *,
        stamp: Callable[[int], object],
        customer_ids: list[int],
        occasional: list[int],
        taken: set[str] | None = None,
        catalogue: DemoCatalogue = ENGLISH,
    ):
        self.rng, self.now, self.product_ids, self.ids = rng, now, product_ids, ids
        self.currency, self.stamp = currency, stamp
        self.customer_ids, self.occasional = customer_ids, occasional
        self.taken = taken or set()
        self.rows = SaleRows()
        self.sales = 0
        self.new_products = 0  # how many of the products it sells the demo added
        self.try_receipts: list[str] = []
        self.returnable_sold = catalogue.returnable_sold
        facts = {product: self._facts(product) for product in set(catalogue.sold)}
        self.sold = [facts[product] for product in catalogue.sold]
        self.facts = {product.sku: self._facts(product) for product in catalogue.products}

    def _facts(self, product: DemoProduct) -> tuple:
        """(product id, SKU, description, the 100 prices paid to draw from, sells two?)"""
        price = product.price_cents
        paid = tuple(price - price * off // 100 for off in DISCOUNTS)
        several = product.category in (HOME, APPAREL)
        return self.product_ids[product.sku], product.sku, product.description, paid, several

    def take_rows(self) -> SaleRows:
        """Return the rows drawn since the last call, and start a new batch."""
        rows, self.rows = self.rows, SaleRows()
        self.sales += len(rows.sales)
        return rows

    # -- the sales behind returns ----------------------------------------------------------

    def for_return(self, ret: dict, lines: list[dict]) -> None:
        """Sell what `ret` returns (if it has a receipt) and tie `ret` and `lines` to it.

        Sets ret's purchase_ref, sale_id and total, and each line's product, sale line,
        price source and unit price (the price paid).
        """
        kind = ret["purchase_ref"]
        if not kind:
            ret["sale_id"] = None
            for line in lines:
                line["product_id"] = self.facts[line["sku"]][0]
                line["sale_line_id"] = None
                line["price_source"] = CATALOGUE
            return
        rng = self.rng
        day = (ret["purchase_date"].toordinal() - _EPOCH_ORDINAL) * DAY
        sale_id, ret["purchase_ref"] = self._sale(kind, day, ret["customer_id"])
        ret["sale_id"] = sale_id
        sold: list[tuple] = []
        for line in lines:
            facts = self.facts[line["sku"]]
            kept = 1 if rng.random() < KEPT else 0
            sold.append((facts, line["quantity"] + kept, rng.choice(facts[3]), line))
        for _ in range(rng.choice(EXTRA_LINES)):
            facts = rng.choice(self.sold)
            quantity = 2 if facts[4] and rng.random() < SEVERAL else 1
            sold.insert(rng.below(len(sold) + 1), (facts, quantity, rng.choice(facts[3]), None))
        rows = self.rows.lines
        for line_no, (facts, quantity, paid, line) in enumerate(sold, start=1):
            line_id = self.ids.line
            self.ids.line += 1
            rows.append((line_id, sale_id, line_no, facts[0], facts[1], facts[2], quantity, paid))
            if line is not None:
                line["product_id"] = facts[0]
                line["sale_line_id"] = line_id
                line["price_source"] = PAID
                line["unit_price_cents"] = paid
        ret["total_cents"] = sum(li["quantity"] * li["unit_price_cents"] for li in lines)

    # -- the sales nobody returned ---------------------------------------------------------

    def unreturned(self, count: int) -> None:
        """Sell `count` times over the demo's months, as SALE_LINES, SOLD and DISCOUNTS say.

        The first TRY_RECEIPTS sales a maker draws are a few days old, sold to one of the
        `occasional` customers, with 2-3 returnable lines.
        """
        while count and len(self.try_receipts) < TRY_RECEIPTS and self.occasional:
            self._try_sale()
            count -= 1
        random, ids, sold, customers = self.rng.random, self.ids, self.sold, self.customer_ids
        sales, lines, stamp, currency = self.rows.sales, self.rows.lines, self.stamp, self.currency
        span, n_sold, n_customers, n_lines = (
            SOLD_SPAN_DAYS,
            len(sold),
            len(customers),
            len(SALE_LINES),
        )
        today = self.now - self.now % DAY
        for _ in range(count):
            day = today - (1 + int(random() * span)) * DAY  # until yesterday's closing
            known = random() >= ANONYMOUS_SHARE and n_customers
            customer = customers[int(random() * n_customers)] if known else None
            if random() < WEB_SHARE:
                sale_id, receipt, at = self._numbered(WEB, day)
            else:
                sale_id, receipt, at = self._numbered(TILL, day)
            sales.append((sale_id, receipt, receipt, stamp(at), customer, currency, SOURCE))
            line_id = ids.line
            for line_no in range(1, 1 + SALE_LINES[int(random() * n_lines)]):
                product_id, sku, description, paid, several = sold[int(random() * n_sold)]
                quantity = 2 if several and random() < SEVERAL else 1
                price = paid[int(random() * 100)]
                lines.append(
                    (line_id, sale_id, line_no, product_id, sku, description, quantity, price)
                )
                line_id += 1
            ids.line = line_id

    def _try_sale(self) -> None:
        rng = self.rng
        today = self.now - self.now % DAY
        day = today - (1 + 2 * len(self.try_receipts) + rng.below(2)) * DAY
        sale_id, receipt = self._sale(TILL, day, rng.choice(self.occasional))
        self.try_receipts.append(receipt)
        chosen: list[DemoProduct] = []
        while len(chosen) < 2 + rng.below(2):
            product = rng.choice(self.returnable_sold)
            if all(product.name != other.name for other in chosen):
                chosen.append(product)
        for line_no, product in enumerate(chosen, start=1):
            facts = self.facts[product.sku]
            row = (self.ids.line, sale_id, line_no, *facts[:3], 1, rng.choice(facts[3]))
            self.rows.lines.append(row)
            self.ids.line += 1

    # -- rows ---------------------------------------------------------------------------------

    def _sale(self, kind: str, day: int, customer_id: int | None) -> tuple[int, str]:
        """Add a sale on `day` (epoch seconds at midnight); return its id and receipt."""
        sale_id, receipt, at = self._numbered(kind, day)
        at = min(at, self.now - 600)
        row = (sale_id, receipt, receipt, self.stamp(at), customer_id, self.currency, SOURCE)
        self.rows.sales.append(row)
        return sale_id, receipt

    def _numbered(self, kind: str, day: int) -> tuple[int, str, int]:
        """Take the next sale id and receipt number; return them and when it sold on `day`.

        Both receipt forms are their own receipt_key (upper case, no spaces or "#").
        """
        random, ids = self.rng.random, self.ids
        while True:
            ids.receipt += 1 + int(random() * 4)  # the other tills' receipts come in between
            number = ids.receipt
            if kind == WEB:
                receipt = f"WEB-{number}"
                opens, closes = WEB_HOURS
            else:
                receipt = f"{number // 10_000:04d}-{number % 10_000:04d}"
                opens, closes = TILL_HOURS
            if not self.taken or receipt not in self.taken:
                break
        sale_id = ids.sale
        ids.sale += 1
        return sale_id, receipt, day + opens + int(random() * (closes - opens))


_EPOCH_ORDINAL = 719_163  # date(1970, 1, 1).toordinal()
