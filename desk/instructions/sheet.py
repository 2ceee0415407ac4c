"""The printable return instructions: what the sheet says, in the customer's language.

Only the content lives here; the drawing (Qt painter, PDF, preview) is done elsewhere
from the `Sheet` that `build_sheet` returns. The sheet's sentences and captions are
gettext msgids (desk.instructions.words), read in the customer's language through
desk.words; this module picks the steps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlmodel import Session

from desk.codes import Disposition, Intake, RefundMethod, Status
from desk.customers.segments import Segment
from desk.errors import DeskError
from desk.i18n.catalog import _, translation
from desk.instructions.dropoff import (
    DropOffView,
    Kind,
    dropoff_view,
    list_points,
    points_for,
    sustainability_note,
)
from desk.messages.context import (
    LANGUAGES,
    format_amount,
    format_day,
    normalise_language,
    shop_settings,
)
from desk.policy.settings import POLICY
from desk.portal.links import message_link
from desk.returns import ReturnDetail, get_detail
from desk.settings import SHOP_CHECK_DAYS, SHOP_LOCALE, get_setting
from desk.words import business_days, section

ICONS: tuple[str, ...] = (
    "pack",
    "slip",
    "dropoff",
    "counter",
    "refund",
    "credit",
    "exchange",
    "mail",
    "inspect",
)
"""The icon names a Step may carry: file stems under resources/icons/instructions/."""

KIND_FOR_DISPOSITION: dict[str, Kind] = {
    Disposition.RESTOCK: Kind.REUSE,
    Disposition.REFURBISH: Kind.REUSE,
    Disposition.RECYCLE: Kind.RECYCLING,
    Disposition.DONATE: Kind.DONATION,
    Disposition.DISCARD: Kind.RECYCLING,  # what the shop cannot use is best recycled
}
"""Which kind of drop-off point suits the goods of a return line, by its disposition."""

_WAITING = {Status.REQUESTED}
_WITH_US = {Status.RECEIVED, Status.INSPECTING, Status.APPROVED}
_SETTLED = {Status.REFUNDED, Status.CREDITED, Status.EXCHANGED, Status.CLOSED}


@dataclass(frozen=True)
class Step:
    """One numbered step of the sheet: an icon name and a short line of text."""

    icon: str
    text: str


@dataclass(frozen=True)
class Sheet:
    """Everything the instructions sheet says, localized, ready to be drawn."""

    language: str
    shop_name: str
    shop_address: str
    shop_phone: str
    shop_hours: str
    logo_path: str
    title: str
    return_number: str | None
    qr_text: str | None
    customer_name: str | None
    deadline: date | None
    deadline_text: str
    steps: list[Step]
    dropoff_title: str
    dropoff_points: list[DropOffView]
    sustainability_title: str
    sustainability_note: str
    labels: dict[str, str] = field(default_factory=dict)


def build_sheet(
    session: Session,
    *,
    return_number: str | None = None,
    language: str | None = None,
    today: date | None = None,
) -> Sheet:
    """Return the instructions sheet for one return, or the generic one when no number.

    The language is `language` if given, else the customer's, else the shop's.
    Raises NotFound for an unknown return number and DeskError for an unknown language.
    """
    today = today or date.today()
    shop = shop_settings(session)
    detail = get_detail(session, number=return_number) if return_number else None
    language = _language(session, language, detail)
    text = section(language, "sheet.text")
    window = get_setting(session, STANDARD_WINDOW)
    if detail is None:
        points = list_points(session, active_only=True)
        kinds = set(Kind)
        generic = translation(language).ngettext(
            "Bring your items back within {days} day of purchase",
            "Bring your items back within {days} days of purchase",
            window,
        )
        deadline, deadline_text = None, generic.format(days=window)
        steps = _generic_steps(text)
    else:
        kinds = kinds_for(detail)
        points = points_for(session, kinds)
        window = customer_window(session, detail.customer.id)
        deadline = return_deadline(detail, window)
        timing = Timing(get_setting(session, SHOP_CHECK_DAYS), int(shop["shop.refund_days"]))
        total = format_amount(detail.total_cents, detail.currency, language)
        deadline_text = _deadline_text(detail, deadline, language, today, timing, total)
        steps = return_steps(detail, shop, language, deadline)
    labels = dict(section(language, "sheet.label"))
    if detail is not None and _status(detail) not in _WAITING:
        labels["deadline"] = labels["next"]  # the box says what happens next, not a deadline
    labels["printed"] = labels["printed"].format(date=format_day(today, language))
    link = message_link(session, detail.ret.id) if detail is not None else ""
    if link:
        labels["scan_me"] = labels["scan_link"]  # the code opens the customer's own page
    return Sheet(
        language=language,
        shop_name=str(shop["shop.name"]),
        shop_address=str(shop["shop.address"]),
        shop_phone=str(shop["shop.phone"]),
        shop_hours=str(shop["shop.hours"]),
        logo_path=str(shop["shop.logo"]),
        title=text["title"],
        return_number=detail.ret.number if detail else None,
        qr_text=(link or detail.ret.number) if detail else None,
        customer_name=detail.customer.name if detail else None,
        deadline=deadline,
        deadline_text=deadline_text,
        steps=steps,
        dropoff_title=text["dropoff_title"],
        dropoff_points=[dropoff_view(point, language) for point in points],
        sustainability_title=text["sustainability_title"],
        sustainability_note=sustainability_note(kinds, language),
        labels=labels,
    )


def _language(session: Session, asked: str | None, detail: ReturnDetail | None) -> str:
    if asked is not None:
        code = asked.strip().replace("-", "_")
        for known in LANGUAGES:
            if code.lower() == known.lower():
                return known
        raise DeskError(
            _("There are no instructions in “{language}”; use one of: {languages}.").format(
                language=asked, languages=", ".join(LANGUAGES)
            )
        )
    if detail is not None:
        preferred = (detail.customer.preferred_language or "").replace("-", "_")
        if preferred.lower() in {code.lower() for code in LANGUAGES}:
            return normalise_language(preferred)
    return normalise_language(get_setting(session, SHOP_LOCALE))


def kinds_for(detail: ReturnDetail) -> set[Kind]:
    """Return the kinds of drop-off point that suit the goods of a return's lines."""
    return {
        KIND_FOR_DISPOSITION[line.disposition]
        for line in detail.lines
        if line.disposition in KIND_FOR_DISPOSITION
    }


