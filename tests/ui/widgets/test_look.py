"""The focus ring: a focused combo box shows it, an unfocused one does not."""

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QComboBox, QVBoxLayout, QWidget

from ui.widgets.look import FOCUS_COLOR, FOCUS_STYLE, TabBarStyle, apply_look, tab_look


def ring_pixels(widget) -> int:
    """How many pixels of the widget's left edge are the focus colour."""
    image = widget.grab().toImage()
    ring = QColor(FOCUS_COLOR)
    return sum(image.pixelColor(1, y) == ring for y in range(image.height()))


def test_the_focused_combo_box_has_a_ring_the_others_do_not(qtbot):
    app = QApplication.instance()
    before = app.styleSheet()
    try:
        apply_look(app)
        apply_look(app)
        assert app.styleSheet().count(FOCUS_STYLE) == 1  # applied once
        window = QWidget()
        qtbot.addWidget(window)
        layout = QVBoxLayout(window)
        focused, other = QComboBox(), QComboBox()
        for box in (focused, other):
            box.addItems(["Original payment", "Store credit"])
            layout.addWidget(box)
        window.show()
        qtbot.waitExposed(window)
        focused.setFocus()
        qtbot.waitUntil(focused.hasFocus)
        assert ring_pixels(focused) > focused.height() // 2
        assert ring_pixels(other) == 0
    finally:
        app.setStyleSheet(before)


def unselected_tab_image(qtbot, text: str):
    """The tab bar with `text` on a tab that is not the current one."""
    from PySide6.QtWidgets import QTabBar

    bar = QTabBar()
    tab_look(bar)
    qtbot.addWidget(bar)
    bar.addTab("Loja")
    bar.addTab(text)
    bar.setCurrentIndex(0)
    bar.show()
    qtbot.waitExposed(bar)
    return bar.grab(bar.tabRect(1)).toImage()


def test_a_tab_not_current_shows_the_accent_of_a_capital(qtbot):
    assert unselected_tab_image(qtbot, "Área") != unselected_tab_image(qtbot, "Area")


def test_the_app_keeps_its_own_style_only_tab_bars_get_theirs(qtbot):
    """A Python style for the whole app is asked for metrics at every paint of every widget:
    the tab look lives with each tab bar."""
    app = QApplication.instance()
    before = app.styleSheet()
    try:
        apply_look(app)
        assert not isinstance(app.style(), TabBarStyle)
    finally:
        app.setStyleSheet(before)
