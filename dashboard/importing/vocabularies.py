"""Value labels people write in spreadsheets, matched to the codes the database stores.

Each controlled list of `db.vocabulary` is matched by its code, its English and Welsh labels and
the words people use instead ("LA", "Council", "Awdurdod lleol" all mean local authority).
Matching ignores case, accents, apostrophes and punctuation, so "Arm's length body", "ARMS
LENGTH BODY" and "arms-length body" are one value.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from db.reference.frameworks import OECD_DIMENSIONS, STANDARDS
from db.reference.service_types import SERVICE_TYPE_TERMS, SERVICE_TYPES
from db.vocabulary import (
    ASSESSMENT_RATINGS,
    AVAILABILITY,
    CHANNELS,
    CONTRACTING_TYPES,
    DIGITISATION_LEVEL_DESCRIPTIONS,
    DIGITISATION_LEVELS,
    METRICS,
    ORGANISATION_TYPES,
    SECTORS,
    SEVERITIES,
    STAGES,
    SURVEY_STATUSES,
    THEME_CATEGORIES,
    THEME_KINDS,
    UNAVAILABLE_REASONS,
    USER_TYPES,
    WELSH_PROVISION,
    Term,
)

_APOSTROPHES = re.compile(r"['’‘`´]")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def normalise(text: object) -> str:
    """A label reduced to lower-case letters and digits separated by single spaces."""
    folded = unicodedata.normalize("NFKD", str(text).casefold())
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    plain = _APOSTROPHES.sub("", plain).replace("&", " and ")
    return _NOT_WORD.sub(" ", plain).strip()


@dataclass(frozen=True)
class Vocabulary:
    """A controlled list: its terms, and other words people use for them."""

    name: str
    terms: tuple[Term, ...]
    synonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Codes stored as whole numbers (digitisation level, severity, standard number).
    as_int: bool = False

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(term.code for term in self.terms)

    @cached_property
    def index(self) -> dict[str, str]:
        """Normalised label -> code. Codes and official labels win over synonyms."""
        found: dict[str, str] = {}
        for term in self.terms:
            for word in self.synonyms.get(term.code, ()):
                found.setdefault(normalise(word), term.code)
        for term in self.terms:
            for word in (term.en, term.cy):
                found[normalise(word)] = term.code
        for term in self.terms:
            found[normalise(term.code)] = term.code
        found.pop("", None)
        return found

    def lookup(self, value: object) -> str | None:
        """The code a written value means, or None when it means none of them."""
        return self.index.get(normalise(value))

    def label(self, code: str, welsh: bool = False) -> str:
        for term in self.terms:
            if term.code == code:
                return term.cy if welsh else term.en
        return code


SECTOR = Vocabulary(
    "sector",
    SECTORS,
    {
        "central_government": ("WG", "LlC", "Welsh Government", "central gov", "government"),
        "local_authority": (
            "LA",
            "council",
            "local government",
            "local auth",
            "cyngor",
            "llywodraeth leol",
        ),
        "health": ("NHS", "NHS Wales", "GIG", "GIG Cymru", "health board", "healthcare"),
        "arms_length_body": ("ALB", "arms length", "sponsored body", "public body", "corff"),
        "third_sector": ("3rd sector", "voluntary", "voluntary sector", "charity", "third"),
    },
)
ORGANISATION_TYPE = Vocabulary(
    "org_type",
    ORGANISATION_TYPES,
    {
        "government": ("Welsh Government", "Llywodraeth Cymru"),
        "principal_council": (
            "council",
            "county council",
            "county borough council",
            "city council",
            "cyngor",
            "cyngor sir",
        ),
        "local_health_board": ("health board", "LHB", "university health board", "bwrdd iechyd"),
        "nhs_trust": ("trust", "nhs trust"),
        "special_health_authority": ("SHA", "special health authority"),
        "sponsored_body": ("WGSB", "sponsored body", "ALB", "arms length body"),
        "company": ("company", "limited company", "ltd", "cwmni"),
        "charity": ("voluntary organisation", "third sector organisation", "charity"),
    },
)
STAGE = Vocabulary(
    "stage",
    STAGES,
    {
        "developing": ("in development", "being developed", "alpha", "beta", "datblygu"),
        "newly_established": ("new", "newly launched", "recently launched", "newydd"),
        "long_running": ("established", "long-running", "mature", "longstanding"),
    },
)
CONTRACTING = Vocabulary(
    "contracting_type",
    CONTRACTING_TYPES,
    {
        "in_house": ("in-house", "in house", "internal", "mewnol"),
        "outsourced": ("outsourced", "supplier", "contracted out", "external", "allanol"),
        "shared_service": ("shared", "shared platform", "shared service", "a rennir"),
        "mixed": ("hybrid", "both", "mix", "cymysg"),
    },
)
WELSH = Vocabulary(
    "welsh_provision",
    WELSH_PROVISION,
    {
        "full": ("yes", "bilingual", "full", "fully", "dwyieithog", "llawn", "ydy", "oes"),
        "partial": ("partly", "partial", "some", "rhannol", "peth"),
        "none": ("no", "english only", "none", "dim", "nac ydy", "nac oes"),
    },
)
USER_TYPE = Vocabulary(
    "user_type",
    USER_TYPES,
    {
        "citizens": ("public", "the public", "residents", "citizens", "cyhoedd", "dinasyddion"),
        "patients": ("patients", "patient", "cleifion", "claf"),
        "carers": ("carers", "families", "carer", "gofalwyr", "teuluoedd"),
        "businesses": ("business", "businesses", "busnesau", "busnes"),
        "professionals": ("staff", "professionals", "practitioners", "staff proffesiynol"),
        "third_sector_orgs": ("charities", "voluntary organisations", "third sector"),
        "students": ("pupils", "students", "learners", "myfyrwyr", "disgyblion", "dysgwyr"),
        "visitors": ("tourists", "visitors", "ymwelwyr", "twristiaid"),
    },
)
CHANNEL = Vocabulary(
    "channel",
    CHANNELS,
    {
        "online": ("web", "website", "digital", "internet", "ar lein", "gwefan"),
        "app": ("app", "mobile", "mobile app", "ap"),
        "phone": ("telephone", "phone", "call", "ffon", "ffôn"),
        "face_to_face": ("in person", "counter", "face-to-face", "f2f", "wyneb yn wyneb"),
        "paper": ("post", "paper", "letter", "paper form", "papur", "llythyr"),
        "email": ("e-mail", "email", "ebost", "e-bost"),
    },
)
METRIC = Vocabulary(
    "metric",
    tuple(Term(m.code, m.en, m.cy) for m in METRICS),
    {
        "users_per_year": ("users", "annual users", "number of users", "defnyddwyr"),
        "transactions_per_year": ("transactions", "volumes", "volumetrics", "trafodion"),
        "digital_take_up": ("take-up", "take up", "digital take up", "uptake", "defnydd"),
        "completion_rate": ("completion", "completions", "cwblhau"),
        "cost_per_transaction": ("cost", "unit cost", "CPT", "cost per transaction", "cost"),
        "user_satisfaction": ("satisfaction", "CSAT", "boddhad"),
    },
)
AVAILABILITY_VOCABULARY = Vocabulary(
    "availability",
    AVAILABILITY,
    {
        "provided": ("yes", "given", "actual", "available", "ar gael", "darparwyd", "known"),
        "estimated": ("estimate", "approx", "approximate", "approximately", "amcangyfrifwyd"),
        "not_available": ("unavailable", "no data", "not known", "dim ar gael", "ddim ar gael"),
        "not_collected": ("not recorded", "not captured", "heb ei gasglu"),
        "not_applicable": ("n/a", "na", "not relevant", "dim yn berthnasol"),
    },
)
REASON = Vocabulary(
    "reason",
    UNAVAILABLE_REASONS,
    {
        "shared_system": ("system", "shared systems", "system shared with others"),
        "shared_contract": ("contract", "shared contracts", "contract shared with others"),
        "not_measured": ("not tracked", "no measurement", "not recorded", "heb ei fesur"),
        "other": ("other reason", "rheswm arall"),
    },
)
THEME_KIND = Vocabulary(
    "theme_kind",
    THEME_KINDS,
    {
        "challenge": ("challenges", "problem", "issue", "heriau", "problem"),
        "opportunity": ("opportunities", "aim", "aims", "goal", "cyfleoedd", "nod", "nodau"),
    },
)
THEME_CATEGORY = Vocabulary(
    "theme_category",
    THEME_CATEGORIES,
    {
        "service_design": ("service design", "design", "delivery", "dylunio gwasanaethau"),
        "technology": ("tech", "technology", "technoleg", "IT"),
        "skills": ("skills", "ways of working", "sgiliau"),
        "organisation": ("organisation", "organisational", "transformation", "trawsnewid"),
    },
)
SEVERITY = Vocabulary(
    "severity",
    SEVERITIES,
    {
        "1": ("low", "l", "minor", "isel"),
        "2": ("medium", "m", "moderate", "med", "canolig"),
        "3": ("high", "h", "major", "severe", "uchel"),
    },
    as_int=True,
)
RATING = Vocabulary(
    "rating",
    ASSESSMENT_RATINGS,
    {
        "met": ("yes", "meets", "meets the standard", "bodloni", "ydy"),
        "partly_met": ("partly", "partially", "partially met", "partial", "rhannol"),
        "not_met": ("no", "does not meet", "not meeting", "nac ydy"),
        "not_assessed": ("not assessed", "unknown", "n/a", "heb asesu"),
    },
)
SURVEY_STATUS = Vocabulary(
    "survey_status",
    SURVEY_STATUSES,
    {
        "draft": ("draft", "in progress", "started", "open", "drafft"),
        "submitted": ("submitted", "complete", "completed", "done", "cyflwynwyd", "cyflawn"),
    },
)
INSTRUMENT = Vocabulary(
    "instrument",
    (
        Term("generalist", "Generalist survey", "Arolwg cyffredinol"),
        Term("technology", "Technology survey", "Arolwg technoleg"),
    ),
    {
        "generalist": ("general", "generalist", "service survey", "cyffredinol"),
        "technology": ("tech", "technology", "technoleg", "tech survey"),
    },
)
SOURCE = Vocabulary(
    "source",
    (
        Term("catalogue", "Catalogue", "Catalog"),
        Term("survey", "Survey", "Arolwg"),
        Term("import", "Import", "Mewnforio"),
    ),
    {"catalogue": ("catalog",), "import": ("imported", "spreadsheet", "mewnforiwyd")},
)
DIGITISATION = Vocabulary(
    "digitisation_level",
    DIGITISATION_LEVELS,
    {
        str(level): (
            f"level {level}",
            f"lefel {level}",
            en,
            cy,
            f"level {level} {en}",
            f"lefel {level} {cy}",
            term.en.split(" ", 1)[1],
            term.cy.split(" ", 1)[1],
        )
        for (level, (en, cy)), term in zip(
            DIGITISATION_LEVEL_DESCRIPTIONS.items(), DIGITISATION_LEVELS, strict=True
        )
    },
    as_int=True,
)
STANDARD = Vocabulary(
    "standard",
    tuple(Term(str(s.number), s.name_en, s.name_cy) for s in STANDARDS),
    {
        str(s.number): (
            f"standard {s.number}",
            f"safon {s.number}",
            f"DSS {s.number}",
            f"{s.number} {s.name_en}",
            f"{s.number} {s.name_cy}",
        )
        for s in STANDARDS
    },
    as_int=True,
)
OECD = Vocabulary(
    "oecd_dimension",
    tuple(Term(d.code, d.name_en, d.name_cy) for d in OECD_DIMENSIONS),
)
#: A service type by its code, its name in English or Welsh, or (council types) its Local
#: Government Service List number as people write it: "524", "LGSL 524", "LGSL-524".
SERVICE_TYPE = Vocabulary(
    "service_type",
    SERVICE_TYPE_TERMS,
    {
        seed.code: (
            str(seed.lgsl_code),
            f"{seed.lgsl_code}.0",  # a number a spreadsheet stored as a decimal
            f"LGSL {seed.lgsl_code}",
            f"LGSL:{seed.lgsl_code}",
        )
        for seed in SERVICE_TYPES
        if seed.lgsl_code is not None
    },
)
BOOLEAN_WORDS = {
    True: ("yes", "y", "true", "t", "1", "x", "ie", "do", "oes", "ydy", "✓", "✔"),
    False: ("no", "n", "false", "f", "0", "na", "naddo", "nac oes", "nac ydy"),
}
_BOOLEANS = {normalise(w): value for value, words in BOOLEAN_WORDS.items() for w in words}
_BOOLEANS["✓"] = _BOOLEANS["✔"] = True


def boolean(value: object) -> bool | None:
    """Yes/no in English or Welsh (or a tick, 1/0, TRUE/FALSE); None when it is neither."""
    text = str(value).strip()
    if text in ("✓", "✔"):
        return True
    return _BOOLEANS.get(normalise(text))
