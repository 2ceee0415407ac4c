"""The message commands of `returndesk` (added by desk.cli.build_parser): `preview` prints
what a move would queue, `outbox send` sends the due messages, `outbox list` lists the
recent ones and `outbox show` prints one as it will leave.

`preview` and `outbox show` print a message in the same form (`message_block`), so the
two can be compared line for line. Neither logs anything about the customer.
"""

from __future__ import annotations

import argparse
import os
import sys

from desk.codes import Channel, Event, OutboxState, Status
from desk.db import Database
from desk.errors import DeskError
from desk.i18n.catalog import _, ngettext, pgettext
from desk.i18n.formats import format_datetime, format_number
from desk.labels import CHANNELS, label

SMS_TOKEN_ENV = "RETURNDESK_SMS_TOKEN"
"""The environment variable `outbox send` reads the SMS API token from, if set."""


STATUS_NAMES = [status.value for status in Status]


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add `preview`, `outbox send`, `outbox list` and `outbox show` to the subcommands."""
    preview = commands.add_parser(
        "preview",
        help=_("print the message a move would queue"),
        description=_(
            "Print the message a move would queue, exactly as `move --notify` with "
            "the same options queues it: `preview R-2026-00042 rejected --note ...`. With "
            "--event instead of a status, any message (feedback, thanks); without --note it "
            "then takes the note of the return's last move to that status."
        ),
    )
    preview.add_argument("target", nargs="?", metavar="NUMBER", help=_("the return"))
    preview.add_argument(
        "status", nargs="?", choices=STATUS_NAMES, metavar="STATUS", help=_("the move's status")
    )
    preview.add_argument("--return", dest="number", metavar="NUMBER", help=_("the return"))
    preview.add_argument("--event", metavar="EVENT", help=_("the message, instead of a status"))
    preview.add_argument("--note", default=None, help=_("the move's note, as `move --note`"))
    preview.add_argument("--staff", default="", help=_("who moves it, as `move --staff`"))
    preview.add_argument(
        "--channel", choices=("email", "sms"), default=None, help=_("default: the customer's")
    )
    preview.add_argument(
        "--language", choices=("en", "pt_BR"), default=None, help=_("default: the customer's")
    )
    preview.set_defaults(run=cmd_preview)
    outbox = commands.add_parser("outbox", help=_("send or list customer messages"))
    outbox_commands = outbox.add_subparsers(dest="outbox_command", metavar="ACTION", required=True)
    send = outbox_commands.add_parser(
        "send",
        help=_("send the messages that are due (scheduled)"),
        description=_(
            "Send the queued messages that are due. Without a keyring, give the "
            "secrets on standard input: one line each, the SMTP password first when both "
            "flags are given; the SMS token may also come from the environment variable "
            "{variable}. Prints one line per channel that could not be sent."
        ).format(variable=SMS_TOKEN_ENV),
    )
    send.add_argument("--limit", type=int, default=200, metavar="N")
    send.add_argument(
        "--now",
        action="store_true",
        help=_("also send the messages waiting out a retry delay after a failed try"),
    )
    send.add_argument(
        "--password-stdin",
        action="store_true",
        help=_("read the SMTP password from standard input (machines without a keyring)"),
    )
    send.add_argument(
        "--sms-token-stdin",
        action="store_true",
        help=_(
            "read the SMS API token from standard input (after the SMTP password "
            "when both are given); or set {variable}"
        ).format(variable=SMS_TOKEN_ENV),
    )
    send.set_defaults(run=cmd_outbox_send)
    listed = outbox_commands.add_parser("list", help=_("recent messages and their state"))
    listed.add_argument("--limit", type=int, default=30, metavar="N")
    listed.set_defaults(run=cmd_outbox_list)
    show = outbox_commands.add_parser(
        "show",
        help=_("print one message exactly as it will leave"),
        description=_(
            "Print a message of the outbox as it will leave: its headers, then the "
            "text and HTML parts of an email, or the text of an SMS."
        ),
    )
    show.add_argument("id", type=int, metavar="ID", help=_("the message number (`outbox list`)"))
    show.set_defaults(run=cmd_outbox_show)


def cmd_outbox_send(db: Database, args: argparse.Namespace) -> int:
    """Send the due messages (for a scheduled task); exit 1 if any failed, waits or is unknown."""
    from desk.messages.mail import is_unknown_fate
    from desk.messages.sender import send_due

    password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else None
    token = sys.stdin.readline().rstrip("\r\n") if args.sms_token_stdin else None
    token = token or os.environ.get(SMS_TOKEN_ENV) or None
    report = send_due(
        db, limit=args.limit, smtp_password=password or None, sms_token=token, force=args.now
    )
    print(
        _("Sent {sent}, failed {failed}, not tried {skipped}.").format(
            sent=format_number(report.sent),
            failed=format_number(report.failed),
            skipped=format_number(report.skipped),
        )
    )
    if report.cancelled:
        print(
            ngettext(
                "{n} feedback request no longer wanted, not sent.",
                "{n} feedback requests no longer wanted, not sent.",
                report.cancelled,
            ).format(n=format_number(report.cancelled))
        )
    if report.recovered:
        print(
            ngettext(
                "{n} message left unfinished by a stopped run recovered.",
                "{n} messages left unfinished by a stopped run recovered.",
                report.recovered,
            ).format(n=format_number(report.recovered))
        )
    if report.unknown:
        print(
            ngettext(
                "{n} message of unknown fate (may have been delivered): check with the "
                "customer before sending again (`returndesk outbox list`).",
                "{n} messages of unknown fate (may have been delivered): check with the "
                "customer before sending again (`returndesk outbox list`).",
                report.unknown,
            ).format(n=format_number(report.unknown))
        )
    for item in report.messages:
        if item.error:
            if is_unknown_fate(item.error):
                then = _("unknown fate")
            elif item.state == OutboxState.QUEUED:
                then = _("will retry")
            elif item.state == OutboxState.CANCELLED:
                then = pgettext("outbox", "cancelled")
            else:
                then = _("gave up")
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
        print(_("The outbox is empty."))
    events = max((len(event_word(m.event)) for m in messages), default=0)
    channels = max((len(label(CHANNELS, m.channel)) for m in messages), default=0)
    for m in messages:
        stamp = format_datetime(m.sent_at or m.created_at)
        error = f"  {m.last_error}" if m.last_error and m.state != OutboxState.SENT else ""
        print(
            f"#{m.id:<5} {stamp}  {state_word(m.state):<7} "
            f"{label(CHANNELS, m.channel):<{channels}}  {numbers[m.return_id]}  "
            f"{event_word(m.event):<{events}}  {m.recipient}  "
            + _("tries {n}").format(n=format_number(m.attempts))
            + error
        )
    return 0


def event_word(event: Event | str) -> str:
    """A message's event as staff read it ("Return approved"; the code when unknown)."""
    try:
        return Event(event).label
    except ValueError:
        return str(event)


