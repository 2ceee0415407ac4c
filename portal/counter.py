"""The counter tablet at /counter: the counter screen's flow as pages, without JavaScript.

- An unpaired browser sees only the pairing form (POST /counter/pair: the code from
  Settings › Counter tablet; rate limited, compared in constant time); a right code sets
  the long-lived device cookie (HttpOnly, SameSite=Strict, path /counter).
- A paired tablet polls /counter with `<meta http-equiv="refresh">` while idle
  ("Welcome to <shop>"), and shows the return staff just asked about: five big face
  buttons (POST /counter/rate), then the optional comment (POST /counter/answer), then the
  thank-you with the reward code, in the customer's language; back to idle after
  IDLE_SECONDS. Every post carries the CSRF token; nothing else of any return is shown.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from desk.db import Database
from desk.errors import ValidationError
from desk.messages.context import normalise_language
from desk.portal import counter as desk_counter
from desk.portal.counter import IDLE_SECONDS, TabletAsk
from desk.words import section
from portal import guard
from portal.pages import render

DEVICE_COOKIE = "rd_counter"
DEVICE_DAYS = 5 * 365
POLL_SECONDS = 4
"""How often the idle screen looks for a new request."""
ASK_POLL_SECONDS = 15
"""How often the faces look whether staff moved on (no typing is lost there)."""
FACE_COLORS = {1: "#dc2626", 2: "#ea580c", 3: "#ca8a04", 4: "#65a30d", 5: "#16a34a"}
"""The Qt screen's colours (ui.feedback.faces), red for the worst to green for the best."""


def routes(db: Database, limiter: guard.RateLimiter) -> list[Route]:
    """The tablet's routes over `db`; pairing attempts count on `limiter`."""

    def words(language: str) -> dict[str, object]:
        return {
            "counter": dict(section(language, "counter")),
            "tablet": dict(section(language, "counter.tablet")),
            "ratings": {int(k): v for k, v in section(language, "counter.rating").items()},
            "portal": dict(section(language, "portal")),
        }

    def page(request: Request, name: str, language: str, *, status=200, **values) -> Response:
        # one token per tablet: a poll that renders again must not outdate a form being tapped
        csrf = request.cookies.get(guard.CSRF_COOKIE) or guard.new_csrf()
        shop, _ = desk_counter.idle_shop(db)
        shown = {"refresh": 0, "problem": "", "comment": "", **words(language), **values}
        html = render(name, language, shop=shop, csrf=csrf, colors=FACE_COLORS, **shown)
        response = HTMLResponse(html, status_code=status)
        response.set_cookie(guard.CSRF_COOKIE, csrf, httponly=True, samesite="strict")
        return response

    def shop_language() -> str:
        return normalise_language(desk_counter.idle_shop(db)[1])

    def paired(request: Request) -> bool:
        token = request.cookies.get(DEVICE_COOKIE, "")
        return desk_counter.tablet_of(db, token=token) is not None

    def pairing_form(request: Request, *, status: int = 200, problem: str = "") -> Response:
        response = page(
            request, "counter_pair.html", shop_language(), status=status, problem=problem
        )
        if request.cookies.get(DEVICE_COOKIE) and not paired(request):
            response.delete_cookie(DEVICE_COOKIE, path="/counter")  # unpaired at the desk
        return response

    def asked(ask: TabletAsk, request: Request, *, status=200, **values) -> Response:
        return page(request, "counter_ask.html", ask.language, status=status, ask=ask, **values)

    async def show(request: Request) -> Response:
        if not paired(request):
            return pairing_form(request)
        ask = desk_counter.current_request(db)
        if ask is None:
            return page(request, "counter_idle.html", shop_language(), refresh=POLL_SECONDS)
        return asked(ask, request, rating=None, refresh=ASK_POLL_SECONDS)

    async def pair(request: Request) -> Response:
        form = await request.form()
        language = shop_language()
        portal_words = section(language, "portal")
        if not guard.csrf_ok(request, form.get(guard.CSRF_FIELD)):
            return pairing_form(request, status=403, problem=portal_words["forbidden"])
        client = request.client.host if request.client else "?"
        if not limiter.allow(f"counter-pair:{client}", "counter-pair"):
            return pairing_form(request, status=429, problem=portal_words["too_many"])
        token = desk_counter.pair_tablet(db, code=str(form.get("code", ""))[:20])
        if token is None:
            wrong = section(language, "counter.tablet")["pair_wrong"]
            return pairing_form(request, status=400, problem=wrong)
        response = RedirectResponse("/counter", status_code=303)
        response.set_cookie(
            DEVICE_COOKIE,
            token,
            max_age=DEVICE_DAYS * 24 * 3600,
            path="/counter",
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
        )
        return response

    async def checked_form(request: Request):
        """The posted form and the request it answers, or a response to send instead."""
        if not paired(request):
            return None, pairing_form(request, status=403)
        form = await request.form()
        if not guard.csrf_ok(request, form.get(guard.CSRF_FIELD)):
            language = shop_language()
            problem = section(language, "portal")["forbidden"]
            idle = page(
                request,
                "counter_idle.html",
                language,
                status=403,
                problem=problem,
                refresh=POLL_SECONDS,
            )
            return None, idle
        ask = desk_counter.current_request(db)
        if ask is None or str(ask.request_id) != str(form.get("request", "")):
            return None, RedirectResponse("/counter", status_code=303)  # staff moved on
        return (form, ask), None

    def rating_of(form) -> int | None:
        typed = str(form.get("rating", "")).strip()
        return int(typed) if typed in {"1", "2", "3", "4", "5"} else None

    async def rated_form(request: Request):
        """((form, ask, rating), None) for a checked form with a rating, else (None, answer)."""
        checked, refused = await checked_form(request)
        if refused is not None:
            return None, refused
        form, ask = checked
        rating = rating_of(form)
        if rating is None:
            return None, asked(ask, request, status=400, rating=None, refresh=ASK_POLL_SECONDS)
        return (form, ask, rating), None

    async def rate(request: Request) -> Response:
        rated, refused = await rated_form(request)
        if refused is not None:
            return refused
        _, ask, rating = rated
        return asked(ask, request, rating=rating, refresh=desk_counter.REQUEST_MINUTES * 60)

    async def answer(request: Request) -> Response:
        rated, refused = await rated_form(request)
        if refused is not None:
            return refused
        form, ask, rating = rated
        comment = "" if form.get("skip") else str(form.get("comment", ""))[:4000]
        try:
            done = desk_counter.answer_request(
                db, request_id=ask.request_id, rating=rating, comment=comment
            )
        except ValidationError:  # a comment too long to keep: said in the customer's words
            problem = section(ask.language, "counter.tablet")["comment_refused"]
            return asked(ask, request, status=400, rating=rating, comment=comment, problem=problem)
        if done is None:
            return RedirectResponse("/counter", status_code=303)
        result, reward_words = done
        code = result.reward.code if result.reward is not None else ""
        return page(
            request,
            "counter_thanks.html",
            ask.language,
            ask=ask,
            code=code,
            reward_words=reward_words,
            refresh=IDLE_SECONDS,
        )

    return [
        Route("/counter", show),
        Route("/counter/pair", pair, methods=["POST"]),
        Route("/counter/rate", rate, methods=["POST"]),
        Route("/counter/answer", answer, methods=["POST"]),
    ]
