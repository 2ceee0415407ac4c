"""Checking the HTML of an email template with a real parser (the stdlib's html.parser).

Jinja's own check only sees Jinja: a quote missing inside `style="..."`, which swallows
the text after it, or a stray `}}` pass it silently. Here the source is read with its Jinja
parts blanked out (same length, newlines kept, so lines and columns stay true) and every
tag is matched: unclosed or mismatched tags, attributes that run on into the text, tags
that never end, and `{{`, `}}`, `{%`, `%}` left outside Jinja. `check_html_output` reads a
rendered message the same way (the layout included), for what only shows once filled in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from desk.i18n.catalog import _


@dataclass(frozen=True)
class HtmlProblem:
    """Something wrong with the HTML, at a line and column (1-based) when known."""

    line: int | None
    message: str
    column: int | None = None


VOID_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
"""Tags that have no end tag."""

_OPEN = re.compile(r"\{\{|\{%|\{#")
_CLOSE = {"{{": "}}", "{%": "%}"}
_STRAY = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
_BROKEN_NAME = re.compile(r"[\"';:<>=]")
_TAG_START = re.compile(r"<[a-zA-Z/!]")
_SHOWN = 40


def jinja_spans(source: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of each Jinja expression, tag and comment in
    `source`; quoted strings inside them may hold `}}`. An unclosed one runs to the end."""
    spans, pos = [], 0
    while (start := _OPEN.search(source, pos)) is not None:
        begin = start.start()
        if start.group() == "{#":
            end = source.find("#}", begin + 2)
            end = len(source) if end < 0 else end + 2
        else:
            end, closing, quote, i = len(source), _CLOSE[start.group()], "", begin + 2
            while i < len(source):
                char = source[i]
                if quote:
                    if char == "\\":
                        i += 1
                    elif char == quote:
                        quote = ""
                elif char in "'\"":
                    quote = char
                elif source.startswith(closing, i):
                    end = i + 2
                    break
                i += 1
        spans.append((begin, end))
        pos = end
    return spans


def blank_jinja(source: str) -> str:
    """Return `source` with each Jinja tag, expression and comment replaced by spaces of
    the same length (newlines kept), so positions in it are positions in `source`."""
    out, pos = [], 0
    for start, end in jinja_spans(source):
        out += [source[pos:start], re.sub(r"[^\n]", " ", source[start:end])]
        pos = end
    return "".join(out) + source[pos:]


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _problem(line: int | None, column: int | None, message: str) -> HtmlProblem:
    return HtmlProblem(line, message, column)


def stray_braces(source: str) -> list[HtmlProblem]:
    """Return a problem for each `{{`, `}}`, `{%`, `%}`, `{#` or `#}` outside Jinja."""
    blanked = blank_jinja(source)
    problems = []
    for match in _STRAY.finditer(blanked):
        line, column = _line_column(blanked, match.start())
        mark = match.group()
        other = {"{{": "}}", "}}": "{{", "{%": "%}", "%}": "{%", "{#": "#}", "#}": "{#"}[mark]
        problems.append(
            _problem(
                line,
                column,
                _(
                    "A stray “{mark}” with no “{other}” to match: delete it, or complete the "
                    "placeholder."
                ).format(mark=mark, other=other),
            )
        )
    return problems


