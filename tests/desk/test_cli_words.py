"""argparse's own words: our copies are argparse's msgids, and argparse says them in Portuguese."""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

import pytest

from desk.cli import build_parser
from desk.cli_words import ARGPARSE_WORDS
from desk.i18n.catalog import _, set_language


def argparse_msgids() -> set[str]:
    """Every string argparse passes to its `_()` and `ngettext()` (a default among them:
    `_(kwargs.pop('title', 'subcommands'))`)."""
    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("_", "ngettext"):
            for arg in node.args:
                found |= {c.value for c in ast.walk(arg) if isinstance(c, ast.Constant)}
    return found


def test_every_word_is_argparses_own_spelling():
    assert set(ARGPARSE_WORDS) <= argparse_msgids()


def test_every_word_has_its_portuguese():
    set_language("pt_BR")
    assert [w for w in ARGPARSE_WORDS if _(w) == w] == []


def test_argparse_speaks_the_desks_language(capsys):
    set_language("pt_BR")
    parser = build_parser()
    helped = parser.format_help()
    assert helped.startswith("uso: returndesk") and "\nopções:\n" in helped
    assert "mostra esta mensagem de ajuda e sai" in helped
    with pytest.raises(SystemExit):
        parser.parse_args(["move", "R-1", "gone"])
    said = capsys.readouterr().err
    assert "returndesk move: erro: argumento STATUS: opção inválida: 'gone'" in said
    set_language("en")  # the same parser follows the language when it speaks
    assert parser.format_help().startswith("usage: returndesk")
