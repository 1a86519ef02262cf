"""The invented distributions behind the demo data and the scale generator (one source for both).

Every figure drawn here is illustrative. The shapes follow the discovery's findings: owners give
satisfaction and design data readily; volumetrics and cost are often "not available" because the
service runs on a shared system or contract that cannot be split.
"""

from __future__ import annotations

from db.vocabulary import Availability, Metric, Sector

STAGE_WEIGHTS = {"long_running": 0.64, "newly_established": 0.21, "developing": 0.15}

#: Shift from the template's typical level: -2, -1, 0, +1, +2.
LEVEL_SHIFT_WEIGHTS = (0.05, 0.2, 0.5, 0.2, 0.05)

CONTRACTING_WEIGHTS: dict[str, dict[str, float]] = {
    Sector.LOCAL_AUTHORITY: {
        "in_house": 0.35,
        "outsourced": 0.33,
        "shared_service": 0.14,
        "mixed": 0.18,
    },
    Sector.HEALTH: {"in_house": 0.2, "outsourced": 0.25, "shared_service": 0.4, "mixed": 0.15},
    Sector.CENTRAL_GOVERNMENT: {
        "in_house": 0.45,
        "outsourced": 0.3,
        "shared_service": 0.1,
        "mixed": 0.15,
    },
    Sector.ARMS_LENGTH_BODY: {
        "in_house": 0.35,
        "outsourced": 0.4,
        "shared_service": 0.1,
        "mixed": 0.15,
    },
    Sector.THIRD_SECTOR: {
        "in_house": 0.55,
        "outsourced": 0.3,
        "shared_service": 0.05,
        "mixed": 0.1,
    },
}

WELSH_PROVISION_WEIGHTS: dict[str, dict[str, float]] = {
    Sector.LOCAL_AUTHORITY: {"full": 0.62, "partial": 0.3, "none": 0.08},
    Sector.HEALTH: {"full": 0.35, "partial": 0.45, "none": 0.2},
    Sector.CENTRAL_GOVERNMENT: {"full": 0.85, "partial": 0.13, "none": 0.02},
    Sector.ARMS_LENGTH_BODY: {"full": 0.7, "partial": 0.25, "none": 0.05},
    Sector.THIRD_SECTOR: {"full": 0.3, "partial": 0.4, "none": 0.3},
}

#: Probability that a channel is offered, by digitisation level 0..4.
CHANNEL_BY_LEVEL: dict[str, tuple[float, ...]] = {
    "online": (0.0, 0.35, 1.0, 1.0, 1.0),
    "app": (0.0, 0.0, 0.05, 0.15, 0.35),
    "phone": (0.95, 0.95, 0.85, 0.7, 0.55),
    "face_to_face": (0.8, 0.6, 0.45, 0.3, 0.2),
    "paper": (0.75, 0.6, 0.35, 0.15, 0.05),
    "email": (0.4, 0.55, 0.45, 0.3, 0.2),
}

#: Share of catalogue services whose owners reported any metrics.
METRIC_RESPONSE_RATE = 0.62

#: Availability weights per metric: provided, estimated, not available, not collected, n/a.
AVAILABILITY_ORDER = (
    Availability.PROVIDED,
    Availability.ESTIMATED,
    Availability.NOT_AVAILABLE,
    Availability.NOT_COLLECTED,
    Availability.NOT_APPLICABLE,
)
AVAILABILITY_WEIGHTS: dict[str, tuple[float, ...]] = {
    Metric.USERS_PER_YEAR: (0.42, 0.26, 0.2, 0.1, 0.02),
    Metric.TRANSACTIONS_PER_YEAR: (0.24, 0.16, 0.44, 0.13, 0.03),
    Metric.DIGITAL_TAKE_UP: (0.3, 0.18, 0.28, 0.16, 0.08),
    Metric.COMPLETION_RATE: (0.26, 0.12, 0.3, 0.24, 0.08),
    Metric.COST_PER_TRANSACTION: (0.12, 0.14, 0.52, 0.2, 0.02),
    Metric.USER_SATISFACTION: (0.52, 0.16, 0.1, 0.2, 0.02),
}
#: Extra chance that volumetrics/cost are unavailable when the service runs on a shared or
#: outsourced platform (the contract or system cannot be split by service).
SHARED_PLATFORM_PENALTY = 0.18
SHARED_PLATFORM_METRICS = frozenset(
    {Metric.TRANSACTIONS_PER_YEAR, Metric.COST_PER_TRANSACTION, Metric.COMPLETION_RATE}
)

#: Why a metric is not available: shared system, shared contract, not measured, other.
REASON_ORDER = ("shared_system", "shared_contract", "not_measured", "other")
REASON_WEIGHTS: dict[str, tuple[float, ...]] = {
    Metric.USERS_PER_YEAR: (0.45, 0.1, 0.38, 0.07),
    Metric.TRANSACTIONS_PER_YEAR: (0.46, 0.24, 0.24, 0.06),
    Metric.DIGITAL_TAKE_UP: (0.4, 0.15, 0.38, 0.07),
    Metric.COMPLETION_RATE: (0.42, 0.14, 0.38, 0.06),
    Metric.COST_PER_TRANSACTION: (0.3, 0.45, 0.2, 0.05),
    Metric.USER_SATISFACTION: (0.2, 0.1, 0.62, 0.08),
}

#: Digital take-up and completion (percent) by digitisation level: mean and spread.
TAKE_UP_BY_LEVEL = ((0.0, 0.0), (4.0, 3.0), (45.0, 15.0), (72.0, 12.0), (88.0, 6.0))
COMPLETION_BY_LEVEL = ((0.0, 0.0), (60.0, 12.0), (68.0, 12.0), (80.0, 9.0), (87.0, 6.0))
#: Cost per transaction relative to the template's typical level, per level step.
COST_FACTOR_PER_LEVEL = 0.62
SATISFACTION_MEAN, SATISFACTION_SD = 76.0, 10.0

PERIOD_WEIGHTS = {"2024-25": 0.78, "2023-24": 0.14, "2022-23": 0.08}

#: Chance that a reporting service names each theme, scaled by the theme's sector weight.
THEME_BASE_RATE = {"challenge": 0.55, "opportunity": 0.45}
SEVERITY_WEIGHTS = (0.25, 0.42, 0.33)  # low, medium, high

#: Share of reporting services with a standards self-assessment, and rating weights by level.
ASSESSMENT_RATE = 0.45
RATING_ORDER = ("met", "partly_met", "not_met", "not_assessed")
RATING_BY_LEVEL = (
    (0.1, 0.35, 0.45, 0.1),
    (0.15, 0.4, 0.35, 0.1),
    (0.28, 0.42, 0.22, 0.08),
    (0.42, 0.38, 0.14, 0.06),
    (0.55, 0.32, 0.08, 0.05),
)

#: Deep-dive sample: 15 services broadly representative of the whole.
DEEP_DIVES_PER_SECTOR = {
    Sector.LOCAL_AUTHORITY: 6,
    Sector.HEALTH: 4,
    Sector.CENTRAL_GOVERNMENT: 2,
    Sector.ARMS_LENGTH_BODY: 2,
    Sector.THIRD_SECTOR: 1,
}
DEEP_DIVES_SUBMITTED = 10  # about two thirds; the rest are drafts
