"""The About box: the version, the database in use and the libraries' licences."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.about import app_version, database_label, library_licences
from desk.i18n.catalog import _
from ui.actions import dialog_keys


class AboutDialog(QDialog):
    """Return Desk's version, the database it has open, and what it is built on."""

    def __init__(self, db_url: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("About Return Desk"))
        self.version = app_version()
        self.database = database_label(str(db_url))
        self.header = QLabel(
            f"<h2>Return Desk {escape(self.version)}</h2><p>{{}}</p>".format(
                _("Returns at the counter, from arrival to closing.")
            )
            + _("<p><b>Database:</b> {database}</p>").format(database=escape(self.database))
        )
        self.header.setWordWrap(True)
        self.libraries = library_licences()
        self.table = QTableWidget(len(self.libraries), 3)
        self.table.setHorizontalHeaderLabels([_("Library"), _("Version"), _("Licence")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        for row, lib in enumerate(self.libraries):
            for column, text in enumerate((lib.name, lib.version, lib.licence)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        built_on = QLabel(_("Built on these libraries, each under its own licence:"))
        built_on.setWordWrap(True)
        layout.addWidget(built_on)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        dialog_keys(self, accept=self.accept)
        self.resize(640, 520)
