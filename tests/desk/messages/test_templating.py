"""Message templates: defaults in two languages, safe rendering, checks, saving, the preview CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from desk.codes import Event
from desk.errors import DeskError, ValidationError
from desk.messages import template_saving, template_store, templating
from desk.messages.context import VARIABLES, build_context, sample_context
from desk.messages.template_saving import reset_template, save_template
from desk.messages.template_store import PARTS, is_customised, template_source
from desk.messages.templating import TemplateError, check_template, render_message
from desk.models import MessageTemplate
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, get_detail, save_return
from desk.settings import SHOP_CURRENCY, SHOP_LOGO, SHOP_REFUND_DAYS, set_setting

REPO = Path(__file__).resolve().parents[3]
LANGUAGES = ("en", "pt_BR")


def new_return(session, name="Ana Moreira", language="en", refund="original", **customer):
    """Log a return of one item at 12.50 for a new customer; return its detail."""
    ret = save_return(
        session=session,
        draft=ReturnDraft(
            reason="wrong_size",
            refund_method=refund,
            new_customer=CustomerDraft(name=name, preferred_language=language, **customer),
            lines=[LineDraft(sku="SHOE-42", description="Trail shoe", unit_price_cents=1250)],
        ),
    )
    return get_detail(session, return_id=ret.id)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("event", list(Event))
def test_every_default_renders_for_a_real_return(db, event, language):
    with db.session() as session:
        detail = new_return(session, name="Beatriz Souza", language=language)
        message = render_message(session, detail, event, staff="Sam")
    number = detail.ret.number
    assert (message.event, message.language) == (event.value, language)
    for part in ("subject", "text", "html"):
        assert "Beatriz" in getattr(message, part), part
        assert number in getattr(message, part), part
    assert number in message.sms
    assert "\n" not in message.subject
    assert "{{" not in message.html + message.text + message.sms
    assert "<script" not in message.html.lower()
    assert "http" not in message.html  # no external images, fonts or styles


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_default_passes_its_own_check(language):
    for event in Event:
        for part in PARTS:
            source = template_store.default_source(event, language, part)
            assert check_template(source, part, language, event=event) == [], (event, part)


def test_english_sms_fit_in_one_message_two_with_the_personal_link():
    gsm7 = set(
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
    )
    extension = set("^{}\\[~]|€")
    for event in Event:
        context = sample_context("en", event=event)
        linked = templating._render(
            f"en/{event.value}.sms",
            template_store.default_source(event, "en", "sms"),
            context,
            "sms",
        ).strip()
        sms = templating._render(
            f"en/{event.value}.sms",
            template_store.default_source(event, "en", "sms"),
            context | {"portal_link": ""},
            "sms",
        ).strip()
        assert set(sms) <= gsm7 | extension, (event, set(sms) - gsm7 - extension)
        assert len(sms) + sum(c in extension for c in sms) <= 160, (event, len(sms), sms)
        assert context["portal_link"] in linked and set(linked) <= gsm7 | extension
        assert len(linked) + sum(c in extension for c in linked) <= 2 * 153, (event, linked)


def test_html_escapes_the_customer_name_and_text_keeps_it(db):
    with db.session() as session:
        detail = new_return(session, name="<b>Ana</b> Lima")
        message = render_message(session, detail, Event.RECEIVED)
    assert "&lt;b&gt;Ana&lt;/b&gt;" in message.html
    assert "<b>Ana</b>" not in message.html
    assert "<b>Ana</b>" in message.text
    assert "<b>Ana</b>" in message.subject


def test_logo_only_when_the_shop_has_one(db):
    with db.session() as session:
        detail = new_return(session)
        assert "cid:logo" not in render_message(session, detail, "received").html
        set_setting(session, SHOP_LOGO, "/srv/logo.png")
        session.commit()
        html = render_message(session, detail, "received").html
    assert '<img src="cid:logo"' in html
    assert "/srv/logo.png" not in html


def test_language_follows_the_customer_and_unknown_falls_back_to_english(db):
    with db.session() as session:
        pt = new_return(session, name="João", language="pt_BR")
        fr = new_return(session, name="Jean", language="fr")
        assert render_message(session, pt, "refunded").language == "pt_BR"
        assert render_message(session, fr, "refunded").language == "en"
        assert render_message(session, pt, "refunded", language="en").language == "en"


def test_portuguese_accents_and_brazilian_money(db):
    with db.session() as session:
        set_setting(session, SHOP_CURRENCY, "BRL")
        session.commit()
        detail = new_return(session, name="João Silva", language="pt_BR")
        message = render_message(session, detail, Event.REFUNDED)
    plain = message.text.replace("\xa0", " ")
    assert "R$ 12,50" in plain
    assert "R$ 12,50" in message.html.replace("\xa0", " ")
    assert "devolução" in message.subject
    assert "até 3 dias úteis" in plain
    assert "Olá, João!" in plain
    assert "R$ 12,50" in message.sms  # SMS: plain spaces only


def test_english_euro_money_and_refund_days(db):
    with db.session() as session:
        set_setting(session, SHOP_REFUND_DAYS, 5)
        session.commit()
        detail = new_return(session)
        context = build_context(session, detail, event="refunded", language="en")
        message = render_message(session, detail, Event.REFUNDED)
    assert context["total"] == "€12.50"
    assert context["items"][0]["amount"] == "€12.50"
    assert (
        context["next_step"] == "Your refund of €12.50 will reach your card within 5 business days."
    )
    assert "€12.50" in message.text
    assert "within 5 business days" in message.html


def test_next_step_depends_on_the_refund_method(db):
    with db.session() as session:
        credit = new_return(session, refund="store_credit")
        exchange = new_return(session, refund="exchange")
        pt = new_return(session, language="pt_BR", refund="store_credit")
        step = {
            d.ret.number: build_context(
                session, d, event="approved", language=d.customer.preferred_language
            )["next_step"]
            for d in (credit, exchange, pt)
        }
    assert "store credit" in step[credit.ret.number]
    assert "replacement" in step[exchange.ret.number]
    assert "vale-troca" in step[pt.ret.number]


def test_variables_describe_every_context_name():
    context = sample_context("en")
    tops = {name.split(".")[0] for name in VARIABLES if not name.startswith("item.")}
    assert tops == set(context)
    for name in VARIABLES:
        head, _, tail = name.partition(".")
        if tail and head != "item":
            assert tail in context[head], name


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ customer.__class__ }}",
        "{{ 'x' * 1000000000 }}",
    ],
)
def test_the_sandbox_refuses_escapes(db, source):
    problems = check_template(source, "text")
    assert len(problems) == 1
    assert problems[0].line == 1
    assert "not allowed" in problems[0].message.lower()
    with db.session() as session:
        detail = new_return(session)
        with pytest.raises(TemplateError):
            save_template(session, "received", "en", "text", source)
        with pytest.raises(DeskError) as caught:
            render_message(session, detail, "received", overrides={"text": source})
    assert "not allowed" in str(caught.value).lower()


def test_unknown_variable_is_reported_with_its_line_and_save_refuses(db):
    source = "Hello\n\n{{ custmer.name }}\n"
    problems = check_template(source, "text")
    assert [p.line for p in problems] == [3]
    assert "custmer" in problems[0].message
    assert "customer" in problems[0].message.replace("custmer", "")  # a suggestion
    with db.session() as session:
        with pytest.raises(ValidationError) as caught:
            save_template(session, "received", "en", "text", source)
        assert "line 3" in caught.value.errors["template"]
        assert not is_customised(session, "received", "en", "text")


def test_unknown_attribute_is_reported_with_its_line():
    problems = check_template("Hi\n{{ customer.nickname }}", "text")
    assert [p.line for p in problems] == [2]
    assert "nickname" in problems[0].message


def test_syntax_error_is_reported_with_its_line():
    problems = check_template("Hello\nthere\n{% if %}\n", "html")
    assert len(problems) == 1
    assert problems[0].line == 3
    assert str(problems[0]).startswith("line 3: ")


def test_loop_and_set_variables_are_not_unknown():
    source = (
        "{% set n = items|length %}"
        "{% for item in items %}{{ loop.index }} {{ item.sku }}{% endfor %}{{ n }}"
    )
    assert check_template(source, "text") == []


def test_save_then_render_uses_the_shop_version_and_reset_goes_back(db):
    with db.session() as session:
        detail = new_return(session, name="Ana <Lima>")
        default_html = render_message(session, detail, "refunded").html
        source = (
            '{% extends "base.html" %}{% block content %}'
            "<p>Refund for {{ customer.name }}, {{ return.number }}</p>{% endblock %}"
        )
        save_template(session, "refunded", "en", "html", source)
        save_template(session, "refunded", "en", "subject", "Money back: {{ return.number }}\n\n")
        assert is_customised(session, "refunded", "en", "html")
        assert template_source(session, "refunded", "en", "html") == source
        message = render_message(session, detail, "refunded")
        assert f"<p>Refund for Ana &lt;Lima&gt;, {detail.ret.number}</p>" in message.html
        assert "<!DOCTYPE html>" in message.html  # the base frame still wraps it
        assert message.subject == f"Money back: {detail.ret.number}"

        save_template(session, "refunded", "en", "html", source.replace("Refund", "Paid"))
        assert "<p>Paid for" in render_message(session, detail, "refunded").html
        assert len(session.exec(select(MessageTemplate)).all()) == 2  # updated, not added

        reset_template(session, "refunded", "en", "html")
        assert not is_customised(session, "refunded", "en", "html")
        assert template_source(session, "refunded", "en", "html") == template_store.default_source(
            "refunded", "en", "html"
        )
        assert render_message(session, detail, "refunded").html == default_html
        # Other languages and parts are untouched by an English edit.
        assert not is_customised(session, "refunded", "pt_BR", "subject")


def test_saving_the_default_text_is_the_same_as_reset(db):
    with db.session() as session:
        save_template(session, "closed", "en", "sms", "Done: {{ return.number }}")
        assert is_customised(session, "closed", "en", "sms")
        default = template_store.default_source("closed", "en", "sms")
        assert save_template(session, "closed", "en", "sms", default) is None
        assert not is_customised(session, "closed", "en", "sms")


def test_overrides_preview_unsaved_source_without_storing_it(db):
    with db.session() as session:
        detail = new_return(session)
        message = render_message(
            session, detail, "received", overrides={"sms": "Draft {{ return.number }}"}
        )
        assert message.sms == f"Draft {detail.ret.number}"
        assert not is_customised(session, "received", "en", "sms")
        with pytest.raises(DeskError):
            render_message(session, detail, "received", overrides={"body": "x"})


def test_preview_is_what_the_outbox_would_store(db):
    with db.session() as session:
        detail = new_return(session)
        first = render_message(session, detail, "approved", staff="Sam")
        second = render_message(session, detail, "approved", staff="Sam")
    assert first == second


def test_unknown_event_and_bad_part_are_desk_errors(db):
    with db.session() as session:
        detail = new_return(session)
        with pytest.raises(DeskError, match="no event"):
            render_message(session, detail, "shipped")
        with pytest.raises(DeskError, match="no message part"):
            template_source(session, "received", "en", "fax")


def test_save_and_reset_only_flush_the_shop_services_commit(db):
    source = "Done: {{ return.number }}"
    with db.session() as session:
        save_template(session, "closed", "en", "sms", source)
        assert is_customised(session, "closed", "en", "sms")
        session.rollback()  # the caller's transaction decides
    assert template_store.edited_parts(db, "en") == {}

    template_saving.save_shop_template(db, "closed", "en", "sms", source)
    template_saving.save_shop_template(db, "closed", "en", "subject", "Closed {{ return.number }}")
    assert template_store.edited_parts(db, "en") == {"closed": frozenset({"sms", "subject"})}
    assert template_store.edited_parts(db, "pt_BR") == {}
    assert template_store.read_source(db, "closed", "en", "sms") == source

    template_saving.reset_shop_template(db, "closed", "en", "sms")
    assert template_store.edited_parts(db, "en") == {"closed": frozenset({"subject"})}
    assert template_store.read_source(db, "closed", "en", "sms") == (
        template_store.default_source("closed", "en", "sms")
    )


def test_preview_template_reads_the_return_itself(db):
    with db.session() as session:
        detail = new_return(session, name="Ana <Lima>")
    message = templating.preview_template(
        db, detail.ret.id, "refunded", overrides={"sms": "Hi {{ customer.name }}"}
    )
    assert message.sms == "Hi Ana <Lima>" and detail.ret.number in message.subject
    with pytest.raises(DeskError):
        templating.preview_template(db, 999_999, "refunded")


def test_a_template_with_a_nul_byte_is_refused_before_the_database(db):
    with db.session() as session:
        with pytest.raises(ValidationError) as caught:
            save_template(session, "received", "en", "text", "Hello\x00{{ customer.name }}\n")
        assert caught.value.errors["template"] == (
            "Email (plain text) template: The template contains an invisible character (NUL); "
            "retype it."
        )
        assert not is_customised(session, "received", "en", "text")


FOLLOW = {"en": "Follow your return", "pt_BR": "Acompanhe sua devolução"}
GIVE = {"en": "Give your feedback", "pt_BR": "Dê sua opinião"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_defaults_carry_the_personal_link_only_when_a_public_address_is_set(db, language):
    from desk.portal.links import personal_link
    from desk.settings import PORTAL_PUBLIC_URL

    with db.session() as session:
        detail = new_return(session, language=language)
        session.commit()
        for event in Event:
            message = render_message(session, detail, event)
            every_part = message.text + message.html + message.sms
            assert "/r/" not in every_part and FOLLOW[language] not in every_part, event
        set_setting(session, PORTAL_PUBLIC_URL, "https://returns.example.com")
        session.commit()
    link = personal_link(db, number=detail.ret.number)
    with db.session() as session:
        for event in Event:
            message = render_message(session, detail, event)
            for part in ("text", "html", "sms"):
                assert link in getattr(message, part), (event, part)
            if event == Event.FEEDBACK:  # the page opens on its feedback button
                assert f'href="{link}"' in message.html and GIVE[language] in message.html
                assert f"{link}/feedback" in message.text and f"{link}/feedback" in message.sms
            else:
                assert f'href="{link}"' in message.html and FOLLOW[language] in message.html
                assert f"{FOLLOW[language]}: {link}\n" in message.text
            assert render_message(session, detail, event) == message  # preview == sent


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_default_link_button_reads_as_a_simple_mode_button(language):
    from desk.messages.simple_mode import from_html

    source = from_html(template_store.default_source(Event.RECEIVED, language, "html")).source
    assert f"{{% if portal_link %}}\n[button: {FOLLOW[language]}](portal_link)\n{{% endif %}}" in (
        source
    )


def test_a_template_problem_reads_in_portuguese(db):
    from desk.i18n.catalog import set_language

    set_language("pt_BR")
    (problem,) = check_template("Olá\n\n{{ custmer.name }}\n", "text")
    assert problem.message == "Variável desconhecida “custmer”. Você quis dizer “customer”?"
    assert str(problem) == "linha 3: " + problem.message
    with db.session() as session, pytest.raises(ValidationError) as caught:
        save_template(session, "received", "pt_BR", "text", "Olá {{ custmer.name }}")
    assert caught.value.errors["template"].startswith(
        "Modelo E-mail (texto simples): linha 1: Variável desconhecida “custmer”."
    )
