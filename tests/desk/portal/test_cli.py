"""`returndesk link`: a new personal link printed, or all of a return's links revoked."""

from __future__ import annotations

from desk.db import open_database
from desk.portal.links import return_for_token
from desk.settings import PORTAL_PUBLIC_URL, save_settings
from tests.desk.portal.test_links import new_return
from tests.desk.test_cli import run


def test_link_prints_a_working_link_and_revoke_stops_it(cli_db):
    db = open_database(cli_db.url)
    ret = new_return(db)
    save_settings(db, {PORTAL_PUBLIC_URL: "https://returns.example.com"})
    db.close()
    done = run("link", ret.number, db=cli_db)
    assert done.returncode == 0, done.stderr
    [link] = done.stdout.splitlines()
    assert link.startswith("https://returns.example.com/r/")
    db = open_database(cli_db.url)
    with db.session() as session:
        assert return_for_token(session, link.rsplit("/", 1)[1]) == ret.id
    db.close()
    revoked = run("link", ret.number.lower(), "--revoke", db=cli_db)
    assert revoked.stdout.strip() == f"Revoked 1 link to {ret.number}."
    db = open_database(cli_db.url)
    with db.session() as session:
        assert return_for_token(session, link.rsplit("/", 1)[1]) is None
    db.close()


def test_link_says_how_to_set_the_public_address_and_refuses_an_unknown_number(cli_db):
    db = open_database(cli_db.url)
    ret = new_return(db)
    db.close()
    done = run("link", ret.number, db=cli_db)
    assert done.stdout.startswith("/r/")
    assert "returndesk config set portal.public_url" in done.stdout
    unknown = run("link", "R-1999-00001", db=cli_db)
    assert unknown.returncode == 1 and "There is no return R-1999-00001." in unknown.stderr
    assert "Traceback" not in unknown.stderr
