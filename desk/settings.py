"""Shop settings: every one declared once, with its key, type, default, label and checks.

Each setting is a module-level constant (`SHOP_NAME`, `NOTIFY[Event.APPROVED]`); the return
policy's own (`POLICY[Segment.LOYAL].window_days`) are declared in desk.policy.settings, the
customer space's in desk.portal.settings, and listed in this module's catalogue. Code reads
and writes them through `get_setting(session, SHOP_NAME)` and `set_setting(session,
SHOP_NAME, value)`, so a mistyped name fails at import. Only the command line turns a
dotted key the user typed into a setting, with `setting(key)`.

What a setting is (SettingSpec, its yes/no words and checks) is in desk.setting_spec.
Labels and help are English marked with N_(): staff read them with `_(spec.label)`.

This module imports only leaf modules (core_tables, setting_spec, policy.settings, phones,
the Event enum; desk.models and desk.staff when a setting is written), never a capability
that reads settings, so there is no import cycle. It reads through SQLAlchemy Core: the
window's first screen reads the shop's settings before SQLModel and the ORM are loaded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import select

from desk.codes import Event
from desk.core_tables import SETTING_ROWS
from desk.errors import DeskError
from desk.feedback.settings import (  # noqa: F401  (declared beside feedback, listed here)
    FEEDBACK_LOW_RATING,
    FEEDBACK_NOTIFY_OWNER,
    FEEDBACK_OWNER_EMAIL,
    FEEDBACK_REQUEST_HOURS,
    FEEDBACK_REQUEST_WHEN,
    FEEDBACK_SETTINGS,
    REWARD_EVERY_DAYS,
    REWARD_KIND,
    REWARD_MIN_PURCHASE,
    REWARD_SETTINGS,
    REWARD_VALID_DAYS,
    REWARD_VALUE,
)
from desk.i18n.catalog import N_, _
from desk.phones import DEFAULT_COUNTRY, country_error
from desk.policy.settings import POLICY_SETTINGS
from desk.portal.settings import (  # noqa: F401  (declared beside the portal, listed here)
    PORTAL_ENABLED,
    PORTAL_HOST,
    PORTAL_LINK_DAYS,
    PORTAL_PORT,
    PORTAL_PUBLIC_URL,
    PORTAL_SETTINGS,
)
from desk.setting_spec import (
    SettingSpec,
    currency,
    email_or_empty,
    port,
    positive_days,
    seconds,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlmodel import Session

    from desk.db import Database
    from desk.staff.actor import Actor

T = TypeVar("T")

NOTIFY_CHOICES = ("off", "ask", "auto")
"""Per event: never offered, offered in the transition dialog (ticked), or always sent."""

LANGUAGE_CHOICES = ("en", "pt_BR")

# the shop

SHOP_NAME = SettingSpec("shop.name", str, N_("My Shop"), N_("Shop name"))
SHOP_EMAIL = SettingSpec("shop.email", str, "", N_("Sender address"), check=email_or_empty)
SHOP_REPLY_TO = SettingSpec("shop.reply_to", str, "", N_("Reply-to address"), check=email_or_empty)
SHOP_PHONE = SettingSpec("shop.phone", str, "", N_("Phone"))
SHOP_ADDRESS = SettingSpec("shop.address", str, "", N_("Address"), multiline=True)
SHOP_HOURS = SettingSpec("shop.hours", str, "", N_("Opening hours"), multiline=True)
SHOP_LOGO = SettingSpec("shop.logo", str, "", N_("Logo (path to a PNG or JPEG file)"))
SHOP_CURRENCY = SettingSpec(
    "shop.currency", str, "EUR", N_("Currency (ISO code)"), check=currency, uppercase=True
)
SHOP_LOCALE = SettingSpec("shop.locale", str, "en", N_("Shop language"), choices=LANGUAGE_CHOICES)
SHOP_REFUND_DAYS = SettingSpec(
    "shop.refund_days",
    int,
    3,
    N_("Business days for a refund to reach the card"),
    check=positive_days,
)
SHOP_CHECK_DAYS = SettingSpec(
    "shop.check_days", int, 5, N_("Business days to check returned items"), check=positive_days
)
SHOP_COUNTRY = SettingSpec(
    "shop.country",
    str,
    DEFAULT_COUNTRY,
    N_("Country (for phone numbers)"),
    check=country_error,
    uppercase=True,
    help=N_("Phone numbers typed without a country code are read as numbers of this country"),
)

# sending email and SMS (the password and token are in the keyring: desk.secrets)

SMTP_HOST = SettingSpec("smtp.host", str, "", N_("SMTP server"))
SMTP_PORT = SettingSpec("smtp.port", int, 587, N_("SMTP port"), check=port)
SMTP_SECURITY = SettingSpec(
    "smtp.security", str, "starttls", N_("Security"), choices=("starttls", "ssl", "none")
)
SMTP_USER = SettingSpec("smtp.user", str, "", N_("SMTP user name"))
SMTP_TIMEOUT = SettingSpec("smtp.timeout", int, 20, N_("SMTP timeout (seconds)"), check=seconds)
SMS_URL = SettingSpec("sms.url", str, "", N_("SMS provider API base URL (Twilio-style)"))
SMS_ACCOUNT = SettingSpec("sms.account", str, "", N_("SMS account id"))
SMS_SENDER = SettingSpec("sms.sender", str, "", N_("SMS sender number or name"))

# messages to the customer, per event (desk.messages.events)

_NOTIFY_DEFAULTS = {
    Event.ACKNOWLEDGED: "ask",
    Event.RECEIVED: "ask",
    Event.INSPECTING: "off",
    Event.APPROVED: "ask",
    Event.REFUNDED: "ask",
    Event.EXCHANGED: "ask",
    Event.CREDITED: "ask",
    Event.REJECTED: "ask",
    Event.CLOSED: "off",
    Event.FEEDBACK: "ask",
    Event.THANKS: "auto",  # feedback typed by staff (phone, reply) that earned a code
}

_NOTIFY_LABELS = {  # each event's label (desk.codes), as a whole phrase for translators
    Event.ACKNOWLEDGED: N_("Notify: Return request acknowledged"),
    Event.RECEIVED: N_("Notify: Item received"),
    Event.INSPECTING: N_("Notify: Inspection started"),
    Event.APPROVED: N_("Notify: Return approved"),
    Event.REFUNDED: N_("Notify: Refund issued"),
    Event.EXCHANGED: N_("Notify: Exchange ready"),
    Event.CREDITED: N_("Notify: Store credit issued"),
    Event.REJECTED: N_("Notify: Return rejected"),
    Event.CLOSED: N_("Notify: Return closed"),
    Event.FEEDBACK: N_("Notify: Feedback request"),
    Event.THANKS: N_("Notify: Thanks for feedback (reward code)"),
}

NOTIFY: dict[Event, SettingSpec[str]] = {
    event: SettingSpec(
        f"notify.{event.value}",
        str,
        default,
        _NOTIFY_LABELS[event],
        choices=NOTIFY_CHOICES,
        help=N_("off: never offered; ask: offered, ticked; auto: always sent"),
    )
    for event, default in _NOTIFY_DEFAULTS.items()
}
"""Whether each event's message is off, offered (ask) or sent automatically (auto)."""

