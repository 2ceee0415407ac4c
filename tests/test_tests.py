"""The suite itself: every test function checks something, so it can fail."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _checks(node: ast.AST, helpers: set[str]) -> bool:
    """True when `node` asserts, expects an exception or waits for something (or a helper does)."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.Assert):
            return True
        if isinstance(sub, ast.Attribute) and (
            sub.attr in ("raises", "warns", "fail")
            or sub.attr.startswith("assert")
            or (sub.attr.startswith("wait") and sub.attr != "wait")  # waitUntil, waitSignal…
        ):
            return True
        if isinstance(sub, ast.Call) and getattr(sub.func, "id", None) in helpers:
            return True
    return False


def unchecked_tests(source: str) -> list[str]:
    """The test functions of a module that check nothing."""
    tree = ast.parse(source)
    functions = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    helpers = {f.name for f in functions if not f.name.startswith("test_") and _checks(f, set())}
    return [f.name for f in functions if f.name.startswith("test_") and not _checks(f, helpers)]


def test_every_test_checks_something():
    found = {
        str(path.relative_to(TESTS)): names
        for path in sorted(TESTS.rglob("test_*.py"))
        if (names := unchecked_tests(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_the_check_finds_a_smoke_test():
    source = (
        "def helper(x):\n    assert x\n\n"
        "def test_smoke(db):\n    open_it(db)\n\n"
        "def test_waits(qtbot):\n    qtbot.wait(10)\n\n"
        "def test_by_helper():\n    helper(1)\n\n"
        "def test_raises():\n    with pytest.raises(ValueError):\n        int('x')\n"
    )
    assert unchecked_tests(source) == ["test_smoke", "test_waits"]


LEFT_OPEN = """
from tests.ui.templates.test_editor import open_editor, type_at_end


def test_fails_with_unsaved_changes(qtbot, db):
    editor = open_editor(qtbot, db)
    type_at_end(qtbot, editor, "x")
    assert False, "failed on purpose"
"""


def test_a_failed_test_leaving_unsaved_changes_open_does_not_hang_the_run(tmp_path):
    """Its traceback keeps the editor alive to the teardown, where it is closed: the
    question about its unsaved changes must not wait for a click (tests/conftest.py)."""
    import os
    import subprocess
    import sys

    (tmp_path / "test_left_open.py").write_text(LEFT_OPEN, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.conftest"]
        + ["--rootdir", str(tmp_path), str(tmp_path / "test_left_open.py")],
        cwd=TESTS.parent,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert "1 failed" in done.stdout and "failed on purpose" in done.stdout, done.stdout[-2000:]
