"""Find the English words a window still shows when the desk speaks another language
(a test helper).

`untranslated_texts(window)` walks the visible widgets of `window` and collects every text a
person reads: labels, buttons, window and group titles, tabs, placeholders, tooltips, combo
items, menu and toolbar actions, table headers and a few cells. A text is reported when it
is one of the English source strings: a string literal of desk/, ui/ or portal/ (read once
with `ast`; docstrings left out), compared after dropping "&" mnemonics, rich-text tags and
a trailing "…" or ":"; also without what the window adds at the end (" (Ctrl+T)", " *"),
and each part the window joins with " · ", ": " or " — " (a word put into a translated
sentence: "Motivo: Not as described"). A source string with placeholders is a pattern:
"Return {number}" (or f"Return {number}") matches "Return R-0042"; a single word between
two placeholders ("{kind} to {address}") is too loose to be one, and beside one it takes
a value without spaces ("{n} return" matches "13 return", not "Find a return").

Not reported:
- a text that is also a translation in the desk's catalog ("Total" is Portuguese too);
- a source string with no English word left once names, codes and `SAME_WORDS` are set
  aside: "Return Desk — {name}", "SMS", "Ctrl+N", "shop.name";
- data: bare literals of desk/demo/ (customer and product names, notes) are the demo's
  data, not texts (its marked strings, `_("…")`, still count); numbers, return numbers,
  e-mail addresses and names are never source strings;
- a source string with a letter beyond ASCII ("… na sua próxima compra"): no English
  string of ours has one, the Portuguese words kept in Python tables do;
- the contents of text editors and browsers (a message, the guide: documents, not labels).
"""

from __future__ import annotations

import ast
import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTableView,
    QTextEdit,
    QToolBar,
    QTreeView,
    QWidget,
)

from desk.i18n.catalog import LANGUAGE_NAMES, language, translation

REPO = Path(__file__).resolve().parents[2]
SOURCE_ROOTS = (REPO / "desk", REPO / "ui", REPO / "portal")
DATA_FOLDERS = ("desk/demo/",)
"""Where bare string literals are data (names, products, notes), not texts to translate."""

SAME_WORDS = frozenset(
    {
        "Return Desk",  # the product's name
        "returndesk",  # its command
        *LANGUAGE_NAMES.values(),  # each language in its own words: "English" stays English
        "Ctrl",
        "Shift",
        "Alt",
        "Esc",
        "Tab",  # key names, as printed on the keys
        # the same in Portuguese, by the glossary (TRANSLATING.md)
        "Total",
        "Status",
        "Backup",
        "E-mail",
        "Tablet",
        "min",  # minutes
    }
)
"""Words set aside before judging whether a source string holds an English word. Acronyms
(SMS, PDF, CSV, QR, SKU, OK, EUR: two to five capitals) are set aside too."""

GETTEXT = {"_": 0, "N_": 0, "gettext": 0, "ngettext": 0, "pgettext": 1, "npgettext": 1}
"""The marking functions, and how many leading arguments are not English (the context)."""
CELLS = 6
"""How many rows of each visible list or table are read."""

_HOLE = "\ue000"  # stands for a placeholder while a string is normalized (no space)
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([A-Za-z_]+\)[sdrf]|%[sdrf]")
_BREAKS = re.compile(r"<br\s*/?>|</(?:p|li|tr|h\d|div)>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*>")
_MNEMONIC = re.compile(r"&(?![#\w]+;)")  # "&Save", not "&amp;"
_TRAILING = re.compile(r"(?:\s|…|\.\.\.|:)+$")
_CODE = re.compile(r"\S*(?:\w[_@/.=]\w|\d|://|\*\.\w|\b_\w|\b[a-z]+[A-Z])\S*")  # a.b, R-1, *.csv
_KEYS = re.compile(r"\b(?:(?:Ctrl|Shift|Alt|Meta)\+)+\S+|\bF\d{1,2}\b")
_ACRONYM = re.compile(r"\b[A-Z]{2,5}s?\b")
_WORD = re.compile(r"[^\W\d_]{2,}")
_SAME = re.compile(
    "|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in sorted(SAME_WORDS, key=len, reverse=True))
)
_JOINS = re.compile(r" · |: | — ")  # how the window strings words together
_ADDED = re.compile(r"\s*(?:\([^()]*\)|\*)$")  # " (Ctrl+T)", " *" after a label
_FOREIGN = re.compile(r"[^\W\d_\x00-\x7f]")  # a letter beyond ASCII: "próxima", not English


