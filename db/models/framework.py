"""Challenge and opportunity themes, the Digital Service Standards for Wales, the OECD dimensions."""

from __future__ import annotations

from sqlalchemy import CheckConstraint
from sqlmodel import Field

from db.models.columns import TableModel, one_of
from db.vocabulary import ASSESSMENT_RATINGS, THEME_CATEGORIES, THEME_KINDS, codes

STANDARD_GROUPS = ("meeting_user_needs", "good_digital_teams", "right_technology")


class Standard(TableModel, table=True):
    """One of the 12 Digital Service Standards for Wales; `id` is its number."""

    __tablename__ = "standard"
    __table_args__ = (
        one_of("standard_group", STANDARD_GROUPS, "ck_standard_group"),
        CheckConstraint("id BETWEEN 1 AND 12", name="ck_standard_number"),
    )

    id: int = Field(primary_key=True)
    standard_group: str = Field(max_length=30)
    name_en: str = Field(max_length=200)
    name_cy: str = Field(max_length=200)
    summary_en: str = Field(default="", max_length=1000)
    summary_cy: str = Field(default="", max_length=1000)


class OecdDimension(TableModel, table=True):
    """One of the six dimensions of the OECD Digital Government Policy Framework."""

    __tablename__ = "oecd_dimension"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True)
    name_en: str = Field(max_length=200)
    name_cy: str = Field(max_length=200)
    summary_en: str = Field(default="", max_length=1000)
    summary_cy: str = Field(default="", max_length=1000)


class Theme(TableModel, table=True):
    __tablename__ = "theme"
    __table_args__ = (
        one_of("kind", codes(THEME_KINDS), "ck_theme_kind"),
        one_of("category", codes(THEME_CATEGORIES), "ck_theme_category"),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=80, unique=True, index=True)
    kind: str = Field(max_length=20)
    category: str = Field(max_length=30)
    name_en: str = Field(max_length=200)
    name_cy: str | None = Field(default=None, max_length=200)
    description_en: str = Field(default="", max_length=2000)
    description_cy: str | None = Field(default=None, max_length=2000)


class ThemeStandard(TableModel, table=True):
    __tablename__ = "theme_standard"

    theme_id: int = Field(foreign_key="theme.id", primary_key=True, ondelete="CASCADE")
    standard_id: int = Field(foreign_key="standard.id", primary_key=True, ondelete="CASCADE")


class ThemeOecd(TableModel, table=True):
    __tablename__ = "theme_oecd"

    theme_id: int = Field(foreign_key="theme.id", primary_key=True, ondelete="CASCADE")
    dimension_id: int = Field(foreign_key="oecd_dimension.id", primary_key=True, ondelete="CASCADE")


class StandardAssessment(TableModel, table=True):
    """A service's self-assessment against one standard."""

    __tablename__ = "standard_assessment"
    __table_args__ = (one_of("rating", codes(ASSESSMENT_RATINGS), "ck_standard_assessment_rating"),)

    service_id: int = Field(foreign_key="service.id", primary_key=True, ondelete="CASCADE")
    standard_id: int = Field(foreign_key="standard.id", primary_key=True, ondelete="CASCADE")
    rating: str = Field(max_length=20)
    note: str | None = Field(default=None, max_length=2000)
