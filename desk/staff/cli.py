"""The `staff` and `audit` commands of `returndesk` (added by desk.cli.build_parser).

    returndesk staff add NAME --role clerk|manager|owner [--pin-stdin]
    returndesk staff list | disable NAME | enable NAME | set-pin NAME --pin-stdin|--remove
    returndesk staff rename NAME NEW_NAME | role NAME ROLE
    returndesk staff grant ROLE PERMISSION on|off      returndesk staff grants
    returndesk audit [--from DATE] [--to DATE] [--action ACTION] [--who NAME] [--csv OUT]

A command acts as the computer's user, with the owner's rights, and the audit records it so
(desk.staff.actor.computer_user: ActingAs.COMPUTER and the login name). A PIN is never an
argument (it would stay in the shell's history and the process list): `--pin-stdin` reads
one line from standard input, or asks twice without echo at a terminal. Input the desk
refuses (a bad PIN, a name in use, a date it cannot read) is one line and exit code 2, as
argparse's own input errors; the rest as every command (desk.cli.run_command).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from desk.db import Database
from desk.errors import DeskError, ValidationError
from desk.i18n.catalog import _, ngettext
from desk.i18n.formats import format_number
from desk.staff.codes import AuditAction
from desk.staff.roles import Permission, Role

if TYPE_CHECKING:  # the services load when a command runs
    from desk.staff.audit import AuditQuery
    from desk.staff.lookup import StaffInfo

INPUT_ERROR = 2
"""The exit code of input the desk refuses, as argparse's for input it cannot parse."""

Command = Callable[[Database, argparse.Namespace], int]


class InputRefused(DeskError):
    """Input from the command line that the desk cannot take; said in one line, exit 2."""


