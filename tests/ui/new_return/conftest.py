"""The new-return dialog's tests type as a person does, but QTest types at machine speed,
which is what a barcode scanner looks like: they run with the dialog's scan detector off.
A test of scans in the dialog asks for `scanner_on` (tests/ui/scanner_input.py types them)."""

from __future__ import annotations

import pytest

from ui.widgets.scanner import ScanDetector


@pytest.fixture
def scanner_on():
    """The scan detector stays active in this test."""
    return True


@pytest.fixture(autouse=True)
def _typed_by_hand(request, monkeypatch):
    if "scanner_on" not in request.fixturenames:
        monkeypatch.setattr(ScanDetector, "active", False)
