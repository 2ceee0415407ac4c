"""What the app says about itself: version, the database shown without password, licences."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from desk.about import app_version, database_label, library_licences

REPO = Path(__file__).resolve().parents[2]


def test_the_version_is_the_projects():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert app_version() == project["version"]


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            "postgresql+psycopg://desk:s3cret@db.shop:5432/returns",
            "postgresql+psycopg://desk@db.shop:5432/returns",
        ),
        ("postgresql://desk:***@localhost/returns", "postgresql://desk@localhost/returns"),
        ("sqlite:////home/shop/returns.db", "sqlite:////home/shop/returns.db"),
    ],
)
def test_the_database_is_shown_without_its_password(url, shown):
    assert database_label(url) == shown
    assert "s3cret" not in database_label(url) and "*" not in database_label(url)


def test_the_licences_of_the_libraries_come_from_their_metadata():
    libraries = {lib.name.lower(): lib for lib in library_licences()}
    for direct in ("sqlalchemy", "jinja2", "babel", "keyring", "segno", "pyqtgraph"):
        assert direct in libraries
    assert "pyside6_essentials" in libraries or "pyside6-essentials" in libraries
    assert libraries["sqlalchemy"].licence == "MIT"
    assert all(lib.licence and lib.version for lib in libraries.values())
    assert "pytest" not in libraries  # a test tool, not something the app runs on
