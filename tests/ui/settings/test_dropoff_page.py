"""The Drop-off points tab, driven through its real widgets over a real SQLite file."""

import pytest
from PySide6.QtCore import Qt

from desk.instructions.dropoff import DropOffDraft, load_points, save_dropoff_point
from ui import prompts
from ui.settings.dialog import SettingsDialog
from ui.settings.dropoff_page import DropOffPage


@pytest.fixture
def page(qtbot, db):
    widget = DropOffPage(db)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def stored(db, active_only=False):
    return load_points(db, active_only=active_only)


def cells(page, row):
    return [page.table.item(row, c).text() for c in range(page.table.columnCount())]


def add_stored(db, name, **kinds):
    return save_dropoff_point(db, DropOffDraft(name=name, address=f"{name} street", **kinds))


def test_empty_page_says_so_and_only_add_works(page):
    assert page.table.rowCount() == 0
    assert page.empty.isVisible()
    assert page.add_button.isEnabled()
    assert not page.edit_button.isEnabled()
    assert not page.toggle_button.isEnabled()


def test_add_through_the_form(qtbot, page, db):
    qtbot.mouseClick(page.add_button, Qt.LeftButton)
    form = page.form
    assert form.isVisible()
    qtbot.keyClicks(form.name, "Ecoponto Vila Mariana")
    qtbot.keyClicks(form.address, "Rua Dr. Fabricio Vampre 120")
    qtbot.keyClick(form.address, Qt.Key_Return)
    form.address.insertPlainText("São Paulo")  # QTest types ASCII only
    qtbot.keyClicks(form.hours, "Mon-Sat 6:00-22:00")
    form.recycling.setChecked(True)
    form.donation.setChecked(True)
    qtbot.keyClicks(form.categories, "electronics, batteries")
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(form.save_button, Qt.LeftButton)
    assert not form.isVisible()
    [point] = stored(db)
    assert point.name == "Ecoponto Vila Mariana"
    assert point.address == "Rua Dr. Fabricio Vampre 120\nSão Paulo"
    assert point.accepts_recycling and point.accepts_donation and not point.accepts_reuse
    assert point.categories == "electronics, batteries"
    assert cells(page, 0) == [
        "Ecoponto Vila Mariana",
        "Rua Dr. Fabricio Vampre 120, São Paulo",
        "Mon-Sat 6:00-22:00",
        "Recycling, Donation",
        "Yes",
    ]
    assert page.selected_id() == point.id
    assert not page.empty.isVisible()


def test_missing_fields_are_marked_and_what_was_typed_stays(qtbot, page, db):
    qtbot.mouseClick(page.add_button, Qt.LeftButton)
    form = page.form
    qtbot.keyClicks(form.hours, "Tue-Sat 9:00-17:00")
    form.reuse.setChecked(True)
    qtbot.mouseClick(form.save_button, Qt.LeftButton)
    assert form.isVisible()
    assert form.errors["name"].shown
    assert form.errors["address"].shown
    assert form.name.property("error") is True
    assert form.hours.text() == "Tue-Sat 9:00-17:00"
    assert form.reuse.isChecked()
    assert stored(db) == []
    qtbot.keyClicks(form.name, "Repair cafe")
    qtbot.mouseClick(form.save_button, Qt.LeftButton)
    assert form.isVisible()
    assert not form.errors["name"].shown
    assert form.errors["address"].shown
    qtbot.keyClicks(form.address, "Rua dos Pinheiros 500")
    qtbot.mouseClick(form.save_button, Qt.LeftButton)
    assert not form.isVisible()
    assert [p.name for p in stored(db)] == ["Repair cafe"]


def test_edit_the_selected_point(qtbot, db, page):
    first = add_stored(db, "Ecoponto", accepts_recycling=True)
    add_stored(db, "Bazar", accepts_donation=True)
    page.reload()
    page.table.selectRow(0)
    qtbot.mouseClick(page.edit_button, Qt.LeftButton)
    form = page.form
    assert form.name.text() == "Ecoponto"
    assert form.recycling.isChecked()
    form.name.clear()
    qtbot.keyClicks(form.name, "Ecoponto Pinheiros")
    form.reuse.setChecked(True)
    qtbot.mouseClick(form.save_button, Qt.LeftButton)
    points = stored(db)
    assert [p.name for p in points] == ["Ecoponto Pinheiros", "Bazar"]
    assert points[0].id == first.id
    assert points[0].accepts_reuse and points[0].accepts_recycling
    assert cells(page, 0)[3] == "Reuse, Recycling"
    assert page.selected_id() == first.id


def test_deactivate_asks_naming_the_point_then_reactivate(qtbot, db, page, monkeypatch):
    point = add_stored(db, "Bazar Solidário", accepts_donation=True)
    page.reload()
    page.table.selectRow(0)
    asked = []
    answer = [False]
    monkeypatch.setattr(
        prompts, "ask_yes_no", lambda parent, title, text: asked.append(text) or answer[0]
    )
    assert page.toggle_button.text() == "Deactivate"
    qtbot.mouseClick(page.toggle_button, Qt.LeftButton)
    assert "“Bazar Solidário”" in asked[0]
    assert stored(db, active_only=True) != []  # said no: nothing changed
    answer[0] = True
    qtbot.mouseClick(page.toggle_button, Qt.LeftButton)
    assert stored(db, active_only=True) == []
    assert [p.id for p in stored(db)] == [point.id]  # kept, not deleted
    assert cells(page, 0)[4] == "No"
    assert page.toggle_button.text() == "Reactivate"
    qtbot.mouseClick(page.toggle_button, Qt.LeftButton)
    assert len(asked) == 2  # reactivating does not ask
    assert [p.id for p in stored(db, active_only=True)] == [point.id]
    assert cells(page, 0)[4] == "Yes"


def test_settings_dialog_has_the_tab(qtbot, db, monkeypatch):
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *args: True)
    add_stored(db, "Ecoponto", accepts_recycling=True)
    dialog = SettingsDialog(db)
    qtbot.addWidget(dialog)
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert "Drop-off points" in titles
    assert dialog.tabs.widget(titles.index("Drop-off points")) is dialog.dropoff_page
    assert dialog.dropoff_page.table.rowCount() == 1
    assert "policy.new.window_days" in dialog.pages["Return policy"].fields


def test_in_portuguese_the_list_and_the_form_speak_portuguese(qtbot, db):
    from desk.i18n.catalog import set_language

    set_language("pt_BR")
    add_stored(db, "Ecoponto", accepts_recycling=True)
    widget = DropOffPage(db)
    qtbot.addWidget(widget)
    heads = [widget.table.horizontalHeaderItem(c).text() for c in range(5)]
    assert heads == ["Nome", "Endereço", "Horário", "Aceita", "Ativo"]
    assert cells(widget, 0)[3:] == ["Reciclagem", "Sim"]
    widget.table.selectRow(0)
    assert widget.toggle_button.text() == "Desativar"
    widget.edit_point()
    assert widget.form.windowTitle() == "Editar “Ecoponto”"
    assert widget.form.recycling.text() == "Reciclagem" and widget.form.recycling.isChecked()
    widget.form.reject()
