"""What each page of the Settings dialog edits: its title, its settings in order, its secret.

The dialog builds one tab per entry of `PAGES`, in that order, then the Drop-off points tab;
every declared setting is on exactly one page.
"""

from __future__ import annotations

from desk.i18n.catalog import N_
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
    STAFF_SETTINGS,
)
from ui.settings.secret_box import PASSWORD_WORDS, TOKEN_WORDS

PAGES: tuple[tuple[str, tuple[SettingSpec, ...]], ...] = (
    (N_("Shop"), (*SHOP_SETTINGS, *STAFF_SETTINGS)),  # until a Staff page holds them
    (N_("Email"), MAIL_SETTINGS),
    (N_("SMS"), SMS_SETTINGS),
    (N_("Notifications"), tuple(NOTIFY.values())),
    (N_("Return policy"), POLICY_SETTINGS),
    (N_("Feedback and rewards"), (*FEEDBACK_SETTINGS, *REWARD_SETTINGS)),
    (N_("Customer space"), PORTAL_SETTINGS),
    (N_("Backups"), BACKUP_SETTINGS),
)
"""Each page's title (marked: shown through _()) and the settings it edits, in order."""
SECRET_PAGES = {
    "smtp": (N_("Email"), PASSWORD_WORDS),
    "sms": (N_("SMS"), TOKEN_WORDS),
}
"""Each secret (by its desk.secrets name): the page its box is on, and what the box says."""
CAPTIONS: dict[SettingSpec, str] = {
    REWARD_VALUE: N_("Reward value"),
    REWARD_MIN_PURCHASE: N_("Minimum purchase for the reward"),
}
"""Captions where the setting's own label speaks of storage (cents) that the field hides."""
