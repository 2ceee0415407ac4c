"""The return's instructions in the customer space: the printed sheet as a page and as a PDF.

Routes (`routes(db, not_found=...)`, added to the app's):
- `/r/{token}/instructions`: the sheet of desk.instructions.sheet as an HTML page (the same
  steps and icons, the QR code as inline SVG from the same data, the deadline or next step,
  the drop-off points that take these items, the sustainability note), no script;
- `/r/{token}/instructions.pdf`: the printed sheet itself, drawn by the desk's Qt renderer
  (portal.sheet_pdf), as a download named after the return number; `?paper=a4|letter`,
  else Letter where the browser's language names a Letter country, else A4;
- `/static/icons/{name}.svg` the sheet's icons, `/static/logo` the shop's logo (PNG/JPEG).
A link that does not open a return gets the site's usual 404 page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path

import segno
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from desk.db import Database
from desk.instructions.sheet import ICONS
from desk.portal.view import InstructionsPage, instructions_page, shop_logo
from portal import sheet_pdf
from portal.pages import render

log = logging.getLogger("returndesk.portal")

LETTER_REGIONS = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "PR"})
"""Countries whose paper is US Letter; everywhere else A4."""

LOGO_MAX_BYTES = 2_000_000
_IMAGE_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def paper_for(request: Request) -> str:
    """The paper, "a4" or "letter": asked with ?paper=, else by the browser language's region."""
    asked = request.query_params.get("paper", "").lower()
    if asked in ("a4", "letter"):
        return asked
    first = request.headers.get("accept-language", "").split(",")[0].split(";")[0].strip()
    region = first.replace("_", "-").split("-")[1:2]
    return "letter" if region and region[0].upper() in LETTER_REGIONS else "a4"


def qr_svg(text: str, title: str) -> str:
    """The QR code of `text` (as the printed sheet draws it) as an inline, scalable SVG."""
    qr = segno.make(text, error="m", micro=False)
    svg = qr.svg_inline(
        scale=1, border=4, omitsize=True, dark="#000", light="#fff", title=title, svgclass="qr"
    )
    return svg.replace("<svg ", '<svg role="img" ', 1)


@cache
def icon_bytes(name: str) -> bytes | None:
    """The SVG of the sheet's icon `name` (one of ICONS, or the note's leaf), or None."""
    if name not in (*ICONS, "leaf"):
        return None
    path = resources.files("resources").joinpath("icons", "instructions", f"{name}.svg")
    return path.read_bytes()


def _logo(path: str, size: int) -> tuple[bytes, str] | None:
    """The first `size` bytes of the logo file at `path` and its type, or None."""
    if not path:
        return None
    try:
        with Path(path).open("rb") as file:
            data = file.read(size)
    except OSError:
        return None
    kind = next((t for magic, t in _IMAGE_TYPES.items() if data.startswith(magic)), None)
    return None if kind is None else (data, kind)


def has_logo(path: str) -> bool:
    """True when `path` names a readable PNG or JPEG file (the page then shows it)."""
    return _logo(path, 8) is not None


def logo_answer(path: str) -> Response | None:
    """The shop's logo file as an image answer, or None (no logo, unreadable, not PNG/JPEG)."""
    found = _logo(path, LOGO_MAX_BYTES + 1)
    if found is None or len(found[0]) > LOGO_MAX_BYTES:
        return None
    return Response(found[0], media_type=found[1])


def routes(db: Database, *, not_found: Callable[[Request], Response]) -> list[Route]:
    """The instructions' routes over `db`; `not_found` answers a link that opens nothing."""

    def show(request: Request, found: InstructionsPage, *, problem="", status=200) -> Response:
        sheet, words = found.sheet, found.words
        html = render(
            "instructions.html",
            found.language,
            view=found,
            sheet=sheet,
            words=words,
            own=words["instructions"],
            shop=found.shop,
            token=request.path_params["token"],
            qr=qr_svg(
                sheet.qr_text or "",
                words["instructions"]["qr_caption"].format(number=sheet.return_number),
            )
            if sheet.qr_text
            else "",
            has_logo=has_logo(sheet.logo_path),
            paper=paper_for(request),
            problem=problem,
        )
        return Response(html, status_code=status, media_type="text/html")

    async def page(request: Request) -> Response:
        found = instructions_page(db, token=request.path_params["token"])
        return not_found(request) if found is None else show(request, found)

    async def pdf(request: Request) -> Response:
        found = instructions_page(db, token=request.path_params["token"])
        if found is None:
            return not_found(request)
        sheet_pdf.prepare()  # Qt's application, made on the main thread when this is it
        try:
            data = await run_in_threadpool(sheet_pdf.pdf_bytes, found.sheet, paper_for(request))
        except sheet_pdf.PdfError:
            log.warning("The instructions PDF could not be drawn", exc_info=True)
            problem = found.words["instructions"]["pdf_failed"]
            return show(request, found, problem=problem, status=503)
        name = sheet_pdf.file_name(found.sheet.return_number)
        return Response(
            data,
            media_type="application/pdf",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    async def icon(request: Request) -> Response:
        data = icon_bytes(request.path_params["name"])
        if data is None:
            return not_found(request)
        return Response(data, media_type="image/svg+xml")

    async def logo(request: Request) -> Response:
        return logo_answer(shop_logo(db)) or not_found(request)

    return [
        Route("/r/{token}/instructions", page),
        Route("/r/{token}/instructions.pdf", pdf),
        Route("/static/icons/{name}.svg", icon),
        Route("/static/logo", logo),
    ]
