"""Why sending an email failed, in plain words, from smtplib's and the socket's exceptions."""

from __future__ import annotations

import smtplib
import socket
import ssl


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
            True,
        )
    if timed_out(exc):
        return (
            f"Timed out: {where} did not answer in time. Try again later.",
            False,
            True,
        )
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return (
            f"{where.capitalize()} closed the connection unexpectedly. Try again later.",
            False,
            True,
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
        return f"Could not reach {where}: {reason}.", False, True
    return f"Sending failed: {exc or type(exc).__name__}.", False, False
