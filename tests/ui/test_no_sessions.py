"""Widgets call desk services and open no database session or connection themselves."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import ui.main_window

UI = Path(ui.main_window.__file__).parent
CONVERTED = [
    "main_window.py",
    "window_openers.py",
    "returns/detail_panel.py",
    "returns/messages_box.py",
    "returns/notify_section.py",
    "returns/transition_dialog.py",
    *sorted(p.relative_to(UI).as_posix() for p in (UI / "new_return").glob("*.py")),
    "instructions/printing.py",
    "instructions/actions.py",
    "feedback/actions.py",
    *sorted(p.relative_to(UI).as_posix() for p in (UI / "settings").glob("*.py")),
    "customers/profile.py",
    "customers/import_dialog.py",
    "templates/editor.py",
    "templates/preview.py",
    "outbox_runner.py",
    "returns/model.py",
    "returns/list_parts.py",
    "demo_offer.py",
    *sorted(p.relative_to(UI).as_posix() for p in (UI / "catalog").glob("*.py")),
    *sorted(p.relative_to(UI).as_posix() for p in (UI / "staff").glob("*.py")),
]
"""The modules already going through desk services; add each one as it is converted."""


def database_calls(source: str) -> list[int]:
    """The lines of `source` that call `.session()` or `.connect()` with no arguments."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("session", "connect")
        and not node.args
        and not node.keywords
    ]


def test_the_checker_tells_sessions_from_signals():
    source = "with db.session() as s:\n    b.clicked.connect(f)\nwith db.connect() as c:\n    1\n"
    assert database_calls(source) == [1, 3]


@pytest.mark.parametrize("name", CONVERTED)
def test_no_session_in(name):
    assert database_calls((UI / name).read_text(encoding="utf-8")) == []
