"""Demo rows: what the demo customers, returns, lines and timelines say.

`RowMaker` turns the plans of `desk.demo.plan` into row dicts ready for Core
`insert()`: customers (names, emails, phones, preferences, what the till knows of
them), returns (number, reason, purchase, refund method), their lines (products,
serials, condition, disposition) and their status changes (staff, notes). It draws
from the same random generator as the planner, always in the same order, and from the
tables of its `desk.demo.shops.DemoShop` (the English demo's unless told). It touches no
database: `desk.demo.seed` writes the rows.
"""

from __future__ import annotations

import random
import unicodedata
from collections import Counter as Tally
from datetime import date, datetime, timedelta
from functools import cache

from desk.demo.content import (
    APPAREL,
    BR_AREA_CODES,
    BROKEN_DISPOSITIONS,
    CHANNELS,
    ELECTRONICS,
    EMAIL_STYLES,
    EN_DOMAINS,
    EN_FIRST,
    EN_LAST,
    HOME,
    LINE_COUNTS,
    OTHER_CONDITIONS,
    PT_COMPOUND,
    PT_DOMAINS,
    PT_FIRST,
    PT_LAST,
    REASONS_APPAREL,
    REASONS_OTHER,
    REFUND_BY_SETTLED,
    REFUND_TABLE,
    SERIAL_PREFIX,
    SHOES,
    Condition,
    Disposition,
    Intake,
    Reason,
    S,
)
from desk.demo.plan import Plan, Rng, as_datetime
from desk.demo.sales import TILL, WEB
from desk.demo.shops import ENGLISH_SHOP, DemoShop
from desk.workflow import NOTE_REQUIRED


