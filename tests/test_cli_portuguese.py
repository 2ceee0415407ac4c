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


@pytest.fixture
def brazilian_demo(portuguese_computer, capsys, tmp_path):
    """The `--db` option of a Brazilian demo shop made by `returndesk demo` in Portuguese."""
    db = ["--db", str(tmp_path / "demo.db")]
    assert main([*db, "demo", "--returns", "40", "--seed", "3"]) == 0
    capsys.readouterr()
    return db


def said_by(capsys, db: list[str], *command: str) -> str:
    """What `returndesk … command` prints, on both outputs (the exit code does not matter)."""
    main([*db, *command])
    out = capsys.readouterr()
    return out.out + out.err


def a_portuguese_message(db: list[str]) -> tuple[int, str]:
    """A demo message in Portuguese: its id and its return's number."""
    from sqlmodel import select

    from desk.db import open_database
    from desk.models import OutboxMessage, Return
    from desk.paths import sqlite_url

    database = open_database(sqlite_url(db[1]))
    try:
        with database.session() as session:
            message = session.exec(
                select(OutboxMessage)
                .where(OutboxMessage.language == LANGUAGE, OutboxMessage.channel == "email")
                .order_by(OutboxMessage.id)
            ).first()
            return message.id, session.get(Return, message.return_id).number
    finally:
        database.close()


ENGLISH_HEADS = re.compile(r"^(?:To|Subject|From|Reply-To):|--- text ---", re.MULTILINE)


def test_what_the_commands_print_on_a_brazilian_desk_is_portuguese(brazilian_demo, capsys):
    db = brazilian_demo
    message, number = a_portuguese_message(db)
    commands = [
        ("show", number),
        ("preview", number, "approved"),
        ("outbox", "list"),
        ("outbox", "show", str(message)),
        ("feedback", number, "--rating", "2", "--comment", "Demorou"),
        ("move", number, "received"),
        ("outbox", "send"),
        ("report", "--from", "2026-01-01", "--to", "2026-12-31", "--text"),
        ("report", "--from", "2020-01-01", "--to", "2020-01-31", "--text"),
        ("backups",),
        ("config", "get", "shop.name"),
    ]
    typed = names(build_parser())
    found = []
    for command in commands:
        shown = said_by(capsys, db, *command)
        assert shown.strip(), f"`returndesk {' '.join(command)}` says something"
        found += [f"{' '.join(command)}: {f}" for f in english_in(shown, typed)]
        found += [
            f"{' '.join(command)}: {head.group()!r}" for head in ENGLISH_HEADS.finditer(shown)
        ]
    assert not found, f"{len(found)} English in what the commands print:\n  " + "\n  ".join(found)


def test_the_outbox_list_names_channels_and_messages_in_portuguese(brazilian_demo, capsys):
    listed = said_by(capsys, brazilian_demo, "outbox", "list")
    assert " E-mail " in listed or " SMS " in listed
    assert "Pedido de devolução confirmado" in listed  # not "acknowledged"
    assert not re.search(r"\b(?:acknowledged|received|email)\b", listed)
    message, _number = a_portuguese_message(brazilian_demo)
    shown = said_by(capsys, brazilian_demo, "outbox", "show", str(message))
    assert shown.startswith(f"Mensagem nº {message} (E-mail) para R-")
    assert "\nPara: " in shown and "\nAssunto: " in shown and "\nDe: " in shown
    assert "\n--- texto ---\n" in shown
