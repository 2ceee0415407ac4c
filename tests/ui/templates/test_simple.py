"""The editor's simple mode and its HTML mode for experts, through the real widgets."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from desk.messages import template_store
from desk.messages.simple_mode import SIMPLE_PART
from tests.ui.templates.test_editor import (
    add_return,
    check,
    choose,
    open_editor,
    problems,
    save,
    saved_rows,
    type_at_end,
    wait_checked,
)
from ui import prompts
from ui.templates.editor import TemplateEditor
from ui.templates.simple import BUTTON_LABEL, placeholders


@pytest.fixture
def answers(monkeypatch):
    """Answer each question with the next value of the list (yes when it runs out)."""
    given: list[bool] = []
    asked: list[str] = []

    def ask(parent, title, question):
        asked.append(title)
        return given.pop(0) if given else True

    monkeypatch.setattr(prompts, "ask_yes_no", ask)
    monkeypatch.setattr(prompts, "ask_choice", lambda parent, title, text, **_: ask(0, title, 0))
    return given, asked


def placeholder_action(editor, name):
    [action] = [
        a for a in editor.simple_bar.placeholder_menu.actions() if a.text() == f"{{{{ {name} }}}}"
    ]
    return action


def test_write_in_simple_mode_insert_save_reopen_and_preview(qtbot, db, answers):
    ret = add_return(db, "Ana Souza")
    editor = open_editor(qtbot, db, event="received", part="html", mode="simple")
    assert editor.simple_bar.isVisible() and editor.simple_bar.inserts.isVisible()
    assert "[items]" in editor.editor.toPlainText()  # the default, as simple text
    editor.editor.setPlainText("")
    qtbot.keyClicks(editor.editor, "Hello ")
    placeholder_action(editor, "customer.first_name").trigger()
    qtbot.keyClicks(editor.editor, ", your return is in.")
    qtbot.mouseClick(editor.simple_bar.buttons["button"], Qt.LeftButton)
    assert editor.editor.textCursor().selectedText() == BUTTON_LABEL  # typed over next
    qtbot.keyClicks(editor.editor, "Our shop")
    editor.editor.moveCursor(QTextCursor.EndOfLine)
    editor.editor.moveCursor(QTextCursor.Left)
    qtbot.keyClicks(editor.editor, "shop.example/returns")
    qtbot.mouseClick(editor.simple_bar.buttons["items"], Qt.LeftButton)
    typed = (
        "Hello {{ customer.first_name }}, your return is in.\n"
        "[button: Our shop](https://shop.example/returns)\n[items]"
    )
    assert editor.editor.toPlainText() == typed
    wait_checked(qtbot, editor)
    assert problems(editor) == ["No problems found."]
    html = editor.preview.browser.toHtml()
    assert "Hello Ana, your return is in." in editor.preview.browser.toPlainText()
    assert "https://shop.example/returns" in html and "Our shop" in html
    save(qtbot, editor)
    assert "the email (HTML and plain text)" in editor.status_label.text()
    parts = {row.part for row in saved_rows(db)}
    assert parts == {"html", "text", SIMPLE_PART}
    editor.close()

    again = open_editor(qtbot, db, event="received", part="text", mode="simple")
    assert again.editor.toPlainText() == typed  # the same source, from the text tab too
    assert not again.is_dirty()
    text = again.preview.plain_view.toPlainText()
    assert "Hello Ana, your return is in." in text
    assert "Our shop: https://shop.example/returns" in text and ret.number not in typed


def test_the_placeholders_offered_come_from_the_context(qtbot, db, answers):
    add_return(db, "Ana Souza")
    editor = open_editor(qtbot, db, event="thanks", part="html", mode="simple")
    offered = [a.text() for a in editor.simple_bar.placeholder_menu.actions()]
    assert offered == [f"{{{{ {name} }}}}" for name, _ in placeholders("thanks", "en")]
    assert "{{ reward.code }}" in offered and "{{ item.sku }}" not in offered
    hidden = [
        editor.variable_list.item(i).isHidden()
        for i in range(editor.variable_list.count())
        if editor.variable_list.item(i).text().startswith("item.")
    ]
    assert hidden and all(hidden)  # loop-only names: not in the simple mode


def test_bold_wraps_the_selection(qtbot, db, answers):
    editor = open_editor(qtbot, db, event="received", part="html", mode="simple")
    editor.editor.setPlainText("Please come soon")
    cursor = editor.editor.textCursor()
    cursor.setPosition(7)
    cursor.setPosition(11, QTextCursor.KeepAnchor)
    editor.editor.setTextCursor(cursor)
    qtbot.mouseClick(editor.simple_bar.buttons["bold"], Qt.LeftButton)
    assert editor.editor.toPlainText() == "Please **come** soon"
    qtbot.mouseClick(editor.simple_bar.buttons["footer"], Qt.LeftButton)
    assert editor.editor.toPlainText() == "Please **come** soon\n[footer]"


def test_a_simple_problem_is_shown_on_its_line_and_not_saved(qtbot, db, answers):
    add_return(db, "Ana Souza")
    editor = open_editor(qtbot, db, event="received", part="html", mode="simple")
    editor.editor.setPlainText("Hi,\n\n[button: Go](our shop)\n")
    check(qtbot, editor)
    [problem] = problems(editor)
    assert problem.startswith("Line 3, column 14:") and "not a web address" in problem
    assert len(editor.editor.extraSelections()) == 1
    qtbot.keyClick(editor.editor, Qt.Key_S, Qt.ControlModifier)
    assert "fix the problems" in editor.status_label.text()
    assert editor.editor.textCursor().blockNumber() == 2  # the cursor went to the problem
    assert saved_rows(db) == []


def test_raw_mode_shows_the_broken_style_on_its_line_and_does_not_save(qtbot, db, answers):
    add_return(db, "Ana Souza")
    editor = open_editor(qtbot, db, event="received", part="html", mode="raw")
    assert not editor.simple_bar.inserts.isVisible()
    source = editor.editor.toPlainText()
    assert source == template_store.default_source("received", "en", "html")
    broken = source.replace('<p style="margin:0 0 16px 0;">Hi', '<p style="margin:0 0 16px 0;>Hi')
    editor.editor.setPlainText(broken)
    wait_checked(qtbot, editor)
    [problem] = problems(editor)
    assert problem.startswith("Line 4, column 1: A quote is missing in style=")
    assert "Hi {{ customer.first_name }}," in problem
    [marked] = editor.editor.extraSelections()
    assert marked.cursor.blockNumber() == 3
    editor.editor.moveCursor(QTextCursor.Start)
    qtbot.keyClick(editor.editor, Qt.Key_S, Qt.ControlModifier)
    assert "Not saved: fix the problems" in editor.status_label.text()
    assert editor.editor.textCursor().blockNumber() == 3
    assert editor.editor.toPlainText() == broken and saved_rows(db) == []


def test_a_raw_template_stays_raw_and_going_simple_asks(qtbot, db, answers):
    given, asked = answers
    add_return(db, "Ana Souza")
    editor = open_editor(qtbot, db, event="received", part="html", mode="raw")
    editor.editor.setPlainText(
        editor.editor.toPlainText().replace(
            "<p style", '<p><span style="color:red">Note</span></p>\n<p style', 1
        )
    )
    wait_checked(qtbot, editor)
    save(qtbot, editor)
    editor.close()
    again = open_editor(qtbot, db, event="received", part="html", mode="raw")  # stays raw
    raw = again.editor.toPlainText()
    assert "<span" in raw
    given.append(False)  # Cancel, the default button
    again.switch_mode("simple")
    assert asked == ["Switch to simple mode"]
    assert again.mode == "raw" and again.simple_bar.mode() == "raw"
    assert again.editor.toPlainText() == raw
    given.append(True)
    again.switch_mode("simple")
    assert again.mode == "simple" and "Note" in again.editor.toPlainText()
    assert again.is_dirty()  # nothing is lost until saved


def test_a_simple_email_switched_to_html_shows_its_html_without_asking(qtbot, db, answers):
    given, asked = answers
    editor = open_editor(qtbot, db, event="received", part="html", mode="simple")
    editor.switch_mode("raw")
    assert editor.editor.toPlainText().startswith('{% extends "base.html" %}')
    assert not editor.is_dirty()
    editor.switch_mode("simple")
    assert asked == [] and editor.mode == "simple" and "[items]" in editor.editor.toPlainText()
    assert not editor.is_dirty()


def test_portuguese_simple_email_previews_in_portuguese(qtbot, db, answers):
    add_return(db, "Ana Souza")
    editor = open_editor(qtbot, db, event="received", language="pt_BR", part="html", mode="simple")
    assert editor.editor.toPlainText().startswith("Olá, {{ customer.first_name }}!")
    assert "Olá, Ana!" in editor.preview.browser.toPlainText()
    choose(editor, "received", "en", "html", qtbot)
    wait_checked(qtbot, editor)
    assert "Hi Ana," in editor.preview.browser.toPlainText()


def test_subject_and_sms_have_no_mode_switch(qtbot, db, answers):
    editor = TemplateEditor(db)
    qtbot.addWidget(editor)
    editor.show()
    for part in ("subject", "sms"):
        choose(editor, "received", "en", part, qtbot)
        assert editor.mode is None and not editor.simple_bar.isVisible()
    type_at_end(qtbot, editor, " ok")
    assert editor.is_dirty()


def test_moving_between_the_parts_of_a_simple_email_keeps_the_edit(qtbot, db, answers):
    given, asked = answers
    add_return(db, "Ana Souza")
    editor = open_editor(qtbot, db, event="received", part="html", mode="simple")
    editor.editor.setPlainText("Hi {{ customer.first_name }}, **thanks**.")
    editor.part_tabs.setCurrentIndex(list(template_store.PARTS).index("text"))
    wait_checked(qtbot, editor)
    assert asked == [] and editor.selected_key() == ("received", "en", "text")
    assert editor.editor.toPlainText() == "Hi {{ customer.first_name }}, **thanks**."
    assert editor.preview.plain_view.toPlainText().strip() == "Hi Ana, thanks."
    assert editor.is_dirty()
