"""Run the Alembic migrations that ship in this package, saying each step as it starts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from desk.errors import DeskError
from desk.i18n.catalog import _

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


@dataclass(frozen=True)
class UpgradeStep:
    """A step of a schema upgrade, said as it starts: `done` of `total` steps are over
    (for a progress bar) and `text` says what runs now, in the desk's language."""

    done: int
    total: int
    text: str


OnStep = Callable[[UpgradeStep], None]
"""Told each step of an upgrade as it starts (on the thread that upgrades)."""


def pending(current: str | None) -> list[str]:
    """The revisions an upgrade from `current` (None: an empty database) applies, oldest
    first."""
    scripts = ScriptDirectory.from_config(alembic_config())
    return [s.revision for s in reversed(list(scripts.iterate_revisions("head", current)))]


def upgrade(
    engine: Engine,
    revision: str = "head",
    *,
    on_step: OnStep | None = None,
    steps: list[str] | None = None,
    done: int = 0,
) -> None:
    """Upgrade the database behind `engine` to `revision`. With `on_step`, say each of
    the migrations `steps` (see `pending`) as it starts ("Upgrade 2 of 3: schema 0020"),
    counted after `done` earlier steps of the whole (the copy made aside)."""
    config = alembic_config(engine)
    if on_step is not None and steps:
        say = _Steps(steps, on_step, done)
        config.attributes["on_version_apply"] = (say.applied,)
        say.next()
    command.upgrade(config, revision)


class _Steps:
    """Says the migrations one by one: the first before the run, each next one when
    Alembic reports the previous one applied."""

    def __init__(self, revisions: list[str], on_step: OnStep, done: int):
        self.revisions, self.on_step, self.done = revisions, on_step, done
        self.applied_count = 0

    def next(self) -> None:
        if self.applied_count >= len(self.revisions):
            return
        number, count = self.applied_count + 1, len(self.revisions)
        text = _("Upgrade {number} of {count}: schema {revision}").format(
            number=number, count=count, revision=self.revisions[self.applied_count]
        )
        self.on_step(UpgradeStep(self.done + self.applied_count, self.done + count, text))

    def applied(self, **_kwargs) -> None:
        self.applied_count += 1
        self.next()


def upgrade_database(
    engine: Engine,
    revision: str | None,
    on_step: OnStep | None = None,
    *,
    copy_aside: Callable[[Engine, str], object],
) -> None:
    """Upgrade the database behind `engine` from `revision` (None: none yet) to the head,
    copying an SQLite file with data aside first (`copy_aside(engine, label)`).

    `on_step` is told each step as it starts, then once more when it is all done; a new
    database is made without a word (there is nothing to wait for). Refuses a revision
    newer than ours.
    """
    if revision is not None and not is_known(revision):
        raise DeskError(
            _(
                "This database was made by a newer Return Desk (schema {revision}). "
                "Install the newer version to open it."
            ).format(revision=revision)
        )
    steps = pending(revision)
    existing = revision is not None or _has_user_tables(engine)
    copy = existing and _has_file(engine)
    on_step = on_step if existing else None
    say = on_step or (lambda step: None)
    if copy:
        say(UpgradeStep(0, len(steps) + 1, _("Copying the database aside")))
        copy_aside(engine, revision or "unversioned")
    upgrade(engine, on_step=on_step, steps=steps, done=int(copy))
    say(UpgradeStep(len(steps) + copy, len(steps) + copy, _("Upgrade done")))


def _has_user_tables(engine: Engine) -> bool:
    with engine.connect() as conn:
        return bool(inspect(conn).get_table_names())


def _has_file(engine: Engine) -> bool:
    """Whether `engine` is an SQLite file with something in it (`backup_sqlite` copies it)."""
    if engine.dialect.name != "sqlite" or not engine.url.database:
        return False
    source = Path(engine.url.database)
    return source.exists() and source.stat().st_size > 0
