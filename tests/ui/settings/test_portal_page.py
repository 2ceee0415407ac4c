"""The Customer space tab: Start, Stop, the state and its errors, over a real child process."""

from __future__ import annotations

import http.client
import socket

import pytest
import shiboken6
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices

from desk.settings import PORTAL_PORT, PORTAL_SETTINGS
from tests.fixtures_servers import free_port
from ui.portal_process import PortalState, address_problem
from ui.settings.dialog import SettingsDialog
from ui.settings.portal_page import PortalPage

START_MS = 30_000  # a child's start imports the app and opens the database: slow on a busy CI


def make_page(portal) -> PortalPage:
    """The tab with its setting rows, as the Settings dialog builds it."""
    widget = PortalPage(portal)
    for spec in PORTAL_SETTINGS:
        widget.add_setting(spec).set_value(spec.default)
    return widget


@pytest.fixture
def page(qtbot, portal):
    widget = make_page(portal)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def type_port(page, port: int) -> None:
    page.fields[PORTAL_PORT.key].set_value(port)


def test_the_settings_dialog_shows_this_page_for_the_customer_space(qtbot, db, portal):
    dialog = SettingsDialog(db, portal=portal)
    qtbot.addWidget(dialog)
    page = dialog.pages["Customer space"]
    assert isinstance(page, PortalPage) and page.portal is portal
    assert {spec.key for spec in PORTAL_SETTINGS} <= set(page.fields)
    assert page.state_label.text() == "Stopped."


def test_a_stopped_site_offers_start_only(page):
    assert page.state_label.text() == "Stopped."
    assert page.start_button.isEnabled()
    assert not page.stop_button.isEnabled() and not page.open_button.isEnabled()


def test_start_says_running_once_the_site_answers_then_stop_frees_the_port(qtbot, page, portal):
    port = free_port()
    type_port(page, port)
    qtbot.mouseClick(page.start_button, Qt.LeftButton)
    assert page.state_label.text() == f"Starting on port {port}…"
    qtbot.waitUntil(lambda: portal.state is PortalState.RUNNING, timeout=START_MS)
    assert page.state_label.text() == f"Running at http://127.0.0.1:{port}"
    assert page.open_button.isEnabled() and not page.start_button.isEnabled()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", "/find")
    answer = connection.getresponse()
    assert answer.status == 200 and b"<form" in answer.read()
    connection.close()
    qtbot.mouseClick(page.stop_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: portal.state is PortalState.STOPPED, timeout=START_MS)
    assert page.state_label.text() == "Stopped."
    assert address_problem("127.0.0.1", port) is None


def test_a_port_in_use_is_said_plainly_and_nothing_starts(qtbot, page, portal):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        type_port(page, port)
        qtbot.mouseClick(page.start_button, Qt.LeftButton)
        assert page.state_label.text() == f"Port {port} is in use: choose another port."
    assert portal.state is PortalState.FAILED and not portal.is_live()
    assert page.start_button.isEnabled()


def test_a_bad_port_is_marked_on_its_field_and_nothing_starts(qtbot, page, portal):
    field = page.fields[PORTAL_PORT.key]
    field.input.setValue(70_000)
    qtbot.mouseClick(page.start_button, Qt.LeftButton)
    assert field.error.label.text() == "A port is a number from 1 to 65535."
    assert portal.state is PortalState.STOPPED and not portal.is_live()


class UrlCatcher(QObject):
    def __init__(self):
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_open_in_browser_opens_the_running_site(qtbot, page, portal):
    port = free_port()
    type_port(page, port)
    qtbot.mouseClick(page.start_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: portal.state is PortalState.RUNNING, timeout=START_MS)
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("http", catcher, "open")
    try:
        qtbot.mouseClick(page.open_button, Qt.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("http")
    assert [u.toString() for u in catcher.urls] == [f"http://127.0.0.1:{port}/"]


def test_closing_the_page_leaves_the_desks_site_running(qtbot, portal):
    page, port = make_page(portal), free_port()
    type_port(page, port)
    qtbot.mouseClick(page.start_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: portal.state is PortalState.RUNNING, timeout=START_MS)
    page.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(page))
    assert portal.state is PortalState.RUNNING
    assert address_problem("127.0.0.1", port) == f"Port {port} is in use: choose another port."
