"""The amount box: money in cents, a percent as it is, the number kept across a switch."""

from ui.settings.amount_field import AmountBox, Unit


def test_money_is_stored_in_whole_cents(qtbot):
    box = AmountBox(Unit.MONEY)
    qtbot.addWidget(box)
    box.set_unit(Unit.MONEY, "R$")
    box.set_stored(1999)
    assert box.value() == 19.99 and box.prefix() == "R$ " and box.stored() == 1999
    box.setValue(0.29)  # 0.29 * 100 is 28.999… in binary: rounding keeps 29 cents
    assert box.stored() == 29


def test_a_percent_is_whole_and_at_most_100(qtbot):
    box = AmountBox(Unit.PERCENT)
    qtbot.addWidget(box)
    box.set_stored(250)
    assert box.value() == 100 and box.suffix() == " %" and box.stored() == 100


def test_switching_unit_keeps_the_number_typed(qtbot):
    box = AmountBox(Unit.PERCENT)
    qtbot.addWidget(box)
    box.set_stored(15)
    box.set_unit(Unit.MONEY, "€")
    assert box.value() == 15 and box.stored() == 1500 and box.suffix() == ""
