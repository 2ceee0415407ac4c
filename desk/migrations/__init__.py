"""Alembic migrations of the Return Desk schema; they ship inside the package."""

HEAD_REVISION = "0021"
"""The newest revision in versions/; a test checks it matches Alembic's head."""

EXPRESSION_INDEXES = ("ix_return_status_rank", "ix_customer_name_lower")
"""Indexes on expressions (0020): SQLite cannot reflect them and PostgreSQL rewrites their
text, so autogenerate cannot compare them; tests/desk/test_list_order.py checks them."""


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """What autogenerate compares: not the full-text search tables (made by hand in 0002),
    nor the indexes on expressions."""
    if type_ == "table" and name and name.startswith("return_search"):
        return False
    return not (type_ == "index" and name in EXPRESSION_INDEXES)
