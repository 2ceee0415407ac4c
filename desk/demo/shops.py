"""Demo shops: what the demo of each language is made of.

`demo_shop("en")` is the demo as it always was (a shop with British and Brazilian
customers, in the shop's own currency, none of its settings touched); `demo_shop("pt_BR")`
is a shop in São Paulo: reais, products, notes and reasons in Portuguese, customers who
mostly prefer Portuguese with +55 mobiles, São Paulo drop-off points and the shop's name,
address, phone and hours in its settings. A `DemoShop` only gathers the tables of
`desk.demo.content`, `desk.demo.content_br` and `desk.demo.catalogue`: `desk.demo.rows`,
`desk.demo.story`, `desk.demo.sales` and `desk.demo.seed` draw from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from desk.demo import content, content_br, story_content
from desk.demo.catalogue import ENGLISH, DemoCatalogue, Prefixes, build_catalogue
from desk.errors import DeskError
from desk.i18n.catalog import LANGUAGES, _, supported

__all__ = ["DemoShop", "demo_shop"]


@dataclass(frozen=True, eq=False)
class DemoShop:
    """The tables one language's demo draws from."""

    language: str
    catalogue: DemoCatalogue
    local_share: float
    """Share of the customers with Brazilian names (the others have English ones)."""
    local_portuguese: float
    """Share of the Brazilian-named customers who prefer Portuguese."""
    others_english: float
    """Share of the English-named customers who prefer English."""
    local_phones: bool
    """Whether every customer's mobile is Brazilian (+55), or only the Brazilians'."""
    area_codes: tuple[str, ...]
    customer_notes: tuple[str, ...]
    staff: tuple[str, ...]
    status_notes: dict[str, tuple[str, ...]]
    cancelled_unsent: tuple[str, ...]
    reason_texts: dict[str, tuple[str, ...]]
    dropoff_points: tuple[dict, ...]
    send_errors: dict[str, tuple[str, str]]
    settings: dict[str, object] = field(default_factory=dict)
    """Shop settings by key, stored unless the shop has chosen them already."""


ENGLISH_SHOP = DemoShop(
    language="en",
    catalogue=ENGLISH,
    local_share=0.45,
    local_portuguese=0.92,
    others_english=0.97,
    local_phones=False,
    area_codes=content.BR_AREA_CODES,
    customer_notes=content.CUSTOMER_NOTES,
    staff=content.STAFF,
    status_notes=content.STATUS_NOTES,
    cancelled_unsent=content.CANCELLED_UNSENT,
    reason_texts=content.REASON_TEXTS,
    dropoff_points=content.DEMO_DROPOFF_POINTS,
    send_errors=story_content.SEND_ERRORS,
)


@cache
def _brazilian_shop() -> DemoShop:
    br = content_br
    catalogue = build_catalogue(
        br.CATALOGUE,
        br.HYGIENE,
        size_label=br.SIZE_LABEL,
        category_names=br.CATEGORY_NAMES,
        prefixes=Prefixes(fashion=br.FASHION_PREFIX, home=br.HOME_PREFIX),
    )
    return DemoShop(
        language="pt_BR",
        catalogue=catalogue,
        local_share=0.9,
        local_portuguese=0.98,
        others_english=0.75,
        local_phones=True,
        area_codes=br.AREA_CODES,
        customer_notes=br.CUSTOMER_NOTES,
        staff=br.STAFF,
        status_notes=br.STATUS_NOTES,
        cancelled_unsent=br.CANCELLED_UNSENT,
        reason_texts=br.REASON_TEXTS,
        dropoff_points=br.DROPOFF_POINTS,
        send_errors=br.SEND_ERRORS,
        settings=br.SHOP_SETTINGS,
    )


def demo_shop(language: str) -> DemoShop:
    """The demo shop of `language` ("en", "pt_BR"; "pt-BR" and "pt" name the Brazilian one).

    Raises DeskError for a language the desk does not speak."""
    chosen = supported(language)
    if chosen is None:
        raise DeskError(
            _("There is no demo in {language}; choose one of {languages}.").format(
                language=language, languages=", ".join(LANGUAGES)
            )
        )
    return ENGLISH_SHOP if chosen == "en" else _brazilian_shop()
