"""The customer space served for real (uvicorn in its own process); its log has no token."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from desk.db import open_database
from desk.paths import ENV_PORTAL_PARENT
from desk.portal.links import KEY_ENV, personal_link
from portal.app import create_app
from portal.server import RequestLog, route_of
from tests.fixtures_servers import free_port
from tests.portal.test_app import logged


def test_the_request_log_names_the_route_not_the_token(db, caplog):
    ret = logged(db)
    link = personal_link(db, number=ret.number)
    token = link.rsplit("/", 1)[1]
    with (
        caplog.at_level(logging.INFO, logger="returndesk.portal"),
        TestClient(RequestLog(create_app(db))) as client,
    ):
        assert client.get(link).status_code == 200
    assert "GET /r/{token} 200" in caplog.text
    assert token not in caplog.text and "Júlia" not in caplog.text
    assert route_of("/find") == "/find"


def test_no_part_of_any_token_reaches_the_log(db, caplog):
    token = personal_link(db, number=logged(db).number).rsplit("/", 1)[1]
    with (
        caplog.at_level(logging.INFO, logger="returndesk.portal"),
        TestClient(RequestLog(create_app(db))) as client,
    ):
        client.get(f"/u/{token}")
        client.get(f"/r/{token}/instructions")
    assert "GET /u/{token} 200" in caplog.text
    assert "GET /r/{token}/instructions 200" in caplog.text
    assert token[:8] not in caplog.text


def test_returndesk_portal_serves_a_link_from_its_own_process(cli_db, monkeypatch):
    monkeypatch.setenv(KEY_ENV, "the key this desk and its customer space share")
    db = open_database(cli_db.url)
    link = personal_link(db, number=logged(db).number)
    db.close()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "main.py", *cli_db.args(), "portal", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **cli_db.env()},
    )
    try:
        page = None
        for _ in range(300):  # a busy machine starts the server slowly
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{link}", timeout=2) as r:
                    page = r.read().decode()
                break
            except OSError:
                time.sleep(0.1)
        assert page is not None and "Sua devolução" in page
    finally:
        server.terminate()
        out, err = server.communicate(timeout=10)
    assert f"Customer space on http://127.0.0.1:{port}/" in out
    assert "Personal links will not open" not in out
    assert link.rsplit("/", 1)[1] not in out + err


def test_the_health_url_answers_ok_without_touching_the_database(db):
    from sqlalchemy import event

    seen: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: seen.append(args[2]))
    with TestClient(RequestLog(create_app(db))) as client:
        answer = client.get("/healthz")
    assert (answer.status_code, answer.text) == (200, "ok")
    assert seen == []


def test_two_workers_serve_a_link_over_the_database_named_in_the_environment(cli_db, monkeypatch):
    monkeypatch.setenv(KEY_ENV, "the key this desk and its customer space share")
    db = open_database(cli_db.url)
    link = personal_link(db, number=logged(db).number)
    db.close()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "main.py", *cli_db.args(), "portal", "--port", str(port)]
        + ["--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **cli_db.env()},
    )
    try:
        pages = []
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{link}", timeout=2) as r:
                    pages.append(r.read().decode())
                if len(pages) == 4:
                    break
            except OSError:
                time.sleep(0.1)
        assert len(pages) == 4 and all("Sua devolução" in page for page in pages)
    finally:
        server.terminate()
        out, err = server.communicate(timeout=20)
    assert server.returncode is not None
    assert link.rsplit("/", 1)[1] not in out + err


def _alive(pid: int) -> bool:
    """True while `pid` runs (a zombie waiting for its new parent to reap it is gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1][0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as answer:
            return answer.read() == b"ok"
    except OSError:
        return False


@pytest.mark.skipif(sys.platform == "win32", reason="Windows orphans keep their parent's id")
def test_a_site_started_by_a_desk_stops_when_the_desk_dies_without_closing(cli_db):
    port = free_port()
    desk = (
        "import os, subprocess, sys, time\n"
        f"env = dict(os.environ, {ENV_PORTAL_PARENT}=str(os.getpid()))\n"
        f"args = [sys.executable, 'main.py', *{cli_db.args()!r}, 'portal', '--port', '{port}']\n"
        "print(subprocess.Popen(args, env=env).pid, flush=True)\n"
        "time.sleep(600)\n"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", desk],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, **cli_db.env()},
    )
    site = int(parent.stdout.readline())
    try:
        for _ in range(300):
            if _answers(port):
                break
            time.sleep(0.1)
        assert _answers(port)
        parent.kill()  # no closeEvent, no aboutToQuit: as a crash
        parent.wait(timeout=10)
        for _ in range(300):
            if not _alive(site):
                break
            time.sleep(0.1)
        assert not _alive(site)
    finally:
        if _alive(site):
            os.kill(site, signal.SIGKILL)
