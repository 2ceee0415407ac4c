"""Which message the template editor shows: the event, the language and the part.

`MessageChooser` owns the three selectors (they sit in different columns of the editor),
says when any of them changes, and marks the events and parts the shop has edited; the
words the editor says about one part (saved, reset) are here too.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QListView,
    QListWidget,
    QListWidgetItem,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from desk.codes import Event
from desk.i18n.catalog import _, language
from desk.labels import LANGUAGES
from desk.messages import template_store
from desk.messages.context import LANGUAGES as TEMPLATE_LANGUAGES
from ui.widgets.look import tab_look

Key = tuple[str, str, str]
"""An event, a language and a part: one template."""


class MessageChooser(QObject):
    """The event list, the language combo and the part tabs; `changed` when one moves."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.event_list = WholeList()
        self.event_list.setObjectName("events")
        for event in Event:
            item = QListWidgetItem(_(event.label))
            item.setData(Qt.UserRole, event.value)
            self.event_list.addItem(item)
        self.event_list.fit()
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("language")
        for code in TEMPLATE_LANGUAGES:
            self.language_combo.addItem(LANGUAGES.get(code, code), code)
        # the desk's language first: a Portuguese desk opens on the Portuguese templates
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(language())))
        self.part_tabs = QTabBar()
        tab_look(self.part_tabs)
        self.part_tabs.setObjectName("parts")
        self.part_tabs.setExpanding(False)
        self.part_tabs.setUsesScrollButtons(False)  # every part's name whole, at 1024x700 too
        for part in template_store.PARTS:
            self.part_tabs.addTab(part_label(part))
            self.part_tabs.setTabData(self.part_tabs.count() - 1, part)
        self.event_list.currentRowChanged.connect(lambda _: self.changed.emit())
        self.language_combo.currentIndexChanged.connect(lambda _: self.changed.emit())
        self.part_tabs.currentChanged.connect(lambda _: self.changed.emit())

    def key(self) -> Key:
        """The event, language and part the selectors point at."""
        item = self.event_list.currentItem()
        event = item.data(Qt.UserRole) if item else Event.ACKNOWLEDGED.value
        part = self.part_tabs.tabData(self.part_tabs.currentIndex())
        return event, self.language_combo.currentData(), part

    def select(self, key: Key) -> None:
        """Point the selectors at `key` without saying `changed`."""
        event, language, part = key
        selectors = (self.event_list, self.language_combo, self.part_tabs)
        for widget in selectors:
            widget.blockSignals(True)
        self.event_list.setCurrentRow([e.value for e in Event].index(event))
        self.language_combo.setCurrentIndex(self.language_combo.findData(language))
        self.part_tabs.setCurrentIndex(list(template_store.PARTS).index(part))
        for widget in selectors:
            widget.blockSignals(False)

    def mark_edited(self, edited_parts: dict[str, frozenset[str]]) -> frozenset[str]:
        """Mark the events and the current event's parts the shop has edited (as
        template_store.edited_parts gives them); return the current event's edited parts."""
        current: frozenset[str] = frozenset()
        for row in range(self.event_list.count()):
            item = self.event_list.item(row)
            edited = edited_parts.get(item.data(Qt.UserRole), frozenset())
            item.setText(event_text(Event(item.data(Qt.UserRole)), edited=bool(edited)))
            if row == self.event_list.currentRow():
                current = edited
        for index, part in enumerate(template_store.PARTS):
            self.part_tabs.setTabText(index, part_label(part) + (" •" if part in current else ""))
        return current


class WholeList(QListWidget):
    """A list as tall as its rows, a long name wrapped onto a second line: nothing scrolls
    and nothing is cut off, at 1024×700 and in a language longer than English too."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.ElideNone)
        self.setResizeMode(QListView.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)

    def fit(self) -> None:
        """Take the height of every row as wrapped at the list's width now."""
        self.doItemsLayout()  # the rows as wrapped at this width, not as last laid out
        height = self.contentsSize().height() + 2 * self.frameWidth() + 4
        if height != self.height():
            self.setFixedHeight(height)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.fit()


def part_label(part: str) -> str:
    """The name staff read for a part ("Email (HTML)"), in the desk's language."""
    label = template_store.PART_LABELS.get(part)
    return _(label) if label else part


def event_text(event: Event, *, edited: bool) -> str:
    """An event's line in the list: its name, and a mark when the shop has edited it."""
    if edited:
        # TRANSLATORS: a message in the template editor's list that the shop has reworded
        return _("{message} • edited").format(message=_(event.label))
    return _(event.label)


def saved_text(key: Key, *, simple: bool) -> str:
    """What the editor says once part `key` is saved (`simple`: the whole email was)."""
    event, _language, part = key
    message = _(Event(event).label)
    if simple:
        return _("Saved the email (HTML and plain text) of “{message}”.").format(message=message)
    return _("Saved {part} of “{message}”.").format(part=part_label(part), message=message)


def reset_question(key: Key) -> str:
    """The question asked before part `key` goes back to the default wording."""
    event, language, part = key
    return _("Replace your {part} of “{message}” ({language}) with the default wording?").format(
        part=part_label(part),
        message=_(Event(event).label),
        language=LANGUAGES.get(language, language),
    )


def column(*widgets: QWidget) -> QWidget:
    """The widgets stacked in a column without margins."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    return holder
