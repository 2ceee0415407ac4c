"""Email: building a message from an outbox row, sending it over SMTP, errors in plain words."""

from __future__ import annotations

import base64
import smtplib
import socket
import ssl
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from pathlib import Path

from sqlmodel import Session

from desk.codes import Channel
from desk.errors import DeskError
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


class DeliveryError(DeskError):
    """A message could not be delivered; the text says why in plain words.

    `permanent`: trying the same message again will not help (the recipient was refused).
    `stop`: the settings or password are wrong, so every other message would fail the
    same way; the sending run stops for this channel.
    """

    def __init__(self, text: str, *, permanent: bool = False, stop: bool = False):
        super().__init__(text)
        self.permanent = permanent
        self.stop = stop


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
    msg: OutboxMessage, shop: dict[str, str], *, date: datetime | None = None
) -> EmailMessage:
    """Build the email for outbox row `msg`: text and HTML alternatives, as stored.

    `shop` holds name, email, reply_to and logo (see shop_from_settings). The logo is
    embedded as an inline part with Content-ID <logo> when it is a readable PNG or JPEG
    file and the HTML refers to cid:logo.
    """
    email = EmailMessage()
    email["Subject"] = msg.subject
    email["From"] = _address(shop.get("name", ""), shop.get("email", ""))
    email["To"] = msg.recipient
    if shop.get("reply_to"):
        email["Reply-To"] = shop["reply_to"]
    email["Date"] = format_datetime(date or utcnow())
    email["Message-ID"] = msg.message_id
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
                "No mail server is set. Enter it in Settings (SMTP server).", stop=True
            )
        if config.security == "ssl":
            context = ssl.create_default_context()
            smtp = smtplib.SMTP_SSL(
                config.host, config.port, timeout=config.timeout, context=context
            )
        else:
            smtp = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
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

    def send(self, message: EmailMessage) -> None:
        """Send `message`; raise DeliveryError with plain words if it cannot be sent."""
        try:
            if self._smtp is None:
                self._smtp = self._connect()
            self._smtp.send_message(message)
        except DeliveryError:
            raise
        except (smtplib.SMTPException, OSError, ssl.SSLError) as error:
            self.close()
            raise _delivery_error(error, self.config, self._password) from None

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
        subject=f"{name}: test message from Return Desk",
        body_text=(
            "This is a test message from Return Desk.\n"
            "If you can read it, customers will receive your return messages.\n"
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
    return f"the mail server {config.host}:{config.port}" if config else "the mail server"


def explain_smtp_error(exc: BaseException, *, config: SmtpConfig | None = None) -> str:
    """Say in plain words why sending failed. Never includes the password."""
    return _explain(exc, config)[0]


def _explain(exc: BaseException, config: SmtpConfig | None) -> tuple[str, bool, bool]:
    """Return (plain words, permanent, stop) for an exception raised while sending."""
    where = _where(config)
    host = config.host if config else "the mail server"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return (
            f"Authentication failed: {where} refused the user name or password. "
            "Check them in Settings.",
            False,
            True,
        )
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        refused = ", ".join(exc.recipients) or "the recipient"
        codes = [code for code, _ in exc.recipients.values()]
        permanent = all(code >= 500 for code in codes) if codes else True
        return (
            f"The mail server refused the recipient address {refused}. "
            "Check the customer's email address.",
            permanent,
            False,
        )
    if isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code == 530:
        answer = exc.smtp_error.decode("utf-8", "replace") if exc.smtp_error else ""
        if "STARTTLS" in answer.upper():
            return (
                f"Secure connection (TLS) required: {where} asks for STARTTLS first. "
                "Choose security “starttls” in Settings.",
                False,
                True,
            )
        return (
            f"Authentication required: {where} wants a login. "
            "Enter the user name and password in Settings.",
            False,
            True,
        )
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return (
            f"The mail server refused the sender address {exc.sender}. "
            "Check the shop's email address in Settings; it must be one the server allows.",
            False,
            True,
        )
    if isinstance(exc, smtplib.SMTPNotSupportedError) or (
        isinstance(exc, smtplib.SMTPException) and "STARTTLS" in str(exc)
    ):
        text = str(exc)
        if "AUTH" in text:
            return (
                f"{where.capitalize()} does not accept a login on this connection. "
                "Choose security “starttls” or “ssl”, or clear the user name.",
                False,
                True,
            )
        return (
            f"Secure connection (TLS) failed: {where} does not offer STARTTLS. "
            "Choose security “ssl” or “none” in Settings, as your provider says.",
            False,
            True,
        )
    if isinstance(exc, ssl.SSLError):
        reason = getattr(exc, "reason", None) or exc
        return (
            f"Secure connection (TLS) failed with {where}: {reason}. "
            "Check the port and security in Settings (587 starttls, 465 ssl).",
            False,
            True,
        )
    if isinstance(exc, socket.gaierror):
        return (
            f"Mail server not found: there is no server called “{host}”. "
            "Check the server name in Settings and the internet connection.",
            False,
            True,
        )
    if isinstance(exc, ConnectionRefusedError):
        return (
            f"Connection refused by {where}. The server may be down, or the port is wrong.",
            False,
            False,
        )
    if isinstance(exc, TimeoutError | socket.timeout):
        return (
            f"Timed out: {where} did not answer in time. Try again later.",
            False,
            False,
        )
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return (
            f"{where.capitalize()} closed the connection unexpectedly. Try again later.",
            False,
            False,
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        answer = exc.smtp_error.decode("utf-8", "replace") if exc.smtp_error else ""
        permanent = exc.smtp_code >= 500
        return (
            f"The mail server did not accept the message: {exc.smtp_code} {answer}".strip(),
            permanent,
            False,
        )
    if isinstance(exc, OSError):
        reason = exc.strerror or str(exc) or type(exc).__name__
        return f"Could not reach {where}: {reason}.", False, False
    return f"Sending failed: {exc or type(exc).__name__}.", False, False


def _delivery_error(
    exc: BaseException, config: SmtpConfig | None, password: str | None
) -> DeliveryError:
    text, permanent, stop = _explain(exc, config)
    if password:
        text = text.replace(password, "***")
    return DeliveryError(text, permanent=permanent, stop=stop)
