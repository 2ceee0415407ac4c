"""The date field: typed the way the shop writes it, the day of the week beside it."""

from __future__ import annotations

from datetime import date

from desk.i18n.catalog import set_language
from ui.widgets.date_field import DateField


def test_a_short_date_is_written_in_full_with_its_weekday(qtbot):
    field = DateField("BRL")
    qtbot.addWidget(field)
    field.edit.setText("1/12/2026")
    field.tidy()
    assert field.value() == date(2026, 12, 1)
    assert field.edit.text() == "01/12/2026" and field.weekday.text() == "Tue"
    assert field.edit.placeholderText().endswith(", optional")


def test_in_portuguese_the_field_speaks_portuguese(qtbot):
    set_language("pt_BR")
    field = DateField("BRL", optional=True)
    qtbot.addWidget(field)
    field.set_value(date(2026, 12, 1))
    assert field.weekday.text() == "ter."  # terça-feira, by Babel, not strftime's C locale
    assert field.edit.placeholderText().endswith(", opcional")
    assert field.button.toolTip() == "Escolher a data num calendário"
    assert field.edit.toolTip().startswith("Digite a data como ")
    required = DateField("BRL", optional=False)
    qtbot.addWidget(required)
    assert "opcional" not in required.edit.placeholderText()
