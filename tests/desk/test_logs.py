"""The app's log file: in the user's log folder, rotating, one line per record."""

from __future__ import annotations

import logging

import pytest

from desk.logs import log_file, setup_logging


@pytest.fixture
def root_logger():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield root
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def test_records_go_to_the_log_folder(tmp_path, monkeypatch, root_logger):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    path = setup_logging(logging.INFO)
    assert path == log_file() and path.is_relative_to(tmp_path / "state")
    logging.getLogger("desk.test").info("Sent 1, failed 0")
    logging.getLogger("desk.test").debug("not at INFO")
    for handler in root_logger.handlers:
        handler.flush()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and lines[0].endswith("INFO desk.test: Sent 1, failed 0")
