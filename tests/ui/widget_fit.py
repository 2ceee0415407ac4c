"""Find the labels and buttons of a window that show less than their text (a test helper).

`cut_widgets(window)` walks every visible QLabel, QPushButton, QCheckBox and QRadioButton
and says which are narrower than their text needs, or are clipped by a parent (a panel that
would need a horizontal scroll bar to show them). A label with word wrap is judged by its
height for its width; an elided table cell is no label, so it is not judged. It also
finds a group box narrower than its title, a tab bar whose tabs do not all fit (elided, or
behind scroll arrows) and a combo box narrower than the item it shows: the places where
a longer language (Portuguese is ~20% longer than English) runs out of room first.
Tabs behind a tab bar's scroll arrows are not judged (they can be scrolled to).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QWidget,
)

SLACK = 1  # pixels of rounding


def _text_of(widget: QWidget) -> str:
    return widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&")


def _needs(widget: QWidget) -> str | None:
    """Why `widget` shows less than its text, or None."""
    if isinstance(widget, QLabel):
        picture = widget.pixmap()
        if not widget.text().strip() or (picture is not None and not picture.isNull()):
            return None
        if widget.wordWrap():
            need = widget.heightForWidth(widget.width())  # margins included
            need = need if need >= 0 else widget.sizeHint().height()
            if need > widget.height() + SLACK:
                return f"needs {need}px of height, has {widget.height()}"
            return None
        need = widget.minimumSizeHint().width()
        if widget.width() + SLACK < need:
            return f"needs {need}px, has {widget.width()}"
        return None
    text = _text_of(widget)
    if not text.strip():
        return None
    metrics = widget.fontMetrics()
    style = widget.style()
    if isinstance(widget, QPushButton):
        pad = 2 * style.pixelMetric(QStyle.PM_ButtonMargin, None, widget)
    else:
        box = isinstance(widget, QCheckBox)
        indicator = QStyle.PM_IndicatorWidth if box else QStyle.PM_ExclusiveIndicatorWidth
        pad = style.pixelMetric(indicator, None, widget)
        pad += style.pixelMetric(QStyle.PM_CheckBoxLabelSpacing, None, widget)
    if not widget.icon().isNull():
        pad += widget.iconSize().width() + 4
    need = max(metrics.horizontalAdvance(line) for line in text.split("\n")) + pad
    if widget.width() + SLACK < need:
        return f"needs {need}px, has {widget.width()}"
    return None


def _clipped(widget: QWidget) -> str | None:
    """Which ancestor cuts `widget` off (a scroll area's viewport: only sideways)."""
    window = widget.window()
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    sideways_only = False  # below a scroll area's fold is scrolled to, not cut off
    while parent is not None and parent is not window:
        area = QRect(parent.mapTo(window, QPoint(0, 0)), parent.size())
        scroller = parent.parentWidget()
        if isinstance(scroller, QAbstractScrollArea) and scroller.viewport() is parent:
            sideways_only = True
        if rect.left() < area.left() - SLACK or rect.right() > area.right() + SLACK:
            return f"cut off sideways by {type(parent).__name__} {parent.objectName()!r}"
        above = rect.top() < area.top() - SLACK
        if not sideways_only and (above or rect.bottom() > area.bottom() + SLACK):
            return f"cut off by {type(parent).__name__} {parent.objectName()!r}"
        parent = parent.parentWidget()
    return None


def _title_cut(box: QGroupBox) -> str | None:
    """Whether the group box `box` is narrower than its title (and check box) need."""
    if not box.title():
        return None
    need = box.fontMetrics().horizontalAdvance(box.title().replace("&", "")) + 16
    if box.isCheckable():
        need += box.style().pixelMetric(QStyle.PM_IndicatorWidth, None, box) + 4
    return f"needs {need}px for its title, has {box.width()}" if box.width() < need else None


def _tabs_cut(bar: QTabBar) -> str | None:
    """Whether some tab of `bar` is squeezed below its text (elided). Tabs that keep their
    size behind the bar's scroll arrows are reachable, so they are not judged."""
    for i in range(bar.count()):
        if not bar.isTabVisible(i):
            continue
        need, has = bar.tabSizeHint(i).width(), bar.tabRect(i).width()
        if has + SLACK < need:
            return f"tab {bar.tabText(i)!r} needs {need}px, has {has}"
    return None


def _combo_cut(combo: QComboBox) -> str | None:
    """Whether `combo` shows less than the item it shows now."""
    if combo.isEditable() or not combo.currentText():
        return None
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.CC_ComboBox, option, QStyle.SC_ComboBoxEditField, combo
    )
    need = combo.fontMetrics().horizontalAdvance(combo.currentText())
    if not combo.itemIcon(combo.currentIndex()).isNull():
        need += combo.iconSize().width() + 4
    if field.width() + SLACK < need:
        return f"shows {field.width()}px of {need}px"
    return None


def _other_cuts(window: QWidget) -> list[str]:
    """Group box titles, tab bars and combo boxes that show less than their text."""
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QGroupBox) and (why := _title_cut(widget)):
            found.append(f"QGroupBox {widget.title()[:50]!r}: {why}")
        elif isinstance(widget, QTabBar) and (why := _tabs_cut(widget)):
            found.append(f"QTabBar: {why}")
        elif isinstance(widget, QComboBox) and (why := _combo_cut(widget)):
            found.append(f"QComboBox {widget.currentText()[:50]!r}: {why}")
    return found


def cut_widgets(window: QWidget) -> list[str]:
    """Every visible label, button, group box title, tab bar or combo box of `window`
    that does not show its whole text."""
    found = _other_cuts(window)
    kinds = (QLabel, QPushButton, QCheckBox, QRadioButton)
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, kinds) or not widget.isVisible():
            continue
        if isinstance(widget, QAbstractButton) and not isinstance(widget, kinds):
            continue
        why = _needs(widget) or _clipped(widget)
        if why:
            text = _text_of(widget) if not isinstance(widget, QLabel) else widget.text()
            found.append(f"{type(widget).__name__} {text[:50]!r}: {why}")
    return found
