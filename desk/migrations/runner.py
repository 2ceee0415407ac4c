"""Run the Alembic migrations that ship in this package."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

SCRIPT_LOCATION = Path(__file__).parent


def alembic_config(engine: Engine | None = None) -> Config:
    """Return an Alembic configuration for our scripts (bound to `engine` if given)."""
    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    if engine is not None:
        config.set_main_option(
            "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
        )
        config.attributes["engine"] = engine
    return config


def head() -> str:
    """Return the newest revision the scripts know."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def is_known(revision: str) -> bool:
    """True when `revision` is one of our scripts."""
    return revision in {
        s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()
    }


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database behind `engine` to `revision`."""
    command.upgrade(alembic_config(engine), revision)
