"""Hostile templates are bounded: in the check, the preview, a real move, on every engine.

No timed asserts: each hostile template must fail with its own clear message (a bound
that is never reached would let it run on); the command-line runs go through main() in
this process (tests/cli_here.py).
"""

from __future__ import annotations

import os

import pytest
from sqlalchemy import text
from sqlmodel import select

from desk.db import open_database
from desk.messages import bounds
from desk.messages.templating import TemplateError, check_template, render_message
from desk.models import MessageTemplate, OutboxMessage
from desk.paths import sqlite_url
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, get_detail, save_return
from tests.cli_here import run_here

PG_URL = os.environ.get("RETURNDESK_TEST_PG_URL")

HOSTILE = {
    "nested loops": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "range() would give 100,000 numbers (at most 10,000)",
    ),
    "nested loops within the range cap": (
        "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}",
        "run more than 100,000 times",
    ),
    "huge format width": ("{{ '%0300000000d'|format(1) }}", "format width 300,000,000"),
    "huge % width": ("{{ '%0300000000d' % 1 }}", "format width 300,000,000"),
    "huge str.format width": ("{{ '{:>{}}'.format(1, 300000000) }}", "format width"),
    "string multiplication": ("{{ 'x' * 10**9 }}", "repeated text is too long"),
    "a macro calling itself": (
        "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
        "more than 50 deep",
    ),
    "range(10**12)": ("{% for i in range(10**12) %}{% endfor %}", "1,000,000,000,000 numbers"),
    "doubling with ~": (
        "{% set a = 'x' * 100000 %}" + "{% set a = a ~ a %}" * 30 + "{{ a|length }}",
        "400,000 characters",
    ),
    "replace between every letter": ("{{ ('x' * 100000)|replace('', 'yy') }}", "characters"),
    "padding": ("{{ 'x'|center(10**9) }}", "width 1,000,000,000"),
    "a macro repeating text": (
        "{% macro m() %}{% for i in range(10000) %}{{ 'x' * 100000 }}{% endfor %}{% endmacro %}"
        "{{ m()|length }}",
        "more than 4,000,000 characters",
    ),
    "numbers without end": ("{% set a = 10**100 %}" + "{% set a = a * a %}" * 30, "too large"),
    "over 256 KB": ("{% for i in range(300) %}{{ 'x' * 1000 }}{% endfor %}", "over 256 KB"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_the_check_refuses_each_hostile_template_with_what_to_change(name):
    source, said = HOSTILE[name]
    problems = check_template(source, "text")
    assert len(problems) == 1, problems
    assert said in problems[0].message
    assert problems[0].message.endswith(".")


def test_too_slow_is_stopped_by_the_clock():
    source = (
        "{% for i in range(10000) %}"
        "{% set n = ((range(10000)|list) * 10)|unique|list|length %}{% endfor %}"
    )
    [problem] = check_template(source, "text")
    assert f"longer than {bounds.RENDER_SECONDS:g} s" in problem.message


def test_exponential_macro_calls_are_stopped():
    source = (
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(40) }}"
    )
    [problem] = check_template(source, "html")
    assert "more than 100,000 times" in problem.message or "longer than" in problem.message


def test_an_sms_over_ten_parts_is_refused_and_one_within_them_passes():
    long_sms = "{% for i in range(12) %}" + "y" * 150 + "{% endfor %}"
    [problem] = check_template(long_sms, "sms")
    assert "would take 12 SMS (at most 10)" in problem.message
    assert check_template("{% for i in range(9) %}" + "y" * 150 + "{% endfor %}", "sms") == []
    # the same text is fine in an email body
    assert check_template(long_sms, "text") == []


def test_ordinary_loops_filters_and_formats_still_work():
    source = (
        "{% for item in items %}{{ '%-10s|%5s'|format(item.sku, item.quantity) }}{% endfor %}"
        "{{ '{:>8}'.format(total) }} {{ range(5)|join(',') }} {{ 'ab' * 3 }}"
        "{% macro twice(x) %}{{ x ~ x }}{% endmacro %}{{ twice('no') }}{{ 2 ** 10 }}"
    )
    assert check_template(source, "text") == []


