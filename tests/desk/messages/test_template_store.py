"""Where templates come from: a shipped default for every message, the shop's version first."""

from __future__ import annotations

import pytest
from jinja2 import TemplateNotFound

from desk.codes import Event
from desk.errors import DeskError
from desk.messages import template_store as store
from desk.messages.template_saving import save_template
from desk.settings import LANGUAGE_CHOICES, SHOP_NAME, set_setting


def test_names_are_paths_under_resources_templates():
    assert store.template_name(" Refunded ", "en", "html") == "en/refunded.html"
    assert store.template_name(Event.CLOSED, "pt_BR", "sms") == "pt_BR/closed.sms"


def test_unknown_event_part_or_language_is_refused_with_the_choices():
    with pytest.raises(DeskError, match="use one of: .*refunded"):
        store.parse_event("teleported")
    with pytest.raises(DeskError, match="subject, html, text, sms"):
        store.template_name("refunded", "en", "pdf")
    with pytest.raises(DeskError, match="en"):
        store.default_source("refunded", "fr", "html")


def test_every_message_has_a_shipped_default():
    for event in Event:
        for language in LANGUAGE_CHOICES:
            for part in store.PARTS:
                assert store.default_source(event, language, part).strip(), (event, part)
    assert set(store.PART_LABELS) == set(store.PARTS)


def test_only_files_under_templates_can_be_named():
    assert "<" in store.default_source_by_name("base.html")
    for name in ("en/nothing.html", "../pyproject.toml", "en"):
        with pytest.raises(TemplateNotFound):
            store.default_source_by_name(name)


def test_the_shops_version_comes_first_and_only_where_it_was_edited(db):
    default = store.default_source("closed", "en", "sms")
    with db.session() as session:
        assert store.template_source(session, "closed", "en", "sms") == default
        assert not store.is_customised(session, "closed", "en", "sms")
        save_template(session, "closed", "en", "sms", "Done: {{ return.number }}")
        session.commit()
    assert store.read_source(db, "closed", "en", "sms") == "Done: {{ return.number }}"
    assert store.read_source(db, "closed", "pt_BR", "sms") == store.default_source(
        "closed", "pt_BR", "sms"
    )
    with db.session() as session:
        assert store.is_customised(session, "closed", "en", "sms")
        assert store.stored_template(session, Event.CLOSED, "en", "text") is None
    assert store.edited_parts(db, "en") == {"closed": frozenset({"sms"})}


def test_settings_and_templates_are_read_together_for_one_event(db):
    with db.session() as session:
        set_setting(session, SHOP_NAME, "Loja Boa Vista")
        save_template(session, "closed", "en", "sms", "Done: {{ return.number }}")
        save_template(session, "refunded", "en", "sms", "Paid: {{ return.number }}")
        session.commit()
    with db.session() as session:
        shop, templates = store.settings_and_templates(session, Event.CLOSED, "en")
    assert shop[SHOP_NAME.key] == "Loja Boa Vista"
    assert templates == {"sms": "Done: {{ return.number }}"}
