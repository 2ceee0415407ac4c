"""Text messages: the provider interface, a Twilio-style REST provider, segment counting."""

from __future__ import annotations

import base64
import http.client
import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from sqlmodel import Session

from desk.i18n.catalog import _
from desk.messages.mail import UNKNOWN, DeliveryError
from desk.phones import is_e164
from desk.settings import SMS_ACCOUNT, SMS_SENDER, SMS_URL, get_setting

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
"""The GSM 03.38 default alphabet (3GPP TS 23.038); position 0x09 is capital Ç only."""

GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")
"""Characters sent as an escape plus one more septet, so they count as two."""


class SmsProvider(Protocol):
    """Something that sends a text message and returns the provider's id for it."""

    def send(self, to: str, text: str, *, before_data: Callable[[], None] | None = None) -> str:
        """Send `text` to phone number `to`; return the provider's message id.

        `before_data` is called just before the message is handed over.
        """
        ...


@dataclass(frozen=True)
class SmsInfo:
    """How a text will travel: its encoding, its length as counted, and how many parts."""

    encoding: str  # "GSM-7" or "UCS-2"
    characters: int  # septets for GSM-7 (extension characters count 2), UTF-16 units for UCS-2
    segments: int


def sms_segments(text: str) -> SmsInfo:
    """Count the encoding, length and segments of `text` as phones and providers do.

    GSM-7: 160 septets in one message, 153 per part when split; UCS-2 (any character
    outside GSM-7): 70 in one, 67 per part. A character is never split across parts.
    """
    if all(ch in GSM7_BASIC or ch in GSM7_EXTENSION for ch in text):
        costs = [2 if ch in GSM7_EXTENSION else 1 for ch in text]
        return SmsInfo("GSM-7", sum(costs), _pack(costs, 160, 153))
    costs = [2 if ord(ch) > 0xFFFF else 1 for ch in text]
    return SmsInfo("UCS-2", sum(costs), _pack(costs, 70, 67))


def _pack(costs: list[int], single: int, part: int) -> int:
    total = sum(costs)
    if total == 0:
        return 0
    if total <= single:
        return 1
    segments, used = 1, 0
    for cost in costs:
        if used + cost > part:
            segments, used = segments + 1, 0
        used += cost
    return segments


def check_recipient(to: str) -> None:
    """Refuse, before anything is sent, a recipient that is not a full number in E.164.

    A number without its country code ("07993 672961") would be guessed at by the
    provider, and may reach someone else; the desk stores every phone in E.164, so one
    that is not was kept as typed and needs fixing in the customer's profile. Raises a
    permanent DeliveryError (sending it again will not help).
    """
    if not is_e164(to.strip()):
        raise DeliveryError(
            _(
                "Not sent: the customer's phone number is not a full international number "
                "(a + and its country code), so it could reach the wrong person. Correct it "
                "in the customer's profile, then send the message again."
            ),
            permanent=True,
        )


