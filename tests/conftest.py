"""Shared fixtures: headless Qt, an in-memory keyring, a fresh database per test
(on SQLite or PostgreSQL: tests/fixtures_db.py)."""

import os
import sys
import tempfile

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything imports PySide6
# Qt reads the settings folder once per process: keep the user's own out of reach.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="returndesk-test-config-")
# The suite speaks English whatever the machine's language; a test of Portuguese asks for it.
os.environ["LANGUAGE"] = "en"

import keyring  # noqa: E402
import pytest  # noqa: E402
from keyring.backend import KeyringBackend  # noqa: E402

from desk.db import Database, open_database  # noqa: E402

pytest_plugins = ["tests.fixtures_db", "tests.fixtures_servers"]


class MemoryKeyring(KeyringBackend):
    """A keyring that forgets everything when the test ends."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.secrets.get((service, username))

    def set_password(self, service, username, password):
        self.secrets[(service, username)] = password

    def delete_password(self, service, username):
        self.secrets.pop((service, username), None)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item):
    """Close the widgets a test leaves open without asking, before pytest-qt would: a
    failed test's traceback keeps them alive, so an editor with unsaved changes would ask
    "discard them?" and wait for a click for ever, hanging the whole run. The answers are
    patched for the closing only: a fixture's own patch of them is undone after it."""
    prompts = sys.modules.get("ui.prompts")  # not loaded: no widget of the app can ask
    if prompts is not None and getattr(item, "qt_widgets", None):
        from pytestqt.qtbot import _close_widgets  # what pytest-qt's teardown calls

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(prompts, "ask_yes_no", lambda *_args: True)
            patch.setattr(prompts, "ask_choice", lambda *_args, **_kwargs: True)
            _close_widgets(item)
    return (yield)


@pytest.fixture(autouse=True)
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Keep tests away from the user's data folder and settings."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))  # the log folder
    monkeypatch.delenv("RETURNDESK_DB", raising=False)
    monkeypatch.delenv("RETURNDESK_DATABASE_URL", raising=False)
    monkeypatch.delenv("RETURNDESK_PORTAL_KEY", raising=False)  # links: the memory keyring


@pytest.fixture(autouse=True)
def english_desk():
    """Each test starts with the desk speaking English, and leaves it so."""
    from desk.i18n.catalog import set_language

    set_language("en")
    yield
    set_language("en")


@pytest.fixture(autouse=True)
def nobody_signed_in():
    """Each test starts and ends with no one signed in: services act as the computer's user."""
    from desk.staff.actor import set_desk_actor

    set_desk_actor(None)
    yield
    set_desk_actor(None)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "returns.db"


@pytest.fixture
def db(db_url) -> Database:
    """The test's database, empty and migrated, on the run's engine (tests/fixtures_db.py)."""
    database = open_database(db_url)
    yield database
    database.close()
