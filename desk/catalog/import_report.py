"""What an import of a till's export says it did: the rows left out, and the summary."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from desk.i18n.catalog import _
from desk.i18n.formats import format_number
from desk.validation import control_character


@dataclass
class Skipped:
    """A row (or a part of it, such as a barcode) that was not imported, and why."""

    row: int
    reason: str

    def __str__(self) -> str:
        return _("row {row}: {reason}").format(row=self.row, reason=self.reason)


def counted(words: dict[str, str], counts: dict[str, int]) -> dict[str, str]:
    """Each count's words (an ngettext() form holding {n}) with its number in the desk's
    language: {"rows": "{n} rows"}, {"rows": 3} -> {"rows": "3 rows"}."""
    return {key: text.format(n=format_number(counts[key])) for key, text in words.items()}


def width_problem(cells: list[str], width: int) -> str | None:
    """Why a row does not fit a header of `width` columns, or None."""
    if len(cells) < width or any(c.strip() for c in cells[width:]):
        return _("wrong column count ({count} columns, the header has {width})").format(
            count=len(cells), width=width
        )
    return None


def invisible_character(value: str) -> str | None:
    """Why `value` cannot be stored when it holds a control character ("an invisible
    character (NUL)"; PostgreSQL refuses NUL), or None. Fast for printable text."""
    if value.isprintable() or (char := control_character(value)) is None:
        return None
    code = "NUL" if char == "\x00" else f"U+{ord(char):04X}"
    return _("an invisible character ({code})").format(code=code)


def report_lines(head: str, problems: Iterable[Skipped], *, dry_run: bool) -> list[str]:
    """The summary line (saying a dry run saved nothing), then each problem by row."""
    first = _("Dry run, nothing saved. {summary}").format(summary=head) if dry_run else head
    return [first, *(str(p) for p in sorted(problems, key=lambda s: s.row))]


__all__ = ["Skipped", "counted", "invisible_character", "report_lines", "width_problem"]
