"""The `demo` command of `returndesk` (added by desk.cli.build_parser): a demo shop in English
or, with `--locale pt_BR` (or on a Portuguese desk), a Brazilian one."""

from __future__ import annotations

import argparse

from desk.db import Database
from desk.errors import DeskError
from desk.i18n.catalog import LANGUAGES, _, language, ngettext
from desk.i18n.formats import format_number


def add_commands(commands) -> None:
    """Add `demo` to the command line's sub-commands."""
    demo = commands.add_parser("demo", help=_("fill the database with demo returns"))
    demo.add_argument(
        "--returns", type=int, default=500, metavar="N", help=_("how many returns to add")
    )
    demo.add_argument(
        "--seed", type=int, default=1, metavar="S", help=_("the same seed gives the same data")
    )
    demo.add_argument(
        "--locale",
        choices=LANGUAGES,
        default=None,
        help=_(
            "the demo shop: en (English), pt_BR (a shop in São Paulo, in reais); "
            "default: this desk's language"
        ),
    )
    demo.set_defaults(run=cmd_demo)


def cmd_demo(db: Database, args: argparse.Namespace) -> int:
    """Fill the database with demo data."""
    from desk.demo.seed import seed_demo

    if args.returns < 1:
        raise DeskError(_("--returns must be at least 1."))
    locale = args.locale or language()
    summary = seed_demo(db, returns=args.returns, seed=args.seed, locale=locale)
    added = ngettext(
        "Added {returns} demo return (customers: {customers}, sales: {sales}).",
        "Added {returns} demo returns (customers: {customers}, sales: {sales}).",
        summary.returns,
    )
    print(
        added.format(
            returns=format_number(summary.returns),
            customers=format_number(summary.customers),
            sales=format_number(summary.sales),
        )
    )
    receipts = summary.try_receipts
    if len(receipts) > 1:
        print(
            _("Try receipt {first} or {second} in New return.").format(
                first=receipts[0], second=receipts[1]
            )
        )
    elif receipts:
        print(_("Try receipt {receipt} in New return.").format(receipt=receipts[0]))
    return 0