def plain(text: str) -> str:
    """`text` as a person reads it: no mnemonic "&", no tags, single spaces, no trailing
    "…" or ":" ("&Save changes…" -> "Save changes")."""
    text = text.replace("&&", "\0")
    text = _MNEMONIC.sub("", text).replace("\0", "&")
    text = _TAG.sub("", _BREAKS.sub("\n", text))
    text = html.unescape(text).replace("\xa0", " ")
    return _TRAILING.sub("", " ".join(text.split())).strip()


def _pieces(text: str) -> list[str]:
    """The whole text and each of its lines, each made `plain`."""
    lines = _BREAKS.sub("\n", text).split("\n")
    found = [plain(text)] + ([plain(line) for line in lines] if len(lines) > 1 else [])
    return [piece for piece in dict.fromkeys(found) if _WORD.search(piece)]


def _shown_pieces(text: str) -> list[str]:
    """`_pieces` of a shown text, each also without what the window adds at its end (a
    key, a mark, a note in brackets: "Edit the wording (Ctrl+T)" -> "Edit the wording"),
    then the parts the window joins ("Motivo: Not as described", "… · By mail · …")."""
    found = []
    for piece in _pieces(text):
        bare = _ADDED.sub("", piece)
        found += [piece, bare] if bare != piece and _WORD.search(bare) else [piece]
    parts = [plain(part) for piece in found for part in _JOINS.split(piece)]
    return list(dict.fromkeys(found + [part for part in parts if _WORD.search(part)]))


def has_words(text: str) -> bool:
    """Whether `text` (a source string's fixed part) holds a word to translate, once
    codes, key names, acronyms and `SAME_WORDS` are set aside."""
    text = _SAME.sub(" ", _KEYS.sub(" ", _CODE.sub(" ", text)))
    return bool(_WORD.search(_ACRONYM.sub(" ", text)))


@dataclass(frozen=True)
class Pattern:
    """A source string with placeholders, as a regular expression over shown texts."""

    source: str
    anchor: str  # its longest fixed piece: a text without it cannot match
    regex: re.Pattern

    @classmethod
    def of(cls, pieces: list[str], source: str) -> Pattern | None:
        """The pattern of a string made of fixed `pieces` with a placeholder between each
        two, or None when its fixed pieces hold no word ("{name} — {shop}"), or a single
        one between placeholders ("{kind} to {address}")."""
        fixed = plain(_HOLE.join(pieces).replace("\n", " ")).split(_HOLE)
        words = "0".join(fixed)  # a stand-in value: "{id}.name" is the code "0.name"
        if not has_words(words):
            return None
        one_word = len(_WORD.findall(words)) < 2
        if one_word and not (fixed[0].strip() or fixed[-1].strip()):
            return None  # "{kind} to {address}" would match any sentence with " to "
        # "{n} return" holds a number or a code ("13 return"), not words ("Find a return")
        value = r"(\S+?)" if one_word else "(.+?)"
        regex = re.compile(value.join(map(re.escape, fixed)), re.DOTALL)
        return cls(source, max(fixed, key=len), regex)


