"""The instructions sheet as real PDFs, checked with qpdf, poppler and zbar; print and export."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desk.instructions.dropoff import DropOffDraft, save_point
from desk.instructions.sheet import build_sheet
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, save_return
from desk.settings import SHOP_ADDRESS, SHOP_NAME, SHOP_PHONE, set_setting
from ui.instructions.paper_formats import FORMATS
from ui.instructions.printing import write_pdf
from ui.instructions.render import MM

REPO = Path(__file__).resolve().parents[3]
TOOLS = {"qpdf": "qpdf", "pdfinfo": "poppler-utils", "pdftotext": "poppler-utils"}
TOOLS |= {"pdftoppm": "poppler-utils", "zbarimg": "zbar-tools"}
SIZES = {"a4": (595, 842), "letter": (612, 792)}
LONG_NAME = ("Maria Eduarda Albuquerque-Vasconcelos de Bragança " * 3)[:120]
POINT_NAMES = [
    "Green Loop Repair Café",
    "Municipal Recycling Centre (Ecocentro Norte)",
    "Caritas Donation Shop",
    "ReUse Hub",
    "Parish Ecopoint",
    "Electronics collection point at the Colombo shopping centre",
    "Library Swap Shelf",
    "Bike Kitchen",
    "Textile Bank",
    "Charity Shop Arroios",
    "Toy Library",
    "Computer Aid",
]


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run a PDF tool, skipping the test (with the Debian package to install) if it is missing."""
    if shutil.which(args[0]) is None:
        pytest.skip(f"{args[0]} is missing: apt-get install {TOOLS.get(args[0], args[0])}")
    return subprocess.run(args, capture_output=True, text=True, check=check, timeout=60)


def add_points(db, count: int) -> None:
    with db.session() as session:
        for i in range(count):
            save_point(
                session,
                DropOffDraft(
                    name=POINT_NAMES[i],
                    address=f"Avenida da Liberdade {10 + i}, 1250-096 Lisboa",
                    hours="Mon–Fri 9:00–18:00, Sat 10:00–14:00",
                    accepts_reuse=True,
                    accepts_recycling=True,
                    accepts_donation=i % 2 == 0,
                ),
            )
        hidden = save_point(session, DropOffDraft(name="Closed Depot", address="Nowhere 1"))
        hidden.active = False
        session.add(hidden)
        session.commit()


def add_return(db, name: str = "Ana Souza") -> str:
    with db.session() as session:
        for key, value in (
            (SHOP_NAME, "Corner Hardware"),
            (SHOP_ADDRESS, "Rua das Flores 12, Lisboa"),
            (SHOP_PHONE, "+351 21 555 0199"),
        ):
            set_setting(session, key, value)
        session.commit()
        ret = save_return(
            session=session,
            draft=ReturnDraft(
                reason="defective",
                lines=[LineDraft(sku="KETTLE-01", description="Kettle", unit_price_cents=3999)],
                new_customer=CustomerDraft(name=name, email="ana@example.com"),
            ),
        )
    return ret.number


def sheet_of(db, number: str | None):
    with db.session() as session:
        return build_sheet(session, return_number=number)


def flat(text: str) -> str:
    return " ".join(text.split())


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    info = run("pdfinfo", "-f", "1", "-l", "99", str(pdf)).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"size:\s+([\d.]+) x ([\d.]+) pts", info)]


def qr_codes(pdf: Path, tmp_path: Path) -> list[str]:
    run("pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p"))
    image = next(tmp_path.glob("p*.png"))
    found = run("zbarimg", "--raw", "-q", str(image), check=False)
    return found.stdout.split()


@pytest.fixture
def sheet_db(db, qapp):
    add_points(db, 3)
    return db, add_return(db)


@pytest.mark.parametrize("paper", ["a4", "letter", "receipt"])
def test_return_sheet_pdf(sheet_db, tmp_path, paper):
    db, number = sheet_db
    sheet = sheet_of(db, number)
    pdf = tmp_path / f"{paper}.pdf"
    pages = write_pdf(sheet, pdf, paper)
    run("qpdf", "--check", str(pdf))
    sizes = page_sizes(pdf)
    assert len(sizes) == pages >= 1
    width, height = sizes[0]
    if paper == "receipt":
        assert width == pytest.approx(80 * MM, abs=1)
        assert height > width
    else:
        assert (round(width), round(height)) == SIZES[paper]
    text = flat(run("pdftotext", str(pdf), "-").stdout)
    assert number in text
    assert flat(sheet.deadline_text) in text
    assert len(sheet.dropoff_points) == 3
    for name in POINT_NAMES[:3]:
        assert name in text
    assert "Closed Depot" not in text
    assert qr_codes(pdf, tmp_path) == [number]


def word_boxes(pdf: Path):
    """Yield (page width, page height, word, xmin, ymin, xmax, ymax) from pdftotext -bbox."""
    html = run("pdftotext", "-bbox", str(pdf), "-").stdout
    for page in re.split(r"<page ", html)[1:]:
        w, h = (float(x) for x in re.search(r'width="([\d.]+)" height="([\d.]+)"', page).groups())
        for m in re.finditer(
            r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)',
            page,
        ):
            x0, y0, x1, y1 = (float(v) for v in m.groups()[:4])
            yield w, h, m.group(5), x0, y0, x1, y1


