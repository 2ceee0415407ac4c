"""The whole dashboard on one A4 page, its text real text."""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtPrintSupport import QPrinter

from ui.dashboard import printing
from ui.dashboard.cards import TITLES, figures_of
from ui.dashboard.printing import write_pdf


def pdf_text(path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    return " ".join(text.replace("ﬁ", "fi").replace("ﬂ", "fl").split())


def test_one_a4_page_with_every_title(qtbot, year, tmp_path):
    path = tmp_path / "dashboard.pdf"
    write_pdf("Returns 1 Dec 2025 – 30 Nov 2026 · All customers", figures_of(year), path)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "Pages:           1" in info
    assert "842 x 595 pts (A4)" in info  # landscape
    text = pdf_text(path)
    assert "Returns 1 Dec 2025 – 30 Nov 2026 · All customers" in text
    for title in TITLES:
        assert title in text


def test_a_missing_folder_is_said(qtbot, year, tmp_path):
    with pytest.raises(OSError, match="does not exist"):
        write_pdf("x", figures_of(year), tmp_path / "nowhere" / "d.pdf")


def test_printing_puts_the_dashboard_on_one_page(qtbot, year, tmp_path, monkeypatch):
    path = tmp_path / "printed.pdf"

    def to_file(parent, printer):
        printer.setOutputFormat(QPrinter.PdfFormat)
        printer.setOutputFileName(str(path))
        return True

    monkeypatch.setattr(printing, "choose_printer", to_file)
    assert printing.print_dashboard(None, "Dashboard", figures_of(year))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "Pages:           1" in info and "842 x 595 pts (A4)" in info
    image = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True)
    width, height = (int(v) for v in image.stdout.splitlines()[2].split()[3:5])
    assert width >= 3200 and height >= 2200  # the page as a 300 dpi image (281 x 194 mm)


def test_printing_cancelled_prints_nothing(qtbot, year, monkeypatch):
    monkeypatch.setattr(printing, "choose_printer", lambda parent, printer: False)
    assert not printing.print_dashboard(None, "Dashboard", figures_of(year))
