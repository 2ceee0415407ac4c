"""desk.core_tables names the real tables' columns, with their types: a query through them
reads what the ORM would (aware datetimes, enum members), and a renamed column fails here."""

from __future__ import annotations

import pytest
from sqlmodel import SQLModel
from sqlmodel.sql.sqltypes import AutoString

import desk.models  # noqa: F401  (registers the tables)
import desk.staff.tables  # noqa: F401
from desk import core_tables
from desk.columns import EnumText


def _read_as(column_type):
    """SQLModel's AutoString only chooses the DDL: rows read back as its String."""
    return column_type.impl_instance if isinstance(column_type, AutoString) else column_type


CLAUSES = [
    core_tables.RETURNS,
    core_tables.CUSTOMERS,
    core_tables.FEEDBACK,
    core_tables.SETTING_ROWS,
    core_tables.STAFF_ACCOUNTS,
    core_tables.ROLE_GRANTS,
]


@pytest.mark.parametrize("clause", CLAUSES, ids=lambda clause: clause.name)
def test_each_column_is_the_real_tables_with_its_type(clause):
    real = SQLModel.metadata.tables[clause.name]
    for column in clause.c:
        stored = real.c[column.name]
        assert type(column.type) is type(_read_as(stored.type)), column.name
        if isinstance(stored.type, EnumText):
            assert column.type.enum_cls is stored.type.enum_cls, column.name
        assert getattr(column.type, "length", None) == getattr(stored.type, "length", None)


def test_the_core_module_loads_neither_sqlmodel_nor_the_orm():
    from tests.fresh_process import run_python

    done = run_python(
        "import sys, desk.core_tables, desk.listing, desk.settings, desk.staff.lookup, "
        "desk.feedback.ratings, desk.staff.actor\n"
        "print(sorted(m for m in ('sqlmodel', 'pydantic', 'sqlalchemy.orm', 'desk.models') "
        "if m in sys.modules))"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
