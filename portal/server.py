"""Running the customer space with uvicorn.

uvicorn's own access log would write every path, and a personal link's token is in the
path, so it is off; `RequestLog` logs the method, the route's pattern ("/r/{token}") and
the status instead: nothing personal, no token.
"""

from __future__ import annotations

import logging

from starlette.types import ASGIApp, Receive, Scope, Send

from desk.db import Database
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


def route_of(path: str) -> str:
    """The path with any token replaced by its placeholder."""
    return "/r/{token}" if path.startswith("/r/") else path[:40]


def serve(db: Database, *, host: str, port: int) -> None:
    """Serve the customer space until interrupted (Ctrl+C)."""
    import uvicorn

    uvicorn.run(
        RequestLog(create_app(db)),
        host=host,
        port=port,
        access_log=False,
        log_level="warning",
        server_header=False,
    )