# backups (desk.backup)


def _backups_kept(value: object) -> str | None:
    return None if 1 <= int(value) <= 365 else _("Enter a number of backups from 1 to 365.")


BACKUP_KEEP_DAILY = SettingSpec(
    "backup.keep_daily", int, 14, N_("Daily backups to keep"), check=_backups_kept
)
BACKUP_SETTINGS = (BACKUP_KEEP_DAILY,)

# staff at the counter (desk.staff; the window signs the person out)

STAFF_IDLE_MINUTES = SettingSpec(
    "staff.idle_minutes",
    int,
    10,
    N_("Sign out after this many minutes without use"),
    check=lambda v: None if 0 <= int(v) <= 720 else _("Enter minutes from 0 (never) to 720."),
    help=N_("0: never; only when staff sign in with PINs"),
)
STAFF_SETTINGS = (STAFF_IDLE_MINUTES,)

# the catalogue, in the order `returndesk config list` prints it

SHOP_SETTINGS = (
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
    SHOP_CHECK_DAYS,
    SHOP_COUNTRY,
)
MAIL_SETTINGS = (SMTP_HOST, SMTP_PORT, SMTP_SECURITY, SMTP_USER, SMTP_TIMEOUT)
SMS_SETTINGS = (SMS_URL, SMS_ACCOUNT, SMS_SENDER)
"""The settings by family, each in the order staff see them."""

SETTINGS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        *SHOP_SETTINGS,
        *MAIL_SETTINGS,
        *SMS_SETTINGS,
        *POLICY_SETTINGS,
        *NOTIFY.values(),
        *FEEDBACK_SETTINGS,
        *REWARD_SETTINGS,
        *PORTAL_SETTINGS,
        *BACKUP_SETTINGS,
        *STAFF_SETTINGS,
    )
}
"""Every setting by its dotted key."""


