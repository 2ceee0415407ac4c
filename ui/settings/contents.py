"""What each page of the Settings dialog edits: its title, its settings in order, its secret.

The dialog builds one tab per entry of `PAGES`, in that order, then the Drop-off points tab;
every declared setting is on exactly one page.
"""

from __future__ import annotations

from desk.policy.settings import POLICY_SETTINGS
from desk.setting_spec import SettingSpec
from desk.settings import (
    BACKUP_SETTINGS,
    FEEDBACK_SETTINGS,
    MAIL_SETTINGS,
    NOTIFY,
    PORTAL_SETTINGS,
    REWARD_MIN_PURCHASE,
    REWARD_SETTINGS,
    REWARD_VALUE,
    SHOP_SETTINGS,
    SMS_SETTINGS,
)

PAGES: tuple[tuple[str, tuple[SettingSpec, ...]], ...] = (
    ("Shop", SHOP_SETTINGS),
    ("Email (SMTP)", MAIL_SETTINGS),
    ("SMS", SMS_SETTINGS),
    ("Notifications", tuple(NOTIFY.values())),
    ("Return policy", POLICY_SETTINGS),
    ("Feedback and rewards", (*FEEDBACK_SETTINGS, *REWARD_SETTINGS)),
    ("Customer space", PORTAL_SETTINGS),
    ("Backups", BACKUP_SETTINGS),
)
"""Each page's title and the settings it edits, in the order they are shown."""
SECRET_PAGES = {"smtp": ("Email (SMTP)", "password"), "sms": ("SMS", "API token")}
"""Each secret (by its desk.secrets name): the page its box is on, and what the box calls it."""
CAPTIONS: dict[SettingSpec, str] = {
    REWARD_VALUE: "Reward value",
    REWARD_MIN_PURCHASE: "Minimum purchase for the reward",
}
"""Captions where the setting's own label speaks of storage (cents) that the field hides."""
