"""What a personal link looks like as scanned or pasted: its token, found in the text.

Plain text work, without the database: the window asks it of every search it runs, so it
stays out of desk.portal.links (which loads the ORM) until a link is really opened.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"(?:^|/)r/([A-Za-z0-9_-]{20,100})/?$")


def token_in(text: str) -> str | None:
    """The token of a personal link as scanned or pasted (the full URL, or /r/<token>),
    or None when `text` is not shaped like one."""
    found = _TOKEN.search(text.strip().split("?", 1)[0].split("#", 1)[0])
    return found.group(1) if found else None
