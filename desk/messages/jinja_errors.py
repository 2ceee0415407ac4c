"""Jinja's own words about a broken template, said in the desk's language with what to fix.

Jinja writes its errors in English ("Unexpected end of template. Jinja was looking for the
following tags: 'elif' or 'else' or 'endif'. The innermost block that needs to be closed
is 'if'."). `explain_syntax` turns the common syntax messages into a translated sentence
that says what to change; `explain_undefined` does the same for a value missing while
rendering (StrictUndefined), and `explain_failure` for anything else a template raises.
A message none of them knows keeps Jinja's words after a translated lead-in. The line
goes beside the sentence (desk.messages.templating.TemplateProblem), not in it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from desk.i18n.catalog import _

# Jinja's names of the tokens it expected or found, as staff type them
_TOKENS = {
    "end of print statement": "}}",
    "end of statement block": "%}",
    "end of template": "",
    "begin of print statement": "{{",
    "begin of statement block": "{%",
}
_PAIRS = {"(": ")", "[": "]", "{": "}"}
_CLOSING = {close: open_ for open_, close in _PAIRS.items()}


def _mark(token: str) -> str:
    """A token of Jinja's message as it is typed ("end of statement block": "%}")."""
    return _TOKENS.get(token, token)


def _tag(name: str) -> str:
    return "{% " + name + " %}"


def _end_of_template(m: re.Match) -> str:
    block = m["block"]
    if block:
        return _(
            "The template ends before the “{open}” block is closed: add “{close}” where the "
            "block should end."
        ).format(open=_tag(block + " …"), close=_tag("end" + block))
    return _(
        "The template ends in the middle of a Jinja mark: close it with “}}” or “%}”, or remove it."
    )


def _unknown_tag(m: re.Match) -> str:
    tag, block = m["tag"], m["block"]
    if block:
        return _(
            "“{tag}” is not expected here: the “{open}” block above is still open; close it "
            "first with “{close}”, or remove “{tag}”."
        ).format(tag=_tag(tag), open=_tag(block + " …"), close=_tag("end" + block))
    if tag.startswith("end"):
        return _(
            "“{tag}” closes a block that was never opened: remove it, or open the block "
            "before it with “{open}”."
        ).format(tag=_tag(tag), open=_tag(tag.removeprefix("end") + " …"))
    return _(
        "There is no “{tag}” in templates: check its spelling (if, for, set, include, "
        "macro …), or write it as text without “{open}” and “{close}”."
    ).format(tag=_tag(tag), open="{%", close="%}")


def _unexpected(m: re.Match) -> str:
    found, wanted = _mark(m["found"]), m["wanted"]
    if wanted in _CLOSING:
        return _("A “{open}” is not closed: add “{close}” before “{found}”.").format(
            open=_CLOSING[wanted], close=wanted, found="}}" if found == "}" else found
        )
    if found in ("}}", "%}"):
        return _(
            "Something is missing before “{mark}”: finish what the mark says (a name, a value "
            "or a filter after “|”)."
        ).format(mark=found)
    if found == "}":
        return _("A lone “}”: a Jinja mark ends with “}}” (a value) or “%}” (a tag).")
    if found in _CLOSING:
        return _("A “{close}” without its “{open}”: remove it, or add “{open}” before.").format(
            close=found, open=_CLOSING[found]
        )
    return _("“{found}” is not expected here: remove it or check what comes before it.").format(
        found=found
    )


def _unexpected_char(m: re.Match) -> str:
    char = m["char"]
    if char in ("'", '"'):
        return _("A text in quotes is not closed: add the closing “{quote}”.").format(quote=char)
    return _("The character “{char}” cannot be used inside a Jinja mark.").format(char=char)


def _expected_expression(m: re.Match) -> str:
    return _(
        "A value is missing before “{mark}”: write a variable (such as customer.first_name) "
        "or a value."
    ).format(mark=_mark(m["found"]) or _("the end of the template"))