class TwilioStyleProvider:
    """Sends through a Twilio-compatible REST API (POST .../Accounts/{id}/Messages.json)."""

    def __init__(
        self, base_url: str, account_id: str, token: str, sender: str, timeout: float = 20.0
    ):
        self.base_url = base_url.rstrip("/")
        self.account_id = account_id
        self._token = token
        self.sender = sender
        self.timeout = timeout

    def __repr__(self) -> str:
        return (
            f"TwilioStyleProvider({self.base_url!r}, {self.account_id!r}, sender={self.sender!r})"
        )

    @property
    def endpoint(self) -> str:
        """The URL messages are posted to."""
        account = urllib.parse.quote(self.account_id, safe="")
        return f"{self.base_url}/2010-04-01/Accounts/{account}/Messages.json"

    def send(self, to: str, text: str, *, before_data: Callable[[], None] | None = None) -> str:
        """Send `text` to `to`; return the provider's message id (sid).

        `before_data` is called just before the request goes out. A request that went out
        but got no answer (timeout, connection lost) raises DeliveryError with `unknown`.
        """
        check_recipient(to)
        if not self.base_url or not self.account_id:
            raise DeliveryError(
                _("The SMS provider is not set up. Enter its address and account in Settings."),
                stop=True,
            )
        body = urllib.parse.urlencode({"To": to, "From": self.sender, "Body": text}).encode()
        credentials = base64.b64encode(f"{self.account_id}:{self._token}".encode()).decode()
        request = urllib.request.Request(
            self.endpoint,
            data=body,
            method="POST",
            headers={
                "Authorization": f"Basic {credentials}",
                "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                "Accept": "application/json",
            },
        )
        if before_data is not None:
            before_data()
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                answer = _json(response.read())
        except urllib.error.HTTPError as error:
            raise self._http_error(error) from None
        except urllib.error.URLError as error:  # before the request was sent: not delivered
            raise self._connection_error(error) from None
        except (OSError, http.client.HTTPException) as error:  # sent, but no answer came
            host = urllib.parse.urlsplit(self.base_url).netloc or self.base_url
            if isinstance(error, TimeoutError):
                text = _(
                    "{unknown}: the SMS provider at {host} timed out after the message was "
                    "handed over, so it may have been delivered. Check with the customer, then "
                    "send it again only if it did not arrive."
                )
            else:
                text = _(
                    "{unknown}: the SMS provider at {host} lost the connection after the "
                    "message was handed over, so it may have been delivered. Check with the "
                    "customer, then send it again only if it did not arrive."
                )
            raise DeliveryError(
                text.format(unknown=_(UNKNOWN), host=host),
                stop=True,
                unknown=True,
            ) from None
        sid = answer.get("sid") or answer.get("id")
        if not sid:
            raise DeliveryError(_("The SMS provider answered without a message id; try again."))
        return str(sid)

    def _http_error(self, error: urllib.error.HTTPError) -> DeliveryError:
        detail = _json(error.read()).get("message") or error.reason or ""
        detail = str(detail).replace(self._token, "***") if self._token else str(detail)
        if error.code in (401, 403):
            return DeliveryError(
                _(
                    "Authentication failed: the SMS provider refused the account id or token. "
                    "Check them in Settings."
                ),
                stop=True,
            )
        if error.code == 429 or error.code >= 500:
            return DeliveryError(
                _("The SMS provider is busy or failing ({code}): {detail}").format(
                    code=error.code, detail=detail
                )
            )
        if error.code == 404:
            return DeliveryError(
                _("The SMS provider address or account is wrong (404): {detail}").format(
                    detail=detail
                ),
                stop=True,
            )
        return DeliveryError(
            _("The SMS provider refused the message ({code}): {detail}").format(
                code=error.code, detail=detail
            ),
            permanent=True,
        )

    def _connection_error(self, error: OSError) -> DeliveryError:
        reason = getattr(error, "reason", error)
        host = urllib.parse.urlsplit(self.base_url).netloc or self.base_url
        if isinstance(reason, socket.gaierror):
            return DeliveryError(
                _(
                    "SMS provider not found: there is no server called “{host}”. "
                    "Check the address in Settings and the internet connection."
                ).format(host=host),
                stop=True,
            )
        if isinstance(reason, ConnectionRefusedError):
            return DeliveryError(
                _("Connection refused by the SMS provider at {host}.").format(host=host), stop=True
            )
        if isinstance(reason, TimeoutError | socket.timeout):
            return DeliveryError(
                _("Timed out: the SMS provider at {host} did not answer in time.").format(
                    host=host
                ),
                stop=True,
            )
        return DeliveryError(
            _("Could not reach the SMS provider at {host}: {reason}.").format(
                host=host, reason=reason
            ),
            stop=True,
        )


def _json(data: bytes) -> dict:
    try:
        value = json.loads(data.decode("utf-8", "replace") or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def provider_from_settings(
    session: Session, token: str, *, timeout: float = 20.0
) -> TwilioStyleProvider:
    """Build the provider from the sms.* settings and the token (from the keyring or typed)."""
    return TwilioStyleProvider(
        base_url=get_setting(session, SMS_URL).strip(),
        account_id=get_setting(session, SMS_ACCOUNT).strip(),
        token=token,
        sender=get_setting(session, SMS_SENDER).strip(),
        timeout=timeout,
    )
