"""The tables the window's first screen reads, as SQLAlchemy Core clauses.

The list, its count and search, the shop's settings, the first page's ratings and the staff
who may sign in are read through these, not through the classes of desk.models: importing
SQLModel, pydantic and SQLAlchemy's ORM and defining the thirty table classes costs about
a third of a start (measured on the 1M benchmark database), and the first screen needs none
of it. The ORM is loaded after the first page, at its first use.

Each clause names only the columns those reads use, with the types of the real tables
(tests/desk/test_core_tables.py checks them against desk.models), so results come back
as the ORM would give them: aware UTC datetimes, enum members.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Integer, String, column, table

from desk.codes import Status
from desk.columns import EnumText, UTCDateTime
from desk.staff.roles import Permission, Role

RETURNS = table(
    "return",
    column("id", Integer),
    column("number", String(20)),
    column("created_at", UTCDateTime()),
    column("customer_id", Integer),
    column("item_count", Integer),
    column("total_cents", Integer),
    column("status", EnumText(Status, 20)),
    column("currency", String(3)),
)
"""The returns, as the list shows them (`RETURNS.c.created_at`)."""

CUSTOMERS = table(
    "customer",
    column("id", Integer),
    column("name", String(200)),
    column("email", String(254)),
    column("phone", String(40)),
)
"""The customers, as the list shows and searches them."""

FEEDBACK = table(
    "feedback",
    column("return_id", Integer),
    column("rating", Integer),
    column("replaced_at", UTCDateTime()),
)
"""The customers' ratings: the current one of a return has no `replaced_at`."""

SETTING_ROWS = table("setting", column("key", String(100)), column("value", String))
"""The shop's settings, each stored as text under its key (desk.settings)."""

STAFF_ACCOUNTS = table(
    "staff_account",
    column("id", Integer),
    column("name", String(100)),
    column("role", EnumText(Role, 20)),
    column("pin_hash", String(200)),
    column("active", Boolean),
    column("locked_until", UTCDateTime()),
)
"""The staff accounts, as the start reads them (who owns the shop, whether PINs are used)."""

ROLE_GRANTS = table(
    "role_grant",
    column("role", EnumText(Role, 20)),
    column("permission", EnumText(Permission, 40)),
    column("allowed", Boolean),
)
"""The owner's changes to what each role may do (desk.staff.actor.grants)."""
