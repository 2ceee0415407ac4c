"""The dashboard's chart cards: a title, the key number, a bar chart (pyqtgraph), exports.

A card shows one `Figure`: what desk/reports computed, put in the words and bars the
owner reads. The card draws; it computes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pyqtgraph as pg
from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desk.i18n.catalog import N_, _
from desk.i18n.formats import format_decimal

BAR_COLOR = "#2563eb"
TEXT_COLOR = "#111827"
MUTED_COLOR = "#6b7280"
VALUES_UP_TO = 16  # columns carry their value up to this many; more get a value axis
MIN_ROWS = 5  # a chart of two or three bars keeps the bars' thickness of five
INSIDE_FROM = 0.55  # a bar longer than this share of the longest has its value inside it
LABEL_CHARS = 24  # longer category names (SKUs, customers) are cut with an ellipsis


@dataclass(frozen=True)
class Figure:
    """One card's content.

    Args:
        name: a short file name stem for exports ("returns-per-week").
        title: the card's heading.
        key: the number that matters, in words ("Median 2.5 days"); "" for none.
        labels: one category name per bar, in the order shown (top to bottom, left to right).
        values: one number per bar.
        value_texts: what is written at each bar's end ("12", "€40.00", "35%").
        horizontal: bars from the left (long names) instead of columns from the bottom.
        colors: one colour per bar; all `BAR_COLOR` when empty.
        csv_header, csv_rows: the figure's data for "Export CSV…".
        empty: what the card says instead of a chart when there is nothing to show.
        note: a small line under the chart ("41% of feedback requests answered").
    """

    name: str
    title: str
    key: str = ""
    labels: Sequence[str] = ()
    values: Sequence[float] = ()
    value_texts: Sequence[str] = ()
    horizontal: bool = False
    colors: Sequence[str] = ()
    csv_header: Sequence[str] = ()
    csv_rows: Sequence[Sequence[object]] = field(default_factory=list)
    empty: str = N_("No returns in this range")  # translated where shown
    note: str = ""

    @property
    def has_data(self) -> bool:
        return any(v for v in self.values)


def _number(value: float) -> str:
    """A bar's value in the desk's language: 12 or 2,5."""
    value = float(value)
    return format_decimal(value, 0 if value.is_integer() else 1)


def _elide(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


class NumberAxis(pg.AxisItem):
    """A value axis whose numbers are written in the desk's language (1.234; 2,5)."""

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph's name)
        digits = 0 if spacing * scale >= 1 else min(3, len(f"{spacing * scale:.3g}") - 2)
        return [format_decimal(v * scale, digits) for v in values]


