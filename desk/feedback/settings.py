"""The settings of feedback after a return and of its reward, declared beside them.

desk.settings lists them in its catalogue (and every module reads them from there, as
`desk.settings.FEEDBACK_LOW_RATING`); this module imports only leaves, as desk.settings does.
"""

from __future__ import annotations

from desk.i18n.catalog import N_
from desk.setting_spec import (
    SettingSpec,
    email_or_empty,
    hours,
    not_negative,
    positive_days,
    rating,
)

FEEDBACK_LOW_RATING = SettingSpec(
    "feedback.low_rating",
    int,
    2,
    N_("A rating this low or lower is flagged"),
    check=rating,
)
FEEDBACK_NOTIFY_OWNER = SettingSpec(
    "feedback.notify_owner", bool, False, N_("Email the owner about a low rating")
)
FEEDBACK_OWNER_EMAIL = SettingSpec(
    "feedback.owner_email", str, "", N_("Owner's email address"), check=email_or_empty
)
FEEDBACK_REQUEST_WHEN = SettingSpec(
    "feedback.request_when",
    str,
    "next_morning",
    N_("When to ask for feedback after a return closes"),
    choices=("now", "hours", "next_morning"),
    help=N_(
        "now: at once; hours: after feedback.request_hours; next_morning: the next day at 10:00"
    ),
)
FEEDBACK_REQUEST_HOURS = SettingSpec(
    "feedback.request_hours", int, 24, N_("Hours to wait before asking"), check=hours
)
REWARD_KIND = SettingSpec(
    "reward.kind",
    str,
    "off",
    N_("Reward for feedback"),
    choices=("off", "percent", "amount"),
    help=N_("off: none; percent: a share off the next purchase; amount: a fixed amount off"),
)
REWARD_VALUE = SettingSpec(
    "reward.value",
    int,
    10,
    N_("Reward value (percent, or cents off)"),
    check=not_negative,
)
REWARD_MIN_PURCHASE = SettingSpec(
    "reward.min_purchase", int, 0, N_("Minimum purchase for the reward (cents)"), check=not_negative
)
REWARD_VALID_DAYS = SettingSpec(
    "reward.valid_days", int, 60, N_("Reward code valid for (days)"), check=positive_days
)
REWARD_EVERY_DAYS = SettingSpec(
    "reward.every_days",
    int,
    30,
    N_("At most one reward per customer every (days)"),
    check=positive_days,
)
FEEDBACK_SETTINGS = (
    FEEDBACK_LOW_RATING,
    FEEDBACK_NOTIFY_OWNER,
    FEEDBACK_OWNER_EMAIL,
    FEEDBACK_REQUEST_WHEN,
    FEEDBACK_REQUEST_HOURS,
)
REWARD_SETTINGS = (
    REWARD_KIND,
    REWARD_VALUE,
    REWARD_MIN_PURCHASE,
    REWARD_VALID_DAYS,
    REWARD_EVERY_DAYS,
)
