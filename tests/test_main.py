"""main.py: the window starts on its own two options, everything else goes to desk.cli."""

from __future__ import annotations

import pytest

from desk.cli import build_parser
from main import window_arguments


@pytest.mark.parametrize(
    "argv",
    [[], ["--db", "shop.db"], ["--db=shop.db", "--exit-after-paint"], ["--exit-after-paint"]],
)
def test_the_window_options_read_as_the_full_parser_reads_them(argv):
    fast = window_arguments(argv)
    full = build_parser().parse_args(argv)
    assert full.command is None
    assert (fast.db, fast.exit_after_paint) == (full.db, full.exit_after_paint)


@pytest.mark.parametrize(
    "argv",
    [
        ["demo"],
        ["--db", "shop.db", "show", "R-2026-00001"],
        ["--help"],
        ["--version"],
        ["--db"],  # no value: the full parser says so
        ["--d", "shop.db"],  # an abbreviation: the full parser knows it
    ],
)
def test_a_command_help_or_anything_else_goes_to_the_full_parser(argv):
    assert window_arguments(argv) is None
