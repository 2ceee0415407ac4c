"""The template source pane: problems by line, the cursor's place, the variables to insert."""

from PySide6.QtCore import Qt

from ui.templates.source import NO_PROBLEMS, SourcePane, VariableList

SOURCE = "Hello {{ customer.name }}\nline two\nline three\n"


def pane(qtbot) -> SourcePane:
    widget = SourcePane()
    qtbot.addWidget(widget)
    widget.set_source(SOURCE, wrap=False)
    return widget


def test_set_source_is_not_an_edit(qtbot):
    widget = SourcePane()
    qtbot.addWidget(widget)
    with qtbot.assertNotEmitted(widget.edit.textChanged):
        widget.set_source(SOURCE, wrap=True)
    assert widget.edit.toPlainText() == SOURCE
    assert widget.edit.lineWrapMode() == widget.edit.LineWrapMode.WidgetWidth


def test_problems_are_listed_by_line_and_their_lines_marked(qtbot):
    widget = pane(qtbot)
    shown = widget.show_problems(
        [(2, "unknown variable"), (None, "too long"), (99, "past the end")]
    )
    assert shown == ["Line 2: unknown variable", "too long", "Line 99: past the end"]
    items = [widget.problem_list.item(i).text() for i in range(widget.problem_list.count())]
    assert items == shown
    assert [s.cursor.blockNumber() for s in widget.edit.extraSelections()] == [1]  # line 2 only


def test_no_problems_says_so_and_clears_the_marks(qtbot):
    widget = pane(qtbot)
    widget.show_problems([(1, "x")])
    assert widget.show_problems([]) == []
    assert widget.problem_list.item(0).text() == NO_PROBLEMS
    assert widget.edit.extraSelections() == []


def test_clicking_a_problem_goes_to_its_line(qtbot):
    widget = pane(qtbot)
    widget.show()
    widget.show_problems([(3, "odd")])
    item = widget.problem_list.item(0)
    rect = widget.problem_list.visualItemRect(item)
    qtbot.mouseClick(widget.problem_list.viewport(), Qt.LeftButton, pos=rect.center())
    assert widget.edit.textCursor().blockNumber() == 2
    assert widget.cursor_label.text() == "Line 3, column 1"


def test_variables_insert_their_snippet(qtbot):
    variables = VariableList({"customer.name": "The customer's name", "items": "The items"})
    qtbot.addWidget(variables)
    name, items = variables.list.item(0), variables.list.item(1)
    assert VariableList.snippet(name) == "{{ customer.name }}"
    assert VariableList.snippet(items).startswith("{% for item in items %}")
    variables.list.setCurrentItem(name)
    assert variables.help.text() == "The customer's name. Double-click to insert it."
    with qtbot.waitSignal(variables.chosen) as chosen:
        variables.list.itemDoubleClicked.emit(name)
    assert chosen.args == ["{{ customer.name }}"]
