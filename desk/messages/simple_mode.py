"""The simple mode of an email template: plain text with a few choices, made into HTML.

Owners who do not write HTML write the email as text:

    Hi {{ customer.first_name }},            a paragraph (lines of one paragraph
    your return {{ return.number }} is in.    are kept as line breaks)
                                             a blank line starts a new paragraph
    This is **important**.                   bold
    [button: See your return](portal_link)   a button-style link (a web address, or a
                                             placeholder, with or without {{ }})
    [items]                                  the table of returned items
    [footer]                                 the shop's name, address, hours, contacts

Placeholders are `{{ name }}`; a line holding only a Jinja statement (`{% if note %}`)
is kept as it is. The HTML part is the shop's one layout (resources/templates/base.html)
with this content; the plain-text part is made from the same source. Both keep the
source's line numbers, so a problem found in them is on the same line of the source.
The source itself is stored beside the two parts (`SIMPLE_PART`), to be edited again.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from desk.i18n.catalog import _

SIMPLE_PART = "simple"
"""The stored part that holds the simple source of an email (beside "html" and "text")."""

PARAGRAPH_STYLE = "margin:0 0 16px 0;"
BUTTON_COLOUR = "#1f2937"
BUTTON_CELL_STYLE = f"border-radius:6px;background-color:{BUTTON_COLOUR};padding:10px 20px;"
BUTTON_LINK_STYLE = (
    "display:inline-block;font-family:Arial,Helvetica,sans-serif;font-size:16px;"
    "font-weight:bold;line-height:20px;color:#ffffff;text-decoration:none;"
)
_HEAD = '{% extends "base.html" %}{% block content %}'
_NO_FOOTER = "{% block footer_row %}{% endblock %}"

_JINJA = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})")
_STATEMENT = re.compile(r"^\s*(\{%.*?%\}|\{#.*?#\})\s*$")
_BUTTON = re.compile(r"^\s*\[button:\s*(?P<label>[^\]]*?)\s*\]\s*\((?P<target>[^)]*)\)\s*$")
_MARKER = re.compile(r"^\s*\[(?P<name>[a-z]+)\]\s*$")
_CHOICE = re.compile(r"^\s*\[[^\]]*\]")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")
_URL = re.compile(r"^(https?://|mailto:|tel:)\S+$")


@dataclass(frozen=True)
class SimpleProblem:
    """Something wrong with a simple source, at a line and column (1-based)."""

    line: int
    message: str
    column: int | None = None


@dataclass(frozen=True)
class Conversion:
    """An HTML template turned into simple source; `lossless` is False when parts of the
    HTML (other tags, styles, tables) have no simple form and were left out."""

    source: str
    lossless: bool


def _line_kind(line: str) -> str:
    if not line.strip():
        return "blank"
    if _STATEMENT.match(line):
        return "statement"
    if _BUTTON.match(line):
        return "button"
    if match := _MARKER.match(line):
        return match["name"] if match["name"] in ("items", "footer") else "unknown"
    if _CHOICE.match(line) and line.strip().startswith("[button"):
        return "unknown"
    return "text"


def _target(raw: str) -> str:
    """The href of a button: a placeholder (`portal_link` or `{{ portal_link }}`) or a URL."""
    raw = raw.strip()
    if _NAME.match(raw):
        return f"{{{{ {raw} }}}}"
    return "".join(
        piece if _JINJA.fullmatch(piece) else html.escape(piece)
        for piece in _JINJA.split(raw)
        if piece
    )


def _inline(line: str, *, for_html: bool) -> str:
    """A text line with Jinja kept, bold made (HTML) or dropped (text), the rest escaped."""
    out, bold = [], False
    for piece in _JINJA.split(line):
        if _JINJA.fullmatch(piece):
            out.append(piece)
            continue
        parts = piece.split("**")
        for index, part in enumerate(parts):
            if index:
                bold = not bold
                if for_html:
                    out.append("<strong>" if bold else "</strong>")
            out.append(html.escape(part, quote=False) if for_html else part)
    return "".join(out).strip()


def simple_problems(source: str) -> list[SimpleProblem]:
    """Return the problems of the simple markup itself (Jinja is checked elsewhere)."""
    problems = []
    for number, line in enumerate(source.split("\n"), start=1):
        kind = _line_kind(line)
        if kind == "unknown":
            problems.append(
                SimpleProblem(
                    number,
                    # TRANSLATORS: [items], [footer] and [button: label](link) are the simple
                    # editor's markup: keep them exactly as they are.
                    _(
                        "“{line}” is not a choice: use [items], [footer] or [button: label](link)."
                    ).format(line=line.strip()),
                    line.index("[") + 1,
                )
            )
        elif kind == "button":
            match = _BUTTON.match(line)
            target = match["target"].strip()
            if not match["label"]:
                problems.append(SimpleProblem(number, _("The button has no label."), 1))
            if not (_NAME.match(target) or _URL.match(target) or _JINJA.fullmatch(target)):
                problems.append(
                    SimpleProblem(
                        number,
                        _(
                            "The button's link “{target}” is not a web address (https://…) "
                            "nor a placeholder."
                        ).format(target=target),
                        line.index("(") + 2,
                    )
                )
        elif kind == "text":
            text = "".join(" " * len(p) if _JINJA.fullmatch(p) else p for p in _JINJA.split(line))
            if text.count("**") % 2:
                problems.append(
                    SimpleProblem(
                        number,
                        _("A ** starts bold text but none ends it on this line."),
                        text.rindex("**") + 1,
                    )
                )
    return problems


def _blocks(source: str) -> list[tuple[int, str, str]]:
    """(line index, kind, line) for each line of `source`."""
    lines = source.replace("\r\n", "\n").rstrip("\n").split("\n")
    return [(i, _line_kind(line), line) for i, line in enumerate(lines)]


def simple_html(source: str, language: str) -> str:
    """Return the HTML template (the shop's layout filled with `source`), line for line."""
    lines = _blocks(source)
    has_footer = any(kind == "footer" for _, kind, _ in lines)
    out = []
    for index, kind, line in lines:
        prev_text = index > 0 and lines[index - 1][1] == "text"
        next_text = index + 1 < len(lines) and lines[index + 1][1] == "text"
        if kind == "text":
            opening = "" if prev_text else f'<p style="{PARAGRAPH_STYLE}">'
            closing = "<br>" if next_text else "</p>"
            out.append(opening + _inline(line, for_html=True) + closing)
        elif kind == "statement":
            out.append(line.strip())
        elif kind == "items":
            out.append(f'{{% include "{language}/items.html" %}}')
        elif kind == "button":
            match = _BUTTON.match(line)
            label = _inline(match["label"], for_html=True)
            out.append(
                '<table role="presentation" cellpadding="0" cellspacing="0" border="0" '
                f'style="{PARAGRAPH_STYLE}"><tr>'
                f'<td bgcolor="{BUTTON_COLOUR}" style="{BUTTON_CELL_STYLE}">'
                f'<a href="{_target(match["target"])}" style="{BUTTON_LINK_STYLE}">{label}</a>'
                "</td></tr></table>"
            )
        else:  # blank, footer (the layout shows it), unknown (reported by simple_problems)
            out.append("")
    out[0] = _HEAD + out[0]
    out[-1] += "{% endblock %}" + ("" if has_footer else _NO_FOOTER)
    return "\n".join(out) + "\n"


def simple_text(source: str, language: str) -> str:
    """Return the plain-text template made from `source`, line for line."""
    out = []
    for _number, kind, line in _blocks(source):
        if kind == "text":
            out.append(_inline(line, for_html=False))
        elif kind == "statement":
            out.append(line.strip())
        elif kind == "items":
            out.append(f'{{% include "{language}/items.text" %}}')
        elif kind == "footer":
            out.append('{% include "footer.text" %}')
        elif kind == "button":
            match = _BUTTON.match(line)
            target = match["target"].strip()
            target = f"{{{{ {target} }}}}" if _NAME.match(target) else target
            out.append(f"{_inline(match['label'], for_html=False)}: {target}")
        else:
            out.append("")
    return "\n".join(out) + "\n"


# From HTML back to simple source (the defaults, or a raw template switched to simple)

_CONTENT = re.compile(
    r"\{%-?\s*block content\s*-?%\}(?P<body>.*?)\{%-?\s*endblock\s*(content\s*)?-?%\}", re.DOTALL
)
_PARAGRAPH = re.compile(r"^<p(?: style=\"(?P<style>[^\"]*)\")?>(?P<inner>.*)</p>$", re.DOTALL)
_INCLUDE_ITEMS = re.compile(r"^\{%-?\s*include\s+[\"'][a-zA-Z_]+/items\.html[\"']\s*-?%\}$")
_BUTTON_HTML = re.compile(r"<a href=\"(?P<href>[^\"]*)\" style=\"[^\"]*\">(?P<label>.*?)</a>")
_SIMPLE_STYLES = frozenset({PARAGRAPH_STYLE, "margin:0;", "margin:0 0 8px 0;", ""})
_OPENERS = re.compile(r"^\{%-?\s*(if|for|elif|else)\b")
_CLOSERS = re.compile(r"^\{%-?\s*(endif|endfor|elif|else)\b")
_TAG = re.compile(r"<[^>]*>")


def _from_inline(inner: str) -> tuple[str, bool]:
    """Paragraph HTML as simple lines; whether nothing was lost."""
    text = re.sub(r"</?(strong|b)>", "**", inner)
    text = re.sub(r"<br\s*/?>\n?", "\n", text)
    lossless = not _TAG.search(text)
    pieces = _JINJA.split(_TAG.sub("", text))
    text = "".join(p if _JINJA.fullmatch(p) else html.unescape(p) for p in pieces)
    return "\n".join(line.strip() for line in text.split("\n")), lossless


def _from_line(line: str) -> tuple[str, bool]:
    if _INCLUDE_ITEMS.match(line):
        return "[items]", True
    if _STATEMENT.match(line):
        return line, True
    if (match := _PARAGRAPH.match(line)) and "<p" not in match["inner"]:
        text, lossless = _from_inline(match["inner"])
        return text, lossless and (match["style"] or "") in _SIMPLE_STYLES
    if line.startswith("<table") and (match := _BUTTON_HTML.search(line)):
        href = html.unescape(match["href"])
        placeholder = re.fullmatch(r"\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}", href)
        label, lossless = _from_inline(match["label"])
        return f"[button: {label}]({placeholder[1] if placeholder else href})", lossless
    text, _lossless = _from_inline(line)
    return text, False


def _joined_paragraphs(body: str) -> list[str]:
    """The stripped lines of `body`, a paragraph over several lines joined into one."""
    lines, open_paragraph = [], False
    for line in (line.strip() for line in body.split("\n")):
        if open_paragraph:
            lines[-1] += "\n" + line
        else:
            lines.append(line)
        if line.startswith("<p") and "</p>" not in line:
            open_paragraph = True
        if "</p>" in line:
            open_paragraph = False
    return lines


def from_html(source: str) -> Conversion:
    """Turn an HTML template made on the shop's layout into simple source.

    The hidden inbox preview (`preheader`) is left out; anything else without a simple
    form (other tags, styles, a template not on the layout) makes it not `lossless`.
    """
    match = _CONTENT.search(source)
    lossless = match is not None and source.lstrip().startswith('{% extends "base.html" %}')
    body = match["body"] if match else _TAG.sub("", source)
    rest = _CONTENT.sub("", source)
    rest = re.sub(r"\{%-?\s*block preheader\s*-?%\}.*?\{%-?\s*endblock\s*-?%\}", "", rest)
    has_footer = "block footer_row" not in rest
    rest = rest.replace(_NO_FOOTER, "").replace('{% extends "base.html" %}', "")
    lossless = lossless and not rest.strip()
    out: list[str] = []
    for line in _joined_paragraphs(body):
        if not line:
            continue
        text, kept = _from_line(line)
        lossless = lossless and kept
        if not text.strip():
            continue
        if out and not (_OPENERS.match(out[-1]) or _CLOSERS.match(text)):
            out.append("")
        out.append(text)
    if has_footer:
        out += ["", "[footer]"]
    return Conversion("\n".join(out).strip("\n") + "\n", lossless)


__all__ = [
    "BUTTON_CELL_STYLE",
    "BUTTON_COLOUR",
    "BUTTON_LINK_STYLE",
    "Conversion",
    "PARAGRAPH_STYLE",
    "SIMPLE_PART",
    "SimpleProblem",
    "from_html",
    "simple_html",
    "simple_problems",
    "simple_text",
]
