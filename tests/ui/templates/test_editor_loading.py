"""The template editor reads each part in the background: shown when read, the newest
choice wins, and what the user typed is never replaced by a result that comes late."""

from PySide6.QtCore import Qt

from desk.messages import template_saving, template_store
from desk.messages.template_editing import open_part
from tests.ui.templates.test_editor import (
    answers,  # noqa: F401  (the fixture)
    choose,
    open_editor,
    save,
    type_at_end,
    wait_checked,
)
from ui.templates.editor import TemplateEditor


def test_the_part_is_shown_once_read_in_the_background(qtbot, db):
    template_saving.save_shop_template(db, "acknowledged", "en", "subject", "We have it")
    editor = TemplateEditor(db)
    qtbot.addWidget(editor)
    editor.show()
    assert editor.selected_key() == ("acknowledged", "en", "subject")
    assert editor.loading  # the constructor returned before the part was read
    assert not editor.editor.isEnabled() and not editor.save_button.isEnabled()
    assert editor.status_label.text() == "Loading…"
    assert editor.editor.placeholderText() == "Loading…"
    with qtbot.waitSignal(editor.loaded, timeout=5000):
        pass
    assert editor.editor.isEnabled() and editor.editor.toPlainText() == "We have it"
    assert editor.reset_button.isEnabled()  # the shop's own: it can go back to the default
    assert editor.part_tabs.tabText(0).endswith("•")
    assert not editor.is_dirty()


def test_a_late_result_for_a_part_no_longer_chosen_is_dropped(qtbot, db, answers):  # noqa: F811
    template_saving.save_shop_template(db, "refunded", "en", "sms", "Refund sent")
    editor = open_editor(qtbot, db, part="sms")
    assert editor.editor.toPlainText() == "Refund sent"
    late = open_part(db, event="refunded", language="en", part="sms")
    asked_for_sms = editor.loader._asked
    editor.part_tabs.setCurrentIndex(list(template_store.PARTS).index("subject"))
    assert editor.loading and editor.editor.toPlainText() == ""  # not the SMS meanwhile
    qtbot.waitUntil(lambda: not editor.loading, timeout=5000)
    subject = template_store.default_source("refunded", "en", "subject")
    assert editor.editor.toPlainText() == subject
    editor.loader._arrived(asked_for_sms, late, None)  # the SMS read arrives after all
    assert editor.selected_key() == ("refunded", "en", "subject")
    assert editor.editor.toPlainText() == subject and not editor.is_dirty()


def test_what_is_typed_survives_a_late_read_and_a_save(qtbot, db, answers):  # noqa: F811
    given, asked = answers
    editor = open_editor(qtbot, db, part="sms")
    stale = editor.loader._asked
    late = open_part(db, event="refunded", language="en", part="sms")
    type_at_end(qtbot, editor, " Thanks!")
    typed = editor.editor.toPlainText()
    editor.loader._arrived(stale, late, None)  # an old read of this very part: already shown
    assert editor.editor.toPlainText() == typed and editor.is_dirty()
    wait_checked(qtbot, editor)
    with qtbot.waitSignal(editor.save_finished, timeout=5000):
        qtbot.keyClick(editor.editor, Qt.Key_S, Qt.ControlModifier)
        assert editor.saving
        qtbot.keyClicks(editor.editor, " More")  # typed while the save runs
    assert editor.editor.toPlainText() == typed + " More"
    assert editor.is_dirty()  # the second words are not saved yet
    assert template_store.read_source(db, "refunded", "en", "sms") == typed
    given.append(False)  # keep editing
    editor.part_tabs.setCurrentIndex(list(template_store.PARTS).index("subject"))
    assert asked == ["Unsaved changes"] and editor.editor.toPlainText() == typed + " More"
    save(qtbot, editor)
    assert template_store.read_source(db, "refunded", "en", "sms") == typed + " More"
    choose(editor, "refunded", "en", "subject", qtbot)
    assert not editor.is_dirty()
