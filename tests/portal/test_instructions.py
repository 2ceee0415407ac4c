"""The instructions page and PDF of the customer space, through Starlette's test client."""

from __future__ import annotations

import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from html import unescape

import pytest
import segno
from starlette.testclient import TestClient

from desk.codes import Disposition
from desk.instructions.dropoff import DropOffDraft, save_point
from desk.portal.links import personal_link, revoke_links
from desk.returns import CustomerDraft, LineDraft, ReturnDraft
from desk.services import create_return, instructions_sheet
from desk.settings import SHOP_LOGO, SHOP_NAME, save_settings
from desk.words import section
from portal import guard
from portal.app import create_app
from portal.instructions import paper_for, qr_svg
from tests.portal.test_app import logged

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99"
    b"=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def client(db):
    with TestClient(create_app(db)) as test_client:
        yield test_client


def add_points(db) -> None:
    points = [
        DropOffDraft(name="Ecoponto Central", address="Rua A, 1", accepts_recycling=True),
        DropOffDraft(name="Bazar Solidário", address="Rua B, 2", accepts_donation=True),
        DropOffDraft(name="Oficina <b>Reuso</b>", address="Rua C, 3", accepts_reuse=True),
    ]
    with db.session() as session:
        for draft in points:
            save_point(session, draft)
        session.commit()


def recycled(db, *, language="pt_BR"):
    """A return whose only item goes to recycling."""
    draft = ReturnDraft(
        reason="defective",
        lines=[
            LineDraft(
                sku="LAMP-1",
                description="Luminária",
                unit_price_cents=4500,
                disposition=Disposition.RECYCLE,
            )
        ],
        new_customer=CustomerDraft(
            name="Rui Lima", email="rui@example.com", preferred_language=language
        ),
    )
    return create_return(db, draft=draft)


def visible_words(html: str) -> set[str]:
    """The words a reader sees: tags, the QR's SVG and the page's <title> left out."""
    body = html.split("<body>", 1)[1]
    body = re.sub(r"<svg.*?</svg>", " ", body, flags=re.S)
    text = unescape(re.sub(r"<[^>]+>", " ", body))
    return {word.lower() for word in re.findall(r"[^\W\d_]+", text)}


def language_words(language: str) -> set[str]:
    found: set[str] = set()
    for name in ("portal", "portal.instructions", "sheet.label", "sheet.text", "dropoff.kind"):
        for value in section(language, name).values():
            if isinstance(value, str):
                found |= {w.lower() for w in re.findall(r"[^\W\d_]+", value)}
    return found


def test_the_page_shows_the_sheet_in_portuguese_with_every_word_portuguese(db, client):
    save_settings(db, {SHOP_NAME: "Loja da Praça"})
    add_points(db)
    ret = logged(db)  # Júlia, pt_BR, a kettle to restock (reuse)
    page = client.get(personal_link(db, number=ret.number) + "/instructions")
    assert page.status_code == 200 and '<html lang="pt-BR">' in page.text
    sheet = instructions_sheet(db, return_number=ret.number, language="pt_BR")
    html = unescape(page.text)
    assert "<h1>Como devolver seus itens</h1>" in html and ret.number in html
    for step in sheet.steps:
        assert step.text in html and f'src="/static/icons/{step.icon}.svg"' in html
    assert sheet.deadline_text in html and "Mostre este código no balcão" in html
    assert "Baixar a folha em PDF (A4)" in html and "Voltar à sua devolução" in html
    english_only = language_words("en") - language_words("pt_BR")
    assert {"download", "step", "the", "return", "your"} <= english_only
    assert not visible_words(page.text) & english_only


def test_the_page_in_english(db, client):
    ret = logged(db, name="Ann Lee", language="en")
    page = client.get(personal_link(db, number=ret.number) + "/instructions")
    assert '<html lang="en">' in page.text and "<h1>How to return your items</h1>" in page.text
    assert "Show this code at the counter" in page.text
    assert "Download the sheet (PDF, A4)" in page.text
    sheet = instructions_sheet(db, return_number=ret.number, language="en")
    assert all(unescape(step.text) in unescape(page.text) for step in sheet.steps)