class _Checker(HTMLParser):
    """Matches start and end tags; notes broken attributes and tags that never end."""

    def __init__(self, text: str, original: str):
        super().__init__(convert_charrefs=True)
        self.text, self.original = text, original  # `text` is `original`, Jinja blanked
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.open: list[tuple[str, int, int]] = []  # tag, line, column
        self.problems: list[HtmlProblem] = []

    def _here(self) -> tuple[int, int]:
        line, offset = self.getpos()
        return line, offset + 1

    def handle_starttag(self, tag, attrs):
        line, column = self._here()
        self._check_attributes(tag, attrs, line, column)
        if tag not in VOID_TAGS:
            self.open.append((tag, line, column))

    def handle_startendtag(self, tag, attrs):
        line, column = self._here()
        self._check_attributes(tag, attrs, line, column)

    def _check_attributes(self, tag, attrs, line, column):
        for name, value in attrs:
            if value is not None and ("<" in value or ">" in value or "\n" in value):
                start = self.text.find(value, self.starts[line - 1] + column - 1)
                shown = self.original[start : start + len(value)] if start >= 0 else value
                shown = " ".join(shown.split(">", 1)[-1].split())
                shown = shown if len(shown) <= _SHOWN else shown[:_SHOWN] + "…"
                self.problems.append(
                    _problem(
                        line,
                        column,
                        _(
                            'A quote is missing in {name}="…" of this <{tag}>: the text up to '
                            "the next quote (“{shown}”) is swallowed and not shown. Add the "
                            "closing quote."
                        ).format(name=name, tag=tag, shown=shown),
                    )
                )
                return
            if _BROKEN_NAME.search(name) or (value is not None and '"' in value):
                self.problems.append(
                    _problem(
                        line,
                        column,
                        _(
                            "<{tag}> has a broken attribute “{name}”: check its quotes and "
                            "the = sign."
                        ).format(tag=tag, name=name),
                    )
                )
                return

    def handle_endtag(self, tag):
        line, column = self._here()
        if tag in VOID_TAGS:
            return
        if not any(open_tag == tag for open_tag, _, _ in self.open):
            self.problems.append(
                _problem(
                    line,
                    column,
                    _("</{tag}> closes nothing: no <{tag}> is open here.").format(tag=tag),
                )
            )
            return
        while self.open:
            open_tag, open_line, open_column = self.open.pop()
            if open_tag == tag:
                return
            self.problems.append(
                _problem(
                    open_line,
                    open_column,
                    _(
                        "<{open}> is not closed before </{tag}> on line {line}: add </{open}>."
                    ).format(open=open_tag, tag=tag, line=line),
                )
            )

    def handle_data(self, data):
        if match := _TAG_START.search(data):
            line, column = self._here()
            before = data[: match.start()]
            line += before.count("\n")
            column = match.start() - before.rfind("\n") if "\n" in before else column + len(before)
            shown = " ".join(data[match.start() :].split())[:_SHOWN]
            self.problems.append(
                _problem(
                    line,
                    column,
                    _("The tag “{shown}…” never ends: a quote or a > is missing.").format(
                        shown=shown
                    ),
                )
            )

    def finish(self) -> list[HtmlProblem]:
        self.close()
        for tag, line, column in self.open:
            text = _("<{tag}> is never closed: add </{tag}>.").format(tag=tag)
            self.problems.append(_problem(line, column, text))
        return sorted(self.problems, key=lambda p: (p.line or 0, p.column or 0))


def html_problems(html: str, original: str | None = None) -> list[HtmlProblem]:
    """Return the structural problems of `html` (no Jinja in it; `original` is the source
    it was blanked from, quoted in messages), with line and column."""
    checker = _Checker(html, html if original is None else original)
    checker.feed(html)
    return checker.finish()


def check_html_source(source: str) -> list[HtmlProblem]:
    """Return the problems of an HTML template's source: stray Jinja marks, then (with
    Jinja blanked out) unclosed, mismatched or never-ending tags and broken attributes."""
    return stray_braces(source) + html_problems(blank_jinja(source), source)


def check_html_output(html: str) -> list[HtmlProblem]:
    """Return the problems of a rendered HTML message (filled with sample data), without a
    line (the layout is included, so its lines are not the template's), quoting where."""
    problems = []
    for problem in html_problems(html) + stray_braces(html):
        text = _("In the filled-in email: {problem}").format(problem=problem.message)
        problems.append(HtmlProblem(None, text))
    return problems


__all__ = [
    "HtmlProblem",
    "VOID_TAGS",
    "blank_jinja",
    "check_html_output",
    "check_html_source",
    "html_problems",
    "jinja_spans",
    "stray_braces",
]