def header_word(name: str) -> str:
    """An email header's name as staff read it ("Subject": "Assunto" in Portuguese); the
    technical ones (List-Unsubscribe, which mail programs read) as they are."""
    words = {
        "From": pgettext("email header", "From"),
        "To": pgettext("email header", "To"),
        "Reply-To": pgettext("email header", "Reply-To"),
        "Subject": pgettext("email header", "Subject"),
        "Message-ID": pgettext("email header", "Message-ID"),
    }
    return words.get(name, name)


def state_word(state: OutboxState | str) -> str:
    """A message's state as staff read it, in the desk's language ("queued": "na fila")."""
    words = {
        OutboxState.QUEUED: pgettext("outbox", "queued"),
        OutboxState.SENDING: pgettext("outbox", "sending"),
        OutboxState.SENT: pgettext("outbox", "sent"),
        OutboxState.FAILED: pgettext("outbox", "failed"),
        OutboxState.CANCELLED: pgettext("outbox", "cancelled"),
    }
    return words.get(state, str(state))


def message_block(
    channel: Channel | str, recipient: str, subject: str, body_text: str, body_html: str
) -> str:
    """A message as `preview` and `outbox show` print it: To and Subject, then the text and
    HTML parts of an email, or the text of an SMS; every character as stored."""
    to = f"{header_word('To')}: {recipient}\n"
    if channel == Channel.SMS:
        return f"{to}--- SMS ---\n{_ended(body_text)}"
    text = pgettext("message part", "text")
    return (
        f"{to}{header_word('Subject')}: {subject}\n--- {text} ---\n{_ended(body_text)}"
        f"--- html ---\n{_ended(body_html)}"
    )


