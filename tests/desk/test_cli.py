"""The headless commands, run as a user would: `python main.py --db FILE ...`."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desk.codes import Event, FeedbackSource
from desk.db import open_database
from desk.i18n.formats import format_date
from desk.models import Feedback, Return
from desk.paths import sqlite_url
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, get_detail, save_return
from desk.services import move_return
from desk.settings import FEEDBACK_REQUEST_WHEN, NOTIFY, SMS_URL, set_settings
from desk.settings import SMS_ACCOUNT as SMS_ACCOUNT_SETTING
from desk.settings import SMTP_USER as SMTP_USER_SETTING
from tests.cli_here import run_here
from tests.desk.messages.test_outbox import configure, new_return, queue_one
from tests.fixtures_db import CliDatabase
from tests.fixtures_servers import SMS_ACCOUNT, SMS_TOKEN, SMTP_PASSWORD, free_port

REPO = Path(__file__).resolve().parents[2]
YEAR = datetime.now(UTC).year
FIRST = f"R-{YEAR}-00001"
SECOND = f"R-{YEAR}-00002"


def run(
    *args: str,
    db: CliDatabase | Path | None = None,
    env: dict[str, str | None] | None = None,
    stdin: str | None = None,
    fresh: bool = False,
):
    """Run `returndesk args` on database `db` (the test's, or an SQLite file), with `env`
    over the environment (None removes a variable) and `stdin` as its input; return the
    finished command. In this process (tests/cli_here.py) unless `fresh`: then in a new
    one, for what only a process shows (no traceback on screen, the language it starts in)."""
    argv = list(args)
    if isinstance(db, CliDatabase):
        argv = [*db.args(), *argv]
        env = {**db.env(), **(env or {})}
    elif db is not None:
        argv = ["--db", str(db), *argv]
    if not fresh:
        return run_here(argv, env, stdin)
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.run(
        [sys.executable, "main.py", *argv],
        cwd=REPO,
        env={key: value for key, value in environment.items() if value is not None},
        input=stdin,
        capture_output=True,
        encoding="utf-8",
        timeout=60,
    )


def fail_line(done) -> str:
    """The one line a failed command writes to stderr."""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("returndesk: "), done.stderr
    return lines[0]


@pytest.fixture
def shop_db(cli_db) -> CliDatabase:
    """The test's database with two received returns; closed before the commands run."""
    db = open_database(cli_db.url)
    try:
        with db.session() as session:
            save_return(
                session=session,
                draft=ReturnDraft(
                    reason="wrong_size",
                    staff="Ann",
                    note="at the counter",
                    new_customer=CustomerDraft(
                        name="José Álvares", email="jose@example.com", phone="+351 912 345 678"
                    ),
                    lines=[
                        LineDraft(
                            sku="SHOE-42",
                            description="Trail shoe",
                            serial="SN-1",
                            quantity=2,
                            unit_price_cents=4999,
                            condition="opened",
                        ),
                        LineDraft(sku="SOCK-1", quantity=3, unit_price_cents=250),
                    ],
                ),
            )
            save_return(
                session=session,
                draft=ReturnDraft(
                    reason="defective",
                    new_customer=CustomerDraft(name="Maria Lopes"),
                    lines=[LineDraft(sku="HAT-7", unit_price_cents=1500)],
                ),
            )
    finally:
        db.close()
    return cli_db


def stored(where: CliDatabase, number: str) -> tuple[str, int, list[tuple]]:
    """Read a return's status, version and timeline straight from the database."""
    db = open_database(where.url)
    try:
        with db.session() as session:
            detail = get_detail(session, number=number)
            return (
                detail.ret.status,
                detail.ret.version,
                [(c.from_status, c.to_status, c.staff, c.note) for c in detail.timeline],
            )
    finally:
        db.close()


def test_show_prints_the_whole_return(shop_db):
    done = run("show", FIRST, db=shop_db)

    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    out = done.stdout.splitlines()
    assert out[0] == f"{FIRST}  Received  (version 1)"
    assert out[1] == "Customer: José Álvares <jose@example.com, +351 912 345 678>"
    assert "  2 x SHOE-42 [SN-1] Trail shoe @ €49.99 = €99.98 (Opened, Restock)" in out
    assert "  3 x SOCK-1  @ €2.50 = €7.50 (Unopened, Restock)" in out
    assert "Total: €107.48" in out
    timeline = out[out.index("Timeline:") + 1 :]
    assert len(timeline) == 1
    assert timeline[0].endswith("new -> Received by Ann: at the counter")
    assert timeline[0].strip().startswith(format_date(datetime.now(UTC)))  # the desk's form


def test_show_ends_the_timeline_with_the_erasure(shop_db):
    from desk.customers.privacy import erase_customer

    db = open_database(shop_db.url)
    with db.session() as session:
        customer_id = get_detail(session, number=FIRST).customer.id
    erase_customer(db, customer_id, staff="Marta")
    db.close()
    out = run("show", FIRST, db=shop_db).stdout.splitlines()
    timeline = out[out.index("Timeline:") + 1 :]
    assert len(timeline) == 2 and "new -> Received" in timeline[0]
    assert timeline[1].endswith("Customer data erased on request by Marta.")
    assert out[1] == f"Customer: Erased customer #{customer_id}"


def test_show_takes_the_number_in_any_case(shop_db):
    done = run("show", SECOND.lower(), db=shop_db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{SECOND}  Received")
    assert "Customer: Maria Lopes\n" in done.stdout


def test_show_unknown_number(shop_db):
    done = run("show", "R-1999-99999", db=shop_db)
    assert done.returncode != 0
    assert done.stdout == ""
    assert "R-1999-99999" in fail_line(done)


def test_a_file_that_is_no_database_is_one_line_not_a_traceback(tmp_path):
    not_a_db = tmp_path / "customers.csv"
    not_a_db.write_text("name,email\nAna,ana@example.com\n" * 200)
    done = run("show", "R-2026-00001", db=not_a_db, fresh=True)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    line = fail_line(done)
    assert "Cannot open the database" in line and str(not_a_db) in line
    assert not_a_db.read_text().startswith("name,email")  # left as it was


def test_move_then_show(shop_db):
    done = run("move", FIRST, "refunded", "--staff", "Ann", db=shop_db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{FIRST} is now refunded."

    shown = run("show", FIRST, db=shop_db)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith(f"{FIRST}  Refunded  (version 2)")
    assert shown.stdout.rstrip().endswith("Received -> Refunded by Ann")
    assert stored(shop_db, SECOND)[:2] == ("received", 1)  # the other one is untouched


def test_illegal_move_is_refused_in_one_line(shop_db):
    done = run("move", FIRST, "closed", "--staff", "Ann", db=shop_db)
    assert done.returncode == 1
    assert done.stdout == ""
    assert "cannot be moved to closed" in fail_line(done)
    status, version, timeline = stored(shop_db, FIRST)
    assert (status, version, len(timeline)) == ("received", 1, 1)


def test_reject_needs_a_note(shop_db):
    done = run("move", SECOND, "rejected", db=shop_db)
    assert done.returncode == 1
    assert fail_line(done) == "returndesk: Say why the return is rejected."
    assert stored(shop_db, SECOND)[:2] == ("received", 1)

    done = run("move", SECOND, "rejected", "--note", "Worn outside", "--staff", "Bo", db=shop_db)
    assert done.returncode == 0, done.stderr
    status, version, timeline = stored(shop_db, SECOND)
    assert (status, version) == ("rejected", 2)
    assert timeline[-1] == ("received", "rejected", "Bo", "Worn outside")


@pytest.mark.parametrize("status", ["frozen", "Store credit issued"])
def test_unknown_status_is_a_usage_error(shop_db, status):
    done = run("move", FIRST, status, db=shop_db)
    assert done.returncode == 2
    assert "invalid choice" in done.stderr
    assert stored(shop_db, FIRST)[:2] == ("received", 1)


@pytest.mark.sqlite_only("RETURNDESK_DB names an SQLite file")
def test_database_from_the_environment(shop_db):
    done = run("show", FIRST, env={"RETURNDESK_DB": str(shop_db.path)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{FIRST}  Received")


@pytest.mark.sqlite_only("--db and RETURNDESK_DB name SQLite files")
def test_db_option_wins_over_the_environment(shop_db, tmp_path):
    other = tmp_path / "other.db"
    done = run("show", FIRST, db=shop_db.path, env={"RETURNDESK_DB": str(other)})
    assert done.returncode == 0, done.stderr
    assert not other.exists()


def test_default_database_is_in_the_user_data_folder(tmp_path):
    """With neither --db nor RETURNDESK_DB the file goes to the (test's) data folder."""
    done = run("show", FIRST)
    assert done.returncode == 1
    assert FIRST in fail_line(done)
    default = tmp_path / "xdg-data" / "ReturnDesk" / "returndesk.db"
    assert default.exists()
    db = open_database(sqlite_url(default))
    try:
        with db.session() as session:
            assert session.get(Return, 1) is None
    finally:
        db.close()


# Settings and the outbox from the command line (a subprocess sees no in-memory keyring).

NO_KEYRING = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}


def test_cli_config_set_get_list(db, cli_db):
    db.close()
    done = run("config", "set", "shop.name", "Loja Ação", db=cli_db)
    assert done.returncode == 0 and done.stdout.strip() == "shop.name = Loja Ação"
    assert run("config", "get", "shop.name", db=cli_db).stdout.strip() == "Loja Ação"
    listed = run("config", "list", db=cli_db).stdout
    assert "shop.name" in listed and "Loja Ação" in listed and "smtp.port" in listed
    bad = run("config", "set", "smtp.port", "99999", db=cli_db)
    assert bad.returncode == 1 and "65535" in fail_line(bad)
    unknown = run("config", "get", "shop.nope", db=cli_db)
    assert unknown.returncode == 1 and "Unknown setting" in fail_line(unknown)


def test_cli_set_password_without_keyring(db, cli_db):
    db.close()
    done = subprocess.run(
        [sys.executable, "main.py", *cli_db.args(), "config", "set-password", "smtp"],
        cwd=REPO,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **NO_KEYRING, **cli_db.env()},
        input=SMTP_PASSWORD + "\n",
        capture_output=True,
        encoding="utf-8",
        timeout=60,
    )
    assert done.returncode == 1
    assert "no secure password store" in fail_line(done)
    assert SMTP_PASSWORD not in done.stdout + done.stderr


def test_cli_move_notify_list_and_send(db, cli_db):
    configure(db, free_port())  # nobody listens there
    return_id, _ = new_return(db)
    with db.session() as session:
        number = session.get(Return, return_id).number
    db.close()

    moved = run("move", number, "approved", "--notify", "--staff", "Ana", db=cli_db)
    assert moved.returncode == 0, moved.stderr
    assert "queued" in moved.stdout and "jose@example.com" in moved.stdout
    listed = run("outbox", "list", db=cli_db)
    assert "queued" in listed.stdout and number in listed.stdout

    no_password = run("outbox", "send", db=cli_db, env=NO_KEYRING)
    assert no_password.returncode == 1
    assert "No SMTP password" in no_password.stderr
    assert "Sent 0, failed 0, not tried 1." in no_password.stdout

    with open_db(cli_db) as again, again.session() as session:
        set_settings(session, {SMTP_USER_SETTING: ""})
        session.commit()
    refused = run("outbox", "send", db=cli_db, env=NO_KEYRING)
    assert refused.returncode == 1
    assert "failed 1" in refused.stdout and "connection refused" in refused.stdout.lower()

    plain = run("move", number, "refunded", db=cli_db)
    assert plain.returncode == 0 and "queued" not in plain.stdout


class open_db:
    """A database opened for the length of a `with`."""

    def __init__(self, where: CliDatabase):
        self.db = open_database(where.url)

    def __enter__(self):
        return self.db

    def __exit__(self, *exc):
        self.db.close()


def test_cli_outbox_send_reads_password_from_stdin(db, cli_db, smtp_server):
    configure(db, smtp_server.port)
    return_id, _ = new_return(db)
    move_return(db, return_id=return_id, to="approved", expected_version=1, notify=True)
    db.close()
    done = outbox_send(cli_db, "--password-stdin", stdin=SMTP_PASSWORD + "\n")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Sent 1, failed 0" in done.stdout
    assert len(smtp_server.received) == 1
    assert SMTP_PASSWORD not in done.stdout + done.stderr


def test_cli_move_sends_automatic_events_without_notify(db, cli_db):
    configure(db, free_port())
    return_id, _ = new_return(db)
    with db.session() as session:
        number = session.get(Return, return_id).number
        set_settings(session, {NOTIFY[Event.APPROVED]: "auto"})
        session.commit()
    db.close()
    moved = run("move", number, "approved", db=cli_db)
    assert moved.returncode == 0, moved.stderr
    assert "queued" in moved.stdout
    plain = run("move", number, "refunded", db=cli_db)  # "ask": only with --notify
    assert "queued" not in plain.stdout


def test_cli_close_asks_for_feedback_and_send_skips_it_once_answered(db, cli_db, smtp_server):
    configure(db, smtp_server.port)
    return_id, _ = new_return(db)
    move_return(db, return_id=return_id, to="approved", expected_version=1, notify=False)
    move_return(db, return_id=return_id, to="refunded", expected_version=2, notify=False)
    with db.session() as session:
        number = session.get(Return, return_id).number
        set_settings(session, {FEEDBACK_REQUEST_WHEN: "now"})
        session.commit()
    db.close()
    closed = run("move", number, "closed", "--notify", db=cli_db)
    assert closed.returncode == 0, closed.stderr
    assert "Feedback request to jose@example.com queued for " in closed.stdout
    with open_db(cli_db) as again, again.session() as session:
        session.add(Feedback(return_id=return_id, rating=5, source=FeedbackSource.PHONE))
        session.commit()
    sent = outbox_send(cli_db, "--password-stdin", stdin=SMTP_PASSWORD + "\n")
    assert sent.returncode == 0, sent.stdout + sent.stderr
    assert "Sent 1, failed 0, not tried 0." in sent.stdout  # the "closed" message
    assert "1 feedback request no longer wanted, not sent." in sent.stdout
    assert "jose@example.com (cancelled): Not sent: feedback already given." in sent.stdout
    assert len(smtp_server.received) == 1


# `outbox send`: both secrets without a keyring, one line per channel, --now


def outbox_send(cli_db, *flags: str, stdin: str = "", env: dict[str, str] | None = None):
    """`returndesk outbox send FLAGS` with no keyring, `stdin` as its input."""
    return run("outbox", "send", *flags, db=cli_db, env={**NO_KEYRING, **(env or {})}, stdin=stdin)


def sms_ready(db, sms_server) -> None:
    with db.session() as session:
        set_settings(session, {SMS_URL: sms_server.url, SMS_ACCOUNT_SETTING: SMS_ACCOUNT})
        session.commit()


def test_cli_outbox_send_reads_both_secrets_from_stdin(db, cli_db, smtp_server, sms_server):
    configure(db, smtp_server.port)
    sms_ready(db, sms_server)
    queue_one(db)
    queue_one(db, email_addr="", phone="+351912345678", channel="sms")
    db.close()
    flags = ("--password-stdin", "--sms-token-stdin")
    done = outbox_send(cli_db, *flags, stdin=f"{SMTP_PASSWORD}\n{SMS_TOKEN}\n")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Sent 2, failed 0, not tried 0." in done.stdout
    assert len(smtp_server.received) == 1 and len(sms_server.received) == 1
    assert SMTP_PASSWORD not in done.stdout + done.stderr
    assert SMS_TOKEN not in done.stdout + done.stderr


def test_cli_outbox_send_takes_the_sms_token_from_stdin_or_the_environment(db, cli_db, sms_server):
    sms_ready(db, sms_server)
    queue_one(db, email_addr="", phone="+351912345678", channel="sms")
    queue_one(db, email_addr="", phone="+351912345679", channel="sms")
    db.close()
    done = outbox_send(cli_db, "--sms-token-stdin", "--limit", "1", stdin=SMS_TOKEN + "\n")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Sent 1, failed 0" in done.stdout
    env = {"RETURNDESK_SMS_TOKEN": SMS_TOKEN}
    done = outbox_send(cli_db, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert [m["To"] for m in sms_server.received] == ["+351912345678", "+351912345679"]
    assert SMS_TOKEN not in done.stdout + done.stderr


def test_cli_outbox_send_says_which_channel_could_not_be_sent(db, cli_db, sms_server):
    configure(db, free_port())  # nothing listens there
    sms_ready(db, sms_server)
    queue_one(db)
    queue_one(db, email_addr="maria@example.com")
    queue_one(db, email_addr="", phone="+351912345678", channel="sms")
    db.close()
    done = outbox_send(cli_db, "--password-stdin", stdin=SMTP_PASSWORD + "\n")
    assert done.returncode == 1
    assert "Sent 0, failed 1, not tried 2." in done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 2, done.stderr
    assert lines[0].startswith("Email not sent (2 waiting): Connection refused")
    assert lines[1].startswith("Text messages not sent (1 waiting): No SMS API token")


def test_cli_outbox_send_now_sends_a_backed_off_message(db, cli_db):
    from tests.fixtures_servers import SmtpServer

    server = SmtpServer()  # down for the first run
    configure(db, server.port)
    queue_one(db)
    db.close()
    first = outbox_send(cli_db, "--password-stdin", stdin=SMTP_PASSWORD + "\n")
    assert "failed 1" in first.stdout and "will retry" in first.stdout
    server.start()
    try:
        waiting = outbox_send(cli_db, "--password-stdin", stdin=SMTP_PASSWORD + "\n")
        assert "Sent 0, failed 0, not tried 0." in waiting.stdout  # backed off a minute
        now = outbox_send(cli_db, "--now", "--password-stdin", stdin=SMTP_PASSWORD + "\n")
    finally:
        server.stop()
    assert now.returncode == 0, now.stdout + now.stderr
    assert "Sent 1, failed 0, not tried 0." in now.stdout
    assert len(server.received) == 1


def test_version_prints_one_line_with_the_package_version():
    from desk.about import app_version

    done = run("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"returndesk {app_version()}\n"
    assert app_version()[0].isdigit()


def run_in_portuguese(*args: str, db: CliDatabase | None = None, fresh: bool = False):
    """Run `returndesk args` as on a computer whose language is Brazilian Portuguese (LANG
    only), in this process unless `fresh`."""
    unset: dict[str, str | None] = dict.fromkeys(("LANGUAGE", "LC_ALL", "LC_MESSAGES"))
    return run(*args, db=db, env={**unset, "LANG": "pt_BR.UTF-8"}, fresh=fresh)


ENGLISH_SENTENCES = (
    "usage:",
    "options:",
    "show this help message",
    "print a return with its lines",
    "the following arguments",
    "unrecognized arguments",
    "There is no return",
    "Customer:",
    "Timeline:",
    "cannot be moved",
    "error:",
)


def test_the_command_line_speaks_portuguese_on_a_portuguese_computer(shop_db):
    helped = run_in_portuguese("--help", fresh=True)  # as the process starts
    assert helped.returncode == 0, helped.stderr
    assert helped.stdout.startswith("uso: returndesk")
    for words in ("opções:", "mostra esta mensagem de ajuda e sai", "lê ou altera as configura"):
        assert words in helped.stdout, words
    missing = run_in_portuguese("show", "R-1999-99999", db=shop_db)
    assert fail_line(missing) == "returndesk: Não existe a devolução R-1999-99999."
    bad = run_in_portuguese("show", FIRST, "--bogus", db=shop_db)
    assert bad.returncode == 2 and bad.stderr.startswith("uso: returndesk")
    assert "returndesk: erro: argumentos não reconhecidos: --bogus" in bad.stderr
    required = run_in_portuguese("move", db=shop_db)
    assert "os seguintes argumentos são obrigatórios: NUMBER, STATUS" in required.stderr
    shown = run_in_portuguese("show", FIRST, db=shop_db)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0] == f"{FIRST}  Recebida  (versão 1)"
    assert lines[2] == "Motivo: Tamanho ou caimento errado"
    assert (
        "  2 x SHOE-42 [SN-1] Trail shoe @ €\u00a049,99 = €\u00a099,98 (Aberto, Voltar ao estoque)"
        in lines
    )
    assert lines[lines.index("Histórico:") + 1].endswith("nova -> Recebida por Ann: at the counter")
    refused = run_in_portuguese("move", FIRST, "closed", db=shop_db)
    assert "não pode passar para “encerrada”" in fail_line(refused)
    flag = run_in_portuguese("config", "get", "feedback.notify_owner", db=shop_db)
    assert flag.stdout == "não\n"
    said = "\n".join(
        p.stdout + p.stderr for p in (helped, missing, bad, required, shown, refused, flag)
    )
    assert [s for s in ENGLISH_SENTENCES if s in said] == []
