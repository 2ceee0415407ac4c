"""Which CSV column fills which customer field: the fields, their synonyms, the guess.

`guess_mapping` pairs a header's columns with `FIELDS`: by their published names when
`till_format` recognises the export of a known till (desk.customers.tills), and otherwise
(and for the columns such an export does not publish) by name, English or Portuguese,
ignoring case, accents and punctuation. `mapping_from_options` adjusts that guess with
the command line's `--map field=COLUMN` options. A mapping is {field key: column index}.
The name may come from one column or from first and last name columns (`has_name`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desk.customers.tills import TILL_FORMATS, TillFormat
from desk.errors import DeskError


@dataclass(frozen=True)
class ImportField:
    """A customer field a CSV column can fill."""

    key: str
    label: str
    required: bool = False


FIELDS: tuple[ImportField, ...] = (
    ImportField("name", "Name", required=True),
    ImportField("first_name", "First name"),
    ImportField("last_name", "Last name"),
    ImportField("email", "Email"),
    ImportField("phone", "Phone"),
    ImportField("phone_2", "Other phone (if no Phone)"),
    ImportField("preferred_language", "Language"),
    ImportField("preferred_channel", "Preferred channel"),
    ImportField("external_ref", "Till customer number"),
    ImportField("customer_since", "Customer since (date)"),
    ImportField("orders_count", "Orders"),
    ImportField("lifetime_spend", "Total spent"),
    ImportField("notes", "Notes"),
)
FIELD_KEYS = tuple(f.key for f in FIELDS)
NAME_KEYS = ("name", "first_name", "last_name")
"""The fields a customer's name comes from: the name, or first and last name joined."""

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": (
        "name", "full name", "customer", "customer name", "client", "client name",
        "nome", "nome completo", "cliente", "nome do cliente", "razao social",
    ),
    "first_name": (
        "first name", "firstname", "given name", "forename", "primeiro nome", "prenome",
    ),
    "last_name": (
        "last name", "lastname", "surname", "family name", "sobrenome", "ultimo nome",
    ),
    "email": (
        "email", "e mail", "email address", "e mail address", "mail",
        "endereco de email", "endereco de e mail", "correio eletronico",
    ),
    "phone": (
        "phone", "phone number", "telephone", "tel", "mobile", "mobile phone", "cell",
        "cell phone", "cellphone", "telefone", "celular", "fone", "whatsapp", "telemovel",
    ),
    "phone_2": (
        "other phone", "phone 2", "second phone", "home phone", "work phone", "landline",
        "telefone 2", "outro telefone", "telefone fixo", "telefone residencial",
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


def plain_text(text: str) -> str:
    """Lower case, no accents, words separated by one space: "E-mail " -> "e mail"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+", stripped))


def has_name(mapping: dict[str, int]) -> bool:
    """Whether `mapping` gives a name: a name column, or a first or last name column."""
    return any(key in mapping for key in NAME_KEYS)


def till_format(header: Sequence[str]) -> TillFormat | None:
    """The known till export whose columns `header` has (desk.customers.tills), or None."""
    plain = {plain_text(h) for h in header}
    for till in TILL_FORMATS:
        if any(all(plain_text(c) in plain for c in names) for names in till.signatures):
            return till
    return None


def guess_mapping(header: Sequence[str]) -> dict[str, int]:
    """Pair our fields with the header's columns: a known till export's by their published
    names, then the other columns by name (English or Portuguese)."""
    plain = [plain_text(h) for h in header]
    mapping: dict[str, int] = {}
    till = till_format(header)
    if till is not None:
        for key, names in till.columns.items():
            found = [plain.index(plain_text(n)) for n in names if plain_text(n) in plain]
            if found:
                mapping[key] = found[0]
        known = {plain_text(n) for n in till.known()}
        plain = [("" if cell in known else cell) for cell in plain]  # those stay as published
    return _by_synonym(plain, mapping, skip=NAME_KEYS if has_name(mapping) else ())


def _by_synonym(
    plain: list[str], taken: dict[str, int], skip: tuple[str, ...] = ()
) -> dict[str, int]:
    """Our fields not in `taken`, paired with the columns (plain names) not taken."""
    mapping = dict(taken)
    for key in FIELD_KEYS:
        if key in mapping or key in skip:
            continue
        synonyms = {plain_text(s) for s in _SYNONYMS[key]} | {plain_text(key)}
        for index, cell in enumerate(plain):
            squeezed = cell.replace(" ", "")
            hit = cell in synonyms or squeezed in {s.replace(" ", "") for s in synonyms}
            if cell and hit and index not in mapping.values():
                mapping[key] = index
                break
    return mapping


def mapping_from_options(header: Sequence[str], options: Iterable[str]) -> dict[str, int]:
    """Guess the mapping, then apply `field=COLUMN` options (a header name or 1-based number).

    `field=` (nothing after =) leaves that field out. Raises DeskError on a bad option.
    """
    mapping = guess_mapping(header)
    plain = [plain_text(h) for h in header]
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
        elif plain_text(column) in plain:
            mapping[key] = plain.index(plain_text(column))
        else:
            raise DeskError(
                f"--map {key}=“{column}”: the file has no such column; use a header name "
                f"or a number from 1 to {len(header)}."
            )
    return mapping


def describe_mapping(header: Sequence[str], mapping: dict[str, int]) -> str:
    """Say which column fills which field: 'name ← “Nome”, email ← “E-mail”'."""
    return ", ".join(f"{key} ← “{header[mapping[key]]}”" for key in FIELD_KEYS if key in mapping)


__all__ = [
    "FIELDS",
    "FIELD_KEYS",
    "NAME_KEYS",
    "ImportField",
    "describe_mapping",
    "guess_mapping",
    "has_name",
    "mapping_from_options",
    "plain_text",
    "till_format",
]
