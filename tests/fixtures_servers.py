"""Real servers for messaging tests: SMTP (aiosmtpd) and a local Twilio-style SMS provider.

Loaded as a pytest plugin by tests/conftest.py, so tests/desk and tests/ui share them.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

SMTP_USER = "shop"
SMTP_PASSWORD = "s3cr3t-Päss-7731"
SMS_ACCOUNT = "AC0123456789"
SMS_TOKEN = "tok-9f8e7d6c5b"

logging.getLogger("mail.log").setLevel(logging.ERROR)


def pytest_configure(config):
    config.addinivalue_line(
        "filterwarnings", "ignore:Requiring AUTH while not requiring TLS:UserWarning"
    )


def point_mail_at(db, port: int, **more) -> None:
    """Shop and SMTP settings for the local server on `port` (plus `more` settings), and the
    SMTP password in the test's keyring."""
    from desk.secrets import set_secret
    from desk.settings import SHOP_EMAIL, SMTP_HOST, SMTP_PORT, SMTP_SECURITY, set_settings
    from desk.settings import SMTP_USER as SMTP_USER_SETTING

    values = {
        SHOP_EMAIL: "shop@example.com",
        SMTP_HOST: "127.0.0.1",
        SMTP_PORT: port,
        SMTP_SECURITY: "none",
        SMTP_USER_SETTING: SMTP_USER,
    }
    with db.session() as session:
        set_settings(session, {**values, **more})
        session.commit()
    set_secret("smtp", SMTP_PASSWORD)


def free_port() -> int:
    """A TCP port nobody listens on right now (aiosmtpd cannot take port 0)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Handler:
    def __init__(self, server: SmtpServer):
        self.server = server

    async def handle_DATA(self, server, session, envelope):
        self.server.received.append(envelope)  # stored first: a late answer still delivers
        if self.server.data_delay and len(self.server.received) > self.server.stall_from:
            await asyncio.sleep(self.server.data_delay)
        return "250 Message accepted for delivery"


class SmtpServer:
    """An SMTP server on 127.0.0.1 that requires AUTH and keeps what it receives.

    `data_delay`: seconds it waits after storing a message before it answers 250: a
    slow server, or, longer than the client's timeout, one whose "accepted" never
    arrives although it keeps the message. The first `stall_from` messages are
    answered at once.
    """

    def __init__(
        self,
        user: str = SMTP_USER,
        password: str = SMTP_PASSWORD,
        data_delay: float = 0.0,
        stall_from: int = 0,
    ):
        self.port = free_port()
        self.user, self.password = user, password
        self.data_delay, self.stall_from = data_delay, stall_from
        self.received: list = []
        self.logins: list[str] = []
        self.controller: Controller | None = None

    def _authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login.decode() == self.user
            and auth_data.password.decode() == self.password
        )
        if ok:
            self.logins.append(self.user)
        return AuthResult(success=ok, handled=False)

    def start(self) -> None:
        """Listen (again) on this server's port."""
        self.controller = Controller(
            _Handler(self),
            hostname="127.0.0.1",
            port=self.port,
            authenticator=self._authenticate,
            auth_required=True,
            auth_require_tls=False,
        )
        self.controller.start()

    def stop(self) -> None:
        """Stop listening; connections are then refused."""
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_server():
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


class SilentServer:
    """A TCP server on 127.0.0.1 that accepts connections and never says a word."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.listener.settimeout(0.1)
        self.accepted: list[socket.socket] = []
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                connection, _ = self.listener.accept()
            except TimeoutError:
                continue
            self.accepted.append(connection)

    def stop(self) -> None:
        """Close the listener and every connection it accepted."""
        self._stopping.set()
        self._thread.join(timeout=5)
        self.listener.close()
        for connection in self.accepted:
            connection.close()


@pytest.fixture
def silent_server():
    server = SilentServer()
    yield server
    server.stop()


@dataclass
class SmsServer:
    """A Twilio-style provider on 127.0.0.1: checks Basic auth, records forms, returns a sid.

    `delay`: seconds it waits after recording a message before it answers.
    """

    account: str = SMS_ACCOUNT
    token: str = SMS_TOKEN
    delay: float = 0.0
    received: list[dict[str, str]] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    httpd: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"


SMS_REFUSED_NUMBER = "+12025550123"
"""A well-formed number the fake provider refuses (as a real one refuses a number it
cannot reach)."""


@pytest.fixture
def sms_server():
    state = SmsServer()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _answer(self, code: int, body: dict) -> None:
            data = json.dumps(body).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            raw = self.rfile.read(length).decode()
            expected = base64.b64encode(f"{state.account}:{state.token}".encode()).decode()
            if self.headers.get("Authorization") != f"Basic {expected}":
                self._answer(401, {"code": 20003, "message": "Authenticate", "status": 401})
                return
            if self.path != f"/2010-04-01/Accounts/{state.account}/Messages.json":
                self._answer(404, {"code": 20404, "message": "Not found", "status": 404})
                return
            form = dict(urllib.parse.parse_qsl(raw))
            if not form.get("To", "").startswith("+") or form["To"] == SMS_REFUSED_NUMBER:
                self._answer(400, {"code": 21211, "message": "Invalid 'To' Phone Number"})
                return
            state.received.append(form)
            state.paths.append(self.path)
            time.sleep(state.delay)
            self._answer(201, {"sid": f"SM{len(state.received):032d}", "status": "queued"})

    state.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=state.httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    state.httpd.shutdown()
    state.httpd.server_close()
