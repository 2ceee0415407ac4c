"""Building emails, sending them to a real SMTP server, and saying what went wrong."""

from __future__ import annotations

import email
import email.policy
import smtplib
import socket
import ssl

import pytest

from desk.errors import DeskError
from desk.messages.mail import (
    SmtpConfig,
    build_email,
    explain_smtp_error,
    send_test_email,
    shop_from_settings,
)
from desk.models import OutboxMessage
from desk.settings import (
    SHOP_EMAIL,
    SHOP_NAME,
    SMTP_HOST,
    SMTP_PORT,
    SMTP_SECURITY,
    set_settings,
)
from desk.settings import SMTP_USER as SMTP_USER_SETTING
from tests.fixtures_servers import SMTP_PASSWORD, SMTP_USER, free_port

SHOP = {"name": "Loja Ação", "email": "loja@example.com", "reply_to": "", "logo": ""}


def outbox_row(**overrides) -> OutboxMessage:
    values = dict(
        return_id=1,
        event="approved",
        channel="email",
        language="pt_BR",
        recipient="ana@example.com",
        subject="Sua devolução foi aprovada — obrigado, Ñandú",
        body_text="Olá Ana,\nTudo certo.\n",
        body_html="<p>Olá <b>Ana</b></p>\n",
        message_id="<abc.123@example.com>",
    )
    values.update(overrides)
    return OutboxMessage(**values)


def test_build_email_structure_and_headers():
    message = build_email(outbox_row(), SHOP)
    raw = message.as_bytes(policy=email.policy.SMTP)
    assert raw.isascii()
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in parsed.iter_parts()] == ["text/plain", "text/html"]
    assert parsed["Subject"] == "Sua devolução foi aprovada — obrigado, Ñandú"
    assert str(parsed["From"]) == "Loja Ação <loja@example.com>"
    assert "Reply-To" not in parsed
    assert parsed["Message-ID"] == "<abc.123@example.com>"
    assert parsed["Date"].datetime.tzinfo is not None


def test_logo_is_embedded_only_when_readable_and_referenced(tmp_path):
    from tests.desk.messages.test_outbox import PNG

    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG)
    shop = {**SHOP, "logo": str(logo)}
    referenced = outbox_row(body_html='<img src="cid:logo"><p>Olá</p>\n')
    parsed = build_email(referenced, shop)
    html_part = list(parsed.iter_parts())[1]
    assert html_part.get_content_type() == "multipart/related"
    image = list(html_part.iter_parts())[1]
    assert image["Content-ID"] == "<logo>" and image.get_content_type() == "image/png"

    assert list(build_email(outbox_row(), shop).iter_parts())[1].get_content_type() == "text/html"
    (tmp_path / "not-an-image.png").write_text("hello")
    broken = {**SHOP, "logo": str(tmp_path / "not-an-image.png")}
    assert list(build_email(referenced, broken).iter_parts())[1].get_content_type() == "text/html"
    missing = {**SHOP, "logo": str(tmp_path / "nope.png")}
    assert list(build_email(referenced, missing).iter_parts())[1].get_content_type() == "text/html"


def test_text_only_message_is_plain():
    message = build_email(outbox_row(body_html=""), SHOP)
    assert message.get_content_type() == "text/plain"


CONFIG = SmtpConfig(host="mail.example.com", port=587)


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (socket.gaierror(-2, "Name or service not known"), "not found"),
        (ConnectionRefusedError(111, "Connection refused"), "connection refused"),
        (smtplib.SMTPAuthenticationError(535, b"5.7.8 bad credentials"), "authentication failed"),
        (ssl.SSLError(1, "[SSL: WRONG_VERSION_NUMBER] wrong version number"), "tls"),
        (smtplib.SMTPNotSupportedError("STARTTLS extension not supported by server."), "tls"),
        (TimeoutError("timed out"), "timed out"),
        (
            smtplib.SMTPRecipientsRefused({"x@example.com": (550, b"no such user")}),
            "refused the recipient",
        ),
        (smtplib.SMTPServerDisconnected("Connection unexpectedly closed"), "closed the connection"),
        (smtplib.SMTPServerDisconnected("Connection unexpectedly closed: timed out"), "timed out"),
        (smtplib.SMTPDataError(554, b"spam"), "did not accept"),
        (smtplib.SMTPSenderRefused(530, b"5.7.0 Authentication required", "a@b.co"), "login"),
        (RuntimeError("boom"), "sending failed"),
    ],
)
def test_explain_smtp_error_in_plain_words(error, words):
    text = explain_smtp_error(error, config=CONFIG)
    assert words in text.lower()
    assert "Traceback" not in text


