"""Draws an invented catalogue (services, metrics, themes, assessments, journeys) as data frames.

One seeded random generator drives everything, so the same seed gives the same catalogue.
The demo data set and the scale generator both call `draw_catalogue`; only the plan of which
organisation runs which kind of service differs.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from db.demo import distributions as dist
from db.demo.seed_content import JOURNEY_FAMILIES, ORGANISATIONS, SERVICE_TEMPLATES
from db.demo.seed_service_types import TEMPLATE_TYPES
from db.demo.seed_types import OrganisationSeed, ServiceTemplate
from db.reference.frameworks import THEMES
from db.vocabulary import MAX_LEVEL, METRIC_CODES, MIN_LEVEL, Availability, Metric


@dataclass
class CatalogueFrames:
    """The drawn catalogue; child frames refer to services by their row position `service`."""

    organisations: pd.DataFrame
    services: pd.DataFrame
    user_types: pd.DataFrame
    channels: pd.DataFrame
    metrics: pd.DataFrame
    themes: pd.DataFrame
    assessments: pd.DataFrame
    journeys: pd.DataFrame
    #: metric answers of the years before each answer's own (`db.demo.history`)
    history: pd.DataFrame = field(default_factory=pd.DataFrame)


def organisations_frame() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "code": org.code,
                "name_en": org.name_en,
                "name_cy": org.name_cy,
                "abbreviation": org.abbreviation,
                "sector": str(org.sector),
                "org_type": org.org_type,
            }
            for org in ORGANISATIONS
        ]
    )


def eligible_pairs() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every (organisation, template) pair that can occur, with its weight."""
    orgs, templates, weights = [], [], []
    for oi, org in enumerate(ORGANISATIONS):
        for ti, template in enumerate(SERVICE_TEMPLATES):
            if _runs(org, template):
                orgs.append(oi)
                templates.append(ti)
                weights.append(template.weight)
    return np.array(orgs), np.array(templates), np.array(weights, dtype=float)


def _runs(org: OrganisationSeed, template: ServiceTemplate) -> bool:
    if str(template.sector) != str(org.sector):
        return False
    return not template.org_types or org.org_type in template.org_types


