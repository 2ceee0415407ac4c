"""The gettext catalogs: which language the desk speaks, and the words in it.

Every string a person reads is marked in the source and translated here at the moment it
is shown: `_()` for a sentence, `ngettext()` for one with a count, `pgettext()` when a short
English word means two things ("Open" the status, "Open" the button). A string declared
before the desk's language is known (a module-level table, a default argument) is marked
with `N_()`, which only marks it for extraction, and goes through `_()` where it is shown.

The catalogs are resources/locale/<language>/LC_MESSAGES/returndesk.po, compiled to .mo by
`make translations` (tools/translations.py). A fresh clone without the .mo files still
speaks every language: the .po is compiled in memory when its .mo is missing or older.
"""

from __future__ import annotations

import gettext
import io
import logging
from functools import cache
from pathlib import Path

import resources

DOMAIN = "returndesk"
SOURCE_LANGUAGE = "en"
LANGUAGES: tuple[str, ...] = ("en", "pt_BR")
"""Every language the desk speaks, source language first."""

LANGUAGE_NAMES: dict[str, str] = {"en": "English", "pt_BR": "Português (Brasil)"}
"""Each language in its own words (never translated: a reader looks for their own)."""

_log = logging.getLogger(__name__)
_state: dict[str, object] = {"language": SOURCE_LANGUAGE, "words": gettext.NullTranslations()}


def locale_folder() -> Path:
    """The folder holding one <language>/LC_MESSAGES/returndesk.po per translation."""
    return Path(resources.__file__).parent / "locale"


def supported(code: str | None) -> str | None:
    """The language of ours closest to a locale name ("pt-BR", "pt_BR.UTF-8", "pt" ->
    "pt_BR"; "en_GB" -> "en"), or None when `code` names none of them ("C", "de", "")."""
    text = (code or "").split(".")[0].split("@")[0].replace("-", "_").strip()
    if not text or text in ("C", "POSIX"):
        return None
    for language in LANGUAGES:
        if text.lower() == language.lower():
            return language
    base = text.split("_")[0].lower()
    return next((lang for lang in LANGUAGES if lang.split("_")[0].lower() == base), None)


@cache
def translation(language: str) -> gettext.NullTranslations:
    """The catalog of `language` (an empty one for English, the source language), read once.

    Customer-facing words use this with the customer's language; staff-facing words go
    through `_()`, in the desk's language."""
    language = supported(language) or SOURCE_LANGUAGE
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    folder = locale_folder() / language / "LC_MESSAGES"
    mo, po = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as stream:
            return gettext.GNUTranslations(stream)
    if po.exists():
        _log.warning("Compiling %s in memory: run `make translations`", po.name)
        return gettext.GNUTranslations(io.BytesIO(compiled(po)))
    return gettext.NullTranslations()


def compiled(po: Path) -> bytes:
    """The .mo bytes of the catalog `po` (its fuzzy entries left out, as msgfmt does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as stream:
        catalog = read_po(stream)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def set_language(language: str | None) -> str:
    """Make the desk speak `language` (or English if we have no such catalog); return it."""
    chosen = supported(language) or SOURCE_LANGUAGE
    _state["language"], _state["words"] = chosen, translation(chosen)
    return chosen


def language() -> str:
    """The language the desk speaks now, e.g. "pt_BR"."""
    return str(_state["language"])


def _words() -> gettext.NullTranslations:
    return _state["words"]  # type: ignore[return-value]


def _(message: str) -> str:
    """`message` in the desk's language."""
    return _words().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of `singular`/`plural` that fits the count `n`, in the desk's language."""
    return _words().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` in the desk's language, where `context` tells two same English words apart."""
    return _words().pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    """ngettext() with a context, as pgettext()."""
    return _words().npgettext(context, singular, plural, n)


def N_(message: str) -> str:
    """Mark `message` for translation without translating it yet (translate it where shown)."""
    return message
