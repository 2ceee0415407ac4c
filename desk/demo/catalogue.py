"""Demo catalogue: the shop's products, their barcodes, and what sells how often.

Every item the demo returns use (`desk.demo.content.CATALOGUE`, each size its own
product) plus a few personal-care items that cannot be returned for hygiene reasons and
so are only ever sold. Barcodes are what the labels on such goods carry: EAN-13 for
most (a UK or a Brazilian company prefix, a real check digit from
`desk.catalog.barcodes.gtin_check_digit`), UPC-A for the imported electronics, and
Code 128 labels the shop printed itself for its handmade home goods. No randomness and no
database here: `desk.demo.seed` writes the products, `desk.demo.sales` sells them.

`build_catalogue` makes a shop's catalogue from its tables; `ENGLISH` is the English demo's
(its PRODUCTS, BY_SKU, SOLD and RETURNABLE_SOLD also stand alone), and `desk.demo.shops`
builds the Brazilian shop's from `desk.demo.content_br`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from types import MappingProxyType

from desk.catalog.barcodes import gtin_check_digit
from desk.demo.content import (
    APPAREL,
    CATALOGUE,
    ELECTRONICS,
    HOME,
    SHOES,
    Disposition,
    pool,
    variants,
)

PERSONAL_CARE = "personal care"
HYGIENE: tuple[tuple[str, str, int, tuple[str, ...]], ...] = (
    ("TBH-2101", "Electric toothbrush heads, 4-pack", 1999, ()),
    ("RZR-2120", "Safety razor blades, 10-pack", 899, ()),
    ("EPT-2140", "Earbud ear tips, 3 sizes", 999, ()),
    ("SWM-2160", "Swim briefs, navy", 2499, ("S", "M", "L")),
    ("UND-2180", "Cotton briefs, 3-pack", 1999, ("S", "M", "L")),
    ("MSK-2201", "Sheet face masks, 5-pack", 1499, ()),
)
"""Sold, never returned: the shop does not take these back once they left the counter."""

DEFAULT_DISPOSITION: dict[str, str | None] = {
    APPAREL: Disposition.RESTOCK,
    SHOES: Disposition.RESTOCK,
    ELECTRONICS: Disposition.RECYCLE,  # a faulty device goes to the recycling drop-off
    HOME: None,  # staff decide: a chipped plate and an unopened towel differ
    PERSONAL_CARE: Disposition.DISCARD,
}

SOLD_SHARES = {APPAREL: 31, SHOES: 15, ELECTRONICS: 30, HOME: 20, PERSONAL_CARE: 4}
"""How the shop's sales split by category (returns split as CATEGORY_SHARES): clothes
and shoes come back more often than they sell, electronics and home goods less."""

OFTEN_RETURNED = frozenset({"JNS-3310", "DRS-4120", "SNK-8130", "EBD-9022", "BOT-8204"})
SELDOM_RETURNED = frozenset({"SOC-7310", "CBL-9220", "MUG-1201", "CND-1502", "TWL-1302"})
"""Products sold half (often returned) or twice (seldom) as often as their category's others."""

UK_PREFIX, BR_PREFIX, US_PREFIX = "5060123", "7891024", "084215"
LABEL_STEMS = frozenset({"CND-1502", "VAS-1520", "FRM-1801", "CSH-1401", "SCF-7201"})
"""Handmade goods with no maker's barcode: the shop prints a Code 128 label for them."""


@dataclass(frozen=True, slots=True)
class DemoProduct:
    """One sellable product (a size of a garment is its own product)."""

    sku: str
    name: str
    variant: str
    description: str  # as a return or sale line spells it
    price_cents: int
    category: str  # the demo's code: APPAREL, SHOES, ELECTRONICS, HOME, PERSONAL_CARE
    returnable: bool
    default_disposition: str | None
    barcodes: tuple[str, ...]
    category_name: str = ""  # what the shop's till calls it (stored); "" for the code itself

    @property
    def shelf(self) -> str:
        """The category the product is stored under: its name at the till, or its code."""
        return self.category_name or self.category


@dataclass(frozen=True)
class Prefixes:
    """The GS1 company prefixes on a shop's labels: clothes and shoes, home and care goods."""

    fashion: str
    home: str


@dataclass(frozen=True, eq=False)
class DemoCatalogue:
    """One shop's demo products, and the `choice` tables that sell and return them."""

    products: tuple[DemoProduct, ...]
    by_sku: MappingProxyType  # SKU -> DemoProduct
    sold: tuple[DemoProduct, ...]
    """A `choice` table of what a sale sells (SOLD_SHARES)."""
    returnable_sold: tuple[DemoProduct, ...]
    variants: tuple[tuple[str, str, str, int], ...]
    """A `choice` table of what a return brings back: (category, SKU, description, price)."""


