"""The simple mode's conversion: simple source to the HTML (on the shop's layout) and text
templates, line for line; its own problems with their lines; and back from HTML."""

import pytest

from desk.codes import Event
from desk.messages.simple_mode import (
    from_html,
    simple_html,
    simple_problems,
    simple_text,
)
from desk.messages.template_saving import check_simple
from desk.messages.template_store import default_source
from desk.messages.templating import check_template, preview_template
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, save_return

SOURCE = """Hi {{ customer.first_name }},

Your return {{ return.number }} is **in** & checked.
We write again soon.

[button: Visit our <shop>](https://shop.example/returns?a=1&b=2)

[button: Write to us](shop.email)

[items]

[footer]
"""


def add_return(db, name="Ana Souza", language="en"):
    with db.session() as session:
        return save_return(
            session=session,
            draft=ReturnDraft(
                reason="defective",
                lines=[LineDraft(sku="KETTLE-01", description="Kettle", unit_price_cents=2990)],
                new_customer=CustomerDraft(
                    name=name, email="ana@example.com", preferred_language=language
                ),
            ),
        )


def render(db, ret, source, language="en"):
    return preview_template(
        db,
        ret.id,
        Event.RECEIVED,
        language=language,
        overrides={"html": simple_html(source, language), "text": simple_text(source, language)},
    )


def test_simple_source_makes_html_on_the_layout_and_text(db):
    ret = add_return(db)
    message = render(db, ret, SOURCE)
    html = message.html
    assert html.startswith("<!DOCTYPE html>")  # the shop's one layout, base.html
    assert '<p style="margin:0 0 16px 0;">Hi Ana,</p>' in html
    assert f"Your return {ret.number} is <strong>in</strong> &amp; checked.<br>" in html
    assert 'href="https://shop.example/returns?a=1&amp;b=2"' in html
    assert ">Visit our &lt;shop&gt;</a>" in html
    assert 'href="shop@example.com"' not in html  # the placeholder is filled in...
    assert ">Write to us</a>" in html and "KETTLE-01" in html  # ...and the items table shown
    text = message.text
    assert "Your return" in text and "**" not in text and "<strong>" not in text
    assert "Visit our <shop>: https://shop.example/returns?a=1&b=2" in text
    assert "Kettle" in text and text.rstrip().endswith("My Shop")  # the footer, at the end


def test_without_footer_the_layout_leaves_it_out(db):
    ret = add_return(db)
    with_footer = render(db, ret, "Hi.\n\n[footer]\n").html
    without = render(db, ret, "Hi.\n").html
    assert "border-top:1px solid #e5e7eb" in with_footer
    assert "border-top:1px solid #e5e7eb" not in without
    assert "My Shop" not in render(db, ret, "Hi.\n").text


def test_portuguese_uses_the_portuguese_items_table(db):
    ret = add_return(db, language="pt_BR")
    message = render(db, ret, "Olá {{ customer.first_name }}!\n\n[items]\n", "pt_BR")
    assert "Olá Ana!" in message.html and "Qtd" in message.html


def test_html_and_text_keep_the_lines_of_the_source():
    for made in (simple_html(SOURCE, "en"), simple_text(SOURCE, "en")):
        assert len(made.splitlines()) == len(SOURCE.splitlines())
    broken = "Hi {{ customer.first_name }},\n\nYour return {{ retrun.number }} is in.\n"
    [problem] = check_simple(broken, event=Event.RECEIVED)
    assert problem.line == 3 and "retrun" in problem.message


@pytest.mark.parametrize(
    ("source", "line", "said"),
    [
        ("Hi.\n\n[itmes]\n", 3, "is not a choice"),
        ("Hi.\n[button: Go](shop page)\n", 2, "is not a web address"),
        ("Hi.\n[button: ](https://shop.example)\n", 2, "has no label"),
        ("Hi.\n\nThis is **bold.\n", 3, "none ends it"),
    ],
)
def test_each_simple_problem_has_its_line(source, line, said):
    [problem] = simple_problems(source)
    assert problem.line == line and said in problem.message
    assert check_simple(source)[0].line == line


def test_a_stray_brace_pair_in_simple_text_is_found():
    [problem] = check_simple("Hi {{ customer.first_name }}}}\n")
    assert problem.line == 1 and "stray" in problem.message


@pytest.mark.parametrize("language", ["en", "pt_BR"])
@pytest.mark.parametrize("event", list(Event))
def test_every_default_email_converts_to_simple_source_that_checks(event, language):
    conversion = from_html(default_source(event, language, "html"))
    assert conversion.lossless == (event != Event.THANKS)  # its reward code has its own style
    assert "[footer]" in conversion.source and "<p" not in conversion.source
    assert check_simple(conversion.source, language, event=event) == []


def test_simple_html_converts_back_to_the_same_source():
    source = SOURCE.replace("[button: Write to us](shop.email)", "[button: Write](portal)")
    conversion = from_html(simple_html(source, "en"))
    assert conversion.lossless and conversion.source == source
    no_footer = from_html(simple_html("Hi.\n", "en"))
    assert no_footer == type(no_footer)("Hi.\n", True)


def test_html_with_other_tags_converts_with_loss():
    raw = default_source(Event.RECEIVED, "en", "html").replace(
        "<p style", '<p><span style="color:red">Note</span></p>\n<p style', 1
    )
    conversion = from_html(raw)
    assert not conversion.lossless and "Note" in conversion.source
    assert not from_html("<html><body><p>Hi</p></body></html>").lossless
    assert check_template(simple_html(conversion.source, "en"), "html") == []
