"""Start Return Desk: a headless command when one is given, else the window."""

from __future__ import annotations

import argparse
import gc
import sys


def window_arguments(argv: list[str]) -> argparse.Namespace | None:
    """The window's options when `argv` names no command and asks for nothing else (help,
    version), else None. The window starts without building every command's parser (and
    importing what each needs); desk.cli.build_parser declares the same two options."""
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False, exit_on_error=False)
    parser.add_argument("--db")
    parser.add_argument("--exit-after-paint", action="store_true")
    try:
        args, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:  # e.g. --db without its value: the full parser says so
        return None
    return None if rest else args


def main(argv: list[str] | None = None) -> int:
    """Entry point of `returndesk` (and `python main.py`)."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_sheet-pdf"]:  # desk.program.SHEET_PDF_HELPER: a PDF for the customer space
        from portal.sheet_pdf import main as draw_sheet

        return draw_sheet(argv[1:])
    if (args := window_arguments(argv)) is not None:
        # no cyclic garbage collection while start-up builds its many long-lived objects
        # (about a tenth of the start); run_app turns it back on after the first page
        gc.disable()
        from ui.app import run_app

        return run_app(db_path=args.db, exit_after_paint=args.exit_after_paint)
    from desk.cli import build_parser, run_command
    from desk.i18n.desk_language import start_language

    start_language()
    args = build_parser().parse_args(argv)
    if args.command == "instructions":  # needs Qt, which desk/ never imports
        from ui.instructions.printing import run_cli

        return run_cli(args)
    if args.command:
        return run_command(args)
    from ui.app import run_app  # the window, asked in a way only the full parser reads (--d PATH)

    return run_app(db_path=args.db, exit_after_paint=args.exit_after_paint)


if __name__ == "__main__":
    sys.exit(main())
