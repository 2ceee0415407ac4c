"""Text messages: segment counting and the Twilio-style provider against a local server."""

from __future__ import annotations

import pytest

from desk.messages.mail import DeliveryError
from desk.messages.sms import SmsInfo, TwilioStyleProvider, sms_segments
from tests.fixtures_servers import SMS_ACCOUNT, SMS_REFUSED_NUMBER, SMS_TOKEN, free_port


def test_pure_gsm_text():
    assert sms_segments("a" * 160) == SmsInfo("GSM-7", 160, 1)
    assert sms_segments("a" * 161) == SmsInfo("GSM-7", 161, 2)
    assert sms_segments("a" * 306) == SmsInfo("GSM-7", 306, 2)
    assert sms_segments("a" * 307) == SmsInfo("GSM-7", 307, 3)
    assert sms_segments("") == SmsInfo("GSM-7", 0, 0)
    assert sms_segments("Hola! Ça va? Ñoño, Müller, 5 €.").encoding == "GSM-7"
    assert sms_segments("Olá").encoding == "UCS-2"  # á is not in GSM-7 (à is)


def test_extension_characters_count_two():
    assert sms_segments("€") == SmsInfo("GSM-7", 2, 1)
    assert sms_segments("a" * 158 + "€") == SmsInfo("GSM-7", 160, 1)
    assert sms_segments("a" * 159 + "€") == SmsInfo("GSM-7", 161, 2)
    assert sms_segments("[]{}~^|\\").characters == 16
    # An escape pair is never split: 152 septets, then € starts the second part.
    assert sms_segments("a" * 152 + "€" + "a" * 152).segments == 3


def test_non_gsm_characters_switch_to_ucs2():
    assert sms_segments("Ç").encoding == "GSM-7"  # 0x09 of the GSM 03.38 table
    assert sms_segments("ç").encoding == "UCS-2"  # the small letter is not in the table
    assert sms_segments("ã") == SmsInfo("UCS-2", 1, 1)
    assert sms_segments("Devolução aprovada") == SmsInfo("UCS-2", 18, 1)
    assert sms_segments("ã" * 70).segments == 1
    assert sms_segments("ã" * 71).segments == 2
    assert sms_segments("ã" * 134).segments == 2
    assert sms_segments("ã" * 135).segments == 3
    assert sms_segments("👍").characters == 2  # outside the BMP: a surrogate pair


def provider(server, token=SMS_TOKEN, **kw) -> TwilioStyleProvider:
    return TwilioStyleProvider(server.url, SMS_ACCOUNT, token, "+15550001", **kw)


def test_provider_posts_form_with_basic_auth(sms_server):
    sid = provider(sms_server).send("+351912345678", "Olá José — 5 €")
    assert sid.startswith("SM")
    assert sms_server.paths == [f"/2010-04-01/Accounts/{SMS_ACCOUNT}/Messages.json"]
    assert sms_server.received == [
        {"To": "+351912345678", "From": "+15550001", "Body": "Olá José — 5 €"}
    ]


def test_provider_errors_in_plain_words(sms_server):
    with pytest.raises(DeliveryError) as caught:
        provider(sms_server, token="wrong").send("+351912345678", "hi")
    assert "authentication failed" in str(caught.value).lower()
    assert caught.value.stop and not caught.value.permanent

    with pytest.raises(DeliveryError) as caught:
        provider(sms_server).send(SMS_REFUSED_NUMBER, "hi")
    assert "Invalid 'To' Phone Number" in str(caught.value)
    assert caught.value.permanent

    closed = TwilioStyleProvider(f"http://127.0.0.1:{free_port()}", SMS_ACCOUNT, "t", "x")
    with pytest.raises(DeliveryError, match="(?i)connection refused"):
        closed.send("+351912345678", "hi")

    unknown = TwilioStyleProvider("http://no-such-host.invalid", SMS_ACCOUNT, "t", "x")
    with pytest.raises(DeliveryError, match="not found"):
        unknown.send("+351912345678", "hi")

    assert SMS_TOKEN not in repr(provider(sms_server))


@pytest.mark.parametrize("to", ["07993 672961", "912", "+44 7993 672961", "447993672961", ""])
def test_a_number_not_in_e164_is_refused_before_anything_is_sent(sms_server, to):
    handed_over = []
    with pytest.raises(DeliveryError) as caught:
        provider(sms_server).send(to, "hi", before_data=lambda: handed_over.append(1))
    message = str(caught.value)
    assert "not a full international number" in message and "profile" in message
    assert not to or to not in message  # the number is personal data: not in the error
    assert caught.value.permanent and not caught.value.stop and not caught.value.unknown
    assert sms_server.received == [] and handed_over == []


def test_a_request_sent_but_never_answered_is_of_unknown_fate(sms_server):
    sms_server.delay = 2.0  # keeps the message, answers after the client gave up
    handed_over = []
    with pytest.raises(DeliveryError) as caught:
        provider(sms_server, timeout=0.5).send(
            "+351912345678", "hi", before_data=lambda: handed_over.append(True)
        )
    assert caught.value.unknown and caught.value.stop and not caught.value.permanent
    assert str(caught.value).startswith("Unknown, check before resending: the SMS provider")
    assert "timed out" in str(caught.value)
    assert handed_over == [True] and len(sms_server.received) == 1


def test_a_provider_that_cannot_be_reached_stops_the_run_but_is_not_unknown():
    closed = TwilioStyleProvider(f"http://127.0.0.1:{free_port()}", SMS_ACCOUNT, "t", "x")
    with pytest.raises(DeliveryError) as caught:
        closed.send("+351912345678", "hi")
    assert caught.value.stop and not caught.value.unknown
