"""`returndesk staff …` and `returndesk audit`, on the run's engine: a few through the real
entry point in a subprocess (standard input, a terminal, the login name), the rest through
main() in this process, as tests/test_cli_portuguese.py runs it."""

from __future__ import annotations

import csv
import io
import os
import pty
import select
import subprocess
import sys
from datetime import UTC, timedelta
from pathlib import Path

import pytest

from desk.cli import build_parser
from desk.db import open_database
from desk.models import utcnow
from desk.staff import accounts, signin
from desk.staff.audit import AuditQuery, entries
from desk.staff.audit_export import COLUMNS
from desk.staff.codes import ActingAs, AuditAction
from desk.staff.roles import Permission, Role
from desk.staff.tables import AuditEntry
from main import main
from tests.desk.staff.test_pin_secrecy import lock_out
from tests.desk.test_cli import REPO, fail_line, run_in_portuguese
from tests.fixtures_db import CliDatabase
from tests.test_cli_portuguese import english_in, names, portuguese_computer  # noqa: F401

ENTRY_POINT = Path(sys.executable).with_name("returndesk")
LOGIN = "caixa-teste"


def returndesk(*args: str, db: CliDatabase, stdin: str | bytes = b"", login: str = LOGIN):
    """Run the installed `returndesk` script as the computer's user `login`."""
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8", **db.env()}
    environment.update(LOGNAME=login, USER=login)
    done = subprocess.run(
        [str(ENTRY_POINT), *db.args(), *args],
        cwd=REPO,
        env=environment,
        input=stdin.encode() if isinstance(stdin, str) else stdin,
        capture_output=True,
        timeout=60,
    )
    done.stdout, done.stderr = done.stdout.decode(), done.stderr.decode()
    return done


