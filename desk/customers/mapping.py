"""Which CSV column fills which customer field: the fields, their synonyms, the guess.

`guess_mapping` pairs a header's columns with `FIELDS`: by their published names when
`till_format` recognises the export of a known till (desk.customers.tills), and otherwise
(and for the columns such an export does not publish) by name, English or Portuguese,
ignoring case, accents and punctuation. `mapping_from_options` adjusts that guess with
the command line's `--map field=COLUMN` options. A mapping is {field key: column index}.
The name may come from one column or from first and last name columns (`has_name`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from desk.csv_columns import (
    ImportField,
    apply_options,
    describe_columns,
    guess_columns,
    plain_text,
)
from desk.customers.tills import TILL_FORMATS, TillFormat
from desk.i18n.catalog import N_

FIELDS: tuple[ImportField, ...] = (
    ImportField("name", N_("Name"), required=True),
    ImportField("first_name", N_("First name")),
    ImportField("last_name", N_("Last name")),
    ImportField("email", N_("Email")),
    ImportField("phone", N_("Phone")),
    ImportField("phone_2", N_("Other phone (if no Phone)")),
    ImportField("preferred_language", N_("Language")),
    ImportField("preferred_channel", N_("Preferred channel")),
    ImportField("external_ref", N_("Till customer number")),
    ImportField("customer_since", N_("Customer since (date)")),
    ImportField("orders_count", N_("Orders")),
    ImportField("lifetime_spend", N_("Total spent")),
    ImportField("notes", N_("Notes")),
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
    ignore: set[int] = set()
    till = till_format(header)
    if till is not None:
        for key, names in till.columns.items():
            found = [plain.index(plain_text(n)) for n in names if plain_text(n) in plain]
            if found:
                mapping[key] = found[0]
        known = {plain_text(n) for n in till.known()}
        ignore = {i for i, cell in enumerate(plain) if cell in known}  # stay as published
    skip = NAME_KEYS if has_name(mapping) else ()
    synonyms = {key: _SYNONYMS[key] for key in FIELD_KEYS if key not in skip}
    return guess_columns(header, synonyms, taken=mapping, ignore=ignore)


def mapping_from_options(header: Sequence[str], options: Iterable[str]) -> dict[str, int]:
    """Guess the mapping, then apply `field=COLUMN` options (a header name or 1-based number).

    `field=` (nothing after =) leaves that field out. Raises DeskError on a bad option.
    """
    return apply_options(header, guess_mapping(header), options, FIELD_KEYS)


def describe_mapping(header: Sequence[str], mapping: dict[str, int]) -> str:
    """Say which column fills which field: 'name ← “Nome”, email ← “E-mail”'."""
    return describe_columns(header, mapping, FIELD_KEYS)


__all__ = [
    "FIELDS",
    "FIELD_KEYS",
    "NAME_KEYS",
    "describe_mapping",
    "guess_mapping",
    "has_name",
    "mapping_from_options",
    "till_format",
]
