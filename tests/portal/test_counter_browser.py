"""The counter tablet in a real browser: Debian's chromium through Selenium, tablet-sized.

The site runs in this process (uvicorn on a free port) over a real database; the browser
opens /counter, types the code staff read in Settings, waits on the idle screen until
staff ask (its refresh brings the question), taps a face, writes a comment, sends it and
reads the reward code; the test then finds the feedback in the database, as the desk would.
"""

from __future__ import annotations

import pytest

from desk.feedback.record import current_feedback
from desk.feedback.rewards import reward_of_return
from desk.portal import counter as desk_counter
from desk.settings import REWARD_KIND, SHOP_NAME, save_settings
from tests.portal import test_browser
from tests.portal.test_app import logged

pytestmark = test_browser.pytestmark
site = test_browser.site


@pytest.fixture
def tablet():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = test_browser.BROWSER
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=768,1024"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(test_browser.DRIVER), options=options)
    driver.set_page_load_timeout(20)
    yield driver
    driver.quit()


def test_a_tablet_pairs_then_the_customer_gives_feedback_with_the_faces(db, site, tablet):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait

    save_settings(db, {REWARD_KIND: "percent", SHOP_NAME: "Loja Verde"})
    ret = logged(db)
    tablet.get(f"{site}/counter")
    tablet.find_element(By.ID, "code").send_keys(desk_counter.new_pairing_code(db).shown)
    tablet.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    idle = WebDriverWait(tablet, 20).until(lambda b: b.find_element(By.CLASS_NAME, "counter-shop"))
    assert idle.text == "Welcome to Loja Verde"
    assert any(c["name"] == "rd_counter" and c["httpOnly"] for c in tablet.get_cookies())
    desk_counter.ask_at_tablet(db, return_id=ret.id)  # staff ask; the idle poll shows it
    title = WebDriverWait(tablet, 20).until(
        lambda b: b.find_element(By.CSS_SELECTOR, "h1.counter-title")
    )
    assert title.text == "Como foi a sua devolução hoje, Júlia?"
    faces = tablet.find_elements(By.CSS_SELECTOR, "button.face-button")
    assert len(faces) == 5 and all(f.size["height"] >= 100 for f in faces)  # big targets
    assert tablet.execute_script("return document.documentElement.scrollWidth") <= 768
    faces[4].click()
    comment = WebDriverWait(tablet, 20).until(lambda b: b.find_element(By.ID, "comment"))
    comment.send_keys("Atendimento ótimo!")  # waited for: the click loads the comment page
    tablet.find_element(By.CSS_SELECTOR, "button.send").click()
    code = WebDriverWait(tablet, 20).until(lambda b: b.find_element(By.CSS_SELECTOR, ".code"))
    assert tablet.find_element(By.TAG_NAME, "h1").text == "Muito obrigado, Júlia!"
    stored = current_feedback(db, return_id=ret.id)
    assert (stored.rating, stored.comment, stored.source) == (5, "Atendimento ótimo!", "tablet")
    assert reward_of_return(db, return_id=ret.id).code == code.text
