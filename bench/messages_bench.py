"""Measure customer messages: rendering, queueing with a move, sending; print JSON lines.

    python bench/messages_bench.py --returns 5000 --send 200

Metrics: render_per_s (desk.messages.templating.render_message, every part, over varied demo
returns and events, details loaded beforehand), enqueue_ms (median extra time
desk.services.move_return(notify=True) takes over a plain desk.workflow.transition, the same kind
of move on similar returns), send_per_s (send_due to a local aiosmtpd server that
requires AUTH, one connection per run). Targets: render >= 2000/s, enqueue < 5 ms.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import socket
import statistics
import sys
import tempfile
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, select  # noqa: E402
from sqlmodel import col  # noqa: E402

from desk.codes import Status  # noqa: E402
from desk.db import Database, open_database  # noqa: E402
from desk.demo.seed import seed_demo  # noqa: E402
from desk.messages.events import event_for  # noqa: E402
from desk.messages.outbox import channel_for  # noqa: E402
from desk.messages.sender import send_due  # noqa: E402
from desk.messages.templating import render_message  # noqa: E402
from desk.models import Customer, OutboxMessage, Return, utcnow  # noqa: E402
from desk.paths import sqlite_url  # noqa: E402
from desk.returns import get_detail  # noqa: E402
from desk.services import move_return  # noqa: E402
from desk.settings import (  # noqa: E402
    SHOP_EMAIL,
    SHOP_NAME,
    SMTP_HOST,
    SMTP_PORT,
    SMTP_SECURITY,
    SMTP_USER,
    set_settings,
)
from desk.workflow import transition  # noqa: E402

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
PASSWORD = "bench-password"


def emit(metric: str, value: float | None, unit: str, **extra: object) -> None:
    """Print one measured figure as a JSON line."""
    print(json.dumps({"metric": metric, "value": value, "unit": unit, **extra}), flush=True)


def bench_render(db: Database, count: int) -> None:
    """Render every part of the message for `count` different returns, each its own event."""
    with db.connect() as conn:
        rows = conn.execute(select(Return.id, Return.status).order_by(Return.id)).all()
    picked = [r for r in random.Random(1).sample(rows, min(len(rows), count * 2))]
    with db.session() as session:
        work = []
        for return_id, status in picked:
            event = event_for(status)
            if event is not None:
                work.append((get_detail(session, return_id=return_id), event))
            if len(work) == count:
                break
        seen = {}
        for detail, event in work:  # compile each event's templates in each language once
            seen.setdefault((event, detail.customer.preferred_language), (detail, event))
        for detail, event in seen.values():
            render_message(session, detail, event, staff="Bench")
        rates = []
        for _ in range(3):
            started = time.perf_counter()
            for detail, event in work:
                render_message(session, detail, event, staff="Bench")
            rates.append(len(work) / (time.perf_counter() - started))
    languages = {d.customer.preferred_language for d, _ in work}
    emit(
        "render_per_s",
        round(statistics.median(rates)),
        "messages/s",
        messages=len(work),
        events=len({e for _, e in work}),
        languages=sorted(languages),
        runs=[round(r) for r in rates],
        note="subject, HTML, text and SMS of each; templates compiled beforehand; "
        "median of 3 passes",
    )


def _received_with_channel(db: Database, limit: int) -> list[tuple[int, int]]:
    with db.session() as session:
        rows = session.exec(
            select(Return, Customer)
            .join(Customer, col(Customer.id) == Return.customer_id)
            .where(Return.status == Status.RECEIVED.value)
            .order_by(Return.id)
        ).all()
    return [(r.id, r.version) for r, c in rows if channel_for(c) is not None][:limit]


def bench_enqueue(db: Database, moves: int) -> None:
    """Alternate plain moves and moves that queue a message, received -> approved."""
    picked = _received_with_channel(db, moves * 2)
    plain, notified = [], []
    for i, (return_id, version) in enumerate(picked):
        started = time.perf_counter()
        if i % 2:
            outcome = move_return(
                db,
                return_id=return_id,
                to=Status.APPROVED,
                expected_version=version,
                staff="Bench",
                notify=True,
            )
            assert outcome.message is not None, outcome.reason_not_sent
        else:
            with db.session() as session:
                transition(
                    session=session,
                    return_id=return_id,
                    to=Status.APPROVED,
                    expected_version=version,
                    staff="Bench",
                )
        (notified if i % 2 else plain).append((time.perf_counter() - started) * 1000)
    extra = statistics.median(notified) - statistics.median(plain)
    emit(
        "enqueue_ms",
        round(extra, 2),
        "ms",
        plain_move_ms=round(statistics.median(plain), 2),
        move_return_ms=round(statistics.median(notified), 2),
        moves=len(notified),
        note="median move_return(notify=True) minus median transition, received -> approved",
    )


def _smtp_server() -> tuple[object, int, list]:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    logging.getLogger("mail.log").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
    received: list = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope)
            return "250 OK"

    def authenticate(server, session, envelope, mechanism, data):
        return AuthResult(success=data.password.decode() == PASSWORD, handled=False)

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    controller = Controller(
        Handler(),
        hostname="127.0.0.1",
        port=port,
        authenticator=authenticate,
        auth_required=True,
        auth_require_tls=False,
    )
    controller.start()
    return controller, port, received


def bench_send(db: Database, count: int) -> None:
    """Queue `count` copies of a rendered message, then send them all in one run."""
    controller, port, received = _smtp_server()
    try:
        with db.session() as session:
            set_settings(
                session,
                {
                    SMTP_HOST: "127.0.0.1",
                    SMTP_PORT: port,
                    SMTP_SECURITY: "none",
                    SMTP_USER: "bench",
                },
            )
            session.commit()
            template = (
                session.exec(select(OutboxMessage).where(OutboxMessage.channel == "email").limit(1))
                .scalars()
                .first()
            )
        if template is None:
            emit("send_per_s", None, "messages/s", error="no queued message to copy")
            return
        row = template.model_dump(exclude={"id", "status_change_id", "message_id"})
        rows = [
            {**row, "recipient": f"c{i}@example.com", "message_id": f"<bench.{i}@example.com>"}
            for i in range(count)
        ]
        with db.engine.begin() as conn:
            conn.execute(OutboxMessage.__table__.delete())
            conn.execute(insert(OutboxMessage), rows)
        started = time.perf_counter()
        report = send_due(db, smtp_password=PASSWORD, limit=count, now=utcnow())
        elapsed = time.perf_counter() - started
    finally:
        controller.stop()
    emit(
        "send_per_s",
        round(report.sent / elapsed, 1),
        "messages/s",
        sent=report.sent,
        failed=report.failed,
        skipped=report.skipped,
        problems=report.problems,
        received=len(received),
        note="send_due to a local aiosmtpd server (AUTH, no TLS), one connection, "
        "claim + send + mark per message, each committed",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--returns", type=int, default=5000)
    parser.add_argument("--renders", type=int, default=1000)
    parser.add_argument("--moves", type=int, default=100)
    parser.add_argument("--send", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="messages-bench-") as folder:
        db = open_database(sqlite_url(Path(folder) / "bench.db"))
        try:
            seed_demo(db, returns=args.returns, seed=1, now=NOW)
            with db.session() as session:
                set_settings(session, {SHOP_NAME: "Loja Ação", SHOP_EMAIL: "loja@example.com"})
                session.commit()
            bench_render(db, args.renders)
            bench_enqueue(db, args.moves)
            bench_send(db, args.send)
        finally:
            db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
