"""What a setting is, apart from any declared one: typing, storing, showing and checking."""

from __future__ import annotations

import pytest

from desk.errors import DeskError
from desk.i18n.catalog import set_language
from desk.setting_spec import (
    FALSE_WORDS,
    TRUE_WORDS,
    SettingSpec,
    code_set,
    currency,
    email_or_empty,
    hours,
    not_negative,
    percent,
    port,
    positive_days,
    rating,
)

FLAG = SettingSpec("test.flag", bool, False, "Flag")
COUNT = SettingSpec("test.count", int, 5, "Count", check=not_negative)
CODE = SettingSpec("test.code", str, "EUR", "Code", uppercase=True, choices=("EUR", "USD"))


def test_a_yes_no_setting_is_stored_as_true_false_and_shown_as_yes_no():
    assert FLAG.to_stored(True) == "true" and FLAG.to_stored(False) == "false"
    assert FLAG.show(True) == "yes" and FLAG.show(False) == "no"
    assert FLAG.from_stored("yes") is True and FLAG.from_stored(" Off ") is False
    assert FLAG.from_stored("garbage") is FLAG.default
    assert TRUE_WORDS.isdisjoint(FALSE_WORDS)


def test_parse_types_then_checks():
    assert FLAG.parse("on") is True and FLAG.parse(False) is False
    with pytest.raises(DeskError, match="Flag must be yes or no"):
        FLAG.parse("")
    assert COUNT.parse(" 7 ") == 7 and COUNT.from_stored("3") == 3 and COUNT.to_stored(3) == "3"
    with pytest.raises(DeskError, match="Count must be a whole number"):
        COUNT.parse("many")
    with pytest.raises(DeskError, match="Count: Enter a number from 0 to 2,000,000,000."):
        COUNT.parse("-1")
    assert CODE.parse("usd") == "USD"
    with pytest.raises(DeskError, match="Code must be one of: EUR, USD."):
        CODE.parse("brl")


def test_each_check_says_why_or_passes():
    assert email_or_empty("") is None and email_or_empty("not an address")
    assert port(1) is None and port(65535) is None and port(0) and port(65536)
    assert currency("EUR") is None and "not a currency code" in currency("XYZW")
    assert positive_days(1) is None and positive_days(3650) is None and positive_days(0)
    assert percent(0) is None and percent(100) is None and percent(101)
    assert rating(1) is None and rating(5) is None and rating(6)
    assert hours(1) is None and hours(720) is None and hours(721)
    assert not_negative(0) is None and not_negative(-1)


def test_a_code_set_takes_known_comma_separated_codes():
    some = code_set({"a": "A", "b": "B"}, at_least_one=True)
    assert some("a, b") is None
    assert some("") == "choose at least one."
    assert some("a,c") == "unknown c; use a, b (comma-separated)."
    assert code_set({"a": "A"})("") is None


def test_a_portuguese_desk_shows_sim_nao_and_takes_both_words_back():
    set_language("pt_BR")
    assert (FLAG.show(True), FLAG.show(False)) == ("sim", "não")
    assert FLAG.parse("sim") is True and FLAG.parse("Não") is False and FLAG.parse("yes") is True
    assert FLAG.parse(FLAG.show(True)) is True and FLAG.parse(FLAG.show(False)) is False
    assert (FLAG.choice_code(True), FLAG.choice_code(False)) == ("yes", "no")  # codes stay
    assert FLAG.to_stored(True) == "true"  # what is stored never changes with the language
    with pytest.raises(DeskError, match="^“Flag” deve ser sim ou não, não “talvez”.$"):
        FLAG.parse("talvez")
    with pytest.raises(DeskError, match="^“Count” deve ser um número inteiro, não “x”.$"):
        COUNT.parse("x")
    with pytest.raises(DeskError, match=r"^Count: Digite um número de 0 a 2\.000\.000\.000\.$"):
        COUNT.parse("-1")


def test_a_setting_label_is_marked_english_and_its_title_is_translated():
    from desk.settings import SHOP_NAME

    set_language("pt_BR")
    assert SHOP_NAME.label == "Shop name" and SHOP_NAME.title == "Nome da loja"