def new_return(session, language="en"):
    ret = save_return(
        session=session,
        draft=ReturnDraft(
            reason="wrong_size",
            new_customer=CustomerDraft(
                name="Ana Moreira", email="ana@example.com", preferred_language=language
            ),
            lines=[LineDraft(sku="SHOE-42", description="Trail shoe", unit_price_cents=1250)],
        ),
    )
    return get_detail(session, return_id=ret.id)


def _wipe(url: str) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def engine_url(request, db_path):
    """A fresh database on each engine (PostgreSQL when RETURNDESK_TEST_PG_URL is set)."""
    if request.param == "sqlite":
        yield sqlite_url(db_path)
        return
    if not PG_URL:
        pytest.skip("RETURNDESK_TEST_PG_URL is not set")
    _wipe(PG_URL)
    yield PG_URL
    _wipe(PG_URL)


@pytest.fixture
def engine_db(engine_url):
    database = open_database(engine_url)
    yield database
    database.close()


def store(database, event, part, source, language="en"):
    """Store a shop template as an older version would have (saving now refuses it)."""
    with database.session() as session:
        session.add(MessageTemplate(event=event, language=language, part=part, body=source))
        session.commit()


@pytest.mark.parametrize("name", ["nested loops", "huge format width", "a macro calling itself"])
def test_the_preview_names_the_template_and_what_to_change(engine_db, name):
    source, said = HOSTILE[name]
    with engine_db.session() as session:
        detail = new_return(session, language="pt_BR")
        session.commit()
        with pytest.raises(TemplateError) as caught:
            render_message(session, detail, "refunded", overrides={"sms": source})
    message = str(caught.value)
    assert message.startswith("The SMS template of the “Refund issued” message in Português")
    assert said in message and "Change it under Message templates" in message
    assert caught.value.part == "sms"


def test_a_move_with_a_hostile_template_moves_and_queues_nothing(engine_db):
    from desk.services import move_return

    with engine_db.session() as session:
        detail = new_return(session)
        session.commit()
    store(engine_db, "approved", "html", HOSTILE["nested loops within the range cap"][0])
    outcome = move_return(
        engine_db, return_id=detail.ret.id, to="approved", expected_version=1, notify=True
    )
    assert outcome.result.ret.status == "approved"
    assert outcome.message is None and outcome.template_failed
    assert "Email (HTML) template of the “Return approved”" in outcome.reason_not_sent
    assert "run more than 100,000 times" in outcome.reason_not_sent
    with engine_db.session() as session:
        assert session.exec(select(OutboxMessage)).all() == []


def run_cli(url: str, *args: str):
    """Run `returndesk args` (in this process) on the database at `url`."""
    return run_here(list(args), {"RETURNDESK_DATABASE_URL": url})


@pytest.mark.parametrize(
    "name",
    [
        "nested loops",
        "nested loops within the range cap",
        "huge format width",
        "string multiplication",
        "a macro calling itself",
        "range(10**12)",
    ],
)
def test_preview_and_move_notify_on_the_command_line(engine_url, name):
    source, said = HOSTILE[name]
    database = open_database(engine_url)
    with database.session() as session:
        number = new_return(session).ret.number
        session.commit()
    store(database, "approved", "text", source)
    database.close()

    preview = run_cli(engine_url, "preview", "--return", number, "--event", "approved")
    assert preview.returncode == 1
    [line] = preview.stderr.splitlines()
    assert line.startswith("returndesk: The Email (plain text) template of the “Return approved”")
    assert said in line

    moved = run_cli(engine_url, "move", number, "approved", "--notify")
    assert moved.returncode == 0, moved.stderr
    assert f"{number} is now approved." in moved.stdout
    assert "No message queued: The Email (plain text) template of the “Return" in moved.stdout
    assert said in moved.stdout
    database = open_database(engine_url)
    try:
        with database.session() as session:
            assert session.exec(select(OutboxMessage)).all() == []
    finally:
        database.close()


def test_compiling_is_off_the_clock_and_the_deadline_holds_after_it():
    import time

    with bounds.bounded(seconds=0.05):
        budget = bounds.current_budget()
        with bounds.off_the_clock():
            time.sleep(0.1)
        budget.check_time()  # the compile's time was not counted
        time.sleep(0.1)
        with pytest.raises(bounds.LimitExceeded, match="took longer than"):
            budget.check_time()
    assert bounds.current_budget() is None