def test_send_test_email_through_a_real_server(smtp_server):
    config = SmtpConfig(host="127.0.0.1", port=smtp_server.port, security="none", user=SMTP_USER)
    send_test_email(config, SMTP_PASSWORD, "owner@example.com", SHOP)
    assert len(smtp_server.received) == 1
    parsed = email.message_from_bytes(smtp_server.received[0].content, policy=email.policy.default)
    assert parsed["To"] == "owner@example.com"
    assert "test" in parsed["Subject"].lower()


def test_send_test_email_errors_never_show_the_password(smtp_server):
    config = SmtpConfig(host="127.0.0.1", port=smtp_server.port, security="none", user=SMTP_USER)
    with pytest.raises(DeskError) as caught:
        send_test_email(config, "wrong-password-123", "owner@example.com", SHOP)
    assert "authentication failed" in str(caught.value).lower()
    assert "wrong-password-123" not in str(caught.value)

    closed = SmtpConfig(host="127.0.0.1", port=free_port(), security="none", user=SMTP_USER)
    with pytest.raises(DeskError, match="(?i)connection refused"):
        send_test_email(closed, SMTP_PASSWORD, "owner@example.com", SHOP)

    starttls = SmtpConfig(host="127.0.0.1", port=smtp_server.port, security="starttls")
    with pytest.raises(DeskError, match="TLS"):
        send_test_email(starttls, SMTP_PASSWORD, "owner@example.com", SHOP)

    unknown = SmtpConfig(host="no-such-host.invalid", port=25, security="none", timeout=5)
    with pytest.raises(DeskError, match="not found"):
        send_test_email(unknown, SMTP_PASSWORD, "owner@example.com", SHOP)


def test_config_and_shop_from_settings(db):
    with db.session() as session:
        set_settings(
            session,
            {
                SMTP_HOST: " smtp.example.com ",
                SMTP_PORT: 465,
                SMTP_SECURITY: "ssl",
                SMTP_USER_SETTING: "me",
                SHOP_NAME: "Loja",
                SHOP_EMAIL: "loja@example.com",
            },
        )
        session.commit()
        config = SmtpConfig.from_settings(session)
        shop = shop_from_settings(session)
    assert config == SmtpConfig("smtp.example.com", 465, "ssl", "me", 20.0)
    assert shop == {"name": "Loja", "email": "loja@example.com", "reply_to": "", "logo": ""}


@pytest.fixture
def starttls_server(tmp_path):
    """An SMTP server that requires STARTTLS, with a self-signed certificate."""
    import subprocess

    from aiosmtpd.controller import Controller

    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            return "250 OK"

    port = free_port()
    controller = Controller(
        Handler(), hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True
    )
    controller.start()
    yield port
    controller.stop()


def test_tls_failures_in_plain_words(starttls_server, smtp_server):
    untrusted = SmtpConfig(host="127.0.0.1", port=starttls_server, security="starttls", timeout=5)
    with pytest.raises(DeskError) as caught:
        send_test_email(untrusted, None, "owner@example.com", SHOP)
    assert "Secure connection (TLS) failed" in str(caught.value)
    assert "CERTIFICATE_VERIFY_FAILED" in str(caught.value)

    plain = SmtpConfig(host="127.0.0.1", port=starttls_server, security="none", timeout=5)
    with pytest.raises(DeskError, match="TLS.* required"):  # 530 Must issue STARTTLS first
        send_test_email(plain, None, "owner@example.com", SHOP)

    ssl_to_plain = SmtpConfig(host="127.0.0.1", port=smtp_server.port, security="ssl", timeout=5)
    with pytest.raises(DeskError) as caught:
        send_test_email(ssl_to_plain, SMTP_PASSWORD, "owner@example.com", SHOP)
    assert "Secure connection (TLS) failed" in str(caught.value)  # it answered in plain text
    assert "Check the port and security" in str(caught.value)


def test_a_mail_server_problem_reads_in_portuguese():
    import smtplib

    from desk.i18n.catalog import set_language
    from desk.messages.mail import UNKNOWN, is_unknown_fate

    set_language("pt_BR")
    text = explain_smtp_error(ConnectionRefusedError(), config=CONFIG)
    assert text == (
        "Conexão recusada: o servidor de e-mail mail.example.com:587 não aceitou a conexão. "
        "O servidor pode estar fora do ar, ou a porta está errada."
    )
    auth = explain_smtp_error(smtplib.SMTPAuthenticationError(535, b"no"), config=CONFIG)
    assert auth.startswith("Falha na autenticação: o servidor de e-mail mail.example.com:587")
    assert is_unknown_fate("Destino incerto, confira antes de reenviar: ...")
    assert is_unknown_fate(f"{UNKNOWN}: ...")  # written while the desk spoke English
    assert not is_unknown_fate("Falha no envio: x.")
