"""The counter tablet's pages through Starlette's test client, over a real database."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from desk.codes import FeedbackSource
from desk.feedback.record import current_feedback
from desk.feedback.rewards import reward_of_return
from desk.models import CounterPairing, utcnow
from desk.portal import counter as desk_counter
from desk.settings import REWARD_KIND, SHOP_NAME, save_settings
from portal import guard
from portal.app import create_app
from portal.counter import DEVICE_COOKIE
from tests.portal.test_app import CSRF, logged

REFRESH = re.compile(r'<meta http-equiv="refresh" content="(\d+);url=/counter">')


@pytest.fixture
def client(db):
    save_settings(db, {SHOP_NAME: "Loja Verde"})
    with TestClient(create_app(db)) as test_client:
        yield test_client


def token_of(page) -> str:
    return CSRF.search(page.text)[1]


def pair(client, code: str, *, csrf: bool = True):
    form = client.get("/counter")
    fields = {"code": code}
    if csrf:
        fields["csrf"] = token_of(form)
    return client.post("/counter/pair", data=fields, follow_redirects=False)


def paired_client(db, client):
    answer = pair(client, desk_counter.new_pairing_code(db).code)
    assert answer.status_code == 303 and answer.headers["location"] == "/counter"
    return client


def test_an_unpaired_browser_sees_only_the_pairing_form(db, client):
    ret = logged(db)
    desk_counter.pair_tablet(db, code=desk_counter.new_pairing_code(db).code)  # another one
    desk_counter.ask_at_tablet(db, return_id=ret.id)
    page = client.get("/counter")
    assert page.status_code == 200 and 'action="/counter/pair"' in page.text
    assert "Júlia" not in page.text and ret.number not in page.text
    assert "Pair this tablet with the desk" in page.text and not REFRESH.search(page.text)
    for path in ("/counter/rate", "/counter/answer"):
        fields = {"csrf": token_of(page), "request": "1", "rating": "5"}
        answer = client.post(path, data=fields, follow_redirects=False)
        assert answer.status_code == 403 and "Júlia" not in answer.text
    assert current_feedback(db, return_id=ret.id) is None


def test_the_right_code_sets_a_strict_http_only_device_cookie(db, client):
    answer = pair(client, desk_counter.new_pairing_code(db).shown)
    assert answer.status_code == 303
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"{DEVICE_COOKIE}=") and "HttpOnly" in cookie
    assert "SameSite=strict" in cookie and "Path=/counter" in cookie and "Max-Age=" in cookie
    idle = client.get("/counter")
    assert "Welcome to Loja Verde" in idle.text and REFRESH.search(idle.text)[1] == "4"
    assert len(desk_counter.paired_tablets(db)) == 1


def test_a_wrong_or_expired_code_is_refused_and_pairs_nothing(db, client):
    code = desk_counter.new_pairing_code(db).code
    wrong = pair(client, f"{(int(code) + 1) % 10**6:06d}")
    assert wrong.status_code == 400 and "That code does not work" in wrong.text
    assert DEVICE_COOKIE not in wrong.headers.get("set-cookie", "")
    with db.session() as session, session.begin():
        for row in session.exec(select(CounterPairing)):
            row.expires_at = utcnow() - timedelta(seconds=1)
            session.add(row)
    assert pair(client, code).status_code == 400
    assert desk_counter.paired_tablets(db) == []


def test_pairing_without_its_csrf_token_is_refused(db, client):
    answer = pair(client, desk_counter.new_pairing_code(db).code, csrf=False)
    assert answer.status_code == 403 and desk_counter.paired_tablets(db) == []


def test_guessing_pairing_codes_is_rate_limited(db):
    code = desk_counter.new_pairing_code(db).code
    limiter = guard.RateLimiter(limit=5, window=60)
    with TestClient(create_app(db, limiter=limiter)) as client:
        guesses = [f"{(int(code) + n) % 10**6:06d}" for n in range(1, 7)]
        answers = [pair(client, guess).status_code for guess in guesses]
        assert answers[:5] == [400] * 5 and answers[5] == 429
        assert pair(client, code).status_code == 429  # even the right one, over the limit


def test_a_tablet_unpaired_at_the_desk_goes_back_to_the_pairing_form(db, client):
    paired_client(db, client)
    (tablet,) = desk_counter.paired_tablets(db)
    desk_counter.unpair_tablet(db, tablet_id=tablet.id)
    page = client.get("/counter")
    assert 'action="/counter/pair"' in page.text
    assert f'{DEVICE_COOKIE}=""' in page.headers["set-cookie"]


def test_the_flow_end_to_end_hands_out_the_code_and_stores_the_feedback(db, client):
    save_settings(db, {REWARD_KIND: "percent"})
    ret = logged(db)
    paired_client(db, client)
    assert "Júlia" not in client.get("/counter").text  # idle until staff ask
    request = desk_counter.ask_at_tablet(db, return_id=ret.id).request_id
    ask = client.get("/counter")
    assert "Como foi a sua devolução hoje, Júlia?" in ask.text and '<html lang="pt-BR">' in ask.text
    assert ask.text.count('name="rating"') == 5 and "Excelente" in ask.text
    assert ret.number not in ask.text and "Chaleira" not in ask.text  # only the question
    fields = {"csrf": token_of(ask), "request": str(request), "rating": "5"}
    comment_page = client.post("/counter/rate", data=fields)
    assert comment_page.status_code == 200 and 'name="comment"' in comment_page.text
    assert current_feedback(db, return_id=ret.id) is None  # not before Send
    fields["comment"] = "Muito rápido!"
    thanks = client.post("/counter/answer", data=fields)
    code = reward_of_return(db, return_id=ret.id).code
    assert thanks.status_code == 200 and "Muito obrigado, Júlia!" in thanks.text
    assert code in thanks.text and REFRESH.search(thanks.text)[1] == "30"
    stored = current_feedback(db, return_id=ret.id)
    assert (stored.rating, stored.comment, stored.source) == (5, "Muito rápido!", "tablet")
    again = client.post("/counter/answer", data=fields, follow_redirects=False)
    assert again.status_code == 303  # answered once: back to idle
    assert "Boas-vindas à loja Loja Verde" not in client.get("/counter").text  # shop: en
    assert "Welcome to Loja Verde" in client.get("/counter").text


def test_skipping_the_comment_saves_the_rating_alone(db, client):
    ret = logged(db, language="en")
    paired_client(db, client)
    request = desk_counter.ask_at_tablet(db, return_id=ret.id).request_id
    fields = {"csrf": token_of(client.get("/counter")), "request": str(request), "rating": "2"}
    fields.update(comment="not sent", skip="1")
    assert "Thank you, Júlia!" in client.post("/counter/answer", data=fields).text
    stored = current_feedback(db, return_id=ret.id)
    assert (stored.rating, stored.comment, stored.source) == (2, "", FeedbackSource.TABLET)


def test_an_answer_without_csrf_or_for_an_old_request_saves_nothing(db, client):
    first, second = logged(db), logged(db, name="Ana Lima", email="ana@example.com")
    paired_client(db, client)
    old = desk_counter.ask_at_tablet(db, return_id=first.id).request_id
    desk_counter.ask_at_tablet(db, return_id=second.id)  # staff moved on
    token = token_of(client.get("/counter"))
    no_csrf = client.post("/counter/answer", data={"request": str(old), "rating": "5"})
    assert no_csrf.status_code == 403
    fields = {"csrf": token, "request": str(old), "rating": "5"}
    stale = client.post("/counter/answer", data=fields, follow_redirects=False)
    assert stale.status_code == 303 and current_feedback(db, return_id=first.id) is None
    assert "Ana" in client.get("/counter").text


def test_a_bad_rating_or_comment_keeps_what_was_typed(db, client):
    ret = logged(db, language="en")
    paired_client(db, client)
    request = desk_counter.ask_at_tablet(db, return_id=ret.id).request_id
    token = token_of(client.get("/counter"))
    bad = client.post("/counter/rate", data={"csrf": token, "request": request, "rating": "9"})
    assert bad.status_code == 400 and bad.text.count('name="rating"') == 5
    fields = {"csrf": token, "request": str(request), "rating": "4", "comment": "ok\x00"}
    kept = client.post("/counter/answer", data=fields)
    assert kept.status_code == 400 and "ok" in kept.text and 'role="alert"' in kept.text
    assert current_feedback(db, return_id=ret.id) is None


def test_a_comment_that_cannot_be_kept_is_refused_in_the_customers_words(db, client):
    ret = logged(db)  # Júlia, pt_BR
    paired_client(db, client)
    request = desk_counter.ask_at_tablet(db, return_id=ret.id).request_id
    token = token_of(client.get("/counter"))
    fields = {"csrf": token, "request": str(request), "rating": "4", "comment": "ok\x00"}
    kept = client.post("/counter/answer", data=fields)
    assert kept.status_code == 400
    assert "Não conseguimos guardar seu comentário" in kept.text and "Tell us" not in kept.text


def test_what_customers_wrote_is_escaped(db, client):
    ret = logged(db, name="<b>Bob</b> Doe", language="en")
    paired_client(db, client)
    request = desk_counter.ask_at_tablet(db, return_id=ret.id).request_id
    ask = client.get("/counter")
    assert "<b>Bob</b>" not in ask.text and "&lt;b&gt;Bob&lt;/b&gt;" in ask.text
    fields = {"csrf": token_of(ask), "request": str(request), "rating": "3"}
    fields["comment"] = "<script>alert(1)</script>" + "x" * 2000  # too long: shown back
    kept = client.post("/counter/answer", data=fields)
    assert "<script>alert" not in kept.text and "&lt;script&gt;alert(1)" in kept.text


def test_every_tablet_answer_carries_the_safety_headers(db, client):
    for answer in (client.get("/counter"), pair(client, "000000")):
        for name, value in guard.HEADERS.items():
            assert answer.headers[name] == value
