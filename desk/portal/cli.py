"""The `link` and `portal` commands of `returndesk` (added by desk.cli.build_parser)."""

from __future__ import annotations

import argparse
import contextlib

from desk.db import Database


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add `link NUMBER [--revoke]` and `portal [--host H] [--port P]` to the subcommands."""
    link = commands.add_parser(
        "link", help="print a new personal link to a return, or revoke its links"
    )
    link.add_argument("number", metavar="NUMBER", help="the return number")
    link.add_argument(
        "--revoke", action="store_true", help="stop every link to this return from working"
    )
    link.set_defaults(run=cmd_link)

    portal = commands.add_parser("portal", help="serve the customer space (a small web site)")
    portal.add_argument("--host", help="address to listen on (default: portal.host, 127.0.0.1)")
    portal.add_argument("--port", type=int, help="port (default: portal.port, 8765)")
    portal.set_defaults(run=cmd_portal)


def cmd_link(db: Database, args: argparse.Namespace) -> int:
    """Print a new personal link to the return, or revoke all of its links."""
    from desk.portal.links import personal_link, revoke_links

    if args.revoke:
        count = revoke_links(db, number=args.number)
        noun = "link" if count == 1 else "links"
        print(f"Revoked {count} {noun} to {args.number.strip().upper()}.")
        return 0
    link = personal_link(db, number=args.number)
    print(link)
    if link.startswith("/"):
        print(
            "Set the address customers open to make this a full link: "
            "returndesk config set portal.public_url https://returns.myshop.com"
        )
    return 0


def cmd_portal(db: Database, args: argparse.Namespace) -> int:
    """Serve the customer space over this database until Ctrl+C."""
    from desk.settings import PORTAL_HOST, PORTAL_PORT, get_setting
    from portal.server import serve

    with db.session() as session:
        host = args.host or get_setting(session, PORTAL_HOST)
        port = args.port or get_setting(session, PORTAL_PORT)
    print(f"Customer space on http://{host}:{port}/ (Ctrl+C stops it).", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        serve(db, host=host, port=port)
    return 0
