"""The variables a message template can use for one return, in the customer's language."""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache

from sqlmodel import Session, col, select

from desk.codes import Condition, Event, Reason, RefundMethod, Status
from desk.errors import DeskError
from desk.i18n.catalog import N_, _
from desk.labels import label
from desk.messages.events import EVENT_FOR_STATUS
from desk.models import Customer, Return, ReturnLine, Setting, StatusChange
from desk.money import format_money
from desk.portal.links import message_link
from desk.returns import ReturnDetail
from desk.settings import (
    SETTINGS,
    SHOP_ADDRESS,
    SHOP_CURRENCY,
    SHOP_EMAIL,
    SHOP_HOURS,
    SHOP_LOGO,
    SHOP_NAME,
    SHOP_PHONE,
    SHOP_REFUND_DAYS,
    keys_of,
)
from desk.words import section

LANGUAGES: tuple[str, ...] = ("en", "pt_BR")
"""The languages default templates ship in."""

DEFAULT_LANGUAGE = "en"

VARIABLES: dict[str, str] = {
    "customer.first_name": N_("The customer's first name"),
    "customer.name": N_("The customer's full name"),
    "customer.email": N_("The customer's email address (may be empty)"),
    "customer.phone": N_("The customer's phone number (may be empty)"),
    "return.number": N_("The return number, e.g. R-2026-00042"),
    "return.date": N_("The day the return was logged, in the customer's language"),
    "return.purchase_date": N_("The day of purchase, if known (else empty)"),
    "return.purchase_ref": N_("The receipt or order reference (may be empty)"),
    "return.reason": N_("Why the customer returns the goods, in their language"),
    "items": N_("The returned items; loop with {% for item in items %}"),
    "item.sku": N_("An item's SKU (inside the loop)"),
    "item.description": N_("An item's description (inside the loop)"),
    "item.quantity": N_("How many of the item (inside the loop)"),
    "item.unit_price": N_("An item's unit price, formatted (inside the loop)"),
    "item.amount": N_("Quantity times unit price, formatted (inside the loop)"),
    "item.condition": N_("An item's condition, in the customer's language (inside the loop)"),
    "total": N_("The value of all items, formatted"),
    "refund_method": N_("How the customer is refunded, in their language"),
    "next_step": N_("One sentence saying what happens next and when"),
    "reward.code": N_("The reward code the feedback earned (thanks message; else empty)"),
    "reward.text": N_("What the reward code gives, e.g. 10% off your next purchase (else empty)"),
    "note": N_("The staff note of this step, e.g. why a return was rejected (may be empty)"),
    "shop.name": N_("The shop's name"),
    "shop.address": N_("The shop's address"),
    "shop.phone": N_("The shop's phone number"),
    "shop.hours": N_("The shop's opening hours"),
    "shop.email": N_("The shop's email address"),
    "shop.logo": N_('Whether a logo is set; use {% if shop.logo %}<img src="cid:logo">{% endif %}'),
    "staff": N_("The name of the staff member sending the message (may be empty)"),
    "today": N_("Today's date, in the customer's language"),
    "event": N_("The event code, e.g. refunded"),
    "language": N_("The message language: en or pt_BR"),
    "portal_link": N_(
        "The customer's personal link to follow the return (empty when the "
        "customer space has no public address)"
    ),
}
"""Every template variable with a one-line description (marked only: the editor shows
`variable_descriptions()`, in the desk's language)."""


def variable_descriptions() -> dict[str, str]:
    """Every template variable with its description in the desk's language."""
    return {name: _(description) for name, description in VARIABLES.items()}


_BABEL_LOCALE = {"en": "en", "pt_BR": "pt_BR"}

SHOP_KEYS: tuple[str, ...] = keys_of(
    (
        SHOP_NAME,
        SHOP_ADDRESS,
        SHOP_PHONE,
        SHOP_HOURS,
        SHOP_EMAIL,
        SHOP_LOGO,
        SHOP_CURRENCY,
        SHOP_REFUND_DAYS,
    )
)

SAMPLE_LINK = "https://returns.example.com/r/AQAAACoAAAAAgUR7v2iEkUi_GqjKoJ_D5Q"
"""The personal link of the sample return (what templates are tried on)."""

