"""Importing customers from the till's CSV export: read, map columns, check, then apply.

The steps are separate so a window can show each one: `read_csv` gives the table,
`guess_mapping` pairs its columns with our fields, `plan_import` says what would happen
row by row (create, merge into a known customer, or reject with a reason), and
`apply_import` writes that plan in one transaction: all of it or nothing.
Row numbers are the ones a spreadsheet shows: the header is row 1.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import Connection, bindparam, insert, select, update
from sqlmodel import Session, col

from desk import search
from desk.errors import DeskError
from desk.message_context import LANGUAGES
from desk.models import Channel, Customer, RefundMethod, Return, utcnow
from desk.validation import email_error, parse_money, phone_error

BATCH = 5_000
"""New customers written per Core insert."""

NOT_UTF8_HELP = (
    "Save it again as “CSV UTF-8” from your spreadsheet (Excel: File › Save As › "
    "CSV UTF-8; LibreOffice: Save As › Text CSV, character set Unicode (UTF-8)) "
    "and import that file. Nothing was imported."
)


@dataclass(frozen=True)
class ImportField:
    """A customer field a CSV column can fill."""

    key: str
    label: str
    required: bool = False


FIELDS: tuple[ImportField, ...] = (
    ImportField("name", "Name", required=True),
    ImportField("email", "Email"),
    ImportField("phone", "Phone"),
    ImportField("preferred_language", "Language"),
    ImportField("preferred_channel", "Preferred channel"),
    ImportField("external_ref", "Till customer number"),
    ImportField("customer_since", "Customer since (date)"),
    ImportField("orders_count", "Orders"),
    ImportField("lifetime_spend", "Total spent"),
    ImportField("notes", "Notes"),
)
FIELD_KEYS = tuple(f.key for f in FIELDS)

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": (
        "name", "full name", "customer", "customer name", "client", "client name",
        "nome", "nome completo", "cliente", "nome do cliente", "razao social",
    ),
    "email": (
        "email", "e mail", "email address", "e mail address", "mail",
        "endereco de email", "endereco de e mail", "correio eletronico",
    ),
    "phone": (
        "phone", "phone number", "telephone", "tel", "mobile", "mobile phone", "cell",
        "cell phone", "cellphone", "telefone", "celular", "fone", "whatsapp", "telemovel",
    ),
    "preferred_language": (
        "language", "preferred language", "lang", "locale", "idioma", "lingua",
        "idioma preferido",
    ),
    "preferred_channel": (
        "channel", "preferred channel", "contact by", "contact preference", "canal",
        "canal preferido", "contato preferido", "preferencia de contato",
    ),
    "external_ref": (
        "id", "customer id", "customer number", "customer no", "customer code", "code",
        "ref", "reference", "external ref", "account", "account number", "codigo",
        "codigo do cliente", "cod cliente", "id cliente", "id do cliente", "referencia",
        "numero do cliente", "n cliente", "no cliente",
    ),
    "customer_since": (
        "customer since", "since", "member since", "joined", "first purchase", "created",
        "signup date", "cliente desde", "desde", "data de cadastro", "data cadastro",
        "cadastro", "primeira compra", "cliente ha",
    ),
    "orders_count": (
        "orders", "order count", "orders count", "number of orders", "purchases",
        "pedidos", "compras", "numero de pedidos", "n pedidos", "qtd pedidos",
        "quantidade de pedidos", "total de pedidos", "num pedidos",
    ),
    "lifetime_spend": (
        "lifetime spend", "total spent", "total spend", "spend", "spent", "lifetime value",
        "ltv", "revenue", "total", "total gasto", "gasto total", "valor gasto",
        "valor total", "total de compras", "total compras",
    ),
    "notes": (
        "notes", "note", "comments", "comment", "remarks", "observacoes", "observacao",
        "obs", "notas", "nota", "comentarios",
    ),
}  # fmt: skip

_CHANNELS = {
    "email": Channel.EMAIL, "e mail": Channel.EMAIL, "mail": Channel.EMAIL,
    "sms": Channel.SMS, "text": Channel.SMS, "texto": Channel.SMS, "mensagem": Channel.SMS,
    "print": Channel.PRINT, "paper": Channel.PRINT, "papel": Channel.PRINT,
    "impresso": Channel.PRINT, "none": Channel.NONE, "no contact": Channel.NONE,
    "nenhum": Channel.NONE, "nao contatar": Channel.NONE,
}  # fmt: skip


# -- reading ------------------------------------------------------------------------------


@dataclass
class CsvTable:
    """A CSV file as read: its header, its data rows and their spreadsheet row numbers."""

    header: list[str]
    rows: list[list[str]]
    numbers: list[int]
    delimiter: str = ","
    name: str = ""


def read_csv(source: str | Path | bytes, *, name: str = "") -> CsvTable:
    """Read a CSV file (or its bytes): UTF-8 with or without BOM, delimiter , ; or tab.

    Raises DeskError, saying how to fix it, when the file is missing, empty or not UTF-8.
    """
    if isinstance(source, bytes):
        data = source
    else:
        path = Path(source)
        name = name or path.name
        try:
            data = path.read_bytes()
        except OSError as error:
            raise DeskError(f"Cannot read “{path}”: {error.strerror or error}.") from None
    text = _decode(data, name or "The file")
    dialect = _sniff(text)
    lines = list(csv.reader(io.StringIO(text, newline=""), dialect))
    numbered = [(i + 1, row) for i, row in enumerate(lines) if any(c.strip() for c in row)]
    if not numbered:
        raise DeskError(f"“{name or 'The file'}” is empty: there is no header row to read.")
    header = [cell.strip() for cell in numbered[0][1]]
    return CsvTable(
        header=header,
        rows=[row for _, row in numbered[1:]],
        numbers=[n for n, _ in numbered[1:]],
        delimiter=dialect.delimiter,
        name=name,
    )


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        bad = data[error.start : error.start + 1].hex().upper()
        raise DeskError(
            f"“{name}” is not a UTF-8 text file (byte 0x{bad} on line {line} is not UTF-8; "
            f"it was probably saved as Latin-1 or Windows-1252). {NOT_UTF8_HELP}"
        ) from None


def _sniff(text: str) -> type[csv.Dialect]:
    sample = text[:65536]
    first = sample.split("\n", 1)[0]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        if dialect.delimiter in first:
            return dialect
    except csv.Error:
        pass
    counts = {d: first.count(d) for d in ",;\t"}
    delimiter = max(counts, key=counts.get) if any(counts.values()) else ","

    class Fallback(csv.excel):
        pass

    Fallback.delimiter = delimiter
    return Fallback


# -- mapping ------------------------------------------------------------------------------


def _plain(text: str) -> str:
    """Lower case, no accents, words separated by one space: "E-mail " -> "e mail"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+", stripped))


