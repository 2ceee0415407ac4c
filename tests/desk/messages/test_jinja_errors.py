"""Jinja's errors reach the template editor as sentences in the desk's language that say
what to fix, with their line (desk.messages.jinja_errors through check_template)."""

from __future__ import annotations

import pytest
from jinja2 import TemplateSyntaxError

from desk.i18n.catalog import set_language
from desk.messages.jinja_errors import explain_failure, explain_syntax, explain_undefined
from desk.messages.templating import ENV, check_template

BROKEN = {
    "end": "Olá\n{% if customer.first_name %}\nHi",
    "lone_brace": "Hi\n\n{{ customer.first_name }",
    "unknown_tag": "{% frobnicate %}",
    "stray_end": "Hi\n{% endif %}",
    "wrong_end": "{% for item in items %}\n{{ item.sku }}\n{% endif %}",
    "open_paren": "{{ (total }}",
    "quote": "{{ 'abc }}",
    "empty": "{{ }}",
    "for_in": "{% for item %}{% endfor %}",
    "two_words": "{{ total shop }}",
    "dot": "{{ customer. }}",
    "comment": "{# note",
    "filter": "{{ total|shout }}",
    "variable": "{{ customer.nickname }}",
}

ENGLISH = {
    "end": (
        3,
        "The template ends before the “{% if … %}” block is closed: add “{% endif %}” "
        "where the block should end.",
    ),
    "lone_brace": (3, "A lone “}”: a Jinja mark ends with “}}” (a value) or “%}” (a tag)."),
    "unknown_tag": (
        1,
        "There is no “{% frobnicate %}” in templates: check its spelling (if, for, set, "
        "include, macro …), or write it as text without “{%” and “%}”.",
    ),
    "stray_end": (
        2,
        "“{% endif %}” closes a block that was never opened: remove it, or open the block "
        "before it with “{% if … %}”.",
    ),
    "wrong_end": (
        3,
        "“{% endif %}” is not expected here: the “{% for … %}” block above is still open; "
        "close it first with “{% endfor %}”, or remove “{% endif %}”.",
    ),
    "open_paren": (1, "A “(” is not closed: add “)” before “}}”."),
    "quote": (1, "A text in quotes is not closed: add the closing “'”."),
    "empty": (
        1,
        "A value is missing before “}}”: write a variable (such as customer.first_name) or "
        "a value.",
    ),
    "for_in": (1, "A “for” needs “in”: write it as {% for item in items %}."),
    "two_words": (
        1,
        "“shop” is one word too many: the mark should end with “}}” here (join values with "
        "~, or pass them through a filter with |).",
    ),
    "dot": (
        1,
        "A name is missing after the dot: write the part you want, as in customer.first_name.",
    ),
    "comment": (1, "A comment is not closed: add “#}” where it ends."),
    "filter": (
        1,
        "There is no filter “shout”: check its spelling (upper, lower, default, join …).",
    ),
    "variable": (1, "Unknown variable part “nickname”."),
}

PORTUGUESE = {
    "end": (
        3,
        "O modelo termina antes de o bloco “{% if … %}” ser fechado: coloque “{% endif %}” "
        "onde o bloco deve terminar.",
    ),
    "lone_brace": (
        3,
        "Um “}” sozinho: uma marcação do Jinja termina com “}}” (um valor) ou “%}” (uma tag).",
    ),
    "wrong_end": (
        3,
        "“{% endif %}” não cabe aqui: o bloco “{% for … %}” acima ainda está aberto; feche-o "
        "antes com “{% endfor %}”, ou remova “{% endif %}”.",
    ),
    "open_paren": (1, "Um “(” não foi fechado: coloque “)” antes de “}}”."),
    "filter": (1, "Não existe o filtro “shout”: confira a grafia (upper, lower, default, join …)."),
}


def problem_of(name: str) -> tuple[int | None, str]:
    [problem] = check_template(BROKEN[name], "text")
    return problem.line, problem.message


@pytest.mark.parametrize("name", ENGLISH)
def test_each_common_jinja_error_says_what_to_fix_with_its_line(name):
    set_language("en")
    assert problem_of(name) == ENGLISH[name]


@pytest.mark.parametrize("name", PORTUGUESE)
def test_the_same_in_portuguese(name):
    set_language("pt_BR")
    try:
        assert problem_of(name) == PORTUGUESE[name]
    finally:
        set_language("en")


@pytest.mark.parametrize("name", BROKEN)
def test_no_jinja_english_reaches_a_portuguese_editor(name):
    set_language("pt_BR")
    try:
        _line, said = problem_of(name)
    finally:
        set_language("en")
    jinja_words = ("Jinja was looking", "unexpected", "Encountered", "expected token", "named")
    assert not any(word in said for word in jinja_words), said


def test_every_mapped_message_is_one_jinja_really_writes():
    """The patterns follow this Jinja's wording: a change in Jinja shows up here."""
    for name, source in BROKEN.items():
        if name in ("variable", "filter"):
            continue  # found while rendering or compiling, not parsing
        with pytest.raises(TemplateSyntaxError) as raised:
            ENV.parse(source)
        assert explain_syntax(raised.value.message) != (
            f"Syntax error (in Jinja's words): {raised.value.message}"
        ), name


def test_an_unknown_filter_is_a_problem_not_a_crash():
    assert check_template("{{ total|shout }}", "html")  # it raised TemplateAssertionError


def test_what_is_not_mapped_keeps_jinjas_words_after_a_translated_lead_in():
    set_language("pt_BR")
    try:
        assert explain_syntax("something new in Jinja 4") == (
            "Erro de sintaxe (nas palavras do Jinja): something new in Jinja 4"
        )
        assert explain_syntax(None) == "Erro de sintaxe."
        assert explain_undefined("'x' is undefined") == "Variável desconhecida “x”."
        assert explain_undefined("strange thing").startswith(
            "Falta um valor que o modelo usa (nas palavras do Jinja): strange thing."
        )
        assert explain_failure(ZeroDivisionError("division by zero")) == (
            "O modelo parou com um erro (ZeroDivisionError): division by zero"
        )
    finally:
        set_language("en")
    assert explain_syntax("something new") == "Syntax error (in Jinja's words): something new"