def refusing_input(command: Command) -> Command:
    """`command`, saying a refused input (InputRefused, ValidationError) in one line, exit 2."""

    def run(db: Database, args: argparse.Namespace) -> int:
        try:
            return command(db, args)
        except (InputRefused, ValidationError) as error:
            print(f"returndesk: {error}", file=sys.stderr)
            return INPUT_ERROR

    run.__doc__, run.__name__ = command.__doc__, command.__name__
    return run


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add `staff ACTION ...` and `audit` to the `returndesk` subcommands."""
    staff = commands.add_parser("staff", help=_("add, list and turn off staff accounts; PINs"))
    actions = staff.add_subparsers(dest="staff_command", metavar="ACTION", required=True)
    roles = [r.value for r in Role]

    add = actions.add_parser("add", help=_("add a staff account"))
    add.add_argument("name", metavar="NAME", help=_("the person's name"))
    add.add_argument("--role", required=True, choices=roles, help=" ".join(roles))
    add.add_argument("--pin-stdin", action="store_true", help=_("read the PIN from standard input"))
    add.set_defaults(run=refusing_input(cmd_staff_add))

    actions.add_parser("list", help=_("every account: role, active, PIN set, locked")).set_defaults(
        run=cmd_staff_list
    )
    for word, help_text, active in (
        ("disable", _("turn an account off (it can no longer sign in)"), False),
        ("enable", _("turn an account on again"), True),
    ):
        switch = actions.add_parser(word, help=help_text)
        switch.add_argument("name", metavar="NAME", help=_("the person's name"))
        switch.set_defaults(run=refusing_input(cmd_staff_switch), active=active)

    rename = actions.add_parser("rename", help=_("change the name of an account"))
    rename.add_argument("name", metavar="NAME", help=_("the person's name"))
    rename.add_argument("new_name", metavar="NEW_NAME", help=_("the name to give it"))
    rename.set_defaults(run=refusing_input(cmd_staff_rename))
    role = actions.add_parser("role", help=_("give an account another role"))
    role.add_argument("name", metavar="NAME", help=_("the person's name"))
    role.add_argument("role", choices=roles, metavar="ROLE", help=" ".join(roles))
    role.set_defaults(run=refusing_input(cmd_staff_role))

    pin = actions.add_parser("set-pin", help=_("set or remove an account's PIN"))
    pin.add_argument("name", metavar="NAME", help=_("the person's name"))
    how = pin.add_mutually_exclusive_group(required=True)
    how.add_argument("--pin-stdin", action="store_true", help=_("read the PIN from standard input"))
    how.add_argument("--remove", action="store_true", help=_("take the PIN away"))
    pin.set_defaults(run=refusing_input(cmd_staff_set_pin))

    grant = actions.add_parser("grant", help=_("let a role do something, or not"))
    grant.add_argument("role", choices=roles, metavar="ROLE", help=" ".join(roles))
    grant.add_argument(
        "permission",
        choices=[p.value for p in Permission],
        metavar="PERMISSION",
        help=_("one of those `staff grants` lists"),
    )
    grant.add_argument("allowed", choices=("on", "off"), metavar="on|off")
    grant.set_defaults(run=refusing_input(cmd_staff_grant))
    actions.add_parser("grants", help=_("what each role may do")).set_defaults(run=cmd_staff_grants)

    _add_audit(commands)


def _add_audit(commands: argparse._SubParsersAction) -> None:
    audit = commands.add_parser(
        "audit", help=_("read the audit of changes, sign-ins and lockouts (or write it as CSV)")
    )
    audit.add_argument(
        "--from",
        dest="start",
        metavar="DATE",
        help=_("from this day (2026-11-20, or as the shop writes dates: 20/11/2026)"),
    )
    audit.add_argument(
        "--to", dest="end", metavar="DATE", help=_("up to this day, included (same forms)")
    )
    audit.add_argument(
        "--action",
        action="append",
        default=[],
        choices=[a.value for a in AuditAction],
        metavar="ACTION",
        help=_("only this action (repeat for more): {actions}").format(
            actions=", ".join(a.value for a in AuditAction)
        ),
    )
    audit.add_argument("--who", metavar="NAME", help=_("only what this person did or approved"))
    audit.add_argument("--csv", metavar="OUT.csv", help=_("write the entries to a CSV file"))
    audit.set_defaults(run=refusing_input(cmd_audit))


def read_pin(name: str) -> str:
    """The PIN for `name`: one line of standard input, or asked twice without echo at a
    terminal; InputRefused when none is given or the two differ."""
    if sys.stdin.isatty():
        pin = getpass.getpass(_("PIN for {name}: ").format(name=name))
        if getpass.getpass(_("The same PIN again: ")) != pin:
            raise InputRefused(_("The two PINs differ; nothing was changed."))
    else:  # bytes that are no text are no PIN either: pin_problem says what a PIN is
        pin = sys.stdin.buffer.readline().decode("utf-8", errors="replace")
    pin = pin.strip()
    if not pin:
        raise InputRefused(_("No PIN was given on standard input; nothing was changed."))
    return pin


def _yes(flag: bool) -> str:
    return _("yes") if flag else _("no")


def cmd_staff_add(db: Database, args: argparse.Namespace) -> int:
    """Add an account, with the PIN read from standard input when asked."""
    from desk.staff.accounts import add_staff

    pin = read_pin(args.name) if args.pin_stdin else None
    info = add_staff(db, name=args.name, role=Role(args.role), pin=pin)
    if info.has_pin:
        said = _("Added {name} ({role}), with a PIN.")
    else:
        said = _("Added {name} ({role}), without a PIN.")
    print(said.format(name=info.name, role=info.role.label))
    return 0


def cmd_staff_list(db: Database, args: argparse.Namespace) -> int:
    """Print every account: name, role, active, PIN set, locked (never the PIN)."""
    from desk.staff.accounts import list_staff

    header = (_("Name"), _("Role"), _("Active"), _("PIN"), _("Locked"))
    rows = [header, *(_staff_row(info) for info in list_staff(db))]
    for line in _table(rows):
        print(line)
    return 0


def _staff_row(info: StaffInfo) -> tuple[str, ...]:
    return (info.name, info.role.label, _yes(info.active), _yes(info.has_pin), _yes(info.locked))


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    """The rows as lines, each column as wide as its widest cell, two spaces apart."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows)
    return [line.rstrip() for line in lines]


def cmd_staff_switch(db: Database, args: argparse.Namespace) -> int:
    """Turn an account off (`disable`) or on again (`enable`)."""
    from desk.staff.accounts import change_staff

    info = change_staff(db, args.name, active=args.active)
    if info.active:
        print(_("{name} is turned on and can sign in again.").format(name=info.name))
    else:
        print(_("{name} is turned off and can no longer sign in.").format(name=info.name))
    return 0


def cmd_staff_rename(db: Database, args: argparse.Namespace) -> int:
    """Give an account another name (the audit keeps the names it was written with)."""
    from desk.staff.accounts import change_staff, list_staff, name_key

    key = name_key(args.name)
    before = next((s.name for s in list_staff(db) if name_key(s.name) == key), args.name)
    info = change_staff(db, args.name, name=args.new_name)
    print(_("{old} is now called {new}.").format(old=before, new=info.name))
    return 0


