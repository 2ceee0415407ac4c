"""The folded forms products and receipts are found by, the same from every writer."""

from __future__ import annotations

import re

from desk.search import fold as _fold

_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[0-9a-z]+")
MAX_WORD = 100


def fold(text: str) -> str:
    """`text` lower-cased, without accents, runs of spaces made one ("Açaí  Bowl": "acai bowl")."""
    return _SPACES.sub(" ", _fold(text)).strip()


def receipt_key(text: str) -> str:
    """The form a receipt number is matched by: upper case, without spaces or a leading
    "#" (Shopify writes its orders "#1001"; staff type "1001")."""
    return _SPACES.sub("", text).upper().lstrip("#")


def search_key(sku: str, name: str, variant: str = "") -> str:
    """The folded text a product is found by: its SKU, name and variant."""
    return fold(" ".join(part for part in (sku, name, variant) if part))[:400]


def product_words(sku: str, name: str, variant: str = "") -> set[str]:
    """The words SKU completion finds a product by: the whole folded SKU and every word
    of its SKU, name and variant."""
    return key_words(search_key(sku, name, variant), sku)


def key_words(key: str, sku: str) -> set[str]:
    """`product_words` from a product's stored search key (and its SKU), folding nothing
    but the SKU again."""
    words = set(_WORD.findall(key))
    whole = fold(sku)
    if whole:
        words.add(whole)
    return {w[:MAX_WORD] for w in words}
