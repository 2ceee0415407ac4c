"""The HTML check: each kind of problem with its line (and column), on the source and on
the message filled with sample data; the shipped templates pass it."""

import pytest

from desk.codes import Event
from desk.messages.html_check import (
    blank_jinja,
    check_html_output,
    check_html_source,
    html_problems,
    jinja_spans,
    stray_braces,
)
from desk.messages.template_store import PARTS, default_source
from desk.messages.templating import check_template

GREETING = '<p style="margin:0 0 16px 0;">Hi'


def broken_greeting(language="en"):
    """The issue's case: one quote missing in the greeting's style attribute."""
    source = default_source(Event.RECEIVED, "en", "html")
    assert source.splitlines()[3].startswith(GREETING)
    return source.replace(GREETING, '<p style="margin:0 0 16px 0;>Hi', 1)


def test_the_swallowed_greeting_is_found_on_its_line():
    [problem] = check_template(broken_greeting(), "html", event=Event.RECEIVED)
    assert (problem.line, problem.column) == (4, 1)
    assert "quote is missing" in problem.message and "style=" in problem.message
    assert "Hi {{ customer.first_name }}," in problem.message  # what it hides, as typed


def test_a_stray_closing_brace_pair_is_found_with_line_and_column():
    source = "Hi {{ customer.first_name }},\nyour return is in. }}\n"
    [problem] = check_template(source, "text", event=Event.RECEIVED)
    assert (problem.line, problem.column) == (2, 20)
    assert "stray “}}”" in problem.message


@pytest.mark.parametrize("mark", ["%}", "#}"])
def test_other_stray_marks_are_found(mark):
    [problem] = stray_braces(f"a {{{{ x }}}}\nb {mark}")
    assert (problem.line, problem.column) == (2, 3) and mark in problem.message


def test_braces_inside_jinja_strings_are_not_stray():
    source = "{{ '{:>{}}'.format(1, 3) }} and {# }} #} {% if '%}' %}x{% endif %}"
    assert stray_braces(source) == []
    assert [source[a:b] for a, b in jinja_spans(source)][0] == "{{ '{:>{}}'.format(1, 3) }}"


def test_blanking_keeps_lines_and_columns():
    source = "<p>{{ a }}\n{% if b %}</p>{% endif %}"
    blanked = blank_jinja(source)
    assert len(blanked) == len(source) and blanked.splitlines()[1].index("</p>") == 10


@pytest.mark.parametrize(
    ("html", "line", "column", "said"),
    [
        ("<p>one\n<p>two</p>", 1, 1, "<p> is never closed"),
        ("<div>\n<strong>bold</b>\n</div>", 2, 13, "</b> closes nothing"),
        ("<div>\n<strong>bold\n</div>", 2, 1, "<strong> is not closed before </div> on line 3"),
        ("<p>a</p>\n</td>", 2, 1, "</td> closes nothing"),
        ('<p>a</p>\n<p style="x;>b</p>', 2, 1, "never ends"),
        ('<p>a</p>\n<a href=x" >b</a>', 2, 1, "broken attribute"),
    ],
)
def test_each_kind_of_html_problem_has_its_line(html, line, column, said):
    problems = html_problems(html)
    assert any((p.line, p.column) == (line, column) and said in p.message for p in problems), (
        problems
    )


def test_void_tags_and_jinja_branches_are_fine():
    source = '<p>{% if a %}<strong>{{ a }}</strong>{% endif %}<br><img src="cid:logo"></p>'
    assert check_html_source(source) == []


def test_the_filled_in_message_is_checked_too():
    """Balanced in the source, broken once filled in: only the output check sees it."""
    source = (
        '{% extends "base.html" %}\n{% block content %}\n'
        "{% if false %}<strong>{% endif %}Hi</strong>\n{% endblock %}\n"
    )
    assert check_html_source(source) == []
    [problem] = check_template(source, "html")
    assert problem.line is None
    assert problem.message.startswith("In the filled-in email:") and "</strong>" in problem.message
    assert check_html_output("<p>fine</p>") == []


@pytest.mark.parametrize("language", ["en", "pt_BR"])
@pytest.mark.parametrize("event", list(Event))
def test_every_shipped_template_passes(event, language):
    for part in PARTS:
        assert (
            check_template(default_source(event, language, part), part, language, event=event) == []
        )


def test_a_stray_brace_pair_in_an_html_template_is_refused_on_its_line():
    source = default_source(Event.RECEIVED, "en", "html").replace(
        "{{ next_step }}", "{{ next_step }} }}", 1
    )
    [problem] = check_template(source, "html", event=Event.RECEIVED)
    [line] = [n for n, text in enumerate(source.splitlines(), 1) if "{{ next_step }} }}" in text]
    assert problem.line == line and "stray “}}”" in problem.message


def test_html_problems_read_in_portuguese():
    from desk.i18n.catalog import set_language

    set_language("pt_BR")
    (problem,) = check_html_source("<p>Olá\n")
    assert problem.message == "<p> nunca é fechada: adicione </p>."
