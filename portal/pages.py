"""The customer space's pages, from resources/portal, through the project's one Jinja
environment (desk.messages.templating.ENV, overlaid with a loader for the pages: the
same sandbox, HTML autoescaped, strict about unknown names), in the page's language.

Most words come in through desk.words (the `words`, `counter`... tables); a page may
also say `{{ _("…") }}` or `{% trans %}…{% endtrans %}` (jinja2.ext.i18n, extracted by
Babel with babel.cfg): `render` binds them to the page's language for that render only,
so pages in different languages never share them (ENV's globals stay untouched).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from jinja2 import FileSystemLoader

from desk.i18n.catalog import translation
from desk.messages.templating import ENV


@lru_cache(maxsize=1)
def _env():
    folder = resources.files("resources") / "portal"
    env = ENV.overlay(loader=FileSystemLoader(str(folder)), autoescape=True)
    env.globals = dict(ENV.globals)  # an overlay shares them: i18n must not add to ENV's
    env.add_extension("jinja2.ext.i18n")
    return env


def render(name: str, language: str, **values: object) -> str:
    """The page `name` (e.g. "return.html") in `language` ("pt_BR"), filled with `values`."""
    t = translation(language)
    said = {"_": t.gettext, "gettext": t.gettext, "ngettext": t.ngettext, "pgettext": t.pgettext}
    return _env().get_template(name).render(**said, language=language, **values)


def stylesheet() -> bytes:
    """The pages' one stylesheet."""
    return (resources.files("resources") / "portal" / "portal.css").read_bytes()
