"""Data imports: the log of every import (who, when, which file, what changed) and saved mappings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint
from sqlmodel import Field

from db.models.columns import TableModel, one_of, utcnow

IMPORT_STATUSES = ("committed", "rolled_back")


class ImportRun(TableModel, table=True):
    """One import attempt that reached the database: committed, or rolled back with the reason.

    A committed import is written in the same transaction as its data, so the log never claims a
    change the database does not hold.
    """

    __tablename__ = "import_run"
    __table_args__ = (
        one_of("status", IMPORT_STATUSES, "ck_import_run_status"),
        CheckConstraint(
            "added >= 0 AND updated >= 0 AND unchanged >= 0 AND rejected >= 0",
            name="ck_import_run_counts",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    started_at: datetime = Field(default_factory=utcnow, index=True)
    finished_at: datetime = Field(default_factory=utcnow)
    who: str = Field(max_length=120)
    via: str = Field(default="app", max_length=20)  # "app" or "cli"
    file_name: str = Field(max_length=300)
    file_sha256: str = Field(max_length=64)
    #: The entity imported ("services"), or "everything" for a full export read back.
    entity: str = Field(max_length=40)
    mapping_name: str | None = Field(default=None, max_length=120)
    status: str = Field(max_length=20)
    rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    #: Counts per table for a full import, e.g. {"services": {"added": 3, ...}}.
    detail: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    message: str | None = Field(default=None, max_length=2000)


class ImportMapping(TableModel, table=True):
    """A column and value mapping saved by name, reused for the next file of the same shape."""

    __tablename__ = "import_mapping"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120, unique=True)
    entity: str = Field(max_length=40)
    spec: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    created_by: str = Field(max_length=120)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