def guess_mapping(header: Sequence[str]) -> dict[str, int]:
    """Pair our fields with the header's columns by name (English or Portuguese)."""
    plain = [_plain(h) for h in header]
    mapping: dict[str, int] = {}
    for key in FIELD_KEYS:
        synonyms = {_plain(s) for s in _SYNONYMS[key]} | {_plain(key)}
        for index, cell in enumerate(plain):
            squeezed = cell.replace(" ", "")
            hit = cell in synonyms or squeezed in {s.replace(" ", "") for s in synonyms}
            if hit and index not in mapping.values():
                mapping[key] = index
                break
    return mapping


def mapping_from_options(header: Sequence[str], options: Iterable[str]) -> dict[str, int]:
    """Guess the mapping, then apply `field=COLUMN` options (a header name or 1-based number).

    `field=` (nothing after =) leaves that field out. Raises DeskError on a bad option.
    """
    mapping = guess_mapping(header)
    plain = [_plain(h) for h in header]
    for option in options:
        key, sep, column = option.partition("=")
        key = key.strip()
        if not sep or key not in FIELD_KEYS:
            raise DeskError(
                f"--map “{option}” is not field=COLUMN; the fields are: {', '.join(FIELD_KEYS)}."
            )
        column = column.strip()
        if not column:
            mapping.pop(key, None)
        elif column.isdigit() and 1 <= int(column) <= len(header):
            mapping[key] = int(column) - 1
        elif _plain(column) in plain:
            mapping[key] = plain.index(_plain(column))
        else:
            raise DeskError(
                f"--map {key}=“{column}”: the file has no such column; use a header name "
                f"or a number from 1 to {len(header)}."
            )
    return mapping


# -- one row ------------------------------------------------------------------------------