@pytest.fixture
def here(cli_db_here, monkeypatch, capsys):
    """`here("staff", "list", stdin="…")`: main() in this process on the test's database, as
    the computer's user LOGIN; returns (exit code, stdout, stderr)."""

    def command(*args: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
        try:
            code = main([*cli_db_here.args(), *args])
        except SystemExit as done:  # argparse's own refusal (exit 2) and --help (0)
            code = done.code
        said = capsys.readouterr()
        return code, said.out, said.err

    monkeypatch.setenv("LOGNAME", LOGIN)
    monkeypatch.setenv("USER", LOGIN)
    return command


def audit_of(cli_db: CliDatabase) -> list[AuditEntry]:
    db = open_database(cli_db.url)
    try:
        with db.session() as session:
            return entries(session, AuditQuery())
    finally:
        db.close()


def test_the_entry_point_adds_with_a_pin_from_stdin_as_the_computers_user(cli_db):
    done = returndesk("staff", "add", "Ana Lúcia", "--role", "clerk", "--pin-stdin",
                      db=cli_db, stdin="739164\n")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Added Ana Lúcia (Clerk), with a PIN.\n"
    listed = returndesk("staff", "list", db=cli_db)
    assert listed.stdout.splitlines() == [
        "Name       Role   Active  PIN  Locked",
        "Ana Lúcia  Clerk  yes     yes  no",
        "Owner      Owner  yes     no   no",
    ]
    (added,) = audit_of(cli_db)
    assert (added.action, added.actor_name, added.acting_as) == (
        AuditAction.STAFF_ADDED,
        LOGIN,
        ActingAs.COMPUTER,
    )
    assert (added.subject, added.new_value, added.actor_id) == ("Ana Lúcia", "clerk", None)
    db = open_database(cli_db.url)
    try:
        assert signin.sign_in(db, "739164").name == "Ana Lúcia"
    finally:
        db.close()


def test_a_bad_pin_is_refused_in_one_line_with_exit_code_2(cli_db):
    cases = {
        "12\n": "A PIN has 4 to 8 digits.",
        "12ab56\n": "A PIN is digits only (0–9).",
        "444444\n": "one digit repeated",
        "": "No PIN was given on standard input",
        b"7391\xff64\n": "A PIN is digits only",  # bytes that are no text
    }
    for stdin, said in cases.items():
        done = returndesk("staff", "add", "Bia", "--role", "clerk", "--pin-stdin",
                          db=cli_db, stdin=stdin)  # fmt: skip
        assert done.returncode == 2, (stdin, done.stderr)
        assert said in fail_line(done) and done.stdout == ""
    assert [s.name for s in accounts_in(cli_db)] == ["Owner"]  # nothing was added


def accounts_in(cli_db: CliDatabase) -> list[accounts.StaffInfo]:
    db = open_database(cli_db.url)
    try:
        return accounts.list_staff(db)
    finally:
        db.close()


def test_set_pin_at_a_terminal_asks_twice_without_echo(cli_db):
    pin = "582039"
    done, shown = at_terminal(["staff", "set-pin", "Owner", "--pin-stdin"], [pin, pin], cli_db)
    assert done == 0, shown
    assert "PIN for Owner: " in shown and "The same PIN again: " in shown
    assert pin not in shown  # not echoed
    assert "PIN set for Owner." in shown
    differ, shown = at_terminal(
        ["staff", "set-pin", "Owner", "--pin-stdin"], [pin, "582093"], cli_db
    )
    assert differ == 2 and "The two PINs differ; nothing was changed." in shown
    db = open_database(cli_db.url)
    try:
        assert signin.sign_in(db, pin).name == "Owner"
    finally:
        db.close()


def at_terminal(args: list[str], answers: list[str], cli_db: CliDatabase) -> tuple[int, str]:
    """Run `returndesk ARGS` on a pseudo-terminal, typing each answer after each prompt
    (": "); return its exit code and all the terminal showed."""
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8", **cli_db.env()}
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, with the terminal as its own
        os.chdir(REPO)
        os.execve(str(ENTRY_POINT), [str(ENTRY_POINT), *cli_db.args(), *args], environment)
    shown, answers, asked = b"", list(answers), 0
    try:
        while True:
            ready, _w, _x = select.select([fd], [], [], 60)
            if not ready:
                break
            try:
                chunk = os.read(fd, 1024)
            except OSError:  # the command ended and closed the terminal
                break
            if not chunk:
                break
            shown += chunk
            if answers and shown[asked:].rstrip().endswith(b":"):  # a new prompt
                os.write(fd, answers.pop(0).encode() + b"\n")
                asked = len(shown)
    finally:
        os.close(fd)
    _pid, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), shown.decode("utf-8", errors="replace")


def test_disable_enable_and_what_they_refuse(here, cli_db):
    assert here("staff", "add", "Rui", "--role", "manager")[1] == (
        "Added Rui (Manager), without a PIN.\n"
    )
    code, out, err = here("staff", "add", "rui", "--role", "clerk")
    assert (code, out, err) == (2, "", "returndesk: There is already an account named Rui.\n")
    assert here("staff", "disable", "RUI")[:2] == (
        0,
        "Rui is turned off and can no longer sign in.\n",
    )
    assert here("staff", "disable", "Rui")[0] == 0  # already off: said again, audited once
    assert here("staff", "enable", "Rui")[:2] == (0, "Rui is turned on and can sign in again.\n")
    code, out, err = here("staff", "disable", "Owner")
    assert code == 2 and err.startswith("returndesk: The shop needs an active owner")
    assert here("staff", "disable", "Zé") == (1, "", "returndesk: There is no staff account Zé.\n")
    changes = [e for e in audit_of(cli_db) if e.action is AuditAction.STAFF_CHANGED]
    assert [(e.old_value, e.new_value) for e in changes] == [
        ("Rui · manager · off", "Rui · manager · active"),
        ("Rui · manager · active", "Rui · manager · off"),
    ]
    assert {(e.actor_name, e.acting_as) for e in changes} == {(LOGIN, ActingAs.COMPUTER)}


