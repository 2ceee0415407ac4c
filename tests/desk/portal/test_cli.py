"""`returndesk link`: a return's personal link printed, or its links revoked;
`returndesk link-key`: the key copied between desks through a file, never printed."""

from __future__ import annotations

import os

from desk.cli import build_parser, run_command
from desk.db import open_database
from desk.portal.links import KEY_ENV, KEY_NAME, return_for_token
from desk.secrets import SERVICE
from desk.settings import PORTAL_PUBLIC_URL, save_settings
from tests.desk.portal.test_links import new_return
from tests.desk.test_cli import run

KEY = {KEY_ENV: "the shop's personal-link key for the tests"}


def test_link_prints_a_working_link_and_revoke_stops_it(cli_db, monkeypatch):
    monkeypatch.setenv(KEY_ENV, KEY[KEY_ENV])  # this process checks what the command made
    db = open_database(cli_db.url)
    ret = new_return(db)
    save_settings(db, {PORTAL_PUBLIC_URL: "https://returns.example.com"})
    db.close()
    done = run("link", ret.number, db=cli_db, env=KEY)
    assert done.returncode == 0, done.stderr
    [link] = done.stdout.splitlines()
    assert link.startswith("https://returns.example.com/r/")
    assert run("link", ret.number, db=cli_db, env=KEY).stdout.strip() == link
    db = open_database(cli_db.url)
    with db.session() as session:
        assert return_for_token(session, link.rsplit("/", 1)[1]) == ret.id
    db.close()
    revoked = run("link", ret.number.lower(), "--revoke", db=cli_db, env=KEY)
    assert revoked.stdout.strip() == (
        f"Every link to {ret.number} given so far stops working; "
        f"`returndesk link {ret.number}` prints its new one."
    )
    db = open_database(cli_db.url)
    with db.session() as session:
        assert return_for_token(session, link.rsplit("/", 1)[1]) is None
    db.close()
    assert run("link", ret.number, db=cli_db, env=KEY).stdout.strip() != link


def test_link_says_how_to_set_the_public_address_and_refuses_an_unknown_number(cli_db):
    db = open_database(cli_db.url)
    ret = new_return(db)
    db.close()
    done = run("link", ret.number, db=cli_db, env=KEY)
    assert done.stdout.startswith("/r/")
    assert "returndesk config set portal.public_url" in done.stdout
    unknown = run("link", "R-1999-00001", db=cli_db, env=KEY)
    assert unknown.returncode == 1 and "There is no return R-1999-00001." in unknown.stderr
    assert "Traceback" not in unknown.stderr


def test_without_any_key_the_link_command_says_how_to_get_one(cli_db):
    db = open_database(cli_db.url)
    ret = new_return(db)
    db.close()
    done = run(
        "link",
        ret.number,
        db=cli_db,
        env={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"},
    )
    assert done.returncode == 1
    assert "no secure password store" in done.stderr and KEY_ENV in done.stderr
    assert "Traceback" not in done.stderr


def test_link_key_exports_to_a_private_file_without_printing_it(cli_db, tmp_path):
    out = tmp_path / "link.key"
    done = run("link-key", "--export", str(out), db=cli_db, env=KEY)
    assert done.returncode == 0, done.stderr
    assert out.read_text().strip() == KEY[KEY_ENV]
    assert os.stat(out).st_mode & 0o777 == 0o600
    assert KEY[KEY_ENV] not in done.stdout + done.stderr
    again = run("link-key", "--export", str(out), db=cli_db, env=KEY)
    assert again.returncode == 1 and "exists already" in again.stderr


def test_link_key_import_refuses_what_is_not_a_key(cli_db, tmp_path):
    bad = tmp_path / "bad.key"
    bad.write_text("short\n")
    done = run("link-key", "--import", str(bad), db=cli_db)
    assert done.returncode == 1
    assert "holds no personal-link key" in done.stderr
    missing = run("link-key", "--import", str(tmp_path / "none"), db=cli_db)
    assert missing.returncode == 1 and "Cannot read" in missing.stderr


def test_link_key_import_keeps_the_key_in_the_keyring(tmp_path, memory_keyring):
    given = tmp_path / "link.key"
    given.write_text("the key the first desk exported\n")
    argv = ["--db", str(tmp_path / "x.db"), "link-key", "--import", str(given)]
    args = build_parser().parse_args(argv)
    assert run_command(args) == 0
    assert memory_keyring.secrets[(SERVICE, KEY_NAME)] == "the key the first desk exported"