class RowMaker:
    """Draws the demo rows of `shop` from `rng`; emails stay unique across its customers."""

    def __init__(self, rng: Rng, shop: DemoShop = ENGLISH_SHOP):
        self.rng, self.shop = rng, shop
        self.emails: set[str] = set()
        self.variants, self.staff = shop.catalogue.variants, shop.staff

    # -- customers ---------------------------------------------------------------------------

    def customers(self, first_id: int, owners: list[int], plans: list[Plan]) -> list[dict]:
        """Return the customer rows; each was created just before their first return."""
        first_seen: dict[int, int] = {}
        for owner, plan in zip(owners, plans, strict=True):
            first_seen.setdefault(owner, plan.times[0])
        rows = [self._customer(first_seen[i]) for i in range(len(first_seen))]
        returns = Tally(owners)
        known = random.Random(first_id * 7919 + len(rows))  # its own stream: the rest is unchanged
        for i, row in enumerate(rows):
            row["id"] = first_id + i
            row.update(_till_knowledge(known, returns[i], row["created_at"]))
        return rows

    def _customer(self, first_return: int) -> dict:
        rng, shop = self.rng, self.shop
        brazilian = rng.random() < shop.local_share
        if brazilian:
            first = rng.choice(PT_COMPOUND) if rng.random() < 0.25 else rng.choice(PT_FIRST)
            lasts = rng.sample(PT_LAST, 2 if rng.random() < 0.55 else 1)
            language = "pt_BR" if rng.random() < shop.local_portuguese else "en"
        else:
            first, lasts = rng.choice(EN_FIRST), [rng.choice(EN_LAST)]
            if rng.random() < 0.05:
                lasts = [f"{lasts[0]}-{rng.choice(EN_LAST)}"]
            language = "en" if rng.random() < shop.others_english else "pt_BR"
        email = self._email(first, lasts, brazilian) if rng.random() < 0.88 else None
        phone = None
        if rng.random() < 0.8 or email is None:
            phone = _phone(rng, brazilian or shop.local_phones, shop.area_codes)
        return {
            "name": " ".join([first, *lasts]),
            "email": email,
            "phone": phone,
            "preferred_channel": _channel(rng, email, phone),
            "preferred_language": language,
            "preferred_refund": rng.choice(REFUND_TABLE),
            "notes": rng.choice(shop.customer_notes) if rng.random() < 0.04 else "",
            "created_at": as_datetime(first_return - rng.randint(60, 600)),
        }

    def _email(self, first: str, lasts: list[str], brazilian: bool) -> str:
        rng = self.rng
        given, family = _ascii(first.split()[0]), _ascii(lasts[-1])
        style = rng.choice(EMAIL_STYLES)
        if style == "year":
            local = f"{given}{rng.randint(1970, 2006)}"
        elif style == "number":
            local = f"{given}.{family}{rng.randint(1, 99)}"
        else:
            local = style.format(given=given, family=family, initial=given[0])
        domain = rng.choice(PT_DOMAINS if brazilian else EN_DOMAINS)
        email = f"{local}@{domain}"
        while email in self.emails:
            email = f"{local}{rng.randint(2, 999)}@{domain}"
        self.emails.add(email)
        return email

    # -- returns, lines and timelines -------------------------------------------------------

    def return_row(self, plan: Plan, stamps: list[datetime], return_id: int, number: str) -> dict:
        """Return the row of a return; its lines are drawn next, from "items" and "reason"."""
        rng = self.rng
        variants = self.variants
        items = [rng.choice(variants) for _ in range(rng.choice(LINE_COUNTS))]
        settled = next((s for s in plan.path if s in REFUND_BY_SETTLED), None)
        reason = self._reason(items, settled)
        return {
            "id": return_id,
            "number": number,
            "status": plan.path[-1],
            "intake": plan.intake,
            "purchase_date": self._purchase_date(stamps[0], reason),
            "purchase_ref": self._purchase_ref(plan.intake),
            "reason": reason,
            "reason_text": self._reason_text(reason),
            "refund_method": REFUND_BY_SETTLED[settled] if settled else rng.choice(REFUND_TABLE),
            "total_cents": 0,
            "item_count": 0,
            "created_at": stamps[0],
            "updated_at": stamps[-1],
            "version": len(plan.path),
            "items": items,
        }

    def lines(self, ret: dict) -> list[dict]:
        """Return the line rows of `ret`, and set its total."""
        lines = [self._line(ret["id"], item, ret["reason"]) for item in ret.pop("items")]
        ret["total_cents"] = sum(li["quantity"] * li["unit_price_cents"] for li in lines)
        ret["item_count"] = sum(li["quantity"] for li in lines)
        return lines

    def _reason(self, items: list, settled: str | None) -> str:
        rng = self.rng
        wearable = any(item[0] in (APPAREL, SHOES) for item in items)
        if wearable and settled == S.EXCHANGED and rng.random() < 0.7:
            return Reason.WRONG_SIZE
        return rng.choice(REASONS_APPAREL if wearable else REASONS_OTHER)

    def _reason_text(self, reason: str) -> str:
        if reason == Reason.OTHER or self.rng.random() < 0.18:
            return self.rng.choice(self.shop.reason_texts[reason])
        return ""

    def _line(self, return_id: int, item: tuple, reason: str) -> dict:
        rng = self.rng
        category, sku, description, price = item
        serial = ""
        if category == ELECTRONICS and rng.random() < 0.85:
            prefix = SERIAL_PREFIX.get(sku[:3], sku[:2])
            serial = f"{prefix}{rng.randint(20, 26)}{rng.below(16**8):08X}"
        several = category in (HOME, APPAREL) and rng.random() < 0.12
        condition = _condition(rng, reason)
        return {
            "return_id": return_id,
            "sku": sku,
            "description": description,
            "serial": serial,
            "quantity": rng.randint(2, 3) if several else 1,
            "unit_price_cents": price,
            "condition": condition,
            "disposition": _disposition(rng, condition, category),
        }

    def _purchase_date(self, created: datetime, reason: str) -> date:
        rng = self.rng
        if reason == Reason.ARRIVED_LATE:
            days = rng.randint(10, 40)
        else:
            days = rng.randint(1, 28) if rng.random() < 0.9 else rng.randint(29, 90)
        return created.date() - timedelta(days=days)

    def _purchase_ref(self, intake: str) -> str:
        """Return what the customer brings: no receipt (""), a web order or a till receipt.

        desk.demo.sales numbers it and makes its sale; the draws that once made the
        number here are kept so the rest of the data stays the same.
        """
        rng = self.rng
        if rng.random() < 0.04:
            return ""
        if intake == Intake.MAIL or rng.random() < 0.25:
            rng.randint(1_000_000, 9_999_999)
            return WEB
        rng.randint(1, 30), rng.randint(1, 4), rng.randint(1, 2_000)
        return TILL

    def timeline(self, return_id: int, plan: Plan, stamps: list[datetime]) -> list[dict]:
        rng = self.rng
        rows, previous = [], None
        online = plan.intake == Intake.MAIL
        for status, at in zip(plan.path, stamps, strict=True):
            rows.append(
                {
                    "return_id": return_id,
                    "from_status": previous,
                    "to_status": status,
                    "at": at,
                    "staff": "" if online and previous is None else rng.choice(self.staff),
                    "note": self._note(previous, status),
                }
            )
            previous = status
        return rows

    def _note(self, previous: str | None, status: str) -> str:
        rng = self.rng
        notes = self.shop.status_notes
        if status == S.CANCELLED and previous == S.REQUESTED:
            return rng.choice(self.shop.cancelled_unsent)
        if status in NOTE_REQUIRED or (rng.random() < 0.2 and status in notes):
            return rng.choice(notes[status])
        return ""


