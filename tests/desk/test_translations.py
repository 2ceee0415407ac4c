"""The catalogs: every marked string translated, placeholders kept, plurals right, a new
string without a translation caught; the desk's language chosen and followed."""

import importlib.util
import textwrap
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from desk.errors import DeskError
from desk.i18n.catalog import _, compiled, language, set_language
from desk.i18n.checks import placeholders, problems
from desk.i18n.desk_language import (
    choose_language,
    chosen_language,
    computer_language,
    start_language,
)

ROOT = Path(__file__).resolve().parents[2]


def _tool():
    spec = importlib.util.spec_from_file_location("translations", ROOT / "tools/translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tool():
    return _tool()


@pytest.fixture(scope="module")
def pot(tool):
    return tool.template()


def test_every_marked_string_has_a_portuguese_translation(tool, pot):
    catalog = tool.update("pt_BR", pot)
    found = problems(catalog)
    assert not found, f"{len(found)} to fix (make translations):\n" + "\n".join(
        map(str, found[:30])
    )


def test_a_string_added_without_a_translation_fails(tool, pot, tmp_path):
    from babel.messages.extract import extract_from_file

    source = tmp_path / "new_screen.py"
    source.write_text('from desk.i18n import _\nTITLE = _("A sentence no one translated")\n')
    for _line, message, _comments, _context in extract_from_file("python", str(source)):
        pot.add(message, locations=[(source.name, 2)])
    found = problems(tool.update("pt_BR", pot))
    assert [p.message for p in found] == ["A sentence no one translated"]
    assert found[0].what == "not translated"


def test_a_placeholder_lost_in_translation_is_caught():
    catalog = Catalog(locale="pt_BR")
    catalog.add("Return {number} moved", "Devolução {numero} movida", [("x.py", 1)])
    catalog.add("{count} returns", "{count} devoluções", [("x.py", 2)])
    catalog.add("Saved", "Salvo", [("x.py", 3)], flags=["fuzzy"])
    found = {p.message: p.what for p in problems(catalog)}
    assert found == {
        "Return {number} moved": "placeholders ['{numero}'] instead of ['{number}']",
        "Saved": "fuzzy",
    }
    assert placeholders("{total:,} of %(prog)s {n!r}") == {"{total}", "%(prog)s", "{n}"}


def test_plural_forms_follow_brazilian_portuguese(tmp_path):
    po = tmp_path / "x.po"
    po.write_text(
        textwrap.dedent(
            """\
            msgid ""
            msgstr ""
            "Content-Type: text/plain; charset=utf-8\\n"
            "Plural-Forms: nplurals=2; plural=(n > 1);\\n"

            msgid "{n} return"
            msgid_plural "{n} returns"
            msgstr[0] "{n} devolução"
            msgstr[1] "{n} devoluções"
            """
        ),
        encoding="utf-8",
    )
    import gettext
    import io

    words = gettext.GNUTranslations(io.BytesIO(compiled(po)))
    forms = [words.ngettext("{n} return", "{n} returns", n).format(n=n) for n in (0, 1, 2)]
    assert forms == ["0 devolução", "1 devolução", "2 devoluções"]


def test_the_desk_speaks_the_chosen_language_then_the_computers(monkeypatch):
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "pt_BR.UTF-8")
    try:
        assert chosen_language() == ""
        assert start_language() == "pt_BR" == language()
        assert _("Language of this desk") == "Idioma deste balcão"
        assert choose_language("en") == "en"
        assert chosen_language() == "en"
        assert start_language() == "en"
        assert _("Language of this desk") == "Language of this desk"
        choose_language("")
        monkeypatch.setenv("LANG", "de_DE.UTF-8")
        assert computer_language() is None
        assert start_language() == "en"
        assert computer_language(("pt-BR", "en-US")) == "pt_BR"
    finally:
        set_language("en")


def test_a_language_the_desk_does_not_speak_is_refused():
    with pytest.raises(DeskError, match="Language of this desk"):
        choose_language("de")
    assert chosen_language() == ""
