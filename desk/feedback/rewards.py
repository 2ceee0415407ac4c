"""Reward codes earned by feedback: issuing, looking up, redeeming, exporting, describing.

A code is issued when the shop's reward is on (reward.kind not off), at most one per
return and one per customer every reward.every_days days, valid until the end of the
local day reward.valid_days after it was issued. Its state (issued, redeemed, expired)
follows from its dates. The Database-taking functions own their transaction;
`issue_reward` is the session-level helper desk.feedback.record uses, and only flushes.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import update
from sqlmodel import Session, col, select

from desk.codes import RewardKind, RewardState
from desk.db import Database
from desk.errors import DeskError, NotFound, ValidationError
from desk.feedback.codes import code_problem, format_code, new_code, normalise_code
from desk.i18n.catalog import SOURCE_LANGUAGE, _, supported, translation
from desk.i18n.catalog import language as desk_language
from desk.i18n.formats import format_date as desk_date
from desk.i18n.formats import format_time as desk_time
from desk.models import Customer, Return, RewardCode, utcnow
from desk.settings import (
    REWARD_EVERY_DAYS,
    REWARD_KIND,
    REWARD_MIN_PURCHASE,
    REWARD_VALID_DAYS,
    REWARD_VALUE,
    get_setting,
)
from desk.staff.actor import Actor, require
from desk.staff.audit import record
from desk.staff.codes import AuditAction
from desk.staff.guard import timeline_name
from desk.staff.roles import Permission
from desk.validation import text_error

CSV_HEADER = ("code", "kind", "value", "min_purchase", "issued", "expires", "state")
"""The columns of export_codes, in order."""


@dataclass(frozen=True)
class CodeInfo:
    """A reward code as staff look it up: what it gives, whose it is, where it stands."""

    code: str  # written form, K7QX-M4RT-9HWZ-P
    state: RewardState
    customer_name: str
    kind: RewardKind
    value: int  # percent, or cents off
    min_purchase_cents: int
    issued_at: datetime
    expires_at: datetime  # the first moment it is no longer valid
    redeemed_at: datetime | None
    redeemed_by: str
    return_number: str  # "" when the return is gone
    currency: str = ""  # the return's (its amounts are in it); "" when the return is gone

    @property
    def last_day(self) -> date:
        """The last local day the code can be used."""
        return last_day(self.expires_at)


def last_day(expires_at: datetime) -> date:
    """The last local day a code expiring at `expires_at` can be used."""
    return (expires_at - timedelta(microseconds=1)).astimezone().date()


def expiry_for(issued_at: datetime, valid_days: int) -> datetime:
    """The end of the local day `valid_days` after `issued_at` (the code's expires_at)."""
    local = issued_at.astimezone()
    end_day = local.date() + timedelta(days=valid_days + 1)
    return datetime.combine(end_day, time(0), tzinfo=local.tzinfo).astimezone(issued_at.tzinfo)


def state_of(row: RewardCode, now: datetime) -> RewardState:
    """Where `row` stands at `now`."""
    if row.redeemed_at is not None:
        return RewardState.REDEEMED
    return RewardState.EXPIRED if now >= row.expires_at else RewardState.ISSUED


# issuing (session level, for desk.feedback.record)


def issue_reward(
    session: Session, *, return_id: int, feedback_id: int, customer_id: int, now: datetime
) -> RewardCode | None:
    """Issue the shop's reward for feedback on a return, if it is due; flushes, no commit.

    None when the reward is off, the return already earned a code, or the customer got
    one in the last reward.every_days days.
    """
    kind = RewardKind(get_setting(session, REWARD_KIND))
    if kind == RewardKind.OFF:
        return None
    earned = select(RewardCode.id).where(RewardCode.return_id == return_id)
    if session.exec(earned).first() is not None:
        return None
    since = now - timedelta(days=get_setting(session, REWARD_EVERY_DAYS))
    recent = select(RewardCode.id).where(
        RewardCode.customer_id == customer_id, col(RewardCode.issued_at) > since
    )
    if session.exec(recent).first() is not None:
        return None
    code = _unused_code(session)
    row = RewardCode(
        code=code,
        customer_id=customer_id,
        return_id=return_id,
        feedback_id=feedback_id,
        kind=kind,
        value=get_setting(session, REWARD_VALUE),
        min_purchase_cents=get_setting(session, REWARD_MIN_PURCHASE),
        issued_at=now,
        expires_at=expiry_for(now, get_setting(session, REWARD_VALID_DAYS)),
    )
    session.add(row)
    session.flush()
    return row


def _unused_code(session: Session) -> str:
    for _attempt in range(
        10
    ):  # a clash among 2^60 codes is unheard of; the unique index guards too
        code = new_code()
        if session.exec(select(RewardCode.id).where(RewardCode.code == code)).first() is None:
            return code
    raise DeskError(_("Could not draw an unused reward code; try again."))  # pragma: no cover


# looking up and redeeming


def _find(session: Session, code: str) -> RewardCode:
    problem = code_problem(code)
    if problem:
        raise DeskError(problem)
    written = format_code(normalise_code(code))
    row = session.exec(
        select(RewardCode)
        .where(RewardCode.code == written)
        .execution_options(populate_existing=True)
    ).first()
    if row is None:
        raise NotFound(
            _("{code} is not a code this shop issued; check it with the customer.").format(
                code=written
            )
        )
    return row


def _info(session: Session, row: RewardCode, now: datetime) -> CodeInfo:
    customer = session.get(Customer, row.customer_id)
    ret = session.get(Return, row.return_id) if row.return_id is not None else None
    return CodeInfo(
        code=row.code,
        state=state_of(row, now),
        customer_name=customer.name if customer is not None else "",
        kind=row.kind,
        value=row.value,
        min_purchase_cents=row.min_purchase_cents,
        issued_at=row.issued_at,
        expires_at=row.expires_at,
        redeemed_at=row.redeemed_at,
        redeemed_by=row.redeemed_by,
        return_number=ret.number if ret is not None else "",
        currency=ret.currency if ret is not None else "",
    )


def check_code(db: Database, *, code: str, now: datetime | None = None) -> CodeInfo:
    """Look up a typed code. Raises DeskError (a typo, not a code) or NotFound (never issued)."""
    with db.session() as session:
        return _info(session, _find(session, code), now or utcnow())


def reward_of_return(
    db: Database, *, return_id: int, now: datetime | None = None
) -> CodeInfo | None:
    """The reward code issued for feedback on `return_id`, if any, and where it stands."""
    with db.session() as session:
        row = session.exec(select(RewardCode).where(RewardCode.return_id == return_id)).first()
        return _info(session, row, now or utcnow()) if row is not None else None


def _refusal(row: RewardCode, now: datetime) -> str:
    if row.redeemed_at is not None:
        day, time = desk_date(row.redeemed_at, "medium"), desk_time(row.redeemed_at)
        if row.redeemed_by:
            text = _("{code} was already redeemed on {day} at {time} by {staff}.")
        else:
            text = _("{code} was already redeemed on {day} at {time}.")
        return text.format(code=row.code, day=day, time=time, staff=row.redeemed_by)
    day = desk_date(last_day(row.expires_at), "medium")
    return _("{code} expired: it could be used until {day}.").format(code=row.code, day=day)


def redeem_code(
    db: Database,
    *,
    code: str,
    staff: str = "",
    now: datetime | None = None,
    actor: Actor | None = None,
) -> CodeInfo:
    """Mark a code redeemed, once; raises DeskError when it was redeemed or has expired.

    Needs Permission.REDEEM_CODE (NotAllowed); audited with the code. `staff` is the name
    kept on the code, unless the person signed in with their PIN (then theirs).
    """
    now = now or utcnow()
    if problem := text_error(staff, _("staff name")):  # a NUL byte: refused by PostgreSQL
        raise ValidationError({"staff": problem})
    with db.session() as session:
        try:
            actor = require(session, actor, Permission.REDEEM_CODE)
            staff = timeline_name(actor, staff)[:100]
            row = _find(session, code)
            if state_of(row, now) != RewardState.ISSUED:
                raise DeskError(_refusal(row, now))
            changed = session.exec(
                update(RewardCode)
                .where(
                    col(RewardCode.id) == row.id,
                    col(RewardCode.redeemed_at).is_(None),
                )
                .values(redeemed_at=now, redeemed_by=staff)
            )
            if changed.rowcount != 1:  # redeemed by someone else a moment ago
                session.rollback()
                raise DeskError(_refusal(_find(session, code), now))
            record(session, actor, AuditAction.CODE_REDEEMED, row.code)
            session.commit()
        except Exception:
            session.rollback()
            raise
        session.refresh(row)
        return _info(session, row, now)


# exporting for the till


def _major(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"


def export_codes(db: Database, path: Path, *, now: datetime | None = None) -> int:
    """Write every issued code to a CSV file for the till's discount import; return the count.

    Columns: CSV_HEADER. value is the percent for a percent code and the amount off (in
    currency units, dot decimal) for an amount code; min_purchase in currency units;
    issued is the local day of issue and expires the last local day it can be used;
    state is issued, redeemed or expired. The file is replaced whole, never half written.
    """
    now = now or utcnow()
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    count = 0
    with db.session() as session:
        rows = session.exec(
            select(RewardCode).order_by(col(RewardCode.issued_at), col(RewardCode.id))
        )
        try:
            with partial.open("w", encoding="utf-8", newline="") as out:
                writer = csv.writer(out)
                writer.writerow(CSV_HEADER)
                for row in rows:
                    value = str(row.value) if row.kind == RewardKind.PERCENT else _major(row.value)
                    writer.writerow(
                        (
                            row.code,
                            row.kind.value,
                            value,
                            _major(row.min_purchase_cents),
                            row.issued_at.astimezone().date().isoformat(),
                            last_day(row.expires_at).isoformat(),
                            state_of(row, now).value,
                        )
                    )
                    count += 1
            os.replace(partial, path)
        except OSError as error:
            partial.unlink(missing_ok=True)
            problem = error.strerror or str(error)
            raise DeskError(
                _("Cannot write {path} ({problem}).").format(path=path, problem=problem)
            ) from error
    return count


# describing, for the counter screen, messages and the receipt


def describe_reward(info: CodeInfo | RewardCode, currency: str, language: str | None) -> str:
    """What a code gives, in `language` (a customer's: "pt_BR", "pt-BR"; one the desk does
    not speak reads English; None: the desk's own language).

    E.g. "10% off your next purchase over €20.00, until 31 Jan 2027". Amounts are in the
    currency of the code's return when `info` knows it (CodeInfo), else in `currency`.
    """
    from babel.dates import format_date

    from desk.money import format_money

    lang = (supported(language) or SOURCE_LANGUAGE) if language is not None else desk_language()
    t = translation(lang)
    currency = getattr(info, "currency", "") or currency
    over = format_money(info.min_purchase_cents, currency, lang)
    # TRANSLATORS: how the last day of a reward code is written (a Babel date pattern).
    pattern = t.pgettext("date pattern", "d MMM yyyy")
    day = format_date(last_day(info.expires_at), format=pattern, locale=lang)
    if info.kind == RewardKind.PERCENT:
        value = str(info.value)
        if info.min_purchase_cents > 0:
            text = t.gettext("{value}% off your next purchase over {amount}, until {day}")
        else:
            text = t.gettext("{value}% off your next purchase, until {day}")
    else:
        value = format_money(info.value, currency, lang)
        if info.min_purchase_cents > 0:
            text = t.gettext("{value} off your next purchase over {amount}, until {day}")
        else:
            text = t.gettext("{value} off your next purchase, until {day}")
    return text.format(value=value, amount=over, day=day)
