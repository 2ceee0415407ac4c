"""The customer space's pages: one sandboxed environment, each render in its page's language."""

from __future__ import annotations

import pytest
from jinja2.sandbox import SandboxedEnvironment

from desk.i18n.catalog import set_language
from desk.messages.templating import ENV
from portal import pages


@pytest.fixture
def page_source(monkeypatch):
    """Serve one made-up page (`said.html`) through the pages' own environment."""
    source = (
        '{{ _("Save") }}|{% trans %}Total{% endtrans %}|'
        '{{ ngettext("{days} business day", "{days} business days", 3).format(days=3) }}|'
        "{{ language }}"
    )
    env = pages._env()
    monkeypatch.setattr(env, "get_template", lambda name: env.from_string(source))
    return env


def test_the_pages_share_the_one_sandboxed_environment():
    env = pages._env()
    assert isinstance(env, SandboxedEnvironment) and env is pages._env()
    assert "jinja2.ext.InternationalizationExtension" in env.extensions
    assert "_" not in ENV.globals and "gettext" not in ENV.globals  # messages stay untouched


def test_a_page_says_its_own_words_in_its_language_whatever_the_desks(page_source):
    set_language("pt_BR")
    assert pages.render("said.html", "en") == "Save|Total|3 business days|en"
    set_language("en")
    assert pages.render("said.html", "pt_BR") == "Salvar|Total|3 dias úteis|pt_BR"


def test_the_shipped_pages_hold_no_literal_english():
    """Every page's words come from desk.words or go through _(): no bare English text."""
    import re
    from importlib import resources

    folder = resources.files("resources") / "portal"
    for page in folder.iterdir():
        if not page.name.endswith(".html"):
            continue
        text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", " ", page.read_text(encoding="utf-8"))
        text = re.sub(r"<[^>]*>", " ", text, flags=re.S)
        words = set(re.findall(r"[A-Za-z]{3,}", text)) - {"English", "Português", "Brasil"}
        assert not words, (page.name, words)
