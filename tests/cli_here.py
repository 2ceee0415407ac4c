"""Run a `returndesk` command in the test's own process, as main.py runs it in a fresh one.

A fresh process spends about a second importing the desk before the command starts; the
suite runs hundreds of commands, so most run here: main.main with the command's arguments,
environment and standard input, its output captured as text. What only a process can show
(the language the computer starts in, no traceback on screen, a locked file held by
another process) keeps a real one: tests/desk/test_cli.py says which.
"""

from __future__ import annotations

import io
import logging
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

import keyring
from keyring.backends import fail

# what a test's environment asks of a subprocess's keyring (tests/desk/test_cli.py NO_KEYRING)
_FAIL_BACKEND = "keyring.backends.fail.Keyring"


@dataclass
class Done:
    """A finished command, read as subprocess.CompletedProcess is read."""

    args: list[str]
    returncode: int
    stdout: str = ""
    stderr: str = field(default="")


def run_here(
    argv: list[str], env: Mapping[str, str | None] | None = None, stdin: str | None = None
) -> Done:
    """Run `returndesk argv` here with `env` over the environment and `stdin` as its input
    (empty when None); the exit code and what it wrote, as a subprocess would give them."""
    import main
    from desk.i18n.catalog import language, set_language
    from desk.staff.actor import set_desk_actor

    spoken = language()
    out, err = _text_stream(), _text_stream()
    with _environment(env or {}), _keyring_for(env or {}), _own_log_handlers():
        streams = sys.stdin, sys.stdout, sys.stderr
        sys.stdin = _text_stream((stdin or "").encode("utf-8"))
        sys.stdout, sys.stderr = out, err
        try:
            code = _exit_code(main.main, list(argv))
        finally:
            sys.stdin, sys.stdout, sys.stderr = streams
            set_language(spoken)
            set_desk_actor(None)  # a fresh process starts with no one signed in
    return Done(list(argv), code, _text_of(out), _text_of(err))


def _exit_code(entry, argv: list[str]) -> int:
    """`entry(argv)`'s exit code; a SystemExit (argparse, --version) read as the process
    would: None is 0, a message goes to stderr with 1."""
    try:
        return entry(argv) or 0
    except SystemExit as leaving:
        if leaving.code is None or isinstance(leaving.code, int):
            return leaving.code or 0
        print(leaving.code, file=sys.stderr)
        return 1


def _text_stream(data: bytes = b"") -> io.TextIOWrapper:
    """A text stream over bytes, with the .buffer a real standard stream has."""
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", write_through=True)


def _text_of(stream: io.TextIOWrapper) -> str:
    stream.flush()
    return stream.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]


@contextmanager
def _environment(env: Mapping[str, str | None]) -> Iterator[None]:
    """`env` over the environment (None removes a variable), as it was afterwards."""
    saved = dict(os.environ)
    os.environ.update({key: value for key, value in env.items() if value is not None})
    for key in [key for key, value in env.items() if value is None]:
        os.environ.pop(key, None)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextmanager
def _keyring_for(env: Mapping[str, str | None]) -> Iterator[None]:
    """The keyring a subprocess with `env` would find: none when the test says so, else the
    test's in-memory one (tests/conftest.py)."""
    if env.get("PYTHON_KEYRING_BACKEND") != _FAIL_BACKEND:
        yield
        return
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)


@contextmanager
def _own_log_handlers() -> Iterator[None]:
    """Close and remove the log handlers a command adds (desk.logs.setup_logging), as the
    end of its process would."""
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    try:
        yield
    finally:
        for handler in [h for h in root.handlers if h not in before]:
            root.removeHandler(handler)
            handler.close()
        root.setLevel(level)


def run_on(db, *args: str, env: Mapping[str, str | None] | None = None, stdin: str | None = None):
    """Run `returndesk args` here on the test's database `db` (tests.fixtures_db.CliDatabase:
    `--db PATH` on SQLite, the URL in the environment on PostgreSQL)."""
    return run_here([*db.args(), *args], {**db.env(), **(env or {})}, stdin)
