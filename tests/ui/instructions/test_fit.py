"""Nothing printed is cut: every format, both languages, long shop data (render.check_layout).

The layout says where each block went and which texts had to be elided; the PDF, read back
with pdftotext, holds the last words of every paragraph the sheet says.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date

import pytest
from PySide6.QtGui import QPdfWriter

from desk.demo.content import DEMO_DROPOFF_POINTS
from desk.instructions.dropoff import DropOffDraft, save_point
from desk.returns import CustomerDraft, LineDraft, ReturnDraft
from desk.services import create_return, instructions_sheet
from desk.settings import SHOP_ADDRESS, SHOP_HOURS, SHOP_NAME, SHOP_PHONE, set_setting
from desk.words import section
from ui.instructions.printing import write_pdf
from ui.instructions.render import check_layout

FORMATS = ("a4", "letter", "receipt")
LANGUAGES = ("en", "pt_BR")
LONG_SHOP = {
    SHOP_NAME: "Casa Albuquerque de Utilidades Domésticas, Ferragens e Presentes Ltda.",
    SHOP_ADDRESS: "Avenida Brigadeiro Faria Lima 3477, 14º andar, conjunto 142, Itaim Bibi, "
    "São Paulo – SP, 04538-133, Brasil",
    SHOP_PHONE: "+55 11 3456-7890 / +55 11 98765-4321 (WhatsApp)",
    SHOP_HOURS: "Mon–Fri 8:00–20:00, Sat 9:00–18:00, Sun and holidays 10:00–16:00",
}
LONG_POINTS = [
    DropOffDraft(
        name="Ecoponto Municipal Vila Mariana – Coleta Seletiva e Descarte de Eletrônicos",
        address="Rua Doutor Fabrício Vampré 120, fundos, Vila Mariana, São Paulo – SP, "
        "04014-020, ao lado da estação Ana Rosa do metrô",
        hours="Mon–Sat 6:00–22:00, Sun 6:00–18:00, closed on public holidays",
        accepts_reuse=True,
        accepts_recycling=True,
        accepts_donation=True,
        categories="electronics, batteries, cardboard, plastic packaging, light bulbs, phones",
    ),
    DropOffDraft(
        name="Bazar Solidário Casa Esperança",
        address="Avenida Jabaquara 1800, São Paulo",
        hours="Tue–Sat 9:00–17:00",
        accepts_donation=True,
        categories="clothes, shoes, toys, small appliances",
    ),
]
LONG_CUSTOMER = "Maria Eduarda Albuquerque-Vasconcelos de Bragança e Orléans"


def last_words(text: str, n: int = 3) -> str:
    return " ".join(text.split()[-n:])


def squash(text: str) -> str:
    """Text as pdftotext gives it back: one space between words; a line broken at a hyphen
    ("drop-" then "off") comes back joined ("dropoff"), so hyphens are left out."""
    return " ".join(text.split()).replace("-", "").replace("‑", "")


@pytest.fixture
def shop(db):
    with db.session() as session:
        for spec, value in LONG_SHOP.items():
            set_setting(session, spec, value)
        for point in LONG_POINTS:
            save_point(session, point)
        session.commit()
    return db


@pytest.fixture
def number(shop) -> str:
    draft = ReturnDraft(
        reason="defective",
        lines=[
            LineDraft(sku="KETTLE-9", description="Kettle", unit_price_cents=3490),
            LineDraft(sku="LAMP-2", unit_price_cents=1990, disposition="recycle"),
            LineDraft(sku="COAT-7", unit_price_cents=8990, disposition="donate"),
        ],
        new_customer=CustomerDraft(name=LONG_CUSTOMER, email="maria@example.com"),
    )
    return create_return(shop, draft=draft, today=date(2026, 11, 30)).number


def paragraphs(sheet) -> list[str]:
    """Every paragraph the sheet says, as the customer should be able to read it."""
    said = [sheet.title, sheet.deadline_text, sheet.sustainability_note]
    said += [step.text for step in sheet.steps]
    for point in sheet.dropoff_points:
        said += [point.name, point.address, point.hours]
        if point.categories:
            said.append(point.categories)
    return [s for s in said if s]


@pytest.mark.parametrize("paper", FORMATS)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("generic", [False, True], ids=["return", "generic"])
def test_every_block_is_placed_inside_its_page(
    qapp, tmp_path, shop, number, paper, language, generic
):
    sheet = instructions_sheet(shop, return_number=None if generic else number, language=language)
    device = QPdfWriter(str(tmp_path / "probe.pdf"))
    device.setResolution(300)
    assert check_layout(sheet, device, paper) == []


def test_the_check_sees_a_block_that_cannot_fit(qapp, tmp_path, shop):
    sheet = instructions_sheet(shop, language="en")
    from dataclasses import replace

    endless = replace(sheet, sustainability_note="Recycle. " * 6000)
    device = QPdfWriter(str(tmp_path / "probe.pdf"))
    device.setResolution(300)
    problems = check_layout(endless, device, "a4")
    assert problems and "Note" in problems[0]


@pytest.mark.parametrize("paper", FORMATS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_holds_the_last_words_of_every_paragraph(
    qapp, tmp_path, number, shop, paper, language
):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is missing: apt-get install poppler-utils")
    sheet = instructions_sheet(shop, return_number=number, language=language)
    pdf = tmp_path / f"{paper}-{language}.pdf"
    write_pdf(sheet, pdf, paper)
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60)
    text = squash(done.stdout)
    for paragraph in paragraphs(sheet):
        assert squash(last_words(paragraph)) in text, f"cut on {paper} ({language}): {paragraph!r}"
    assert squash(last_words(LONG_CUSTOMER)) in text
    assert squash(last_words(LONG_SHOP[SHOP_NAME])) in text


TABLES = ("sheet.text", "sheet.label", "dropoff.kind", "dropoff.hours", "dropoff.goods")
WORD = r"[^\W\d_]{3,}"


def english_words() -> set[str]:
    """The words the app itself may print in English (sheet, drop-off words), less those
    Portuguese uses too ("SKU", "metal")."""

    def words_of(language: str) -> set[str]:
        found = set()
        for table in (
            "sheet.text",
            "sheet.label",
            "dropoff.kind",
            "dropoff.hours",
            "dropoff.goods",
        ):
            for value in section(language, table).values():
                found |= {
                    w.casefold() for w in re.findall(r"[^\W\d_]{3,}", value.replace("|", " "))
                }
        return found

    return words_of("en") - words_of("pt_BR")


@pytest.mark.parametrize("paper", FORMATS)
def test_every_word_the_app_prints_on_a_portuguese_sheet_is_portuguese(qapp, tmp_path, db, paper):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is missing: apt-get install poppler-utils")
    with db.session() as session:
        for point in DEMO_DROPOFF_POINTS:  # typed by a shop in English, as the demo does
            save_point(session, DropOffDraft(**{k: v for k, v in point.items() if k != "notes"}))
        session.commit()
    draft = ReturnDraft(
        reason="defective",
        lines=[
            LineDraft(sku="KETTLE-9", unit_price_cents=3490),
            LineDraft(sku="LAMP-2", unit_price_cents=1990, disposition="recycle"),
            LineDraft(sku="COAT-7", unit_price_cents=8990, disposition="donate"),
        ],
        new_customer=CustomerDraft(name="João Silva", email="joao@example.com"),
    )
    number = create_return(db, draft=draft, today=date(2026, 11, 30)).number
    sheet = instructions_sheet(db, return_number=number, language="pt_BR")
    pdf = tmp_path / "pt.pdf"
    write_pdf(sheet, pdf, paper)
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60)
    typed = " ".join(f"{p['name']} {p['address']}" for p in DEMO_DROPOFF_POINTS)  # as typed
    typed_words = {w.casefold() for w in re.findall(r"[^\W\d_]+", typed)}
    printed = {w.casefold() for w in re.findall(r"[^\W\d_]{3,}", done.stdout)} - typed_words
    assert printed & english_words() == set()
    assert "Seg–Sáb" in done.stdout and "pilhas e baterias" in " ".join(done.stdout.split())
