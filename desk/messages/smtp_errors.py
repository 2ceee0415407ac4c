"""Why sending an email failed, in plain words, from smtplib's and the socket's exceptions."""

from __future__ import annotations

import smtplib
import socket
import ssl

from desk.i18n.catalog import _


def timed_out(exc: BaseException) -> bool:
    """True for a timeout, also when smtplib reports it as a closed connection."""
    if isinstance(exc, TimeoutError | socket.timeout):
        return True
    return isinstance(exc, smtplib.SMTPServerDisconnected) and (
        isinstance(exc.__context__, TimeoutError | socket.timeout) or "timed out" in str(exc)
    )


def explain(exc: BaseException, where: str, host: str) -> tuple[str, bool, bool]:
    """Return (plain words, permanent, stop) for an exception raised while sending.

    `where` names the server in a sentence ("the mail server smtp.example.com:587"),
    `host` its bare name. `permanent`: the same message will never go (the recipient was
    refused); `stop`: no other message would go either (see DeliveryError).
    """
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return (
            _(
                "Authentication failed: {where} refused the user name or password. "
                "Check them in Settings."
            ).format(where=where),
            False,
            True,
        )
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        refused = ", ".join(exc.recipients) or _("the recipient")
        codes = [code for code, _ in exc.recipients.values()]
        permanent = all(code >= 500 for code in codes) if codes else True
        return (
            _(
                "The mail server refused the recipient address {address}. "
                "Check the customer's email address."
            ).format(address=refused),
            permanent,
            False,
        )
    if isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code == 530:
        answer = exc.smtp_error.decode("utf-8", "replace") if exc.smtp_error else ""
        if "STARTTLS" in answer.upper():
            return (
                _(
                    "Secure connection (TLS) required: {where} asks for STARTTLS first. "
                    "Choose security “starttls” in Settings."
                ).format(where=where),
                False,
                True,
            )
        return (
            _(
                "Authentication required: {where} wants a login. "
                "Enter the user name and password in Settings."
            ).format(where=where),
            False,
            True,
        )
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return (
            _(
                "The mail server refused the sender address {address}. "
                "Check the shop's email address in Settings; it must be one the server allows."
            ).format(address=exc.sender),
            False,
            True,
        )
    if isinstance(exc, smtplib.SMTPNotSupportedError) or (
        isinstance(exc, smtplib.SMTPException) and "STARTTLS" in str(exc)
    ):
        text = str(exc)
        if "AUTH" in text:
            return (
                _(
                    "{where} does not accept a login on this connection. "
                    "Choose security “starttls” or “ssl”, or clear the user name."
                ).format(where=where.capitalize()),
                False,
                True,
            )
        return (
            _(
                "Secure connection (TLS) failed: {where} does not offer STARTTLS. "
                "Choose security “ssl” or “none” in Settings, as your provider says."
            ).format(where=where),
            False,
            True,
        )
    if isinstance(exc, ssl.SSLError):
        reason = getattr(exc, "reason", None) or exc
        return (
            _(
                "Secure connection (TLS) failed with {where}: {reason}. "
                "Check the port and security in Settings (587 starttls, 465 ssl)."
            ).format(where=where, reason=reason),
            False,
            True,
        )
    if isinstance(exc, socket.gaierror):
        return (
            _(
                "Mail server not found: there is no server called “{host}”. "
                "Check the server name in Settings and the internet connection."
            ).format(host=host),
            False,
            True,
        )
    if isinstance(exc, ConnectionRefusedError):
        return (
            _(
                "Connection refused by {where}. The server may be down, or the port is wrong."
            ).format(where=where),
            False,
            True,
        )
    if timed_out(exc):
        return (
            _("Timed out: {where} did not answer in time. Try again later.").format(where=where),
            False,
            True,
        )
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return (
            _("{where} closed the connection unexpectedly. Try again later.").format(
                where=where.capitalize()
            ),
            False,
            True,
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        answer = exc.smtp_error.decode("utf-8", "replace") if exc.smtp_error else ""
        permanent = exc.smtp_code >= 500
        return (
            _("The mail server did not accept the message: {code} {answer}")
            .format(code=exc.smtp_code, answer=answer)
            .strip(),
            permanent,
            False,
        )
    if isinstance(exc, OSError):
        reason = exc.strerror or str(exc) or type(exc).__name__
        return (
            _("Could not reach {where}: {reason}.").format(where=where, reason=reason),
            False,
            True,
        )
    return _("Sending failed: {reason}.").format(reason=exc or type(exc).__name__), False, False
