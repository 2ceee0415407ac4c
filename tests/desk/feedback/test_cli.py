"""The `feedback` and `code` commands, run as a user would: `python main.py --db FILE ...`."""

from __future__ import annotations

import csv
from datetime import timedelta

import pytest
from sqlalchemy import update

from desk.db import open_database
from desk.feedback.codes import normalise_code
from desk.feedback.record import current_feedback
from desk.models import Return, RewardCode, utcnow
from tests.desk.feedback.test_record import add_return, reward_on
from tests.desk.test_cli import fail_line, run


@pytest.fixture
def shop_db(cli_db):
    """The test's database with one return, the reward on; closed before the commands run."""
    db = open_database(cli_db.url)
    try:
        reward_on(db)
        return_id, _ = add_return(db)
        with db.session() as session:
            number = session.get(Return, return_id).number
    finally:
        db.close()
    return cli_db, return_id, number


def code_in(stdout: str) -> str:
    (line,) = [line for line in stdout.splitlines() if line.startswith("Reward code: ")]
    return line.split()[2]


def test_feedback_prints_the_code_and_the_low_flag(shop_db):
    path, return_id, number = shop_db
    done = run("feedback", number, "--rating", "2", "--comment", "Slow", "--staff", "Bia", db=path)
    assert done.returncode == 0, done.stderr
    assert f"Feedback 2 of 5 recorded for {number}." in done.stdout
    code = code_in(done.stdout)
    assert "10% off your next purchase over €20.00, until" in done.stdout
    assert "Low rating flagged." in done.stdout
    assert "Email with the code to a@ex.com queued (thanks)." in done.stdout
    db = open_database(path.url)
    try:
        feedback = current_feedback(db, return_id=return_id)
    finally:
        db.close()
    assert (feedback.rating, feedback.comment, feedback.source, feedback.staff) == (
        2,
        "Slow",
        "phone",
        "Bia",
    )
    again = run("feedback", number, "--rating", "5", "--source", "reply", db=path)
    assert again.returncode == 0, again.stderr
    assert "replaces the earlier feedback" in again.stdout
    assert "Reward code" not in again.stdout and "Low rating" not in again.stdout
    assert len(normalise_code(code)) == 13


def test_feedback_refusals_are_one_line(shop_db):
    path, _, number = shop_db
    assert "Choose a rating from 1 to 5." in fail_line(
        run("feedback", number, "--rating", "6", db=path)
    )
    assert "There is no return" in fail_line(
        run("feedback", "R-1999-00001", "--rating", "3", db=path)
    )


def test_check_then_redeem_then_refuse(shop_db):
    path, _, number = shop_db
    code = code_in(run("feedback", number, "--rating", "5", db=path).stdout)
    typed = normalise_code(code).lower()
    checked = run("code", "check", typed, db=path)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith(f"{code}  issued\n")
    assert "Customer: Ana Souza" in checked.stdout
    redeemed = run("code", "redeem", code, "--staff", "Caio", db=path)
    assert redeemed.returncode == 0, redeemed.stderr
    assert redeemed.stdout.startswith(f"{code} redeemed: 10% off")
    twice = run("code", "redeem", code, db=path)
    assert twice.returncode == 1
    assert "already redeemed on" in fail_line(twice) and "by Caio" in fail_line(twice)
    after = run("code", "check", code, db=path)
    assert after.returncode == 1 and f"{code}  redeemed" in after.stdout


def test_expired_unknown_and_mistyped_codes_fail_with_one_line(shop_db):
    path, _, number = shop_db
    code = code_in(run("feedback", number, "--rating", "5", db=path).stdout)
    db = open_database(path.url)
    try:
        with db.session() as session:
            session.exec(update(RewardCode).values(expires_at=utcnow() - timedelta(days=1)))
            session.commit()
    finally:
        db.close()
    expired = run("code", "redeem", code, db=path)
    assert expired.returncode == 1 and "expired" in fail_line(expired)
    unknown = run("code", "redeem", "2222-2222-2222-2", db=path)
    assert unknown.returncode == 1 and "not a code this shop issued" in fail_line(unknown)
    typo = code[:-1] + ("2" if code[-1] != "2" else "3")
    mistyped = run("code", "check", typo, db=path)
    assert mistyped.returncode == 1 and "has a typo" in fail_line(mistyped)


def test_export_writes_a_csv_the_csv_module_reads(shop_db, tmp_path):
    path, _, number = shop_db
    code = code_in(run("feedback", number, "--rating", "4", db=path).stdout)
    out = tmp_path / "codes.csv"
    done = run("code", "export", "--csv", str(out), db=path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Wrote 1 code to {out}."
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["code"], r["kind"], r["value"], r["min_purchase"], r["state"]) for r in rows] == [
        (code, "percent", "10", "20.00", "issued")
    ]


PORTUGUESE = {"LANGUAGE": "pt_BR", "LANG": "pt_BR.UTF-8"}


def test_the_commands_speak_the_desks_language(shop_db, tmp_path):
    path, _, number = shop_db
    done = run("feedback", number, "--rating", "5", db=path, env=PORTUGUESE)
    assert done.returncode == 0, done.stderr
    assert f"Avaliação 5 de 5 registrada para {number}." in done.stdout
    (line,) = [x for x in done.stdout.splitlines() if x.startswith("Código de recompensa: ")]
    assert "(10% de desconto na sua próxima compra acima de €\xa020,00, até " in line
    code = line.split()[3]
    checked = run("code", "check", code, db=path, env=PORTUGUESE)
    assert (
        checked.stdout.startswith(f"{code}  emitido\n") and "Cliente: Ana Souza" in checked.stdout
    )
    out = tmp_path / "codes.csv"
    wrote = run("code", "export", "--csv", str(out), db=path, env=PORTUGUESE)
    assert wrote.stdout.strip() == f"1 código gravado em {out}."
    helped = run("code", "--help", env=PORTUGUESE)
    assert "check     o que um código dá e se ainda pode ser usado" in helped.stdout
