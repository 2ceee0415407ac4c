"""Saving the shop's templates: a simple email is stored with the parts made from it, a
raw edit makes it raw, problems refuse the whole save."""

import pytest
from sqlmodel import select

from desk.codes import Event
from desk.messages import template_saving as saving
from desk.messages import template_store as store
from desk.messages.simple_mode import SIMPLE_PART, simple_html, simple_text
from desk.messages.templating import TemplateError
from desk.models import MessageTemplate

SOURCE = "Hi {{ customer.first_name }},\n\n[button: Our shop](https://shop.example)\n\n[items]\n"


def stored(db):
    with db.session() as session:
        rows = session.exec(select(MessageTemplate)).all()
        return {(row.event.value, row.language, row.part): row.body for row in rows}


def email(db, event="received", language="en"):
    return saving.read_email_source(db, event, language)


def test_a_default_email_is_edited_in_the_simple_mode(db):
    found = email(db)
    assert found.mode == "simple" and found.lossless
    assert "[items]" in found.simple and found.html == store.default_source(
        "received", "en", "html"
    )
    thanks = email(db, "thanks")
    assert thanks.mode == "raw" and not thanks.lossless  # its reward code has its own style


def test_a_simple_email_is_stored_with_both_parts_and_reopens_simple(db):
    saving.save_shop_simple(db, Event.RECEIVED, "en", SOURCE)
    rows = stored(db)
    assert rows == {
        ("received", "en", "html"): simple_html(SOURCE, "en"),
        ("received", "en", "text"): simple_text(SOURCE, "en"),
        ("received", "en", SIMPLE_PART): SOURCE,
    }
    found = email(db)
    assert (found.mode, found.simple) == ("simple", SOURCE)
    assert store.edited_parts(db, "en") == {"received": frozenset({"html", "text"})}


def test_a_raw_edit_makes_the_email_raw_and_drops_the_simple_source(db):
    saving.save_shop_simple(db, Event.RECEIVED, "en", SOURCE)
    raw = simple_html(SOURCE, "en").replace("Our shop", "<em>Our</em> shop")
    saving.save_shop_template(db, Event.RECEIVED, "en", "html", raw)
    assert ("received", "en", SIMPLE_PART) not in stored(db)
    found = email(db)
    assert found.mode == "raw" and found.html == raw
    assert not found.lossless  # going back to simple would lose the <em>


def test_a_raw_text_edit_makes_the_switch_lossy(db):
    saving.save_shop_template(db, Event.RECEIVED, "en", "text", "Hi {{ customer.first_name }}")
    found = email(db)
    assert found.mode == "raw" and not found.lossless


def test_a_simple_email_with_problems_stores_nothing(db):
    with pytest.raises(TemplateError) as raised:
        saving.save_shop_simple(db, Event.RECEIVED, "en", "Hi {{ custmer.name }}\n\n[itmes]\n")
    assert [p.line for p in raised.value.problems] == [3]
    with pytest.raises(TemplateError, match="line 1: Unknown variable"):
        saving.save_shop_simple(db, Event.RECEIVED, "en", "Hi {{ custmer.name }}\n")
    assert stored(db) == {}


def test_a_broken_style_in_raw_html_is_refused(db):
    source = store.default_source("received", "en", "html").replace(
        '<p style="margin:0 0 16px 0;">Hi', '<p style="margin:0 0 16px 0;>Hi', 1
    )
    with pytest.raises(TemplateError, match="line 4: A quote is missing"):
        saving.save_shop_template(db, Event.RECEIVED, "en", "html", source)
    assert stored(db) == {}


def test_resetting_the_email_drops_both_parts_and_the_simple_source(db):
    saving.save_shop_simple(db, Event.RECEIVED, "pt_BR", SOURCE.replace("Hi", "Olá"))
    saving.save_shop_simple(db, Event.RECEIVED, "en", SOURCE)
    saving.reset_shop_email(db, Event.RECEIVED, "en")
    assert {key[1] for key in stored(db)} == {"pt_BR"}
    assert email(db).mode == "simple" and "[footer]" in email(db).simple