def test_list_shows_a_lock_while_it_lasts_and_set_pin_ends_it(here, cli_db):
    db = open_database(cli_db.url)
    try:
        accounts.add_staff(db, name="Ana", role=Role.CLERK, pin="739164")
        accounts.add_staff(db, name="Caio", role=Role.CLERK, pin="604917")
        lock_out(db, "Ana", "318275")
        lock_out(db, "Caio", "318275", now=utcnow() - timedelta(minutes=signin.LOCK_MINUTES + 5))
    finally:
        db.close()
    listed = here("staff", "list")[1].splitlines()
    assert listed[1:] == [
        "Ana    Clerk  yes     yes  yes",
        "Caio   Clerk  yes     yes  no",  # locked an hour ago for 15 minutes: no more
        "Owner  Owner  yes     no   no",
    ]
    assert here("staff", "set-pin", "Ana", "--pin-stdin", stdin="851726\n")[1] == (
        "PIN set for Ana.\n"
    )
    assert here("staff", "list")[1].splitlines()[1] == "Ana    Clerk  yes     yes  no"
    assert here("staff", "set-pin", "Ana", "--remove")[1] == "Ana has no PIN now.\n"
    code, _out, err = here("staff", "set-pin", "Ana", "--pin-stdin", stdin="604917\n")
    assert (code, err) == (2, "returndesk: Someone else has this PIN; choose another.\n")
    pins = [e for e in audit_of(cli_db) if e.action is AuditAction.PIN_SET]
    assert [(e.old_value, e.new_value) for e in pins] == [("••••••", None), ("••••••", "••••••")]


def test_grant_and_the_grants_matrix(here, cli_db):
    lines = here("staff", "grants")[1].splitlines()
    assert lines[0].split() == ["Permission", "Clerk", "Manager", "Owner"]
    assert len(lines) == 1 + len(Permission)
    redeem = next(line for line in lines if line.startswith("redeem_code "))
    assert redeem.split()[-3:] == ["-", "✓", "✓"] and "Redeem a reward code" in redeem
    assert here("staff", "grant", "clerk", "redeem_code", "on")[:2] == (
        0,
        "Clerk may now: redeem a reward code.\n",
    )
    redeem = next(line for line in here("staff", "grants")[1].splitlines() if "redeem_code" in line)
    assert redeem.split()[-3:] == ["✓", "✓", "✓"]
    assert here("staff", "grant", "manager", "settings", "off")[1] == (
        "Manager may no longer: change the shop's settings.\n"
    )
    code, _out, err = here("staff", "grant", "owner", "settings", "off")
    assert (code, err) == (2, "returndesk: The owner may always do everything.\n")
    (changed,) = [e for e in audit_of(cli_db) if e.action is AuditAction.GRANT_CHANGED]
    assert (changed.subject, changed.old_value, changed.new_value, changed.actor_name) == (
        "clerk: redeem_code",
        "False",
        "True",
        LOGIN,
    )


def add_entries(cli_db: CliDatabase) -> None:
    """Five audit entries at known times (inserting is what the audit allows)."""
    db = open_database(cli_db.url)
    rows = [
        ("2026-11-18 10:00", AuditAction.SETTING_CHANGED, "Owner", None, "shop.name"),
        ("2026-11-19 09:30", AuditAction.SIGNED_IN, "Ana", None, "Ana"),
        ("2026-11-20 23:59", AuditAction.POLICY_OVERRIDDEN, "Ana", "Rui", "R-2026-00007"),
        ("2026-11-21 00:00", AuditAction.CODE_REDEEMED, "Rui", None, "ABC-123"),
        ("2026-11-22 12:00", AuditAction.SIGNED_IN, "Rui", None, "Rui"),
    ]
    try:
        with db.session() as session:
            for at, action, who, approver, subject in rows:
                moment = datetime_of(at)
                session.add(
                    AuditEntry(at=moment, action=action, actor_name=who, approver_name=approver,
                               acting_as=ActingAs.PIN, subject=subject, computer="caixa")
                )  # fmt: skip
            session.commit()
    finally:
        db.close()


