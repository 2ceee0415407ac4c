"""The template editor's simple mode: the mode switch, the insert buttons and placeholders,
and the highlighting that shows placeholders and choices readably.

The markup itself (and making HTML and text from it) is desk.messages.simple_mode.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desk.i18n.catalog import N_, _
from desk.messages import simple_mode
from desk.messages.context import VARIABLES, sample_context, variable_descriptions
from desk.messages.template_editing import RAW, SIMPLE, PartText

Key = tuple[str, str, str]
MODE_LABELS = {SIMPLE: N_("Simple (text)"), RAW: N_("HTML (for experts)")}
SIMPLE_HELP = N_(
    "Write the email as text: a blank line starts a new paragraph, **bold** makes bold. "
    "The HTML and plain-text emails are both made from it, in the shop's layout."
)
RAW_HELP = N_("HTML and Jinja, checked as you type. Saving here keeps this email in HTML mode.")
# TRANSLATORS: the words of a button inserted in an email, selected for the shop to type over
BUTTON_LABEL = N_("Label")
BUTTON_SNIPPET = "[button: {label}](https://)"
MUTED_STYLE = "color: #555;"
LOSSY_SWITCH = N_(
    "The simple mode cannot keep all of this email's HTML (its own styles, tables or other "
    "tags) nor its own plain-text wording: when you save, both are made again from the text. "
    "Switch anyway?"
)


@dataclass(frozen=True)
class Switch:
    """What the editor shows after a mode switch: the `source`, the new saved source to
    compare with (None: unchanged), and whether going ahead `loses` HTML (ask first)."""

    source: str
    saved: str | None = None
    loses: bool = False


def switched_source(shown: PartText, key: Key, mode: str, text: str, dirty: bool) -> Switch:
    """Work out the switch of email part `key` (event, language, part) to `mode`, from the
    `text` in the editor (`dirty` when unsaved) and the email as read (`shown`). Reads
    nothing: the stored sources came with `shown`."""
    event, language, part = key
    email = shown.email
    if mode == RAW and dirty:
        make = simple_mode.simple_html if part == "html" else simple_mode.simple_text
        return Switch(make(text, language))
    if mode == RAW:
        stored = shown.sources[part]
        return Switch(stored, saved=stored)
    if email.mode == SIMPLE and not dirty:
        return Switch(email.simple, saved=email.simple)
    conversion = simple_mode.from_html(text if part == "html" else email.html)
    edited = shown.edited.get(event, frozenset())
    return Switch(conversion.source, loses=not conversion.lossless or "text" in edited)


def placeholders(event: str, language: str) -> list[tuple[str, str]]:
    """The placeholders a simple email of `event` can use, as (name, description): those
    of the message's context, without the ones that only work inside a loop."""
    context = sample_context(language, event=event)
    found = [
        (name, description)
        for name, description in variable_descriptions().items()
        if name.split(".")[0] in context and name != "items" and not name.startswith("item.")
    ]
    known = {name.split(".")[0] for name in VARIABLES}
    found += [(name, "") for name in sorted(context) if name not in known]
    return found


class PlaceholderHighlighter(QSyntaxHighlighter):
    """Shows `{{ placeholders }}` as tinted chips, choices ([items], buttons) in colour and
    **bold** text bold."""

    RULES = (
        (re.compile(r"\{\{.*?\}\}"), "#dbeafe", "#1e3a8a", QFont.DemiBold),
        (re.compile(r"\{%.*?%\}|\{#.*?#\}"), "#f3f4f6", "#6b7280", QFont.Normal),
        (
            re.compile(r"^\s*\[(items|footer|button:[^\]]*\]\s*\([^)]*\))\]?\s*$"),
            "#dcfce7",
            "#166534",
            QFont.DemiBold,
        ),
        (re.compile(r"\*\*[^*]+\*\*"), "", "", QFont.Bold),
    )

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        """Colour one line."""
        for pattern, background, foreground, weight in self.RULES:
            for match in pattern.finditer(text):
                form = QTextCharFormat()
                if background:
                    form.setBackground(QColor(background))
                if foreground:
                    form.setForeground(QColor(foreground))
                form.setFontWeight(weight)
                self.setFormat(match.start(), match.end() - match.start(), form)