def _expected_token(m: re.Match) -> str:
    wanted, found = _mark(m["wanted"]), _mark(m["found"])
    if wanted == "in":
        return _("A “for” needs “in”: write it as {example}.").format(
            example=_tag("for item in items")
        )
    if wanted == "name":
        return _("A name is missing before “{found}”.").format(found=found)
    if wanted in ("}}", "%}"):
        return _(
            "“{found}” is one word too many: the mark should end with “{end}” here (join "
            "values with ~, or pass them through a filter with |)."
        ).format(found=found, end=wanted)
    return _("Jinja expected “{wanted}” here but found “{found}”.").format(
        wanted=wanted, found=found
    )


_SYNTAX: list[tuple[re.Pattern[str], Callable[[re.Match], str]]] = [
    (
        re.compile(
            r"^Unexpected end of template\.(?: Jinja was looking for the following tags: .*?\."
            r"(?: The innermost block that needs to be closed is '(?P<block>\w+)'\.)?)?$"
        ),
        _end_of_template,
    ),
    (
        re.compile(
            r"^Encountered unknown tag '(?P<tag>\w+)'\.(?: Jinja was looking for the following "
            r"tags: .*?\.(?: The innermost block that needs to be closed is '(?P<block>\w+)'\.)?)?$"
        ),
        _unknown_tag,
    ),
    (
        re.compile(r"^unexpected '(?P<found>[^']+)'(?:, expected '(?P<wanted>[^']+)')?$"),
        _unexpected,
    ),
    (re.compile(r"^unexpected char (?P<q>['\"])(?P<char>.+?)(?P=q) at \d+$"), _unexpected_char),
    (re.compile(r"^Expected an expression, got '(?P<found>[^']+)'$"), _expected_expression),
    (re.compile(r"^expected token '(?P<wanted>[^']+)', got '(?P<found>[^']+)'$"), _expected_token),
    (
        re.compile(r"^expected name or number$"),
        lambda m: _(
            "A name is missing after the dot: write the part you want, as in customer.first_name."
        ),
    ),
    (
        re.compile(r"^Missing end of comment tag$"),
        lambda m: _("A comment is not closed: add “#}” where it ends."),
    ),
    (
        re.compile(r"^No filter named '(?P<name>[^']+)'\.?$"),
        lambda m: _(
            "There is no filter “{name}”: check its spelling (upper, lower, default, join …)."
        ).format(name=m["name"]),
    ),
    (
        re.compile(r"^No test named '(?P<name>[^']+)'\.?$"),
        lambda m: _("There is no test “{name}”: check its spelling (defined, none …).").format(
            name=m["name"]
        ),
    ),
    (
        re.compile(r"^block '(?P<name>[^']+)' defined twice$"),
        lambda m: _("The block “{name}” is there twice: rename or remove one of them.").format(
            name=m["name"]
        ),
    ),
]

_UNDEFINED = re.compile(r"^'(?P<name>[^']+)' is undefined$")
_NO_ATTRIBUTE = re.compile(r"has no attribute '(?P<name>[^']+)'")


def explain_syntax(message: str | None) -> str:
    """Jinja's syntax `message` as a sentence in the desk's language saying what to fix;
    one Jinja does not write often keeps its words after a translated lead-in."""
    text = (message or "").strip()
    for pattern, say in _SYNTAX:
        if match := pattern.match(text):
            return say(match)
    if not text:
        return _("Syntax error.")
    return _("Syntax error (in Jinja's words): {message}").format(message=text)


def explain_undefined(message: str) -> str:
    """A value missing while the template was filled in (StrictUndefined), said plainly."""
    if match := _UNDEFINED.match(message):
        return _("Unknown variable “{name}”.").format(name=match["name"])
    if match := _NO_ATTRIBUTE.search(message):
        return _("Unknown variable part “{name}”.").format(name=match["name"])
    return _(
        "A value the template uses is missing (in Jinja's words): {message}. Check the "
        "variable names against the list of variables."
    ).format(message=message)


def explain_failure(error: Exception) -> str:
    """Something else a template raised while being filled in, with a translated lead-in."""
    return _("The template stopped with an error ({kind}): {message}").format(
        kind=type(error).__name__, message=error
    )
