"""The channels of one sending run: the open SMTP connection and SMS provider, the
channels that cannot be used this run and why, and sending one message on its channel.

desk.messages.sender drives the run; this module only opens, uses and closes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlmodel import Session

from desk.codes import Channel
from desk.errors import DeskError
from desk.i18n.catalog import _
from desk.messages.claims import this_process
from desk.messages.mail import (
    DeliveryError,
    SmtpConfig,
    SmtpSender,
    build_email,
    shop_from_settings,
)
from desk.messages.sms import SmsProvider, provider_from_settings
from desk.models import OutboxMessage
from desk.portal.links import token_for, unsubscribe_url
from desk.secrets import get_secret
from desk.settings import PORTAL_PUBLIC_URL, SMS_ACCOUNT, SMS_URL, get_setting

if TYPE_CHECKING:
    from desk.messages.sender import SendReport


class Senders:
    """The open SMTP connection and SMS provider of one run, and the channels it cannot use."""

    def __init__(
        self,
        session: Session,
        channels: set[str],
        smtp_password: str | None,
        sms_token: str | None,
        report: SendReport,
    ):
        self.blocked: set[str] = set()
        self.report = report
        self.owner = this_process()  # named on each claim of this run
        self.smtp: SmtpSender | None = None
        self.sms: SmsProvider | None = None
        self.shop = shop_from_settings(session)
        self.public_url = get_setting(session, PORTAL_PUBLIC_URL)
        if Channel.EMAIL in channels:
            self._open_smtp(session, smtp_password)
        if Channel.SMS in channels:
            self._open_sms(session, sms_token)

    def _open_smtp(self, session: Session, password: str | None) -> None:
        config = SmtpConfig.from_settings(session)
        if not config.host or not self.shop["email"]:
            self.block(
                "email",
                _(
                    "Email is not set up: enter the SMTP server and the shop's "
                    "email address in Settings. Messages stay queued."
                ),
            )
            return
        if config.user and password is None:
            password = get_secret("smtp")
            if password is None:
                self.report.missing_secrets.append("smtp")
                self.block(
                    "email",
                    _(
                        "No SMTP password: emails stay queued. Save it with "
                        "`returndesk config set-password smtp`, or type it when sending."
                    ),
                )
                return
        self.smtp = SmtpSender(config, password)

    def _open_sms(self, session: Session, token: str | None) -> None:
        if not get_setting(session, SMS_URL) or not get_setting(session, SMS_ACCOUNT):
            self.block(
                "sms",
                _(
                    "Text messages are not set up: enter the SMS provider in "
                    "Settings. Messages stay queued."
                ),
            )
            return
        token = token if token is not None else get_secret("sms")
        if token is None:
            self.report.missing_secrets.append("sms")
            self.block(
                "sms",
                _(
                    "No SMS API token: text messages stay queued. Save it with "
                    "`returndesk config set-password sms`, or type it when sending."
                ),
            )
            return
        self.sms = provider_from_settings(session, token)

    def block(self, channel: str, problem: str) -> None:
        """Stop using `channel` in this run, saying why (once per channel)."""
        if channel in self.blocked:
            return
        self.blocked.add(channel)
        self.report.problems.append(problem)
        self.report.blocked[str(channel)] = problem

    def unsubscribe_url(self, session: Session, message: OutboxMessage) -> str | None:
        """A one-click unsubscribe link for an email about a return (customer space set up)."""
        if message.channel != Channel.EMAIL or not message.return_id or not self.public_url:
            return None
        try:
            return unsubscribe_url(self.public_url, token_for(session, message.return_id))
        except DeskError:  # no link key on this computer: the email goes without the header
            return None

    def send(
        self,
        message: OutboxMessage,
        before_data: Callable[[], None],
        *,
        unsubscribe: str | None = None,
    ) -> str | None:
        """Send `message`; return the provider's id for a text message.

        `before_data` is called just before the message is handed over; an email gets
        `unsubscribe` as its List-Unsubscribe address.
        """
        if message.channel == Channel.EMAIL:
            email = build_email(message, self.shop, unsubscribe=unsubscribe)
            self.smtp.send(email, before_data=before_data)
            return None
        if message.channel == Channel.SMS:
            return self.sms.send(message.recipient, message.body_text, before_data=before_data)
        raise DeliveryError(
            _("Unknown channel {channel}.").format(channel=repr(message.channel)), permanent=True
        )

    def close(self) -> None:
        """Close the SMTP connection."""
        if self.smtp is not None:
            self.smtp.close()
