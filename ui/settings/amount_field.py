"""An amount typed as staff think of it (12.50, or 10 %), stored as whole cents or percent.

A setting such as the reward's minimum purchase is kept in cents; staff type it in the
shop's currency. The reward's value is a percent or an amount depending on the reward
kind: `set_unit` switches the box between the two, keeping the number typed.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtWidgets import QDoubleSpinBox, QWidget

MAX_AMOUNT = 99_999.99
"""The largest amount the box takes (the setting's own check has the last word)."""


class Unit(StrEnum):
    MONEY = "money"
    PERCENT = "percent"


class AmountBox(QDoubleSpinBox):
    """A money amount (two decimals, currency symbol) or a percent (whole, "%")."""

    def __init__(self, unit: Unit = Unit.MONEY, parent: QWidget | None = None):
        super().__init__(parent)
        self.unit = unit
        self.symbol = ""
        self.setKeyboardTracking(True)
        self.setMaximumWidth(140)
        self._show_unit()

    def set_unit(self, unit: Unit, symbol: str | None = None) -> None:
        """Show a money amount or a percent; the number typed stays as it is."""
        number = self.value()
        self.unit = unit
        if symbol is not None:
            self.symbol = symbol
        self._show_unit()
        self.setValue(number)

    def _show_unit(self) -> None:
        money = self.unit is Unit.MONEY
        self.setDecimals(2 if money else 0)
        self.setRange(0, MAX_AMOUNT if money else 100)
        self.setPrefix(f"{self.symbol} " if money and self.symbol else "")
        self.setSuffix("" if money else " %")

    def stored(self) -> int:
        """What is typed, as stored: whole cents for money, the percent otherwise."""
        return round(self.value() * 100) if self.unit is Unit.MONEY else round(self.value())

    def set_stored(self, value: int) -> None:
        """Show a stored value (cents for money, else percent)."""
        self.setValue(value / 100 if self.unit is Unit.MONEY else value)
