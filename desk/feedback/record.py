"""Feedback on a return: recording it (with its reward and low-rating alert), reading it.

One current feedback per return (`replaced_at` is None); a later one replaces it and
the old row stays, stamped with when it was replaced, so the change is on record.
Each Database-taking function is one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from desk.codes import FeedbackSource
from desk.db import Database
from desk.errors import DeskError, NotFound, ValidationError
from desk.feedback.rewards import issue_reward
from desk.i18n.catalog import N_, _
from desk.i18n.formats import format_number
from desk.models import Feedback, OutboxMessage, Return, RewardCode, utcnow
from desk.settings import FEEDBACK_LOW_RATING, get_setting
from desk.validation import text_error

COMMENT_MAX = 2000
"""The longest comment kept, in characters."""


_AT_ONCE = N_(
    "Feedback on this return was recorded elsewhere at the same moment; "
    "look at the return again, then record it once more if it is still needed."
)


@dataclass(frozen=True)
class FeedbackResult:
    """What record_feedback did."""

    feedback: Feedback
    reward: RewardCode | None  # the code it earned, if any
    low: bool  # the rating is at or under feedback.low_rating
    replaced: Feedback | None  # the feedback it replaced, now stamped replaced_at
    owner_notified: bool  # an email to the owner about the low rating is on its way
    thanks: OutboxMessage | None = None  # the thanks message with the code, queued


def _validated(rating: object, comment: str, source: object, staff: str) -> dict[str, object]:
    errors: dict[str, str] = {}
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        errors["rating"] = _("Choose a rating from 1 to 5.")
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        errors["comment"] = _("The comment is {length} characters long; keep it to {most}.").format(
            length=format_number(len(comment)), most=format_number(COMMENT_MAX)
        )
    elif "\x00" in comment:
        errors["comment"] = _("The comment holds a character that cannot be stored; retype it.")
    try:
        source = FeedbackSource(source)
    except ValueError:
        names = ", ".join(s.value for s in FeedbackSource)
        errors["source"] = _("Feedback comes from one of: {names}.").format(names=names)
    staff = (staff or "").strip()
    if len(staff) > 100:
        errors["staff"] = _("The staff name is too long; keep it to 100 characters.")
    elif problem := text_error(staff, _("staff name")):  # a NUL byte: refused by PostgreSQL
        errors["staff"] = problem
    if errors:
        raise ValidationError(errors)
    return {"rating": rating, "comment": comment, "source": source, "staff": staff}


def _current(session: Session, return_id: int) -> Feedback | None:
    query = (
        select(Feedback)
        .where(Feedback.return_id == return_id, col(Feedback.replaced_at).is_(None))
        .execution_options(populate_existing=True)
    )
    return session.exec(query).first()


def record_feedback(
    db: Database,
    *,
    return_id: int,
    rating: int,
    comment: str = "",
    source: FeedbackSource | str,
    staff: str = "",
    now: datetime | None = None,
) -> FeedbackResult:
    """Record a customer's rating of a return, replacing any earlier one, in one transaction.

    Issues the reward code when one is due (desk.feedback.rewards.issue_reward: a
    replacement never earns a second one) and, for feedback typed by staff, queues the
    customer's thanks message with it (desk.feedback.notices.queue_thanks); flags a low
    rating, and when the owner asked
    for it (feedback.notify_owner, feedback.owner_email) emails them about it once the
    transaction is saved. Raises ValidationError (one sentence per field) or NotFound;
    then nothing is saved.
    """
    # deferred: the messages and mail modules it loads are not needed to show the list
    from desk.feedback.notices import OwnerAlert, owner_alert_for, queue_thanks, send_owner_alert

    values = _validated(rating, comment, source, staff)
    now = now or utcnow()
    alert: OwnerAlert | None = None
    with db.session() as session:
        try:
            ret = session.get(Return, return_id)
            if ret is None:
                raise NotFound(_("Return {id} does not exist.").format(id=return_id))
            replaced = _current(session, return_id)
            if replaced is not None:
                replaced.replaced_at = now
                session.add(replaced)
                session.flush()  # before the new row: one current row per return
            feedback = Feedback(return_id=return_id, at=now, **values)
            session.add(feedback)
            session.flush()
            from desk.reports import facts as report_facts  # not needed to show the list

            report_facts.refresh(session.connection(), [return_id])
            reward = issue_reward(
                session,
                return_id=return_id,
                feedback_id=feedback.id,
                customer_id=ret.customer_id,
                now=now,
            )
            thanks = None
            if reward is not None:
                thanks = queue_thanks(session, ret, feedback, reward, values["staff"])
            low = feedback.rating <= get_setting(session, FEEDBACK_LOW_RATING)
            if low:
                alert = owner_alert_for(session, ret, feedback)
            session.commit()
        except IntegrityError:  # recorded at another till at the same moment
            session.rollback()
            raise DeskError(_(_AT_ONCE)) from None
        except Exception:
            session.rollback()
            raise
    notified = alert is not None and send_owner_alert(alert) is not None
    return FeedbackResult(
        feedback=feedback,
        reward=reward,
        low=low,
        replaced=replaced,
        owner_notified=notified,
        thanks=thanks,
    )


def current_feedback(db: Database, *, return_id: int) -> Feedback | None:
    """The feedback a return has now, or None."""
    with db.session() as session:
        return _current(session, return_id)


def feedback_history(db: Database, *, return_id: int) -> list[Feedback]:
    """Every feedback a return was given, oldest first (the last one is current)."""
    with db.session() as session:
        query = (
            select(Feedback)
            .where(Feedback.return_id == return_id)
            .order_by(col(Feedback.at), col(Feedback.id))
        )
        return list(session.exec(query))