@dataclass
class Rejected:
    """A row that cannot be imported, and why."""

    row: int
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.reason}"


def cell_values(table: CsvTable, index: int, mapping: dict[str, int]) -> dict[str, str]:
    """Return the stripped text each mapped field gets from data row `index`."""
    row = table.rows[index]
    return {k: row[i].strip() if i < len(row) else "" for k, i in mapping.items()}


def parse_row(table: CsvTable, index: int, mapping: dict[str, int]) -> dict | str:
    """Return data row `index` as customer values, or the reason it cannot be imported."""
    row = table.rows[index]
    width = len(table.header)
    if len(row) < width or any(c.strip() for c in row[width:]):
        return f"wrong column count ({len(row)} columns, the header has {width})"
    raw = cell_values(table, index, mapping)
    if not raw.get("name"):
        return "missing name"
    values: dict = {"name": raw["name"][:200]}
    if email := raw.get("email", ""):
        if email_error(email) or len(email) > 254:
            return f"bad email “{email}”"
        values["email"] = email
    if phone := raw.get("phone", ""):
        if phone_error(phone) or len(phone) > 40:
            return f"bad phone “{phone}”"
        values["phone"] = phone
    if language := raw.get("preferred_language", ""):
        values["preferred_language"] = _language(language)
    if (chosen := _CHANNELS.get(_plain(raw.get("preferred_channel", "")))) is not None:
        values["preferred_channel"] = chosen.value
    if ref := raw.get("external_ref", ""):
        values["external_ref"] = ref[:100]
    if since := raw.get("customer_since", ""):
        if (day := _date(since)) is None:
            return f"bad date “{since}” (use 2024-03-31 or 31/03/2024)"
        values["customer_since"] = day
    if orders := raw.get("orders_count", ""):
        count = orders.replace(" ", "").replace("\u00a0", "")
        if not count.isdigit():
            return f"bad number of orders “{orders}”"
        values["orders_count"] = int(count)
    if spend := raw.get("lifetime_spend", ""):
        try:
            cents = parse_money(re.sub(r"^[^\d+-]+|[^\d]+$", "", spend))
        except ValueError:
            return f"bad amount “{spend}”"
        if cents < 0:
            return f"bad amount “{spend}” (negative)"
        values["lifetime_spend_cents"] = cents
    if notes := raw.get("notes", ""):
        values["notes"] = notes
    return values


def _language(text: str) -> str:
    plain = _plain(text)
    for code in LANGUAGES:
        if plain == _plain(code):
            return code
    if plain.startswith(("pt", "portug", "br")):
        return "pt_BR"
    return "en"


def _date(text: str) -> date | None:
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}([ T].*)?", text):
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            return None
    if found := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text):
        day, month, year = map(int, found.groups())
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
    """What an import will do, before anything is written."""

    create: list[NewCustomer]
    merge: list[Merge]
    rejected: list[Rejected]
    merged_rows: int = 0
    total_rows: int = 0

    @property
    def created(self) -> int:
        """How many customers the import creates."""
        return len(self.create)


_FILL_ONLY = ("email", "phone", "preferred_language", "preferred_channel", "external_ref", "notes")
_OVERWRITE = ("customer_since", "orders_count", "lifetime_spend_cents")


def plan_import(session: Session, table: CsvTable, mapping: dict[str, int]) -> ImportPlan:
    """Decide, row by row, what importing `table` with `mapping` would do; writes nothing.

    A row matching a known customer by email (any case) or phone (digits only) is merged
    into it; so are rows repeating a person seen earlier in the file.
    """
    if "name" not in mapping:
        raise DeskError("Choose the column that holds the customer's name; it is required.")
    by_email, by_phone, known = _known_customers(session.connection())
    plan = ImportPlan(create=[], merge=[], rejected=[], total_rows=len(table.rows))
    merges: dict[int, Merge] = {}
    for index, number in enumerate(table.numbers):
        values = parse_row(table, index, mapping)
        if isinstance(values, str):
            plan.rejected.append(Rejected(number, values))
            continue
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


def _known_customers(conn: Connection) -> tuple[dict, dict, dict]:
    """Index the customers (not erased) by lower-case email and by phone digits."""
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
        if key := digits(row["phone"]):
            by_phone.setdefault(key, row["id"])
    return by_email, by_phone, known


