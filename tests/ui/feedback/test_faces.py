"""The five faces: one chosen at a time, by tap or by `choose`; stars as text."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.feedback.faces import RatingFaces, stars


def test_one_face_at_a_time(qtbot):
    faces = RatingFaces({1: "Very poor", 5: "Excellent"}, size=60)
    qtbot.addWidget(faces)
    faces.show()
    chosen = []
    faces.rated.connect(chosen.append)
    assert faces.rating is None
    qtbot.mouseClick(faces.buttons[2], Qt.LeftButton)
    faces.choose(5)
    assert chosen == [2, 5] and faces.rating == 5
    assert [b.isChecked() for b in faces.buttons.values()] == [False] * 4 + [True]
    faces.clear()
    assert faces.rating is None
    assert faces.buttons[1].text() == "Very poor" and faces.buttons[1].sizeHint().width() >= 60


def test_faces_are_drawn(qtbot):
    faces = RatingFaces(size=60)
    qtbot.addWidget(faces)
    faces.resize(400, 90)
    image = faces.grab().toImage()
    button = faces.buttons[1]
    centre = button.geometry().center()
    assert image.pixelColor(centre.x(), centre.y() - 20).red() > 150  # the red face's skin


def test_stars():
    assert stars(1) == "★☆☆☆☆" and stars(5) == "★★★★★"
