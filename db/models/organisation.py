"""Public bodies that run services, with their English and Welsh names and sector."""

from __future__ import annotations

from sqlmodel import Field

from db.models.columns import TableModel, one_of
from db.vocabulary import ORGANISATION_TYPES, SECTORS, codes


class Organisation(TableModel, table=True):
    __tablename__ = "organisation"
    __table_args__ = (
        one_of("sector", codes(SECTORS), "ck_organisation_sector"),
        one_of("org_type", codes(ORGANISATION_TYPES), "ck_organisation_org_type"),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=80, unique=True, index=True)
    name_en: str = Field(max_length=200)
    name_cy: str | None = Field(default=None, max_length=200)
    abbreviation: str | None = Field(default=None, max_length=20)
    # NULL = not recorded: an explicit unknown, never a guess.
    sector: str | None = Field(default=None, max_length=30, index=True)
    org_type: str | None = Field(default=None, max_length=40)
