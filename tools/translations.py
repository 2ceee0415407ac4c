"""`make translations`: extract every marked string, bring each catalog up to date, compile it,
and say what is left to translate.

    python tools/translations.py            extract, update, compile, report
    python tools/translations.py --check    also exit 1 when a catalog is incomplete
    python tools/translations.py --check --only ui/returns   only strings found under there

resources/locale/returndesk.pot is made from the sources (babel.cfg) and not kept in git.
Each resources/locale/<lang>/LC_MESSAGES/returndesk.po keeps its translations; a string new
in the sources comes in empty, a string gone from them leaves. Work in progress may sit in
resources/locale/<lang>/parts/*.po: their entries win over the catalog's; `--fold` writes
them into the catalog and removes them.
"""

from __future__ import annotations

import argparse
import io
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desk.i18n.checks import problems  # noqa: E402

LOCALE = ROOT / "resources" / "locale"
DOMAIN = "returndesk"
STAMP = datetime(2026, 12, 1, tzinfo=UTC)  # fixed: a catalog changes with its words only
HEADER = "# {language} translation of Return Desk. How to translate: TRANSLATING.md."
PLURALS = {"pt_BR": "nplurals=2; plural=(n > 1);"}


def template() -> Catalog:
    """Every marked string of the sources, with where it is used."""
    with (ROOT / "babel.cfg").open() as stream:
        method_map, options_map = parse_mapping_cfg(stream)
    catalog = Catalog(project="Return Desk", domain=DOMAIN, fuzzy=False, creation_date=STAMP)
    for filename, line, message, comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, strip_comment_tags=True, comment_tags=("TRANSLATORS:",)
    ):
        catalog.add(message, None, [(filename, line)], auto_comments=comments, context=context)
    return catalog


def read(path: Path) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream)


def with_parts(language: str) -> Catalog:
    """The language's catalog with its work in progress laid over it."""
    po = LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    catalog = read(po) if po.exists() else Catalog(locale=language, domain=DOMAIN, fuzzy=False)
    for part in sorted((LOCALE / language / "parts").glob("*.po")):
        for message in read(part):
            done = all(message.string) if isinstance(message.string, tuple) else message.string
            if not message.id or not done:
                continue
            if (current := catalog.get(message.id, message.context)) is not None:
                current.string = message.string
                current.flags.discard("fuzzy")
            else:
                catalog[message.id] = message
    return catalog


def update(language: str, pot: Catalog) -> Catalog:
    catalog = with_parts(language)
    catalog.locale = catalog.locale or language
    catalog.update(pot, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    catalog.project, catalog.version = "Return Desk", ""
    catalog.creation_date = catalog.revision_date = STAMP
    catalog.header_comment = HEADER.format(language=language)
    catalog.last_translator = catalog.language_team = "Return Desk"
    plural(catalog, language)
    return catalog


def plural(catalog: Catalog, language: str) -> None:
    """Brazilian Portuguese has two forms, "1 devolução", "2 devoluções" (and 0 is singular);
    Babel's newer CLDR rule adds a third for millions, which gettext tools do not expect."""
    if language in PLURALS:
        catalog._num_plurals, catalog._plural_expr = 2, "(n > 1)"


def part_of(catalog: Catalog, only: list[str]) -> Catalog:
    """The entries of `catalog` used under the `only` paths (all when none), to translate."""
    part = Catalog(locale=catalog.locale, domain=DOMAIN, fuzzy=False, creation_date=STAMP)
    for message in catalog:
        paths = [path for path, _line in message.locations]
        if message.id and (not only or any(p.startswith(o) for p in paths for o in only)):
            part[message.id] = message
    plural(part, str(catalog.locale))
    part.header_comment = "# Work in progress: `python tools/translations.py --fold` folds it in."
    return part


def write(catalog: Catalog, path: Path, *, mo: bool) -> None:
    out = io.BytesIO()
    if mo:
        write_mo(out, catalog)
    else:
        write_po(out, catalog, width=96, sort_by_file=True, omit_header=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if anything is left")
    parser.add_argument("--only", action="append", default=[], help="a source folder or file")
    parser.add_argument("--fold", action="store_true", help="write parts into the catalogs")
    parser.add_argument("--part", help="(re)write parts/PART.po with the --only strings to do")
    args = parser.parse_args(argv)
    pot = template()
    write(pot, LOCALE / f"{DOMAIN}.pot", mo=False)
    left = 0
    for folder in sorted(p for p in LOCALE.iterdir() if (p / "LC_MESSAGES").is_dir()):
        language = folder.name
        catalog = update(language, pot)
        po = folder / "LC_MESSAGES" / f"{DOMAIN}.po"
        parts = sorted((folder / "parts").glob("*.po"))
        if args.fold or not parts:
            write(catalog, po, mo=False)
            for part in parts if args.fold else ():
                part.unlink()
        write(catalog, folder / "LC_MESSAGES" / f"{DOMAIN}.mo", mo=True)
        if args.part:
            write(part_of(catalog, args.only), folder / "parts" / f"{args.part}.po", mo=False)
        found = [
            p
            for p in problems(catalog)
            if not args.only
            or any(loc.startswith(prefix) for loc in p.locations for prefix in args.only)
        ]
        left += len(found)
        print(f"{language}: {len(pot)} strings, {len(found)} to fix")
        for problem in found[:40]:
            print(f"  {problem}")
        if len(found) > 40:
            print(f"  … and {len(found) - 40} more")
    return 1 if args.check and left else 0


if __name__ == "__main__":
    sys.exit(main())
