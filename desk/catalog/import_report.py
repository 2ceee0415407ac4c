"""What an import of a till's export says it did: the rows left out, and the summary."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from desk.validation import control_character


@dataclass
class Skipped:
    """A row (or a part of it, such as a barcode) that was not imported, and why."""

    row: int
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.reason}"


def counted(count: int, word: str) -> str:
    """`count` and `word`, plural unless one: "1 row", "3 rows"."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def width_problem(cells: list[str], width: int) -> str | None:
    """Why a row does not fit a header of `width` columns, or None."""
    if len(cells) < width or any(c.strip() for c in cells[width:]):
        return f"wrong column count ({len(cells)} columns, the header has {width})"
    return None


def invisible_character(value: str) -> str | None:
    """Why `value` cannot be stored when it holds a control character ("an invisible
    character (NUL)"; PostgreSQL refuses NUL), or None. Fast for printable text."""
    if value.isprintable() or (char := control_character(value)) is None:
        return None
    code = "NUL" if char == "\x00" else f"U+{ord(char):04X}"
    return f"an invisible character ({code})"


def report_lines(head: str, problems: Iterable[Skipped], *, dry_run: bool) -> list[str]:
    """The summary line (saying a dry run saved nothing), then each problem by row."""
    first = f"Dry run, nothing saved. {head}" if dry_run else head
    return [first, *(str(p) for p in sorted(problems, key=lambda s: s.row))]


__all__ = ["Skipped", "counted", "invisible_character", "report_lines", "width_problem"]