@dataclass
class Words:
    """The texts of one language: exact ones and patterns."""

    exact: dict[str, str]  # plain text -> the source string it comes from
    patterns: list[Pattern]

    @classmethod
    def of(cls, sources: Iterable[str]) -> Words:
        """The words of these strings ("{name}" and "%s" are placeholders)."""
        words = cls({}, [])
        for source in sources:
            words.add(source)
        return words

    def add(self, source: str, pieces: list[str] | None = None) -> None:
        """Add one string, or one made of fixed `pieces` around placeholders (an f-string)."""
        if pieces is None:
            unescaped = source.replace("{{", "\x01").replace("}}", "\x02")
            pieces = [p.replace("\x01", "{").replace("\x02", "}") for p in _split(unescaped)]
        if len(pieces) == 1:
            for piece in _pieces(pieces[0]):
                if has_words(piece):
                    self.exact.setdefault(piece, source)
        elif pattern := Pattern.of(pieces, source):
            self.patterns.append(pattern)

    def source_of(self, text: str) -> str | None:
        """The string of these words that shows as `text` (a plain text), if any."""
        if text in self.exact:
            return self.exact[text]
        for pattern in self.patterns:
            if pattern.anchor in text and pattern.regex.fullmatch(text):
                return pattern.source
        return None


def _split(text: str) -> list[str]:
    return _PLACEHOLDER.split(text)


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the string constants that are docstrings (of a module, class, function
    or attribute: every bare string statement)."""
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }


def _marked(tree: ast.AST) -> set[int]:
    """The ids of the string constants given to _(), N_(), ngettext()… (not the context)."""
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name in GETTEXT:
            found.update(id(arg) for arg in node.args[GETTEXT[name] :])
    return found


def source_strings(path: Path, *, data: bool = False) -> Iterator[tuple[str, list[str] | None]]:
    """Each string of the Python file `path`: (text, None), or (f-string text, its fixed
    pieces). With `data` (a demo module), only the marked ones."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    skip, marked = _docstrings(tree), _marked(tree)
    inner = set()  # the pieces of f-strings, read with their f-string
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and id(node) not in inner:
            inner.update(id(value) for value in ast.walk(node) if value is not node)
            if data:
                continue
            pieces, current = [], ""
            for value in node.values:
                if isinstance(value, ast.Constant):
                    current += str(value.value)
                else:
                    pieces.append(current)
                    current = ""
            pieces.append(current)
            yield ast.unparse(node), pieces
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) in skip or id(node) in inner or (data and id(node) not in marked):
                continue
            yield node.value, None


@cache
def english_words(roots: tuple[Path, ...] = SOURCE_ROOTS) -> Words:
    """Every English string of the sources under `roots` (read once per test session)."""
    words = Words({}, [])
    for root in roots:
        for path in sorted(root.rglob("*.py")):
            where = path.relative_to(root.parent).as_posix()
            if "migrations" in path.parts:
                continue
            data = any(where.startswith(folder) for folder in DATA_FOLDERS)
            for text, pieces in source_strings(path, data=data):
                if not _FOREIGN.search(text):  # "… na sua próxima compra": not English
                    words.add(text, pieces)
    words.patterns.sort(key=lambda p: -len(p.regex.pattern))  # the closest source first
    return words


@cache
def catalog_words(lang: str) -> Words:
    """Every translation in the catalog of `lang`: what the desk shows in that language."""
    catalog = getattr(translation(lang), "_catalog", {})
    return Words.of(text for key, text in catalog.items() if key and text)


def shown_texts(window: QWidget) -> Iterator[tuple[str, str]]:
    """Every text `window` shows now, with where it is: ("&Save", "QPushButton 'save'")."""
    if isinstance(window, QMainWindow) and window.statusBar().currentMessage():
        yield window.statusBar().currentMessage(), "status bar message"
    widgets = [window] + [w for w in window.findChildren(QWidget) if w.isVisible()]
    for widget in widgets:
        yield from _texts_of(widget)


def _name(widget: QWidget) -> str:
    name = widget.objectName()
    return f"{type(widget).__name__} {name!r}" if name else type(widget).__name__