def setting(key: str) -> SettingSpec:
    """The setting whose dotted key is `key` (as typed on the command line).

    Raises DeskError for an unknown key.
    """
    try:
        return SETTINGS[key.strip()]
    except KeyError:
        raise DeskError(
            _("Unknown setting “{key}”; see `returndesk config list`.").format(key=key)
        ) from None


def _declared(spec: object) -> SettingSpec:
    if not isinstance(spec, SettingSpec) or SETTINGS.get(spec.key) is not spec:
        raise TypeError(f"{spec!r} is not a declared setting; use a constant of desk.settings.")
    return spec


# reading and writing


def get_setting(session: Session, spec: SettingSpec[T]) -> T:
    """Return the value of `spec`, or its default when it was never set."""
    return get_settings(session, spec)[0]


def get_settings(session: Session | Connection, *specs: SettingSpec) -> tuple:
    """Return the values of `specs` (each its default when never set), read in one query.

    Reads through Core (desk.core_tables), in a session or on a plain connection: the
    window's start reads the shop's settings before SQLModel and the ORM are loaded."""
    keys = [_declared(spec).key for spec in specs]
    table = SETTING_ROWS.c
    stored = dict(session.execute(select(table.key, table.value).where(table.key.in_(keys))).all())
    return tuple(
        spec.from_stored(stored[spec.key]) if spec.key in stored else spec.default for spec in specs
    )


def all_settings(session: Session | Connection) -> dict[SettingSpec, object]:
    """Return every declared setting with its current value, in declaration order (read
    through Core, as get_settings)."""
    table = SETTING_ROWS.c
    stored = dict(session.execute(select(table.key, table.value)).all())
    return {
        spec: spec.from_stored(stored[key]) if key in stored else spec.default
        for key, spec in SETTINGS.items()
    }


def set_setting(session: Session, spec: SettingSpec[T], value: object) -> T:
    """Check and store `value` for `spec` (flushed; the caller commits); return it typed."""
    from desk.models import Setting

    typed = _declared(spec).parse(value)
    session.merge(Setting(key=spec.key, value=spec.to_stored(typed)))
    session.flush()
    return typed


def set_settings(session: Session, values: dict[SettingSpec, object]) -> dict[SettingSpec, object]:
    """Check every value first, then store them all (flushed; the caller commits).

    Returns the typed values. Raises DeskError, storing nothing, when any value is bad.
    """
    from desk.models import Setting

    typed = {_declared(spec): spec.parse(value) for spec, value in values.items()}
    for spec, value in typed.items():
        session.merge(Setting(key=spec.key, value=spec.to_stored(value)))
    session.flush()
    return typed


def load_settings(db: Database) -> dict[SettingSpec, object]:
    """Every setting with its current value, read on a connection of its own."""
    with db.connect() as conn:
        return all_settings(conn)


def save_settings(
    db: Database, values: dict[SettingSpec, object], *, actor: Actor | None = None
) -> dict[SettingSpec, object]:
    """Check and store `values` in one transaction, auditing each changed key; return them
    typed.

    Needs Permission.SETTINGS (NotAllowed). Raises DeskError, storing nothing, when any
    value is bad.
    """
    from desk.staff.actor import require  # the ORM's: loaded at the first change, not to read
    from desk.staff.audit import record
    from desk.staff.codes import AuditAction
    from desk.staff.roles import Permission

    with db.session() as session:
        actor = require(session, actor, Permission.SETTINGS)
        before = all_settings(session)
        typed = set_settings(session, values)
        for spec, value in typed.items():
            if value != before[spec]:
                old, new = spec.to_stored(before[spec]), spec.to_stored(value)
                record(session, actor, AuditAction.SETTING_CHANGED, spec.key, old=old, new=new)
        session.commit()
    return typed


@dataclass(frozen=True)
class ShopBasics:
    """What the window's frame shows of the shop: its name, currency and language."""

    name: str
    currency: str
    locale: str = "en"


def shop_basics(db: Database) -> ShopBasics:
    """The shop's name (the default one in the desk's language until the shop names
    itself), currency and language."""
    with db.connect() as conn:
        name, currency, locale = get_settings(conn, SHOP_NAME, SHOP_CURRENCY, SHOP_LOCALE)
    name = _(name) if name == SHOP_NAME.default else name
    return ShopBasics(name=name, currency=currency, locale=locale)


def keys_of(specs: Iterable[SettingSpec]) -> tuple[str, ...]:
    """The dotted keys of `specs`, in order."""
    return tuple(spec.key for spec in specs)
