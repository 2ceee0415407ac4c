"""The flow layout wraps its widgets onto rows as the width shrinks, and grows in height."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from ui.widgets.flow_layout import flow_row


def test_buttons_wrap_onto_rows_and_the_height_follows(qtbot):
    buttons = [QPushButton(f"Button number {i}") for i in range(6)]
    row = flow_row(*buttons)
    outer = QWidget()
    QVBoxLayout(outer).addWidget(row)
    qtbot.addWidget(outer)
    outer.show()
    outer.resize(2000, 200)
    qtbot.wait(10)
    assert len({b.y() for b in buttons}) == 1  # one row
    outer.resize(300, 400)
    qtbot.wait(10)
    rows = sorted({b.y() for b in buttons})
    assert len(rows) >= 3
    assert all(b.geometry().right() <= row.width() for b in buttons)
    assert row.height() >= rows[-1] + buttons[-1].height()
    assert row.layout().heightForWidth(300) > row.layout().heightForWidth(2000)
