"""search index on PostgreSQL: one tsvector per return, in a GIN index, as SQLite's FTS5

PostgreSQL searched with ILIKE '%word%' over the joined customer and lines: a scan of
every return per keystroke. It now gets what SQLite has had since 0002: a view
`return_search_source` with the same body (number and its variants, customer name, email,
phone and its digit variants, SKUs) and a table `return_search` holding that body as a
`tsvector` of its words, folded like desk.search.fold (lower case, accents removed), in a
GIN index. desk.search keeps it current (reindex) and queries it with prefix terms.

No extension is needed (unaccent and pg_trgm are "trusted" since PostgreSQL 13, but a shop's
role may lack CREATE on its database, and the contrib files may be missing): accents go
through normalize(NFKD) and the removal of combining marks (translate() with a table frozen
here on a server whose encoding is not UTF-8), and the words are split on punctuation and
white space by a regular expression and made lexemes by array_to_tsvector, so neither the
text search parser (which keeps "maria.silva@gmail.com" or "-2026" as one token) nor the
database's locale changes what a word is. Nothing changes on SQLite.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-01 18:40:00
"""

import unicodedata
from collections.abc import Sequence

from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _translation() -> tuple[str, str]:
    """The accented Latin letters and the single letters they fold to (frozen here)."""
    source, target = [], []
    for code in range(0xC0, 0x250):
        letter = chr(code)
        plain = _fold(letter)
        if len(plain) == 1 and plain != letter:
            source.append(letter)
            target.append(plain)
    return "".join(source), "".join(target)


# What separates words: ASCII punctuation and white space, and the few other marks names
# and addresses hold (no-break space, dashes, quotes, guillemets, middle dot); as escapes of
# PostgreSQL's regular expressions, so the SQL stays ASCII.
SEPARATORS = (
    "[][\\s!\"#$%&'()*+,./:;<=>?@\\\\^_`{|}~"
    "\\u00a0\\u2013\\u2014\\u2018\\u2019\\u201c\\u201d\\u00ab\\u00bb\\u00b7-]+"
)
# The combining marks NFKD splits off accented letters (the blocks of combining diacritics).
MARKS = "[\\u0300-\\u036f\\u1ab0-\\u1aff\\u1dc0-\\u1dff\\u20d0-\\u20ff\\ufe20-\\ufe2f]+"

_DIGITS = """replace(replace(replace(replace(replace(replace(coalesce(phone, ''),
                 ' ', ''), '-', ''), '+', ''), '(', ''), ')', ''), '.', '')"""

_VIEW = """
CREATE VIEW return_search_source AS
SELECT id, body,
       array_to_tsvector(array_remove(regexp_split_to_array({folded}, '{separators}'), ''))
           AS doc
FROM (
  SELECT r.id AS id,
         r.number || ' ' || replace(r.number, '-', '') || ' '
         || ltrim(substr(r.number, strpos(substr(r.number, 3), '-') + 3), '0') || ' '
         || c.name || ' ' || coalesce(c.email, '') || ' ' || coalesce(c.phone, '') || ' '
         || c.digits || ' ' {suffixes}
         || coalesce((SELECT string_agg(l.sku, ' ') FROM return_line l
                      WHERE l.return_id = r.id), '') AS body
  FROM "return" r
  JOIN (SELECT id, name, email, phone, {digits} AS digits
        FROM customer) c ON c.id = r.customer_id
) bodies
"""


def _folded(utf8: bool) -> str:
    """The body folded as desk.search.fold folds: NFKD without its combining marks, then
    lower case (measured at 100,000 returns: 1.1 s, where translate() with the table of
    accented letters takes 10 s); translate() only where the server's encoding is not
    UTF-8, which normalize() needs."""
    if utf8:
        return f"lower(regexp_replace(normalize(body, NFKD), '{MARKS}', '', 'g'))"
    source, target = (part.replace("'", "''") for part in _translation())
    return f"lower(translate(body, '{source}', '{target}'))"


def _view(utf8: bool) -> str:
    suffixes = "".join(f"|| right(c.digits, {n}) || ' ' " for n in range(4, 12))
    return _VIEW.format(
        folded=_folded(utf8),
        separators=SEPARATORS.replace("'", "''"),
        suffixes=suffixes,
        digits=_DIGITS,
    )


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return  # SQLite has its FTS5 index since 0002
    encoding = conn.exec_driver_sql("SHOW server_encoding").scalar()
    op.execute(_view(utf8=str(encoding).upper() in ("UTF8", "UTF-8")))
    op.execute(
        'CREATE TABLE return_search (return_id integer PRIMARY KEY REFERENCES "return"(id) '
        "ON DELETE CASCADE, doc tsvector NOT NULL)"
    )
    # filled before the index is made: one GIN build is much faster than 1M inserts into it
    op.execute(
        "INSERT INTO return_search (return_id, doc) SELECT id, doc FROM return_search_source"
    )
    op.execute("SET LOCAL maintenance_work_mem = '256MB'")  # 100k returns: 4.2 s, not 5.5
    op.execute("CREATE INDEX ix_return_search_doc ON return_search USING gin (doc)")
    op.execute("ANALYZE return_search")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TABLE return_search")
    op.execute("DROP VIEW return_search_source")
