"""The staff tables: accounts, what the owner changed in each role's grants, the audit.

The audit is append-only: migration 0022 adds triggers on both engines that refuse any
UPDATE or DELETE of audit_entry, whoever asks (desk.staff.audit only ever inserts).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text
from sqlmodel import Field

from desk.columns import EnumText, UTCDateTime
from desk.staff.codes import ActingAs, AuditAction
from desk.staff.roles import Permission, Role
from desk.table_base import Table, stamp


class StaffAccount(Table, table=True):
    """A person who works at the desk: their name, role, PIN (as a slow salted hash only)."""

    __tablename__ = "staff_account"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100)
    name_key: str = Field(max_length=100, unique=True)  # folded name: one "Ana" per shop
    role: Role = Field(sa_type=EnumText(Role, 20))
    pin_hash: str | None = Field(default=None, max_length=200)
    active: bool = Field(default=True)
    failed_pins: int = Field(default=0)
    next_try_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    locked_until: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    created_at: datetime = stamp()


class RoleGrant(Table, table=True):
    """The owner's change to a role's default grant (desk.staff.roles.DEFAULT_GRANTS)."""

    __tablename__ = "role_grant"

    role: Role = Field(sa_type=EnumText(Role, 20), primary_key=True)
    permission: Permission = Field(sa_type=EnumText(Permission, 40), primary_key=True)
    allowed: bool


class AuditEntry(Table, table=True):
    """One change that matters, who made it (and who approved it), never updated or deleted."""

    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = stamp(index=True)
    action: AuditAction = Field(sa_type=EnumText(AuditAction, 40), index=True)
    actor_name: str = Field(max_length=100)
    actor_id: int | None = Field(default=None, foreign_key="staff_account.id")
    acting_as: ActingAs = Field(sa_type=EnumText(ActingAs, 20))
    approver_name: str | None = Field(default=None, max_length=100)
    approver_id: int | None = Field(default=None, foreign_key="staff_account.id")
    subject: str = Field(default="", max_length=200)
    old_value: str | None = Field(default=None, sa_column=Column(Text()))
    new_value: str | None = Field(default=None, sa_column=Column(Text()))
    computer: str = Field(default="", max_length=100)
