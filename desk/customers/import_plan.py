"""Planning a customer import: parse each CSV row, match it with known customers, decide.

`plan_import` says what importing a table would do, row by row, and writes nothing: a
row becomes a new customer, is merged into a known one (same email in any case, or
same phone digits) or into an earlier row of the same person, is skipped (an erased
customer's email or phone, desk.customers.tombstones), or is rejected with the reason a
person can act on. A bad phone on a row with a good email (or a bad email with a good
phone) is left out and said, and the row imported. Row numbers are the ones a
spreadsheet shows: the header is row 1. Writing the plan is `desk.customers.imports`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Connection, select
from sqlmodel import Session

from desk.codes import Channel
from desk.customers.csv_table import CsvTable
from desk.customers.mapping import has_name, plain_text
from desk.customers.tombstones import erased_matcher
from desk.errors import DeskError
from desk.i18n.catalog import N_, _
from desk.i18n.formats import format_decimal, format_number
from desk.messages.context import LANGUAGES
from desk.models import Customer
from desk.phones import DEFAULT_COUNTRY, to_e164
from desk.settings import SHOP_COUNTRY, get_setting
from desk.validation import (
    MAX_AMOUNT_CENTS,
    MAX_COUNT,
    date_error,
    email_error,
    parse_money,
    phone_error,
    text_error,
)

_TEXTS = {  # field: words, may hold line breaks (lengths come from the Customer columns)
    "name": (N_("name"), False),
    "email": (N_("email"), False),
    "phone": (N_("phone"), False),
    "external_ref": (N_("till customer number"), False),
    "notes": (N_("note"), True),
}

_CHANNELS = {
    "email": Channel.EMAIL, "e mail": Channel.EMAIL, "mail": Channel.EMAIL,
    "sms": Channel.SMS, "text": Channel.SMS, "texto": Channel.SMS, "mensagem": Channel.SMS,
    "print": Channel.PRINT, "paper": Channel.PRINT, "papel": Channel.PRINT,
    "impresso": Channel.PRINT, "none": Channel.NONE, "no contact": Channel.NONE,
    "nenhum": Channel.NONE, "nao contatar": Channel.NONE,
}  # fmt: skip


# -- one row ------------------------------------------------------------------------------


@dataclass
class Rejected:
    """A row and what is wrong in it: why it cannot be imported, or what was left out."""

    row: int
    reason: str

    def __str__(self) -> str:
        return _("row {row}: {reason}").format(row=self.row, reason=self.reason)


def cell_values(table: CsvTable, index: int, mapping: dict[str, int]) -> dict[str, str]:
    """Return the stripped text each mapped field gets from data row `index`."""
    row = table.rows[index]
    return {k: row[i].strip() if i < len(row) else "" for k, i in mapping.items()}


def parse_row(
    table: CsvTable,
    index: int,
    mapping: dict[str, int],
    country: str = DEFAULT_COUNTRY,
    left_out: list[str] | None = None,
) -> dict | str:
    """Return data row `index` as customer values, or the reason it cannot be imported.

    The name is the name column's, else the first and last names joined. The phone is
    the phone column's, else the other phone's (Shopify's address phone), read with the
    shop's `country` (a spreadsheet's leading apostrophe dropped) and kept in E.164. A
    bad phone on a row with a good email is left out, and so is a bad email with a good
    phone: why is appended to `left_out`.
    """
    row = table.rows[index]
    width = len(table.header)
    if len(row) < width or any(c.strip() for c in row[width:]):
        return _("wrong column count ({count} columns, the header has {width})").format(
            count=len(row), width=width
        )
    raw = cell_values(table, index, mapping)
    if not raw.get("name"):
        raw["name"] = " ".join(p for p in (raw.get("first_name"), raw.get("last_name")) if p)
    if not raw["name"]:
        return _("missing name")
    if not raw.get("phone"):
        raw["phone"] = raw.get("phone_2", "")
    raw["phone"] = raw["phone"].lstrip("'").strip()  # '+5511…: kept as text by a spreadsheet
    for key, (words, multiline) in _TEXTS.items():
        column = Customer.__table__.c[key]
        if message := text_error(raw.get(key, ""), _(words), limit=column, multiline=multiline):
            return message[0].lower() + message[1:].rstrip(".")
    values: dict = {"name": raw["name"]}
    contacts = _contacts(raw.get("email", ""), raw["phone"], country)
    if isinstance(contacts, str):
        return contacts
    values.update(contacts[0])
    if left_out is not None:
        left_out.extend(contacts[1])
    if language := raw.get("preferred_language", ""):
        values["preferred_language"] = _language(language)
    if (chosen := _CHANNELS.get(plain_text(raw.get("preferred_channel", "")))) is not None:
        values["preferred_channel"] = chosen.value
    if ref := raw.get("external_ref", ""):
        values["external_ref"] = ref
    if since := raw.get("customer_since", ""):
        if (day := _date(since)) is None:
            return _("bad date “{text}” (use 2024-03-31 or 31/03/2024)").format(text=since[:40])
        if problem := date_error(day, _("customer-since date")):
            return problem[0].lower() + problem[1:].rstrip(".")
        values["customer_since"] = day
    if orders := raw.get("orders_count", ""):
        count = orders.replace(" ", "").replace("\u00a0", "")
        if not re.fullmatch(r"[0-9]+", count):
            return _("bad number of orders “{text}”").format(text=orders[:40])
        if len(count) > 9 or int(count) > MAX_COUNT:
            return _("bad number of orders “{text}” (at most {limit})").format(
                text=orders[:40], limit=format_number(MAX_COUNT)
            )
        values["orders_count"] = int(count)
    if spend := raw.get("lifetime_spend", ""):
        try:
            cents = parse_money(re.sub(r"^[^\d+-]+|[^\d]+$", "", spend))
        except ValueError:
            return _("bad amount “{text}”").format(text=spend[:40])
        if cents < 0:
            return _("bad amount “{text}” (negative)").format(text=spend[:40])
        if cents > MAX_AMOUNT_CENTS:
            return _("bad amount “{text}” (at most {limit})").format(
                text=spend[:40], limit=format_decimal(MAX_AMOUNT_CENTS / 100, 2)
            )
        values["lifetime_spend_cents"] = cents
    if notes := raw.get("notes", ""):
        values["notes"] = notes
    return values


def _contacts(email: str, phone: str, country: str) -> tuple[dict, list[str]] | str:
    """The row's email and phone (E.164) and what was left out, or why it is rejected."""
    email_bad = bool(email) and email_error(email) is not None
    stored = to_e164(phone, country) if phone and not phone_error(phone, country) else None
    phone_bad = bool(phone) and stored is None
    bad_email = _("bad email “{email}”").format(email=email)
    bad_phone = _("bad phone “{phone}” (not a number here, nor with a country code)").format(
        phone=phone
    )
    if email_bad and stored is None:
        return bad_email
    if phone_bad and not (email and not email_bad):
        return bad_phone
    values = {"email": email} if email and not email_bad else {}
    if stored is not None:
        values["phone"] = stored
    left_out = (
        [_("{problem} left out; imported with the phone").format(problem=bad_email)]
        if email_bad
        else []
    )
    if phone_bad:
        left_out.append(_("{problem} left out; imported with the email").format(problem=bad_phone))
    return values, left_out


