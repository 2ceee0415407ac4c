"""Which column of a CSV header fills which field: names compared plainly, till formats.

Shared by every import (customers, products, sales). A header's names are compared
`plain_text` (no case, accents or punctuation), so "E-mail", "email" and "E‑MAIL " are one
name. `guess_columns` pairs fields with columns by synonyms; a `TillFormat` names the
exact columns of one till's export ("Shopify orders export") and `recognise` picks the
format a header is, so a known export needs no `--map`. `apply_options` adjusts a guess
with the command line's `field=COLUMN` options. A mapping is {field key: column index}.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from desk.errors import DeskError
from desk.i18n.catalog import _
from desk.i18n.formats import format_number


@dataclass(frozen=True)
class ImportField:
    """A field a CSV column can fill (`label`: marked English, shown with `_()`)."""

    key: str
    label: str
    required: bool = False


@dataclass(frozen=True)
class TillFormat:
    """One till's export: its name, the columns that tell it apart, and what fills each field.

    `columns` gives, per field, the export's column names in order of preference; `source`
    is the short name stored with what it imports ("shopify").
    """

    name: str
    source: str
    signature: tuple[str, ...]
    columns: Mapping[str, tuple[str, ...]]


def plain_text(text: str) -> str:
    """Lower case, no accents, words separated by one space: "E-mail " -> "e mail"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+", stripped))


def _squeezed(text: str) -> str:
    return plain_text(text).replace(" ", "")


def guess_columns(
    header: Sequence[str],
    synonyms: Mapping[str, Iterable[str]],
    *,
    taken: Mapping[str, int] | None = None,
    ignore: Iterable[int] = (),
) -> dict[str, int]:
    """Pair each field (in `synonyms` order) with the first free column named like one of
    its synonyms (or the field key), ignoring case, accents, punctuation and spaces.

    The fields of `taken` keep their columns; the columns in `ignore` are not used.
    """
    squeezed = [_squeezed(h) for h in header]
    mapping: dict[str, int] = dict(taken or {})
    used = set(mapping.values()) | set(ignore)
    for key, names in synonyms.items():
        if key in mapping:
            continue
        wanted = {_squeezed(s) for s in names} | {_squeezed(key)}
        for index, cell in enumerate(squeezed):
            if cell and cell in wanted and index not in used:
                mapping[key] = index
                used.add(index)
                break
    return mapping


def recognise(header: Sequence[str], formats: Iterable[TillFormat]) -> TillFormat | None:
    """The format whose signature columns are all in `header` (the longest signature wins)."""
    names = {_squeezed(h) for h in header}
    found = [f for f in formats if all(_squeezed(s) in names for s in f.signature)]
    return max(found, key=lambda f: len(f.signature), default=None)


def format_columns(header: Sequence[str], till: TillFormat) -> dict[str, int]:
    """The mapping `till`'s column names give on `header`: each field the first of its names
    (in `till`'s order of preference) that the header has."""
    squeezed = [_squeezed(h) for h in header]
    mapping: dict[str, int] = {}
    for key, names in till.columns.items():
        for name in names:
            if _squeezed(name) in squeezed:
                mapping[key] = squeezed.index(_squeezed(name))
                break
    return mapping


def apply_options(
    header: Sequence[str],
    mapping: dict[str, int],
    options: Iterable[str],
    keys: Sequence[str],
) -> dict[str, int]:
    """Apply `field=COLUMN` options (a header name or 1-based number) to `mapping`.

    `field=` (nothing after =) leaves that field out. Raises DeskError on a bad option.
    """
    mapping = dict(mapping)
    plain = [plain_text(h) for h in header]
    for option in options:
        key, sep, column = option.partition("=")
        key = key.strip()
        if not sep or key not in keys:
            raise DeskError(
                _("--map “{option}” is not field=COLUMN; the fields are: {fields}.").format(
                    option=option, fields=", ".join(keys)
                )
            )
        column = column.strip()
        if not column:
            mapping.pop(key, None)
        elif column.isdigit() and 1 <= int(column) <= len(header):
            mapping[key] = int(column) - 1
        elif plain_text(column) in plain:
            mapping[key] = plain.index(plain_text(column))
        else:
            raise DeskError(
                _(
                    "--map {field}=“{column}”: the file has no such column; use a header name "
                    "or a number from 1 to {last}."
                ).format(field=key, column=column, last=format_number(len(header)))
            )
    return mapping


def describe_columns(header: Sequence[str], mapping: Mapping[str, int], keys: Sequence[str]) -> str:
    """Say which column fills which field: 'name ← “Nome”, email ← “E-mail”'."""
    return ", ".join(f"{key} ← “{header[mapping[key]]}”" for key in keys if key in mapping)


__all__ = [
    "ImportField",
    "TillFormat",
    "apply_options",
    "describe_columns",
    "format_columns",
    "guess_columns",
    "plain_text",
    "recognise",
]
