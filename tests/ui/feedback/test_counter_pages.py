"""The counter screen's pages: their words in each language and type in proportion."""

from __future__ import annotations

import pytest

from ui.feedback.counter_screen import CounterScreen


@pytest.fixture
def screen(qtbot, db):
    widget = CounterScreen(db, shop_name="Casa Verde", language="pt_BR")
    qtbot.addWidget(widget)
    yield widget
    widget.close_from_staff()


def test_the_pages_speak_the_idle_language_until_a_customer_is_asked(screen):
    assert screen.shop_label.text() == "Casa Verde"
    assert screen.idle_thanks.text() != "Thank you for visiting us."
    screen.ask(return_id=1, name="Joana Ribeiro", language="en")
    assert screen.ask_title.text() == "How was your return today, Joana?"
    assert screen.thanks_title.text() == "Thank you, Joana!"
    screen.ask(return_id=1, name="", language="pt_BR")
    assert screen.send_button.text() == "Enviar"
    assert "Joana" not in screen.ask_title.text()


def test_type_and_the_comment_box_grow_with_the_screen(qtbot, screen):
    screen.show()
    screen.resize(800, 600)
    small = (screen.shop_label.font().pixelSize(), screen.comment_edit.height())
    screen.resize(1920, 1080)
    large = (screen.shop_label.font().pixelSize(), screen.comment_edit.height())
    assert large[0] > small[0] and large[1] > small[1]
