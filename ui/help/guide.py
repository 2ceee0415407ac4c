"""The short user guide inside the app: a few pages of HTML from resources/guide.

Each language has a folder (resources/guide/en, resources/guide/pt_BR) of pages named
`NN-topic.html`, read in order; a page's title is its first <h1>. Keys are never typed in a
page: `[[new_return]]` stands for the shortcut of that action or dialog key in ui/actions.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources import files

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desk.i18n.catalog import LANGUAGE_NAMES, _, language
from ui.actions import Act, Key, dialog_keys, sequences

LANGUAGES = LANGUAGE_NAMES
"""The guide's languages, each in its own words."""
_PLACEHOLDER = re.compile(r"\[\[([a-z_]+)\]\]")
_TITLE = re.compile(r"<h1>(.*?)</h1>", re.S)


@dataclass(frozen=True)
class GuidePage:
    """One page of the guide: its title and its HTML (keys filled in)."""

    title: str
    html: str


def _key_words(name: str) -> str:
    for kind in (Act, Key):
        try:
            found = sequences(kind(name))
        except ValueError:
            continue
        # the key's name in the desk's language ("Espaço"), by Qt's own catalog
        return found[0].toString(QKeySequence.NativeText) if found else _("(no key)")
    raise KeyError(f"the guide names a key that ui/actions.py does not have: {name}")


def fill_keys(html: str) -> str:
    """Put the registry's shortcut in place of each `[[name]]` (an Act or a Key value)."""
    return _PLACEHOLDER.sub(lambda m: f"<b>{_key_words(m.group(1))}</b>", html)


def guide_pages(language: str) -> list[GuidePage]:
    """The guide's pages in `language` (English when there is no folder for it), in order."""
    folder = files("resources").joinpath("guide", language)
    if not folder.is_dir():
        folder = files("resources").joinpath("guide", "en")
    pages = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".html"):
            html = fill_keys(entry.read_text(encoding="utf-8"))
            found = _TITLE.search(html)
            title = re.sub(r"<[^>]+>", "", found.group(1)).strip() if found else entry.name
            pages.append(GuidePage(title, html))
    return pages


class GuideDialog(QDialog):
    """The guide: page titles on the left, the page on the right, a language choice."""

    def __init__(self, language_code: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Return Desk — user guide"))
        shown = language_code or language()  # the desk's language unless told
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(shown), 0))
        self.titles = QListWidget()
        self.page = QTextBrowser()
        self.page.setOpenExternalLinks(False)
        splitter = QSplitter()
        splitter.addWidget(self.titles)
        splitter.addWidget(self.page)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([220, 560])
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Language")))
        top.addWidget(self.language)
        top.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.pages: list[GuidePage] = []
        self.titles.currentRowChanged.connect(self.show_page)
        self.language.currentIndexChanged.connect(lambda _: self.load())
        dialog_keys(self, accept=self.accept)
        self.load()
        self.resize(820, 560)

    def load(self) -> None:
        """Read the pages of the chosen language and show the first."""
        self.pages = guide_pages(self.language.currentData())
        self.titles.blockSignals(True)
        self.titles.clear()
        self.titles.addItems([p.title for p in self.pages])
        self.titles.blockSignals(False)
        self.titles.setCurrentRow(0)
        self.show_page(0)

    def show_page(self, row: int) -> None:
        """Show page `row` (nothing when out of range)."""
        if 0 <= row < len(self.pages):
            self.page.setHtml(self.pages[row].html)
