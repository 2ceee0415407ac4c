"""Reward codes: looked up, redeemed once, refused when expired, exported, described."""

from __future__ import annotations

import csv
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from desk.codes import RewardKind, RewardState
from desk.errors import DeskError, NotFound
from desk.feedback.codes import normalise_code
from desk.feedback.record import record_feedback
from desk.feedback.rewards import (
    CSV_HEADER,
    check_code,
    describe_reward,
    expiry_for,
    export_codes,
    last_day,
    redeem_code,
    reward_of_return,
)
from desk.i18n.catalog import set_language
from desk.settings import REWARD_KIND, REWARD_MIN_PURCHASE, REWARD_VALUE
from tests.desk.feedback.test_record import NOW, add_return, reward_on, settings


def issued(db, *, name: str = "Ana Souza", now: datetime = NOW) -> str:
    """A code earned by feedback on a new customer's return."""
    return_id, _ = add_return(db, name=name)
    return record_feedback(db, return_id=return_id, rating=5, source="counter", now=now).reward.code


def test_check_finds_a_code_however_it_is_typed(db):
    reward_on(db)
    code = issued(db)
    info = check_code(db, code=normalise_code(code).lower(), now=NOW)
    assert info.code == code and info.state is RewardState.ISSUED
    assert info.customer_name == "Ana Souza" and info.return_number.startswith("R-")
    assert (info.kind, info.value, info.min_purchase_cents) == (RewardKind.PERCENT, 10, 2000)
    assert info.redeemed_at is None and info.redeemed_by == ""


def test_a_typo_and_an_unknown_code_are_told_apart(db):
    reward_on(db)
    code = issued(db)
    typo = code[:-1] + ("2" if code[-1] != "2" else "3")
    with pytest.raises(DeskError, match="has a typo") as refused:
        check_code(db, code=typo)
    assert not isinstance(refused.value, NotFound)
    with pytest.raises(NotFound, match="not a code this shop issued"):
        check_code(db, code="2222-2222-2222-2")


def test_a_code_is_redeemed_once(db):
    reward_on(db)
    code = issued(db)
    when = NOW + timedelta(days=3)
    info = redeem_code(db, code=code, staff=" Bia ", now=when)
    assert info.state is RewardState.REDEEMED
    assert info.redeemed_at == when and info.redeemed_by == "Bia"
    with pytest.raises(DeskError, match="already redeemed on .* by Bia"):
        redeem_code(db, code=code, now=when + timedelta(minutes=5))
    assert check_code(db, code=code).redeemed_at == when  # the first redemption stands


def test_an_expired_code_is_refused(db):
    reward_on(db)
    code = issued(db)
    info = check_code(db, code=code, now=NOW)
    with pytest.raises(DeskError, match=r"expired: it could be used until"):
        redeem_code(db, code=code, now=info.expires_at)
    assert check_code(db, code=code, now=info.expires_at).state is RewardState.EXPIRED
    # the last moment of its last day still counts
    just_before = info.expires_at - timedelta(seconds=1)
    assert redeem_code(db, code=code, now=just_before).state is RewardState.REDEEMED


def test_a_code_lasts_to_the_end_of_its_last_local_day():
    issued_at = datetime(2026, 12, 1, 23, 30, tzinfo=UTC)
    expires = expiry_for(issued_at, 60)
    local_issue_day = issued_at.astimezone().date()
    assert last_day(expires) == local_issue_day + timedelta(days=60)
    assert expires.astimezone().time().isoformat() == "00:00:00"


