"""The `link` command of `returndesk` (added by desk.cli.build_parser)."""

from __future__ import annotations

import argparse

from desk.db import Database


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add `link NUMBER [--revoke]` to the subcommands."""
    link = commands.add_parser(
        "link", help="print a new personal link to a return, or revoke its links"
    )
    link.add_argument("number", metavar="NUMBER", help="the return number")
    link.add_argument(
        "--revoke", action="store_true", help="stop every link to this return from working"
    )
    link.set_defaults(run=cmd_link)


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