STANDARD_WINDOW = POLICY[Segment.NEW].window_days
"""The generic sheet promises the window anyone gets: a new customer's."""


def customer_window(session: Session, customer_id: int) -> int:
    """The return window, in days, that the shop's policy gives this customer's segment."""
    from desk.customers.habits import habits_for
    from desk.policy.rules import rules_for

    return rules_for(session, habits_for(session, customer_id).segment).window_days


def return_deadline(detail: ReturnDetail, window_days: int) -> date:
    """Return the last day to bring a return back: purchase (or logging) day + window."""
    ret = detail.ret
    start = ret.purchase_date or ret.created_at.astimezone().date()
    return start + timedelta(days=window_days)


def _status(detail: ReturnDetail) -> Status:
    try:
        return detail.ret.status
    except ValueError:
        return Status.REQUESTED


def _day_of(detail: ReturnDetail, status: Status) -> date:
    """The day the return last entered `status` (the logging day when the timeline lacks it)."""
    for change in reversed(detail.timeline):
        if change.to_status == status:
            return change.at.astimezone().date()
    return detail.ret.created_at.astimezone().date()


def add_business_days(day: date, days: int) -> date:
    """The day `days` business days (Monday to Friday) after `day`."""
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


@dataclass(frozen=True)
class Timing:
    """The shop's promises the "What happens next" box counts with, in business days."""

    check_days: int
    refund_days: int


def _deadline_text(
    detail: ReturnDetail, deadline: date, language: str, today: date, timing: Timing, total: str
) -> str:
    """What the customer must do by when (waiting), or what happens next and by when."""
    text, status = section(language, "sheet.text"), _status(detail)
    if status in _WAITING:
        if deadline < today:
            return text["deadline_passed"].format(date=format_day(deadline, language))
        key = "deadline_mail" if detail.ret.intake == Intake.MAIL else "deadline_counter"
        return text[key].format(date=format_day(deadline, language))
    mail = detail.ret.intake == Intake.MAIL
    since = _day_of(detail, status)
    if status in (Status.RECEIVED, Status.INSPECTING):
        since = _day_of(detail, Status.RECEIVED)
    key = _NEXT_KEYS.get(status, "closed_on")
    if status == Status.APPROVED:
        method = detail.ret.refund_method
        key = {
            RefundMethod.STORE_CREDIT: "approved_credit",
            RefundMethod.EXCHANGE: "approved_exchange",
        }.get(method, "approved_refund")
        if mail and key != "approved_refund":
            key += "_mail"
    days = timing.check_days if status in (Status.RECEIVED, Status.INSPECTING) else 0
    if key in ("approved_refund", "refunded_on"):
        days = timing.refund_days
    elif key.endswith("_mail"):
        days = timing.check_days
    until = add_business_days(since, days)
    if until < today and days:  # a promise already late: the next business day, never the past
        until = add_business_days(today, 1)
    return text[key].format(
        date=format_day(until, language), day=format_day(since, language), total=total
    )


