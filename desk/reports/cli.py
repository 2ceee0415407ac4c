"""The headless `returndesk report` command: the dashboard's figures as CSV, JSON or text.

    returndesk report --from 2026-01-01 --to 2026-12-31 [--segment loyal] --csv OUT.csv
    returndesk report --from 2026-01-01 --to 2026-12-31 --json [OUT.json]
    returndesk report --from 2026-01-01 --to 2026-12-31 --text [OUT.txt]

`--csv PATH` writes (figure, key, value) rows with a header; `--json` writes one JSON
document; `--text` the key numbers and the product tables in words (desk.reports.text).
Each writes to standard output when PATH is `-` (and `--json` or `--text` alone does).
Days are UTC days, both included.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

from desk.customers.segments import Segment
from desk.db import Database
from desk.errors import DeskError
from desk.i18n.catalog import _
from desk.reports.dashboard import as_json, dashboard, report_rows
from desk.reports.period import ReportRange, parse_day
from desk.reports.text import report_text

CSV_HEADER = ("figure", "key", "value")


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add `report` to the `returndesk` subcommands."""
    report = commands.add_parser(
        "report", help=_("write the dashboard's figures over a date range as CSV, JSON or text")
    )
    report.add_argument("--from", dest="start", required=True, metavar="DATE", help="YYYY-MM-DD")
    report.add_argument("--to", dest="end", required=True, metavar="DATE", help="YYYY-MM-DD")
    report.add_argument(
        "--segment",
        choices=[s.value for s in Segment],
        help=_("only customers now in this segment"),
    )
    out = report.add_mutually_exclusive_group(required=True)
    out.add_argument(
        "--csv", metavar="OUT.csv", help=_("write CSV rows (figure, key, value); - for stdout")
    )
    out.add_argument(
        "--json", nargs="?", const="-", metavar="OUT.json", help=_("write JSON (default: stdout)")
    )
    out.add_argument(
        "--text",
        nargs="?",
        const="-",
        metavar="OUT.txt",
        help=_("write the key numbers and the product tables as text (default: stdout)"),
    )
    report.set_defaults(run=cmd_report)


def cmd_report(db: Database, args: argparse.Namespace) -> int:
    """Compute the figures and write them where asked."""
    rng = ReportRange(
        parse_day(args.start, "--from"),
        parse_day(args.end, "--to"),
        Segment(args.segment) if args.segment else None,
    )
    dash = dashboard(db, rng)
    if args.csv is not None:
        write(args.csv, csv_text(report_rows(dash)))
    elif args.text is not None:
        write(args.text, report_text(dash))
    else:
        write(args.json, as_json(dash) + "\n")
    return 0


def csv_text(rows: list[tuple[str, str, object]]) -> str:
    """The rows as CSV text with a header; None as an empty cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows((f, k, "" if v is None else v) for f, k, v in rows)
    return buffer.getvalue()


def write(target: str, text: str) -> None:
    """Write `text` to the file `target`, or to standard output for `-`."""
    if target == "-":
        sys.stdout.write(text)
        return
    try:
        Path(target).write_text(text, encoding="utf-8", newline="")
    except OSError as error:
        raise DeskError(
            _("Cannot write {path}: {error}.").format(path=target, error=error.strerror or error)
        ) from None
