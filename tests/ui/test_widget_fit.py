"""The cut-off finder itself: it sees a squeezed label, a narrow button, a clipped widget."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from tests.ui.widget_fit import cut_widgets


def shown(qtbot, widget: QWidget, width: int, height: int) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    widget.resize(width, height)
    qtbot.wait(10)
    return widget


def test_a_roomy_window_has_nothing_cut(qtbot):
    window = QWidget()
    layout = QVBoxLayout(window)
    layout.addWidget(QLabel("Total €139.99"))
    layout.addWidget(QPushButton("Export PDF…"))
    shown(qtbot, window, 400, 200)
    assert cut_widgets(window) == []


def test_a_button_narrower_than_its_text_is_found(qtbot):
    window = QWidget()
    button = QPushButton("Bonus for keeping the sale", window)
    shown(qtbot, window, 400, 200)
    button.setGeometry(0, 0, 60, 30)
    [found] = cut_widgets(window)
    assert found.startswith("QPushButton 'Bonus for keeping the sale': needs ")
    assert found.endswith("px, has 60")


def test_a_wrapped_label_without_the_height_it_needs_is_found(qtbot):
    window = QWidget()
    label = QLabel("No need to buy new packaging for a return. " * 4, window)
    label.setWordWrap(True)
    shown(qtbot, window, 400, 200)
    label.setGeometry(0, 0, 150, 20)
    [found] = cut_widgets(window)
    assert found.startswith("QLabel 'No need to buy new packaging") and "of height" in found


def test_a_widget_pushed_out_of_its_parent_is_found(qtbot):
    window = QWidget()
    row = QWidget(window)
    QHBoxLayout(row).addWidget(QLabel("Ma"))
    inner = QLabel("Export PDF…", row)
    shown(qtbot, window, 400, 200)
    row.setGeometry(0, 0, 100, 40)
    inner.setGeometry(80, 5, 90, 20)  # sticks out on the right
    assert any("Export PDF" in f and "cut off sideways" in f for f in cut_widgets(window))


def test_a_squeezed_combo_box_group_title_and_tab_are_found(qtbot):
    from PySide6.QtWidgets import QComboBox, QGroupBox, QTabWidget

    window = QWidget()
    combo = QComboBox(window)
    combo.addItem("Vale-troca emitido para o cliente")
    combo.setGeometry(0, 0, 60, 24)
    box = QGroupBox("Mensagens para o cliente", window)
    box.setGeometry(0, 30, 60, 40)
    tabs = QTabWidget(window)
    tabs.tabBar().setElideMode(Qt.ElideRight)
    tabs.tabBar().setUsesScrollButtons(False)
    for title in ("Pontos de coleta", "Tablet do balcão", "Área do cliente"):
        tabs.addTab(QWidget(), title)
    tabs.setGeometry(0, 80, 120, 60)
    shown(qtbot, window, 300, 200)
    found = cut_widgets(window)
    assert any(f.startswith("QComboBox 'Vale-troca emitido") for f in found), found
    assert any(f.startswith("QGroupBox 'Mensagens para o cliente'") for f in found), found
    assert any(f.startswith("QTabBar: tab 'Pontos de coleta'") for f in found), found
    combo.setFixedWidth(320)
    box.setFixedWidth(300)
    tabs.setFixedWidth(420)
    window.resize(440, 200)
    qtbot.wait(10)
    assert cut_widgets(window) == []
