"""Service types: the same need met by many organisations (a council's "Apply for a Blue
Badge", a health board's "Book a GP appointment"), written from `db/reference/service_types.yaml`."""

from __future__ import annotations

from sqlalchemy import CheckConstraint
from sqlmodel import Field

from db.models.columns import TableModel


class ServiceType(TableModel, table=True):
    __tablename__ = "service_type"
    __table_args__ = (
        CheckConstraint(
            "scheme IN ('council', 'health', 'central')", name="ck_service_type_scheme"
        ),
        CheckConstraint(
            "lgsl_code IS NULL OR scheme = 'council'", name="ck_service_type_lgsl_council"
        ),
    )

    code: str = Field(max_length=80, primary_key=True)
    #: Which list it belongs to: council (keyed to the Local Government Service List), or this
    #: product's own health or central list.
    scheme: str = Field(max_length=20)
    #: The Local Government Service List number, where one was verified (council types only).
    lgsl_code: int | None = Field(default=None, unique=True)
    name_en: str = Field(max_length=200)
    name_cy: str = Field(max_length=200)
    sort_order: int = 0
