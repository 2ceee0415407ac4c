"""The headless commands of `returndesk`: show, move, config, import-customers (the other
packages add theirs: demo, reports, backups, catalog, messages, feedback, portal, staff).

They speak the desk's language (main.py sets it before building the parser): every help
text, output line and error, and argparse's own words ("usage:", "options", "the following
arguments are required"), which argparse looks up through its module-level `_` and
`ngettext`: build_parser points those at our catalogs (desk.cli_words.speak_argparse).
Command and option names, status codes and setting keys stay as they are.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from desk.about import app_version
from desk.backup import cli as backup_cli
from desk.catalog import cli as catalog_cli
from desk.cli_words import speak_argparse
from desk.codes import Channel, Status
from desk.db import Database, describe_database_error, open_database
from desk.demo import cli as demo_cli
from desk.errors import DeskError
from desk.feedback.cli import add_commands as feedback_commands
from desk.i18n.catalog import _, pgettext
from desk.i18n.formats import format_datetime, format_number
from desk.labels import CONDITIONS, DISPOSITIONS, INTAKES, REASONS, REFUND_METHODS, label
from desk.messages.cli import add_commands as outbox_commands
from desk.money import format_money
from desk.paths import database_url
from desk.portal.cli import add_commands as portal_commands
from desk.reports import cli as reports_cli
from desk.returns import get_detail
from desk.settings import get_setting, setting
from desk.staff import cli as staff_cli
from desk.workflow import parse_status

if TYPE_CHECKING:
    from desk.migrations.runner import UpgradeStep  # alembic: loaded only for an upgrade

STATUS_NAMES = [s.value for s in Status]


def build_parser() -> argparse.ArgumentParser:
    """Return the parser for every `returndesk` command (no command: start the window),
    speaking the desk's language, argparse's own words included (desk.cli_words)."""
    speak_argparse()
    parser = argparse.ArgumentParser(prog="returndesk", description="Return Desk")
    parser.add_argument(
        "--version",
        action="version",
        version=f"returndesk {app_version()}",
        help=_("show the version number and exit"),
    )
    parser.add_argument("--db", metavar="PATH", help=_("SQLite database file to use"))
    parser.add_argument("--exit-after-paint", action="store_true", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo_cli.add_commands(commands)

    show = commands.add_parser("show", help=_("print a return with its lines and timeline"))
    show.add_argument("number", metavar="NUMBER", help=_("the return's number, e.g. R-2026-00042"))
    show.set_defaults(run=cmd_show)

    outbox_commands(commands)

    config = commands.add_parser("config", help=_("read or change shop settings"))
    config_commands = config.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    config_commands.add_parser("list", help=_("every setting")).set_defaults(run=cmd_config_list)
    get = config_commands.add_parser("get", help=_("one setting"))
    get.add_argument("key", metavar="KEY", help=_("the setting's key, e.g. shop.name"))
    get.set_defaults(run=cmd_config_get)
    put = config_commands.add_parser("set", help=_("change one setting"))
    put.add_argument("key", metavar="KEY", help=_("the setting's key, e.g. shop.name"))
    put.add_argument("value", metavar="VALUE", help=_("its new value"))
    put.set_defaults(run=cmd_config_set)
    secret = config_commands.add_parser(
        "set-password", help=_("save a password in the keyring, read from standard input")
    )
    secret.add_argument(
        "name", choices=("smtp", "sms"), help=_("smtp: the mail server's; sms: the SMS token")
    )
    secret.set_defaults(run=cmd_config_set_password)

    move = commands.add_parser("move", help=_("move a return to another status"))
    move.add_argument("number", metavar="NUMBER", help=_("the return's number, e.g. R-2026-00042"))
    move.add_argument("status", choices=STATUS_NAMES, metavar="STATUS", help=" ".join(STATUS_NAMES))
    move.add_argument("--note", default="", help=_("a note for the timeline"))
    move.add_argument("--staff", default="", help=_("who makes the move"))
    move.add_argument(
        "--channel",
        choices=("email", "sms"),
        default=None,
        help=_("how to send the message (default: the customer's choice)"),
    )
    move.add_argument(
        "--language",
        choices=("en", "pt_BR"),
        default=None,
        help=_("the message's language (default: the customer's)"),
    )
    move.add_argument(
        "--notify",
        action="store_true",
        help=_("queue the customer's message (events set to auto always queue it)"),
    )
    move.set_defaults(run=cmd_move)

    sheet = commands.add_parser(
        "instructions", help=_("write the printable return instructions as a PDF")
    )
    sheet.add_argument(
        "--return",
        dest="number",
        metavar="NUMBER",
        help=_("the return (default: a generic sheet)"),
    )
    sheet.add_argument(
        "--format", choices=("a4", "letter", "receipt"), default="a4", help=_("the paper")
    )
    sheet.add_argument("--pdf", required=True, metavar="OUT.pdf", help=_("the PDF file to write"))
    sheet.add_argument(
        "--language",
        choices=("en", "pt_BR"),
        default=None,
        help=_("the sheet's language (default: the customer's)"),
    )
    sheet.set_defaults(run=None)  # drawn with Qt: main.py hands it to ui.instructions.printing

    imports = commands.add_parser(
        "import-customers", help=_("add or update customers from the till's CSV export")
    )
    imports.add_argument("file", metavar="FILE.csv", help=_("the CSV file to read"))
    imports.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help=_(
            "which column fills a field (header name or 1-based number); "
            "the others are matched by header name"
        ),
    )
    imports.add_argument("--dry-run", action="store_true", help=_("check only, save nothing"))
    imports.set_defaults(run=cmd_import_customers)
    feedback_commands(commands)
    portal_commands(commands)
    reports_cli.add_commands(commands)
    backup_cli.add_commands(commands)
    catalog_cli.add_commands(commands)
    staff_cli.add_commands(commands)
    return parser


def say_step(step: UpgradeStep) -> None:
    """Print a step of a schema upgrade on stderr (stdout stays the command's output)."""
    print(f"returndesk: {step.text}", file=sys.stderr, flush=True)


def run_command(args: argparse.Namespace) -> int:
    """Run a parsed headless command; print a one-line error and return 1 on failure.

    Never a traceback: a database failure is said in words, and anything unexpected in a
    short line naming the log file that holds the details.
    """
    command: Callable[[Database, argparse.Namespace], int] = args.run
    url = database_url(args.db)
    try:
        if unopened := getattr(args, "run_unopened", None):  # restore: works on a damaged file
            return unopened(url, args)
        db = open_database(url, on_step=say_step)
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
    except SQLAlchemyError as error:
        print(
            f"returndesk: {describe_database_error(error, make_url(url), action='use')}",
            file=sys.stderr,
        )
        return 1
    except Exception as error:  # a bug: the details go to the log, not on screen
        print(f"returndesk: {unexpected_error(error)}", file=sys.stderr)
        return 1


def unexpected_error(error: BaseException) -> str:
    """Log `error` with its traceback; return the short sentence to show instead."""
    import logging

    from desk.logs import log_file, setup_logging

    try:
        setup_logging()
        logging.getLogger("returndesk").error("Unexpected error", exc_info=error)
        where = _("The details are in {file}.").format(file=log_file())
    except OSError:
        where = _("The log file could not be written either.")
    return _("Something went wrong ({error}); nothing was lost. {where}").format(
        error=type(error).__name__, where=where
    )


def cmd_show(db: Database, args: argparse.Namespace) -> int:
    """Print one return."""
    with db.session() as session:
        detail = get_detail(session, number=args.number)
    print("\n".join(describe(detail, detail.currency)))  # in the return's own currency
    return 0


def describe(detail, currency: str) -> list[str]:
    """Return the lines `show` prints for a return detail, in the desk's language."""
    ret, customer = detail.ret, detail.customer
    contact = ", ".join(x for x in (customer.email, detail.customer_phone) if x)
    reason = label(REASONS, ret.reason) + (f" - {ret.reason_text}" if ret.reason_text else "")
    out = [
        _("{number}  {status}  (version {version})").format(
            number=ret.number, status=ret.status.label, version=ret.version
        ),
        _("Customer: {name}").format(name=customer.name) + (f" <{contact}>" if contact else ""),
        _("Reason: {reason}").format(reason=reason),
        _("Refund: {method}   Intake: {intake}").format(
            method=label(REFUND_METHODS, ret.refund_method), intake=label(INTAKES, ret.intake)
        ),
        _("Lines:"),
    ]
    for line in detail.lines:
        amount = format_money(line.quantity * line.unit_price_cents, currency)
        serial = f" [{line.serial}]" if line.serial else ""
        out.append(
            f"  {format_number(line.quantity)} x {line.sku}{serial} {line.description} "
            f"@ {format_money(line.unit_price_cents, currency)} = {amount} "
            f"({label(CONDITIONS, line.condition)}, {label(DISPOSITIONS, line.disposition)})"
        )
    out.append(_("Total: {amount}").format(amount=format_money(detail.total_cents, currency)))
    out.append(_("Timeline:"))
    for change in detail.timeline:
        # TRANSLATORS: where a return's timeline starts (before its first status)
        source = change.from_status.label if change.from_status else pgettext("timeline", "new")
        entry = f"  {format_datetime(change.at)}  {source} -> {change.to_status.label}"
        if change.staff:
            entry += " " + _("by {staff}").format(staff=change.staff)
        out.append(entry + (f": {change.note}" if change.note else ""))
    if detail.erasure_note:
        out.append(f"  {format_datetime(detail.customer.erased_at)}  {detail.erasure_note}")
    return out


def cmd_move(db: Database, args: argparse.Namespace) -> int:
    """Apply one transition, as the window does; with --notify, queue the customer's message."""
    from desk.services import get_return, move_return

    target = parse_status(args.status)
    detail = get_return(db, number=args.number)
    outcome = move_return(
        db,
        return_id=detail.ret.id,
        to=target,
        expected_version=detail.ret.version,
        staff=args.staff,
        note=args.note,
        notify=args.notify,
        channel=args.channel,
        language=args.language,
    )
    result = outcome.result
    print(
        _("{number} is now {status}.").format(
            number=result.ret.number, status=result.ret.status.label.lower()
        )
    )
    if outcome.message is not None:
        if outcome.message.channel == Channel.EMAIL:
            said = _("Email to {recipient} queued; `returndesk outbox send` sends it.")
        else:
            said = _("Text message to {recipient} queued; `returndesk outbox send` sends it.")
        print(said.format(recipient=outcome.message.recipient))
    elif outcome.notify:
        print(_("No message queued: {reason}").format(reason=outcome.reason_not_sent))
    if outcome.feedback is not None:
        print(
            _("Feedback request to {recipient} queued for {due}.").format(
                recipient=outcome.feedback.recipient,
                due=format_datetime(outcome.feedback.next_attempt_at),
            )
        )
    elif outcome.feedback_reason:
        print(_("No feedback request: {reason}").format(reason=outcome.feedback_reason))
    return 0


def cmd_import_customers(db: Database, args: argparse.Namespace) -> int:
    """Import customers from a CSV file; print the counts and every rejected row."""
    from desk.backup.folder import BackupKind
    from desk.backup.store import backup_before
    from desk.customers.csv_table import read_csv
    from desk.customers.imports import import_customers
    from desk.customers.mapping import describe_mapping, mapping_from_options, till_format

    table = read_csv(args.file)
    mapping = mapping_from_options(table.header, args.map)
    till = till_format(table.header)
    if till:
        print(_("Format: {name}").format(name=_(till.label)))
    else:
        print(_("Format: not a known till export; columns matched by name"))
    columns = describe_mapping(table.header, mapping) or _("none recognised")
    print(_("Columns: {columns}").format(columns=columns))
    if not args.dry_run:
        backup_before(db, BackupKind.BEFORE_IMPORT)
    with db.session() as session:
        report = import_customers(session, table, mapping, dry_run=args.dry_run)
    print("\n".join(report.lines()))
    return 0


def cmd_config_list(db: Database, args: argparse.Namespace) -> int:
    """Print every setting and its value."""
    from desk.settings import all_settings

    with db.session() as session:
        values = all_settings(session)
    width = max(len(spec.key) for spec in values)
    for spec, value in values.items():
        print(f"{spec.key:<{width}}  {spec.show(value)}")
    return 0


def cmd_config_get(db: Database, args: argparse.Namespace) -> int:
    """Print one setting's value."""
    with db.session() as session:
        spec = setting(args.key)
        print(spec.show(get_setting(session, spec)))
    return 0


def cmd_config_set(db: Database, args: argparse.Namespace) -> int:
    """Check and store one setting (audited: the computer's user acts as the owner)."""
    from desk.settings import save_settings

    spec = setting(args.key)
    value = save_settings(db, {spec: args.value})[spec]
    print(f"{spec.key} = {spec.show(value)}")
    return 0


def cmd_config_set_password(db: Database, args: argparse.Namespace) -> int:
    """Read a password from standard input and keep it in the OS keyring (never echoed)."""
    import getpass

    from desk.secrets import SECRETS, keyring_available, save_secret, set_secret

    if not keyring_available():
        set_secret(args.name, "")  # raises NoSecureStore with the plain explanation
    what = _(SECRETS[args.name])
    if sys.stdin.isatty():
        secret = getpass.getpass(f"{what}: ")
    else:
        secret = sys.stdin.read().removesuffix("\n").removesuffix("\r")
    if not secret:
        raise DeskError(_("No {secret} was given; nothing was saved.").format(secret=what))
    save_secret(db, args.name, secret)  # audited as changed, never shown
    print(_("{secret} saved in the system keyring.").format(secret=what))
    return 0
