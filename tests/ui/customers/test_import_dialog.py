"""The import dialog: load a CSV, see mapping and preview, check, import in the background."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func
from sqlmodel import select

from desk.i18n.catalog import set_language
from desk.models import Customer
from tests.ui.widget_fit import cut_widgets
from ui.customers.import_dialog import NOT_IMPORTED, PREVIEW_ROWS, ImportDialog

TILL = (
    "\ufeffCódigo;Nome;E-mail;Celular;Cliente desde;Pedidos;Total gasto\n"
    "C1;Ana Souza;ana@example.com;;2021-05-02;3;120,50\n"
    "C2;Bruno Lima;bruno@;;;;\n"
    "C3;Ana S.;ANA@EXAMPLE.COM;+351 912 345 678;01/02/2020;5;200\n"
    + "".join(f"C{n};Cliente {n};c{n}@example.com;;;;\n" for n in range(4, 16))
)


@pytest.fixture
def dialog(qtbot, db):
    dlg = ImportDialog(db)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def customer_count(db) -> int:
    with db.session() as session:
        return session.exec(select(func.count()).select_from(Customer)).one()


def load(qtbot, dialog, path) -> bool:
    """Load `path` in the dialog (it reads in the background); whether it was readable."""
    with qtbot.waitSignal(dialog.file_loaded, timeout=5000) as loaded:
        dialog.load_file(path)
    return loaded.args[0]


def cell(table, row: int, column: int) -> str:
    return table.item(row, column).text()


def test_load_check_and_import(qtbot, dialog, db, tmp_path):
    path = tmp_path / "till.csv"
    path.write_bytes(TILL.encode("utf-8"))
    assert load(qtbot, dialog, path)
    # mapping guessed from the Portuguese header
    assert dialog.combos["name"].currentText() == "2 · Nome"
    assert dialog.combos["phone"].currentText() == "4 · Celular"
    assert dialog.combos["preferred_language"].currentData() == NOT_IMPORTED
    assert dialog.mapping()["lifetime_spend"] == 6
    # preview: the first rows, columns as mapped, the bad row says why
    preview = dialog.preview
    assert preview.rowCount() == PREVIEW_ROWS
    headers = [preview.horizontalHeaderItem(c).text() for c in range(preview.columnCount())]
    assert headers[:4] == ["Row", "Problem", "Name", "Email"]
    assert [cell(preview, 0, c) for c in range(4)] == ["2", "", "Ana Souza", "ana@example.com"]
    assert cell(preview, 1, 1) == "bad email “bruno@”"
    assert not dialog.import_button.isEnabled()

    qtbot.mouseClick(dialog.check_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.plan is not None)
    summary = dialog.summary_label.text()
    assert "<b>13</b> new customers" in summary
    assert "<b>1</b> row merged" in summary
    assert "<b>1</b> row rejected" in summary
    assert dialog.rejected_list.item(0).text() == "row 3: bad email “bruno@”"
    assert customer_count(db) == 0  # checking writes nothing

    with qtbot.waitSignal(dialog.imported, timeout=10_000) as done:
        qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    report = done.args[0]
    assert (report.created, report.merged, report.rejected) == (13, 1, 1)
    assert "Done: <b>13</b> created, <b>1</b> merged, <b>1</b> rejected." in (
        dialog.summary_label.text()
    )
    assert customer_count(db) == 13
    with db.session() as session:
        ana = session.exec(select(Customer).where(Customer.external_ref == "C1")).one()
    assert (ana.name, ana.phone, ana.orders_count) == ("Ana Souza", "+351912345678", 5)
    assert ana.lifetime_spend_cents == 20000


def test_changing_the_mapping_needs_a_new_check(qtbot, dialog, tmp_path):
    path = tmp_path / "till.csv"
    path.write_bytes(TILL.encode("utf-8"))
    load(qtbot, dialog, path)
    qtbot.mouseClick(dialog.check_button, Qt.LeftButton)
    qtbot.waitUntil(dialog.import_button.isEnabled)
    email = dialog.combos["email"]
    email.setCurrentIndex(email.findData(NOT_IMPORTED))
    assert not dialog.import_button.isEnabled()
    headers = [dialog.preview.horizontalHeaderItem(c).text() for c in range(4)]
    assert headers == ["Row", "Problem", "Name", "Phone"]


def test_non_utf8_file_shows_the_plain_error(qtbot, dialog, db, tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("Nome;E-mail\nJos\xe9;jose@example.com\n".encode("latin-1"))
    assert not load(qtbot, dialog, path)
    assert dialog.error_label.isVisible()
    assert "not a UTF-8" in dialog.error_label.text()
    assert "CSV UTF-8" in dialog.error_label.text()
    assert not dialog.check_button.isEnabled()
    assert not dialog.import_button.isEnabled()
    assert customer_count(db) == 0


def test_a_customer_added_after_the_check_is_merged_into(qtbot, dialog, db, tmp_path):
    path = tmp_path / "till.csv"
    path.write_bytes(TILL.encode("utf-8"))
    load(qtbot, dialog, path)
    qtbot.mouseClick(dialog.check_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.plan is not None)
    assert "<b>13</b> new customers" in dialog.summary_label.text()
    with db.session() as session:  # another desk adds customer 4 meanwhile
        session.add(Customer(name="Cliente Quatro", email="c4@example.com"))
        session.commit()
    with qtbot.waitSignal(dialog.imported, timeout=10_000) as done:
        qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert (done.args[0].created, done.args[0].merged) == (12, 2)
    assert "Done: <b>12</b> created, <b>2</b> merged" in dialog.summary_label.text()
    assert customer_count(db) == 13  # not 14: customer 4 is there once
    with db.session() as session:
        four = session.exec(select(Customer).where(Customer.email == "c4@example.com")).one()
    assert (four.name, four.external_ref) == ("Cliente Quatro", "C4")


SAMPLES = Path(__file__).resolve().parents[2] / "desk" / "customers" / "samples"


def test_a_till_export_is_recognised_and_its_bad_phone_left_out(qtbot, dialog, db):
    assert load(qtbot, dialog, SAMPLES / "shopify_customers.csv")
    assert dialog.format_label.isVisible()
    assert "Recognised: <b>Shopify customers export</b>" in dialog.format_label.text()
    assert dialog.combos["first_name"].currentText() == "2 · First Name"
    assert dialog.combos["phone_2"].currentText() == "13 · Default Address Phone"
    assert dialog.combos["name"].currentData() == NOT_IMPORTED
    headers = [dialog.preview.horizontalHeaderItem(c).text() for c in range(4)]
    assert headers == ["Row", "Problem", "First name", "Last name"]
    assert cell(dialog.preview, 2, 1).startswith("bad phone “999”")  # row 4, still imported
    qtbot.mouseClick(dialog.check_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.plan is not None)
    assert "<b>4</b> new customers" in dialog.summary_label.text()
    assert "<b>1</b> bad email or phone left out" in dialog.summary_label.text()
    assert dialog.rejected_list.item(0).text().startswith("row 4: bad phone “999”")
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    with db.session() as session:
        lea = session.exec(select(Customer).where(Customer.external_ref == "7398802653252")).one()
    assert (lea.name, lea.email, lea.phone) == ("Léa Dubois", "lea.dubois@example.fr", None)


def test_a_plain_file_says_its_columns_were_matched_by_name(qtbot, dialog, tmp_path):
    path = tmp_path / "till.csv"
    path.write_bytes(TILL.encode("utf-8"))
    assert load(qtbot, dialog, path)
    assert dialog.format_label.text() == "Columns chosen by their names; check them below."


def test_rows_of_erased_customers_are_counted_not_shown(qtbot, dialog, db, tmp_path):
    from desk.customers.privacy import erase_customer

    with db.session() as session:
        session.add(Customer(name="Léa Dubois", email="lea.dubois@example.fr"))
        session.commit()
        lea_id = session.exec(select(Customer.id)).one()
    erase_customer(db, lea_id, staff="Marta")
    assert load(qtbot, dialog, SAMPLES / "shopify_customers.csv")
    qtbot.mouseClick(dialog.check_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.plan is not None)
    assert "<b>3</b> new customers" in dialog.summary_label.text()
    assert "1 row skipped: erased customers" in dialog.summary_label.text()
    listed = [dialog.rejected_list.item(i).text() for i in range(dialog.rejected_list.count())]
    assert listed == ["1 row skipped: erased customers."]  # Léa's bad phone is not shown
    with qtbot.waitSignal(dialog.imported, timeout=10_000) as done:
        qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert done.args[0].erased == 1
    assert "1 row skipped: erased customers." in dialog.summary_label.text()
    assert customer_count(db) == 1 + 3


def test_closing_while_reading_a_big_file_raises_nothing(qtbot, db, tmp_path):
    import shiboken6

    from ui import background

    path = tmp_path / "big.csv"
    path.write_bytes(
        TILL.encode("utf-8")
        + b"".join(f"X{n};Cliente {n};x{n}@example.com;;;;\n".encode() for n in range(50_000))
    )
    qtbot.waitUntil(lambda: background.running_jobs() == 0, timeout=5000)
    dlg = ImportDialog(db)
    dlg.setAttribute(Qt.WA_DeleteOnClose)
    dlg.show()
    with qtbot.captureExceptions() as exceptions:
        dlg.load_file(path)
        assert background.running_jobs() == 1  # still reading
        dlg.done(0)  # closes and deletes, even while busy
        qtbot.waitUntil(lambda: not shiboken6.isValid(dlg), timeout=2000)
        qtbot.waitUntil(lambda: background.running_jobs() == 0, timeout=10_000)
    assert exceptions == []


def test_file_menu_opens_the_dialog(qtbot, db):
    from ui.actions import Act
    from ui.main_window import MainWindow

    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    file_menu = win.menuBar().actions()[0].menu()
    action = win.actions_[Act.IMPORT_CUSTOMERS]
    assert action in file_menu.actions()
    assert action.text() == "&Import customers…"
    action.trigger()
    qtbot.waitUntil(lambda: isinstance(win.active_dialog, ImportDialog))
    win.active_dialog.close()


def test_in_portuguese_the_dialog_checks_and_imports_in_brazilian_words(qtbot, db, tmp_path):
    set_language("pt_BR")
    dlg = ImportDialog(db)
    qtbot.addWidget(dlg)
    dlg.resize(1024, 700)
    dlg.show()
    path = tmp_path / "till.csv"
    path.write_bytes(TILL.encode("utf-8"))
    assert load(qtbot, dlg, path)
    assert dlg.windowTitle() == "Importar clientes"
    assert dlg.summary_label.text() == "15 linhas no arquivo. Clique em Verificar."
    headers = [dlg.preview.horizontalHeaderItem(c).text() for c in range(2)]
    assert headers == ["Linha", "Problema"]
    assert dlg.combos["preferred_language"].currentText() == "— não importar —"
    qtbot.mouseClick(dlg.check_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dlg.plan is not None)
    assert dlg.summary_label.text().endswith(". Clique em Importar para salvar.")
    with qtbot.waitSignal(dlg.imported, timeout=10_000):
        qtbot.mouseClick(dlg.import_button, Qt.LeftButton)
    assert dlg.summary_label.text().startswith(
        "Pronto: <b>13</b> criados, <b>1</b> unificados, <b>1</b> recusados."
    )
    assert cut_widgets(dlg) == []
