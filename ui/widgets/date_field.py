"""A date typed the way the shop writes it ("20", "20/11", "20/11/2026"), or picked.

The field is a line edit: staff type freely, and when they leave it the date is read
(desk.dates) and written back in full, with the day of the week beside it, so a short
form is never misread. The button beside it opens a calendar. An empty field is "no
date". What cannot be read is kept as typed and reported by `problem()`.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from desk.dates import format_day, parse_day, pattern
from desk.errors import DeskError
from desk.i18n.catalog import _
from desk.i18n.formats import format_date


class DateField(QWidget):
    """A typed or picked date; `changed` whenever the date read from it may differ."""

    changed = Signal()

    def __init__(self, currency: str = "EUR", parent: QWidget | None = None, *, optional=True):
        super().__init__(parent)
        self.currency = currency
        self.edit = QLineEdit()
        form = pattern(currency)
        # TRANSLATORS: a date field's placeholder; {pattern} is how to type it ("dd/mm/yyyy")
        hint = _("{pattern}, optional").format(pattern=form)
        self.edit.setPlaceholderText(hint if optional else form)
        self.edit.setToolTip(
            _("Type the date as {pattern}, or just the day (20)").format(pattern=form)
        )
        self.weekday = QLabel()
        self.weekday.setProperty("role", "hint")
        self.button = QToolButton()
        self.button.setText("▾")
        self.button.setToolTip(_("Pick the date on a calendar"))
        self.button.setFocusPolicy(Qt.NoFocus)
        self.button.clicked.connect(self.pick)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        layout.addWidget(self.weekday)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(lambda _: self.changed.emit())
        self.edit.editingFinished.connect(self.tidy)

    def value(self) -> date | None:
        """The date read from the field; None when empty or unreadable (see `problem`)."""
        try:
            return parse_day(self.edit.text(), currency=self.currency, today=date.today())
        except DeskError:
            return None

    def problem(self) -> str | None:
        """Why the text typed is not a date, or None when it is one (or is empty)."""
        try:
            parse_day(self.edit.text(), currency=self.currency, today=date.today())
        except DeskError as error:
            return str(error)
        return None

    def set_value(self, day: date | None) -> None:
        """Show `day` written in full (or empty for None)."""
        self.edit.setText(format_day(day, self.currency) if day else "")
        self._show_weekday(day)

    def tidy(self) -> None:
        """Write a readable short form in full; leave what cannot be read as typed."""
        day = self.value()
        if day is not None:
            text = format_day(day, self.currency)
            if text != self.edit.text():
                self.edit.setText(text)
        self._show_weekday(day)

    def _show_weekday(self, day: date | None) -> None:
        self.weekday.setText(format_date(day, "EEE") if day else "")  # "Mon", "seg."

    def pick(self) -> None:
        """Open a calendar under the field; a click on a day fills it in."""
        calendar = QCalendarWidget()
        calendar.setMaximumDate(QDate.currentDate())
        start = self.value() or date.today()
        calendar.setSelectedDate(QDate(start.year, start.month, start.day))
        menu = QMenu(self)
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)

        def chosen(when: QDate) -> None:
            self.set_value(when.toPython())
            menu.close()
            self.edit.setFocus(Qt.PopupFocusReason)

        calendar.clicked.connect(chosen)
        calendar.activated.connect(chosen)
        self.calendar = calendar  # tests reach it while the menu is up
        menu.popup(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))
