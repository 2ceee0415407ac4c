"""The desk's own language: a choice of this computer, not of the shop.

Several desks may share one shop database while their staff speak different languages,
and the language is needed before the database is open (the command line's help, the
first screen), so the choice lives in a small file in this computer's settings folder.
It is separate from each customer's language and from the shop's default language for
customers. Left empty, the desk follows the computer's language.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from platformdirs import user_config_path

from desk.errors import DeskError
from desk.i18n.catalog import LANGUAGES, N_, set_language, supported
from desk.setting_spec import SettingSpec

DESK_LANGUAGE = SettingSpec(
    key="desk.language",
    type=str,
    default="",
    label=N_("Language of this desk"),
    choices=("", *LANGUAGES),
    help=N_("Empty: follow this computer's language. Applies when Return Desk next starts."),
)

_ENV_ORDER = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def settings_file() -> Path:
    """The file holding this computer's choices for the desk (its language)."""
    return user_config_path("ReturnDesk", appauthor=False) / "desk.toml"


def chosen_language() -> str:
    """The language chosen for this desk, or "" when it follows the computer."""
    try:
        table = tomllib.loads(settings_file().read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return ""
    return supported(str(table.get("language", ""))) or ""


def choose_language(code: str) -> str:
    """Keep `code` ("" to follow the computer) as this desk's language from its next start.

    Raises DeskError for a language the desk does not speak or a folder it cannot write."""
    chosen = DESK_LANGUAGE.parse(code) if code else ""
    path = settings_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'language = "{chosen}"\n', encoding="utf-8")
    except OSError as error:
        problem = error.strerror
        raise DeskError(f"Could not save the desk's language in {path}: {problem}.") from None
    return chosen


def computer_language(hints: tuple[str, ...] = ()) -> str | None:
    """The first language of ours the computer asks for: the `hints` (the window passes
    the system's UI languages), then LANGUAGE, LC_ALL, LC_MESSAGES and LANG."""
    names = list(hints)
    for variable in _ENV_ORDER:
        if value := os.environ.get(variable):
            names.extend(value.split(":"))
            if variable != "LANGUAGE":
                break
    return next((lang for name in names if (lang := supported(name))), None)


def start_language(hints: tuple[str, ...] = ()) -> str:
    """Make the desk speak its chosen language, or the computer's; return the language."""
    return set_language(chosen_language() or computer_language(hints))
