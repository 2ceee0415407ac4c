"""Fixtures of the window tests."""

import pytest

from ui.portal_process import PortalProcess


@pytest.fixture
def portal(db):
    """The desk's customer-space child process, stopped at the end of the test."""
    process = PortalProcess(db)
    yield process
    process.stop_now()