def datetime_of(text: str):
    """`text` (YYYY-MM-DD HH:MM) on this computer's clock, as an aware datetime."""
    from datetime import datetime

    return datetime.fromisoformat(text).astimezone()


def test_audit_prints_newest_first_and_filters(here, cli_db):
    add_entries(cli_db)
    lines = here("audit")[1].splitlines()
    assert lines == [
        "2026-11-22 12:00 · Rui · Signed in · Rui",
        "2026-11-21 00:00 · Rui · Reward code redeemed · ABC-123",
        "2026-11-20 23:59 · Ana, approved by Rui · Policy overridden · R-2026-00007",
        "2026-11-19 09:30 · Ana · Signed in · Ana",
        "2026-11-18 10:00 · Owner · Setting changed · shop.name",
    ]
    assert here("audit", "--from", "2026-11-19", "--to", "20/11/2026")[1].splitlines() == lines[2:4]
    assert here("audit", "--to", "2026-11-20")[1].splitlines() == lines[2:]  # the whole day
    assert here("audit", "--from", "21/11/2026")[1].splitlines() == lines[:2]
    assert here("audit", "--action", "signed_in")[1].splitlines() == [lines[0], lines[3]]
    both = here("audit", "--action", "signed_in", "--action", "code_redeemed")[1]
    assert both.splitlines() == lines[:2] + [lines[3]]
    assert here("audit", "--who", "rui")[1].splitlines() == lines[:3]  # approved counts too
    assert here("audit", "--who", "Nobody")[1] == "No audit entry matches.\n"


def test_audit_refuses_dates_it_cannot_read(here):
    code, out, err = here("audit", "--from", "yesterday")
    assert (code, out) == (2, "")
    assert err == (
        "returndesk: --from “yesterday” is not a date: write it as 20/11/2026 (dd/mm/yyyy) "
        "or 2026-11-20.\n"
    )
    assert here("audit", "--to", "31/02/2026")[0] == 2
    code, _out, err = here("audit", "--from", "2026-11-21", "--to", "2026-11-20")
    assert (code, err) == (2, "returndesk: --from (2026-11-21) is after --to (2026-11-20).\n")
    code, _out, err = here("audit", "--action", "nothing")
    assert code == 2 and "invalid choice: 'nothing'" in err


def test_audit_writes_csv(here, cli_db, tmp_path):
    add_entries(cli_db)
    out = tmp_path / "audit.csv"
    code, said, _err = here("audit", "--csv", str(out), "--who", "Ana")
    assert (code, said) == (0, f"Wrote 2 audit entries to {out}.\n")
    rows = list(csv.reader(out.open(encoding="utf-8", newline="")))
    assert tuple(rows[0]) == COLUMNS
    assert [dict(zip(COLUMNS, r, strict=True)) for r in rows[1:]][0] == {
        "at": datetime_of("2026-11-20 23:59").astimezone(UTC).isoformat(timespec="seconds"),
        "action": "policy_overridden",
        "actor": "Ana",
        "acting_as": "pin",
        "approved_by": "Rui",
        "subject": "R-2026-00007",
        "old": "",
        "new": "",
        "computer": "caixa",
    }
    code, _said, err = here("audit", "--csv", str(tmp_path / "no" / "such" / "audit.csv"))
    assert code == 1 and err.startswith("returndesk: Cannot write ")
    assert "No such file or directory" in err and len(err.splitlines()) == 1


def test_the_staff_commands_speak_portuguese(cli_db):
    added = run_in_portuguese("staff", "add", "Bia", "--role", "clerk", db=cli_db)
    assert added.stdout == "Bia (Atendente) adicionado(a), sem PIN.\n", added.stderr
    listed = run_in_portuguese("staff", "list", db=cli_db).stdout.splitlines()
    assert listed[0].split() == ["Nome", "Função", "Ativo", "PIN", "Bloqueada"]
    assert listed[1].split() == ["Bia", "Atendente", "sim", "não", "não"]
    refused = run_in_portuguese("audit", "--from", "ontem", db=cli_db)
    assert refused.returncode == 2
    assert fail_line(refused) == (
        "returndesk: --from “ontem” não é uma data: escreva como 20/11/2026 (dd/mm/aaaa) "
        "ou 2026-11-20."
    )
    shown = run_in_portuguese("audit", db=cli_db)
    assert shown.stdout.rstrip().endswith("Conta de funcionário criada · Bia"), shown.stderr


