"""Five faces from unhappy to delighted, drawn (no emoji font needed), as big touch targets.

`RatingFaces` is the row the counter screen and the record dialog share: one checkable
`FaceButton` per rating, `rated(int)` when one is chosen; `stars(rating)` is the text form.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QAbstractButton, QButtonGroup, QHBoxLayout, QWidget

RATINGS = (1, 2, 3, 4, 5)

FACE_COLORS = {1: "#dc2626", 2: "#ea580c", 3: "#ca8a04", 4: "#65a30d", 5: "#16a34a"}
"""Red for the worst to green for the best: the colour tells as much as the mouth."""


def stars(rating: int) -> str:
    """The rating as five stars, filled up to `rating`: "★★★☆☆"."""
    return "★" * rating + "☆" * (5 - rating)


class FaceButton(QAbstractButton):
    """One face for `rating` (1 to 5), its word below; drawn to any size, checkable."""

    def __init__(self, rating: int, word: str = "", *, size: int = 150, parent=None):
        super().__init__(parent)
        self.rating, self._size = rating, size
        self.setCheckable(True)
        self.setText(word)
        self.setObjectName(f"face_{rating}")
        self.setCursor(Qt.PointingHandCursor)
        self.setFocusPolicy(Qt.NoFocus)  # the digit keys reach the window, not the button
        self.setAccessibleName(f"{rating}: {word}" if word else str(rating))

    def sizeHint(self) -> QSize:  # noqa: N802
        words = self.fontMetrics().height() * 1.6 if self.text() else 0
        return QSize(self._size + 12, int(self._size + 12 + words))

    minimumSizeHint = sizeHint

    def set_size(self, size: int) -> None:
        """Draw the face `size` pixels wide (the word below keeps the font's height)."""
        self._size = size
        self.updateGeometry()

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        words = self.fontMetrics().height() * 1.6 if self.text() else 0
        side = min(self.width(), self.height() - words) - 12
        face = QRectF((self.width() - side) / 2, 6, side, side)
        color = QColor(FACE_COLORS[self.rating])
        chosen, dimmed = self.isChecked(), self._dimmed()
        if dimmed:
            color.setAlpha(90)
        ring = max(3.0, side / 30)
        disc = face.adjusted(ring * 2, ring * 2, -ring * 2, -ring * 2)
        if chosen:
            p.setPen(QPen(QColor("#1f2937"), ring))
            p.setBrush(Qt.NoBrush)
            p.drawEllipse(face.adjusted(ring / 2, ring / 2, -ring / 2, -ring / 2))
        p.setPen(Qt.NoPen)
        p.setBrush(color)
        p.drawEllipse(disc)
        self._draw_features(p, disc, dimmed)
        if self.text():
            font = p.font()
            font.setBold(chosen)
            p.setFont(font)
            p.setPen(QColor("#111827") if not dimmed else QColor("#9ca3af"))
            below = QRectF(0, face.bottom() + 4, self.width(), words)
            p.drawText(below, Qt.AlignHCenter | Qt.AlignTop, self.text())

    def _dimmed(self) -> bool:
        group = self.group()
        return group is not None and group.checkedButton() not in (None, self)

    def _draw_features(self, p: QPainter, face: QRectF, dimmed: bool) -> None:
        ink = QColor("white")
        if dimmed:
            ink.setAlpha(200)
        c, r = face.center(), face.width() / 2
        p.setBrush(ink)
        for dx in (-0.32, 0.32):
            p.drawEllipse(QPointF(c.x() + dx * r, c.y() - 0.22 * r), 0.09 * r, 0.11 * r)
        smile = (self.rating - 3) / 2  # -1 (frown) … 1 (broad smile)
        y = c.y() + 0.35 * r - smile * 0.1 * r
        mouth = QPainterPath(QPointF(c.x() - 0.42 * r, y))
        mouth.quadTo(QPointF(c.x(), y + smile * 0.5 * r), QPointF(c.x() + 0.42 * r, y))
        p.setPen(QPen(ink, max(3.0, r * 0.1), Qt.SolidLine, Qt.RoundCap))
        p.setBrush(Qt.NoBrush)
        p.drawPath(mouth)


class RatingFaces(QWidget):
    """The five faces in a row; `rated(rating)` when one is tapped or `choose`n."""

    rated = Signal(int)

    def __init__(self, words: dict[int, str] | None = None, *, size: int = 150, parent=None):
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(max(8, size // 6))
        self.buttons: dict[int, FaceButton] = {}
        for rating in RATINGS:
            button = FaceButton(rating, (words or {}).get(rating, ""), size=size)
            self.group.addButton(button, rating)
            layout.addWidget(button)
            self.buttons[rating] = button
        self.group.idClicked.connect(self._clicked)

    @property
    def rating(self) -> int | None:
        """The chosen rating, or None."""
        rating = self.group.checkedId()
        return rating if rating in RATINGS else None

    def choose(self, rating: int) -> None:
        """Choose `rating` as a tap would."""
        self.buttons[rating].setChecked(True)
        self._clicked(rating)

    def clear(self) -> None:
        """No rating chosen."""
        self.group.setExclusive(False)
        for button in self.buttons.values():
            button.setChecked(False)
        self.group.setExclusive(True)
        self._repaint()

    def set_words(self, words: dict[int, str]) -> None:
        """Change the word under each face (another language)."""
        for rating, button in self.buttons.items():
            button.setText(words.get(rating, ""))
            button.updateGeometry()

    def _clicked(self, rating: int) -> None:
        self._repaint()
        self.rated.emit(rating)

    def _repaint(self) -> None:
        for button in self.buttons.values():
            button.update()
