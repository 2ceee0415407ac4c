"""The customer space through Starlette's test client, over a real database."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from desk.models import Customer
from desk.portal.links import personal_link, revoke_links
from desk.returns import CustomerDraft, LineDraft, ReturnDraft
from desk.services import create_return
from portal import guard
from portal.app import create_app

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def logged(db, *, name="Júlia Prado", language="pt_BR", email="julia@example.com"):
    draft = ReturnDraft(
        reason="defective",
        lines=[LineDraft(sku="KETTLE-9", description="Chaleira elétrica", unit_price_cents=8990)],
        new_customer=CustomerDraft(
            name=name, email=email, phone="+5511987650001", preferred_language=language
        ),
    )
    return create_return(db, draft=draft)


@pytest.fixture
def client(db):
    with TestClient(create_app(db)) as test_client:
        yield test_client


def test_the_link_opens_the_return_in_the_customers_language(db, client):
    ret = logged(db)
    page = client.get(personal_link(db, number=ret.number))
    assert page.status_code == 200
    assert '<html lang="pt-BR">' in page.text and "Olá, Júlia!" in page.text
    assert f"Sua devolução {ret.number}" in page.text and "Recebida na loja" in page.text
    assert "Chaleira elétrica" in page.text and "89,90" in page.text
    assert "Vamos conferir os itens" in page.text  # what happens next, in Portuguese


def test_every_answer_carries_the_safety_headers(db, client):
    for path in ("/find", "/r/nothing", "/static/portal.css", "/healthz"):
        answer = client.get(path)
        for name, value in guard.HEADERS.items():
            assert answer.headers[name] == value, (path, name)
    assert "script" not in guard.HEADERS["Content-Security-Policy"].replace("'none'", "")


def test_a_tampered_revoked_or_unknown_link_is_a_404_with_a_way_on(db, client):
    ret = logged(db, language="en")
    link = personal_link(db, number=ret.number)
    tampered = link[:-1] + ("A" if link[-1] != "A" else "B")
    assert client.get(link).status_code == 200
    for path in (tampered, "/r/" + "x" * 40):
        answer = client.get(path)
        assert answer.status_code == 404 and 'href="/find"' in answer.text
        assert ret.number not in answer.text
    revoke_links(db, number=ret.number)
    assert client.get(link).status_code == 404


def test_what_customers_wrote_is_escaped(db, client):
    ret = logged(db, name="<script>alert(1)</script> Ana", language="en")
    with db.session() as session:
        line_owner = session.get(Customer, ret.customer_id)
        assert line_owner.name.startswith("<script>")
    page = client.get(personal_link(db, number=ret.number))
    assert (
        "<script>" not in page.text and "Hello &lt;script&gt;alert(1)&lt;/script&gt;," in page.text
    )


def find(client, number, contact, *, csrf=True):
    form = client.get("/find")
    token = CSRF.search(form.text)[1]
    fields = {"number": number, "contact": contact}
    if csrf:
        fields["csrf"] = token
    return client.post("/find", data=fields, follow_redirects=False)


def test_find_by_number_and_contact_redirects_to_a_new_link(db, client):
    ret = logged(db)
    for contact in ("JULIA@example.com", "(11) 98765-0001"):
        answer = find(client, ret.number.lower(), contact)
        assert answer.status_code == 303 and answer.headers["location"].startswith("/r/")
        assert client.get(answer.headers["location"]).status_code == 200


def test_find_answers_the_same_whether_the_number_exists_or_not(db, client):
    ret = logged(db)
    wrong_contact = find(client, ret.number, "someone@example.com")
    no_such_return = find(client, "R-1999-00077", "julia@example.com")
    assert wrong_contact.status_code == no_such_return.status_code == 200
    strip = lambda text: CSRF.sub("", text).replace(ret.number, "").replace("R-1999-00077", "")  # noqa: E731
    assert strip(wrong_contact.text) == strip(no_such_return.text)


def test_a_form_without_its_csrf_token_is_refused(db, client):
    ret = logged(db)
    answer = find(client, ret.number, "julia@example.com", csrf=False)
    assert answer.status_code == 403


def test_guessing_return_numbers_is_rate_limited(db):
    ret = logged(db)
    with TestClient(create_app(db, limiter=guard.RateLimiter(limit=5, window=60))) as client:
        answers = [find(client, f"R-2026-{n:05d}", "x@example.com") for n in range(7)]
        assert [a.status_code for a in answers[:5]] == [200] * 5
        assert answers[5].status_code == 429 and answers[6].status_code == 429
        # the right answer is refused too, once over the limit: no oracle
        assert find(client, ret.number, "julia@example.com").status_code == 429


def test_the_rate_limit_forgets_after_its_window():
    limiter = guard.RateLimiter(limit=2, window=10)
    assert limiter.allow("ip:1", now=0) and limiter.allow("ip:1", now=1)
    assert not limiter.allow("ip:1", now=2)
    assert limiter.allow("ip:1", now=12.5)
