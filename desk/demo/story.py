"""Demo story: the messages each return sent, the feedback it got, the rewards it earned.

`StoryMaker` follows a demo return after its rows are drawn: each status change whose
event the shop sends (`notify.*` not off) gets its outbox message, already sent a few
minutes to a few hours later (a few failed), on the customer's preferred channel, never
to a customer who prints letters or asked not to be contacted. Closed returns collect
feedback: at the counter when they were settled there, else as an answer to the
feedback request sent after closing. Feedback earns a reward code (when the reward is
on, at most one per customer every `reward.every_days`), some redeemed, some expired.
A few poor ratings are replaced after the shop called the customer back.

It draws from its own seeded generator, so the returns stay what they were without it,
and touches no database: `desk.demo.seed` writes the rows. Messages carry short texts
from `desk.demo.story_content`, not rendered templates: render_message costs ~0.8 ms a
message, which would make the 500-return demo take ~1.5 s instead of ~0.1 s, and the
100,000-return one minutes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from desk.codes import Event
from desk.demo.content import REFUND_BY_SETTLED, Channel, Intake, S
from desk.demo.plan import DAY, Plan, Rng, as_datetime
from desk.demo.shops import ENGLISH_SHOP, DemoShop
from desk.demo.story_content import (
    COMMENT_SHARE,
    FEEDBACK_ANSWERS,
    FEEDBACK_COMMENTS,
    GREETINGS,
    MESSAGE_TEXTS,
    RATINGS,
    RATINGS_AFTER_REJECTION,
    SEND_DELAYS,
    SIGN_OFFS,
)
from desk.feedback.codes import ALPHABET, RANDOM_LENGTH, check_character, format_code
from desk.feedback.rewards import expiry_for
from desk.messages.events import EVENT_FOR_STATUS
from desk.messages.outbox import feedback_due

EVENTS = {str(status): str(event) for status, event in EVENT_FOR_STATUS.items()}
FEEDBACK = str(Event.FEEDBACK)
FAILED_SHARE = 0.025
TICKED_SHARE = 0.92
"""Share of the "ask" messages staff left ticked in the transition dialog."""
COUNTER_FEEDBACK = 0.55
"""Share of the returns settled at the counter whose customer rated it there."""
ANSWERED = 0.35
"""Share of the feedback requests the customer answered."""
REDEEMED = 0.4
CALLED_BACK = 0.25
"""Share of the poor ratings (1-2) the shop called back about, which the customer then
replaced with a better one by phone (the old rating kept, replaced)."""


@dataclass(frozen=True)
class StorySettings:
    """The shop's settings the story follows (read once, in the demo's transaction)."""

    notify: dict[str, str]  # event code -> off, ask, auto
    shop_name: str = "My Shop"
    mail_domain: str = "returndesk.local"
    request_when: str = "next_morning"
    request_hours: int = 24
    reward_kind: str = "percent"
    reward_value: int = 10
    min_purchase_cents: int = 0
    valid_days: int = 60
    every_days: int = 30


@dataclass
class NextIds:
    """The next free id of each table the story writes."""

    message: int = 1
    feedback: int = 1
    code: int = 1


@dataclass
class StoryRows:
    """The rows of one batch, ready for Core insert()."""

    messages: list[dict] = field(default_factory=list)
    feedback: list[dict] = field(default_factory=list)
    codes: list[dict] = field(default_factory=list)


@dataclass
class StoryCounts:
    """How many rows of each kind the story has handed out so far."""

    messages: int = 0
    feedback: int = 0
    codes: int = 0


class StoryMaker:
    """Draws the messages, feedback and reward codes of demo returns from `rng`.

    `shop` names the staff and says why a message failed in its language.
    """

    def __init__(
        self,
        rng: Rng,
        now: datetime,
        settings: StorySettings,
        ids: NextIds,
        taken_codes: set[str] | None = None,
        shop: DemoShop = ENGLISH_SHOP,
    ):
        self.rng, self.now, self.settings, self.ids = rng, int(now.timestamp()), settings, ids
        self.taken = taken_codes if taken_codes is not None else set()
        self.staff, self.send_errors = shop.staff, shop.send_errors
        self.rewarded: dict[int, int] = {}  # customer id -> when they last earned a code
        self.rows = StoryRows()
        self.counts = StoryCounts()

    def take_rows(self) -> StoryRows:
        """Return the rows drawn since the last call, and start a new batch."""
        rows, self.rows = self.rows, StoryRows()
        self.counts.messages += len(rows.messages)
        self.counts.feedback += len(rows.feedback)
        self.counts.codes += len(rows.codes)
        return rows

    def follow(self, ret: dict, customer: dict, plan: Plan, changes: list[dict]) -> None:
        """Draw what return `ret` sent and heard; `changes` are its timeline rows, with ids."""
        channel = customer["preferred_channel"]
        reachable = channel in (Channel.EMAIL, Channel.SMS)
        if reachable:
            for change, at in zip(changes, plan.times, strict=True):
                event = EVENTS.get(change["to_status"])
                if event and self._sends(event):
                    self._message(ret, customer, event, at, at + self._delay(), change["id"])
        if plan.path[-1] == S.CLOSED:
            self._feedback(ret, customer, plan, reachable)

    # -- messages ------------------------------------------------------------------------------

    def _sends(self, event: str) -> bool:
        mode = self.settings.notify.get(event, "off")
        return mode == "auto" or (mode == "ask" and self.rng.random() < TICKED_SHARE)

    def _delay(self) -> int:
        low, high = self.rng.choice(SEND_DELAYS)
        return self.rng.randint(low, high)

    def _message(
        self, ret: dict, customer: dict, event: str, queued: int, due: int, change_id: int | None
    ) -> bool:
        """Add the message of `event`; return True if it was sent (not failed)."""
        rng, settings = self.rng, self.settings
        channel, language = customer["preferred_channel"], customer["preferred_language"]
        email = channel == Channel.EMAIL
        recipient = customer["email"] if email else customer["phone"]
        texts = MESSAGE_TEXTS.get(language) or MESSAGE_TEXTS["en"]
        subject, line = texts[event]
        first, number = customer["name"].split()[0], ret["number"]
        line = line.format(number=number)
        if email:
            greeting = GREETINGS[language].format(first=first)
            body = f"{greeting}\n\n{line}\n\n{SIGN_OFFS[language]}\n{settings.shop_name}\n"
        else:
            body = f"{settings.shop_name}: {first}, {line}"
        sent = min(due, self.now)
        failed, refused, error = rng.random() < FAILED_SHARE, False, ""
        if failed:
            refused = rng.random() < 0.7
            error = self.send_errors[channel][0 if refused else 1].format(recipient=recipient)
        message_id = self.ids.message
        self.ids.message += 1
        self.rows.messages.append(
            {
                "id": message_id,
                "return_id": ret["id"],
                "status_change_id": change_id,
                "event": event,
                "channel": channel,
                "language": language,
                "recipient": recipient,
                "subject": f"{first}, {subject.format(number=number)}",
                "body_text": body,
                "body_html": "",
                "message_id": f"<{sent}.{message_id}.demo@{settings.mail_domain}>" if email else "",
                "state": "failed" if failed else "sent",
                "attempts": (1 if refused else 8) if failed else 1 + (rng.random() < 0.05),
                "last_error": error if failed else "",
                "created_at": as_datetime(queued),
                "next_attempt_at": as_datetime(sent),
                "sent_at": None if failed else as_datetime(sent),
                "staff": "",
            }
        )
        return not failed

    # -- feedback and rewards ----------------------------------------------------------------

    def _feedback(self, ret: dict, customer: dict, plan: Plan, reachable: bool) -> None:
        rng, now = self.rng, self.now
        closed = plan.times[-1]
        if plan.intake == Intake.COUNTER and rng.random() < COUNTER_FEEDBACK:
            at = min(now, _finished(plan) + rng.randint(40, 300))
            self._rate(ret, customer, plan, "counter", at, staff="")
            return
        if not reachable or self.settings.notify.get(FEEDBACK, "off") == "off":
            return
        due = self._request_due(closed)
        sent = due + rng.randint(60, 900)
        if sent > now or not self._sends(FEEDBACK):
            return  # not due yet: the outbox would really send it, so the demo leaves it out
        if not self._message(ret, customer, FEEDBACK, closed, sent, None):
            return
        if rng.random() < ANSWERED:
            at = sent + rng.randint(1_200, 3 * DAY)
            if at <= now:
                source = rng.choice(FEEDBACK_ANSWERS)
                staff = "" if source == "portal" else rng.choice(self.staff)
                self._rate(ret, customer, plan, source, at, staff=staff)

    def _request_due(self, closed: int) -> int:
        """When the outbox sends the request of a return closed at `closed` (as it would)."""
        settings = self.settings
        due = feedback_due(settings.request_when, settings.request_hours, as_datetime(closed))
        return int(due.timestamp())

    def _rate(
        self, ret: dict, customer: dict, plan: Plan, source: str, at: int, *, staff: str
    ) -> None:
        rng = self.rng
        rating = rng.choice(RATINGS_AFTER_REJECTION if S.REJECTED in plan.path else RATINGS)
        comment = ""
        if rng.random() < COMMENT_SHARE[rating]:
            pools = FEEDBACK_COMMENTS.get(customer["preferred_language"], FEEDBACK_COMMENTS["en"])
            comment = rng.choice(
                pools["good" if rating >= 4 else "mixed" if rating == 3 else "poor"]
            )
        first = self._add_feedback(ret, rating, comment, source, staff, at)
        self._reward(ret, customer, first["id"], at)
        if rating <= 2 and rng.random() < CALLED_BACK:
            later = at + rng.randint(DAY // 4, 4 * DAY)
            if later <= self.now:
                pools = FEEDBACK_COMMENTS.get(
                    customer["preferred_language"], FEEDBACK_COMMENTS["en"]
                )
                first["replaced_at"] = as_datetime(later)
                rating, comment = 3 + rng.below(3), rng.choice(pools["made_right"])
                self._add_feedback(ret, rating, comment, "phone", rng.choice(self.staff), later)

    def _add_feedback(
        self, ret: dict, rating: int, comment: str, source: str, staff: str, at: int
    ) -> dict:
        row = {
            "id": self.ids.feedback,
            "return_id": ret["id"],
            "rating": rating,
            "comment": comment,
            "source": source,
            "staff": staff,
            "at": as_datetime(at),
            "replaced_at": None,
        }
        self.ids.feedback += 1
        self.rows.feedback.append(row)
        return row

    def _reward(self, ret: dict, customer: dict, feedback_id: int, at: int) -> None:
        settings, rng = self.settings, self.rng
        if settings.reward_kind == "off":
            return
        last = self.rewarded.get(customer["id"])
        if last is not None and at - last <= settings.every_days * DAY:
            return
        self.rewarded[customer["id"]] = at
        issued = as_datetime(at)
        expires = expiry_for(issued, settings.valid_days)
        redeemed = None
        if rng.random() < REDEEMED:
            moment = at + rng.randint(DAY, settings.valid_days * DAY)
            if moment < min(self.now, int(expires.timestamp())):
                redeemed = as_datetime(moment)
        self.rows.codes.append(
            {
                "id": self.ids.code,
                "code": self._code(),
                "customer_id": customer["id"],
                "return_id": ret["id"],
                "feedback_id": feedback_id,
                "kind": settings.reward_kind,
                "value": settings.reward_value,
                "min_purchase_cents": settings.min_purchase_cents,
                "issued_at": issued,
                "expires_at": expires,
                "redeemed_at": redeemed,
                "redeemed_by": rng.choice(self.staff) if redeemed else "",
            }
        )
        self.ids.code += 1

    def _code(self) -> str:
        """Return a code the shop has not issued: random symbols and their check character."""
        while True:
            payload = "".join(self.rng.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
            code = format_code(payload + check_character(payload))
            if code not in self.taken:
                self.taken.add(code)
                return code


def _finished(plan: Plan) -> int:
    """When the customer at the counter saw their return through (settled, or turned down)."""
    for status, at in zip(plan.path, plan.times, strict=True):
        if status in REFUND_BY_SETTLED or status == S.REJECTED:
            return at
    return plan.times[-1]
