"""Start Return Desk: a headless command when one is given, else the window."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Entry point of `returndesk` (and `python main.py`)."""
    from desk.cli import build_parser, run_command

    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.command == "instructions":  # needs Qt, which desk/ never imports
        from ui.instructions.printing import run_cli

        return run_cli(args)
    if args.command:
        return run_command(args)
    from ui.app import run_app

    return run_app(db_path=args.db, exit_after_paint=args.exit_after_paint)


if __name__ == "__main__":
    sys.exit(main())
