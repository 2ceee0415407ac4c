"""The shortcut registry and the dialogs' house rules: Ctrl+Enter/Ctrl+Return confirm, Esc cancels.

Every dialog of the app is opened with real data and driven with real key presses, with the
focus in a field (a multi-line one where the dialog has one).
"""

from __future__ import annotations

import ast
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget
from sqlmodel import select

from desk.codes import OutboxState, Status
from desk.instructions.dropoff import list_points
from desk.messages import template_store
from desk.models import Customer, OutboxMessage
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, get_detail, save_return
from ui import prompts
from ui.actions import KEYS, SPECS, Act, Key, build_actions, sequences, shortcut_text

UI = Path(__file__).resolve().parents[2] / "ui"

CONFIRM = [
    pytest.param(Qt.Key_Return, Qt.ControlModifier, id="ctrl+return"),
    pytest.param(Qt.Key_Enter, Qt.ControlModifier, id="ctrl+enter"),
    pytest.param(Qt.Key_Enter, Qt.ControlModifier | Qt.KeypadModifier, id="ctrl+keypad-enter"),
]


@pytest.fixture(autouse=True)
def questions(monkeypatch) -> list[str]:
    """Answer yes to every "discard what was typed?" question, and keep what was asked."""
    asked: list[str] = []

    def ask(parent, title, question):
        asked.append(title)
        return True

    monkeypatch.setattr(prompts, "ask_yes_no", ask)
    return asked


