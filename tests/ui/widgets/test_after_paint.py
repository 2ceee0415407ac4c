"""after_paint: something that can wait starts right after a widget's next paint."""

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel

from ui.widgets.after_paint import after_paint


class Paints(QObject):
    """Counts a widget's paints."""

    def __init__(self, widget):
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_it_runs_once_right_after_the_next_paint(qtbot):
    label = QLabel("rows")
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    paints = Paints(label)
    ran = []
    after_paint(label, lambda: ran.append(paints.count), at_most_ms=5000)
    assert ran == []  # not at once
    label.setText("new rows")
    qtbot.waitUntil(lambda: bool(ran), timeout=2000)
    assert ran[0] >= 1  # the paint came first
    label.update()
    qtbot.wait(50)
    assert len(ran) == 1  # once only
    label.removeEventFilter(paints)


def test_a_widget_that_never_paints_waits_at_most_the_time_given(qtbot):
    label = QLabel("hidden")
    qtbot.addWidget(label)
    ran = []
    after_paint(label, lambda: ran.append(True), at_most_ms=30)
    assert ran == []  # not at once
    qtbot.waitUntil(lambda: bool(ran), timeout=1000)
    assert ran == [True]


def test_nothing_runs_when_the_widget_is_gone(qtbot):
    label = QLabel("gone")
    ran = []
    after_paint(label, lambda: ran.append(True), at_most_ms=20)
    label.deleteLater()
    qtbot.wait(100)
    assert ran == []
