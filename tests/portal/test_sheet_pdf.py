"""The instructions sheet as PDF bytes: in this process's worker threads, or a helper process."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from desk.services import instructions_sheet
from portal import sheet_pdf
from tests.portal.test_app import logged


def test_the_file_name_comes_from_the_return_number():
    assert sheet_pdf.file_name("R-2026-00042") == "R-2026-00042-instructions.pdf"
    assert sheet_pdf.file_name(None) == "return-instructions.pdf"
    assert sheet_pdf.file_name('R"1/2') == "R_1_2-instructions.pdf"


def test_only_a4_and_letter(db):
    sheet = instructions_sheet(db)
    with pytest.raises(ValueError, match="choose a4, letter"):
        sheet_pdf.pdf_bytes(sheet, "receipt")


def test_the_helper_process_draws_the_same_sheet(db, qapp, tmp_path):
    ret = logged(db, language="en")
    sheet = instructions_sheet(db, return_number=ret.number, language="en")
    helper = sheet_pdf.pdf_in_helper(sheet, "letter")
    here = sheet_pdf.pdf_bytes(sheet, "letter")  # qapp: drawn in this process
    texts = []
    for name, data in (("helper.pdf", helper), ("here.pdf", here)):
        assert data.startswith(b"%PDF-")
        (tmp_path / name).write_bytes(data)
        done = subprocess.run(
            ["pdftotext", str(tmp_path / name), "-"], capture_output=True, check=True
        )
        texts.append(done.stdout)
    assert texts[0] == texts[1] and ret.number.encode() in texts[0]


def test_a_failing_helper_is_a_pdf_error(monkeypatch, db):
    monkeypatch.setattr(sheet_pdf.sys, "executable", "/bin/false")
    with pytest.raises(sheet_pdf.PdfError, match="exit 1"):
        sheet_pdf.pdf_in_helper(instructions_sheet(db), "a4")


def test_prepare_makes_qt_only_on_the_main_thread():
    script = textwrap.dedent(
        """
        import threading
        from portal import sheet_pdf
        worker = threading.Thread(target=sheet_pdf.prepare)
        worker.start(); worker.join()
        print(sheet_pdf.gui_app_running())
        sheet_pdf.prepare()
        print(sheet_pdf.gui_app_running())
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "True"]
