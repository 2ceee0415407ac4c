"""What the desk remembers between runs, through one QSettings."""

from pathlib import Path

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


def test_start_folder_is_the_last_one_used_while_it_exists(tmp_path):
    state.remember_folder(KEY, tmp_path / "sheet.pdf")
    assert state.start_folder(KEY) == str(tmp_path)
    state.save(KEY, str(tmp_path / "gone"))
    assert state.start_folder(KEY) != str(tmp_path / "gone")
    assert Path(state.start_folder(KEY)).is_dir()  # documents, else home: a real folder
