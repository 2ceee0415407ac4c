"""One card's exports: a PNG image and its data as CSV."""

from __future__ import annotations

import csv

from PySide6.QtGui import QImage

from ui.dashboard.charts import ChartCard, Figure
from ui.dashboard.exports import write_csv, write_png

FIGURE = Figure(
    name="response-time",
    title="Response time",
    labels=["Median"],
    values=[3.5],
    csv_header=("messages", "median_hours", "p90_hours"),
    csv_rows=[(12, 3.5, None)],
)


def test_csv_has_the_header_and_rows(tmp_path):
    path = tmp_path / "response.csv"
    write_csv(FIGURE, path)
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows == [["messages", "median_hours", "p90_hours"], ["12", "3.5", ""]]
    assert not (tmp_path / "response.csv.part").exists()


def test_png_is_an_image_of_the_card(qtbot, tmp_path):
    card = ChartCard()
    qtbot.addWidget(card)
    card.resize(400, 300)
    card.show_figure(FIGURE)
    path = tmp_path / "card.png"
    write_png(card, path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage(str(path))
    assert image.width() == 400 and image.height() > 100
