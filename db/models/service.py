"""Services in the catalogue, the user types and channels they serve, their journeys and themes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint
from sqlmodel import Field

from db.models.columns import TableModel, one_of, utcnow
from db.vocabulary import (
    CHANNELS,
    CONTRACTING_TYPES,
    MAX_LEVEL,
    MIN_LEVEL,
    STAGES,
    USER_TYPES,
    WELSH_PROVISION,
    codes,
)


class Service(TableModel, table=True):
    __tablename__ = "service"
    __table_args__ = (
        one_of("stage", codes(STAGES), "ck_service_stage"),
        one_of("contracting_type", codes(CONTRACTING_TYPES), "ck_service_contracting_type"),
        one_of("welsh_provision", codes(WELSH_PROVISION), "ck_service_welsh_provision"),
        CheckConstraint(
            f"digitisation_level BETWEEN {MIN_LEVEL} AND {MAX_LEVEL}",
            name="ck_service_digitisation_level",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=120, unique=True, index=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True, ondelete="CASCADE")
    name_en: str = Field(max_length=300)
    name_cy: str | None = Field(default=None, max_length=300)
    description_en: str = Field(default="", max_length=4000)
    description_cy: str | None = Field(default=None, max_length=4000)
    user_need: str | None = Field(default=None, max_length=1000)
    # NULL = not recorded: an explicit unknown, never a guess (shown as "not recorded").
    service_area: str | None = Field(default=None, max_length=60, index=True)
    #: The need it meets that other organisations meet too (db.reference.service_types).
    service_type: str | None = Field(
        default=None, max_length=80, foreign_key="service_type.code", index=True
    )
    stage: str | None = Field(default=None, max_length=30)
    contracting_type: str | None = Field(default=None, max_length=30)
    digitisation_level: int | None = Field(default=None, index=True)
    welsh_provision: str | None = Field(default=None, max_length=20)
    is_deep_dive: bool = Field(default=False, index=True)
    #: Free text kept with the service: its name and description in another language than
    #: English or Welsh, each line starting with the language ("French: ...").
    notes: str | None = Field(default=None, max_length=4000)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class ServiceUserType(TableModel, table=True):
    __tablename__ = "service_user_type"
    __table_args__ = (one_of("user_type", codes(USER_TYPES), "ck_service_user_type_user_type"),)

    service_id: int = Field(foreign_key="service.id", primary_key=True, ondelete="CASCADE")
    user_type: str = Field(max_length=30, primary_key=True)


class ServiceChannel(TableModel, table=True):
    __tablename__ = "service_channel"
    __table_args__ = (one_of("channel", codes(CHANNELS), "ck_service_channel_channel"),)

    service_id: int = Field(foreign_key="service.id", primary_key=True, ondelete="CASCADE")
    channel: str = Field(max_length=30, primary_key=True)


class Journey(TableModel, table=True):
    """One route through a service; in health one user need fans out into many of these."""

    __tablename__ = "journey"
    __table_args__ = (
        CheckConstraint(
            f"digitisation_level IS NULL OR digitisation_level BETWEEN {MIN_LEVEL} AND {MAX_LEVEL}",
            name="ck_journey_digitisation_level",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    service_id: int = Field(foreign_key="service.id", index=True, ondelete="CASCADE")
    position: int = 0
    name_en: str = Field(max_length=300)
    name_cy: str | None = Field(default=None, max_length=300)
    digitisation_level: int | None = None


class ServiceTheme(TableModel, table=True):
    """A challenge or opportunity theme reported for a service, with its severity (1 low - 3 high)."""

    __tablename__ = "service_theme"
    __table_args__ = (
        CheckConstraint(
            "severity IS NULL OR severity BETWEEN 1 AND 3", name="ck_service_theme_severity"
        ),
    )

    service_id: int = Field(foreign_key="service.id", primary_key=True, ondelete="CASCADE")
    theme_id: int = Field(foreign_key="theme.id", primary_key=True, index=True, ondelete="CASCADE")
    severity: int | None = None
    note: str | None = Field(default=None, max_length=2000)
