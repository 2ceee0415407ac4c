"""The template editor's widgets and their places: the message, the language and the
variables on the left, the part's source and its problems in the middle, the preview on
the right, the status and the buttons below."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout

from desk.i18n.catalog import _
from desk.messages.context import variable_descriptions
from ui.actions import Key, shortcut_text
from ui.templates.chooser import MessageChooser, column
from ui.templates.preview import TemplatePreview
from ui.templates.simple import SimpleBar
from ui.templates.source import SourcePane, VariableList


def build(editor) -> None:
    """Make the editor's widgets as attributes of `editor` (a TemplateEditor) and lay
    them out."""
    editor.chooser = MessageChooser(editor)
    editor.event_list = editor.chooser.event_list
    editor.language_combo = editor.chooser.language_combo
    editor.part_tabs = editor.chooser.part_tabs
    editor.variables = VariableList(variable_descriptions())
    editor.variable_list = editor.variables.list
    left = column(
        QLabel("<b>{}</b>".format(_("Message"))),
        editor.event_list,
        QLabel("<b>{}</b>".format(_("Language"))),
        editor.language_combo,
        editor.variables,
    )
    left.layout().setStretch(4, 1)
    editor.source = SourcePane()
    editor.editor, editor.problem_list = editor.source.edit, editor.source.problem_list
    editor.editor.setPlaceholderText(_("Loading…"))
    editor.status_label = QLabel()
    editor.status_label.setWordWrap(True)
    editor.save_button = QPushButton(_("&Save"))
    editor.save_button.setToolTip(_("Save this part ({keys})").format(keys=shortcut_text(Key.SAVE)))
    editor.reset_button = QPushButton(_("Reset to default…"))
    editor.close_button = QPushButton(_("Close"))
    buttons = QHBoxLayout()
    buttons.addWidget(editor.status_label, 1)
    for button in (editor.reset_button, editor.save_button, editor.close_button):
        buttons.addWidget(button)
    editor.simple_bar = SimpleBar(editor.editor)
    middle = column(editor.part_tabs, editor.simple_bar, editor.source)
    middle.layout().setStretch(2, 1)
    editor.preview = TemplatePreview(editor._db)
    editor.splitter = QSplitter()
    for widget in (left, middle, editor.preview):
        editor.splitter.addWidget(widget)
    editor.splitter.setSizes([280, 520, 400])
    editor.splitter.setStretchFactor(1, 1)
    layout = QVBoxLayout(editor)
    layout.addWidget(editor.splitter, 1)
    layout.addLayout(buttons)
