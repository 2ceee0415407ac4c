"""Reading a CSV file as a spreadsheet shows it: decoding, delimiter sniffing, `CsvTable`.

Accepts UTF-8 with or without BOM (and Excel's UTF-16 "Unicode text"), with a comma,
semicolon or tab between cells. Row numbers are the ones a spreadsheet shows: the header
is row 1, and skipping blank rows does not renumber the rest.

A row that cannot be read is kept aside with its reason (`CsvTable.bad_rows`) and the
rest is read: a cell longer than `MAX_CELL_CHARS`, or an unbalanced quote that would
swallow the following lines into one cell (those lines are then read as rows of their
own). So every non-blank line is a row, a bad row, or part of a quoted multi-line cell.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from desk.errors import DeskError
from desk.i18n.catalog import N_, _
from desk.i18n.formats import format_number

MAX_CELL_CHARS = 1_000_000
"""The longest cell read; a row with a longer one is reported, not read."""

NOT_UTF8_HELP = N_(
    "Save it again as “CSV UTF-8” from your spreadsheet (Excel: File › Save As › "
    "CSV UTF-8; LibreOffice: Save As › Text CSV, character set Unicode (UTF-8)) "
    "and import that file. Nothing was imported."
)


@dataclass
class CsvTable:
    """A CSV file as read: its header, its data rows and their spreadsheet row numbers."""

    header: list[str]
    rows: list[list[str]]
    numbers: list[int]
    delimiter: str = ","
    name: str = ""
    bad_rows: list[tuple[int, str]] = field(default_factory=list)  # (row number, why)


def read_csv(source: str | Path | bytes, *, name: str = "") -> CsvTable:
    """Read a CSV file (or its bytes): UTF-8 with or without BOM, delimiter , ; or tab.

    Raises DeskError, saying how to fix it, when the file is missing, empty or not UTF-8.
    """
    if isinstance(source, bytes):
        data = source
    else:
        path = Path(source)
        name = name or path.name
        try:
            data = path.read_bytes()
        except OSError as error:
            raise DeskError(
                _("Cannot read “{path}”: {error}.").format(path=path, error=error.strerror or error)
            ) from None
    text = _decode(data, name)
    dialect = _sniff(text)
    records = _records(io.StringIO(text, newline="").readlines(), dialect)
    numbered = [
        (i + 1, row)
        for i, row in enumerate(records)
        if isinstance(row, str) or any(c.strip() for c in row)
    ]
    if not numbered or isinstance(numbered[0][1], str):
        if name:
            raise DeskError(
                _("“{name}” is empty: there is no header row to read.").format(name=name)
            )
        raise DeskError(_("The file is empty: there is no header row to read."))
    header = [cell.strip() for cell in numbered[0][1]]
    return CsvTable(
        header=header,
        rows=[row for _, row in numbered[1:] if isinstance(row, list)],
        numbers=[n for n, row in numbered[1:] if isinstance(row, list)],
        delimiter=dialect.delimiter,
        name=name,
        bad_rows=[(n, row) for n, row in numbered[1:] if isinstance(row, str)],
    )


class _Lines:
    """The file's lines, handed to csv.reader one at a time; `next` is the next index."""

    def __init__(self, lines: list[str]):
        self.lines, self.next = lines, 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.next >= len(self.lines):
            raise StopIteration
        self.next += 1
        return self.lines[self.next - 1]


def _records(lines: list[str], dialect: type[csv.Dialect]) -> list[list[str] | str]:
    """Every record of the file: its cells, or (a str) why it cannot be read."""
    if csv.field_size_limit() < MAX_CELL_CHARS:
        csv.field_size_limit(MAX_CELL_CHARS)
    source = _Lines(lines)
    reader = csv.reader(source, dialect, strict=True)
    records: list[list[str] | str] = []
    width = None
    while source.next < len(lines):
        start = source.next
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            records.append(_unreadable(str(error), start, source.next))
            source.next = start + 1  # read the lines it took in as rows of their own
            reader = csv.reader(source, dialect, strict=True)
            continue
        if width is None and any(c.strip() for c in row):
            width = len(row)
        if source.next - start > 1 and _swallowed(row, width, dialect.delimiter):
            records.append(_unreadable("unbalanced quote", start, source.next))
            source.next = start + 1
            reader = csv.reader(source, dialect, strict=True)
            continue
        records.append(row)
    return records


def _swallowed(row: list[str], width: int | None, delimiter: str) -> bool:
    """True when a multi-line record looks like following rows taken into one cell."""
    if width is None or len(row) != width:
        return True
    return width > 1 and any(
        line.count(delimiter) >= width - 1 for cell in row for line in cell.splitlines()[1:]
    )


def _unreadable(error: str, start: int, end: int) -> str:
    """Why the record on lines start+1..end (1-based) cannot be read."""
    first, last = start + 1, max(end, start + 1)
    if "field larger" in error and last == first:
        return _("a cell is longer than {limit} characters (line {line})").format(
            limit=format_number(MAX_CELL_CHARS), line=first
        )
    if "field larger" in error or error.startswith(("unexpected end", "unbalanced")):
        if last == first:
            return _(
                'a quote (") opened on line {line} is not closed; fix it and import again'
            ).format(line=first)
        if last == first + 1:
            return _(
                'a quote (") opened on line {line} is not closed, taking in line {last} '
                "(read as rows of their own); fix it and import again"
            ).format(line=first, last=last)
        return _(
            'a quote (") opened on line {line} is not closed, taking in lines {first}–{last} '
            "(read as rows of their own); fix it and import again"
        ).format(line=first, first=first + 1, last=last)
    return _("cannot be read ({error}, line {line}); check its quotes").format(
        error=error, line=first
    )


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        bad = data[error.start : error.start + 1].hex().upper()
        what = (
            _(
                "“{name}” is not a UTF-8 text file (byte 0x{byte} on line {line} is not UTF-8; "
                "it was probably saved as Latin-1 or Windows-1252)."
            ).format(name=name, byte=bad, line=line)
            if name
            else _(
                "The file is not a UTF-8 text file (byte 0x{byte} on line {line} is not UTF-8; "
                "it was probably saved as Latin-1 or Windows-1252)."
            ).format(byte=bad, line=line)
        )
        raise DeskError(f"{what} {_(NOT_UTF8_HELP)}") from None


def _sniff(text: str) -> type[csv.Dialect]:
    sample = text[:65536]
    first = sample.split("\n", 1)[0]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        if dialect.delimiter in first:
            return dialect
    except csv.Error:
        pass
    counts = {d: first.count(d) for d in ",;\t"}
    delimiter = max(counts, key=counts.get) if any(counts.values()) else ","

    class Fallback(csv.excel):
        pass

    Fallback.delimiter = delimiter
    return Fallback


__all__ = ["MAX_CELL_CHARS", "NOT_UTF8_HELP", "CsvTable", "read_csv"]
