"""The installed Qt bindings keep Python healthy over many calls.

PySide6 6.12.0 on Python 3.11 dropped a reference to None on every call that returns
nothing; after enough calls Python freed None and aborted (pyproject excludes it).
"""

import sys

from PySide6.QtCore import QPointF


def test_void_calls_keep_none_referenced(qapp):
    point = QPointF()
    before = sys.getrefcount(None)
    for _ in range(2000):
        point.setX(1.0)
    assert sys.getrefcount(None) >= before - 50