def shown(qtbot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def press(qtbot, widget, key, modifiers=Qt.NoModifier) -> None:
    widget.setFocus(Qt.OtherFocusReason)
    qtbot.keyClick(widget, key, modifiers)


def closed_with(dialog: QDialog) -> int | None:
    """Accepted or Rejected once the dialog closed; None while it is still open."""
    return None if dialog.isVisible() else dialog.result()


def add_return(db, name="Ana Souza", email="ana@example.com"):
    with db.session() as session:
        return save_return(
            session=session,
            draft=ReturnDraft(
                reason="defective",
                lines=[LineDraft(sku="KETTLE-9", description="Kettle", unit_price_cents=3490)],
                new_customer=CustomerDraft(name=name, email=email),
            ),
        )


# ---- the registry ------------------------------------------------------------------


def test_confirm_is_both_enter_keys_and_cancel_is_escape():
    assert [s.toString() for s in sequences(Key.CONFIRM)] == ["Ctrl+Enter", "Ctrl+Return"]
    assert [s.toString() for s in sequences(Key.CANCEL)] == ["Esc"]
    assert shortcut_text(Key.CONFIRM) == "Ctrl+Enter"
    assert shortcut_text(Key.SAVE) == "Ctrl+S"
    assert shortcut_text(Act.FIND) == "Ctrl+F"
    assert shortcut_text(Act.ABOUT) == ""


def test_no_two_keys_share_a_sequence():
    bound = [s.toString() for key in [*SPECS, *KEYS] for s in sequences(key)]
    assert len(bound) == len(set(bound)), bound


def test_action_tooltips_name_their_shortcut(qapp):
    owner = QWidget()
    actions = build_actions(owner)
    assert actions[Act.FIND].toolTip().endswith("(Ctrl+F)")
    assert actions[Act.FIND].shortcut().toString() == "Ctrl+F"
    assert "(" not in actions[Act.LOAD_DEMO].toolTip()


def test_hints_and_placeholders_read_the_registry(qtbot, db):
    from ui.main_window import MainWindow
    from ui.new_return.dialog import NewReturnDialog

    win = MainWindow(db)
    qtbot.addWidget(win)
    assert f"({shortcut_text(Act.FIND)})" in win.search_edit.placeholderText()
    dialog = NewReturnDialog(db)
    qtbot.addWidget(dialog)
    assert dialog.save_button.toolTip() == f"Save the return ({shortcut_text(Key.CONFIRM)})"
    hints = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert f"{shortcut_text(Key.ADD_LINE)} adds a line" in hints
    assert f"{shortcut_text(Key.CONFIRM)} saves · {shortcut_text(Key.CANCEL)} cancels" in hints


def _key_literal_calls(tree: ast.AST) -> list[str]:
    """Where a module binds keys itself: setShortcut, QShortcut, QKeySequence("...")."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        literal = any(
            isinstance(a, ast.Constant) and isinstance(a.value, str | int) for a in node.args
        )
        if name in ("setShortcut", "setShortcuts", "QShortcut") or (
            name == "QKeySequence" and (literal or not node.args)
        ):
            found.append(f"line {node.lineno}: {name}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "StandardKey":
            found.append(f"line {node.lineno}: QKeySequence.StandardKey")
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and any(f"{mod}+" in node.value for mod in ("Ctrl", "Meta"))
        ):
            found.append(f"line {node.lineno}: {node.value!r}")
    return found


def test_only_the_registry_binds_keys():
    offenders = {}
    for path in sorted(UI.rglob("*.py")):
        if path == UI / "actions.py":
            continue
        if found := _key_literal_calls(ast.parse(path.read_text(encoding="utf-8"))):
            offenders[str(path.relative_to(UI))] = found
    assert offenders == {}


def test_every_dialog_class_takes_the_house_rules():
    """Each dialog calls dialog_keys, itself or through a dialog class of ours it is built on."""
    classes = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = [getattr(b, "id", getattr(b, "attr", "")) for b in node.bases]
                calls = {
                    getattr(c.func, "id", "") for c in ast.walk(node) if isinstance(c, ast.Call)
                }
                classes.append((path, node.name, bases, "dialog_keys" in calls))
    keyed = {name for _path, name, _bases, calls in classes if calls}
    missing = [
        f"{path.relative_to(UI)}: {name}"
        for path, name, bases, calls in classes
        if any(b.endswith("Dialog") for b in bases) and not calls and not keyed & set(bases)
    ]
    assert missing == []


def test_the_check_finds_a_typed_shortcut():
    source = 'QShortcut(QKeySequence("Ctrl+K"), self)\nb.setShortcut(x)\ntip = "Save (Ctrl+S)"\n'
    assert sorted(_key_literal_calls(ast.parse(source))) == [
        "line 1: 'Ctrl+K'",
        "line 1: QKeySequence",
        "line 1: QShortcut",
        "line 2: setShortcut",
        "line 3: 'Save (Ctrl+S)'",
    ]


# ---- every dialog of the app --------------------------------------------------------


@pytest.mark.parametrize(("key", "modifiers"), CONFIRM)
def test_new_return_confirm_runs_save(qtbot, db, key, modifiers):
    from ui.new_return.dialog import NewReturnDialog

    dialog = shown(qtbot, NewReturnDialog(db))
    qtbot.mouseClick(dialog.customer.new_button, Qt.LeftButton)
    qtbot.keyClicks(dialog.customer.name_edit, "Dora Quintela")
    qtbot.keyClicks(dialog.customer.email_edit, "dora@example.com")
    dialog.reason_combo.setCurrentIndex(dialog.reason_combo.findData("damaged"))
    row = dialog.lines.rows[0]
    qtbot.keyClicks(row.sku, "LAMP-77")
    qtbot.keyClicks(row.price, "34.50")
    press(qtbot, dialog.note_edit, key, modifiers)
    assert closed_with(dialog) == QDialog.Accepted
    with db.session() as session:
        detail = get_detail(session, return_id=dialog.created.id)
    assert [line.sku for line in detail.lines] == ["LAMP-77"]


def test_new_return_confirm_with_nothing_typed_shows_what_to_fix(qtbot, db):
    from ui.new_return.dialog import NewReturnDialog

    dialog = shown(qtbot, NewReturnDialog(db))
    press(qtbot, dialog.note_edit, Qt.Key_Return, Qt.ControlModifier)
    assert dialog.isVisible() and dialog.created is None
    assert "Nothing was saved" in dialog.banner.text()


def test_new_return_escape_cancels(qtbot, db):
    from ui.new_return.dialog import NewReturnDialog

    dialog = shown(qtbot, NewReturnDialog(db))
    press(qtbot, dialog.customer.name_edit, Qt.Key_Escape)
    assert closed_with(dialog) == QDialog.Rejected


def transition_dialog(qtbot, db):
    from ui.returns.transition_dialog import TransitionDialog

    ret = add_return(db, email="")
    with db.session() as session:
        detail = get_detail(session, return_id=ret.id)
    return shown(qtbot, TransitionDialog(db, detail, Status.APPROVED, staff="Rita"))


@pytest.mark.parametrize(("key", "modifiers"), CONFIRM)
def test_transition_confirm_from_the_note(qtbot, db, key, modifiers):
    dialog = transition_dialog(qtbot, db)
    qtbot.keyClicks(dialog.note_edit, "Checked at the counter")
    press(qtbot, dialog.note_edit, key, modifiers)  # a multi-line edit
    assert closed_with(dialog) == QDialog.Accepted
    assert dialog.note_edit.toPlainText() == "Checked at the counter"  # no new line typed
    assert dialog.result_ is not None and dialog.result_.ret.status == Status.APPROVED


def test_transition_escape_cancels_from_the_note(qtbot, db):
    dialog = transition_dialog(qtbot, db)
    press(qtbot, dialog.note_edit, Qt.Key_Escape)
    assert closed_with(dialog) == QDialog.Rejected
    assert dialog.result_ is None


def settings_dialog(qtbot, db):
    from ui.settings.dialog import SettingsDialog

    return shown(qtbot, SettingsDialog(db))


@pytest.mark.parametrize(
    ("key", "modifiers"),
    [*CONFIRM, pytest.param(Qt.Key_S, Qt.ControlModifier, id="ctrl+s")],
)
def test_settings_confirm_saves_and_closes(qtbot, db, key, modifiers):
    from desk.settings import SHOP_NAME, get_setting

    dialog = settings_dialog(qtbot, db)
    field = dialog.fields["shop.name"]
    field.set_value("Loja Boa Vista")
    press(qtbot, dialog.test_to, key, modifiers)
    assert closed_with(dialog) == QDialog.Accepted
    with db.session() as session:
        assert get_setting(session, SHOP_NAME) == "Loja Boa Vista"


def test_settings_confirm_with_a_bad_value_shows_it(qtbot, db):
    dialog = settings_dialog(qtbot, db)
    dialog.fields["smtp.port"].set_value("99999")
    press(qtbot, dialog.test_to, Qt.Key_Return, Qt.ControlModifier)
    assert dialog.isVisible()
    assert "Nothing was saved" in dialog.status_label.text()


def test_settings_escape_cancels(qtbot, db):
    dialog = settings_dialog(qtbot, db)
    press(qtbot, dialog.test_to, Qt.Key_Escape)
    assert closed_with(dialog) == QDialog.Rejected


def dropoff_form(qtbot, db):
    from ui.settings.dropoff_page import DropOffForm

    return shown(qtbot, DropOffForm(db))


@pytest.mark.parametrize(("key", "modifiers"), CONFIRM)
def test_dropoff_form_confirm_from_the_address(qtbot, db, key, modifiers):
    form = dropoff_form(qtbot, db)
    qtbot.keyClicks(form.name, "Ecoponto Vila Mariana")
    qtbot.keyClicks(form.address, "Rua Dr. Fabricio Vampre 120")
    press(qtbot, form.address, key, modifiers)  # a multi-line edit
    assert closed_with(form) == QDialog.Accepted
    with db.session() as session:
        [point] = list_points(session)
    assert point.address == "Rua Dr. Fabricio Vampre 120"


def test_dropoff_form_confirm_without_a_name_says_so(qtbot, db):
    form = dropoff_form(qtbot, db)
    press(qtbot, form.notes, Qt.Key_Enter, Qt.ControlModifier)
    assert form.isVisible()
    assert form.errors["name"].shown


def test_dropoff_form_escape_cancels(qtbot, db):
    form = dropoff_form(qtbot, db)
    press(qtbot, form.notes, Qt.Key_Escape)
    assert closed_with(form) == QDialog.Rejected


CSV = "Nome;E-mail\nAna Souza;ana@example.com\nBruno Lima;bruno@example.com\n"


def import_dialog(qtbot, db, tmp_path):
    from ui.customers.import_dialog import ImportDialog

    dialog = shown(qtbot, ImportDialog(db))
    path = tmp_path / "till.csv"
    path.write_text(CSV, encoding="utf-8")
    with qtbot.waitSignal(dialog.file_loaded, timeout=5000) as loaded:
        dialog.load_file(path)  # read in the background
    assert loaded.args == [True]
    return dialog


@pytest.mark.parametrize(("key", "modifiers"), CONFIRM)
def test_import_confirm_imports_the_checked_file(qtbot, db, tmp_path, key, modifiers):
    dialog = import_dialog(qtbot, db, tmp_path)
    dialog.check()
    qtbot.waitUntil(lambda: dialog.plan is not None)
    with qtbot.waitSignal(dialog.imported, timeout=5000) as done:
        press(qtbot, dialog.mapping_table, key, modifiers)
    assert done.args[0].created == 2
    with db.session() as session:
        assert len(session.exec(select(Customer)).all()) == 2


def test_import_escape_closes(qtbot, db, tmp_path):
    dialog = import_dialog(qtbot, db, tmp_path)
    press(qtbot, dialog.mapping_table, Qt.Key_Escape)
    assert closed_with(dialog) == QDialog.Rejected


def sent_message_dialog(qtbot):
    from ui.returns.messages_box import SentMessageDialog

    message = OutboxMessage(
        return_id=1,
        event="approved",
        channel="sms",
        language="en",
        recipient="+351 912 345 678",
        body_text="Your return R-2026-00001 is approved.",
        state=OutboxState.SENT,
        created_at=datetime(2026, 11, 30, 9, 0, tzinfo=UTC),
        sent_at=datetime(2026, 11, 30, 9, 1, tzinfo=UTC),
    )
    return shown(qtbot, SentMessageDialog(message))


@pytest.mark.parametrize(("key", "modifiers"), CONFIRM)
def test_sent_message_confirm_closes(qtbot, key, modifiers):
    dialog = sent_message_dialog(qtbot)
    press(qtbot, dialog.preview, key, modifiers)
    assert closed_with(dialog) == QDialog.Accepted


def test_sent_message_escape_closes(qtbot):
    dialog = sent_message_dialog(qtbot)
    press(qtbot, dialog.preview, Qt.Key_Escape)
    assert closed_with(dialog) == QDialog.Rejected


def template_editor(qtbot, db):
    from ui.templates.editor import TemplateEditor

    add_return(db)
    editor = shown(qtbot, TemplateEditor(db))
    qtbot.waitUntil(lambda: not editor.loading, timeout=5000)  # the part is read in the background
    return editor


@pytest.mark.parametrize(
    ("key", "modifiers"),
    [*CONFIRM, pytest.param(Qt.Key_S, Qt.ControlModifier, id="ctrl+s")],
)
def test_template_editor_confirm_saves_from_the_source(qtbot, db, key, modifiers):
    editor = template_editor(qtbot, db)
    editor.editor.moveCursor(editor.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.editor, " Thanks!")
    press(qtbot, editor.editor, key, modifiers)  # a multi-line edit
    assert editor.editor.toPlainText().endswith(" Thanks!")  # no new line typed
    qtbot.waitUntil(lambda: editor.status_label.text().startswith("Saved"))  # in the background
    assert not editor.is_dirty()
    event, language, part = editor.selected_key()
    with db.session() as session:
        assert template_store.is_customised(session, event, language, part)


def test_template_editor_escape_closes(qtbot, db):
    editor = template_editor(qtbot, db)
    press(qtbot, editor.editor, Qt.Key_Escape)
    assert closed_with(editor) == QDialog.Rejected


def instructions_preview(qtbot, db):
    from desk.instructions.sheet import build_sheet
    from ui.instructions.printing import InstructionsPreview

    with db.session() as session:
        sheet = build_sheet(session, return_number=None)
    return shown(qtbot, InstructionsPreview(sheet))


@pytest.mark.parametrize(("key", "modifiers"), CONFIRM)
def test_instructions_preview_confirm_asks_how_to_print(qtbot, db, key, modifiers):
    preview = instructions_preview(qtbot, db)
    asked = []

    def answer():  # the print dialog is modal: note it, then cancel it
        modal = QApplication.activeModalWidget()
        asked.append(type(modal).__name__)
        modal.reject()

    QTimer.singleShot(0, answer)
    press(qtbot, preview.preview_widget(), key, modifiers)
    assert asked == ["QPrintDialog"]


def test_instructions_preview_escape_closes(qtbot, db):
    preview = instructions_preview(qtbot, db)
    press(qtbot, preview.preview_widget(), Qt.Key_Escape)
    assert closed_with(preview) == QDialog.Rejected