def _condition(rng: Rng, reason: str) -> str:
    if reason == Reason.DEFECTIVE:
        return Condition.DEFECTIVE
    if reason == Reason.DAMAGED:
        return Condition.DAMAGED
    if reason == Reason.NOT_AS_DESCRIBED:
        return Condition.OPENED if rng.random() < 0.8 else Condition.UNOPENED
    if reason == Reason.OTHER:
        return rng.choice(OTHER_CONDITIONS)
    return Condition.UNOPENED if rng.random() < 0.6 else Condition.OPENED


def _disposition(rng: Rng, condition: str, category: str) -> str:
    if condition == Condition.UNOPENED:
        return Disposition.RESTOCK
    electronic = category == ELECTRONICS
    if condition == Condition.OPENED:
        if rng.random() < 0.7:
            return Disposition.RESTOCK
        return Disposition.REFURBISH if electronic else Disposition.DONATE
    return rng.choice(BROKEN_DISPOSITIONS[condition, electronic])


def _channel(rng: Rng, email: str | None, phone: str | None) -> str:
    return rng.choice(CHANNELS[email is not None, phone is not None])


def _phone(rng: Rng, brazilian: bool, area_codes: tuple[str, ...] = BR_AREA_CODES) -> str:
    """A mobile number in E.164, as the desk stores every phone (desk.phones).

    A Brazilian one has an area code drawn from `area_codes`; else it is a British one.
    """
    if brazilian:
        area, a, b = rng.choice(area_codes), rng.randint(91000, 99999), rng.below(10_000)
        rng.random()  # once chose how it was typed; kept so the rest of the data stays the same
        return f"+55{area}{a}{b:04d}"
    a, b = rng.randint(7400, 7999), rng.below(1_000_000)
    rng.random()
    if a // 100 == 76 or a // 10 in (770, 791):  # pagers and unused ranges, not mobiles
        a += 200 if a // 100 == 76 else 20
    return f"+44{a}{b:06d}"


@cache
def _ascii(name: str) -> str:
    """Return `name` as an email-friendly word: João -> joao, O'Brien -> obrien."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(c for c in folded.lower() if c.isalnum())


def _till_knowledge(rng: random.Random, returns: int, created: datetime) -> dict:
    """What the shop's till knows of a customer: orders, spend, since when (or nothing)."""
    if rng.random() < 0.3:
        return {"orders_count": None, "lifetime_spend_cents": None, "customer_since": None}
    if rng.random() < 0.3:  # a loyal buyer: many orders, few of them returned
        orders = max(8, returns * 5 + rng.randint(0, 12))
    else:
        orders = returns + rng.randint(0, 5)
    since = created.date() - timedelta(days=rng.randint(0, 1800))
    spend = orders * rng.randint(1800, 9500)
    return {"orders_count": orders, "lifetime_spend_cents": spend, "customer_since": since}
