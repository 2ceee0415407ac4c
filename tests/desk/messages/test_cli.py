"""`returndesk preview` prints what `move --notify` queues; `outbox show` prints it as it leaves."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import select

from desk.cli import build_parser, run_command
from desk.codes import Channel
from desk.models import OutboxMessage
from desk.settings import PORTAL_PUBLIC_URL, SHOP_EMAIL, SHOP_NAME, SHOP_REPLY_TO, set_settings
from tests.desk.messages.test_templating import new_return

NOTE = "Belt shows wear marks"
REPO = Path(__file__).resolve().parents[3]


def returndesk(cli_db, capsys, *args) -> tuple[int, str, str]:
    """Run one command in this process; return its exit code, stdout and stderr."""
    capsys.readouterr()
    code = run_command(build_parser().parse_args([*cli_db.args(), *args]))
    out = capsys.readouterr()
    return code, out.out, out.err


def shop(db, extra=None) -> None:
    with db.session() as session:
        set_settings(
            session,
            {
                SHOP_NAME: "Sole Mates",
                SHOP_EMAIL: "shop@example.com",
                SHOP_REPLY_TO: "help@example.com",
                **(extra or {}),
            },
        )
        session.commit()


def queued(db) -> list[OutboxMessage]:
    with db.session() as session:
        return list(session.exec(select(OutboxMessage).order_by(OutboxMessage.id)))


@pytest.mark.parametrize("language", ["en", "pt_BR"])
@pytest.mark.parametrize("channel", ["email", "sms"])
def test_preview_prints_what_move_queues_and_outbox_show_prints_it(
    db, cli_db_here, capsys, channel, language
):
    shop(db, {PORTAL_PUBLIC_URL: "https://returns.example.com"})
    with db.session() as session:
        number = new_return(
            session,
            name="Joana Ribeiro",
            language=language,
            email="joana@example.com",
            phone="+351912345678",
            preferred_channel=channel,
        ).ret.number
        session.commit()
    options = ("--note", NOTE, "--staff", "Rita")
    code, previewed, err = returndesk(cli_db_here, capsys, "preview", number, "rejected", *options)
    assert (code, err) == (0, "")
    assert (NOTE in previewed) == (channel == "email")  # the SMS asks to call instead
    code, moved, err = returndesk(
        cli_db_here, capsys, "move", number, "rejected", *options, "--notify"
    )
    assert code == 0, err
    [message] = queued(db)
    code, shown, err = returndesk(cli_db_here, capsys, "outbox", "show", str(message.id))
    assert (code, err) == (0, "")
    assert shown.endswith(previewed)  # the same message, character for character
    recipient = "joana@example.com" if channel == "email" else "+351912345678"
    assert f"To: {recipient}\n" in previewed
    if channel == Channel.EMAIL:
        assert previewed == (
            f"To: {recipient}\nSubject: {message.subject}\n--- text ---\n{message.body_text}"
            f"--- html ---\n{message.body_html}"
        )
        assert "From: Sole Mates <shop@example.com>\n" in shown
        assert "Reply-To: help@example.com\n" in shown
        assert f"Message-ID: {message.message_id}\n" in shown
        assert "List-Unsubscribe: <https://returns.example.com/u/TOKEN>\n" in shown
        assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click\n" in shown
        if language == "en":
            assert f"The reason: {NOTE}\n" in previewed
    else:
        assert previewed == f"To: {recipient}\n--- SMS ---\n{message.body_text}\n"
        assert "From:" not in shown
    said = "Email" if channel == "email" else "SMS"
    assert shown.startswith(f"Message #{message.id} ({said}) for {number}: Return rejected; queued")


def test_preview_with_event_takes_the_timeline_note_unless_given(db, cli_db_here, capsys):
    shop(db)
    with db.session() as session:
        detail = new_return(session, name="Ana Moreira", email="ana@example.com")
        session.commit()
    number = detail.ret.number
    code, _, err = returndesk(
        cli_db_here, capsys, "move", number, "rejected", "--note", NOTE, "--staff", "Rita"
    )
    assert code == 0, err
    code, out, _ = returndesk(
        cli_db_here, capsys, "preview", "--return", number, "--event", "rejected"
    )
    assert code == 0 and f"The reason: {NOTE}" in out
    code, out, _ = returndesk(
        cli_db_here, capsys, "preview", "--return", number, "--event", "rejected", "--note", "Torn"
    )
    assert code == 0 and "The reason: Torn" in out and NOTE not in out


def test_preview_language_and_channel_options(db, cli_db_here, capsys):
    shop(db)
    with db.session() as session:
        number = new_return(session, name="Ana Moreira", email="ana@example.com").ret.number
        session.commit()
    code, out, err = returndesk(
        cli_db_here, capsys, "preview", number, "refunded", "--language", "pt_BR"
    )
    assert code == 0 and "Olá, Ana" in out and "R$" not in out and "€" in out
    code, out, err = returndesk(
        cli_db_here, capsys, "preview", number, "refunded", "--channel", "sms"
    )
    assert (code, out) == (1, "")
    assert err == (
        "returndesk: Ana Moreira has no phone number, so nothing can be sent by SMS: send it "
        "by email, or add the phone number to their details.\n"
    )


def test_preview_says_plainly_what_it_cannot_do(db, cli_db_here, capsys):
    with db.session() as session:
        walk_in = new_return(session, name="Walk-in").ret.number
        number = new_return(session, name="Ana Moreira", email="ana@example.com").ret.number
        session.commit()
    cases = [
        (("preview", walk_in, "refunded"), "Nothing would be queued: Walk-in has no email"),
        (("preview", number, "cancelled"), "returndesk: A move to cancelled sends no message."),
        (("preview", number), "returndesk: Say which message"),
        (("preview", "--event", "refunded"), "returndesk: Say which return"),
        (("preview", number, "refunded", "--event", "refunded"), "returndesk: Give a status"),
        (("outbox", "show", "999"), "returndesk: There is no message 999"),
    ]
    for args, said in cases:
        code, out, err = returndesk(cli_db_here, capsys, *args)
        assert (code, out) == (1, ""), args
        assert err.startswith(said), (args, err)


def preview(cli_db, *args):
    """Run `returndesk preview` as a user would, in a process of its own."""
    return subprocess.run(
        [sys.executable, "main.py", *cli_db.args(), "preview", *args],
        cwd=REPO,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **cli_db.env()},
        capture_output=True,
        encoding="utf-8",
        timeout=60,
    )


def test_preview_command(db, cli_db):
    with db.session() as session:
        set_settings(session, {SHOP_NAME: "Sole Mates"})
        session.commit()
        number = new_return(session, name="Ana Moreira", email="ana@example.com").ret.number
        pt = new_return(session, name="João Silva", language="pt_BR", phone="+5511912345678")
    db.close()

    done = preview(cli_db, "--return", number, "--event", "refunded")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    head = f"To: ana@example.com\nSubject: Ana, your refund for {number} is on its way\n"
    assert out.startswith(head + "--- text ---\nHi Ana,\n")
    text, html = out.split("\n--- html ---\n")
    assert "€12.50" in text
    assert html.lstrip().startswith("<!DOCTYPE html>")
    assert "Sole Mates" in html

    done = preview(cli_db, pt.ret.number, "closed")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("To: +5511912345678\n--- SMS ---\nSole Mates: Olá, João!")
    assert pt.ret.number in done.stdout

    done = preview(cli_db, "--return", pt.ret.number, "--event", "closed", "--language", "en")
    assert "Hi João, return" in done.stdout

    for args in (
        ("--return", number, "--event", "shipped"),
        ("--return", "R-1", "--event", "closed"),
    ):
        done = preview(cli_db, *args)
        assert done.returncode == 1
        lines = done.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("returndesk: "), done.stderr


def test_move_and_preview_take_the_same_channel_and_language(db, cli_db_here, capsys):
    shop(db)
    with db.session() as session:
        number = new_return(
            session, name="Joana Ribeiro", email="joana@example.com", phone="+351912345678"
        ).ret.number
        session.commit()
    options = ("approved", "--staff", "Rita", "--channel", "sms", "--language", "pt_BR")
    code, previewed, err = returndesk(cli_db_here, capsys, "preview", number, *options)
    assert (code, err) == (0, "")
    code, moved, err = returndesk(cli_db_here, capsys, "move", number, *options, "--notify")
    assert code == 0, err
    assert "Text message to +351912345678 queued" in moved
    [message] = queued(db)
    assert (message.channel, message.language) == ("sms", "pt_BR")
    code, shown, err = returndesk(cli_db_here, capsys, "outbox", "show", str(message.id))
    assert shown.endswith(previewed) and "Joana" in previewed


def test_outbox_words_read_in_portuguese():
    from desk.codes import OutboxState
    from desk.i18n.catalog import set_language
    from desk.messages.cli import state_word

    assert state_word(OutboxState.QUEUED) == "queued"
    set_language("pt_BR")
    assert [state_word(s) for s in (OutboxState.QUEUED, OutboxState.FAILED)] == [
        "na fila",
        "com falha",
    ]
