"""The template editor, driven through its real widgets over a real SQLite file."""

import pytest
from PySide6.QtCore import Qt, QTimer
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


def open_editor(qtbot, db, event="refunded", language="en", part="text", mode="raw"):
    """Open the editor on one part; an email part in `mode` (these tests: raw, by hand)."""
    editor = TemplateEditor(db)
    qtbot.addWidget(editor)
    editor.show()
    choose(editor, event, language, part, qtbot)
    if part in ("html", "text") and editor.mode != mode:
        editor.switch_mode(mode)
    wait_checked(qtbot, editor)
    assert editor.mode == (mode if part in ("html", "text") else None)
    return editor


def choose(editor, event, language, part, qtbot):
    """Point the selectors at one part and wait until it is read and shown."""
    rows = [editor.event_list.item(i).data(Qt.UserRole) for i in range(editor.event_list.count())]
    editor.event_list.setCurrentRow(rows.index(event))
    editor.language_combo.setCurrentIndex(editor.language_combo.findData(language))
    editor.part_tabs.setCurrentIndex(list(template_store.PARTS).index(part))
    assert editor.selected_key() == (event, language, part)
    wait_loaded(qtbot, editor)


def wait_loaded(qtbot, editor):
    """Wait for the part chosen to be read in the background and shown."""
    qtbot.waitUntil(lambda: not editor.loading, timeout=5000)
    assert editor.editor.isEnabled()


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
    """Wait for the part to be read, the typing pause and the background check after it."""
    qtbot.waitUntil(
        lambda: not (editor.loading or editor._check_timer.isActive() or editor.checking),
        timeout=5000,
    )


def check(qtbot, editor):
    with qtbot.waitSignal(editor.checked, timeout=5000):
        editor.check_now()


def save(qtbot, editor, *, saved=True):
    """Press Ctrl+S and wait for the background save; assert how it ended."""
    with qtbot.waitSignal(editor.save_finished, timeout=5000) as finished:
        qtbot.keyClick(editor.editor, Qt.Key_S, Qt.ControlModifier)
    assert finished.args == [saved]


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
    save(qtbot, editor)
    rows = saved_rows(db)
    assert [(r.event, r.language, r.part) for r in rows] == [("refunded", "en", "text")]
    assert editor.part_tabs.tabText(editor.part_tabs.currentIndex()).endswith("•")
    assert editor.event_list.currentItem().text().endswith("edited")
    with db.session() as session:
        detail = get_detail(session, return_id=ret.id)
        assert templating.render_message(session, detail, "refunded").text.strip() == "Thanks Ana!"

    with qtbot.waitSignal(editor.loaded, timeout=5000):
        qtbot.mouseClick(editor.reset_button, Qt.LeftButton)
        assert answers[1] == ["Reset to default"]
        assert editor.loading and not editor.editor.isEnabled()  # reset in the background
    assert editor.status_label.text() == "Back to the default wording."
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
    check(qtbot, editor)
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
    check(qtbot, editor)
    assert problems(editor)[0].startswith("Line 3:")
    editor.editor.moveCursor(QTextCursor.Start)
    qtbot.mouseClick(
        editor.problem_list.viewport(),
        Qt.LeftButton,
        pos=editor.problem_list.visualItemRect(editor.problem_list.item(0)).center(),
    )
    assert editor.editor.textCursor().blockNumber() == 2
    assert editor.source.cursor_label.text() == "Line 3, column 1"


SLOW = (  # under every count limit, but far over the time bound
    "{% for i in range(10000) %}"
    "{% set n = ((range(10000)|list) * 10)|unique|list|length %}{% endfor %}"
)
HOSTILE = [
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", "range()"),
    ("{{ '%0300000000d'|format(1) }}", "format width 300,000,000"),
    ("{{ 'x' * 10**9 }}", "repeated text is too long"),
    ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "more than 50 deep"),
    ("{% for i in range(10**12) %}{% endfor %}", "1,000,000,000,000 numbers"),
    (SLOW, "longer than 1 s"),
]


@pytest.mark.parametrize(("source", "said"), HOSTILE)
def test_a_hostile_template_is_listed_and_cannot_be_saved(qtbot, db, answers, source, said):
    add_return(db, "Ana Souza")
    editor = open_editor(qtbot, db, part="html")
    editor.editor.setPlainText(source)
    check(qtbot, editor)
    [problem] = problems(editor)
    assert problem.startswith("Line 1:") and said in problem
    assert not editor.save_button.isEnabled()
    qtbot.keyClick(editor.editor, Qt.Key_S, Qt.ControlModifier)
    assert "fix the problems" in editor.status_label.text()
    assert editor.editor.toPlainText() == source  # what was typed stays
    assert saved_rows(db) == []


def test_the_check_runs_in_the_background_and_the_window_stays_responsive(qtbot, db, answers):
    add_return(db, "Ana Souza")
    editor = open_editor(qtbot, db)
    editor.editor.setPlainText(SLOW)
    ticks = []
    timer = QTimer(editor, interval=20)
    timer.timeout.connect(lambda: ticks.append(editor.checking))
    timer.start()
    with qtbot.waitSignal(editor.checked, timeout=10_000):
        editor.check_now()
        assert editor.checking  # check_now returned before the check was done
        assert not editor.save_button.isEnabled()
    timer.stop()
    assert ticks.count(True) >= 3  # the event loop kept running while it was checked
    assert any("longer than 1 s" in p for p in problems(editor))


def test_saving_before_the_check_is_refused_by_the_desk_with_the_reason(qtbot, db, answers):
    add_return(db, "Ana Souza")
    editor = open_editor(qtbot, db, part="sms")
    source = "{% for i in range(12) %}" + "y" * 150 + "{% endfor %}"
    editor.editor.setPlainText(source)  # the check waits for a pause in typing
    save(qtbot, editor, saved=False)
    said = editor.status_label.text()
    assert said.startswith("Not saved: SMS template: ") and "12 SMS (at most 10)" in said
    assert any("12 SMS" in p for p in problems(editor))
    assert editor.editor.toPlainText() == source and editor.is_dirty()
    assert saved_rows(db) == []


def test_in_portuguese_the_editor_speaks_portuguese_and_shows_every_message_whole(qtbot, db):
    from desk.i18n.catalog import set_language

    set_language("pt_BR")
    add_return(db, "Ana Souza")
    editor = TemplateEditor(db)
    qtbot.addWidget(editor)
    editor.resize(1024, 700)
    editor.show()
    wait_checked(qtbot, editor)
    assert editor.windowTitle() == "Modelos de mensagem"
    assert [editor.save_button.text(), editor.close_button.text()] == ["&Salvar", "Fechar"]
    assert editor.problem_list.item(0).text() == "Nenhum problema encontrado."
    assert editor.source.cursor_label.text() == "Linha 1, coluna 1"
    events = editor.event_list
    last = events.visualRect(events.model().index(events.count() - 1, 0))
    assert last.bottom() < events.viewport().height()  # the last message is not cut off
    assert not events.verticalScrollBar().isVisible()
    type_at_end(qtbot, editor, "{{ nope(")
    wait_checked(qtbot, editor)
    assert editor.problems and editor.problems[0].startswith("Linha ")
    assert editor.status_label.text() == "Corrija os problemas listados antes de salvar."
