"""The pieces forms share: inline errors, label combos, the aligned grid."""

from PySide6.QtWidgets import QLabel, QLineEdit

from ui.widgets.form_parts import (
    CAPTION_WIDTH,
    ErrorLabel,
    combo,
    form_grid,
    mark_error,
    select_code,
    with_error,
)


def test_mark_error_sets_and_clears_the_property(qtbot):
    edit = QLineEdit()
    qtbot.addWidget(edit)
    mark_error(edit, True)
    assert edit.property("error") is True
    mark_error(edit, False)
    assert edit.property("error") is False


def test_error_label_shows_only_with_a_message(qtbot):
    label = ErrorLabel()
    qtbot.addWidget(label)
    assert label.isHidden() and label.property("role") == "error"
    label.set_message("Type a name")
    assert not label.isHidden() and label.text() == "Type a name"
    label.set_message(None)
    assert label.isHidden() and label.text() == ""


def test_field_error_marks_the_field_and_says_why(qtbot):
    edit = QLineEdit()
    box, error = with_error(edit)
    qtbot.addWidget(box)
    assert box.focusProxy() is edit and error.widget is edit
    assert not error.shown
    error.show("Type a name")
    assert error.shown and error.label.text() == "Type a name" and edit.property("error")
    error.clear()
    assert not error.shown and not edit.property("error")


def test_combo_keeps_codes_as_data_and_select_code_picks_one(qtbot):
    box = combo({"email": "Email", "sms": "SMS"})
    qtbot.addWidget(box)
    assert [box.itemText(i) for i in range(box.count())] == ["Email", "SMS"]
    select_code(box, "sms")
    assert box.currentData() == "sms"
    select_code(box, "fax")  # unknown: stays
    assert box.currentData() == "sms"


def test_form_grid_puts_captions_beside_their_fields(qtbot):
    name, email = QLineEdit(), QLineEdit()
    grid = form_grid([("Name", name, "Email", email), ("Notes", None, None, None)])
    caption = grid.itemAtPosition(0, 0).widget()
    assert isinstance(caption, QLabel) and caption.text() == "Name" and caption.buddy() is name
    assert grid.itemAtPosition(0, 3).widget() is email
    assert grid.itemAtPosition(1, 0) is None  # no field, no caption
    assert grid.columnMinimumWidth(0) == grid.columnMinimumWidth(2) == CAPTION_WIDTH