def _language(text: str) -> str:
    plain = plain_text(text)
    for code in LANGUAGES:
        if plain == plain_text(code):
            return code
    if plain.startswith(("pt", "portug", "br")):
        return "pt_BR"
    return "en"


def _date(text: str) -> date | None:
    """An ISO or day/month/year date (month/day/year when only that reads), a time after it
    ignored; None when it is not one."""
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}([ T].*)?", text):
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            return None
    if found := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})([ T].*)?", text):
        day, month, year = map(int, found.groups()[:3])
        if month > 12 >= day:  # 11/25/2024: only month/day/year (US tills) reads as a date
            day, month = month, day
        try:
            return date(year, month, day)
        except ValueError:
            return None
    return None


def digits(phone: str | None) -> str:
    """Return only the digits of a phone number (the key phones are matched on)."""
    return "".join(c for c in phone or "" if c.isdigit())


# -- planning -----------------------------------------------------------------------------


@dataclass
class NewCustomer:
    """A customer to create, from one row or several rows of the same person."""

    rows: list[int]
    values: dict


@dataclass
class Merge:
    """Rows that match a customer already in the database, and what they change."""

    customer_id: int
    name: str
    rows: list[int]
    changes: dict = field(default_factory=dict)


@dataclass
class ImportPlan:
    """What an import will do, before anything is written.

    `left_out`: rows imported without a bad email or phone (row number, what was wrong);
    `erased`: rows skipped because their email or phone is an erased customer's.
    """

    create: list[NewCustomer]
    merge: list[Merge]
    rejected: list[Rejected]
    merged_rows: int = 0
    total_rows: int = 0
    left_out: list[Rejected] = field(default_factory=list)
    erased: int = 0

    @property
    def created(self) -> int:
        """How many customers the import creates."""
        return len(self.create)


