"""Phone numbers: read with the shop's country, stored in E.164, shown for the shop."""

from __future__ import annotations

import pytest

from desk.phones import (
    can_receive_sms,
    country_error,
    country_name,
    country_names,
    example_phone,
    is_e164,
    needs_fixing,
    phone_problem,
    search_digits,
    show_phone,
    to_e164,
)


@pytest.mark.parametrize(
    ("typed", "country", "stored"),
    [
        ("07993 672961", "GB", "+447993672961"),  # UK mobile, national
        ("+44 7993 672961", "BR", "+447993672961"),  # with its country code: any shop
        ("0044 7993 672961", "GB", "+447993672961"),  # the international prefix typed
        ("447993672961", "GB", "+447993672961"),  # digits only
        ("020 7946 0958", "GB", "+442079460958"),  # UK landline
        ("(11) 91234-5678", "BR", "+5511912345678"),  # BR mobile
        ("(11) 3456-7890", "BR", "+551134567890"),  # BR landline
        ("55 11 91234 5678", "GB", "+5511912345678"),  # country code without the +
        ("(650) 253-0000", "US", "+16502530000"),  # US
        ("+1 650-253-0000", "gb", "+16502530000"),
        ("912 345 678", "PT", "+351912345678"),
    ],
)
def test_typed_numbers_are_stored_in_e164(typed, country, stored):
    assert to_e164(typed, country) == stored
    assert is_e164(stored)
    assert phone_problem(typed, country) is None


@pytest.mark.parametrize(
    "typed", ["garbage", "12345", "07993 67296", "+44 7993 672961 999", "(11) 91234-5678", "+"]
)
def test_garbage_and_numbers_of_no_country_are_refused(typed):
    assert to_e164(typed, "GB") is None
    message = phone_problem(typed, "GB")
    assert message is not None and "is not a phone number" in message
    assert "07400 123456" in message and "+44 7400 123456" in message  # how to type it here


def test_the_example_in_the_message_is_the_shops_country():
    message = phone_problem("nope", "BR")
    assert example_phone("BR") in message and "+55" in message


def test_an_extension_is_refused_with_what_to_do():
    assert to_e164("020 7946 0958 ext. 123", "GB") is None  # E.164 would lose it
    message = phone_problem("020 7946 0958 ext. 123", "GB")
    assert "extension" in message and "notes" in message


@pytest.mark.parametrize(
    ("number", "texts"),
    [
        ("+447993672961", True),  # UK mobile
        ("+442079460958", False),  # UK landline
        ("+5511912345678", True),  # BR mobile
        ("+551134567890", False),  # BR landline
        ("+16502530000", True),  # US: fixed line or mobile, as numbers there may be either
    ],
)
def test_which_numbers_receive_texts(number, texts):
    assert can_receive_sms(number) is texts
    message = phone_problem(number, "GB", sms=True)
    assert (message is None) is texts
    if not texts:
        assert "landline" in message and "cannot receive text messages" in message
        assert "mobile" in message and "email" in message  # what to do instead


@pytest.mark.parametrize(
    ("stored", "country", "shown"),
    [
        ("+447993672961", "GB", "07993 672961"),  # the shop's country: national
        ("+447993672961", "BR", "+44 7993 672961"),  # abroad: international
        ("+5511912345678", "BR", "(11) 91234-5678"),
        ("+5511912345678", "GB", "+55 11 91234-5678"),
        ("call after 6", "GB", "call after 6"),  # kept as typed: shown as typed
        ("07993 672961", "GB", "07993 672961"),  # not E.164: shown exactly as stored
        (None, "GB", ""),
        ("", "GB", ""),
    ],
)
def test_phones_are_shown_for_the_shop(stored, country, shown):
    assert show_phone(stored, country) == shown


def test_a_phone_kept_as_typed_needs_fixing():
    assert needs_fixing("07993 672961") and needs_fixing("call after 6")
    assert not needs_fixing("+447993672961") and not needs_fixing(None) and not needs_fixing("")
    assert not is_e164("+44 7993 672961")  # a plus, but spaces: not E.164
    assert not is_e164("+440000000000")  # the shape, but no such number


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("07993 672961", "7993672961"),
        ("+44 7993 672961", "447993672961"),
        ("0044 7993 672961", "447993672961"),
        ("(11) 91234-5678", "11912345678"),
        ("447993672961", "447993672961"),
        ("912 345", None),  # too few digits to be a phone
        ("Ana 07993 672961", None),  # words: not a phone
        ("R-2026-00042", None),
        ("12+345678", None),
    ],
)
def test_what_a_search_looks_for_in_a_typed_phone(typed, digits):
    assert search_digits(typed) == digits


def test_countries_are_named_in_the_shops_language():
    assert country_name("GB") == "United Kingdom"
    assert country_name("GB", "pt_BR") == "Reino Unido"
    assert country_name("BR", "pt_BR") == "Brasil"
    names = list(country_names("pt_BR").values())
    assert names.index("África do Sul") < names.index("Brasil")  # sorted without accents
    assert len(names) > 200


@pytest.mark.parametrize(("code", "ok"), [("GB", True), ("br", True), ("UK", False), ("", False)])
def test_country_codes_are_checked(code, ok):
    message = country_error(code)
    assert (message is None) is ok
    if not ok:
        assert "two letters" in message


def test_the_refusals_speak_the_desks_language():
    from desk.i18n.catalog import set_language

    set_language("pt_BR")
    message = phone_problem("nope", "BR")
    assert message.startswith("“nope” não é um número de telefone; digite como se disca na loja")
    assert example_phone("BR") in message
    assert "telefone fixo" in phone_problem("+551134567890", "BR", sms=True)
    assert country_error("XX").startswith("“XX” não é um código de país")
