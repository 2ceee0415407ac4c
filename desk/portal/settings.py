"""The customer space's settings: where it listens, the address customers use, its links.

Declared here beside the customer space and listed in desk.settings' catalogue (which
imports them by name), like the return policy's own (desk.policy.settings).
"""

from __future__ import annotations

from desk.i18n.catalog import N_, _
from desk.setting_spec import SettingSpec, port, positive_days


def _web_address(value: object) -> str | None:
    text = str(value).strip()
    if not text:
        return None
    if not text.startswith(("https://", "http://")) or " " in text or len(text) > 200:
        return _("Type the address customers open, like https://returns.myshop.com.")
    return None


PORTAL_PUBLIC_URL = SettingSpec(
    "portal.public_url",
    str,
    "",
    N_("Address customers open"),
    check=_web_address,
    help=N_(
        "The customer space as customers reach it, e.g. https://returns.myshop.com; "
        "empty: messages and sheets carry no personal link"
    ),
)
PORTAL_HOST = SettingSpec(
    "portal.host",
    str,
    "127.0.0.1",
    N_("Customer space listens on"),
    help=N_("127.0.0.1: this computer only (behind a reverse proxy); 0.0.0.0: the shop's network"),
)
PORTAL_PORT = SettingSpec("portal.port", int, 8765, N_("Customer space port"), check=port)
PORTAL_LINK_DAYS = SettingSpec(
    "portal.link_days",
    int,
    90,
    N_("Personal links work for (days after closing)"),
    check=positive_days,
)
PORTAL_ENABLED = SettingSpec(
    "portal.enabled",
    bool,
    False,
    N_("Start with Return Desk"),
    help=N_("yes: opening Return Desk also starts the customer space; closing it stops it"),
)
PORTAL_SETTINGS = (PORTAL_ENABLED, PORTAL_PUBLIC_URL, PORTAL_HOST, PORTAL_PORT, PORTAL_LINK_DAYS)