_STATUS_FOR_EVENT = {event: status for status, event in EVENT_FOR_STATUS.items()}


def normalise_language(code: str | None) -> str:
    """Return the supported language closest to `code` ("pt-br" -> "pt_BR"); "en" if none."""
    text = (code or "").strip().replace("-", "_")
    for language in LANGUAGES:
        if text.lower() == language.lower():
            return language
    if text.lower().startswith("pt"):
        return "pt_BR"
    return DEFAULT_LANGUAGE


def check_language(code: str) -> str:
    """Return `code` if templates exist in that language; raise DeskError if not."""
    if code not in LANGUAGES:
        raise DeskError(
            _("There are no templates in “{code}”; use one of: {names}.").format(
                code=code, names=", ".join(LANGUAGES)
            )
        )
    return code


@lru_cache(maxsize=8192)
def format_amount(cents: int, currency: str, language: str) -> str:
    """Format `cents` in `currency` for `language`: 1250 -> '€12.50' (en), 'R$ 12,50' (pt_BR)."""
    return format_money(cents, currency, _BABEL_LOCALE[language])


@lru_cache(maxsize=4096)
def format_day(day: date | None, language: str) -> str:
    """Format a day in words for `language` ('March 12, 2026' / '12 de março de 2026')."""
    if day is None:
        return ""
    from babel.dates import format_date

    return format_date(day, format="long", locale=_BABEL_LOCALE[language])


def _days(days: int, language: str) -> str:
    words = section(language, "message.business_days")
    return words["one"] if days == 1 else words["other"].format(days=days)


def next_step(event: Event | str, refund_method: str, language: str, total: str, days: int) -> str:
    """Return the sentence saying what happens next after `event`, with its timing."""
    step = section(language, "message.next_step")[Event(event)]
    if not isinstance(step, str):  # a table by refund method
        step = step.get(refund_method) or step.get("*") or step[RefundMethod.ORIGINAL]
    return step.format(total=total, days=_days(days, language))


def shop_settings(session: Session) -> dict[str, object]:
    """Return the shop.* settings messages use, in one query."""
    rows = session.exec(
        select(Setting.key, Setting.value).where(col(Setting.key).in_(SHOP_KEYS))
    ).all()
    return shop_values(dict(rows))


def shop_values(stored: dict[str, str]) -> dict[str, object]:
    """Return the shop.* settings messages use, typed, from the stored text values."""
    return {
        key: SETTINGS[key].from_stored(stored[key]) if key in stored else SETTINGS[key].default
        for key in SHOP_KEYS
    }


def _first_name(name: str) -> str:
    parts = name.split()
    return parts[0] if parts else name


def _note(detail: ReturnDetail, event: Event) -> str:
    status = _STATUS_FOR_EVENT.get(event)
    for change in reversed(detail.timeline):
        if change.to_status == status:
            return change.note
    return ""


def _local_day(moment: datetime | None) -> date | None:
    return None if moment is None else moment.astimezone().date()


def context_for(
    detail: ReturnDetail,
    shop: dict[str, object],
    *,
    event: Event | str,
    language: str,
    staff: str = "",
    today: date | None = None,
    reward: dict[str, str] | None = None,
    note: str | None = None,
    portal_link: str = "",
) -> dict:
    """Return the template variables for `detail`, given the shop settings (no database).

    `reward` holds the code and text of a reward code (the thanks message). `note` is the
    note of the step being made (a preview, or the move just recorded); None takes the
    note of the timeline's last move to the event's status. `portal_link` is the return's
    personal link (desk.portal.links.message_link), empty for none.
    """
    event = Event(event)
    language = check_language(language)
    currency = detail.currency or str(shop["shop.currency"])  # the return's own, always
    ret, customer = detail.ret, detail.customer
    conditions = section(language, "message.condition")
    items = [
        {
            "sku": line.sku,
            "description": line.description,
            "quantity": line.quantity,
            "unit_price": format_amount(line.unit_price_cents, currency, language),
            "amount": format_amount(line.quantity * line.unit_price_cents, currency, language),
            "condition": label(conditions, line.condition),
        }
        for line in detail.lines
    ]
    total = format_amount(detail.total_cents, currency, language)
    return {
        "customer": {
            "first_name": _first_name(customer.name),
            "name": customer.name,
            "email": customer.email or "",
            "phone": detail.customer_phone,
        },
        "return": {
            "number": ret.number,
            "date": format_day(_local_day(ret.created_at), language),
            "purchase_date": format_day(ret.purchase_date, language),
            "purchase_ref": ret.purchase_ref,
            "reason": label(section(language, "message.reason"), ret.reason),
        },
        "items": items,
        "total": total,
        "refund_method": label(section(language, "message.refund_method"), ret.refund_method),
        "next_step": next_step(
            event, ret.refund_method, language, total, int(shop["shop.refund_days"])
        ),
        "note": _note(detail, event) if note is None else note,
        "reward": {"code": "", "text": ""} | (reward or {}),
        "shop": {
            "name": str(shop["shop.name"]),
            "address": str(shop["shop.address"]),
            "phone": str(shop["shop.phone"]),
            "hours": str(shop["shop.hours"]),
            "email": str(shop["shop.email"]),
            "logo": bool(shop["shop.logo"]),
        },
        "staff": staff,
        "today": format_day(today or date.today(), language),
        "event": event.value,
        "language": language,
        "portal_link": portal_link,
    }


