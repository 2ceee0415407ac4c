"""What each page of the Settings dialog edits: its title, its settings in order, its secret.

The dialog builds one tab per entry of `PAGES`, in that order, then the Drop-off points tab;
every declared setting is on exactly one page.
"""

from __future__ import annotations

from desk.settings import (
    CREDIT_BONUS,
    EXCHANGE_BONUS,
    FEEDBACK_SETTINGS,
    NOTIFY,
    POLICY,
    REWARD_SETTINGS,
    SEGMENT_THRESHOLDS,
    SHOP_ADDRESS,
    SHOP_CURRENCY,
    SHOP_EMAIL,
    SHOP_HOURS,
    SHOP_LOCALE,
    SHOP_LOGO,
    SHOP_NAME,
    SHOP_PHONE,
    SHOP_REFUND_DAYS,
    SHOP_REPLY_TO,
    SMS_ACCOUNT,
    SMS_SENDER,
    SMS_URL,
    SMTP_HOST,
    SMTP_PORT,
    SMTP_SECURITY,
    SMTP_TIMEOUT,
    SMTP_USER,
    SettingSpec,
)

MAIL_SETTINGS = (SMTP_HOST, SMTP_PORT, SMTP_SECURITY, SMTP_USER, SMTP_TIMEOUT)
"""The Email (SMTP) page's settings; the test email is sent with them as typed."""
PAGES: tuple[tuple[str, tuple[SettingSpec, ...]], ...] = (
    (
        "Shop",
        (
            SHOP_NAME,
            SHOP_EMAIL,
            SHOP_REPLY_TO,
            SHOP_PHONE,
            SHOP_ADDRESS,
            SHOP_HOURS,
            SHOP_LOGO,
            SHOP_CURRENCY,
            SHOP_LOCALE,
            SHOP_REFUND_DAYS,
        ),
    ),
    ("Email (SMTP)", MAIL_SETTINGS),
    ("SMS", (SMS_URL, SMS_ACCOUNT, SMS_SENDER)),
    ("Notifications", tuple(NOTIFY.values())),
    (
        "Return policy",
        (
            *SEGMENT_THRESHOLDS,
            *(spec for policy in POLICY.values() for spec in policy.all()),
            CREDIT_BONUS,
            EXCHANGE_BONUS,
        ),
    ),
    ("Feedback and rewards", (*FEEDBACK_SETTINGS, *REWARD_SETTINGS)),
)
"""Each page's title and the settings it edits, in the order they are shown."""
SECRET_PAGES = {"smtp": ("Email (SMTP)", "password"), "sms": ("SMS", "API token")}
"""Each secret (by its desk.secrets name): the page its box is on, and what the box calls it."""