def _ean13(prefix: str, ref: int) -> str:
    body = f"{prefix}{ref:0{12 - len(prefix)}d}"
    return f"{body}{gtin_check_digit(body)}"


def _upca(ref: int) -> str:
    body = f"{US_PREFIX}{ref:05d}"
    return f"{body}{gtin_check_digit(body)}"


ENGLISH_PREFIXES = Prefixes(fashion=UK_PREFIX, home=BR_PREFIX)


def _barcodes(
    stem: str, category: str, ref: int, size_index: int, prefixes: Prefixes = ENGLISH_PREFIXES
) -> tuple[str, ...]:
    """The codes on a product's label: by where it comes from, see the module docstring."""
    if stem in LABEL_STEMS:
        return (f"SHOP-{stem}" + (f"-{size_index}" if size_index else ""),)
    if category == ELECTRONICS:
        upc = _upca(ref)
        return (upc, _ean13(prefixes.fashion, ref)) if ref % 3 == 0 else (upc,)
    prefix = prefixes.home if category in (HOME, PERSONAL_CARE) else prefixes.fashion
    return (_ean13(prefix, ref),)


Table = dict[str, tuple[tuple[str, str, int, tuple[str, ...]], ...]]


def build_catalogue(
    catalogue: Table,
    hygiene: tuple[tuple[str, str, int, tuple[str, ...]], ...],
    *,
    size_label: str = "size {size}",
    category_names: dict[str, str] | None = None,
    prefixes: Prefixes = ENGLISH_PREFIXES,
) -> DemoCatalogue:
    """Return the demo catalogue of a shop selling `catalogue` (as content.CATALOGUE) and
    `hygiene` (as HYGIENE): each size its own product, `size_label` its variant ("size M")."""
    products = _products(catalogue, hygiene, size_label, category_names or {}, prefixes)
    sold = _sold(products)
    return DemoCatalogue(
        products=products,
        by_sku=MappingProxyType({product.sku: product for product in products}),
        sold=sold,
        returnable_sold=tuple(product for product in sold if product.returnable),
        variants=variants(catalogue, size_label),
    )


def _products(
    catalogue: Table,
    hygiene: tuple,
    size_label: str,
    category_names: dict[str, str],
    prefixes: Prefixes,
) -> tuple[DemoProduct, ...]:
    products = []
    tables = [*catalogue.items(), (PERSONAL_CARE, hygiene)]
    for category, items in tables:
        for stem, name, price, sizes in items:
            kinds = [(stem, "", name)] if not sizes else []
            for size in sizes:
                label = size_label.format(size=size)
                kinds.append((f"{stem}-{size}", label, f"{name}, {label}"))
            for index, (sku, variant, description) in enumerate(kinds, start=1 if sizes else 0):
                ref = len(products) + 1
                products.append(
                    DemoProduct(
                        sku=sku,
                        name=name,
                        variant=variant,
                        description=description,
                        price_cents=price,
                        category=category,
                        returnable=category != PERSONAL_CARE,
                        default_disposition=DEFAULT_DISPOSITION[category],
                        barcodes=_barcodes(stem, category, ref, index, prefixes),
                        category_name=category_names.get(category, ""),
                    )
                )
    return tuple(products)


def _sold(products: tuple[DemoProduct, ...]) -> tuple[DemoProduct, ...]:
    """Return a `choice` table of what a sale sells: categories as SOLD_SHARES say."""
    per_category: dict[str, list[DemoProduct]] = {}
    for product in products:
        per_category.setdefault(product.category, []).append(product)
    weights: dict[DemoProduct, int] = {}
    for category, products in per_category.items():
        sizes = Counter(product.sku[:8] for product in products)  # each stem's products
        factors = {stem: _factor(stem) for stem in sizes}
        per_factor = SOLD_SHARES[category] * 500 / sum(factors.values())
        for product in products:
            stem = product.sku[:8]
            weights[product] = max(1, round(per_factor * factors[stem] / sizes[stem]))
    return pool(weights)


def _factor(stem: str) -> int:
    return 1 if stem in OFTEN_RETURNED else 4 if stem in SELDOM_RETURNED else 2


ENGLISH = build_catalogue(CATALOGUE, HYGIENE)
"""The English demo's catalogue (content.CATALOGUE and HYGIENE)."""
PRODUCTS, BY_SKU = ENGLISH.products, ENGLISH.by_sku
SOLD, RETURNABLE_SOLD = ENGLISH.sold, ENGLISH.returnable_sold