@pytest.mark.parametrize("paper", ["a4", "letter", "receipt"])
def test_long_name_and_many_points_stay_on_the_pages(db, qapp, tmp_path, paper):
    add_points(db, 12)
    number = add_return(db, LONG_NAME)
    pdf = tmp_path / "long.pdf"
    pages = write_pdf(sheet_of(db, number), pdf, paper)
    margin = FORMATS[paper].margin_mm * MM * 0.9
    words = list(word_boxes(pdf))
    assert words
    for w, h, word, x0, y0, x1, y1 in words:
        assert margin <= x0 and x1 <= w - margin, f"{word!r} crosses a side of the page"
        assert margin <= y0 and y1 <= h - margin, f"{word!r} crosses the top or bottom"
    text = flat(run("pdftotext", str(pdf), "-").stdout)
    for name in POINT_NAMES:
        assert name in text
    assert LONG_NAME[-20:].strip() in text  # wrapped onto the lines it needs, never elided
    if paper != "receipt":  # the list continues on a next page, under a "continued" heading
        assert pages >= 2
        assert "Drop-off points near you (continued)" in text
        assert f"Page {pages} of {pages}" in text


def test_generic_sheet_has_no_qr_and_lists_the_points(db, qapp, tmp_path):
    add_points(db, 3)
    pdf = tmp_path / "generic.pdf"
    write_pdf(sheet_of(db, None), pdf, "a4")
    run("qpdf", "--check", str(pdf))
    text = flat(run("pdftotext", str(pdf), "-").stdout)
    for name in POINT_NAMES[:3]:
        assert name in text
    assert "Return number" not in text
    assert qr_codes(pdf, tmp_path) == []


def test_cli_writes_the_pdf(db, cli_db, tmp_path):
    number = add_return(db)
    add_points(db, 2)
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env.update(cli_db.env())
    out = tmp_path / "sheet.pdf"
    command = [sys.executable, str(REPO / "main.py"), *cli_db.args(), "instructions"]
    done = subprocess.run(
        [*command, "--return", number, "--format", "receipt", "--pdf", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out)
    assert number in run("pdftotext", str(out), "-").stdout
    missing = subprocess.run(
        [*command, "--return", "R-1999-99999", "--pdf", str(tmp_path / "x.pdf")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert missing.returncode == 1
    assert missing.stderr.strip() == "returndesk: There is no return R-1999-99999."
    assert not (tmp_path / "x.pdf").exists()


@pytest.fixture
def window(qtbot, db):
    from ui.main_window import MainWindow

    add_points(db, 2)
    number = add_return(db)
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.detail.detail is not None and win.settled(), timeout=5000)
    return win, number


def test_print_button_opens_the_preview_with_pages(qtbot, window):
    from PySide6.QtCore import Qt

    from ui.instructions.printing import InstructionsPreview

    win, number = window
    qtbot.mouseClick(win.detail.print_button, Qt.LeftButton)
    dialog = win.active_dialog
    assert isinstance(dialog, InstructionsPreview)
    assert dialog.sheet.return_number == number
    qtbot.waitUntil(lambda: dialog.pages > 0, timeout=5000)
    assert dialog.preview_widget().pageCount() == dialog.pages
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("receipt"))
    assert dialog.page_format == "receipt"
    qtbot.waitUntil(lambda: dialog.preview_widget().pageCount() >= 1, timeout=5000)
    dialog.close()


def test_ctrl_p_is_the_print_shortcut(window):
    from ui.actions import Act

    win, _ = window
    assert win.actions_[Act.PRINT_INSTRUCTIONS].shortcut().toString() == "Ctrl+P"


def test_export_writes_the_pdf_in_the_background(qtbot, window, tmp_path, monkeypatch):
    from ui.instructions import printing as instructions_print

    win, number = window
    asked = []
    target = tmp_path / f"{number}-instructions.pdf"
    monkeypatch.setattr(
        instructions_print, "ask_pdf_path", lambda parent, name: asked.append(name) or str(target)
    )
    win.detail.format_combo.setCurrentIndex(win.detail.format_combo.findData("letter"))
    win.detail.export_button.click()
    assert asked == [f"{number}-instructions.pdf"]
    qtbot.waitUntil(lambda: "saved" in win.statusBar().currentMessage(), timeout=10000)
    assert page_sizes(target)[0] == pytest.approx((612, 792), abs=1)


@pytest.mark.parametrize("paper", ["a4", "receipt"])
def test_with_a_public_address_the_qr_code_is_the_personal_link(sheet_db, tmp_path, paper):
    from desk.portal.links import personal_link
    from desk.settings import PORTAL_PUBLIC_URL

    db, number = sheet_db
    with db.session() as session:
        set_setting(session, PORTAL_PUBLIC_URL, "https://returns.corner-hardware.pt")
        session.commit()
    link = personal_link(db, number=number)
    assert link.startswith("https://returns.corner-hardware.pt/r/")
    sheet = sheet_of(db, number)
    pdf = tmp_path / f"{paper}.pdf"
    write_pdf(sheet, pdf, paper)
    assert qr_codes(pdf, tmp_path) == [link]
    assert "Scan to follow your return" in flat(run("pdftotext", str(pdf), "-").stdout)
