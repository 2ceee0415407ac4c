"""Barcode values: symbology by shape, GS1 check digits caught, Code 128 labels as they are."""

from __future__ import annotations

import pytest

from desk.catalog.barcodes import barcode_problem, check_barcode, gtin_check_digit
from desk.codes import BarcodeKind
from desk.errors import DeskError


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("4006381333931", BarcodeKind.EAN13),  # a published EAN-13
        ("036000291452", BarcodeKind.UPCA),  # a published UPC-A
        ("96385074", BarcodeKind.EAN8),  # a published EAN-8
        ("7891000100103", BarcodeKind.EAN13),  # a Brazilian (789) EAN-13
        (" 4006381333931 ", BarcodeKind.EAN13),
        ("SHOP-000123", BarcodeKind.CODE128),
        ("12345", BarcodeKind.CODE128),  # digits of no GTIN length: a label
    ],
)
def test_valid_values_get_their_kind(value, kind):
    assert check_barcode(value) == (kind, value.strip())
    assert barcode_problem(value) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("4006381333932", 1), ("036000291453", 2), ("96385075", 4), ("7891000100104", 3)],
)
def test_a_wrong_check_digit_is_refused_naming_the_right_one(value, expected):
    with pytest.raises(DeskError, match=f"the check digit should be {expected}"):
        check_barcode(value)


def test_check_digit_of_bodies():
    assert gtin_check_digit("400638133393") == 1
    assert gtin_check_digit("03600029145") == 2
    assert gtin_check_digit("9638507") == 4


@pytest.mark.parametrize("value", ["", "   ", "ABC\x00", "Açaí", "X" * 49])
def test_what_no_barcode_carries_is_refused(value):
    assert barcode_problem(value)
