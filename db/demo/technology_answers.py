"""Invented technology-survey answers for a share of the catalogue's services, as in the
discovery's alpha (about 120 responses over some 400 services), drawn for every answering
service at once so that the 100,000-service generator writes them in seconds.

Every answer is invented. Platforms are generic product descriptions ("a commercial waste
management system"), never a named supplier tied to a named public body. Some answers are
spelt in more than one way, as owners type them, so the page's light normalisation has work
to do; contract end dates are written in the forms owners use, relative to the day of loading.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
from babel.dates import get_month_names

from db.vocabulary import Sector

#: Share of the catalogue's services (deep dives apart) whose owners started the technology
#: survey: about 120 of the demo's 400, as in the alpha; most of them submitted it.
TECHNOLOGY_RESPONSE_RATE = 0.28
TECHNOLOGY_SUBMITTED_RATE = 0.85

LA, HEALTH, CENTRAL, ALB, THIRD = (
    str(Sector.LOCAL_AUTHORITY),
    str(Sector.HEALTH),
    str(Sector.CENTRAL_GOVERNMENT),
    str(Sector.ARMS_LENGTH_BODY),
    str(Sector.THIRD_SECTOR),
)

Weights = dict[str, float]

HOSTING: dict[str, Weights] = {
    LA: {
        "on_premises": 0.3,
        "public_cloud": 0.15,
        "supplier_hosted": 0.3,
        "shared_platform": 0.05,
        "mixed": 0.2,
    },
    HEALTH: {
        "on_premises": 0.2,
        "public_cloud": 0.05,
        "supplier_hosted": 0.15,
        "shared_platform": 0.45,
        "mixed": 0.15,
    },
    CENTRAL: {"on_premises": 0.1, "public_cloud": 0.5, "supplier_hosted": 0.25, "mixed": 0.15},
    ALB: {"on_premises": 0.15, "public_cloud": 0.35, "supplier_hosted": 0.35, "mixed": 0.15},
    THIRD: {"on_premises": 0.05, "public_cloud": 0.5, "supplier_hosted": 0.35, "mixed": 0.1},
}

SYSTEM_AGE: dict[str, Weights] = {
    LA: {
        "under_2_years": 0.1,
        "from_2_to_5_years": 0.2,
        "from_5_to_10_years": 0.3,
        "over_10_years": 0.3,
        "not_known": 0.1,
    },
    HEALTH: {
        "under_2_years": 0.1,
        "from_2_to_5_years": 0.2,
        "from_5_to_10_years": 0.3,
        "over_10_years": 0.3,
        "not_known": 0.1,
    },
    CENTRAL: {
        "under_2_years": 0.2,
        "from_2_to_5_years": 0.35,
        "from_5_to_10_years": 0.3,
        "over_10_years": 0.1,
        "not_known": 0.05,
    },
    ALB: {
        "under_2_years": 0.15,
        "from_2_to_5_years": 0.3,
        "from_5_to_10_years": 0.3,
        "over_10_years": 0.15,
        "not_known": 0.1,
    },
    THIRD: {
        "under_2_years": 0.3,
        "from_2_to_5_years": 0.3,
        "from_5_to_10_years": 0.15,
        "over_10_years": 0.05,
        "not_known": 0.2,
    },
}

#: Chance that a service uses each shared component, by sector; forms also follow the level.
COMPONENTS: dict[str, Weights] = {
    LA: {"forms": 0.7, "payments": 0.3, "notify": 0.45, "login": 0.3},
    HEALTH: {"forms": 0.35, "payments": 0.02, "notify": 0.55, "login": 0.3},
    CENTRAL: {"forms": 0.6, "payments": 0.25, "notify": 0.6, "login": 0.45},
    ALB: {"forms": 0.55, "payments": 0.3, "notify": 0.35, "login": 0.3},
    THIRD: {"forms": 0.3, "payments": 0.1, "notify": 0.1, "login": 0.05},
}
#: Forms need something online: a service at level 0 or 1 seldom has one.
FORMS_BY_LEVEL = (0.15, 0.45, 1.0, 1.1, 1.2)

APIS: dict[str, Weights] = {
    LA: {"provides_and_uses": 0.15, "provides": 0.05, "uses": 0.4, "none": 0.25, "not_known": 0.15},
    HEALTH: {
        "provides_and_uses": 0.3,
        "provides": 0.05,
        "uses": 0.35,
        "none": 0.15,
        "not_known": 0.15,
    },
    CENTRAL: {
        "provides_and_uses": 0.4,
        "provides": 0.1,
        "uses": 0.3,
        "none": 0.1,
        "not_known": 0.1,
    },
    ALB: {"provides_and_uses": 0.2, "provides": 0.1, "uses": 0.35, "none": 0.2, "not_known": 0.15},
    THIRD: {
        "provides_and_uses": 0.02,
        "provides": 0.03,
        "uses": 0.2,
        "none": 0.5,
        "not_known": 0.25,
    },
}

SIGN_IN: dict[str, Weights] = {
    LA: {"always": 0.2, "optional": 0.35, "never": 0.45},
    HEALTH: {"always": 0.25, "optional": 0.2, "never": 0.55},
    CENTRAL: {"always": 0.45, "optional": 0.2, "never": 0.35},
    ALB: {"always": 0.35, "optional": 0.25, "never": 0.4},
    THIRD: {"always": 0.1, "optional": 0.15, "never": 0.75},
}
LOGIN_TYPE: dict[str, Weights] = {
    LA: {"own_accounts": 0.3, "organisation_account": 0.5, "gov_uk_one_login": 0.05, "other": 0.15},
    HEALTH: {"own_accounts": 0.3, "nhs_login": 0.5, "other": 0.2},
    CENTRAL: {"own_accounts": 0.4, "organisation_account": 0.2, "gov_uk_one_login": 0.4},
    ALB: {"own_accounts": 0.6, "organisation_account": 0.2, "gov_uk_one_login": 0.1, "other": 0.1},
    THIRD: {"own_accounts": 0.8, "other": 0.2},
}

DATA_LOCATION: dict[str, Weights] = {
    "on_premises": {"own_data_centre": 1.0},
    "public_cloud": {"cloud_uk": 1.0},
    "supplier_hosted": {"supplier_uk": 1.0},
    "shared_platform": {"shared_platform": 1.0},
    "mixed": {"own_data_centre": 0.6, "supplier_uk": 0.6, "cloud_uk": 0.4},
}
#: Beside the main place: paper files, and now and then data held abroad or not known.
DATA_EXTRA = {"paper": 0.2, "outside_uk": 0.03}

CYBER_SUPPORT: dict[str, Weights] = {
    LA: {"in_house": 0.25, "bought_in": 0.2, "shared": 0.45, "none": 0.1},
    HEALTH: {"in_house": 0.6, "bought_in": 0.1, "shared": 0.3},
    CENTRAL: {"in_house": 0.7, "bought_in": 0.2, "shared": 0.1},
    ALB: {"in_house": 0.3, "bought_in": 0.5, "none": 0.2},
    THIRD: {"in_house": 0.05, "bought_in": 0.5, "none": 0.45},
}
PENETRATION_TEST: dict[str, Weights] = {
    LA: {
        "within_12_months": 0.45,
        "one_to_three_years": 0.25,
        "over_three_years": 0.1,
        "never": 0.08,
        "not_known": 0.12,
    },
    HEALTH: {
        "within_12_months": 0.5,
        "one_to_three_years": 0.25,
        "over_three_years": 0.07,
        "never": 0.05,
        "not_known": 0.13,
    },
    CENTRAL: {
        "within_12_months": 0.7,
        "one_to_three_years": 0.2,
        "over_three_years": 0.03,
        "never": 0.02,
        "not_known": 0.05,
    },
    ALB: {
        "within_12_months": 0.4,
        "one_to_three_years": 0.3,
        "over_three_years": 0.1,
        "never": 0.1,
        "not_known": 0.1,
    },
    THIRD: {
        "within_12_months": 0.1,
        "one_to_three_years": 0.15,
        "over_three_years": 0.1,
        "never": 0.4,
        "not_known": 0.25,
    },
}
INCIDENT_RATE = {LA: 0.25, HEALTH: 0.3, CENTRAL: 0.2, ALB: 0.2, THIRD: 0.15}

ROLES: dict[str, Weights] = {
    LA: {
        "service_owner": 0.85,
        "user_researcher": 0.15,
        "designer": 0.2,
        "developer": 0.45,
        "content_designer": 0.35,
        "data_analyst": 0.3,
        "security": 0.2,
    },
    HEALTH: {
        "service_owner": 0.8,
        "user_researcher": 0.25,
        "designer": 0.25,
        "developer": 0.4,
        "content_designer": 0.2,
        "data_analyst": 0.5,
        "security": 0.3,
    },
    CENTRAL: {
        "service_owner": 0.95,
        "user_researcher": 0.6,
        "designer": 0.6,
        "developer": 0.7,
        "content_designer": 0.6,
        "data_analyst": 0.5,
        "security": 0.4,
    },
    ALB: {
        "service_owner": 0.85,
        "user_researcher": 0.3,
        "designer": 0.35,
        "developer": 0.4,
        "content_designer": 0.35,
        "data_analyst": 0.3,
        "security": 0.2,
    },
    THIRD: {
        "service_owner": 0.9,
        "user_researcher": 0.1,
        "designer": 0.1,
        "developer": 0.1,
        "content_designer": 0.15,
        "data_analyst": 0.1,
        "security": 0.03,
    },
}
#: Hard-to-fill digital posts in the last 12 months: 0, 1, 2, 3, 4, 6.
VACANCY_VALUES = (0, 1, 2, 3, 4, 6)
VACANCIES: dict[str, tuple[float, ...]] = {
    LA: (0.5, 0.25, 0.13, 0.06, 0.04, 0.02),
    HEALTH: (0.45, 0.25, 0.15, 0.08, 0.05, 0.02),
    CENTRAL: (0.4, 0.3, 0.15, 0.08, 0.05, 0.02),
    ALB: (0.55, 0.25, 0.1, 0.05, 0.04, 0.01),
    THIRD: (0.85, 0.1, 0.05, 0.0, 0.0, 0.0),
}
#: Contractor reliance 1 (not at all) to 5 (almost entirely).
RELIANCE: dict[str, tuple[float, ...]] = {
    LA: (0.15, 0.25, 0.3, 0.2, 0.1),
    HEALTH: (0.15, 0.3, 0.3, 0.15, 0.1),
    CENTRAL: (0.2, 0.3, 0.3, 0.15, 0.05),
    ALB: (0.1, 0.2, 0.3, 0.25, 0.15),
    THIRD: (0.2, 0.15, 0.2, 0.2, 0.25),
}
CONTRACT_SPLIT: dict[str, Weights] = {
    LA: {"yes": 0.15, "partly": 0.25, "no": 0.4, "no_contract": 0.1, "not_known": 0.1},
    HEALTH: {"yes": 0.1, "partly": 0.2, "no": 0.5, "no_contract": 0.1, "not_known": 0.1},
    CENTRAL: {"yes": 0.3, "partly": 0.25, "no": 0.2, "no_contract": 0.2, "not_known": 0.05},
    ALB: {"yes": 0.3, "partly": 0.25, "no": 0.25, "no_contract": 0.1, "not_known": 0.1},
    THIRD: {"yes": 0.5, "partly": 0.1, "no": 0.1, "no_contract": 0.2, "not_known": 0.1},
}

#: The main platform by service area: generic descriptions, some in two spellings.
PLATFORMS: dict[str, tuple[str, ...]] = {
    "council_tax": (
        "A commercial revenues and benefits system",
        "Commercial revenues & benefits system",
        "The council's online forms platform with a revenues system behind it",
    ),
    "revenues_and_benefits": (
        "A commercial revenues and benefits system",
        "a commercial revenues and benefits system (supplier hosted)",
    ),
    "school_enrolment": (
        "A commercial education management system",
        "The council's online forms platform",
    ),
    "housing": (
        "A commercial housing management system",
        "A customer relationship management (CRM) system",
    ),
    "planning": (
        "A commercial planning and building control system",
        "The national planning portal, with a back-office planning system",
    ),
    "waste_collection": (
        "A commercial waste management system",
        "Commercial waste management system.",
        "The council's online forms platform",
    ),
    "street_and_highway_maintenance": (
        "A commercial highways asset management system",
        "A customer relationship management (CRM) system",
    ),
    "social_care": (
        "A national social care record system shared by councils and health boards",
        "A commercial social care case management system",
    ),
    "libraries": ("A library management system shared by several councils",),
    "parking": ("A commercial parking enforcement system",),
    "licensing": ("A commercial regulatory services system",),
    "registration": ("A national registration system", "A commercial booking system"),
    "environmental_health": (
        "A commercial regulatory services system",
        "A commercial environmental health system",
    ),
    "leisure": ("A commercial leisure booking system",),
    "planned_care": (
        "The national patient administration system",
        "A referral management system built in house",
    ),
    "primary_care": (
        "A GP clinical system bought through a national framework",
        "An online appointment booking system",
    ),
    "pharmacy": ("An online repeat prescription ordering system",),
    "mental_health": (
        "A mental health case management system",
        "The national patient administration system",
    ),
    "maternity": ("A maternity information system",),
    "therapies": ("An online self-referral form built in house",),
    "patient_records": ("The national clinical portal", "A patient app platform"),
    "ambulance": ("A computer-aided dispatch system",),
    "screening": ("A national screening call and recall system",),
    "cancer_care": ("A cancer information system",),
    "workforce": ("A national workforce and e-learning system",),
    "devolved_taxes": ("A tax administration system built in house on a public cloud",),
    "farming": ("A rural payments system built in house",),
    "economy": ("A customer relationship management (CRM) system",),
    "grants": ("A commercial grants management system", "Commercial grants management system"),
    "welfare": ("A case management system built in house",),
    "childcare": ("A digital service built in house on a public cloud",),
    "engagement": ("A commercial consultation platform",),
    "education": (
        "A customer relationship management (CRM) system",
        "A registration system built in house",
    ),
    "environment": ("A licensing system built in house", "A commercial permitting system"),
    "culture": (
        "A commercial collections management system",
        "A commercial ticketing and booking system",
    ),
    "transport": ("A commercial ticketing system",),
    "advice": (
        "A cloud customer relationship management (CRM) system",
        "A case management system for advice charities",
    ),
    "carers": (
        "A cloud customer relationship management (CRM) system",
        "Spreadsheets and a shared mailbox",
    ),
    "wellbeing": ("A telephone and case management system",),
    "volunteering": ("A volunteer management system",),
    "training": ("A learning management system",),
}
OTHER_PLATFORM = "A customer relationship management (CRM) system"

IDENTITY_CHECKS: dict[str, tuple[str, ...]] = {
    LA: (
        "No identity check; we match the address against the council's property register.",
        "The account holder's details are matched to the council tax record.",
        "Residents bring proof of address and identity documents to a council office.",
        "Staff call the resident back to confirm details before anything is changed.",
        "None needed.",
    ),
    HEALTH: (
        "Name, date of birth and NHS number are matched to the patient record; mismatches go "
        "to a clerk.",
        "Patients sign in with NHS login, which checks their identity.",
        "Reception checks identity documents at the first appointment.",
        "No check online; the clinic confirms details by phone.",
    ),
    CENTRAL: (
        "Users prove their identity with GOV.UK One Login.",
        "Details are matched to records we already hold, such as the business's registration.",
        "Applicants upload identity documents, which staff check by hand.",
    ),
    ALB: (
        "Details are matched to our own records.",
        "Applicants upload documents, checked by staff.",
        "No identity check.",
    ),
    THIRD: (
        "Advisers confirm details by calling the person back before sharing anything personal.",
        "No identity check; we ask for consent.",
        "People bring documents to an appointment.",
    ),
}

INTEGRATION = (
    "Data goes to the back-office system by API; updates come back overnight.",
    "Requests arrive by email and are retyped into the case system.",
    "A nightly file transfer to the finance system; everything else is keyed in by staff.",
    "Referrals come by secure email and are copied into our CRM.",
)
LOCK_IN = (
    "None.",
    "Yes: only the supplier can change the system, and every change is charged.",
    "Some: exporting our data needs the supplier's help.",
    "Yes: the contract covers many services, so we cannot change one alone.",
)

#: How an owner writes the end of a contract `months` from now (month names in English or
#: Welsh, numbers, with or without an option to extend).
#: Welsh month names from the Unicode CLDR data Babel carries, as the app writes dates.
WELSH_MONTHS = tuple(get_month_names("wide", locale="cy").values())
CONTRACT_MONTHS = np.array([-2, 1, 3, 5, 8, 11, 14, 18, 24, 30, 36, 48, 60])
CONTRACT_MONTH_WEIGHTS = np.array([3, 4, 5, 6, 6, 7, 7, 7, 8, 6, 6, 4, 3], dtype=float)
#: no contract, a rolling licence, not known, or a date (the rest)
CONTRACT_KIND_WEIGHTS = {"no contract": 0.1, "rolling": 0.08, "not known": 0.07, "date": 0.75}


@dataclass(frozen=True)
class AnsweringServices:
    """The services that started the technology survey, as rows of the drawn catalogue."""

    rows: np.ndarray  # positions in the catalogue's services frame
    submitted: np.ndarray  # bool per row


def pick_answering(
    rng: np.random.Generator, services: int, already: Sequence[int]
) -> AnsweringServices:
    """About `TECHNOLOGY_RESPONSE_RATE` of the services not already surveyed, most submitted."""
    pool = np.setdiff1d(np.arange(services), np.asarray(already, dtype=int))
    rows = np.sort(pool[rng.random(len(pool)) < TECHNOLOGY_RESPONSE_RATE])
    return AnsweringServices(rows, rng.random(len(rows)) < TECHNOLOGY_SUBMITTED_RATE)


def _by_sector(
    rng: np.random.Generator, sectors: np.ndarray, weights: dict[str, Weights]
) -> np.ndarray:
    out = np.empty(len(sectors), dtype=object)
    for sector in np.unique(sectors):
        mask = sectors == sector
        options = weights.get(str(sector), weights[LA])
        keys = list(options)
        probs = np.array([options[k] for k in keys])
        out[mask] = np.array(keys, dtype=object)[
            rng.choice(len(keys), size=int(mask.sum()), p=probs / probs.sum())
        ]
    return out


def _by_sector_values(
    rng: np.random.Generator,
    sectors: np.ndarray,
    weights: dict[str, tuple[float, ...]],
    values: Sequence[int],
) -> np.ndarray:
    return _by_sector(
        rng,
        sectors,
        {s: dict(zip(map(str, values), w, strict=True)) for s, w in weights.items()},
    ).astype(int)


def _ticks(
    rng: np.random.Generator, sectors: np.ndarray, chances: dict[str, Weights], factor: np.ndarray
) -> dict[str, np.ndarray]:
    """Each option ticked or not, per service, with a per-service factor on its chance."""
    options = list(next(iter(chances.values())))
    chance = np.array(
        [[chances.get(str(s), chances[LA]).get(o, 0.0) for o in options] for s in sectors]
    )
    drawn = rng.random(chance.shape) < chance * factor[:, None]
    return {option: drawn[:, i] for i, option in enumerate(options)}


def _listed(ticks: dict[str, np.ndarray], size: int, empty: str | None) -> list[list[str]]:
    """Ticked options per service, in the options' order; `empty` alone where none is."""
    chosen: list[list[str]] = [[] for _ in range(size)]
    for option, mask in ticks.items():
        for row in np.flatnonzero(mask):
            chosen[row].append(option)
    if empty is not None:
        chosen = [picked or [empty] for picked in chosen]
    return chosen


