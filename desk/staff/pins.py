"""PINs: what a valid one looks like, and their slow salted hash (the PIN is never stored).

scrypt from the standard library (hashlib.scrypt, OpenSSL's): 2^14 rounds of 8 × 128-byte
blocks, a fresh 16-byte salt per PIN, 32 bytes out; about 30–60 ms a check on this
machine, so a desk checks a PIN against a handful of accounts within a fraction of a
second (off the UI thread) while each guess costs an attacker with a copy of the database
that much. A PIN of 4–8 digits is still a small space: the lockout (desk.staff.signin) is
what protects the desk itself. The stored text names its parameters, so they can grow.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from desk.i18n.catalog import _

PIN_DIGITS = (4, 8)
"""The shortest and the longest PIN."""

_N, _R, _P, _LENGTH = 2**14, 8, 1, 32


def pin_problem(pin: str) -> str | None:
    """What is wrong with `pin` as a new PIN, in a sentence, or None when it is fine."""
    shortest, longest = PIN_DIGITS
    if not pin.isascii() or not pin.isdigit():
        return _("A PIN is digits only (0–9).")
    if not shortest <= len(pin) <= longest:
        return _("A PIN has {shortest} to {longest} digits.").format(
            shortest=shortest, longest=longest
        )
    if len(set(pin)) == 1:
        return _("A PIN of one digit repeated is too easy to guess; choose another.")
    return None


def hash_pin(pin: str) -> str:
    """The stored form of `pin`: scrypt$n$r$p$salt$hash, salt and hash in base64."""
    salt = secrets.token_bytes(16)
    digest = _scrypt(pin, salt, _N, _R, _P)
    return "$".join(("scrypt", str(_N), str(_R), str(_P), _b64(salt), _b64(digest)))


def pin_matches(pin: str, stored: str | None) -> bool:
    """Whether `pin` is the PIN whose stored form is `stored` (constant-time compare)."""
    if not stored or not pin:
        return False
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = _scrypt(pin, base64.b64decode(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):  # a damaged row never matches
        return False
    return hmac.compare_digest(actual, expected)


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, dklen=_LENGTH, maxmem=2**26)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