def test_staff_redeeming_at_the_same_moment_redeem_once(db):
    reward_on(db)
    code = issued(db)
    outcomes: list[str] = []

    def redeem(staff: str) -> None:
        try:
            redeem_code(db, code=code, staff=staff)
            outcomes.append("redeemed")
        except DeskError as error:
            outcomes.append(str(error))

    threads = [threading.Thread(target=redeem, args=(f"till {n}",)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert outcomes.count("redeemed") == 1
    assert all("already redeemed" in o for o in outcomes if o != "redeemed"), outcomes
    assert len(outcomes) == 8


def test_export_writes_every_code_for_the_till(db, tmp_path):
    reward_on(db)
    first = issued(db, now=NOW)
    second = issued(db, name="Caio Lima", now=NOW + timedelta(days=1))
    redeem_code(db, code=first, now=NOW + timedelta(days=2))
    settings(db, {REWARD_KIND: "amount", REWARD_VALUE: 500, REWARD_MIN_PURCHASE: 0})
    third = issued(db, name="Dora Reis", now=NOW + timedelta(days=2))
    out = tmp_path / "codes.csv"
    assert export_codes(db, out, now=NOW + timedelta(days=61, hours=12)) == 3
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert tuple(rows[0]) == CSV_HEADER
    by_code = {row[0]: dict(zip(CSV_HEADER, row, strict=True)) for row in rows[1:]}
    assert [row[0] for row in rows[1:]] == [first, second, third]  # in order of issue
    assert by_code[first]["state"] == "redeemed"
    assert by_code[second] | {"issued": "", "expires": ""} == {
        "code": second,
        "kind": "percent",
        "value": "10",
        "min_purchase": "20.00",
        "issued": "",
        "expires": "",
        "state": "expired",
    }
    assert by_code[third]["kind"] == "amount" and by_code[third]["value"] == "5.00"
    assert by_code[third]["min_purchase"] == "0.00" and by_code[third]["state"] == "issued"
    info = check_code(db, code=third)
    assert by_code[third]["expires"] == info.last_day.isoformat()
    assert by_code[third]["issued"] == info.issued_at.astimezone().date().isoformat()
    assert not list(tmp_path.glob(".*partial"))


def test_export_to_a_folder_that_cannot_be_written_says_so(db, tmp_path):
    with pytest.raises(DeskError, match="Cannot write"):
        export_codes(db, tmp_path / "missing" / "codes.csv")


def test_describe_a_reward_in_both_languages(db):
    reward_on(db)
    info = check_code(db, code=issued(db), now=NOW)
    day = info.last_day
    assert describe_reward(info, "EUR", "en") == (
        f"10% off your next purchase over €20.00, until {day.day} {day:%b} {day.year}"
    )
    pt = describe_reward(replace(info, currency="BRL"), "EUR", "pt_BR")
    assert pt.startswith("10% de desconto na sua próxima compra acima de R$\xa020,00, até ")
    assert pt.endswith(f"{day.year}")
    # a code's amounts are in its return's currency, whatever the shop's is now
    assert info.currency == "EUR" and "€20.00" in describe_reward(info, "BRL", "en")
    settings(db, {REWARD_KIND: "amount", REWARD_VALUE: 500, REWARD_MIN_PURCHASE: 0})
    amount = check_code(db, code=issued(db, name="Caio Lima"))
    assert describe_reward(amount, "EUR", "en").startswith("€5.00 off your next purchase, until")


def test_a_portuguese_slip_says_the_amount_in_reais_and_the_day_in_portuguese(db):
    reward_on(db)
    settings(db, {REWARD_KIND: "amount", REWARD_VALUE: 1500, REWARD_MIN_PURCHASE: 10000})
    info = replace(check_code(db, code=issued(db), now=NOW), currency="BRL")
    said = describe_reward(info, "EUR", "pt_BR")
    assert said.startswith(
        "R$\xa015,00 de desconto na sua próxima compra acima de R$\xa0100,00, até "
    )
    month = {1: "jan.", 2: "fev.", 3: "mar.", 4: "abr.", 5: "mai.", 6: "jun.", 7: "jul."}
    month |= {8: "ago.", 9: "set.", 10: "out.", 11: "nov.", 12: "dez."}
    day = info.last_day
    assert said.endswith(f"até {day.day} de {month[day.month]} de {day.year}")
    assert describe_reward(info, "EUR", "pt-BR") == said  # as a customer's language is stored
    set_language("pt_BR")
    assert describe_reward(info, "EUR", None) == said  # None: the desk's own language


def test_refusals_are_said_in_the_desks_language(db):
    reward_on(db)
    code = issued(db)
    set_language("pt_BR")
    redeem_code(db, code=code, staff="Bia", now=NOW)
    with pytest.raises(DeskError, match=f"^{code} já foi usado em .* às .* por Bia.$"):
        redeem_code(db, code=code, now=NOW)
    with pytest.raises(NotFound, match="não é um código emitido por esta loja"):
        check_code(db, code="2222-2222-2222-2")


def test_the_code_of_a_return_is_found_with_where_it_stands(db):
    reward_on(db)
    return_id, _ = add_return(db, name="Caio Lima")
    assert reward_of_return(db, return_id=return_id) is None
    code = record_feedback(db, return_id=return_id, rating=4, source="phone", now=NOW).reward.code
    found = reward_of_return(db, return_id=return_id, now=NOW)
    assert (found.code, found.state, found.customer_name) == (code, RewardState.ISSUED, "Caio Lima")
    redeem_code(db, code=code, now=NOW + timedelta(days=1))
    later = reward_of_return(db, return_id=return_id, now=NOW + timedelta(days=2))
    assert later.state is RewardState.REDEEMED


def test_a_staff_name_with_a_nul_byte_is_refused_and_the_code_stays_issued(db):
    reward_on(db)
    code = issued(db)
    with pytest.raises(DeskError) as caught:
        redeem_code(db, code=code, staff="Bia\x00", now=NOW + timedelta(days=3))
    assert caught.value.errors == {
        "staff": "The staff name contains an invisible character (NUL); retype it."
    }
    assert check_code(db, code=code).state is RewardState.ISSUED
