"""What the desk remembers between runs, through one QSettings."""

import pytest
from PySide6.QtCore import QByteArray, QSettings

from ui import state

KEY = "tests/state_probe"


@pytest.fixture(autouse=True)
def forget():
    QSettings("ReturnDesk", "ReturnDesk").remove(KEY)
    yield
    QSettings("ReturnDesk", "ReturnDesk").remove(KEY)


def test_text_comes_back_or_the_default():
    assert state.load_text(KEY) == ""
    assert state.load_text(KEY, "Ana") == "Ana"
    state.save(KEY, "Rita")
    assert state.load_text(KEY, "Ana") == "Rita"


def test_bytes_come_back_as_bytes_only():
    assert state.load_bytes(KEY) is None
    state.save(KEY, QByteArray(b"\x01\x02layout"))
    assert state.load_bytes(KEY) == QByteArray(b"\x01\x02layout")
    assert state.load_text(KEY, "x") == "x"  # not text: the default


def test_text_is_not_bytes():
    state.save(KEY, "Rita")
    assert state.load_bytes(KEY) is None
