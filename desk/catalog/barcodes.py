"""Barcode values as a scanner types them: which symbology, and whether the check digit holds.

EAN-13, UPC-A and EAN-8 values are digits whose last one is a GS1 check digit, so a
mistyped or misread value is caught here. Code 128 carries its check symbol in the bars,
not in the value: any printable ASCII value (the shop's own labels) is taken as it is.
"""

from __future__ import annotations

from desk.codes import BarcodeKind
from desk.errors import DeskError
from desk.i18n.catalog import _

MAX_LENGTH = 48
_GTIN_KINDS = {8: BarcodeKind.EAN8, 12: BarcodeKind.UPCA, 13: BarcodeKind.EAN13}


def gtin_check_digit(body: str) -> int:
    """The GS1 check digit that completes `body` (the digits before it): weights 3 and 1
    alternate from the rightmost digit of the body."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def check_barcode(text: str) -> tuple[BarcodeKind, str]:
    """The symbology and normalized value of barcode `text` (spaces around dropped).

    Raises DeskError saying what is wrong: a GTIN whose check digit does not match, a
    value too long, or characters no barcode carries.
    """
    value = text.strip()
    if not value:
        raise DeskError(_("The barcode is empty; scan it or type its digits."))
    if value.isdigit() and len(value) in _GTIN_KINDS:
        expected = gtin_check_digit(value[:-1])
        if int(value[-1]) != expected:
            raise DeskError(
                _(
                    "{value}: the check digit should be {digit}; check the digits or scan it again."
                ).format(value=value, digit=expected)
            )
        return _GTIN_KINDS[len(value)], value
    if len(value) > MAX_LENGTH:
        raise DeskError(
            _("A barcode has at most {limit} characters; this one has {count}.").format(
                limit=MAX_LENGTH, count=len(value)
            )
        )
    if not all(" " <= c <= "~" for c in value):
        raise DeskError(
            _("{value} is not a barcode: it holds characters a barcode cannot carry.").format(
                value=repr(value)
            )
        )
    return BarcodeKind.CODE128, value


def barcode_problem(text: str) -> str | None:
    """Why `text` is not a valid barcode, or None."""
    try:
        check_barcode(text)
    except DeskError as error:
        return str(error)
    return None