@pytest.mark.usefixtures("portuguese_computer")
def test_nothing_the_staff_commands_say_is_english_in_portuguese(here, tmp_path):
    said = []
    for args, stdin in (
        (("staff", "rename", "Owner", "Dona Lúcia"), ""),  # the first account's name is English
        (("staff", "rename", "Zé", "José"), ""),
        (("staff", "role", "Dona Lúcia", "clerk"), ""),
        (("staff", "add", "Bia", "--role", "clerk", "--pin-stdin"), "739164\n"),
        (("staff", "add", "bia", "--role", "clerk"), ""),
        (("staff", "add", "Caio", "--role", "clerk", "--pin-stdin"), "12\n"),
        (("staff", "set-pin", "Bia", "--pin-stdin"), ""),
        (("staff", "set-pin", "Bia", "--pin-stdin"), "582039\n"),
        (("staff", "set-pin", "Bia", "--remove"), ""),
        (("staff", "disable", "Bia"), ""),
        (("staff", "enable", "Bia"), ""),
        (("staff", "disable", "Owner"), ""),
        (("staff", "disable", "Zé"), ""),
        (("staff", "list"), ""),
        (("staff", "grants"), ""),
        (("staff", "grant", "clerk", "redeem_code", "on"), ""),
        (("staff", "grant", "clerk", "redeem_code", "off"), ""),
        (("staff", "grant", "owner", "settings", "off"), ""),
        (("audit",), ""),
        (("audit", "--action", "locked_out"), ""),
        (("audit", "--csv", str(tmp_path / "audit.csv")), ""),
        (("audit", "--csv", str(tmp_path / "no" / "audit.csv")), ""),
        (("audit", "--from", "amanhã"), ""),
        (("audit", "--from", "2026-11-21", "--to", "2026-11-20"), ""),
    ):
        code, out, err = here(*args, stdin=stdin)
        assert out or err.startswith("returndesk: "), args
        said.append(out + err)
    assert said[0] == "Owner agora se chama Dona Lúcia.\n"
    assert "Bia (Atendente) adicionado(a), com PIN." in said[3]
    assert said[-1].startswith("returndesk: --from (2026-11-21) é depois de --to (2026-11-20).")
    found = english_in("\n".join(said), names(build_parser()))
    assert not found, "English in what `returndesk staff` says:\n  " + "\n  ".join(found)


def test_rename_and_role(here, cli_db):
    assert here("staff", "rename", "owner", "Dona  Lúcia")[:2] == (
        0,
        "Owner is now called Dona Lúcia.\n",
    )
    here("staff", "add", "Rui", "--role", "manager")
    assert here("staff", "role", "rui", "owner")[:2] == (0, "Rui is now: Owner.\n")
    assert here("staff", "role", "dona lucia", "clerk")[:2] == (0, "Dona Lúcia is now: Clerk.\n")
    code, _out, err = here("staff", "rename", "Rui", "DONA LUCIA")
    assert (code, err) == (2, "returndesk: There is already an account named Dona Lúcia.\n")
    code, _out, err = here("staff", "role", "Rui", "manager")  # the last active owner
    assert code == 2 and "needs an active owner" in err
    changes = [e for e in audit_of(cli_db) if e.action is AuditAction.STAFF_CHANGED]
    assert [(e.subject, e.old_value, e.new_value) for e in changes] == [
        ("Dona Lúcia", "Dona Lúcia · owner · active", "Dona Lúcia · clerk · active"),
        ("Rui", "Rui · manager · active", "Rui · owner · active"),
        ("Dona Lúcia", "Owner · owner · active", "Dona Lúcia · owner · active"),
    ]
