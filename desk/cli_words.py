"""argparse's own words in the desk's language: "usage:", "options", its errors.

argparse looks each of its words up, when it says it, through its module-level `_` and
`ngettext` (gettext's, on the "messages" domain nobody ships). `speak_argparse()` points
those at our catalogs; the msgids below are argparse's own (Python 3.11's argparse.py,
copied exactly), listed with N_() only so that extraction puts them in our catalogs. Its
words meant for programmers (a parser declared wrongly) are left out: staff never see them.
"""

from __future__ import annotations

import argparse

from desk.i18n.catalog import N_, _, ngettext

ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("subcommands"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"),
)
"""The words argparse says to a person, as argparse spells them."""


def _counted() -> None:
    """Only for extraction: argparse's words with a count."""
    ngettext("expected %s argument", "expected %s arguments", 2)


def speak_argparse() -> None:
    """Make argparse say its own words in the desk's language from now on (each word is
    looked up when said, so a later change of language is followed)."""
    argparse._ = _argparse_words
    argparse.ngettext = ngettext


def _argparse_words(message: str | None) -> str | None:
    return _(message) if isinstance(message, str) and message else message
