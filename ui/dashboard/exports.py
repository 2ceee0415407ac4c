"""Where and how the dashboard saves its exports: the file question, PNG and CSV files."""

from __future__ import annotations

import csv
import os
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from desk.i18n.catalog import _
from ui import state
from ui.dashboard.charts import ChartCard, Figure


def ask_save_path(parent: QWidget | None, title: str, suggested: str, filter: str) -> Path | None:
    """Ask where to save a file (one place, so tests can answer it); None when cancelled."""
    folder = state.start_folder(state.DASHBOARD_EXPORT_FOLDER)
    path, _filter = QFileDialog.getSaveFileName(
        parent, title, str(Path(folder) / suggested), filter
    )
    if not path:
        return None
    state.remember_folder(state.DASHBOARD_EXPORT_FOLDER, path)
    return Path(path)


def write_csv(figure: Figure, path: Path) -> None:
    """Write `figure`'s data as a CSV file (header row, then one row per bar).

    The file appears complete or not at all; OSError when it cannot be written.
    """
    partial = path.with_name(path.name + ".part")
    with open(partial, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(figure.csv_header)
        writer.writerows(["" if v is None else v for v in row] for row in figure.csv_rows)
    os.replace(partial, path)


def write_png(card: ChartCard, path: Path) -> None:
    """Save `card` as a PNG image; OSError when it cannot be written."""
    if not card.picture().save(str(path), "PNG"):
        raise OSError(
            _("Cannot write {path}: check the folder exists and is writable.").format(path=path)
        )
