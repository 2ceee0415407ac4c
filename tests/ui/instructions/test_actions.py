"""The instructions sheet from the main window: the print preview, and the PDF export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMainWindow, QMessageBox

from desk.i18n.catalog import set_language
from desk.returns import CustomerDraft, LineDraft, ReturnDraft
from desk.services import create_return
from ui import state
from ui.instructions import actions
from ui.instructions.printing import InstructionsPreview


@pytest.fixture
def window(qtbot):
    QSettings("ReturnDesk", "ReturnDesk").remove(state.EXPORT_FOLDER)
    win = QMainWindow()
    qtbot.addWidget(win)
    win.show()
    yield win
    QSettings("ReturnDesk", "ReturnDesk").remove(state.EXPORT_FOLDER)


@pytest.fixture
def number(db) -> str:
    draft = ReturnDraft(
        reason="defective",
        lines=[LineDraft(sku="KETTLE-9", description="Kettle", unit_price_cents=3490)],
        new_customer=CustomerDraft(name="Ana Souza", email="ana@example.com"),
    )
    return create_return(db, draft=draft, today=date(2026, 11, 30)).number


def when_modal(kind, act, tries=200) -> None:
    """Once a modal `kind` is up, call `act(it)` (gives up after about two seconds)."""

    def look(left=tries):
        modal = QApplication.activeModalWidget()
        if isinstance(modal, kind):
            act(modal)
        elif left:
            QTimer.singleShot(10, lambda: look(left - 1))

    QTimer.singleShot(0, look)


def test_preview_of_a_return_is_built_not_opened(qtbot, db, window, number):
    dialog = actions.preview(window, db, number, "letter")
    assert isinstance(dialog, InstructionsPreview)
    qtbot.addWidget(dialog)
    assert not dialog.isVisible()
    assert dialog.windowTitle() == f"Return instructions — {number}"
    assert dialog.page_format == "letter"
    assert dialog.testAttribute(Qt.WA_DeleteOnClose)


def test_preview_of_the_generic_sheet(qtbot, db, window):
    dialog = actions.preview(window, db, None, "a4")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Return instructions"


def test_preview_of_an_unknown_return_says_why(qtbot, db, window):
    said = []
    when_modal(
        QMessageBox, lambda box: (said.append((box.windowTitle(), box.text())), box.accept())
    )
    assert actions.preview(window, db, "R-2026-99999", "a4") is None
    assert said and said[0][0] == "Cannot print the instructions"
    assert "R-2026-99999" in said[0][1]


def choose(path):
    def act(dialog: QFileDialog):
        dialog.selectFile(str(path))
        dialog.accept()

    return act


def test_export_writes_the_pdf_and_says_where(qtbot, db, window, number, tmp_path):
    target = tmp_path / "sheet"
    when_modal(QFileDialog, choose(target))
    actions.export_pdf(window, db, number, "a4")
    written = tmp_path / "sheet.pdf"  # the .pdf is added
    message = f"Instructions saved to {written} (1 page)."
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == message, timeout=10_000)
    assert written.read_bytes().startswith(b"%PDF")
    assert QSettings("ReturnDesk", "ReturnDesk").value(state.EXPORT_FOLDER) == str(tmp_path)


def test_export_cancelled_writes_nothing(qtbot, db, window, number, tmp_path):
    when_modal(QFileDialog, lambda dialog: dialog.reject())
    actions.export_pdf(window, db, number, "a4")
    qtbot.wait(50)
    assert window.statusBar().currentMessage() == ""
    assert list(tmp_path.glob("*.pdf")) == []


def test_export_to_a_folder_that_is_gone_says_it_failed(qtbot, db, window, number, tmp_path):
    said = []
    when_modal(QFileDialog, choose(tmp_path / "gone" / "sheet.pdf"))
    actions.export_pdf(window, db, number, "a4")

    def note(box):
        said.append(box.windowTitle())
        box.accept()

    when_modal(QMessageBox, note, tries=500)
    qtbot.waitUntil(lambda: said == ["Cannot save the instructions"], timeout=10_000)
    assert window.statusBar().currentMessage() == ""


def test_export_asks_in_the_last_folder_used_while_it_exists(qtbot, db, window, number, tmp_path):
    last = tmp_path / "sheets"
    last.mkdir()
    state.save(state.EXPORT_FOLDER, str(last))
    opened = []
    when_modal(QFileDialog, lambda box: (opened.append(box.directory().path()), box.reject()))
    actions.export_pdf(window, db, number, "a4")
    assert opened == [str(last)]


def test_export_asks_in_the_documents_folder_not_the_working_one(
    qtbot, db, window, number, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    state.save(state.EXPORT_FOLDER, str(tmp_path / "gone"))  # a folder since removed
    documents = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)
    expected = documents if Path(documents).is_dir() else str(Path.home())
    opened = []
    when_modal(QFileDialog, lambda box: (opened.append(box.directory().path()), box.reject()))
    actions.export_pdf(window, db, number, "a4")
    assert opened == [expected]
    assert opened != [str(tmp_path)]


def test_in_portuguese_the_preview_is_titled_and_its_paper_named_in_portuguese(
    qtbot, db, window, number
):
    set_language("pt_BR")
    dialog = actions.preview(window, db, number, "receipt")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == f"Instruções de devolução — {number}"
    assert dialog.format_combo.currentText() == "Bobina de cupom 80 mm"
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert " Papel " in labels
