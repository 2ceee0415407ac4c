"""The customer space as a Starlette application over one open Database.

Routes: `/r/{token}` a return's page (404 with a way on when the link does not open
one), with `/feedback` (rating and comment, then the reward code) and `/preferences`
(channel, language) under it, `/u/{token}` the one-click unsubscribe (RFC 8058),
`/find` the form that finds a return by its number and the email or phone it was logged
with (posts `number`, `contact` and its CSRF token; answers the same whether the number
exists or not; rate limited), `/static/portal.css`, `/healthz`; the instructions page
and PDF under `/r/{token}` (portal.instructions). The pages work
exists or not; rate limited), `/static/portal.css`, `/healthz`, and the counter
tablet's `/counter` pages (portal.counter). The pages work
without JavaScript and read the database through desk/ only.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from desk.db import Database
from desk.errors import DeskError, ValidationError
from desk.i18n.catalog import LANGUAGE_NAMES, SOURCE_LANGUAGE, supported
from desk.messages.context import normalise_language
from desk.portal import actions
from desk.portal.view import find_return, return_page, shop_for_pages
from desk.words import section
from portal import counter, guard, instructions
from portal.pages import render, stylesheet


def _language(request: Request) -> str:
    """The language of a page without a return: ?lang=, else the browser's first language
    the customer space speaks ("pt-BR,pt;q=0.9,en;q=0.8" -> pt_BR), else English."""
    asked = request.query_params.get("lang") or request.headers.get("accept-language", "")
    names = (part.split(";")[0].strip() for part in asked.split(","))
    return next((lang for name in names if (lang := supported(name))), SOURCE_LANGUAGE)


def create_app(db: Database, *, limiter: guard.RateLimiter | None = None) -> Starlette:
    """The customer space over `db`; `limiter` counts lookups (a fresh one by default)."""
    limiter = limiter or guard.RateLimiter()

    def page(name: str, language: str, status: int = 200, **values) -> HTMLResponse:
        return HTMLResponse(render(name, language, **values), status_code=status)

    def not_found(request: Request) -> HTMLResponse:
        language = _language(request)
        words = dict(section(language, "portal"))
        shop = shop_for_pages(db)
        return page("not_found.html", language, 404, words=words, shop=shop)

    async def show_return(request: Request) -> Response:
        found = return_page(db, token=request.path_params["token"])
        if found is None:
            return not_found(request)
        token = request.path_params["token"]
        return page(
            "return.html",
            found.language,
            view=found,
            c=found.context,
            words=found.words,
            token=token,
        )

    def find_form(request: Request, *, status: int = 200, problem: str = "", number=""):
        language = _language(request)
        token = guard.new_csrf()
        response = page(
            "find.html",
            language,
            status,
            words=dict(section(language, "portal")),
            shop=shop_for_pages(db),
            csrf=token,
            problem=problem,
            number=number,
        )
        response.set_cookie(guard.CSRF_COOKIE, token, httponly=True, samesite="strict")
        return response

    async def find(request: Request) -> Response:
        if request.method == "GET":
            return find_form(request)
        form = await request.form()
        words = section(_language(request), "portal")
        if not guard.csrf_ok(request, form.get(guard.CSRF_FIELD)):
            return find_form(request, status=403, problem=words["forbidden"])
        number = str(form.get("number", ""))[:40].strip().upper()
        client = request.client.host if request.client else "?"
        if not limiter.allow(f"ip:{client}", f"number:{number}"):
            return find_form(request, status=429, problem=words["too_many"], number=number)
        token = find_return(db, number=number, contact=str(form.get("contact", ""))[:254])
        if token is None:
            return find_form(request, problem=words["find_none"], number=number)
        return RedirectResponse(f"/r/{token}", status_code=303)

    def token_page(request, name, *, status=200, **values) -> HTMLResponse:
        """A page about the return of the link, in its customer's language, with a form."""
        token = request.path_params["token"]
        found = return_page(db, token=token)
        csrf = guard.new_csrf()
        response = page(
            name,
            found.language,
            status,
            view=found,
            c=found.context,
            words=found.words,
            counter=dict(section(found.language, "counter")),
            languages=LANGUAGE_NAMES,  # each in its own words (the preferences page)
            token=token,
            csrf=csrf,
            **values,
        )
        response.set_cookie(guard.CSRF_COOKIE, csrf, httponly=True, samesite="strict")
        return response

    async def feedback(request: Request) -> Response:
        token = request.path_params["token"]
        owner = actions.owner_of(db, token=token)
        if owner is None:
            return not_found(request)
        if request.method == "GET":
            return token_page(request, "feedback.html", rating=owner.current_rating, problem="")
        form = await request.form()
        if not guard.csrf_ok(request, form.get(guard.CSRF_FIELD)):
            return token_page(request, "feedback.html", status=403, rating=None, problem="")
        comment = str(form.get("comment", ""))[:2000]
        try:
            done = actions.give_feedback(
                db, token=token, rating=form.get("rating", ""), comment=comment
            )
        except ValidationError:
            words = section(normalise_language(owner.customer.preferred_language), "portal")
            return token_page(
                request, "feedback.html", status=400, rating=None, problem=words["rating_needed"]
            )
        result, reward_words = done
        code = result.reward.code if result.reward is not None else ""
        return token_page(request, "thanks.html", code=code, reward_words=reward_words)

    async def preferences(request: Request) -> Response:
        token = request.path_params["token"]
        owner = actions.owner_of(db, token=token)
        if owner is None:
            return not_found(request)
        if request.method == "GET":
            return token_page(request, "preferences.html", customer=owner.customer, saved=False)
        form = await request.form()
        if not guard.csrf_ok(request, form.get(guard.CSRF_FIELD)):
            return token_page(
                request, "preferences.html", status=403, customer=owner.customer, saved=False
            )
        try:
            customer = actions.set_preferences(
                db,
                token=token,
                channel=str(form.get("channel", "")),
                language=str(form.get("language", "")),
            )
        except DeskError:
            return token_page(
                request, "preferences.html", status=400, customer=owner.customer, saved=False
            )
        return token_page(request, "preferences.html", customer=customer, saved=True)

    async def unsubscribe(request: Request) -> Response:
        """GET asks; POST stops the messages (RFC 8058 one-click: the link is the proof)."""
        token = request.path_params["token"]
        owner = actions.owner_of(db, token=token)
        if owner is None:
            return not_found(request)
        if request.method == "POST":
            actions.unsubscribe(db, token=token)
            return token_page(request, "unsubscribe.html", done=True)
        return token_page(request, "unsubscribe.html", done=False)

    async def css(_request: Request) -> Response:
        return Response(stylesheet(), media_type="text/css")

    async def health(_request: Request) -> Response:
        return PlainTextResponse("ok")

    async def home(_request: Request) -> Response:
        return RedirectResponse("/find", status_code=303)

    return Starlette(
        routes=[
            Route("/", home),
            Route("/r/{token}", show_return),
            Route("/r/{token}/feedback", feedback, methods=["GET", "POST"]),
            Route("/r/{token}/preferences", preferences, methods=["GET", "POST"]),
            Route("/u/{token}", unsubscribe, methods=["GET", "POST"]),
            Route("/find", find, methods=["GET", "POST"]),
            Route("/static/portal.css", css),
            Route("/healthz", health),
            *instructions.routes(db, not_found=not_found),
            *counter.routes(db, limiter),
        ],
        middleware=[Middleware(guard.SecurityHeaders)],
    )
