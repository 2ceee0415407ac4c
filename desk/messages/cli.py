"""The `outbox` commands of `returndesk`: send the due messages, list the recent ones
(added by desk.cli.build_parser)."""

from __future__ import annotations

import argparse
import os
import sys

from desk.codes import OutboxState
from desk.db import Database

SMS_TOKEN_ENV = "RETURNDESK_SMS_TOKEN"
"""The environment variable `outbox send` reads the SMS API token from, if set."""


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add `outbox send` and `outbox list` to the subcommands."""
    outbox = commands.add_parser("outbox", help="send or list customer messages")
    outbox_commands = outbox.add_subparsers(dest="outbox_command", metavar="ACTION", required=True)
    send = outbox_commands.add_parser(
        "send",
        help="send the messages that are due (scheduled)",
        description="Send the queued messages that are due. Without a keyring, give the "
        "secrets on standard input: one line each, the SMTP password first when both "
        "flags are given; the SMS token may also come from the environment variable "
        f"{SMS_TOKEN_ENV}. Prints one line per channel that could not be sent.",
    )
    send.add_argument("--limit", type=int, default=200, metavar="N")
    send.add_argument(
        "--now",
        action="store_true",
        help="also send the messages waiting out a retry delay after a failed try",
    )
    send.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the SMTP password from standard input (machines without a keyring)",
    )
    send.add_argument(
        "--sms-token-stdin",
        action="store_true",
        help="read the SMS API token from standard input (after the SMTP password "
        f"when both are given); or set {SMS_TOKEN_ENV}",
    )
    send.set_defaults(run=cmd_outbox_send)
    listed = outbox_commands.add_parser("list", help="recent messages and their state")
    listed.add_argument("--limit", type=int, default=30, metavar="N")
    listed.set_defaults(run=cmd_outbox_list)


def cmd_outbox_send(db: Database, args: argparse.Namespace) -> int:
    """Send the due messages (for a scheduled task); exit 1 if any failed, waits or is unknown."""
    from desk.messages.mail import UNKNOWN
    from desk.messages.sender import send_due

    password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else None
    token = sys.stdin.readline().rstrip("\r\n") if args.sms_token_stdin else None
    token = token or os.environ.get(SMS_TOKEN_ENV) or None
    report = send_due(
        db, limit=args.limit, smtp_password=password or None, sms_token=token, force=args.now
    )
    print(f"Sent {report.sent}, failed {report.failed}, not tried {report.skipped}.")
    if report.cancelled:
        print(f"{report.cancelled} feedback request(s) no longer wanted, not sent.")
    if report.recovered:
        print(f"{report.recovered} message(s) left unfinished by a stopped run recovered.")
    if report.unknown:
        print(
            f"{report.unknown} message(s) of unknown fate (may have been delivered): check "
            "with the customer before sending again (`returndesk outbox list`)."
        )
    for item in report.messages:
        if item.error:
            words = {OutboxState.QUEUED: "will retry", OutboxState.CANCELLED: "cancelled"}
            then = words.get(item.state, "gave up")
            then = "unknown fate" if item.error.startswith(UNKNOWN) else then
            print(f"  #{item.id} {item.recipient} ({then}): {item.error}")
    for line in report.not_sent_lines():
        print(line, file=sys.stderr)
    return 1 if report.failed or report.skipped or report.unknown else 0


def cmd_outbox_list(db: Database, args: argparse.Namespace) -> int:
    """Print the latest messages with their state."""
    from desk.messages.outbox import recent_messages
    from desk.models import Return

    with db.session() as session:
        messages = recent_messages(session, limit=args.limit)
        numbers = {m.return_id: session.get(Return, m.return_id).number for m in messages}
    if not messages:
        print("The outbox is empty.")
    for m in messages:
        stamp = (m.sent_at or m.created_at).strftime("%Y-%m-%d %H:%M")
        error = f"  {m.last_error}" if m.last_error and m.state != OutboxState.SENT else ""
        print(
            f"#{m.id:<5} {stamp}  {m.state:<7} {m.channel:<5} {numbers[m.return_id]}  "
            f"{m.event:<12} {m.recipient}  tries {m.attempts}{error}"
        )
    return 0
