"""Email: building a message from an outbox row, sending it over SMTP, errors in plain words."""

from __future__ import annotations

import base64
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from pathlib import Path

from sqlmodel import Session

from desk.codes import Channel
from desk.errors import DeskError
from desk.i18n.catalog import LANGUAGES, N_, _, translation
from desk.messages.smtp_errors import explain, timed_out
from desk.models import OutboxMessage, utcnow
from desk.settings import (
    SHOP_EMAIL,
    SHOP_LOGO,
    SHOP_NAME,
    SHOP_REPLY_TO,
    SMTP_HOST,
    SMTP_PORT,
    SMTP_SECURITY,
    SMTP_TIMEOUT,
    SMTP_USER,
    get_setting,
)

SECURITY_CHOICES = ("starttls", "ssl", "none")

UNKNOWN = N_("Unknown, check before resending")
"""How the error of a message of unknown fate begins: it may have reached the customer.
Stored in the desk's language of the moment: `unknown_prefixes` gives every language's."""


def unknown_prefixes() -> tuple[str, ...]:
    """How a message of unknown fate's error begins, in every language the desk speaks."""
    return tuple(dict.fromkeys(translation(lang).gettext(UNKNOWN) for lang in LANGUAGES))


def is_unknown_fate(error: str | None) -> bool:
    """Whether a failed message's error says it may have been delivered (any language)."""
    return bool(error) and error.startswith(unknown_prefixes())


class DeliveryError(DeskError):
    """A message could not be delivered; the text says why in plain words.

    `permanent`: trying the same message again will not help (the recipient was refused).
    `stop`: the server cannot be reached or the settings or password are wrong, so every
    other message would fail the same way; the sending run stops for this channel.
    `unknown`: the message was handed over (SMTP DATA sent, SMS request posted) but no
    answer came: it may have been delivered, so it must never be sent again automatically.
    """

    def __init__(
        self, text: str, *, permanent: bool = False, stop: bool = False, unknown: bool = False
    ):
        super().__init__(text)
        self.permanent = permanent
        self.stop = stop
        self.unknown = unknown


@dataclass(frozen=True)
class SmtpConfig:
    """Where and how to reach the shop's mail server (the password is kept apart)."""

    host: str
    port: int = 587
    security: str = "starttls"
    user: str = ""
    timeout: float = 20.0

    @classmethod
    def from_settings(cls, session: Session) -> SmtpConfig:
        """Read the smtp.* settings."""
        return cls(
            host=get_setting(session, SMTP_HOST).strip(),
            port=get_setting(session, SMTP_PORT),
            security=get_setting(session, SMTP_SECURITY),
            user=get_setting(session, SMTP_USER).strip(),
            timeout=float(get_setting(session, SMTP_TIMEOUT)),
        )


def shop_from_settings(session: Session) -> dict[str, str]:
    """Return the shop details build_email uses: name, email, reply_to, logo."""
    return {
        key: get_setting(session, spec).strip()
        for key, spec in (
            ("name", SHOP_NAME),
            ("email", SHOP_EMAIL),
            ("reply_to", SHOP_REPLY_TO),
            ("logo", SHOP_LOGO),
        )
    }


def _address(name: str, email: str) -> Address | str:
    """An Address object (non-ASCII names are encoded), or formataddr's text if it won't parse."""
    try:
        username, domain = email.rsplit("@", 1)
        return Address(display_name=name, username=username, domain=domain)
    except (ValueError, IndexError):
        return formataddr((name, email))


def _logo(path: str) -> tuple[bytes, str] | None:
    """Return the bytes and subtype of a readable PNG or JPEG file, else None."""
    if not path:
        return None
    try:
        data = Path(path).expanduser().read_bytes()
    except OSError:
        return None
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return data, "png"
    if data.startswith(b"\xff\xd8\xff"):
        return data, "jpeg"
    return None


