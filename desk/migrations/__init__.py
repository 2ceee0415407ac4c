"""Alembic migrations of the Return Desk schema; they ship inside the package."""

HEAD_REVISION = "0020"
"""The newest revision in versions/; a test checks it matches Alembic's head."""
