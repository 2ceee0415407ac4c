"""Alembic migrations of the Return Desk schema; they ship inside the package."""

HEAD_REVISION = "0022"
"""The newest revision in versions/; a test checks it matches Alembic's head."""

EXPRESSION_INDEXES = (
    "ix_return_status_rank",
    "ix_customer_name_lower",
    "ix_return_open_created",
    "ux_feedback_current",
)
"""Indexes the migrations make and autogenerate cannot compare, so the models leave them out:
on expressions (0020; SQLite cannot reflect them, PostgreSQL rewrites their text) and partial
ones (open returns, 0020; the current feedback, 0007; their WHERE is not compared, and a
postgresql_where in a model loads SQLAlchemy's PostgreSQL dialect at every start).
tests/desk/test_models.py checks that each exists on both engines."""


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """What autogenerate compares: not the full-text search tables (made by hand in 0002),
    nor the indexes on expressions."""
    if type_ == "table" and name and name.startswith("return_search"):
        return False
    return not (type_ == "index" and name in EXPRESSION_INDEXES)
