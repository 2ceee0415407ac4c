"""The command line in Portuguese: with LANG=pt_BR.UTF-8 the help of `returndesk` and of
every command under it, and what a failing command says, show no English source string
(tests/ui/untranslated.py's words; command and option names are not translated)."""

from __future__ import annotations

import argparse
import re

import pytest

from desk.cli import build_parser
from desk.i18n.catalog import language
from main import main
from tests.ui.untranslated import catalog_words, english_words, plain

LANGUAGE = "pt_BR"


@pytest.fixture
def portuguese_computer(monkeypatch):
    """A computer set to Brazilian Portuguese, as `LANG=pt_BR.UTF-8 returndesk …` is."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "pt_BR.UTF-8")
    monkeypatch.setenv("COLUMNS", "1000")  # one help text a line: argparse wraps at the width


def parsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """`parser` and every command under it, by how it is typed ("returndesk config set")."""
    found = {parser.prog: parser}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                found |= parsers(sub)
    return found


def names(parser: argparse.ArgumentParser) -> set[str]:
    """What is typed, not read: the program, commands, options, metavars and choices."""
    found = set(parser.prog.split())
    for action in parser._actions:
        found |= set(action.option_strings) | {str(action.dest).upper(), str(action.dest)}
        metavar = action.metavar if isinstance(action.metavar, tuple) else (action.metavar,)
        found |= {str(m) for m in metavar if m}
        found |= {str(choice) for choice in action.choices or ()}
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found |= names(sub)
    return found


def english_in(text: str, typed: set[str]) -> list[str]:
    """The English source strings `text` shows, each with its line (typed names left out)."""
    english, native = english_words(), catalog_words(LANGUAGE)
    found = []
    for line in text.splitlines():
        said = line.strip().removeprefix("returndesk: ")  # an error: "returndesk: {error}"
        for piece in re.split(r"\s{2,}", said):
            words = [w for w in re.split(r"[\s,{}\[\]|()]+", piece) if w and w != "..."]
            text = plain(piece)
            if not words or all(w in typed for w in words):
                continue
            if english.source_of(text) is not None and native.source_of(text) is None:
                found.append(f"{text!r} in {line.strip()[:80]!r}")
    return found


def test_the_helper_sees_english_help_and_skips_what_is_typed():
    parser = build_parser()  # English: the suite's language
    typed = names(parser)
    assert {"returndesk", "demo", "--db", "PATH"} <= typed
    shown = parser.format_help()
    assert "  --db PATH" in shown
    assert any("'SQLite database file to use'" in f for f in english_in(shown, typed))
    assert not [f for f in english_in(shown, typed) if "'--db PATH'" in f]


def test_returndesk_help_speaks_portuguese(portuguese_computer, capsys):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    assert language() == LANGUAGE
    shown = capsys.readouterr().out
    found = english_in(shown, names(build_parser()))
    assert not found, f"{len(found)} English in `returndesk --help`:\n  " + "\n  ".join(found)


def test_every_commands_help_speaks_portuguese(portuguese_computer, capsys):
    with pytest.raises(SystemExit):
        main(["--help"])  # the desk's language from the computer's, as at start
    capsys.readouterr()
    parser = build_parser()  # its words are read as it is built: after the language is set
    typed = names(parser)
    found = []
    for prog, command in parsers(parser).items():
        found += [f"{prog}: {f}" for f in english_in(command.format_help(), typed)]
    assert not found, f"{len(found)} English in the commands' help:\n  " + "\n  ".join(found)


def test_a_failing_command_says_so_in_portuguese(portuguese_computer, capsys, tmp_path):
    code = main(["--db", str(tmp_path / "empty.db"), "show", "R-2026-99999"])
    assert code != 0
    said = capsys.readouterr().err
    assert said.strip(), "a failing command says why"
    found = english_in(said, names(build_parser()))
    assert not found, "English in what `returndesk show` says:\n  " + "\n  ".join(found)
