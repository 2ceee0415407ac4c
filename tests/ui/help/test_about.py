"""The About box: the version, the database without its password, the libraries' licences."""

from __future__ import annotations

from desk.about import app_version
from ui.help.about import AboutDialog
from ui.main_window import MainWindow


def test_about_says_version_database_and_licences(qtbot):
    dialog = AboutDialog("postgresql+psycopg://desk:s3cret@db.shop:5432/returns")
    qtbot.addWidget(dialog)
    text = dialog.header.text()
    assert f"Return Desk {app_version()}" in text
    assert "postgresql+psycopg://desk@db.shop:5432/returns" in text and "s3cret" not in text
    rows = {
        dialog.table.item(r, 0).text().lower(): dialog.table.item(r, 2).text()
        for r in range(dialog.table.rowCount())
    }
    assert rows["sqlalchemy"] == "MIT"
    assert "LGPL" in rows.get("pyside6_essentials", rows.get("pyside6-essentials", ""))


def test_the_help_menu_opens_about_for_the_open_database(qtbot, db):
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.actions_[next(a for a in win.actions_ if a.value == "about")].trigger()
    about = win.active_dialog
    assert isinstance(about, AboutDialog) and about.isVisible()
    assert about.database == db.url.replace(":***@", "@")
    about.close()


def test_in_portuguese_about_speaks_portuguese(qtbot):
    from desk.i18n.catalog import set_language

    set_language("pt_BR")
    dialog = AboutDialog("sqlite:///returns.db")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Sobre o Return Desk"
    assert "<b>Banco de dados:</b> sqlite:///returns.db" in dialog.header.text()
    assert "Devoluções no balcão" in dialog.header.text()
    headers = [dialog.table.horizontalHeaderItem(i).text() for i in range(3)]
    assert headers == ["Biblioteca", "Versão", "Licença"]
