"""The catalogue's commands: `returndesk import-products` and `returndesk import-sales`."""

from __future__ import annotations

import argparse

from desk.db import Database
from desk.i18n.catalog import N_, _

_MAP_HELP = N_(
    "which column fills a field (header name or 1-based number); the others are matched "
    "by the till's export format or by header name"
)


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add the catalogue's import commands to the `returndesk` parser."""
    for name, helptext, run in (
        ("import-products", N_("add or update products from the till's CSV export"), cmd_products),
        (
            "import-sales",
            N_("add sales (receipts and lines) from the till's CSV export"),
            cmd_sales,
        ),
    ):
        command = commands.add_parser(name, help=_(helptext))
        command.add_argument("file", metavar="FILE.csv")
        command.add_argument(
            "--map", action="append", default=[], metavar="FIELD=COLUMN", help=_(_MAP_HELP)
        )
        command.add_argument("--dry-run", action="store_true", help=_("check only, save nothing"))
        command.set_defaults(run=run)


def cmd_products(db: Database, args: argparse.Namespace) -> int:
    """Import products from a CSV file; print what was done and every row left out."""
    from desk.catalog.product_import import import_products
    from desk.catalog.till_columns import product_columns

    return _run(db, args, product_columns, import_products)


def cmd_sales(db: Database, args: argparse.Namespace) -> int:
    """Import sales from a CSV file; print what was done and every row left out."""
    from desk.catalog.sale_import import import_sales
    from desk.catalog.till_columns import sale_columns

    return _run(db, args, sale_columns, import_sales)


def _run(db: Database, args: argparse.Namespace, columns_of, import_file) -> int:
    from desk.backup.folder import BackupKind
    from desk.backup.store import backup_before
    from desk.customers.csv_table import read_csv

    table = read_csv(args.file)
    print(columns_of(table.header, args.map).describe())
    if not args.dry_run:
        backup_before(db, BackupKind.BEFORE_IMPORT)
    report = import_file(db, table, args.map, dry_run=args.dry_run)
    print("\n".join(report.lines()))
    return 0


__all__ = ["add_commands", "cmd_products", "cmd_sales"]