def _contract_ends(rng: np.random.Generator, size: int, today: date) -> list[str]:
    kinds = list(CONTRACT_KIND_WEIGHTS)
    probs = np.array(list(CONTRACT_KIND_WEIGHTS.values()))
    kind = np.array(kinds)[rng.choice(len(kinds), size=size, p=probs / probs.sum())]
    months = rng.choice(
        CONTRACT_MONTHS, size=size, p=CONTRACT_MONTH_WEIGHTS / CONTRACT_MONTH_WEIGHTS.sum()
    )
    style = rng.integers(0, 6, size=size)
    written = []
    for k, ahead, how in zip(kind, months, style, strict=True):
        if k == "no contract":
            written.append("No contract: built and run in house.")
            continue
        if k == "rolling":
            written.append("A rolling annual licence, renewed each April.")
            continue
        if k == "not known":
            written.append("Not sure; the contracts team would know.")
            continue
        month_index = today.year * 12 + today.month - 1 + int(ahead)
        year, month = divmod(month_index, 12)
        end = date(year, month + 1, 1)
        written.append(
            (
                f"{end:%B %Y}",
                f"{end:%B %Y}, with an option to extend by two years",
                f"31/{end:%m/%Y}" if end.month in (1, 3, 5, 7, 8, 10, 12) else f"30/{end:%m/%Y}",
                f"{end:%Y-%m}",
                f"{WELSH_MONTHS[end.month - 1]} {end.year}",
                f"End of {end:%B %Y}",
            )[int(how)]
        )
    return written


