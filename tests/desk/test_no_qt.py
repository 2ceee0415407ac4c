"""desk/ is the core with no UI: nothing in it may import Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import desk.workflow

# Not `desk.__file__`: under pytest's default import mode, tests/desk can shadow the package.
DESK = Path(desk.workflow.__file__).parent
REPO = DESK.parent
QT_PACKAGES = {"PySide6", "PySide2", "PyQt5", "PyQt6", "shiboken6", "shiboken2", "qtpy"}
SOURCES = sorted(DESK.rglob("*.py"))


def qt_imports(source: str) -> list[str]:
    """Return the Qt modules that `source` imports, anywhere in it (also inside functions)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", ""))
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names = [node.args[0].value]
        else:
            continue
        found += [name for name in names if name.split(".")[0] in QT_PACKAGES]
    return found


def test_the_checker_sees_every_kind_of_import():
    assert qt_imports("import PySide6") == ["PySide6"]
    assert qt_imports("import os, PyQt5.QtCore as qc") == ["PyQt5.QtCore"]
    assert qt_imports("from PySide6.QtWidgets import QWidget") == ["PySide6.QtWidgets"]
    assert qt_imports("def f():\n    from shiboken6 import isValid\n") == ["shiboken6"]
    assert qt_imports("import importlib\nimportlib.import_module('qtpy.QtCore')") == ["qtpy.QtCore"]
    assert qt_imports("from . import PySide6\nimport PySide6_helpers\nimport ui") == []


def test_there_are_sources_to_check():
    names = {p.relative_to(DESK).as_posix() for p in SOURCES}
    assert {"workflow.py", "returns.py", "db.py", "migrations/env.py"} <= names


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(DESK).as_posix())
def test_no_qt_import_in_source(path):
    assert qt_imports(path.read_text(encoding="utf-8")) == []


IMPORT_ALL = """
import importlib, pkgutil, sys
import desk
assert desk.__file__, "the desk package itself must be imported, not a namespace"
# env.py only runs inside Alembic (it reads alembic.context at import time)
SKIP = {"desk.migrations.env"}
names = [
    m.name
    for m in pkgutil.walk_packages(desk.__path__, "desk.")
    if m.name not in SKIP
]
for name in names:
    importlib.import_module(name)
qt = sorted(m for m in sys.modules if m.split(".")[0] in {"PySide6", "shiboken6"})
print(len(names))
assert not qt, f"importing desk loaded Qt: {qt}"
"""


def test_importing_every_desk_module_loads_no_qt():
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    # every .py but desk/__init__.py and env.py is a module walk_packages lists
    assert int(done.stdout.split()[-1]) == len(SOURCES) - 2