# -- applying -----------------------------------------------------------------------------


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do)."""

    created: int
    merged: int
    rejected: int
    rejected_rows: list[Rejected]
    customers_updated: int = 0
    returns_reindexed: int = 0
    dry_run: bool = False

    def lines(self) -> list[str]:
        """The summary line, then one line per rejected row."""
        verb = "Would create" if self.dry_run else "Created"
        head = f"{verb} {self.created}, merged {self.merged}, rejected {self.rejected}."
        if self.dry_run:
            head = f"Dry run, nothing saved. {head}"
        return [head, *(str(r) for r in self.rejected_rows)]


def apply_import(session: Session, plan: ImportPlan) -> ImportReport:
    """Write `plan` in one transaction: new customers, merged changes, search index."""
    try:
        conn = session.connection()
        _insert_new(conn, plan.create)
        changed = _apply_merges(conn, plan.merge)
        return_ids = _returns_of(conn, changed)
        search.reindex(conn, return_ids)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return ImportReport(
        created=plan.created,
        merged=plan.merged_rows,
        rejected=len(plan.rejected),
        rejected_rows=list(plan.rejected),
        customers_updated=sum(1 for m in plan.merge if m.changes),
        returns_reindexed=len(return_ids),
    )


def _insert_new(conn: Connection, create: list[NewCustomer]) -> None:
    now = utcnow()
    rows = []
    for new in create:
        row = {**new.values, "created_at": now, "preferred_refund": RefundMethod.ORIGINAL.value}
        row["preferred_channel"] = row["preferred_channel"] or _default_channel(row)
        row["preferred_language"] = row["preferred_language"] or "en"
        rows.append(row)
    for start in range(0, len(rows), BATCH):
        conn.execute(insert(Customer.__table__), rows[start : start + BATCH])


def _default_channel(row: dict) -> str:
    if row.get("email"):
        return Channel.EMAIL.value
    return Channel.SMS.value if row.get("phone") else Channel.PRINT.value


def _apply_merges(conn: Connection, merges: list[Merge]) -> list[int]:
    """Update the merged customers; return the ids whose name, email or phone changed."""
    table = Customer.__table__
    groups: dict[tuple[str, ...], list[dict]] = {}
    for merge in merges:
        if merge.changes:
            keys = tuple(sorted(merge.changes))
            groups.setdefault(keys, []).append({"_id": merge.customer_id, **merge.changes})
    for keys, rows in groups.items():
        stmt = (
            update(table)
            .where(table.c.id == bindparam("_id"))
            .values({k: bindparam(k) for k in keys})
        )
        conn.execute(stmt, rows)
    return [m.customer_id for m in merges if {"name", "email", "phone"} & set(m.changes)]


def _returns_of(conn: Connection, customer_ids: list[int]) -> list[int]:
    found: list[int] = []
    for start in range(0, len(customer_ids), 500):
        chunk = customer_ids[start : start + 500]
        query = select(Return.id).where(col(Return.customer_id).in_(chunk))
        found.extend(conn.execute(query).scalars())
    return found


def import_customers(
    session: Session,
    source: str | Path | bytes | CsvTable,
    mapping: dict[str, int] | None = None,
    *,
    dry_run: bool = False,
) -> ImportReport:
    """Read, map (guessed from the header when None), check and apply a customer CSV."""
    table = source if isinstance(source, CsvTable) else read_csv(source)
    plan = plan_import(session, table, guess_mapping(table.header) if mapping is None else mapping)
    if dry_run:
        session.rollback()
        return ImportReport(
            created=plan.created,
            merged=plan.merged_rows,
            rejected=len(plan.rejected),
            rejected_rows=list(plan.rejected),
            customers_updated=sum(1 for m in plan.merge if m.changes),
            dry_run=True,
        )
    return apply_import(session, plan)


def describe_mapping(header: Sequence[str], mapping: dict[str, int]) -> str:
    """Say which column fills which field: 'name ← “Nome”, email ← “E-mail”'."""
    return ", ".join(f"{key} ← “{header[mapping[key]]}”" for key in FIELD_KEYS if key in mapping)


__all__ = [
    "FIELDS",
    "CsvTable",
    "ImportPlan",
    "ImportReport",
    "Rejected",
    "apply_import",
    "guess_mapping",
    "import_customers",
    "mapping_from_options",
    "plan_import",
    "read_csv",
]