def _tool(text: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    return button


class SimpleBar(QWidget):
    """The mode switch of an email part and, in simple mode, the insert buttons.

    `mode_chosen(mode)` is emitted when the user picks another mode; the editor decides
    (it may ask, and call `show_mode` back).
    """

    mode_chosen = Signal(str)

    def __init__(self, edit: QPlainTextEdit, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = edit
        self.highlighter = PlaceholderHighlighter(None)
        self.mode_combo = QComboBox()
        self.mode_combo.setObjectName("mode")
        for mode, label in MODE_LABELS.items():
            self.mode_combo.addItem(_(label), mode)
        self.mode_combo.setToolTip(_("How this email is written"))
        self.help = QLabel()
        self.help.setWordWrap(True)
        self.help.setStyleSheet(MUTED_STYLE)
        self.placeholder_button = QToolButton()
        self.placeholder_button.setObjectName("insertPlaceholder")
        self.placeholder_button.setText(_("Insert placeholder"))
        self.placeholder_button.setToolTip(_("A value filled in for each return, by name"))
        self.placeholder_button.setPopupMode(QToolButton.InstantPopup)
        self.placeholder_menu = QMenu(self.placeholder_button)
        self.placeholder_button.setMenu(self.placeholder_menu)
        self.buttons = {
            "paragraph": _tool(_("Paragraph")),
            "bold": _tool(_("Bold")),
            "button": _tool(_("Button")),
            "items": _tool(_("Items")),
            "footer": _tool(_("Footer")),
        }
        self.buttons["paragraph"].setToolTip(_("Start a new paragraph (a blank line)"))
        self.buttons["bold"].setToolTip(_("Make the selected words bold (**like this**)"))
        self.buttons["button"].setToolTip(_("A button-style link: [button: label](link)"))
        self.buttons["items"].setToolTip(_("The table of returned items: [items]"))
        self.buttons["footer"].setToolTip(
            _("The shop's name, address, hours and contacts, at the bottom: [footer]")
        )
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Write as:")))
        top.addWidget(self.mode_combo)
        top.addStretch(1)
        self.inserts = QWidget()
        row = QHBoxLayout(self.inserts)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.placeholder_button)
        for button in self.buttons.values():
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.inserts)
        layout.addWidget(self.help)
        self.mode_combo.activated.connect(lambda _: self.mode_chosen.emit(self.mode()))
        self.buttons["paragraph"].clicked.connect(lambda: self.insert("\n\n"))
        self.buttons["bold"].clicked.connect(self.make_bold)
        self.buttons["button"].clicked.connect(self.insert_button)
        self.buttons["items"].clicked.connect(lambda: self.insert_line("[items]"))
        self.buttons["footer"].clicked.connect(lambda: self.insert_line("[footer]"))

    def mode(self) -> str:
        """The mode the switch shows."""
        return self.mode_combo.currentData()

    def show_mode(self, mode: str | None) -> None:
        """Show `mode` (None: the part is not an email body, so there is no switch)."""
        self.setVisible(mode is not None)
        simple = mode == SIMPLE
        self.mode_combo.setCurrentIndex(self.mode_combo.findData(mode or RAW))
        self.inserts.setVisible(simple)
        self.help.setText(_(SIMPLE_HELP) if simple else _(RAW_HELP))
        self.highlighter.setDocument(self.edit.document() if simple else None)

    def set_placeholders(self, names: list[tuple[str, str]]) -> None:
        """Offer `names` (name, description) in the placeholder menu."""
        self.placeholder_menu.clear()
        for name, description in names:
            action = self.placeholder_menu.addAction(f"{{{{ {name} }}}}")
            action.setToolTip(_(description) if description else "")
            action.setStatusTip(_(description) if description else "")
            action.triggered.connect(lambda _=False, n=name: self.insert(f"{{{{ {n} }}}}"))

    def insert(self, text: str) -> None:
        """Insert `text` at the cursor."""
        self.edit.insertPlainText(text)
        self.edit.setFocus()

    def insert_line(self, text: str) -> QTextCursor:
        """Insert `text` as a line of its own; return the cursor after it."""
        cursor = self.edit.textCursor()
        cursor.clearSelection()
        if cursor.block().text().strip():
            cursor.movePosition(QTextCursor.EndOfBlock)
            cursor.insertText("\n")
        cursor.insertText(text)
        self.edit.setTextCursor(cursor)
        self.edit.setFocus()
        return cursor

    def insert_button(self) -> None:
        """Insert a button line and select its label, to be typed over."""
        label = _(BUTTON_LABEL)
        cursor = self.insert_line(BUTTON_SNIPPET.format(label=label))
        end = cursor.block().position() + cursor.block().text().index(label)
        cursor.setPosition(end)
        cursor.setPosition(end + len(label), QTextCursor.KeepAnchor)
        self.edit.setTextCursor(cursor)

    def make_bold(self) -> None:
        """Wrap the selection in ** (or insert bold words to type over)."""
        cursor = self.edit.textCursor()
        selected = cursor.selectedText() or _("bold words")
        start = cursor.selectionStart()
        cursor.insertText(f"**{selected}**")
        cursor.setPosition(start + 2)
        cursor.setPosition(start + 2 + len(selected), QTextCursor.KeepAnchor)
        self.edit.setTextCursor(cursor)
        self.edit.setFocus()