def _texts_of(widget: QWidget) -> Iterator[tuple[str, str]]:
    where = _name(widget)
    if widget.isWindow():
        yield widget.windowTitle(), f"title of {where}"
    if widget.toolTip():
        yield widget.toolTip(), f"tooltip of {where}"
    if isinstance(widget, QLabel):
        yield widget.text(), where
    elif isinstance(widget, QAbstractButton):
        yield widget.text(), where
        if (menu := getattr(widget, "menu", lambda: None)()) is not None:
            yield from _menu_texts(menu, f"menu of {where}")
    elif isinstance(widget, QGroupBox):
        yield widget.title(), f"title of {where}"
    elif isinstance(widget, QTabBar):
        for i in range(widget.count()):
            yield widget.tabText(i), f"tab of {where}"
            yield widget.tabToolTip(i), f"tab tooltip of {where}"
    elif isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)):
        yield widget.placeholderText(), f"placeholder of {where}"
    elif isinstance(widget, QComboBox):
        for i in range(widget.count()):
            yield widget.itemText(i), f"item of {where}"
    elif isinstance(widget, QAbstractSpinBox):
        for part in ("prefix", "suffix", "specialValueText"):
            if hasattr(widget, part):
                yield getattr(widget, part)(), f"{part} of {where}"
    elif isinstance(widget, QToolBar):
        yield widget.windowTitle(), f"title of {where}"
    elif isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
        yield from _view_texts(widget, where)
    for action in widget.actions():  # a menu bar's menus, a toolbar's buttons, context menus
        yield from _action_texts(action, f"action of {where}")


def _action_texts(action, where: str) -> Iterator[tuple[str, str]]:
    if action.isSeparator() or not action.isVisible():
        return
    yield action.text(), where
    yield action.toolTip(), f"tooltip of {where}"
    yield action.statusTip(), f"status tip of {where}"
    if (menu := action.menu()) is not None:
        yield from _menu_texts(menu, f"menu {plain(action.text())!r}")


def _menu_texts(menu: QMenu, where: str) -> Iterator[tuple[str, str]]:
    yield menu.title(), where
    for action in menu.actions():
        yield from _action_texts(action, where)


def _view_texts(view: QAbstractItemView, where: str) -> Iterator[tuple[str, str]]:
    """A list's or table's header texts and its first rows' texts and tooltips."""
    model = view.model()
    if model is None:
        return
    top = QModelIndex()
    if isinstance(view, (QTableView, QTreeView)):
        columns = [c for c in range(model.columnCount(top)) if not _hidden(view, c)]
    else:  # a list shows one column (a QListWidget's model keeps its count private)
        columns = [view.modelColumn()] if isinstance(view, QListView) else [0]
    header = getattr(view, "horizontalHeader", getattr(view, "header", None))
    if header is not None and header().isVisible():
        for column in columns:
            for role in (Qt.DisplayRole, Qt.ToolTipRole):
                yield _str(model.headerData(column, Qt.Horizontal, role)), f"header of {where}"
    for row in range(min(model.rowCount(top), CELLS)):
        for column in columns:
            index = model.index(row, column)
            for role in (Qt.DisplayRole, Qt.ToolTipRole):
                yield _str(model.data(index, role)), f"cell of {where}"


def _hidden(view: QAbstractItemView, column: int) -> bool:
    hidden = getattr(view, "isColumnHidden", None)
    return bool(hidden and hidden(column))


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def untranslated_texts(
    window: QWidget, *, english: Words | None = None, native: Words | None = None
) -> list[str]:
    """The English source strings `window` shows (visible widgets only), one line each:
    `'Save' (QPushButton 'save' in Settings)` or `'Return R-0042' ... is "Return {number}"`.

    `english` defaults to the strings of desk/, ui/ and portal/; `native` to the catalog
    of the desk's language (a text that is a translation too is never reported)."""
    english = english or english_words()
    native = native if native is not None else catalog_words(language())
    title = plain(window.windowTitle()) or type(window).__name__
    found: dict[str, str] = {}  # each text once, where it was seen first
    for text, where in shown_texts(window):
        for piece in _shown_pieces(text) if text else ():
            source = english.source_of(piece)
            if source is None or native.source_of(piece) is not None:
                continue
            if piece not in found:
                said = f"{piece!r} ({where} in {title})"
                found[piece] = said if plain(source) == piece else f"{said} is {source!r}"
            break  # one report a text: its whole, else its first English line
    return sorted(found.values())
