"""A chart card: title, key number, bars or a sentence, export buttons left out of its image."""

from __future__ import annotations

from desk.i18n.catalog import set_language
from ui.dashboard.charts import BarChart, ChartCard, Figure, NumberAxis

FIGURE = Figure(
    name="by-reason",
    title="Returns by reason",
    key="Mostly: Wrong size",
    labels=["Wrong size", "A reason with a very long name indeed"],
    values=[12, 3],
    value_texts=["12", "3"],
    horizontal=True,
    csv_header=("reason", "returns"),
    csv_rows=[("wrong_size", 12), ("other", 3)],
)


def test_card_shows_title_key_and_chart(qtbot):
    card = ChartCard()
    qtbot.addWidget(card)
    card.show_figure(FIGURE)
    assert card.title.text() == "Returns by reason"
    assert card.key.text() == "Mostly: Wrong size"
    assert card.stack.currentWidget() is card.chart
    assert card.png_button.isEnabled() and card.csv_button.isEnabled()
    ticks = card.chart.getAxis("left")._tickLevels[0]
    assert ticks[0] == (0, "Wrong size")
    assert ticks[1][1].endswith("…") and len(ticks[1][1]) == 24


def test_nothing_to_chart_shows_the_sentence(qtbot):
    card = ChartCard()
    qtbot.addWidget(card)
    card.show_figure(Figure(name="satisfaction", title="Satisfaction", empty="No feedback yet"))
    assert card.stack.currentWidget() is card.message
    assert card.message.text() == "No feedback yet"


def test_loading_message_disables_exports(qtbot):
    card = ChartCard()
    qtbot.addWidget(card)
    card.show_figure(FIGURE)
    card.show_message("Returns by reason", "Loading…")
    assert card.message.text() == "Loading…"
    assert card.figure is None and not card.png_button.isEnabled()


def test_picture_leaves_out_the_buttons(qtbot):
    card = ChartCard()
    qtbot.addWidget(card)
    card.resize(400, 300)
    card.show()
    card.show_figure(FIGURE)
    qtbot.waitExposed(card)
    picture = card.picture()
    assert picture.width() == card.width()
    assert 0 < picture.height() <= card.buttons.y()


def test_many_columns_get_a_value_axis_instead_of_labels(qtbot):
    chart = BarChart()
    qtbot.addWidget(chart)
    weeks = Figure(name="w", title="w", labels=[str(i) for i in range(52)], values=[1] * 52)
    chart.show_figure(weeks)
    assert chart.getAxis("left").isVisible()
    chart.show_figure(Figure(name="s", title="s", labels=["1", "2"], values=[4, 5]))
    assert not chart.getAxis("left").isVisible()


def test_in_portuguese_the_value_axis_writes_brazilian_numbers(qtbot):
    set_language("pt_BR")
    chart = BarChart()
    qtbot.addWidget(chart)
    axis = chart.getAxis("left")
    assert isinstance(axis, NumberAxis)
    assert axis.tickStrings([0, 1000, 2000], 1, 1000) == ["0", "1.000", "2.000"]
    assert axis.tickStrings([0, 0.5, 1], 1, 0.5) == ["0,0", "0,5", "1,0"]
    card = ChartCard()
    qtbot.addWidget(card)
    card.show_figure(Figure(name="x", title="T", values=[0]))
    assert card.message.text() == "Nenhuma devolução neste período"
    assert card.csv_button.text() == "Exportar CSV…"
