"""The `link` and `portal` commands of `returndesk` (added by desk.cli.build_parser)."""

from __future__ import annotations

import argparse
import contextlib
import os

from desk.db import Database
from desk.i18n.catalog import _


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add `link NUMBER [--revoke]`, `link-key --export/--import FILE` and
    `portal [--host H] [--port P] [--workers N]` to the subcommands."""
    link = commands.add_parser(
        "link", help=_("print a return's personal link, or revoke every link to it so far")
    )
    link.add_argument("number", metavar="NUMBER", help=_("the return number"))
    link.add_argument(
        "--revoke", action="store_true", help=_("stop every link to this return from working")
    )
    link.set_defaults(run=cmd_link)

    key = commands.add_parser(
        "link-key", help=_("copy the personal-link key between desks (through a file, never shown)")
    )
    way = key.add_mutually_exclusive_group(required=True)
    way.add_argument("--export", metavar="FILE", help=_("write this desk's key to a new FILE"))
    way.add_argument("--import", dest="import_", metavar="FILE", help=_("keep the key in FILE"))
    key.set_defaults(run=cmd_link_key)

    portal = commands.add_parser("portal", help=_("serve the customer space (a small web site)"))
    portal.add_argument("--host", help=_("address to listen on (default: portal.host, 127.0.0.1)"))
    portal.add_argument("--port", type=int, help=_("port (default: portal.port, 8765)"))
    portal.add_argument(
        "--workers",
        type=int,
        default=1,
        help=_("processes serving pages (default 1; 2 on 2 cores)"),
    )
    portal.set_defaults(run=cmd_portal)


def cmd_link(db: Database, args: argparse.Namespace) -> int:
    """Print the return's personal link, or revoke every link to it given so far."""
    from desk.portal.links import personal_link, revoke_links

    if args.revoke:
        revoke_links(db, number=args.number)
        number = args.number.strip().upper()
        print(
            _(
                "Every link to {number} given so far stops working; "
                "`returndesk link {number}` prints its new one."
            ).format(number=number)
        )
        return 0
    link = personal_link(db, number=args.number)
    print(link)
    if link.startswith("/"):
        print(
            _(
                "Set the address customers open to make this a full link: "
                "returndesk config set portal.public_url https://returns.myshop.com"
            )
        )
    return 0


def cmd_portal(db: Database, args: argparse.Namespace) -> int:
    """Serve the customer space over this database until Ctrl+C."""
    from desk.settings import PORTAL_HOST, PORTAL_PORT, get_setting
    from portal.server import serve

    with db.session() as session:
        host = args.host or get_setting(session, PORTAL_HOST)
        port = args.port or get_setting(session, PORTAL_PORT)
    address = f"http://{host}:{port}/"
    print(_("Customer space on {address} (Ctrl+C stops it).").format(address=address), flush=True)
    _warn_without_key()
    with contextlib.suppress(KeyboardInterrupt):
        serve(db, host=host, port=port, workers=max(1, args.workers))
    return 0


def cmd_link_key(db: Database, args: argparse.Namespace) -> int:
    """Write the personal-link key to a new file readable by its owner only, or keep the key
    read from a file in this computer's keyring. The key itself is never printed."""
    from desk.errors import DeskError
    from desk.portal.links import KEY_NAME, link_key
    from desk.secrets import save_secret

    if args.export:
        key = link_key()
        try:
            handle = os.open(args.export, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            raise DeskError(
                _("{path} exists already; name a new file.").format(path=args.export)
            ) from None
        except OSError as error:
            raise DeskError(
                _("Cannot write {path}: {problem}.").format(
                    path=args.export, problem=error.strerror
                )
            ) from None
        with os.fdopen(handle, "wb") as out:
            out.write(key + b"\n")
        print(
            _(
                "The personal-link key is in {path} (readable by you only). On each "
                "other desk and the customer space: returndesk link-key --import FILE; "
                "then delete the file."
            ).format(path=args.export)
        )
        return 0
    try:
        with open(args.import_, "rb") as given:
            key = given.read().decode("utf-8", "replace").strip()
    except OSError as error:
        raise DeskError(
            _("Cannot read {path}: {problem}.").format(path=args.import_, problem=error.strerror)
        ) from None
    if len(key) < 16 or "\n" in key:
        raise DeskError(
            _("{path} holds no personal-link key; export it again.").format(path=args.import_)
        )
    save_secret(db, KEY_NAME, key)  # a settings change: audited, the key never shown
    print(_("Personal-link key saved in the system keyring: this desk's links match the others'."))
    return 0


def _warn_without_key() -> None:
    from desk.errors import DeskError
    from desk.portal.links import link_key

    try:
        link_key()
    except DeskError as error:
        print(_("Personal links will not open: {problem}").format(problem=error), flush=True)
