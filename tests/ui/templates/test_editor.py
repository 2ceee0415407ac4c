"""The template editor, driven through its real widgets over a real SQLite file."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from sqlmodel import select

from desk.messages import template_store, templating
from desk.models import MessageTemplate
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, get_detail, save_return
from ui import prompts
from ui.templates.editor import TemplateEditor


def add_return(db, name, email="ana@example.com"):
    with db.session() as session:
        return save_return(
            session=session,
            draft=ReturnDraft(
                reason="defective",
                lines=[LineDraft(sku="KETTLE-01", description="Kettle", unit_price_cents=2990)],
                new_customer=CustomerDraft(name=name, email=email),
            ),
        )


def open_editor(qtbot, db, event="refunded", language="en", part="text"):
    editor = TemplateEditor(db)
    qtbot.addWidget(editor)
    editor.show()
    choose(editor, event, language, part)
    return editor


def choose(editor, event, language, part):
    rows = [editor.event_list.item(i).data(Qt.UserRole) for i in range(editor.event_list.count())]
    editor.event_list.setCurrentRow(rows.index(event))
    editor.language_combo.setCurrentIndex(editor.language_combo.findData(language))
    editor.part_tabs.setCurrentIndex(list(template_store.PARTS).index(part))
    assert editor.selected_key() == (event, language, part)


def type_at_end(qtbot, editor, text):
    editor.editor.setFocus()
    editor.editor.moveCursor(QTextCursor.End)
    for i, line in enumerate(text.split("\n")):
        if i:
            qtbot.keyClick(editor.editor, Qt.Key_Return)
        qtbot.keyClicks(editor.editor, line)


def problems(editor):
    return [editor.problem_list.item(i).text() for i in range(editor.problem_list.count())]


def wait_checked(qtbot, editor):
    qtbot.waitUntil(lambda: not editor._check_timer.isActive(), timeout=2000)


def saved_rows(db):
    with db.session() as session:
        return session.exec(select(MessageTemplate)).all()


@pytest.fixture
def answers(monkeypatch):
    """Answer every question with the next value of the list (yes when it runs out)."""
    given: list[bool] = []
    asked: list[str] = []

    def ask(parent, title, question):
        asked.append(title)
        return given.pop(0) if given else True

    monkeypatch.setattr(prompts, "ask_yes_no", ask)
    return given, asked


def test_edit_check_save_and_reset(qtbot, db, answers):
    ret = add_return(db, "Ana Souza")
    editor = open_editor(qtbot, db)
    default = editor.editor.toPlainText()
    assert default.strip()
    preview = editor.preview.plain_view.toPlainText()
    assert "Ana" in preview and ret.number in preview
    assert editor.preview.return_combo.currentText() == f"{ret.number} — Ana Souza"
    assert problems(editor) == ["No problems found."]

    type_at_end(qtbot, editor, "\n{{ custmer.name }}")
    wait_checked(qtbot, editor)
    line = len(editor.editor.toPlainText().splitlines())
    assert any(p.startswith(f"Line {line}:") and "custmer" in p for p in problems(editor))
    assert len(editor.editor.extraSelections()) == 1
    assert not editor.save_button.isEnabled()
    qtbot.keyClick(editor.editor, Qt.Key_S, Qt.ControlModifier)
    assert "fix the problems" in editor.status_label.text()
    assert saved_rows(db) == []

    editor.editor.setPlainText("")
    type_at_end(qtbot, editor, "Thanks {{ customer.first_name }}!")
    wait_checked(qtbot, editor)
    assert problems(editor) == ["No problems found."]
    assert editor.editor.extraSelections() == []
    assert editor.preview.plain_view.toPlainText().strip() == "Thanks Ana!"
    assert editor.save_button.isEnabled()
    qtbot.keyClick(editor.editor, Qt.Key_S, Qt.ControlModifier)
    rows = saved_rows(db)
    assert [(r.event, r.language, r.part) for r in rows] == [("refunded", "en", "text")]
    assert editor.part_tabs.tabText(editor.part_tabs.currentIndex()).endswith("•")
    assert editor.event_list.currentItem().text().endswith("edited")
    with db.session() as session:
        detail = get_detail(session, return_id=ret.id)
        assert templating.render_message(session, detail, "refunded").text.strip() == "Thanks Ana!"

    qtbot.mouseClick(editor.reset_button, Qt.LeftButton)
    assert answers[1] == ["Reset to default"]
    assert saved_rows(db) == []
    assert editor.editor.toPlainText() == default
    assert not editor.reset_button.isEnabled()


def test_switching_with_unsaved_changes_asks(qtbot, db, answers):
    add_return(db, "Ana Souza")
    given, asked = answers
    editor = open_editor(qtbot, db)
    type_at_end(qtbot, editor, " changed")
    given.append(False)  # keep editing
    editor.part_tabs.setCurrentIndex(list(template_store.PARTS).index("sms"))
    assert asked == ["Unsaved changes"]
    assert editor.selected_key() == ("refunded", "en", "text")
    assert editor.editor.toPlainText().endswith(" changed")
    given.append(True)  # discard
    editor.language_combo.setCurrentIndex(editor.language_combo.findData("pt_BR"))
    assert editor.selected_key() == ("refunded", "pt_BR", "text")
    assert not editor.editor.toPlainText().endswith(" changed")
    assert not editor.is_dirty()


def test_html_preview_escapes_customer_data(qtbot, db, answers):
    add_return(db, "<b>Ana</b> Souza")
    editor = open_editor(qtbot, db, part="html")
    assert editor.preview.stack.currentWidget() is editor.preview.browser
    assert "<b>Ana</b>" in editor.preview.browser.toPlainText()
    assert editor.preview.subject_label.text().startswith("Subject: ")


def test_sms_shows_length(qtbot, db, answers):
    add_return(db, "Ana Souza")
    editor = open_editor(qtbot, db, part="sms")
    assert "characters" in editor.preview.count_label.text()


def test_variable_double_click_inserts_it(qtbot, db, answers):
    add_return(db, "Ana Souza")
    editor = open_editor(qtbot, db)
    editor.editor.setPlainText("")
    item = editor.variable_list.item(0)
    rect = editor.variable_list.visualItemRect(item)
    viewport = editor.variable_list.viewport()
    qtbot.mouseClick(viewport, Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.LeftButton, pos=rect.center())
    assert editor.editor.toPlainText() == f"{{{{ {item.data(Qt.UserRole)} }}}}"


def test_rendering_error_is_a_problem_not_a_crash(qtbot, db, answers):
    add_return(db, "Ana Souza")
    editor = open_editor(qtbot, db)
    editor.editor.setPlainText("{{ customer.__class__.__mro__ }}")
    editor.check_now()
    assert problems(editor) != ["No problems found."]
    assert not editor.save_button.isEnabled()


def test_without_returns_the_editor_still_works(qtbot, db, answers):
    editor = open_editor(qtbot, db)
    assert editor.preview.return_combo.count() == 0
    assert "Log a return" in editor.preview.note_label.text()
    assert problems(editor) == ["No problems found."]


def test_main_window_opens_one_editor(qtbot, db, answers):
    from ui.actions import Act
    from ui.main_window import MainWindow

    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    action = win.actions_[Act.TEMPLATES]
    assert action.shortcut().toString() == "Ctrl+T"
    action.trigger()
    editor = win.findChild(TemplateEditor)
    assert editor is not None and editor.isVisible()
    action.trigger()
    assert win.findChildren(TemplateEditor) == [editor]
    editor.close()
    assert not editor.isVisible()


def test_syntax_error_names_its_line_and_click_goes_there(qtbot, db, answers):
    add_return(db, "Ana Souza")
    editor = open_editor(qtbot, db, part="subject")
    editor.editor.setPlainText("Hi\nthere\n{% if %}")
    editor.check_now()
    assert problems(editor)[0].startswith("Line 3:")
    editor.editor.moveCursor(QTextCursor.Start)
    qtbot.mouseClick(
        editor.problem_list.viewport(),
        Qt.LeftButton,
        pos=editor.problem_list.visualItemRect(editor.problem_list.item(0)).center(),
    )
    assert editor.editor.textCursor().blockNumber() == 2
    assert editor.source.cursor_label.text() == "Line 3, column 1"