def _pick(options: tuple[str, ...], draw: float) -> str:
    """One of `options`, by a uniform draw in [0, 1)."""
    return options[int(draw * len(options))]


def draw_answers(
    rng: np.random.Generator,
    services: pd.DataFrame,
    rows: np.ndarray,
    today: date,
) -> dict[str, list[Any]]:
    """Every technology question's answer for each of `rows` (positions in `services`, the
    drawn catalogue with sector, service_area and digitisation_level), by question code."""
    picked = services.iloc[rows]
    sectors = picked["sector"].astype(str).to_numpy()
    areas = picked["service_area"].astype(str).to_numpy()
    levels = pd.to_numeric(picked["digitisation_level"], errors="coerce").fillna(2).astype(int)
    size = len(rows)
    hosting = _by_sector(rng, sectors, HOSTING)

    forms_factor = np.array(FORMS_BY_LEVEL)[np.clip(levels.to_numpy(), 0, 4)]
    components = _ticks(rng, sectors, COMPONENTS, np.ones(size))
    components["forms"] = rng.random(size) < np.clip(
        np.array([COMPONENTS[s]["forms"] for s in sectors]) * forms_factor, 0, 0.95
    )
    sign_in = _by_sector(rng, sectors, SIGN_IN)
    login = _by_sector(rng, sectors, LOGIN_TYPE)
    login = np.where(sign_in == "never", "not_applicable", login)

    locations: list[list[str]] = []
    extra_draws = rng.random((size, len(DATA_EXTRA)))
    for row, place in enumerate(hosting):
        options = DATA_LOCATION[str(place)]
        chosen = [o for o, chance in options.items() if rng.random() < chance] or [
            next(iter(options))
        ]
        chosen += [o for i, (o, c) in enumerate(DATA_EXTRA.items()) if extra_draws[row, i] < c]
        locations.append(chosen)

    platform_pick = rng.random(size)
    platforms = [
        _pick(PLATFORMS.get(area, (OTHER_PLATFORM,)), draw)
        for area, draw in zip(areas, platform_pick, strict=True)
    ]
    identity_pick = rng.random(size)
    identity = [
        _pick(IDENTITY_CHECKS.get(sector, IDENTITY_CHECKS[LA]), draw)
        for sector, draw in zip(sectors, identity_pick, strict=True)
    ]
    roles = _listed(_ticks(rng, sectors, ROLES, np.ones(size)), size, None)
    roles = [picked or ["service_owner"] for picked in roles]
    return {
        "hosting_model": list(hosting),
        "main_platform": platforms,
        "core_system_age": list(_by_sector(rng, sectors, SYSTEM_AGE)),
        "shared_components": _listed(components, size, "none"),
        "apis": list(_by_sector(rng, sectors, APIS)),
        "integration": [INTEGRATION[i] for i in rng.integers(0, len(INTEGRATION), size)],
        "sign_in": list(sign_in),
        "login_type": list(login),
        "identity_checks": identity,
        "data_location": locations,
        "cyber_support": list(_by_sector(rng, sectors, CYBER_SUPPORT)),
        "last_penetration_test": list(_by_sector(rng, sectors, PENETRATION_TEST)),
        "security_incidents": [
            bool(v)
            for v in rng.random(size) < np.array([INCIDENT_RATE.get(s, 0.2) for s in sectors])
        ],
        "team_roles": roles,
        "hard_to_fill_vacancies": [
            int(v) for v in _by_sector_values(rng, sectors, VACANCIES, VACANCY_VALUES)
        ],
        "contractor_reliance": [
            int(v) for v in _by_sector_values(rng, sectors, RELIANCE, (1, 2, 3, 4, 5))
        ],
        "contract_end_date": _contract_ends(rng, size, today),
        "contract_split_by_service": list(_by_sector(rng, sectors, CONTRACT_SPLIT)),
        "lock_in_concerns": [LOCK_IN[i] for i in rng.integers(0, len(LOCK_IN), size)],
    }
