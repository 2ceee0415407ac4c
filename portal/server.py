"""Running the customer space with uvicorn.

uvicorn's own access log would write every path, and a personal link's token is in the
path, so it is off; `RequestLog` logs the method, the route's pattern ("/r/{token}") and
the status instead: nothing personal, no token.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time

from starlette.types import ASGIApp, Receive, Scope, Send

from desk.db import Database
from desk.paths import ENV_DB_URL, ENV_PORTAL_PARENT
from portal.app import create_app

log = logging.getLogger("returndesk.portal")


class RequestLog:
    """ASGI middleware: one log line per request, without personal data."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = {"code": 0}

        async def sending(message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        await self.app(scope, receive, sending)
        log.info("%s %s %s", scope["method"], route_of(scope["path"]), status["code"])


TOKEN_PATHS = ("/r/", "/u/")
"""Paths whose second segment is a customer's token: logged as {token}, never in part."""


def route_of(path: str) -> str:
    """The path with any token replaced by its placeholder (/r/{token}/instructions)."""
    for prefix in TOKEN_PATHS:
        if path.startswith(prefix):
            _, _, rest = path[len(prefix) :].partition("/")
            return f"{prefix}{{token}}" + (f"/{rest[:30]}" if rest else "")
    return path[:40]


def app_from_environment() -> ASGIApp:
    """The app over the database RETURNDESK_DATABASE_URL names (each worker opens its own)."""
    from desk.db import open_database
    from desk.paths import database_url

    return RequestLog(create_app(open_database(database_url(), migrate=False)))


WATCH_S = 1.0


def stop_with_parent() -> None:
    """When ENV_PORTAL_PARENT names this process's parent, stop (SIGTERM to itself) once that
    parent is gone, even killed without closing: a crashed desk leaves no site behind to
    hold the port. Where orphans keep their parent's id (Windows), this watches nothing."""
    try:
        parent = int(os.environ.get(ENV_PORTAL_PARENT, ""))
    except ValueError:
        return
    if parent != os.getppid():
        return  # started by hand, or by a process that handed the variable on

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCH_S)
        log.warning("The desk that started the customer space is gone: stopping")
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def serve(db: Database, *, host: str, port: int, workers: int = 1) -> None:
    """Serve the customer space until interrupted (Ctrl+C or SIGTERM).

    uvicorn with its fast parts when installed (httptools, uvloop), its access log off
    (RequestLog instead). With `workers` > 1, that many processes share the port, each with
    its own connections to the database, whose URL they read from the environment.
    """
    import uvicorn

    stop_with_parent()
    options = {
        "host": host,
        "port": port,
        "access_log": False,
        "log_level": "warning",
        "server_header": False,
    }
    if workers <= 1:
        uvicorn.run(RequestLog(create_app(db)), **options)
        return
    os.environ[ENV_DB_URL] = db.engine.url.render_as_string(hide_password=False)
    uvicorn.run("portal.server:app_from_environment", factory=True, workers=workers, **options)