def test_the_qr_code_is_the_sheets_as_inline_svg(db, client):
    ret = logged(db, language="en")
    page = client.get(personal_link(db, number=ret.number) + "/instructions").text
    sheet = instructions_sheet(db, return_number=ret.number, language="en")
    svg = qr_svg(sheet.qr_text, f"QR code of return {ret.number}")
    assert svg in page and svg.startswith('<svg role="img"')
    expected = segno.make(sheet.qr_text, error="m", micro=False)
    assert f'viewBox="0 0 {expected.symbol_size(border=4)[0]}' in svg
    assert f"<title>QR code of return {ret.number}</title>" in svg


def test_only_the_points_that_take_these_items_are_listed(db, client):
    add_points(db)
    ret = recycled(db)
    page = client.get(personal_link(db, number=ret.number) + "/instructions").text
    assert "Ecoponto Central" in page and "Reciclagem" in page
    assert "Bazar Solidário" not in page and "Reuso" not in page
    kettle = logged(db)  # restocked: reuse
    page = client.get(personal_link(db, number=kettle.number) + "/instructions").text
    assert "Oficina &lt;b&gt;Reuso&lt;/b&gt;" in page and "Ecoponto Central" not in page


def test_what_customers_and_staff_wrote_is_escaped(db, client):
    save_settings(db, {SHOP_NAME: 'Shop "<i>'})
    add_points(db)
    ret = logged(db, name="<script>alert(1)</script> Ana", language="en")
    page = client.get(personal_link(db, number=ret.number) + "/instructions").text
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; Ana" in page
    assert "<b>Reuso</b>" not in page and "<i>" not in page


def test_the_shops_logo_is_shown_and_served(db, client, tmp_path):
    ret = logged(db, language="en")
    link = personal_link(db, number=ret.number)
    assert 'src="/static/logo"' not in client.get(link + "/instructions").text
    assert client.get("/static/logo").status_code == 404
    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG)
    save_settings(db, {SHOP_NAME: "Lume", SHOP_LOGO: str(logo)})
    assert (
        '<img class="logo" src="/static/logo" alt="Lume logo">'
        in client.get(link + "/instructions").text
    )
    served = client.get("/static/logo")
    assert served.status_code == 200 and served.headers["content-type"] == "image/png"
    assert served.content == PNG
    logo.write_bytes(b"not an image")
    assert client.get("/static/logo").status_code == 404


def test_icons_are_served_and_nothing_else(client):
    icon = client.get("/static/icons/pack.svg")
    assert icon.status_code == 200 and icon.headers["content-type"] == "image/svg+xml"
    assert icon.text.startswith("<svg") and "<script" not in icon.text
    assert client.get("/static/icons/leaf.svg").status_code == 200
    for name in ("nothing", "..%2Fpack", "pack.svg"):
        assert client.get(f"/static/icons/{name}.svg").status_code == 404


def test_the_return_page_links_to_its_instructions(db, client):
    ret = logged(db)
    link = personal_link(db, number=ret.number)
    token = link.rsplit("/", 1)[1]
    page = client.get(link).text
    assert f'<a class="button" href="/r/{token}/instructions">Instruções para a sua devolução' in (
        page
    )
    assert "<title>Sua devolução" in page and "<nav" not in page.split("</title>")[0]


def test_a_bad_token_is_the_usual_404_on_both(db, client):
    ret = logged(db, language="en")
    link = personal_link(db, number=ret.number)
    tampered = link[:-1] + ("A" if link[-1] != "A" else "B")
    for base in (tampered, "/r/" + "x" * 40):
        for tail in ("/instructions", "/instructions.pdf"):
            answer = client.get(base + tail)
            assert answer.status_code == 404 and 'href="/find"' in answer.text
            assert ret.number not in answer.text
    revoke_links(db, number=ret.number)
    assert client.get(link + "/instructions").status_code == 404
    assert client.get(link + "/instructions.pdf").status_code == 404


def test_the_safety_headers_are_on_the_page_and_the_pdf(db, client, qapp):
    ret = logged(db, language="en")
    link = personal_link(db, number=ret.number)
    for path in (link + "/instructions", link + "/instructions.pdf", "/static/icons/pack.svg"):
        answer = client.get(path)
        assert answer.status_code == 200
        for name, value in guard.HEADERS.items():
            assert answer.headers[name] == value, (path, name)


