"""Choosing the database: --db, then the environment, then the user's data folder."""

from pathlib import Path

from desk.paths import ENV_DB_PATH, ENV_DB_URL, database_url, default_db_path, sqlite_url


def test_sqlite_url_is_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert sqlite_url("returns.db") == f"sqlite:///{tmp_path.resolve() / 'returns.db'}"
    assert sqlite_url("~/x.db") == f"sqlite:///{Path.home().resolve() / 'x.db'}"


def test_default_is_in_the_user_data_folder(tmp_path):
    # conftest points XDG_DATA_HOME at the test's folder
    assert default_db_path() == tmp_path / "xdg-data" / "ReturnDesk" / "returndesk.db"
    assert database_url() == sqlite_url(default_db_path())


def test_the_option_wins_then_the_url_then_the_path(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_DB_PATH, str(tmp_path / "env.db"))
    assert database_url() == sqlite_url(tmp_path / "env.db")
    monkeypatch.setenv(ENV_DB_URL, "postgresql://desk@db.example/returns")
    assert database_url() == "postgresql://desk@db.example/returns"
    assert database_url(str(tmp_path / "given.db")) == sqlite_url(tmp_path / "given.db")