def build_email(
    msg: OutboxMessage,
    shop: dict[str, str],
    *,
    date: datetime | None = None,
    unsubscribe: str | None = None,
) -> EmailMessage:
    """Build the email for outbox row `msg`: text and HTML alternatives, as stored.

    `shop` holds name, email, reply_to and logo (see shop_from_settings). The logo is
    embedded as an inline part with Content-ID <logo> when it is a readable PNG or JPEG
    file and the HTML refers to cid:logo. `unsubscribe`, the customer space's one-click
    link, goes into List-Unsubscribe and List-Unsubscribe-Post (RFC 8058).
    """
    email = EmailMessage()
    email["Subject"] = msg.subject
    email["From"] = _address(shop.get("name", ""), shop.get("email", ""))
    email["To"] = msg.recipient
    if shop.get("reply_to"):
        email["Reply-To"] = shop["reply_to"]
    email["Date"] = format_datetime(date or utcnow())
    email["Message-ID"] = msg.message_id
    if unsubscribe:
        email["List-Unsubscribe"] = f"<{unsubscribe}>"
        email["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    email.set_content(msg.body_text, charset="utf-8", cte="quoted-printable")
    if msg.body_html:
        email.add_alternative(
            msg.body_html, subtype="html", charset="utf-8", cte="quoted-printable"
        )
        logo = _logo(shop.get("logo", "")) if "cid:logo" in msg.body_html else None
        if logo is not None:
            html_part = email.get_payload()[1]
            html_part.add_related(
                logo[0], maintype="image", subtype=logo[1], cid="<logo>", disposition="inline"
            )
    return email


class _Phases:
    """Mixin for smtplib.SMTP: knows whether the message body may have reached the server.

    `phase` is "connect" until the session is ready, then "envelope" (MAIL, RCPT), "data"
    once the DATA command is sent, and "body" once the server said 354 (send the body).
    `before_data`, when set, is called just before the DATA command goes out.
    """

    phase = "connect"
    before_data: Callable[[], None] | None = None

    def putcmd(self, cmd: str, args: str = "") -> None:
        if cmd.lower() == "data":
            if self.before_data is not None:
                self.before_data()
            self.phase = "data"
        super().putcmd(cmd, args)

    def getreply(self) -> tuple[int, bytes]:
        reply = super().getreply()
        if self.phase == "data" and reply[0] == 354:
            self.phase = "body"
        return reply


class _SMTP(_Phases, smtplib.SMTP):
    pass


class _SMTP_SSL(_Phases, smtplib.SMTP_SSL):  # noqa: N801  (smtplib's own spelling)
    pass


class SmtpSender:
    """One connection to the mail server, opened on first use and reused for later messages."""

    def __init__(self, config: SmtpConfig, password: str | None):
        self.config = config
        self._password = password
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpSender:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _connect(self) -> smtplib.SMTP:
        config = self.config
        if not config.host:
            raise DeliveryError(
                _("No mail server is set. Enter it in Settings (SMTP server)."), stop=True
            )
        if config.security == "ssl":
            context = ssl.create_default_context()
            smtp = _SMTP_SSL(config.host, config.port, timeout=config.timeout, context=context)
        else:
            smtp = _SMTP(config.host, config.port, timeout=config.timeout)
        try:
            smtp.ehlo()
            if config.security == "starttls":
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if config.user:
                _login(smtp, config.user, self._password or "")
        except BaseException:
            _quietly_close(smtp)
            raise
        return smtp

    def send(self, message: EmailMessage, *, before_data: Callable[[], None] | None = None) -> None:
        """Send `message`; raise DeliveryError with plain words if it cannot be sent.

        `before_data` is called just before the DATA command (from then on the server
        may keep the message even if no answer comes). A failure while connecting, a
        timeout or a lost connection has `stop` set; one after DATA has `unknown` set.
        """
        phase = "connect"
        try:
            if self._smtp is None:
                self._smtp = self._connect()
            smtp = self._smtp
            smtp.phase, smtp.before_data = "envelope", before_data
            try:
                smtp.send_message(message)
            finally:
                phase, smtp.before_data = smtp.phase, None
        except DeliveryError:
            self.close()
            raise
        except (smtplib.SMTPException, OSError, ssl.SSLError) as error:
            self.close()
            raise _delivery_error(error, self.config, self._password, phase) from None
        except BaseException:
            self.close()  # mid-transaction: never reuse this connection
            raise

    def close(self) -> None:
        """Say goodbye to the server, if connected."""
        if self._smtp is not None:
            smtp, self._smtp = self._smtp, None
            _quietly_close(smtp)


def _login(smtp: smtplib.SMTP, user: str, password: str) -> None:
    """Log in; non-ASCII credentials go as UTF-8 AUTH PLAIN (RFC 4616), which smtplib can't."""
    if (user + password).isascii():
        smtp.login(user, password)
        return
    if not smtp.has_extn("auth"):
        raise smtplib.SMTPNotSupportedError("SMTP AUTH extension not supported by server.")
    token = base64.b64encode(b"\0" + user.encode() + b"\0" + password.encode()).decode()
    code, answer = smtp.docmd("AUTH", f"PLAIN {token}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, answer)


def _quietly_close(smtp: smtplib.SMTP) -> None:
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()


def send_email(config: SmtpConfig, password: str | None, message: EmailMessage) -> None:
    """Send one message over its own connection; raise DeliveryError in plain words."""
    with SmtpSender(config, password) as sender:
        sender.send(message)


def send_test_email(
    config: SmtpConfig, password: str | None, to: str, shop: dict[str, str]
) -> None:
    """Send a short test message to `to`; raise DeskError (DeliveryError) saying what failed."""
    name = shop.get("name") or "Return Desk"
    test = OutboxMessage(
        return_id=0,
        event="test",
        channel=Channel.EMAIL,
        language="en",
        recipient=to,
        subject=_("{shop}: test message from Return Desk").format(shop=name),
        body_text=(
            _("This is a test message from Return Desk.")
            + "\n"
            + _("If you can read it, customers will receive your return messages.")
            + "\n"
        ),
        message_id=new_message_id(shop.get("email", "")),
    )
    send_email(config, password, build_email(test, shop))


def new_message_id(shop_email: str) -> str:
    """Return a fresh Message-ID in the domain of the shop's address."""
    from email.utils import make_msgid

    domain = shop_email.rsplit("@", 1)[1] if "@" in shop_email else "returndesk.local"
    return make_msgid(domain=domain)


def _where(config: SmtpConfig | None) -> str:
    if config:
        return _("the mail server {host}:{port}").format(host=config.host, port=config.port)
    return _("the mail server")


def explain_smtp_error(exc: BaseException, *, config: SmtpConfig | None = None) -> str:
    """Say in plain words why sending failed. Never includes the password."""
    return explain(exc, _where(config), config.host if config else _("the mail server"))[0]


def _delivery_error(
    exc: BaseException, config: SmtpConfig | None, password: str | None, phase: str
) -> DeliveryError:
    """The plain-words error for `exc`, raised in `phase` (see _Phases)."""
    host = config.host if config else _("the mail server")
    text, permanent, stop = explain(exc, _where(config), host)
    if phase == "body" and not isinstance(exc, smtplib.SMTPResponseException):
        # the body went out and no verdict came back: the server may have kept it
        if timed_out(exc):
            text = _(
                "{unknown}: {where} timed out after the message was handed over, so it may "
                "have been delivered. Check with the customer, then send it again only if "
                "it did not arrive."
            )
        else:
            text = _(
                "{unknown}: {where} lost the connection after the message was handed over, "
                "so it may have been delivered. Check with the customer, then send it again "
                "only if it did not arrive."
            )
        text = text.format(unknown=_(UNKNOWN), where=_where(config))
        return DeliveryError(text, stop=True, unknown=True)
    if phase == "connect":
        stop = True  # refused, not found, no greeting, TLS, login: all would fail alike
    if password:
        text = text.replace(password, "***")
    return DeliveryError(text, permanent=permanent, stop=stop)
