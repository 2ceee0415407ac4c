"""Reading a CSV file as a spreadsheet shows it: decoding, delimiter sniffing, `CsvTable`.

Accepts UTF-8 with or without BOM (and Excel's UTF-16 "Unicode text"), with a comma,
semicolon or tab between cells. Row numbers are the ones a spreadsheet shows: the header
is row 1, and skipping blank rows does not renumber the rest.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from desk.errors import DeskError

NOT_UTF8_HELP = (
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
            raise DeskError(f"Cannot read “{path}”: {error.strerror or error}.") from None
    text = _decode(data, name or "The file")
    dialect = _sniff(text)
    lines = list(csv.reader(io.StringIO(text, newline=""), dialect))
    numbered = [(i + 1, row) for i, row in enumerate(lines) if any(c.strip() for c in row)]
    if not numbered:
        raise DeskError(f"“{name or 'The file'}” is empty: there is no header row to read.")
    header = [cell.strip() for cell in numbered[0][1]]
    return CsvTable(
        header=header,
        rows=[row for _, row in numbered[1:]],
        numbers=[n for n, _ in numbered[1:]],
        delimiter=dialect.delimiter,
        name=name,
    )


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        bad = data[error.start : error.start + 1].hex().upper()
        raise DeskError(
            f"“{name}” is not a UTF-8 text file (byte 0x{bad} on line {line} is not UTF-8; "
            f"it was probably saved as Latin-1 or Windows-1252). {NOT_UTF8_HELP}"
        ) from None


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


__all__ = ["NOT_UTF8_HELP", "CsvTable", "read_csv"]
