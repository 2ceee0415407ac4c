"""The counter tablet: pairing it with the desk, and the returns staff ask it about.

Pairing: staff read a short code in Settings (`new_pairing_code`: six digits, valid
CODE_MINUTES, MAX_TRIES wrong tries and it is burnt); the tablet types it once at
/counter and `pair_tablet` gives it a long random device token for its cookie. Only the
SHA-256 of the code and of the token is stored, and they are compared in constant time.

Requests: when staff ask for feedback, `ask_at_tablet` records a CounterRequest. A tablet
shows only `current_request`: the newest request, while it is unanswered and younger
than REQUEST_MINUTES (a newer request means staff moved on). `answer_request` answers it
once, through desk.feedback.record.record_feedback (source TABLET, the same rewards);
`request_outcome` tells the desk what became of it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, update
from sqlmodel import Session, col, select

from desk.codes import FeedbackSource
from desk.db import Database
from desk.feedback.record import FeedbackResult, record_feedback
from desk.feedback.rewards import describe_reward
from desk.i18n.catalog import _
from desk.messages.context import normalise_language
from desk.models import (
    CounterPairing,
    CounterRequest,
    CounterTablet,
    Customer,
    Return,
    RewardCode,
    utcnow,
)
from desk.settings import (
    FEEDBACK_LOW_RATING,
    PORTAL_HOST,
    PORTAL_PORT,
    SHOP_CURRENCY,
    SHOP_LOCALE,
    SHOP_NAME,
    get_setting,
)

CODE_DIGITS = 6
CODE_MINUTES = 10
"""A pairing code works this long after it is shown."""
MAX_TRIES = 5
"""Wrong codes typed while a code is live before it stops working (staff make a new one)."""
REQUEST_MINUTES = 5
"""A request older than this is no longer shown on the tablet."""
IDLE_SECONDS = 30
"""The thank-you goes back to idle after this long (the Qt counter screen's IDLE_MS)."""
ONLINE = timedelta(minutes=2)
"""A tablet that opened /counter this recently is on (it notes itself once a minute)."""
KEEP_REQUESTS = timedelta(days=1)
"""Requests older than this are deleted when staff ask again (they are only a hand-over)."""
TOKEN_BYTES = 32


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class PairingCode:
    """A code to type on the tablet, and until when it works."""

    code: str  # digits only, e.g. "042917"
    expires_at: datetime

    @property
    def shown(self) -> str:
        """The code as staff read it out: "042 917"."""
        half = len(self.code) // 2
        return f"{self.code[:half]} {self.code[half:]}"


@dataclass(frozen=True)
class Tablet:
    """A paired tablet as Settings lists it."""

    id: int
    name: str
    paired_at: datetime
    last_seen_at: datetime | None


@dataclass(frozen=True)
class TabletAsk:
    """What the tablet shows for the current request: whom it asks, in which language."""

    request_id: int
    return_id: int
    first_name: str
    language: str


@dataclass(frozen=True)
class Outcome:
    """What became of a request: answered (with its rating) or no longer shown."""

    answered: bool
    rating: int | None
    gone: bool  # superseded or too old: the tablet no longer shows it
    return_id: int | None = None
    low: bool = False  # the rating is at or under feedback.low_rating
    code: str = ""  # the reward code the answer earned, if any


def new_pairing_code(db: Database, *, now: datetime | None = None) -> PairingCode:
    """Make the one live pairing code (any earlier one stops working); return it."""
    now = now or utcnow()
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    expires = now + timedelta(minutes=CODE_MINUTES)
    with db.session() as session, session.begin():
        session.exec(delete(CounterPairing))
        session.add(CounterPairing(code_hash=_hash(code), expires_at=expires))
    return PairingCode(code, expires)


def pair_tablet(db: Database, *, code: str, now: datetime | None = None) -> str | None:
    """The new tablet's device token when `code` is the live code, else None (never why).

    A right code pairs one tablet and is then used up; a wrong one counts against the
    live code, which stops working after MAX_TRIES.
    """
    now = now or utcnow()
    typed = "".join(ch for ch in str(code) if ch.isdigit())[: CODE_DIGITS + 1]
    with db.session() as session, session.begin():
        live = session.exec(select(CounterPairing).where(CounterPairing.expires_at > now)).first()
        if live is None or live.attempts >= MAX_TRIES:
            return None
        if not hmac.compare_digest(live.code_hash, _hash(typed)):
            live.attempts += 1
            session.add(live)
            return None
        session.delete(live)
        token = secrets.token_urlsafe(TOKEN_BYTES)
        count = session.exec(select(func.count()).select_from(CounterTablet)).one()
        name = _("Tablet {number}").format(number=count + 1)  # staff may rename it
        session.add(CounterTablet(name=name, token_hash=_hash(token)))
    return token


def _tablet(session: Session, token: str) -> CounterTablet | None:
    if not token or len(token) > 100:
        return None
    digest = _hash(token)
    row = session.exec(select(CounterTablet).where(CounterTablet.token_hash == digest)).first()
    if row is None or row.unpaired_at is not None:
        return None
    return row if hmac.compare_digest(row.token_hash, digest) else None


def tablet_of(db: Database, *, token: str, now: datetime | None = None) -> int | None:
    """The id of the paired tablet whose device token is `token`, or None.

    Notes when it was last seen (at most once a minute, so polling writes little).
    """
    now = now or utcnow()
    with db.session() as session, session.begin():
        row = _tablet(session, token)
        if row is None:
            return None
        if row.last_seen_at is None or now - row.last_seen_at > timedelta(minutes=1):
            row.last_seen_at = now
            session.add(row)
        return row.id


def paired_tablets(db: Database) -> list[Tablet]:
    """The tablets paired now, oldest first."""
    with db.session() as session:
        rows = session.exec(
            select(CounterTablet)
            .where(col(CounterTablet.unpaired_at).is_(None))
            .order_by(col(CounterTablet.id))
        )
        return [Tablet(t.id, t.name, t.paired_at, t.last_seen_at) for t in rows]


def unpair_tablet(db: Database, *, tablet_id: int, now: datetime | None = None) -> bool:
    """Stop tablet `tablet_id` from showing anything; False when it was not paired."""
    with db.session() as session, session.begin():
        done = session.exec(
            update(CounterTablet)
            .where(col(CounterTablet.id) == tablet_id, col(CounterTablet.unpaired_at).is_(None))
            .values(unpaired_at=now or utcnow())
        )
        return bool(done.rowcount)


@dataclass(frozen=True)
class Asked:
    """A request sent to the tablet(s), and whether one of them looked in lately."""

    request_id: int
    online: bool  # a paired tablet opened /counter within ONLINE


def ask_at_tablet(db: Database, *, return_id: int, now: datetime | None = None) -> Asked | None:
    """Ask the paired tablet(s) about `return_id`; None (nothing recorded) if none is paired."""
    now = now or utcnow()
    with db.session() as session, session.begin():
        seen = session.exec(
            select(CounterTablet.last_seen_at).where(col(CounterTablet.unpaired_at).is_(None))
        ).all()
        if not seen:
            return None
        session.exec(delete(CounterRequest).where(CounterRequest.asked_at < now - KEEP_REQUESTS))
        request = CounterRequest(return_id=return_id, asked_at=now)
        session.add(request)
        session.flush()
        online = any(at is not None and now - at <= ONLINE for at in seen)
        return Asked(request.id, online)


def _newest(session: Session) -> CounterRequest | None:
    query = select(CounterRequest).order_by(
        col(CounterRequest.asked_at).desc(), col(CounterRequest.id).desc()
    )
    return session.exec(query.limit(1)).first()


def _is_current(session: Session, request: CounterRequest | None, now: datetime) -> bool:
    if request is None or request.answered_at is not None:
        return False
    newest = _newest(session)
    fresh = now - request.asked_at <= timedelta(minutes=REQUEST_MINUTES)
    return fresh and newest is not None and newest.id == request.id


def current_request(db: Database, *, now: datetime | None = None) -> TabletAsk | None:
    """The request a tablet shows now, or None (idle)."""
    now = now or utcnow()
    with db.session() as session:
        request = _newest(session)
        if not _is_current(session, request, now):
            return None
        customer = session.get(Customer, session.get(Return, request.return_id).customer_id)
        parts = customer.name.split()
        return TabletAsk(
            request.id,
            request.return_id,
            parts[0] if parts else "",
            normalise_language(customer.preferred_language),
        )


def request_outcome(db: Database, *, request_id: int, now: datetime | None = None) -> Outcome:
    """Whether request `request_id` was answered (and how), or is no longer shown."""
    now = now or utcnow()
    with db.session() as session:
        request = session.get(CounterRequest, request_id)
        if request is None:
            return Outcome(False, None, True)
        if request.answered_at is None:
            gone = not _is_current(session, request, now)
            return Outcome(False, None, gone, request.return_id)
        reward = session.exec(
            select(RewardCode.code).where(RewardCode.return_id == request.return_id)
        ).first()
        low = request.rating is not None and request.rating <= get_setting(
            session, FEEDBACK_LOW_RATING
        )
        return Outcome(True, request.rating, False, request.return_id, low, reward or "")


def answer_request(
    db: Database, *, request_id: int, rating: int, comment: str = "", now: datetime | None = None
) -> tuple[FeedbackResult, str] | None:
    """Record the customer's answer to request `request_id`; with the reward's words.

    None when the request is no longer shown (answered already, superseded or too old).
    The request is claimed first (one UPDATE, so two tablets cannot both answer it), then
    the feedback is recorded in its own transaction; if that fails (ValidationError), the
    claim is released and the error raised, so nothing is half saved.
    """
    now = now or utcnow()
    with db.session() as session, session.begin():
        request = session.get(CounterRequest, request_id)
        if not _is_current(session, request, now):
            return None
        claimed = session.exec(
            update(CounterRequest)
            .where(col(CounterRequest.id) == request_id, col(CounterRequest.answered_at).is_(None))
            .values(answered_at=now, rating=rating if isinstance(rating, int) else None)
        )
        if not claimed.rowcount:
            return None
        return_id = request.return_id
    try:
        result = record_feedback(
            db, return_id=return_id, rating=rating, comment=comment, source=FeedbackSource.TABLET
        )
    except Exception:
        with db.session() as session, session.begin():
            session.exec(
                update(CounterRequest)
                .where(col(CounterRequest.id) == request_id)
                .values(answered_at=None, rating=None)
            )
        raise
    words = ""
    if result.reward is not None:
        with db.session() as session:
            currency = get_setting(session, SHOP_CURRENCY)
            customer = session.get(Customer, session.get(Return, return_id).customer_id)
            language = normalise_language(customer.preferred_language)
        words = describe_reward(result.reward, currency, language)
    return result, words


def idle_shop(db: Database) -> tuple[str, str]:
    """The shop's name and language, for the idle screen and the pairing form."""
    with db.session() as session:
        return get_setting(session, SHOP_NAME), get_setting(session, SHOP_LOCALE)


@dataclass(frozen=True)
class TabletAddress:
    """The address to open on the tablet, and whether the tablet can reach it as set."""

    url: str
    reachable: bool  # False when the customer space listens on this computer only


def tablet_address(db: Database) -> TabletAddress:
    """Where the tablet opens the counter screen: the customer space's host:port + /counter.

    When it listens on every address (0.0.0.0), the url names this computer's address on
    the shop's network; on 127.0.0.1 (the default) a tablet cannot reach it.
    """
    with db.session() as session:
        host, port = get_setting(session, PORTAL_HOST), get_setting(session, PORTAL_PORT)
    host = (host or "127.0.0.1").strip()
    local = host in {"127.0.0.1", "localhost", "::1"}
    if host in {"0.0.0.0", "::", ""}:
        host = _network_address()
    if ":" in host:
        host = f"[{host}]"
    return TabletAddress(f"http://{host}:{port}/counter", not local)


def _network_address() -> str:
    """This computer's address on its network (no packet is sent), or 127.0.0.1."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        return probe.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()