_NEXT_KEYS = {
    Status.RECEIVED: "check_by",
    Status.INSPECTING: "inspecting_by",
    Status.REJECTED: "rejected_on",
    Status.REFUNDED: "refunded_on",
    Status.CREDITED: "credited_on",
    Status.EXCHANGED: "exchanged_on",
    Status.CLOSED: "closed_on",
    Status.CANCELLED: "cancelled_on",
}
"""The key of the "What happens next" words for each status past waiting (approved: by method)."""


def return_steps(
    detail: ReturnDetail, shop: dict[str, object], language: str, deadline: date
) -> list[Step]:
    """Return the 3 to 5 steps that fit a return's intake, refund method and status."""
    text, status = section(language, "sheet.text"), _status(detail)
    mail = detail.ret.intake == Intake.MAIL
    if status in _WAITING:
        day = format_day(deadline, language)
        if mail:
            address = str(shop["shop.address"]).strip().replace("\n", ", ")
            send = (
                text["mail"].format(address=address, date=day)
                if address
                else text["mail_no_address"].format(date=day)
            )
            first = [
                Step("pack", text["pack_mail"]),
                Step("slip", text["slip_mail"]),
                Step("mail", send),
            ]
        else:
            first = [
                Step("pack", text["pack"]),
                Step("slip", text["slip_counter"]),
                Step("counter", text["counter"].format(date=day)),
            ]
        return [*first, Step("inspect", text["inspect"]), _outcome_step(detail, shop, language)]
    if status in _WITH_US:
        check = "inspecting" if status == Status.INSPECTING else "inspect"
        steps = [_outcome_step(detail, shop, language)]
        if status != Status.APPROVED:
            steps.insert(0, Step("inspect", text[check]))
        return [*steps, Step("dropoff", text["dropoff"]), _contact_step(text, shop)]
    if status == Status.REJECTED:
        return [
            Step("inspect", text["rejected"]),
            Step("counter", text["collect"]),
            Step("dropoff", text["dropoff"]),
        ]
    if status == Status.CANCELLED:
        return [
            Step("slip", text["cancelled_step"]),
            Step("dropoff", text["dropoff"]),
            _contact_step(text, shop),
        ]
    return [  # settled or closed
        _settled_step(detail, shop, language),
        Step("dropoff", text["dropoff"]),
        _contact_step(text, shop),
    ]


def _outcome_step(detail: ReturnDetail, shop: dict[str, object], language: str) -> Step:
    """The last step while the return is open: how the customer gets their due."""
    text, method = section(language, "sheet.text"), detail.ret.refund_method
    mail = detail.ret.intake == Intake.MAIL
    if method == RefundMethod.STORE_CREDIT:
        return Step("credit", text["credit_mail" if mail else "credit"])
    if method == RefundMethod.EXCHANGE:
        return Step("exchange", text["exchange_mail" if mail else "exchange"])
    days = business_days(language, int(shop["shop.refund_days"]))
    return Step("refund", text["refund"].format(days=days))


def _settled_step(detail: ReturnDetail, shop: dict[str, object], language: str) -> Step:
    text, status = section(language, "sheet.text"), _status(detail)
    total = format_amount(detail.total_cents, detail.currency, language)
    method = detail.ret.refund_method
    if status == Status.CREDITED or (
        status == Status.CLOSED and method == RefundMethod.STORE_CREDIT
    ):
        return Step("credit", text["credit_done"].format(total=total))
    if status == Status.EXCHANGED or (status == Status.CLOSED and method == RefundMethod.EXCHANGE):
        return Step("exchange", text["exchange_done"])
    days = business_days(language, int(shop["shop.refund_days"]))
    return Step("refund", text["refund_done"].format(total=total, days=days))


def _contact_step(text: dict[str, str], shop: dict[str, object]) -> Step:
    phone = str(shop["shop.phone"]).strip()
    return Step("counter", text["contact_phone"].format(phone=phone) if phone else text["contact"])


def _generic_steps(text: dict[str, str]) -> list[Step]:
    return [
        Step("pack", text["pack"]),
        Step("slip", text["slip_generic"]),
        Step("counter", text["counter_generic"]),
        Step("inspect", text["inspect"]),
        Step("refund", text["choose"]),
    ]
