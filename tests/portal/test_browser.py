"""The customer space in a real browser: Debian's chromium through Selenium, phone-sized.

The site runs in this process (uvicorn on a free port, its own thread) over a real
database; the browser opens a personal link, reads the status, gives feedback with the
faces and a comment, and reads the reward code; the test then finds that feedback in
the database, as the desk would; and it reads the instructions page and downloads
their PDF.
"""

from __future__ import annotations

import email
import email.policy
import os
import re
import shutil
import threading
import time

import pytest

from desk.feedback.record import current_feedback
from desk.feedback.rewards import reward_of_return
from desk.messages.sender import send_due
from desk.models import Status
from desk.portal.links import personal_link
from desk.services import move_return
from desk.settings import PORTAL_PUBLIC_URL, REWARD_KIND, save_settings
from portal.app import create_app
from tests.fixtures_servers import free_port, point_mail_at
from tests.portal.test_app import logged

DRIVER = shutil.which("chromedriver")
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    not (DRIVER and BROWSER) and not os.environ.get("CI"),
    reason="chromium and chromium-driver are not installed (CI installs them)",
)


@pytest.fixture
def site(db):
    import uvicorn

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def downloads(tmp_path):
    folder = tmp_path / "downloads"
    folder.mkdir()
    return folder


@pytest.fixture
def browser(downloads):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = BROWSER
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu"):
        options.add_argument(flag)
    phone = {"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 3.0}}
    options.add_experimental_option("mobileEmulation", phone)
    saving = {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    options.add_experimental_option("prefs", saving)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    driver.set_page_load_timeout(20)
    yield driver
    driver.quit()


def link_in_received_email(server) -> str:
    """The "Follow your return" link of the one email `server` received, from its HTML part."""
    message = email.message_from_bytes(server.received[0].content, policy=email.policy.default)
    html = message.get_body(preferencelist=("html",)).get_content()
    links = re.findall(r'href="([^"]*/r/[^"]+)"', html)
    assert links, "the email carries no personal link"
    return links[0]


def test_a_customer_follows_the_link_in_a_received_email_and_gives_feedback_on_a_phone(
    db, site, browser, smtp_server
):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait

    point_mail_at(db, smtp_server.port)
    save_settings(db, {PORTAL_PUBLIC_URL: site, REWARD_KIND: "percent"})
    ret = logged(db)
    moved = move_return(db, return_id=ret.id, to=Status.INSPECTING, expected_version=1, notify=True)
    assert moved.message is not None
    assert send_due(db).sent >= 1  # through the real SMTP server on 127.0.0.1
    link = link_in_received_email(smtp_server)
    assert link == personal_link(db, number=ret.number)
    browser.get(link)
    assert browser.find_element(By.CSS_SELECTOR, ".status-words").text == "Em análise"
    assert browser.execute_script("return window.innerWidth") == 390  # a phone's width
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 390
    browser.find_element(By.LINK_TEXT, "Conte como foi a sua devolução").click()
    WebDriverWait(browser, 20).until(  # the click loads the feedback page
        lambda page: page.find_element(By.CSS_SELECTOR, "label[for=rating5]")
    ).click()
    browser.find_element(By.ID, "comment").send_keys("Muito rápido, obrigado!")
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    code = (
        WebDriverWait(browser, 20)
        .until(  # the thanks page, once the post is answered
            lambda page: page.find_element(By.CSS_SELECTOR, ".code")
        )
        .text
    )
    assert browser.find_element(By.TAG_NAME, "h1").text == "Muito obrigado, Júlia!"
    stored = current_feedback(db, return_id=ret.id)
    assert (stored.rating, stored.comment, stored.source) == (
        5,
        "Muito rápido, obrigado!",
        "portal",
    )
    assert reward_of_return(db, return_id=ret.id).code == code


def test_a_customer_reads_the_instructions_and_downloads_the_pdf(db, site, browser, downloads):
    from selenium.webdriver.common.by import By

    save_settings(db, {PORTAL_PUBLIC_URL: site})
    ret = logged(db)
    browser.get(personal_link(db, number=ret.number))
    browser.find_element(By.LINK_TEXT, "Instruções para a sua devolução").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Como devolver seus itens"
    assert browser.find_element(By.CSS_SELECTOR, ".hero-number").text == ret.number
    assert browser.find_element(By.CSS_SELECTOR, ".qr-box svg").size["width"] > 100
    icons = browser.find_elements(By.CSS_SELECTOR, "img.step-icon")
    assert icons and all(
        browser.execute_script("return arguments[0].naturalWidth", icon) > 0 for icon in icons
    )  # the icons load past the Content-Security-Policy
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 390
    browser.find_element(By.PARTIAL_LINK_TEXT, "PDF (A4)").click()
    saved = downloads / f"{ret.number}-instructions.pdf"
    for _ in range(200):
        if saved.exists():
            break
        time.sleep(0.1)
    assert saved.read_bytes().startswith(b"%PDF-")
    if shutil.which("pdftotext"):
        import subprocess

        text = subprocess.run(["pdftotext", str(saved), "-"], capture_output=True).stdout
        assert ret.number.encode() in text and b"Como devolver seus itens" in text
