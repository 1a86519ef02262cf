"""Shapes of the hand-written seed content the demo data and the scale generator draw on."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class OrganisationSeed:
    """A real Welsh public body (names are real; nothing about its services is)."""

    code: str  # stable slug, e.g. "cardiff-council"
    name_en: str
    name_cy: str | None  # None where the body has no distinct Welsh name recorded
    sector: str  # db.vocabulary.Sector value
    org_type: str  # code from db.vocabulary.ORGANISATION_TYPES
    abbreviation: str | None = None


@dataclass(frozen=True)
class ServiceTemplate:
    """A kind of service that organisations of one sector typically run.

    The demo builder gives each organisation of the sector a subset of these templates
    and draws the per-service facts (level, stage, channels, metrics) around the typical values.
    """

    key: str  # stable slug, e.g. "school-admissions"
    sector: str  # db.vocabulary.Sector value
    service_area: str  # e.g. "school_enrolment", "housing", "planned_care"
    name_en: str
    name_cy: str | None
    description_en: str
    description_cy: str | None
    user_need_en: str  # "As a parent I need to ... so that ..."
    user_types: tuple[str, ...]  # codes from db.vocabulary.USER_TYPES
    typical_level: int  # 0-4, the most common digitisation level for this kind of service
    users_median: int  # median distinct users per year for one organisation's instance
    transactions_per_user: float  # completed transactions per user per year
    cost_per_transaction_median: float  # GBP, at the typical level
    weight: float = 1.0  # how often organisations of the sector run it (1.0 = almost all)
    org_types: tuple[str, ...] = ()  # restrict to these organisation types (empty = any)
    journeys: tuple[str, ...] = field(default_factory=tuple)  # a few named journeys, English


@dataclass(frozen=True)
class JourneyFamily:
    """The fan-out of one user need into many journeys (health: specialty x pathway step)."""

    service_key: str  # the ServiceTemplate.key it belongs to
    dimensions: tuple[tuple[str, ...], ...]  # cartesian product of these gives journey names
    dimensions_cy: tuple[tuple[str, ...], ...]  # the same, in Welsh, same shapes