def _ended(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


def _preview_target(args: argparse.Namespace) -> tuple[str, object, str | None]:
    """The return number, the event and the note `preview` was asked about."""
    from desk.messages.events import event_for
    from desk.messages.template_store import parse_event
    from desk.workflow import parse_status

    number = args.target or args.number
    if not number:
        raise DeskError(_("Say which return: `returndesk preview R-2026-00042 STATUS`."))
    if args.status and args.event:
        raise DeskError(_("Give a status or --event, not both."))
    if args.status:
        status = parse_status(args.status)
        event = event_for(status)
        if event is None:
            raise DeskError(
                _("A move to {status} sends no message.").format(status=status.label.lower())
            )
        return number, event, args.note or ""  # as `move`, whose note defaults to ""
    if not args.event:
        raise DeskError(_("Say which message: a STATUS after the number, or --event EVENT."))
    return number, parse_event(args.event), args.note


def cmd_preview(db: Database, args: argparse.Namespace) -> int:
    """Print the message a move would queue (desk.services.preview_message), as queued."""
    from desk.services import get_return, preview_message

    number, event, note = _preview_target(args)
    detail = get_return(db, number=number)
    message = preview_message(
        db,
        detail=detail,
        event=event,
        note=note,
        staff=args.staff,
        channel=args.channel,
        language=args.language,
    )
    if message is None:
        from desk.messages.outbox import why_no_channel

        why = why_no_channel(detail.customer)
        print(_("Nothing would be queued: {why}").format(why=why), file=sys.stderr)
        return 1
    _write_message(message)
    return 0


def _write_message(message) -> None:
    """Print `message` (composed, or a stored outbox row: the same fields) as it will leave."""
    parts = (message.subject, message.body_text, message.body_html)
    sys.stdout.write(message_block(message.channel, message.recipient, *parts))


LEFT_TO_SENDING = ("Date", "MIME-Version", "Content-Type", "Content-Transfer-Encoding")
"""Headers `outbox show` leaves out: set by the sending itself, or part of the encoding."""


def cmd_outbox_show(db: Database, args: argparse.Namespace) -> int:
    """Print one outbox message as it will leave: headers, then the parts as stored."""
    from desk.messages.mail import build_email, shop_from_settings
    from desk.models import OutboxMessage, Return
    from desk.portal.links import unsubscribe_url
    from desk.settings import PORTAL_PUBLIC_URL, get_setting

    with db.session() as session:
        message = session.get(OutboxMessage, args.id)
        if message is None:
            raise DeskError(
                _("There is no message {id}; `returndesk outbox list` lists them.").format(
                    id=args.id
                )
            )
        number = session.get(Return, message.return_id).number if message.return_id else ""
        shop = shop_from_settings(session)
        public = get_setting(session, PORTAL_PUBLIC_URL)
    print(
        _("Message #{id} ({channel}) for {number}: {event}; {state} (due {due}, tries {n})").format(
            id=message.id,
            event=event_word(message.event),
            channel=label(CHANNELS, message.channel),
            number=number,
            state=state_word(message.state),
            due=format_datetime(message.next_attempt_at),
            n=format_number(message.attempts),
        )
    )
    if message.channel == Channel.EMAIL:
        link = unsubscribe_url(public, "TOKEN") if public and message.return_id else None
        email = build_email(message, shop, unsubscribe=link)
        for key, value in email.items():
            if key not in LEFT_TO_SENDING and key not in ("To", "Subject"):
                print(f"{header_word(key)}: {value}")
        if link:
            print(_("(TOKEN: the customer's personal link, made when the email is sent)"))
    _write_message(message)
    return 0