def build_context(
    session: Session, detail: ReturnDetail, *, event: Event | str, language: str, staff: str = ""
) -> dict:
    """Return the template variables for one return, event and language."""
    return context_for(
        detail,
        shop_settings(session),
        event=event,
        language=language,
        staff=staff,
        portal_link=message_link(session, detail.ret.id),
    )


def sample_detail(language: str = DEFAULT_LANGUAGE) -> ReturnDetail:
    """Return a realistic return, not stored anywhere, to try templates on."""
    portuguese = language == "pt_BR"
    now = datetime(2026, 3, 12, 10, 30, tzinfo=UTC)
    ret = Return(
        id=0,
        number="R-2026-00042",
        customer_id=0,
        status="refunded",
        reason=Reason.WRONG_SIZE,
        refund_method=RefundMethod.ORIGINAL,
        purchase_date=date(2026, 3, 2),
        purchase_ref="INV-10442",
        total_cents=10748,
        currency="BRL" if portuguese else "EUR",
        created_at=now,
        updated_at=now,
    )
    customer = Customer(
        id=0,
        name="João Silva" if portuguese else "Ana Moreira",
        email="cliente@example.com",
        phone="+55 11 91234-5678" if portuguese else "+351 912 345 678",
        preferred_language=language,
    )
    lines = [
        ReturnLine(
            return_id=0,
            sku="SHOE-42",
            description="Tênis de trilha" if portuguese else "Trail shoe",
            quantity=2,
            unit_price_cents=4999,
            condition=Condition.OPENED,
        ),
        ReturnLine(return_id=0, sku="SOCK-1", description="", quantity=3, unit_price_cents=250),
    ]
    timeline = [StatusChange(return_id=0, to_status=Status.RECEIVED, at=now, note="")]
    return ReturnDetail(ret=ret, customer=customer, lines=lines, timeline=timeline)


def sample_context(
    language: str = DEFAULT_LANGUAGE, *, event: Event | str = Event.REFUNDED
) -> dict:
    """Return a realistic context without a database (used to check templates)."""
    shop = {key: SETTINGS[key].default for key in SHOP_KEYS}
    shop.update(
        {
            "shop.name": "Loja Exemplo" if language == "pt_BR" else "Example Shop",
            "shop.address": "Rua das Flores 12, Lisboa",
            "shop.phone": "+351 210 000 000",
            "shop.hours": "Seg-Sáb 9h-19h" if language == "pt_BR" else "Mon-Sat 9:00-19:00",
            "shop.email": "shop@example.com",
            "shop.logo": "logo.png",
            "shop.currency": "BRL" if language == "pt_BR" else "EUR",
        }
    )
    return context_for(
        sample_detail(language),
        shop,
        event=event,
        language=language,
        staff="Sam",
        today=date(2026, 3, 14),
        reward={
            "code": "K7QX-M4RT-9HWZ-M",
            "text": "10% de desconto na sua próxima compra, até 12 de mai. de 2026"
            if language == "pt_BR"
            else "10% off your next purchase, until 12 May 2026",
        },
        portal_link=SAMPLE_LINK,
    )