class BarChart(pg.PlotWidget):
    """Bars or columns with their value written at the end; no mouse zoom, no menu."""

    def __init__(self, parent: QWidget | None = None):
        axes = {"left": NumberAxis("left"), "bottom": NumberAxis("bottom")}
        super().__init__(parent, background="w", axisItems=axes)
        self.setMouseEnabled(False, False)
        self.setMenuEnabled(False)
        self.hideButtons()
        self.plotItem.vb.setDefaultPadding(0.02)
        font = QFont(self.font())
        font.setPointSizeF(max(7.5, font.pointSizeF() * 0.9))
        self.tick_font = font
        for name in ("left", "bottom"):
            axis = self.getAxis(name)
            axis.setTextPen(pg.mkPen(TEXT_COLOR))
            axis.setPen(pg.mkPen("#9ca3af"))
            axis.setStyle(tickFont=font, tickLength=0)
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(320, 180)

    def show_figure(self, figure: Figure) -> None:
        """Draw `figure`'s bars, replacing what was there."""
        self.clear()
        count = len(figure.values)
        colors = list(figure.colors) or [BAR_COLOR] * count
        brushes = [pg.mkBrush(QColor(c)) for c in colors]
        top = max([float(v) for v in figure.values] + [1.0])
        positions = list(range(count))
        labels = [(i, _elide(text)) for i, text in enumerate(figure.labels)]
        if figure.horizontal:
            bars = pg.BarGraphItem(
                x0=0, y=positions, height=0.7, width=list(figure.values), brushes=brushes, pen=None
            )
            self.getAxis("left").setTicks([labels])
            self.getAxis("bottom").hide()
            self.getAxis("left").show()
            metrics = QFontMetrics(self.tick_font)
            widest = max((metrics.horizontalAdvance(t) for _, t in labels), default=20)
            self.getAxis("left").setWidth(widest + 12)
            self.plotItem.vb.invertY(True)
            self.setXRange(0, top * 1.02, padding=0)
            self.setYRange(-0.6, max(count, MIN_ROWS) - 0.4, padding=0)
        else:
            bars = pg.BarGraphItem(
                x=positions, height=list(figure.values), width=0.7, brushes=brushes, pen=None
            )
            self.getAxis("bottom").setTicks([self._thinned(labels)])
            self.getAxis("bottom").show()
            self.getAxis("left").setVisible(count > VALUES_UP_TO)  # no values on the bars
            self.getAxis("left").setTicks(None)
            self.getAxis("left").setWidth(None)
            self.plotItem.vb.invertY(False)
            self.setXRange(-0.6, count - 0.4, padding=0)
            self.setYRange(0, top * 1.18, padding=0)
        self.addItem(bars)
        if figure.horizontal or count <= VALUES_UP_TO:
            self._write_values(figure, count, top)

    def _thinned(self, labels: list[tuple[int, str]]) -> list[tuple[int, str]]:
        """Every label when they fit, else every n-th (52 weeks cannot all be named)."""
        step = max(1, -(-len(labels) // 13))
        return [item for item in labels if item[0] % step == 0]

    def _write_values(self, figure: Figure, count: int, top: float) -> None:
        for i in range(count):
            text = (
                figure.value_texts[i] if i < len(figure.value_texts) else _number(figure.values[i])
            )
            value = float(figure.values[i])
            if figure.horizontal and value > top * INSIDE_FROM:
                item = pg.TextItem(text, color="w", anchor=(1, 0.5))  # inside the long bar
                item.setPos(value, i)
            elif figure.horizontal:
                item = pg.TextItem(text, color=TEXT_COLOR, anchor=(0, 0.5))
                item.setPos(value, i)
            else:
                item = pg.TextItem(text, color=TEXT_COLOR, anchor=(0.5, 1))
                item.setPos(i, value)
            item.setFont(self.tick_font)
            self.addItem(item)


class ChartCard(QFrame):
    """One figure on the dashboard: title, key number, chart or a sentence, export buttons."""

    export_png_requested = Signal(object)  # the card
    export_csv_requested = Signal(object)

    def __init__(self, *, with_buttons: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("chartCard")
        self.setStyleSheet(
            "#chartCard { background: white; border: 1px solid #d1d5db; border-radius: 6px; }"
        )
        self.figure: Figure | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        self.title = QLabel()
        self.title.setStyleSheet(f"font-weight: 600; font-size: 11pt; color: {TEXT_COLOR};")
        self.key = QLabel()
        self.key.setStyleSheet(f"font-weight: 700; font-size: 17pt; color: {TEXT_COLOR};")
        self.key.setWordWrap(True)  # "Principalmente: Desistência da compra" in a narrow card
        self.chart = BarChart()
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {MUTED_COLOR}; font-size: 11pt;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.chart)
        self.stack.addWidget(self.message)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {MUTED_COLOR};")
        layout.addWidget(self.title)
        layout.addWidget(self.key)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.note)
        self.buttons = QWidget()
        row = QHBoxLayout(self.buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        self.png_button = QPushButton(_("Export PNG…"))
        self.csv_button = QPushButton(_("Export CSV…"))
        for button in (self.png_button, self.csv_button):
            button.setFlat(True)
            button.setEnabled(False)
            row.addWidget(button)
        self.png_button.clicked.connect(lambda: self.export_png_requested.emit(self))
        self.csv_button.clicked.connect(lambda: self.export_csv_requested.emit(self))
        layout.addWidget(self.buttons)
        self.buttons.setVisible(with_buttons)

    def show_figure(self, figure: Figure) -> None:
        """Show `figure`: its chart when it has data, else its `empty` sentence."""
        self.figure = figure
        self.title.setText(figure.title)
        self.key.setText(figure.key)
        self.key.setVisible(bool(figure.key))
        self.note.setText(figure.note)
        self.note.setVisible(bool(figure.note))
        if figure.has_data:
            self.chart.show_figure(figure)
            self.stack.setCurrentWidget(self.chart)
        else:
            self.message.setText(_(figure.empty))
            self.stack.setCurrentWidget(self.message)
        self.png_button.setEnabled(True)
        self.csv_button.setEnabled(True)

    def show_message(self, title: str, text: str) -> None:
        """Show a sentence instead of a figure ("Loading…")."""
        self.figure = None
        self.title.setText(title)
        self.key.hide()
        self.note.hide()
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)
        self.png_button.setEnabled(False)
        self.csv_button.setEnabled(False)

    def picture(self) -> QPixmap:
        """The card as an image, without its export buttons."""
        if not self.buttons.isVisible():
            return self.grab()
        return self.grab(QRect(0, 0, self.width(), self.buttons.y()))
