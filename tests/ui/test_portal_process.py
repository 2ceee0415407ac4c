"""The customer space as the desk's child process: started at start when asked, checked,
and stopped when the desk closes."""

from __future__ import annotations

import os

from desk.settings import PORTAL_ENABLED, PORTAL_PORT, save_settings
from tests.fixtures_servers import free_port
from ui.main_window import MainWindow
from ui.portal_process import PortalState, _said, address_problem, answers, local_url

START_MS = 30_000


def test_the_desk_closing_stops_its_site(qtbot, db):
    port = free_port()
    save_settings(db, {PORTAL_ENABLED: True, PORTAL_PORT: port})
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.portal.start_if_enabled()
    qtbot.waitUntil(lambda: window.portal.state is PortalState.RUNNING, timeout=START_MS)
    assert answers(local_url("127.0.0.1", port))
    window.close()
    assert not window.portal.is_live()
    assert address_problem("127.0.0.1", port) is None
    assert not answers(local_url("127.0.0.1", port))


def test_the_site_stays_off_at_start_unless_the_owner_turned_it_on(db, portal):
    save_settings(db, {PORTAL_PORT: free_port()})
    portal.start_if_enabled()
    assert portal.state is PortalState.STOPPED and not portal.is_live()


def test_the_child_reads_the_desks_database_from_its_environment(qtbot, db, portal):
    port = free_port()
    portal.start("127.0.0.1", port)
    qtbot.waitUntil(lambda: portal.state is PortalState.RUNNING, timeout=START_MS)
    environment = portal.process.processEnvironment()
    assert environment.value("RETURNDESK_DATABASE_URL") == db.engine.url.render_as_string(
        hide_password=False
    )
    assert environment.value("RETURNDESK_PORTAL_PARENT") == str(os.getpid())
    assert all("RETURNDESK_DATABASE_URL" not in a for a in portal.process.arguments())
    assert portal.process.arguments()[-4:] == ["--host", "127.0.0.1", "--port", str(port)]


def test_a_site_that_stops_by_itself_is_said_in_a_sentence(qtbot, portal):
    port = free_port()
    portal.start("127.0.0.1", port)
    qtbot.waitUntil(lambda: portal.state is PortalState.RUNNING, timeout=START_MS)
    portal.process.kill()
    qtbot.waitUntil(lambda: portal.state is PortalState.FAILED, timeout=START_MS)
    assert portal.message.startswith("The customer space stopped: ")
    assert portal.message.endswith("Check the settings, then press Start.")


def test_what_a_child_said_becomes_one_sentence():
    said = "INFO: ...\nERROR: [Errno 98] error while attempting to bind: address already in use\n"
    assert _said(said, 8765) == "Port 8765 is in use: choose another port."
    assert _said("", 8765) == (
        "The customer space stopped: no reason given. Check the settings, then press Start."
    )


def test_addresses_the_computer_does_not_have_are_said_plainly():
    assert address_problem("192.0.2.1", free_port()).startswith(
        "This computer has no address 192.0.2.1: use 127.0.0.1"
    )
    assert local_url("0.0.0.0", 8765) == "http://127.0.0.1:8765"
    assert local_url("::1", 8765) == "http://[::1]:8765"


def test_a_closed_port_does_not_answer():
    assert answers(local_url("127.0.0.1", free_port()), timeout=0.5) is False
