"""Reward codes: random, hard to guess, easy to read aloud, with a check character.

A code is 12 symbols drawn with `secrets` from 32 letters and digits that cannot be
confused when read or heard (no 0/O, no 1/I), then one check character computed with
the Luhn mod N algorithm (N = 32), which catches every single mistyped character and
most swaps of two neighbours. It is written in groups of four, `K7QX-M4RT-9HWZ-P`, and
stored in that form; what staff type is normalised (case, spaces, dashes) first.
"""

from __future__ import annotations

import secrets

from desk.i18n.catalog import _

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
"""The 32 symbols of a code: digits and capital letters without 0, O, 1 and I."""

RANDOM_LENGTH = 12
"""Random symbols in a code: 60 bits, so guessing one among a million issued takes 2^40 tries."""

LENGTH = RANDOM_LENGTH + 1
"""Symbols in a code with its check character."""

GROUP = 4
"""Symbols between two dashes in the written form."""

_VALUE = {symbol: index for index, symbol in enumerate(ALPHABET)}
_N = len(ALPHABET)


def check_character(payload: str) -> str:
    """The Luhn mod N check character for `payload` (symbols of ALPHABET only)."""
    total, factor = 0, 2
    for symbol in reversed(payload):
        addend = factor * _VALUE[symbol]
        total += addend // _N + addend % _N
        factor = 3 - factor
    return ALPHABET[(_N - total % _N) % _N]


def _check_holds(symbols: str) -> bool:
    total, factor = 0, 1
    for symbol in reversed(symbols):
        addend = factor * _VALUE[symbol]
        total += addend // _N + addend % _N
        factor = 3 - factor
    return total % _N == 0


def format_code(symbols: str) -> str:
    """The written form of a normalised code: groups of four joined by dashes."""
    return "-".join(symbols[i : i + GROUP] for i in range(0, len(symbols), GROUP))


def new_code() -> str:
    """A fresh random code in its written form, e.g. `K7QX-M4RT-9HWZ-P`."""
    payload = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return format_code(payload + check_character(payload))


def normalise_code(text: str) -> str:
    """What was typed, in capitals without spaces or dashes (not checked)."""
    return "".join(ch for ch in text.upper() if ch not in " -\t\r\n")


def is_well_formed(code: str) -> bool:
    """Whether `code` (typed or written) has the right length, symbols and check character."""
    symbols = normalise_code(code)
    return len(symbols) == LENGTH and all(s in _VALUE for s in symbols) and _check_holds(symbols)


def code_problem(code: str) -> str:
    """Why `code` cannot be a reward code, as a sentence; empty when it is well formed."""
    symbols = normalise_code(code)
    shown = code.strip() or _("(nothing)")
    strange = sorted({s for s in symbols if s not in _VALUE})
    if strange:
        if set(strange) <= set("01OI"):
            text = _(
                "{code} is not a reward code: codes never contain 0, O, 1 or I; "
                "check the code and type it again."
            )
        else:
            text = _(
                "{code} is not a reward code: codes hold only letters and digits; "
                "check the code and type it again."
            )
        return text.format(code=shown)
    if len(symbols) != LENGTH:
        example = format_code("K7QXM4RT9HWZ" + check_character("K7QXM4RT9HWZ"))
        return _(
            "{code} is not a reward code: a code has {length} letters and digits "
            "(like {example}), this has {count}."
        ).format(code=shown, length=LENGTH, example=example, count=len(symbols))
    if not _check_holds(symbols):
        return _("{code} has a typo: one letter or digit is wrong; check it again.").format(
            code=format_code(symbols)
        )
    return ""