def test_the_paper_is_asked_or_follows_the_browsers_region(client):
    from starlette.requests import Request

    def request(query="", language=""):
        headers = [(b"accept-language", language.encode())] if language else []
        return Request({"type": "http", "query_string": query.encode(), "headers": headers})

    assert paper_for(request()) == "a4"
    assert paper_for(request(language="en-US,en;q=0.8")) == "letter"
    assert paper_for(request(language="pt-BR,pt;q=0.9")) == "a4"
    assert paper_for(request(language="en-GB")) == "a4"
    assert paper_for(request("paper=letter", "pt-BR")) == "letter"
    assert paper_for(request("paper=A4", "en-US")) == "a4"
    assert paper_for(request("paper=receipt", "en-CA")) == "letter"


def pdf_text(path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode()


def pdf_info(path) -> dict[str, str]:
    done = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    return dict(line.split(":", 1) for line in done.stdout.splitlines() if ":" in line)


needs_poppler = pytest.mark.skipif(
    subprocess.run(["which", "pdftotext"], capture_output=True).returncode != 0,
    reason="poppler-utils is not installed",
)


@needs_poppler
def test_the_pdf_is_the_desks_sheet_as_a_download(db, client, qapp, tmp_path):
    from ui.instructions.printing import write_pdf

    add_points(db)
    ret = recycled(db)
    answer = client.get(personal_link(db, number=ret.number) + "/instructions.pdf")
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    assert answer.headers["content-disposition"] == (
        f'attachment; filename="{ret.number}-instructions.pdf"'
    )
    site = tmp_path / "site.pdf"
    site.write_bytes(answer.content)
    desk = tmp_path / "desk.pdf"
    write_pdf(instructions_sheet(db, return_number=ret.number, language="pt_BR"), desk, "a4")
    text = pdf_text(site)
    assert text == pdf_text(desk)
    assert ret.number in text and "Ecoponto Central" in text and "Bazar" not in text
    assert pdf_info(site)["Page size"].split()[:3] == ["595", "x", "842"]  # A4


@needs_poppler
def test_letter_paper_when_asked_or_by_the_browsers_region(db, client, qapp, tmp_path):
    ret = logged(db, language="en")
    link = personal_link(db, number=ret.number)
    for answer in (
        client.get(link + "/instructions.pdf?paper=letter"),
        client.get(link + "/instructions.pdf", headers={"accept-language": "en-US"}),
    ):
        path = tmp_path / "letter.pdf"
        path.write_bytes(answer.content)
        assert pdf_info(path)["Page size"].split()[:3] == ["612", "x", "792"]  # US Letter
    page = client.get(link + "/instructions", headers={"accept-language": "en-US"}).text
    first = re.search(r'href="([^"]+instructions\.pdf[^"]*)"', page).group(1)
    assert first.endswith("?paper=letter")  # the region's paper is offered first


@needs_poppler
def test_pdfs_drawn_at_once_on_worker_threads_are_all_whole(db, client, qapp, tmp_path):
    ret = logged(db, language="en")
    link = personal_link(db, number=ret.number) + "/instructions.pdf"
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _: client.get(link), range(6)))
    texts = set()
    for i, answer in enumerate(answers):
        assert answer.status_code == 200 and answer.content.startswith(b"%PDF-")
        path = tmp_path / f"{i}.pdf"
        path.write_bytes(answer.content)
        texts.add(pdf_text(path))
    assert len(texts) == 1 and ret.number in texts.pop()


def test_a_pdf_that_cannot_be_made_says_so_on_the_page(db, client, qapp, tmp_path, monkeypatch):
    import tempfile

    ret = logged(db, language="en")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "gone"))  # no room to write it
    answer = client.get(personal_link(db, number=ret.number) + "/instructions.pdf")
    assert answer.status_code == 503 and answer.headers["content-type"].startswith("text/html")
    assert '<p class="problem" role="alert">The PDF could not be made just now.' in answer.text
    assert "<h1>How to return your items</h1>" in answer.text
