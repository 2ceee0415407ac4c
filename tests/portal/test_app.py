"""The customer space through Starlette's test client, over a real database."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from desk.models import Customer
from desk.portal.links import personal_link, revoke_links, token_for
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


def test_a_cancelled_return_says_nothing_more_is_needed_not_that_items_will_be_checked(db, client):
    from desk.codes import Status
    from desk.services import move_return

    for language, said, not_said in (
        ("en", "Cancelled on ", "We will check the items"),
        ("pt_BR", "Cancelada em ", "Vamos conferir os itens"),
    ):
        ret = logged(db, language=language, email=f"{language}@example.com")
        move_return(
            db, return_id=ret.id, to=Status.CANCELLED, expected_version=1, notify=False, note="x"
        )
        page = client.get(personal_link(db, number=ret.number))
        assert said in page.text and not_said not in page.text


def test_the_link_opens_the_return_in_the_customers_language(db, client):
    ret = logged(db)
    page = client.get(personal_link(db, number=ret.number))
    assert page.status_code == 200
    assert '<html lang="pt-BR">' in page.text and "Olá, Júlia!" in page.text
    assert f"Sua devolução {ret.number}" in page.text and "Recebida na loja" in page.text
    assert "Chaleira elétrica" in page.text and "89,90" in page.text
    assert "Vamos conferir os itens" in page.text  # what happens next, in Portuguese


@pytest.mark.parametrize(
    ("asked", "lang", "title"),
    [
        ({"accept-language": "pt-BR,pt;q=0.9,en;q=0.8"}, "pt-BR", "Encontre sua devolução"),
        ({"accept-language": "de-DE,pt;q=0.5"}, "pt-BR", "Encontre sua devolução"),
        ({"accept-language": "de-DE,fr;q=0.5"}, "en", "Find your return"),
        ({}, "en", "Find your return"),
    ],
)
def test_a_page_without_a_return_speaks_the_browsers_first_language_we_have(
    client, asked, lang, title
):
    page = client.get("/find", headers=asked)
    assert f'<html lang="{lang}">' in page.text and f"<h1>{title}</h1>" in page.text
    assert client.get("/find?lang=pt").text.count("Número da devolução") == 1


def test_the_preferences_offer_each_language_in_its_own_words(db, client):
    ret = logged(db)
    page = client.get(personal_link(db, number=ret.number) + "/preferences")
    assert "Como avisamos você sobre a sua devolução" in page.text
    assert '<option value="en" lang="en">English</option>' in page.text
    assert '<option value="pt_BR" lang="pt-BR" selected>Português (Brasil)</option>' in page.text


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


def test_find_by_number_and_contact_redirects_to_its_link(db, client):
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


def form_token(client, path: str) -> str:
    return CSRF.search(client.get(path).text)[1]


def test_feedback_from_the_link_reaches_the_desk_and_hands_out_the_code(db, client):
    from desk.feedback.record import current_feedback
    from desk.settings import REWARD_KIND, save_settings

    save_settings(db, {REWARD_KIND: "percent"})
    ret = logged(db)
    link = personal_link(db, number=ret.number)
    page = client.get(link + "/feedback")
    assert page.status_code == 200 and "Como foi a sua devolução hoje, Júlia?" in page.text
    token = CSRF.search(page.text)[1]
    done = client.post(
        link + "/feedback", data={"csrf": token, "rating": "4", "comment": "Rápido <b>e</b> fácil"}
    )
    assert done.status_code == 200 and "Muito obrigado, Júlia!" in done.text
    stored = current_feedback(db, return_id=ret.id)
    assert (stored.rating, stored.comment, stored.source) == (4, "Rápido <b>e</b> fácil", "portal")
    from desk.feedback.rewards import reward_of_return

    assert reward_of_return(db, return_id=ret.id).code in done.text


def test_feedback_without_a_rating_or_token_changes_nothing(db, client):
    from desk.feedback.record import current_feedback

    ret = logged(db)
    link = personal_link(db, number=ret.number)
    token = form_token(client, link + "/feedback")
    no_rating = client.post(link + "/feedback", data={"csrf": token, "comment": "hm"})
    assert no_rating.status_code == 400 and "Escolha um rosto de 1 a 5." in no_rating.text
    no_csrf = client.post(link + "/feedback", data={"rating": "5"})
    assert no_csrf.status_code == 403
    assert current_feedback(db, return_id=ret.id) is None
    assert client.get("/r/nothing/feedback").status_code == 404


def test_preferences_and_the_one_click_unsubscribe(db, client):
    ret = logged(db)
    link = personal_link(db, number=ret.number)
    token = form_token(client, link + "/preferences")
    saved = client.post(
        link + "/preferences", data={"csrf": token, "channel": "sms", "language": "en"}
    )
    assert saved.status_code == 200 and "Saved. Thank you." in saved.text  # now in English
    with db.session() as session:
        customer = session.get(Customer, ret.customer_id)
        assert (customer.preferred_channel, customer.preferred_language) == ("sms", "en")
    tok = link.rsplit("/", 1)[1]
    asked = client.get(f"/u/{tok}")
    assert asked.status_code == 200 and "Stop the messages" in asked.text
    done = client.post(f"/u/{tok}", data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and "we will not contact you" in done.text
    with db.session() as session:
        assert session.get(Customer, ret.customer_id).preferred_channel == "none"
    assert client.post("/u/" + "x" * 32).status_code == 404


def test_an_email_carries_a_one_click_unsubscribe_that_works(db, smtp_server):
    import email
    import email.policy

    from desk.messages.sender import send_due
    from desk.settings import PORTAL_PUBLIC_URL, save_settings
    from tests.desk.messages.test_sender import mail_ready, queue

    mail_ready(db, smtp_server)
    save_settings(db, {PORTAL_PUBLIC_URL: "https://returns.example.com"})
    message = queue(db, "Dora")
    assert send_due(db).sent == 1
    [envelope] = smtp_server.received
    sent = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert sent["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = str(sent["List-Unsubscribe"]).strip().strip("<>")
    assert url.startswith("https://returns.example.com/u/")
    with db.session() as session:  # the same stable token as the return's personal link
        assert url.rsplit("/", 1)[1] == token_for(session, message.return_id)
    with TestClient(create_app(db)) as client:  # the mail provider posts, no cookie
        done = client.post(url.removeprefix("https://returns.example.com"))
    assert done.status_code == 200
    with db.session() as session:
        from desk.models import Return

        customer_id = session.get(Return, message.return_id).customer_id
        assert session.get(Customer, customer_id).preferred_channel == "none"


def test_without_a_public_address_emails_have_no_unsubscribe_header(db, smtp_server):
    import email

    from desk.messages.sender import send_due
    from tests.desk.messages.test_sender import mail_ready, queue

    mail_ready(db, smtp_server)
    queue(db, "Edu")
    send_due(db)
    sent = email.message_from_bytes(smtp_server.received[0].content)
    assert sent["List-Unsubscribe"] is None
