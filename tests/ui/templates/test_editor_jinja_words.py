"""The template editor shows Jinja's errors in the desk's language, with the line and
what to fix (desk.messages.jinja_errors), never Jinja's English."""

from __future__ import annotations

import pytest

from desk.i18n.catalog import set_language
from tests.ui.templates.test_editor import open_editor, problems, type_at_end, wait_checked


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "en",
            "The template ends before the “{% if … %}” block is closed: add “{% endif %}” "
            "where the block should end.",
        ),
        (
            "pt_BR",
            "O modelo termina antes de o bloco “{% if … %}” ser fechado: coloque “{% endif %}” "
            "onde o bloco deve terminar.",
        ),
    ],
)
def test_an_unclosed_if_is_said_in_the_desks_language_with_its_line(qtbot, db, language, said):
    set_language(language)
    editor = open_editor(qtbot, db)
    lines = editor.editor.toPlainText().count("\n") + 1
    type_at_end(qtbot, editor, "\n{% if customer.first_name %}")
    wait_checked(qtbot, editor)
    line = "Line" if language == "en" else "Linha"
    [shown] = problems(editor)
    assert shown.startswith(f"{line} {lines + 1}") and shown.endswith(said), shown
    assert "Jinja was looking" not in shown


def test_a_portuguese_desk_opens_on_the_portuguese_templates(qtbot, db):
    from ui.templates.editor import TemplateEditor

    set_language("pt_BR")
    editor = TemplateEditor(db)
    qtbot.addWidget(editor)
    editor.show()
    wait_checked(qtbot, editor)
    assert editor.selected_key()[1] == "pt_BR"
    assert "abrimos sua devolução" in editor.editor.toPlainText()
