"""The words customers read (messages, the instruction sheet, drop-off kinds), per language.

They live in resources/words/<language>.toml, next to the message templates, one file per
language with the same keys, so a translation is one new data file and no code. Each file
is read once. Staff screens keep their English labels in desk.labels.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from types import MappingProxyType
from typing import Any

from desk.errors import DeskError


@cache
def languages() -> tuple[str, ...]:
    """Return the languages that have a words file, such as ("en", "pt_BR")."""
    folder = files("resources").joinpath("words")
    return tuple(
        sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml"))
    )


@cache
def words(language: str) -> Mapping[str, Any]:
    """Return every word of `language`, as read-only nested tables: ["sheet"]["text"]["title"].

    Raises DeskError for a language without a words file.
    """
    if language not in languages():
        raise DeskError(
            f"There are no words in “{language}”; use one of: {', '.join(languages())}."
        )
    text = files("resources").joinpath("words", f"{language}.toml").read_text(encoding="utf-8")
    return _frozen(tomllib.loads(text))


def section(language: str, path: str) -> Mapping[str, Any]:
    """Return one table of `language`'s words by its dotted name, e.g. "sheet.label"."""
    table = words(language)
    for name in path.split("."):
        table = table[name]
    return table


def _frozen(table: dict[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType({k: _frozen(v) if isinstance(v, dict) else v for k, v in table.items()})