def cmd_staff_role(db: Database, args: argparse.Namespace) -> int:
    """Give an account another role (the shop keeps an active owner)."""
    from desk.staff.accounts import change_staff

    info = change_staff(db, args.name, role=Role(args.role))
    print(_("{name} is now: {role}.").format(name=info.name, role=info.role.label))
    return 0


def cmd_staff_set_pin(db: Database, args: argparse.Namespace) -> int:
    """Set an account's PIN from standard input, or take it away (--remove)."""
    from desk.staff.accounts import set_pin

    info = set_pin(db, args.name, None if args.remove else read_pin(args.name))
    if info.has_pin:
        print(_("PIN set for {name}.").format(name=info.name))
    else:
        print(_("{name} has no PIN now.").format(name=info.name))
    return 0


def cmd_staff_grant(db: Database, args: argparse.Namespace) -> int:
    """Let a role do something or not; print what it may do now."""
    from desk.staff.grants import set_grant

    role, permission = Role(args.role), Permission(args.permission)
    after = set_grant(db, role, permission, args.allowed == "on")
    if permission in after[role]:
        said = _("{role} may now: {what}.")
    else:
        said = _("{role} may no longer: {what}.")
    print(said.format(role=role.label, what=permission.label.lower()))
    return 0


def cmd_staff_grants(db: Database, args: argparse.Namespace) -> int:
    """Print what each role may do: a permission a line, a column for each role."""
    from desk.staff.actor import role_grants

    table = role_grants(db)
    header = (_("Permission"), "", *(role.label for role in Role))
    rows = [header]
    for permission in Permission:
        marks = ("✓" if permission in table[role] else "-" for role in Role)
        rows.append((permission.value, permission.label, *marks))
    for line in _table(rows):
        print(line)
    return 0


def cmd_audit(db: Database, args: argparse.Namespace) -> int:
    """Print the audit entries asked for, newest first, or write them to a CSV file."""
    from desk.staff.audit_export import audit_rows, describe, export_audit

    query = audit_query(db, args)
    if args.csv:
        try:
            count = export_audit(db, args.csv, query)
        except OSError as error:
            raise DeskError(
                _("Cannot write {path}: {error}.").format(
                    path=args.csv, error=error.strerror or error
                )
            ) from None
        wrote = ngettext(
            "Wrote {count} audit entry to {path}.", "Wrote {count} audit entries to {path}.", count
        )
        print(wrote.format(count=format_number(count), path=args.csv))
        return 0
    found = False
    for entry in audit_rows(db, query):
        print(describe(entry))
        found = True
    if not found:
        print(_("No audit entry matches."))
    return 0


def audit_query(db: Database, args: argparse.Namespace) -> AuditQuery:
    """The query of `returndesk audit`'s options: days of this computer's calendar, --to
    included; --who a name however it is typed (an account's, or a computer's login)."""
    from desk.settings import SHOP_CURRENCY, get_setting
    from desk.staff.audit import AuditQuery

    with db.session() as session:
        currency = get_setting(session, SHOP_CURRENCY)
    start = _day(args.start, "--from", currency)
    end = _day(args.end, "--to", currency)
    if start and end and start > end:
        raise InputRefused(
            _("--from ({start}) is after --to ({end}).").format(start=args.start, end=args.end)
        )
    return AuditQuery(
        since=_midnight(start) if start else None,
        until=_midnight(end + timedelta(days=1)) if end else None,
        actions=[AuditAction(a) for a in args.action],
        actor_name=args.who,
    )


def _day(text: str | None, option: str, currency: str) -> date | None:
    from desk.dates import format_day, parse_day, pattern

    if text is None:
        return None
    try:
        day = parse_day(text, currency=currency, today=date.today())
    except DeskError:
        day = None
    if day is None:
        how = _("{option} “{text}” is not a date: write it as {example} ({pattern}) or {iso}.")
        raise InputRefused(
            how.format(
                option=option,
                text=text.strip(),
                example=format_day(date(2026, 11, 20), currency),
                pattern=pattern(currency),
                iso="2026-11-20",
            )
        )
    return day


def _midnight(day: date) -> datetime:
    """The first moment of `day` on this computer's clock, as an aware datetime."""
    return datetime.combine(day, time()).astimezone()
