"""Owner › Dashboard: the returns' figures over a date range and a segment, as chart cards,
and the Products section (most returned products, return rate per category) below them.

The figures come from desk.reports.dashboard, computed off the UI thread: the cards' in
one job, the Products section's in another (they take longer). Each load has a
generation number; a result that arrives after a newer load started is dropped, so a slow
query never overwrites what the owner asked for since.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desk.customers.segments import Segment
from desk.db import Database
from desk.errors import DeskError
from desk.i18n.catalog import N_, _
from desk.i18n.formats import file_name_part, format_date
from desk.reports.dashboard import Dashboard, dashboard, product_dashboard
from desk.reports.period import ReportRange
from desk.reports.products import ProductFigures
from ui import prompts
from ui.background import run_in_background
from ui.dashboard import exports, printing
from ui.dashboard.cards import TITLES, figures_of
from ui.dashboard.charts import ChartCard, Figure
from ui.dashboard.products import ProductsSection
from ui.widgets.form_parts import ERROR_COLOR

PRESETS = (N_("Last 12 months"), N_("Last 30 days"), N_("This year"), N_("Custom"))
"""The range presets (translated where shown; the combo keeps each one's English key)."""
WIDE = 1400  # from this width the cards sit four to a row, else two


def preset_range(preset: str, today: date) -> tuple[date, date] | None:
    """The days a preset covers, ending today; None for "Custom"."""
    if preset == "Last 30 days":
        return today - timedelta(days=29), today
    if preset == "This year":
        return date(today.year, 1, 1), today
    if preset == "Last 12 months":
        day = min(today.day, 28) if today.month == 2 else today.day
        return date(today.year - 1, today.month, day) + timedelta(days=1), today
    return None


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class DashboardWindow(QWidget):
    """The owner's dashboard: range and segment on top, a grid of chart cards below."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ):
        super().__init__(parent, Qt.Window)
        self.setObjectName("dashboardWindow")
        self.setWindowTitle(_("Dashboard — Return Desk"))
        self.db = db
        self.today = today or date.today()
        self.generation = 0  # of the latest load asked for
        self.answered = 0  # the generation whose figures or error the window shows
        self.products_answered = 0  # the same for the Products section
        self.dash: Dashboard | None = None
        self.figures: list[Figure] = []
        self.resize(1280, 860)
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_controls())
        self.status = QLabel()
        self.status.setObjectName("dashboardStatus")
        layout.addWidget(self.status)
        self.cards = [ChartCard() for _title in TITLES]
        for card, title in zip(self.cards, TITLES, strict=True):
            card.show_message(_(title), _("Loading…"))
            card.export_png_requested.connect(self.export_png)
            card.export_csv_requested.connect(self.export_csv)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(10)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.columns = 0
        self.products = ProductsSection()
        content = QWidget()
        below = QVBoxLayout(content)
        below.setSpacing(10)
        below.addWidget(self.grid_host, 1)
        below.addWidget(self.products)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout.addWidget(scroll, 1)
        self._place_cards()
        self.apply_preset(PRESETS[0])

    def _build_controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.preset = QComboBox()
        for preset in PRESETS:
            self.preset.addItem(_(preset), preset)
        self.start_edit, self.end_edit = QDateEdit(), QDateEdit()
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(_("d MMM yyyy"))  # a Qt date format
            edit.dateChanged.connect(self._dates_edited)
        self.segment = QComboBox()
        self.segment.addItem(_("All customers"), "")
        for segment in Segment:
            self.segment.addItem(_(segment.label), segment.value)
        self.print_button = QPushButton(_("Print…"))
        self.pdf_button = QPushButton(_("Export PDF…"))
        for widget in (
            QLabel(_("Period")),
            self.preset,
            # TRANSLATORS: the dashboard's range: Period [preset] from [date] to [date]
            QLabel(_("from")),
            self.start_edit,
            QLabel(_("to")),
            self.end_edit,
            QLabel(_("Customers")),
            self.segment,
        ):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.print_button)
        row.addWidget(self.pdf_button)
        self.preset.currentIndexChanged.connect(
            lambda index: self.apply_preset(self.preset.itemData(index))
        )
        self.segment.currentIndexChanged.connect(lambda _: self.reload())
        self.print_button.clicked.connect(self.print_page)
        self.pdf_button.clicked.connect(self.export_pdf)
        return row

    # --- range and loading ---

    def apply_preset(self, preset: str) -> None:
        """Set the dates of `preset` (nothing for "Custom") and reload."""
        days = preset_range(preset, self.today)
        if days is None:
            return
        self._setting_preset = True
        try:
            self.start_edit.setDate(_qdate(days[0]))
            self.end_edit.setDate(_qdate(days[1]))
        finally:
            self._setting_preset = False
        self.reload()

    def _dates_edited(self, _value: QDate) -> None:
        if getattr(self, "_setting_preset", False):
            return
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(self.preset.findData("Custom"))
        self.preset.blockSignals(False)
        self.reload()

    def report_range(self) -> ReportRange:
        """The range and segment chosen; DeskError when the range ends before it starts."""
        return ReportRange(
            _pydate(self.start_edit.date()),
            _pydate(self.end_edit.date()),
            Segment(self.segment.currentData()) if self.segment.currentData() else None,
        )

    def reload(self) -> None:
        """Compute the figures for the chosen range in the background, then show them."""
        self.generation += 1
        try:
            rng = self.report_range()
        except DeskError as error:
            self.products_answered = self.generation  # the section keeps what it shows
            self._show_error(self.generation, error)
            return
        db, generation = self.db, self.generation
        self.status.setStyleSheet("")
        self.status.setText(_("Loading…"))
        self.products.show_message(_("Loading…"))
        run_in_background(
            lambda: dashboard(db, rng, products=False),
            owner=self,
            on_success=partial(self.show_result, generation),
            on_failure=partial(self._show_error, generation),
        )
        # the product figures read the source tables and take longer: they come apart
        run_in_background(
            lambda: product_dashboard(db, rng),
            owner=self,
            on_success=partial(self.show_products, generation),
            on_failure=partial(self._products_failed, generation),
        )

    def show_result(self, generation: int, dash: Dashboard) -> None:
        """Show `dash`, the figures of load `generation`, unless a newer load has started."""
        if generation != self.generation:
            return  # a newer load is on its way
        self.answered = generation
        self.dash = dash
        self.figures = figures_of(dash)
        for card, figure in zip(self.cards, self.figures, strict=True):
            card.show_figure(figure)
        self.status.setText(self.heading())

    def show_products(self, generation: int, figures: ProductFigures) -> None:
        """Show the product figures of load `generation`, unless a newer load has started."""
        if generation != self.generation:
            return
        self.products_answered = generation
        self.products.show_figures(figures)

    def _products_failed(self, generation: int, error: Exception) -> None:
        if generation != self.generation:
            return
        self.products_answered = generation
        if isinstance(error, DeskError):
            self.products.show_message(str(error))
        else:
            self.products.show_message(
                _("The product figures could not be computed: {error}").format(error=error)
            )

    def _show_error(self, generation: int, error: Exception) -> None:
        if generation != self.generation:
            return
        self.answered = generation
        self.status.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: 600;")
        if isinstance(error, DeskError):
            self.status.setText(str(error))
        else:
            self.status.setText(_("The figures could not be computed: {error}").format(error=error))

    def heading(self) -> str:
        """What the figures cover, in words: "Returns Dec 1, 2025 – Nov 30, 2026 · All customers"
        ("Devoluções 1 de dez. de 2025 – 30 de nov. de 2026 · Todos os clientes")."""
        rng = self.dash.range if self.dash else self.report_range()
        who = _(rng.segment.label) if rng.segment else _("All customers")
        return _("Returns {start} – {end} · {who}").format(
            start=format_date(rng.start, "medium"), end=format_date(rng.end, "medium"), who=who
        )

    # --- layout ---

    def _place_cards(self) -> None:
        columns = 4 if self.width() >= WIDE else 2
        if columns == self.columns:
            return
        self.columns = columns
        for card in self.cards:
            self.grid.removeWidget(card)
        printing.place_cards(self.grid, self.cards, columns)
        self.products.set_side_by_side(columns == 4)
        for card in self.cards:
            card.setMinimumHeight(250 if columns == 4 else 280)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._place_cards()

    # --- exports ---

    def export_png(self, card: ChartCard) -> None:
        """Ask where, then save `card` as a PNG image."""
        self._export(
            card, _("PNG image (*.png)"), ".png", lambda path: exports.write_png(card, path)
        )

    def export_csv(self, card: ChartCard) -> None:
        """Ask where, then save `card`'s data as a CSV file."""
        figure = card.figure
        self._export(card, _("CSV (*.csv)"), ".csv", lambda path: exports.write_csv(figure, path))

    def _export(self, card: ChartCard, kind: str, suffix: str, write) -> None:
        if card.figure is None:
            return
        name = f"{file_name_part(card.figure.title)}-{self._range_stem()}{suffix}"
        title = _("Export {title}").format(title=card.figure.title)
        path = exports.ask_save_path(self, title, name, kind)
        if path is None:
            return
        try:
            write(path)
        except OSError as error:
            prompts.show_error(self, _("Export"), str(error))

    def _range_stem(self) -> str:
        rng = self.report_range()
        return f"{rng.start.isoformat()}-{rng.end.isoformat()}"

    def export_pdf(self) -> None:
        """Ask where, then write the whole dashboard as a one-page A4 PDF."""
        if not self.figures:
            return
        # TRANSLATORS: the start of the file name offered for the dashboard's PDF
        start = file_name_part(_("dashboard"))
        name = f"{start}-{self._range_stem()}.pdf"
        path = exports.ask_save_path(self, _("Export dashboard as PDF"), name, _("PDF (*.pdf)"))
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = Path(str(path) + ".pdf")
        try:
            printing.write_pdf(self.heading(), self.figures, path)
        except OSError as error:
            prompts.show_error(self, _("Export PDF"), str(error))

    def print_page(self) -> None:
        """Print the whole dashboard on one A4 page."""
        if self.figures:
            printing.print_dashboard(self, self.heading(), self.figures)
