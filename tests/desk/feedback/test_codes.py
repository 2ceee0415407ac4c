"""Reward codes: unique, checked, not derivable from one another, readable aloud.

What "not derivable" is tested as: 100,000 codes drawn in a row are all different; two
consecutive codes share a prefix no longer than chance allows (the mean shared prefix
of 32 equally likely symbols is 1/31 of a symbol, and 6 shared symbols happen once in
a billion pairs); every symbol is about equally frequent at every position; and
reseeding Python's `random` does not repeat a code (they come from `secrets`).
"""

from __future__ import annotations

import os
import random
from collections import Counter

from desk.feedback.codes import (
    ALPHABET,
    LENGTH,
    check_character,
    code_problem,
    format_code,
    is_well_formed,
    new_code,
    normalise_code,
)
from desk.i18n.catalog import set_language

MANY = 100_000


def _shared_prefix(a: str, b: str) -> int:
    return len(os.path.commonprefix([a, b]))


def test_the_alphabet_can_be_read_aloud():
    assert len(ALPHABET) == len(set(ALPHABET)) == 32
    assert not set("0O1I") & set(ALPHABET)


def test_a_code_is_written_in_groups_of_four_and_checks():
    code = new_code()
    assert len(code) == 16 and code[4] == code[9] == code[14] == "-"
    assert len(normalise_code(code)) == LENGTH
    assert is_well_formed(code)


def test_typed_codes_are_normalised():
    assert normalise_code(" k7qx m4rt-9hwz-p ") == "K7QXM4RT9HWZP"
    code = new_code()
    assert is_well_formed(code.lower().replace("-", " "))
    assert format_code(normalise_code(code)) == code


def test_100000_codes_are_unique_well_formed_and_not_sequential():
    codes = [normalise_code(new_code()) for _ in range(MANY)]
    assert len(set(codes)) == MANY
    assert all(is_well_formed(c) for c in codes[:1000])
    prefixes = [_shared_prefix(a, b) for a, b in zip(codes, codes[1:], strict=False)]
    assert max(prefixes) < 6
    assert sum(prefixes) / len(prefixes) < 0.05  # chance: 1/31 = 0.032
    for position in range(LENGTH - 1):  # the random part: every symbol about equally often
        counts = Counter(c[position] for c in codes)
        assert set(counts) == set(ALPHABET)
        expected = MANY / 32  # 3125, standard deviation about 55
        assert all(abs(n - expected) < 400 for n in counts.values()), counts


def test_reseeding_random_does_not_repeat_a_code():
    random.seed(7)
    first = new_code()
    random.seed(7)
    assert new_code() != first


def test_every_single_character_substitution_is_caught():
    for _ in range(300):
        code = normalise_code(new_code())
        for position in range(LENGTH):
            for symbol in ALPHABET:
                if symbol != code[position]:
                    typo = code[:position] + symbol + code[position + 1 :]
                    assert not is_well_formed(typo), (code, typo)


def test_most_swaps_of_neighbours_are_caught():
    swaps = caught = 0
    for _ in range(2000):
        code = normalise_code(new_code())
        for i in range(LENGTH - 1):
            if code[i] != code[i + 1]:
                swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
                swaps += 1
                caught += not is_well_formed(swapped)
    assert caught / swaps > 0.99  # measured: 99.8 %


def test_the_check_character_is_luhn_mod_32():
    # worked by hand: payload "22" (values 0, 0) sums to 0, so the check is ALPHABET[0]
    assert check_character("22") == "2"
    # "3" (value 1) doubled is 2, so the check brings the sum to 32: value 30, "Y"
    assert check_character("3") == "Y"
    assert is_well_formed("2222-2222-2222-2")


def test_problems_are_said_in_one_sentence():
    code = new_code()
    assert code_problem(code) == ""
    wrong = code[:-1] + ("2" if code[-1] != "2" else "3")
    assert "has a typo" in code_problem(wrong)
    assert "never contain 0, O, 1 or I" in code_problem("O" + code[1:])
    assert "this has 3" in code_problem("ABC")
    assert "only letters and digits" in code_problem(code[:-1] + "*")
    assert "(nothing)" in code_problem("  ")


def test_problems_are_said_in_the_desks_language():
    set_language("pt_BR")
    code = new_code()
    wrong = code[:-1] + ("2" if code[-1] != "2" else "3")
    assert code_problem(wrong).endswith(
        "tem um erro de digitação: uma letra ou um algarismo está errado; confira de novo."
    )
    assert code_problem("  ").startswith("(nada) não é um código de recompensa")
    assert "este tem 3." in code_problem("ABC")
