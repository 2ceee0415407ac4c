"""The customer space's pages, from resources/portal, through the project's one Jinja
environment (desk.messages.templating.ENV, overlaid with a loader for the pages: the
same sandbox, HTML autoescaped, strict about unknown names)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from jinja2 import FileSystemLoader

from desk.messages.templating import ENV


@lru_cache(maxsize=1)
def _env():
    folder = resources.files("resources") / "portal"
    return ENV.overlay(loader=FileSystemLoader(str(folder)), autoescape=True)


def render(name: str, **values: object) -> str:
    """The page `name` (e.g. "return.html") filled with `values`."""
    return _env().get_template(name).render(**values)


def stylesheet() -> bytes:
    """The pages' one stylesheet."""
    return (resources.files("resources") / "portal" / "portal.css").read_bytes()
