"""The headless commands of `returndesk`: demo, show, move."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from desk.db import Database, open_database
from desk.errors import DeskError
from desk.labels import CONDITIONS, DISPOSITIONS, INTAKES, REASONS, REFUND_METHODS, label
from desk.models import as_utc
from desk.money import format_money
from desk.paths import database_url
from desk.returns import get_detail
from desk.settings import get_setting
from desk.workflow import Status, parse_status, transition

STATUS_NAMES = [s.value for s in Status]


def build_parser() -> argparse.ArgumentParser:
    """Return the parser for every `returndesk` command (no command: start the window)."""
    parser = argparse.ArgumentParser(prog="returndesk", description="Return Desk")
    parser.add_argument("--db", metavar="PATH", help="SQLite database file to use")
    parser.add_argument("--exit-after-paint", action="store_true", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="fill the database with demo returns")
    demo.add_argument("--returns", type=int, default=500, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.set_defaults(run=cmd_demo)

    show = commands.add_parser("show", help="print a return with its lines and timeline")
    show.add_argument("number")
    show.set_defaults(run=cmd_show)

    move = commands.add_parser("move", help="move a return to another status")
    move.add_argument("number")
    move.add_argument("status", choices=STATUS_NAMES, metavar="STATUS", help=" ".join(STATUS_NAMES))
    move.add_argument("--note", default="")
    move.add_argument("--staff", default="")
    move.set_defaults(run=cmd_move)

    preview = commands.add_parser("preview", help="print the message an event would send")
    preview.add_argument("--return", dest="number", required=True, metavar="NUMBER")
    preview.add_argument("--event", required=True, metavar="EVENT")
    preview.add_argument("--channel", choices=("email", "sms"), default=None)
    preview.add_argument("--language", choices=("en", "pt_BR"), default=None)
    preview.add_argument("--staff", default="")
    preview.set_defaults(run=cmd_preview)
    return parser


def run_command(args: argparse.Namespace) -> int:
    """Run a parsed headless command; print a one-line error and return 1 on failure."""
    command: Callable[[Database, argparse.Namespace], int] = args.run
    try:
        db = open_database(database_url(args.db))
        try:
            return command(db, args)
        finally:
            db.close()
    except DeskError as error:
        print(f"returndesk: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def cmd_demo(db: Database, args: argparse.Namespace) -> int:
    """Fill the database with demo data."""
    from desk.demo import seed_demo

    if args.returns < 1:
        raise DeskError("--returns must be at least 1.")
    summary = seed_demo(db, returns=args.returns, seed=args.seed)
    print(f"Added {summary.returns} returns for {summary.customers} customers.")
    return 0


def cmd_show(db: Database, args: argparse.Namespace) -> int:
    """Print one return."""
    with db.session() as session:
        detail = get_detail(session, number=args.number)
        currency = str(get_setting(session, "shop.currency"))
    print("\n".join(describe(detail, currency)))
    return 0


def describe(detail, currency: str) -> list[str]:
    """Return the lines `show` prints for a return detail."""
    ret, customer = detail.ret, detail.customer
    contact = ", ".join(x for x in (customer.email, customer.phone) if x)
    out = [
        f"{ret.number}  {Status(ret.status).label}  (version {ret.version})",
        f"Customer: {customer.name}" + (f" <{contact}>" if contact else ""),
        f"Reason: {label(REASONS, ret.reason)}"
        + (f" - {ret.reason_text}" if ret.reason_text else ""),
        f"Refund: {label(REFUND_METHODS, ret.refund_method)}   "
        f"Intake: {label(INTAKES, ret.intake)}",
        "Lines:",
    ]
    for line in detail.lines:
        amount = format_money(line.quantity * line.unit_price_cents, currency)
        serial = f" [{line.serial}]" if line.serial else ""
        out.append(
            f"  {line.quantity} x {line.sku}{serial} {line.description} "
            f"@ {format_money(line.unit_price_cents, currency)} = {amount} "
            f"({label(CONDITIONS, line.condition)}, {label(DISPOSITIONS, line.disposition)})"
        )
    out.append(f"Total: {format_money(detail.total_cents, currency)}")
    out.append("Timeline:")
    for change in detail.timeline:
        source = Status(change.from_status).label if change.from_status else "new"
        who = f" by {change.staff}" if change.staff else ""
        note = f": {change.note}" if change.note else ""
        stamp = as_utc(change.at).strftime("%Y-%m-%d %H:%M")
        out.append(f"  {stamp}  {source} -> {Status(change.to_status).label}{who}{note}")
    return out


def cmd_move(db: Database, args: argparse.Namespace) -> int:
    """Apply one transition, as the window does."""
    with db.session() as session:
        detail = get_detail(session, number=args.number)
        result = transition(
            session=session,
            return_id=detail.ret.id,
            to=parse_status(args.status),
            expected_version=detail.ret.version,
            staff=args.staff,
            note=args.note,
        )
    print(f"{result.ret.number} is now {Status(result.ret.status).label.lower()}.")
    return 0


def cmd_preview(db: Database, args: argparse.Namespace) -> int:
    """Print the message an event would send about a return, exactly as it would be sent."""
    from desk.templating import parse_event, render_message

    event = parse_event(args.event)
    with db.session() as session:
        detail = get_detail(session, number=args.number)
        message = render_message(session, detail, event, language=args.language, staff=args.staff)
    channel = args.channel or ("sms" if detail.customer.preferred_channel == "sms" else "email")
    if channel == "sms":
        print(message.sms)
    else:
        print(f"Subject: {message.subject}\n\n{message.text.rstrip()}\n--- HTML ---")
        print(message.html.rstrip())
    return 0
