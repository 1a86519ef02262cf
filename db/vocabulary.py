"""The controlled vocabulary of the landscape: codes stored in the database and their labels."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Term:
    """One value of a controlled list: the stored code and its English and Welsh labels."""

    code: str
    en: str
    cy: str


def codes(terms: tuple[Term, ...]) -> tuple[str, ...]:
    return tuple(term.code for term in terms)


def label(terms: tuple[Term, ...], code: str, lang: str = "en") -> str:
    for term in terms:
        if term.code == code:
            return term.cy if lang == "cy" else term.en
    return code


class Sector(StrEnum):
    CENTRAL_GOVERNMENT = "central_government"
    LOCAL_AUTHORITY = "local_authority"
    HEALTH = "health"
    ARMS_LENGTH_BODY = "arms_length_body"
    THIRD_SECTOR = "third_sector"


SECTORS: tuple[Term, ...] = (
    Term(Sector.CENTRAL_GOVERNMENT, "Central government", "Llywodraeth ganolog"),
    Term(Sector.LOCAL_AUTHORITY, "Local authority", "Awdurdod lleol"),
    Term(Sector.HEALTH, "Health", "Iechyd"),
    Term(Sector.ARMS_LENGTH_BODY, "Arm's-length body", "Corff hyd braich"),
    Term(Sector.THIRD_SECTOR, "Third sector", "Trydydd sector"),
)

ORGANISATION_TYPES: tuple[Term, ...] = (
    Term("government", "Government", "Llywodraeth"),
    Term("non_ministerial_department", "Non-ministerial department", "Adran anweinidogol"),
    Term("principal_council", "Principal council", "Prif gyngor"),
    Term("local_health_board", "Local health board", "Bwrdd iechyd lleol"),
    Term("nhs_trust", "NHS trust", "Ymddiriedolaeth GIG"),
    Term("special_health_authority", "Special health authority", "Awdurdod iechyd arbennig"),
    Term(
        "sponsored_body", "Welsh Government sponsored body", "Corff a noddir gan Lywodraeth Cymru"
    ),
    Term("company", "Government-owned company", "Cwmni sy'n eiddo i'r llywodraeth"),
    Term("charity", "Charity", "Elusen"),
)

STAGES: tuple[Term, ...] = (
    Term("developing", "Developing", "Wrthi'n cael ei ddatblygu"),
    Term("newly_established", "Newly established", "Newydd ei sefydlu"),
    Term("long_running", "Long running", "Hirsefydlog"),
)

#: Ordinal digitisation level 0-4 (DOMAIN.md), with a short and a long wording.
DIGITISATION_LEVELS: tuple[Term, ...] = (
    Term("0", "0 Not digital", "0 Dim yn ddigidol"),
    Term("1", "1 Information online", "1 Gwybodaeth ar-lein"),
    Term("2", "2 Partly digital", "2 Rhannol ddigidol"),
    Term("3", "3 Digital end to end", "3 Digidol o'r dechrau i'r diwedd"),
    Term("4", "4 Digital by default, joined up", "4 Digidol yn ddiofyn, cydgysylltiedig"),
)
DIGITISATION_LEVEL_DESCRIPTIONS: dict[int, tuple[str, str]] = {
    0: ("Paper, phone or face to face only", "Papur, ffôn neu wyneb yn wyneb yn unig"),
    1: (
        "Information online, the transaction happens offline",
        "Gwybodaeth ar-lein, mae'r trafodiad yn digwydd all-lein",
    ),
    2: (
        "Online form or booking, with a manual back office",
        "Ffurflen neu archeb ar-lein, gyda swyddfa gefn â llaw",
    ),
    3: ("Digital end to end", "Digidol o'r dechrau i'r diwedd"),
    4: (
        "Digital by default and joined up: data shared across services, proactive",
        "Digidol yn ddiofyn ac yn gydgysylltiedig: data wedi'i rannu, rhagweithiol",
    ),
}
MIN_LEVEL, MAX_LEVEL = 0, 4
END_TO_END_LEVEL = 3

USER_TYPES: tuple[Term, ...] = (
    Term("citizens", "Citizens and residents", "Dinasyddion a thrigolion"),
    Term("patients", "Patients", "Cleifion"),
    Term("carers", "Carers and families", "Gofalwyr a theuluoedd"),
    Term("businesses", "Businesses", "Busnesau"),
    Term("professionals", "Professionals and staff", "Gweithwyr proffesiynol a staff"),
    Term("third_sector_orgs", "Third-sector organisations", "Sefydliadau'r trydydd sector"),
    Term("students", "Pupils and students", "Disgyblion a myfyrwyr"),
    Term("visitors", "Visitors", "Ymwelwyr"),
)

CONTRACTING_TYPES: tuple[Term, ...] = (
    Term("in_house", "Built and run in house", "Wedi'i adeiladu a'i redeg yn fewnol"),
    Term("outsourced", "Outsourced to a supplier", "Wedi'i gontractio i gyflenwr"),
    Term("shared_service", "Shared service or platform", "Gwasanaeth neu blatfform a rennir"),
    Term("mixed", "Mixed", "Cymysg"),
)

CHANNELS: tuple[Term, ...] = (
    Term("online", "Online", "Ar-lein"),
    Term("app", "Mobile app", "Ap symudol"),
    Term("phone", "Phone", "Ffôn"),
    Term("face_to_face", "Face to face", "Wyneb yn wyneb"),
    Term("paper", "Paper or post", "Papur neu bost"),
    Term("email", "Email", "E-bost"),
)

WELSH_PROVISION: tuple[Term, ...] = (
    Term("full", "Fully bilingual", "Cwbl ddwyieithog"),
    Term("partial", "Partly in Welsh", "Yn rhannol yn Gymraeg"),
    Term("none", "English only", "Saesneg yn unig"),
)


class Metric(StrEnum):
    USERS_PER_YEAR = "users_per_year"
    TRANSACTIONS_PER_YEAR = "transactions_per_year"
    DIGITAL_TAKE_UP = "digital_take_up"
    COMPLETION_RATE = "completion_rate"
    COST_PER_TRANSACTION = "cost_per_transaction"
    USER_SATISFACTION = "user_satisfaction"


@dataclass(frozen=True)
class MetricDefinition:
    code: str
    en: str
    cy: str
    unit: str  # "count", "percent" or "gbp"
    definition_en: str


METRICS: tuple[MetricDefinition, ...] = (
    MetricDefinition(
        Metric.USERS_PER_YEAR,
        "Users per year",
        "Defnyddwyr y flwyddyn",
        "count",
        "Distinct users in 12 months",
    ),
    MetricDefinition(
        Metric.TRANSACTIONS_PER_YEAR,
        "Transactions per year",
        "Trafodion y flwyddyn",
        "count",
        "Completed transactions, all channels, 12 months",
    ),
    MetricDefinition(
        Metric.DIGITAL_TAKE_UP,
        "Digital take-up",
        "Defnydd digidol",
        "percent",
        "Completed digital transactions / all completed transactions",
    ),
    MetricDefinition(
        Metric.COMPLETION_RATE,
        "Completion rate",
        "Cyfradd cwblhau",
        "percent",
        "Completed digital transactions / started digital transactions",
    ),
    MetricDefinition(
        Metric.COST_PER_TRANSACTION,
        "Cost per transaction",
        "Cost fesul trafodiad",
        "gbp",
        "Total cost of the service / completed transactions",
    ),
    MetricDefinition(
        Metric.USER_SATISFACTION,
        "User satisfaction",
        "Boddhad defnyddwyr",
        "percent",
        "Share of users satisfied or very satisfied",
    ),
)
METRIC_CODES: tuple[str, ...] = tuple(m.code for m in METRICS)
PERCENT_METRICS = frozenset(m.code for m in METRICS if m.unit == "percent")


class Availability(StrEnum):
    PROVIDED = "provided"
    ESTIMATED = "estimated"
    NOT_AVAILABLE = "not_available"
    NOT_COLLECTED = "not_collected"
    NOT_APPLICABLE = "not_applicable"


AVAILABILITY: tuple[Term, ...] = (
    Term(Availability.PROVIDED, "Provided", "Wedi'i ddarparu"),
    Term(Availability.ESTIMATED, "Estimated", "Amcangyfrif"),
    Term(Availability.NOT_AVAILABLE, "Not available", "Ddim ar gael"),
    Term(Availability.NOT_COLLECTED, "Not collected", "Ddim yn cael ei gasglu"),
    Term(Availability.NOT_APPLICABLE, "Not applicable", "Amherthnasol"),
)
#: Availabilities for which a value is expected.
WITH_VALUE = frozenset({Availability.PROVIDED, Availability.ESTIMATED})

UNAVAILABLE_REASONS: tuple[Term, ...] = (
    Term("shared_system", "Shared system", "System a rennir"),
    Term("shared_contract", "Shared contract", "Contract a rennir"),
    Term("not_measured", "Not measured", "Ddim yn cael ei fesur"),
    Term("other", "Other", "Arall"),
)

THEME_KINDS: tuple[Term, ...] = (
    Term("challenge", "Challenge", "Her"),
    Term("opportunity", "Opportunity", "Cyfle"),
)

THEME_CATEGORIES: tuple[Term, ...] = (
    Term("service_design", "Service design and delivery", "Dylunio a darparu gwasanaethau"),
    Term("technology", "Technology", "Technoleg"),
    Term("skills", "Broader skills and ways of working", "Sgiliau a ffyrdd ehangach o weithio"),
    Term("organisation", "Organisational transformation", "Trawsnewid sefydliadol"),
)

#: Severity of a challenge (or importance of an opportunity) for one service.
SEVERITIES: tuple[Term, ...] = (
    Term("1", "Low", "Isel"),
    Term("2", "Medium", "Canolig"),
    Term("3", "High", "Uchel"),
)

ASSESSMENT_RATINGS: tuple[Term, ...] = (
    Term("met", "Met", "Wedi'i fodloni"),
    Term("partly_met", "Partly met", "Wedi'i fodloni'n rhannol"),
    Term("not_met", "Not met", "Heb ei fodloni"),
    Term("not_assessed", "Not assessed", "Heb ei asesu"),
)

SURVEY_STATUSES: tuple[Term, ...] = (
    Term("draft", "In progress", "Ar y gweill"),
    Term("submitted", "Submitted", "Wedi'i gyflwyno"),
)

DATASET_KINDS: tuple[Term, ...] = (
    Term("empty", "Empty", "Gwag"),
    Term("demo", "Demo data (invented)", "Data enghreifftiol (wedi'i ddyfeisio)"),
    Term("generated", "Generated test data (invented)", "Data prawf wedi'i gynhyrchu"),
    Term("real", "Imported data", "Data wedi'i fewnforio"),
)

#: Survey choices that stand alone: a multiple-choice answer cannot pair them with others.
EXCLUSIVE_CHOICES: frozenset[str] = frozenset({"none", "not_known"})
