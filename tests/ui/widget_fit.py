"""Find the labels and buttons of a window that show less than their text (a test helper).

`cut_widgets(window)` walks every visible QLabel, QPushButton, QCheckBox and QRadioButton
and says which are narrower than their text needs, or are clipped by a parent (a panel that
would need a horizontal scroll bar to show them). A label with word wrap is judged by its
height for its width; an elided table cell is no label, so it is not judged.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
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


def cut_widgets(window: QWidget) -> list[str]:
    """Every visible label or button of `window` that does not show its whole text."""
    found = []
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