def demo_plan(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Each organisation runs each eligible kind of service with the template's weight."""
    orgs, templates, weights = eligible_pairs()
    keep = rng.random(len(weights)) < np.clip(weights, 0.0, 1.0)
    return orgs[keep], templates[keep]


def scale_plan(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """n services drawn from the same (organisation, kind of service) mix as the demo."""
    orgs, templates, weights = eligible_pairs()
    picks = rng.choice(len(weights), size=n, p=weights / weights.sum())
    order = np.lexsort((templates[picks], orgs[picks]))
    return orgs[picks][order], templates[picks][order]


def _choice(rng: np.random.Generator, options: dict[str, float], size: int) -> np.ndarray:
    keys = list(options)
    probs = np.array([options[k] for k in keys], dtype=float)
    return np.array(keys, dtype=object)[rng.choice(len(keys), size=size, p=probs / probs.sum())]


def _choice_rows(rng: np.random.Generator, probs: np.ndarray) -> np.ndarray:
    """One categorical draw per row of a (rows x options) probability matrix."""
    cumulative = np.cumsum(probs / probs.sum(axis=1, keepdims=True), axis=1)
    draws = rng.random((probs.shape[0], 1))
    chosen: np.ndarray = np.minimum((draws > cumulative).sum(axis=1), probs.shape[1] - 1)
    return chosen


def draw_catalogue(
    rng: np.random.Generator, org_index: np.ndarray, template_index: np.ndarray
) -> CatalogueFrames:
    n = len(org_index)
    organisations = organisations_frame()
    sectors = organisations["sector"].to_numpy()[org_index]
    tmpl = pd.DataFrame([t.__dict__ for t in SERVICE_TEMPLATES]).iloc[template_index]
    tmpl = tmpl.reset_index(drop=True)

    shift = rng.choice(np.arange(-2, 3), size=n, p=dist.LEVEL_SHIFT_WEIGHTS)
    levels = np.clip(tmpl["typical_level"].to_numpy() + shift, MIN_LEVEL, MAX_LEVEL).astype(int)

    contracting = np.empty(n, dtype=object)
    welsh = np.empty(n, dtype=object)
    for sector in np.unique(sectors):
        mask = sectors == sector
        contracting[mask] = _choice(rng, dist.CONTRACTING_WEIGHTS[sector], int(mask.sum()))
        welsh[mask] = _choice(rng, dist.WELSH_PROVISION_WEIGHTS[sector], int(mask.sum()))

    org_codes = organisations["code"].to_numpy()[org_index]
    keys = tmpl["key"].to_numpy()
    occurrence = (
        pd.DataFrame({"org": org_codes, "key": keys}).groupby(["org", "key"]).cumcount().to_numpy()
    )
    codes = [
        f"{org}--{key}" if k == 0 else f"{org}--{key}--{k + 1}"
        for org, key, k in zip(org_codes, keys, occurrence, strict=True)
    ]
    services = pd.DataFrame(
        {
            "code": codes,
            "organisation": org_index,
            "template": template_index,
            "sector": sectors,
            "name_en": tmpl["name_en"],
            "name_cy": tmpl["name_cy"],
            "description_en": tmpl["description_en"],
            "description_cy": tmpl["description_cy"],
            "user_need": tmpl["user_need_en"],
            "service_area": tmpl["service_area"],
            # the need it meets, from its kind of service (no draw: the rest stays as it was)
            "service_type": tmpl["key"].map(TEMPLATE_TYPES),
            "stage": _choice(rng, dist.STAGE_WEIGHTS, n),
            "contracting_type": contracting,
            "digitisation_level": levels,
            "welsh_provision": welsh,
            "is_deep_dive": np.zeros(n, dtype=bool),
        }
    )
    responded = rng.random(n) < dist.METRIC_RESPONSE_RATE
    return CatalogueFrames(
        organisations=organisations,
        services=services,
        user_types=_user_types(tmpl),
        channels=_channels(rng, levels),
        metrics=_metrics(rng, tmpl, levels, contracting, np.flatnonzero(responded)),
        themes=_themes(rng, sectors, np.flatnonzero(responded)),
        assessments=_assessments(rng, levels, np.flatnonzero(responded)),
        journeys=_journeys(rng, tmpl, levels),
    )


def _user_types(tmpl: pd.DataFrame) -> pd.DataFrame:
    exploded = tmpl["user_types"].explode()
    return pd.DataFrame({"service": exploded.index.to_numpy(), "user_type": exploded.to_numpy()})


def _channels(rng: np.random.Generator, levels: np.ndarray) -> pd.DataFrame:
    parts = []
    for channel, by_level in dist.CHANNEL_BY_LEVEL.items():
        offered = rng.random(len(levels)) < np.array(by_level)[levels]
        parts.append(pd.DataFrame({"service": np.flatnonzero(offered), "channel": channel}))
    frame = pd.concat(parts, ignore_index=True)
    # every service is reachable somehow: phone as the fallback channel
    missing = np.setdiff1d(np.arange(len(levels)), frame["service"].to_numpy())
    fallback = pd.DataFrame({"service": missing, "channel": "phone"})
    return pd.concat([frame, fallback], ignore_index=True).sort_values(["service", "channel"])


def _round_estimate(values: np.ndarray) -> np.ndarray:
    """Estimates are given as round figures (two significant digits)."""
    safe = np.where(values > 0, values, 1.0)
    magnitude = 10.0 ** (np.floor(np.log10(safe)) - 1)
    return np.where(values > 0, np.round(values / magnitude) * magnitude, values)


def _metrics(
    rng: np.random.Generator,
    tmpl: pd.DataFrame,
    levels: np.ndarray,
    contracting: np.ndarray,
    services: np.ndarray,
) -> pd.DataFrame:
    m = len(services)
    level = levels[services]
    users = tmpl["users_median"].to_numpy()[services] * rng.lognormal(0.0, 0.6, m)
    transactions = users * tmpl["transactions_per_user"].to_numpy()[services]
    transactions *= rng.lognormal(0.0, 0.25, m)
    take_mean, take_sd = np.array(dist.TAKE_UP_BY_LEVEL).T
    comp_mean, comp_sd = np.array(dist.COMPLETION_BY_LEVEL).T
    cost_steps = level - tmpl["typical_level"].to_numpy()[services]
    cost = tmpl["cost_per_transaction_median"].to_numpy()[services]
    cost = cost * dist.COST_FACTOR_PER_LEVEL**cost_steps * rng.lognormal(0.0, 0.45, m)
    values: dict[str, np.ndarray] = {
        Metric.USERS_PER_YEAR: np.round(users),
        Metric.TRANSACTIONS_PER_YEAR: np.round(transactions),
        Metric.DIGITAL_TAKE_UP: np.clip(rng.normal(take_mean[level], take_sd[level]), 0, 100),
        Metric.COMPLETION_RATE: np.clip(rng.normal(comp_mean[level], comp_sd[level]), 5, 100),
        Metric.COST_PER_TRANSACTION: np.round(cost, 2),
        Metric.USER_SATISFACTION: np.clip(
            rng.normal(dist.SATISFACTION_MEAN, dist.SATISFACTION_SD, m), 10, 100
        ),
    }
    shared = np.isin(contracting[services], ["shared_service", "outsourced"])
    period = _choice(rng, dist.PERIOD_WEIGHTS, m)
    parts = []
    for metric in METRIC_CODES:
        weights = np.tile(np.array(dist.AVAILABILITY_WEIGHTS[metric]), (m, 1))
        if metric in dist.SHARED_PLATFORM_METRICS:
            weights[shared, 2] += dist.SHARED_PLATFORM_PENALTY
        if metric in (Metric.DIGITAL_TAKE_UP, Metric.COMPLETION_RATE):
            weights[level == 0, 4] += 5.0  # no digital channel: not applicable
        availability = np.array(dist.AVAILABILITY_ORDER, dtype=object)[_choice_rows(rng, weights)]
        value = np.round(values[metric].astype(float), 1)
        estimated = availability == Availability.ESTIMATED
        value[estimated] = _round_estimate(value[estimated])
        has_value = np.isin(availability, [Availability.PROVIDED, Availability.ESTIMATED])
        reason = np.where(
            availability == Availability.NOT_AVAILABLE,
            np.array(dist.REASON_ORDER, dtype=object)[
                rng.choice(4, size=m, p=dist.REASON_WEIGHTS[metric])
            ],
            np.array(None),
        )
        parts.append(
            pd.DataFrame(
                {
                    "service": services,
                    "metric": metric,
                    "value": np.where(has_value, value, np.nan),
                    "availability": availability.astype(str),
                    "reason": reason,
                    "period": np.where(has_value, period, np.array(None)),
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def _themes(rng: np.random.Generator, sectors: np.ndarray, services: np.ndarray) -> pd.DataFrame:
    sector_of = sectors[services]
    parts = []
    for theme in THEMES:
        rate = np.array([theme.sectors_weight.get(s, 0.0) for s in sector_of])
        rate = rate * dist.THEME_BASE_RATE[theme.kind]
        chosen = services[rng.random(len(services)) < rate]
        severity = rng.choice([1, 2, 3], size=len(chosen), p=dist.SEVERITY_WEIGHTS)
        parts.append(pd.DataFrame({"service": chosen, "theme": theme.code, "severity": severity}))
    return pd.concat(parts, ignore_index=True).sort_values(["service", "theme"])


def _assessments(
    rng: np.random.Generator, levels: np.ndarray, services: np.ndarray
) -> pd.DataFrame:
    assessed = services[rng.random(len(services)) < dist.ASSESSMENT_RATE]
    probs = np.array(dist.RATING_BY_LEVEL)[levels[assessed]]
    parts = []
    for standard in range(1, 13):
        rating = np.array(dist.RATING_ORDER, dtype=object)[_choice_rows(rng, probs)]
        parts.append(pd.DataFrame({"service": assessed, "standard": standard, "rating": rating}))
    return pd.concat(parts, ignore_index=True).sort_values(["service", "standard"])


def _journeys(rng: np.random.Generator, tmpl: pd.DataFrame, levels: np.ndarray) -> pd.DataFrame:
    families = {family.service_key: family for family in JOURNEY_FAMILIES}
    rows_service: list[int] = []
    rows_position: list[int] = []
    rows_en: list[str] = []
    rows_cy: list[str | None] = []
    for key, positions in tmpl.groupby("key").groups.items():
        family = families.get(str(key))
        names_cy: list[str | None]
        if family is not None:
            names_en = [" - ".join(p) for p in itertools.product(*family.dimensions)]
            names_cy = [" - ".join(p) for p in itertools.product(*family.dimensions_cy)]
        else:
            names_en = list(tmpl.loc[positions[0], "journeys"])
            names_cy = [None] * len(names_en)
        if not names_en:
            continue
        for service in positions:
            rows_service.extend([service] * len(names_en))
            rows_position.extend(range(1, len(names_en) + 1))
            rows_en.extend(names_en)
            rows_cy.extend(names_cy)
    service = np.array(rows_service, dtype=int)
    shift = rng.choice([-1, 0, 0, 0, 1], size=len(service))
    level = np.clip(levels[service] + shift, MIN_LEVEL, MAX_LEVEL) if len(service) else service
    return pd.DataFrame(
        {
            "service": service,
            "position": rows_position,
            "name_en": rows_en,
            "name_cy": rows_cy,
            "digitisation_level": level,
        }
    )


def pick_deep_dives(rng: np.random.Generator, frames: CatalogueFrames) -> np.ndarray:
    """Choose the deep-dive sample: per sector as in the discovery, distinct service areas,
    always including a planned-care referral service (one user need, many journeys)."""
    services = frames.services
    chosen: list[int] = []
    fan_out = services.index[services["code"].str.contains("--planned-care-referral")]
    if len(fan_out):
        chosen.append(int(rng.choice(fan_out)))
    for sector, wanted in dist.DEEP_DIVES_PER_SECTOR.items():
        pool = services[(services["sector"] == sector) & ~services.index.isin(chosen)]
        areas_taken = set(services.loc[chosen, "service_area"])
        shuffled = pool.sample(frac=1.0, random_state=int(rng.integers(2**31)))
        taken_here = sum(1 for i in chosen if services.at[i, "sector"] == sector)
        for index, area in zip(shuffled.index.tolist(), shuffled["service_area"], strict=True):
            if taken_here >= wanted:
                break
            if area in areas_taken:
                continue
            chosen.append(int(index))
            areas_taken.add(area)
            taken_here += 1
    deep = np.array(sorted(chosen))
    frames.services.loc[deep, "is_deep_dive"] = True
    _complete_reporting(rng, frames, deep)
    return deep


def _complete_reporting(
    rng: np.random.Generator, frames: CatalogueFrames, deep: np.ndarray
) -> None:
    """Deep dives were surveyed, so each has metrics, themes and a self-assessment."""
    services = frames.services
    tmpl = pd.DataFrame([t.__dict__ for t in SERVICE_TEMPLATES]).iloc[services["template"]]
    tmpl = tmpl.reset_index(drop=True)
    levels = services["digitisation_level"].to_numpy()
    no_metrics = np.setdiff1d(deep, frames.metrics["service"].unique())
    if len(no_metrics):
        extra = _metrics(rng, tmpl, levels, services["contracting_type"].to_numpy(), no_metrics)
        frames.metrics = pd.concat([frames.metrics, extra], ignore_index=True)
    no_themes = np.setdiff1d(deep, frames.themes["service"].unique())
    if len(no_themes):
        extra = _themes(rng, services["sector"].to_numpy(), no_themes)
        frames.themes = pd.concat([frames.themes, extra], ignore_index=True)
    no_assessment = np.setdiff1d(deep, frames.assessments["service"].unique())
    if len(no_assessment):
        probs = np.array(dist.RATING_BY_LEVEL)[levels[no_assessment]]
        parts = [frames.assessments]
        for standard in range(1, 13):
            rating = np.array(dist.RATING_ORDER, dtype=object)[_choice_rows(rng, probs)]
            parts.append(
                pd.DataFrame({"service": no_assessment, "standard": standard, "rating": rating})
            )
        frames.assessments = pd.concat(parts, ignore_index=True)