_FILL_ONLY = ("email", "phone", "preferred_language", "preferred_channel", "external_ref", "notes")
_OVERWRITE = ("customer_since", "orders_count", "lifetime_spend_cents")


def plan_import(session: Session, table: CsvTable, mapping: dict[str, int]) -> ImportPlan:
    """Decide, row by row, what importing `table` with `mapping` would do; writes nothing.

    A row matching a known customer by email (any case) or phone (digits only) is merged
    into it; so are rows repeating a person seen earlier in the file. A row with an erased
    customer's email or phone is skipped and only counted.
    """
    if not has_name(mapping):
        raise DeskError(_("Choose the column that holds the customer's name; it is required."))
    country = get_setting(session, SHOP_COUNTRY)
    erased = erased_matcher(session)
    by_email, by_phone, known = _known_customers(session.connection(), country)
    unreadable = [Rejected(number, reason) for number, reason in table.bad_rows]
    plan = ImportPlan(
        create=[], merge=[], rejected=unreadable, total_rows=len(table.rows) + len(unreadable)
    )
    merges: dict[int, Merge] = {}
    for index, number in enumerate(table.numbers):
        left_out: list[str] = []
        values = parse_row(table, index, mapping, country, left_out)
        if isinstance(values, str):
            plan.rejected.append(Rejected(number, values))
            continue
        if erased(values.get("email"), values.get("phone")):
            plan.erased += 1  # nothing of the row is kept or shown
            continue
        plan.left_out.extend(Rejected(number, reason) for reason in left_out)
        email = (values.get("email") or "").casefold()
        phone = digits(values.get("phone"))
        target = (email and by_email.get(email)) or (phone and by_phone.get(phone)) or None
        if target is None:
            target = NewCustomer([number], _with_defaults(values))
            plan.create.append(target)
        elif isinstance(target, NewCustomer):
            target.rows.append(number)
            _merge_into(target.values, values, target.values)
            plan.merged_rows += 1
        else:
            merge = merges.get(target)
            if merge is None:
                merge = merges[target] = Merge(target, known[target]["name"], [])
                plan.merge.append(merge)
            merge.rows.append(number)
            _merge_into(merge.changes, values, {**known[target], **merge.changes})
            plan.merged_rows += 1
        for key, index_ in ((email, by_email), (phone, by_phone)):
            if key:
                index_.setdefault(key, target)
    plan.rejected.sort(key=lambda rejected: rejected.row)
    return plan


def _merge_into(changes: dict, values: dict, current: dict) -> None:
    """Fill what `current` lacks from `values`; orders, spend and since follow `values`."""
    for key in _FILL_ONLY:
        if values.get(key) and not current.get(key):
            changes[key] = values[key]
    for key in _OVERWRITE:
        if values.get(key) is not None and values[key] != current.get(key):
            changes[key] = values[key]


def _with_defaults(values: dict) -> dict:
    empty = {"email": None, "phone": None, "preferred_channel": None, "notes": ""}
    unknown = {"preferred_language": None, "external_ref": "", "customer_since": None}
    counts = {"orders_count": None, "lifetime_spend_cents": None}
    return {**empty, **unknown, **counts, **values}


def _known_customers(conn: Connection, country: str) -> tuple[dict, dict, dict]:
    """Index the customers (not erased) by lower-case email and by phone digits (of the
    E.164 form, also for a phone stored as typed that reads as a number of `country`)."""
    c = Customer.__table__.c
    query = select(
        c.id, c.name, c.email, c.phone, c.preferred_language, c.preferred_channel,
        c.external_ref, c.notes, c.customer_since, c.orders_count, c.lifetime_spend_cents,
    ).where(c.erased_at.is_(None)).order_by(c.id)  # fmt: skip
    by_email: dict[str, int] = {}
    by_phone: dict[str, int] = {}
    known: dict[int, dict] = {}
    for row in conn.execute(query).mappings():
        known[row["id"]] = dict(row)
        if row["email"]:
            by_email.setdefault(row["email"].casefold(), row["id"])
        phone = row["phone"]
        if phone and not phone.startswith("+"):
            phone = to_e164(phone, country) or phone
        if key := digits(phone):
            by_phone.setdefault(key, row["id"])
    return by_email, by_phone, known
