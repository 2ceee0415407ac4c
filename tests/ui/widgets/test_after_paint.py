"""after_paint: something that can wait starts right after a widget's next paint."""

import weakref

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel

from tests.fresh_process import run_python
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


def test_it_keeps_no_widget_alive(qtbot):
    label = QLabel("dropped")
    gone = weakref.ref(label)
    after_paint(label, lambda: None, at_most_ms=5000)
    del label
    assert gone() is None  # freed with its last reference, the helper with it


DROPPED_WHILE_IT_WAITS = """
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QLabel
from ui.widgets.after_paint import after_paint

app = QApplication([])
for _ in range(100):
    label, ran = QLabel("dropped"), []
    after_paint(label, lambda: ran.append(True), at_most_ms=5)
    while not ran:  # as qtbot.wait does: a nested event loop
        loop = QEventLoop()
        QTimer.singleShot(2, loop.quit)
        loop.exec()
    del label  # its last reference: the helper's deferred delete is still to come
    app.processEvents()
print("survived")
"""


def test_a_widget_dropped_while_its_helper_waits_to_be_deleted_survives():
    # The helper used to keep its widget: its deferred delete freed the widget, whose
    # destructor deleted the helper a second time (a segfault, within a few rounds).
    done = run_python(DROPPED_WHILE_IT_WAITS)
    assert (done.returncode, done.stdout.strip()) == (0, "survived")
