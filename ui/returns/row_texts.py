"""What each row of the returns list shows: its texts, made once per row read, and colours.

A paint asks every visible cell for its text again and again (each scroll, each selection,
each new page): the row's date, money and status words are formatted once when the row is
first shown, and the headers and statuses translated once per language, not per cell.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QColor

from desk.codes import Status
from desk.i18n.catalog import N_, language
from desk.i18n.formats import format_date, format_number
from desk.listing import ReturnRow
from ui.returns.list_look import STATUS_COLORS, money

COLUMNS = (N_("Number"), N_("Logged"), N_("Customer"), N_("Items"), N_("Total"), N_("Status"))
"""The column headers in English (marked; `headers()` gives them in the desk's language)."""
NUMBER, LOGGED, CUSTOMER, ITEMS, TOTAL, STATUS = range(len(COLUMNS))


class RowTexts:
    """The list's words in the desk's language, and each row's cells as text."""

    def __init__(self, headers: tuple[str, ...], *, held: int = 400):
        self._held = held
        self.colors = {status: QColor(color) for status, color in STATUS_COLORS.items()}
        self._language = ""
        self.speak(headers)

    def speak(self, headers: tuple[str, ...]) -> None:
        """Translate the words again if the desk's language changed (tests do; the app
        speaks one per run); `headers` are the column headers in that language."""
        if self._language != language():
            self._language = language()
            self.headers = headers
            self._statuses = {status: status.label for status in Status}
            self._days: dict[date, str] = {}  # the Logged text of each day shown
            self._rows: dict[int, tuple[ReturnRow, tuple[str, ...]]] = {}  # position: cells

    def cells(self, position: int, row: ReturnRow) -> tuple[str, ...]:
        """The texts of `row`, at `position` in the list (made once per row read)."""
        held = self._rows.get(position)
        if held is not None and held[0] is row:  # a fresher read of the row is another object
            return held[1]
        if len(self._rows) > self._held:
            self._rows.clear()  # a few screenfuls are enough
        texts = tuple(self._text(row, column) for column in range(len(self.headers)))
        self._rows[position] = (row, texts)
        return texts

    def _text(self, row: ReturnRow, column: int) -> str:
        if column == NUMBER:
            return row.number
        if column == LOGGED:
            return self._day(row.created_at.astimezone().date())
        if column == CUSTOMER:
            return row.customer_name
        if column == ITEMS:
            return str(row.items) if row.items < 1000 else format_number(row.items)
        if column == TOTAL:
            return money(row.total_cents, row.currency)  # the return's, not the shop's
        return self._statuses[row.status]

    def _day(self, day: date) -> str:
        """A day as the Logged column shows it (Babel formats each day once)."""
        text = self._days.get(day)
        if text is None:
            text = self._days[day] = format_date(day)
        return text
