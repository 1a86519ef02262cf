"""What can be imported and exported: each entity's canonical columns, types and stable key.

The canonical columns are what the full export writes and what a file with the same headers
maps to without any help. Every entity has a stable key made of codes people can read (never a
database id), so importing the same file twice changes nothing and a changed file updates the
rows it names.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from dashboard.common.i18n import is_welsh
from dashboard.importing import vocabularies as v
from dashboard.importing.vocabularies import Vocabulary


class Kind(StrEnum):
    KEY = "key"  # a code that names a row: one line of text
    TEXT = "text"  # one line of text
    LONG_TEXT = "long_text"  # text that may hold line breaks
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    CHOICE = "choice"  # one value of a controlled list
    CHOICES = "choices"  # several values of a controlled list, separated by ";"
    REFERENCE = "reference"  # the key of a row of another entity (an organisation's code)
    DATE = "date"
    ANSWER = "answer"  # a survey answer, read as its question's type says


@dataclass(frozen=True)
class Field:
    name: str
    en: str
    cy: str
    kind: Kind
    #: Every row needs a value.
    required: bool = False
    #: A row that adds something new needs a value; a row that updates keeps what is stored.
    for_new: bool = False
    max_length: int | None = None
    vocabulary: Vocabulary | None = None
    low: float | None = None
    high: float | None = None
    references: str | None = None
    synonyms: tuple[str, ...] = ()
    #: What a new row gets when the file has no value for it.
    default: object = None
    #: Welsh headers among the synonyms ("Enw'r gwasanaeth"): alone they feed this field; beside
    #: an English header for it they feed its Welsh partner (name_en -> name_cy).
    welsh_forms: tuple[str, ...] = ()

    @property
    def welsh_partner(self) -> str | None:
        """The field that holds this one's Welsh text (name_cy for name_en), if any."""
        return f"{self.name[:-3]}_cy" if self.welsh_forms and self.name.endswith("_en") else None

    @property
    def label(self) -> str:
        return self.cy if is_welsh() else self.en


@dataclass(frozen=True)
class Entity:
    name: str
    en: str
    cy: str
    table: str
    fields: tuple[Field, ...]
    key: tuple[str, ...]
    synonyms: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.cy if is_welsh() else self.en

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        for item in self.fields:
            if item.name == name:
                return item
        raise KeyError(name)


def _service(required: bool = True) -> Field:
    return Field(
        "service",
        "Service code",
        "Cod y gwasanaeth",
        Kind.REFERENCE,
        required=required,
        references="services",
        synonyms=("service", "service id", "service code", "gwasanaeth", "cod gwasanaeth"),
    )


def _note() -> Field:
    return Field(
        "note",
        "Note",
        "Nodyn",
        Kind.LONG_TEXT,
        max_length=2000,
        synonyms=("notes", "comment", "comments", "nodiadau", "sylw", "sylwadau"),
    )


def _code(en: str, cy: str, length: int, synonyms: tuple[str, ...]) -> Field:
    """The code that names a row of organisations, themes or services."""
    return Field("code", en, cy, Kind.KEY, required=True, max_length=length, synonyms=synonyms)


def _english_name(length: int, synonyms: tuple[str, ...], welsh: tuple[str, ...]) -> Field:
    return Field(
        "name_en",
        "Name in English",
        "Enw yn Saesneg",
        Kind.TEXT,
        for_new=True,
        max_length=length,
        synonyms=(*synonyms, *welsh),
        welsh_forms=welsh,
    )


def _welsh_name(length: int) -> Field:
    return Field(
        "name_cy",
        "Name in Welsh",
        "Enw yn Gymraeg",
        Kind.TEXT,
        max_length=length,
        synonyms=("welsh name", "name (welsh)", "name cy", "enw cymraeg", "enw (cymraeg)"),
    )


def _english_description(length: int, synonyms: tuple[str, ...], welsh: tuple[str, ...]) -> Field:
    return Field(
        "description_en",
        "Description in English",
        "Disgrifiad yn Saesneg",
        Kind.LONG_TEXT,
        max_length=length,
        default="",
        synonyms=(*synonyms, *welsh),
        welsh_forms=welsh,
    )


def _welsh_description(length: int) -> Field:
    return Field(
        "description_cy",
        "Description in Welsh",
        "Disgrifiad yn Gymraeg",
        Kind.LONG_TEXT,
        max_length=length,
        synonyms=("welsh description", "disgrifiad cymraeg"),
    )


def _level(for_new: bool) -> Field:
    return Field(
        "digitisation_level",
        "Digitisation level",
        "Lefel digideiddio",
        Kind.INTEGER,
        for_new=for_new,
        vocabulary=v.DIGITISATION,
        low=0,
        high=4,
        synonyms=(
            "level",
            "digital level",
            "digitization level",
            "digitisation",
            "lefel",
            "lefel ddigidol",
        ),
    )


ORGANISATIONS = Entity(
    "organisations",
    "Organisations",
    "Sefydliadau",
    "organisation",
    (
        _code(
            "Organisation code",
            "Cod y sefydliad",
            80,
            ("org code", "organisation id", "org id", "id", "code", "cod sefydliad"),
        ),
        _english_name(
            200,
            ("name", "organisation", "organisation name", "english name"),
            ("enw", "enw'r sefydliad", "enw sefydliad"),
        ),
        _welsh_name(200),
        Field(
            "abbreviation",
            "Abbreviation",
            "Talfyriad",
            Kind.TEXT,
            max_length=20,
            synonyms=("abbr", "acronym", "short name", "byrfodd", "enw byr"),
        ),
        Field(
            "sector",
            "Sector",
            "Sector",
            Kind.CHOICE,
            for_new=True,
            vocabulary=v.SECTOR,
            synonyms=("sector name", "part of the public sector"),
        ),
        Field(
            "org_type",
            "Type of organisation",
            "Math o sefydliad",
            Kind.CHOICE,
            for_new=True,
            vocabulary=v.ORGANISATION_TYPE,
            synonyms=("type", "organisation type", "org type", "kind of body", "math o gorff"),
        ),
    ),
    key=("code",),
    synonyms=("organisation", "orgs", "bodies", "public bodies", "sefydliadau"),
)

THEMES = Entity(
    "themes",
    "Challenge and opportunity themes",
    "Themâu heriau a chyfleoedd",
    "theme",
    (
        _code("Theme code", "Cod y thema", 80, ("theme id", "code", "cod thema")),
        Field(
            "kind",
            "Challenge or opportunity",
            "Her neu gyfle",
            Kind.CHOICE,
            for_new=True,
            vocabulary=v.THEME_KIND,
            synonyms=("kind", "type", "theme type", "math"),
        ),
        Field(
            "category",
            "Category",
            "Categori",
            Kind.CHOICE,
            for_new=True,
            vocabulary=v.THEME_CATEGORY,
            synonyms=("group", "theme group", "grŵp"),
        ),
        _english_name(200, ("name", "theme", "theme name"), ("enw", "thema", "enw'r thema")),
        _welsh_name(200),
        _english_description(2000, ("description",), ("disgrifiad",)),
        _welsh_description(2000),
        Field(
            "standards",
            "Digital Service Standards",
            "Safonau Gwasanaeth Digidol",
            Kind.CHOICES,
            vocabulary=v.STANDARD,
            synonyms=("standards", "standard numbers", "safonau"),
        ),
        Field(
            "oecd_dimensions",
            "OECD dimensions",
            "Dimensiynau'r OECD",
            Kind.CHOICES,
            vocabulary=v.OECD,
            synonyms=("oecd", "oecd dimension", "dimensiynau oecd"),
        ),
    ),
    key=("code",),
    synonyms=("theme", "challenges and opportunities", "themâu"),
)

SERVICES = Entity(
    "services",
    "Services",
    "Gwasanaethau",
    "service",
    (
        _code(
            "Service code",
            "Cod y gwasanaeth",
            120,
            (
                "service id",
                "id",
                "code",
                "service reference",
                "service ref",
                "service number",
                "cod gwasanaeth",
                "cyfeirnod y gwasanaeth",
                "rhif y gwasanaeth",
            ),
        ),
        Field(
            "organisation",
            "Organisation",
            "Sefydliad",
            Kind.REFERENCE,
            for_new=True,
            references="organisations",
            synonyms=(
                "organisation code",
                "org",
                "org code",
                "body",
                "public body",
                "provider",
                "owner organisation",
                "owner org",
                "owner",
                "department",
                "body agency",
                "agency",
                "organisation name",
                "name of organisation",
                "cod sefydliad",
                "sefydliad",
                "enw'r sefydliad",
                "adran",
                "corff",
                "asiantaeth",
            ),
        ),
        _english_name(
            300,
            (
                "name",
                "service",
                "service name",
                "name of service",
                "name of the service",
                "service title",
                "english name",
            ),
            ("enw", "gwasanaeth", "enw'r gwasanaeth", "enw gwasanaeth"),
        ),
        _welsh_name(300),
        _english_description(
            4000,
            (
                "description",
                "summary",
                "description of service",
                "description of the service",
                "service description",
            ),
            ("disgrifiad", "crynodeb", "disgrifiad o'r gwasanaeth", "disgrifiad gwasanaeth"),
        ),
        _welsh_description(4000),
        Field(
            "user_need",
            "User need",
            "Angen y defnyddiwr",
            Kind.LONG_TEXT,
            max_length=1000,
            synonyms=("need", "user needs", "angen defnyddiwr", "anghenion defnyddwyr"),
        ),
        Field(
            "service_area",
            "Service area",
            "Maes gwasanaeth",
            Kind.TEXT,
            for_new=True,
            max_length=60,
            synonyms=("area", "function", "maes"),
        ),
        Field(
            "service_type",
            "Service type",
            "Math o wasanaeth",
            Kind.CHOICE,
            vocabulary=v.SERVICE_TYPE,
            synonyms=(
                "type of service",
                "service type code",
                "common service",
                "lgsl",
                "lgsl code",
                "lgsl number",
                "lgsl service",
                "local government service list",
                "math y gwasanaeth",
                "cod lgsl",
            ),
        ),
        Field(
            "stage",
            "Stage",
            "Cam",
            Kind.CHOICE,
            for_new=True,
            vocabulary=v.STAGE,
            synonyms=("service stage", "lifecycle stage", "cyfnod"),
        ),
        Field(
            "contracting_type",
            "Contracting type",
            "Math o gontractio",
            Kind.CHOICE,
            for_new=True,
            vocabulary=v.CONTRACTING,
            synonyms=("contracting", "delivery model", "sourcing", "contractio"),
        ),
        _level(for_new=True),
        Field(
            "welsh_provision",
            "Welsh language provision",
            "Darpariaeth Gymraeg",
            Kind.CHOICE,
            for_new=True,
            vocabulary=v.WELSH,
            synonyms=("welsh", "welsh language", "in welsh", "bilingual", "cymraeg"),
        ),
        Field(
            "is_deep_dive",
            "Deep dive",
            "Archwiliad manwl",
            Kind.BOOLEAN,
            default=False,
            synonyms=("deep dive service", "deep-dive", "in the deep dives", "plymio dwfn"),
        ),
        Field(
            "user_types",
            "User types",
            "Mathau o ddefnyddwyr",
            Kind.CHOICES,
            vocabulary=v.USER_TYPE,
            synonyms=(
                "users",
                "who uses it",
                "user groups",
                "customer type",
                "customer types",
                "customers",
                "audience",
                "defnyddwyr",
                "math o gwsmer",
                "mathau o gwsmeriaid",
                "math o ddefnyddiwr",
            ),
        ),
        Field(
            "channels",
            "Channels",
            "Sianeli",
            Kind.CHOICES,
            vocabulary=v.CHANNEL,
            synonyms=(
                "channel",
                "access channels",
                "service channels",
                "delivery channels",
                "how people use it",
                "sianel",
                "sianeli mynediad",
            ),
        ),
        Field(
            "notes",
            "Notes",
            "Nodiadau",
            Kind.LONG_TEXT,
            max_length=4000,
            synonyms=("note", "service notes", "comments", "nodyn", "sylwadau"),
        ),
    ),
    key=("code",),
    synonyms=("service", "catalogue", "service catalogue", "catalog", "gwasanaethau"),
)

JOURNEYS = Entity(
    "journeys",
    "Journeys",
    "Teithiau",
    "journey",
    (
        _service(),
        Field(
            "position",
            "Position",
            "Safle",
            Kind.INTEGER,
            required=True,
            low=0,
            high=100_000,
            synonyms=("order", "number", "journey number", "step", "rhif", "trefn"),
        ),
        _english_name(300, ("name", "journey", "journey name"), ("enw", "taith", "enw'r daith")),
        _welsh_name(300),
        _level(for_new=False),
    ),
    key=("service", "position"),
    synonyms=("journey", "user journeys", "teithiau"),
)

METRIC_ANSWERS = Entity(
    "metric_answers",
    "Metric answers",
    "Atebion metrigau",
    "metric_answer",
    (
        _service(),
        Field(
            "metric",
            "Metric",
            "Metrig",
            Kind.CHOICE,
            required=True,
            vocabulary=v.METRIC,
            synonyms=("measure", "indicator", "kpi", "mesur", "dangosydd"),
        ),
        Field(
            "value",
            "Value",
            "Gwerth",
            Kind.NUMBER,
            low=0,
            synonyms=("figure", "amount", "number", "result", "gwerth", "ffigur"),
        ),
        Field(
            "availability",
            "Availability",
            "Argaeledd",
            Kind.CHOICE,
            vocabulary=v.AVAILABILITY_VOCABULARY,
            synonyms=("available", "data availability", "status", "ar gael"),
        ),
        Field(
            "reason",
            "Why it is not available",
            "Pam nad yw ar gael",
            Kind.CHOICE,
            vocabulary=v.REASON,
            synonyms=("reason", "why missing", "why not available", "rheswm"),
        ),
        Field(
            "period",
            "Period",
            "Cyfnod",
            Kind.TEXT,
            max_length=60,
            synonyms=("year", "financial year", "reporting period", "blwyddyn"),
            default="",  # no period: an undated answer
        ),
        Field(
            "period_months",
            "Months in the period",
            "Misoedd yn y cyfnod",
            Kind.INTEGER,
            low=1,
            high=120,
            synonyms=("period months", "months", "period length", "misoedd"),
        ),
        Field(
            "source",
            "Source",
            "Ffynhonnell",
            Kind.CHOICE,
            vocabulary=v.SOURCE,
            default="import",
            synonyms=("data source", "where from"),
        ),
        _note(),
    ),
    key=("service", "metric", "period"),
    synonyms=("metrics", "metric", "figures", "kpis", "metrigau"),
)

SERVICE_THEMES = Entity(
    "service_themes",
    "Challenges and aims of services",
    "Heriau a nodau gwasanaethau",
    "service_theme",
    (
        _service(),
        Field(
            "theme",
            "Theme",
            "Thema",
            Kind.REFERENCE,
            required=True,
            references="themes",
            synonyms=("theme code", "challenge", "opportunity", "aim", "cod thema", "her"),
        ),
        Field(
            "severity",
            "Severity",
            "Difrifoldeb",
            Kind.INTEGER,
            vocabulary=v.SEVERITY,
            low=1,
            high=3,
            synonyms=("priority", "importance", "how severe", "blaenoriaeth", "pwysigrwydd"),
        ),
        _note(),
    ),
    key=("service", "theme"),
    synonyms=("challenges", "aims", "service challenges", "heriau"),
)

STANDARD_ASSESSMENTS = Entity(
    "standard_assessments",
    "Standards self-assessment",
    "Hunanasesiad yn erbyn y safonau",
    "standard_assessment",
    (
        _service(),
        Field(
            "standard",
            "Standard",
            "Safon",
            Kind.INTEGER,
            required=True,
            vocabulary=v.STANDARD,
            low=1,
            high=12,
            synonyms=("standard number", "digital service standard", "rhif safon"),
        ),
        Field(
            "rating",
            "Rating",
            "Sgôr",
            Kind.CHOICE,
            required=True,
            vocabulary=v.RATING,
            synonyms=("assessment", "self assessment", "result", "asesiad", "sgor"),
        ),
        _note(),
    ),
    key=("service", "standard"),
    synonyms=("standards", "assessments", "self assessment", "safonau"),
)

_INSTRUMENT = Field(
    "instrument",
    "Survey",
    "Arolwg",
    Kind.CHOICE,
    required=True,
    vocabulary=v.INSTRUMENT,
    synonyms=("instrument", "questionnaire", "survey name", "holiadur"),
)

SURVEY_RESPONSES = Entity(
    "survey_responses",
    "Survey responses",
    "Ymatebion i arolygon",
    "survey_response",
    (
        _service(),
        _INSTRUMENT,
        Field(
            "status",
            "Status",
            "Statws",
            Kind.CHOICE,
            vocabulary=v.SURVEY_STATUS,
            default="draft",
            synonyms=("state", "response status", "statws"),
        ),
        Field(
            "submitted_at",
            "Submitted on",
            "Cyflwynwyd ar",
            Kind.DATE,
            synonyms=("submitted", "date submitted", "submission date", "dyddiad cyflwyno"),
        ),
    ),
    key=("service", "instrument"),
    synonyms=("responses", "surveys", "ymatebion"),
)

SURVEY_ANSWERS = Entity(
    "survey_answers",
    "Survey answers",
    "Atebion arolygon",
    "survey_answer",
    (
        _service(),
        _INSTRUMENT,
        Field(
            "question",
            "Question code",
            "Cod y cwestiwn",
            Kind.KEY,
            required=True,
            max_length=80,
            synonyms=("question", "question id", "cwestiwn", "cod cwestiwn"),
        ),
        Field(
            "answer",
            "Answer",
            "Ateb",
            Kind.ANSWER,
            synonyms=("response", "value", "ateb", "ymateb"),
        ),
    ),
    key=("service", "instrument", "question"),
    synonyms=("answers", "survey results", "results", "atebion"),
)

#: In the order they are written: every entity comes after the ones it refers to.
ENTITIES: tuple[Entity, ...] = (
    ORGANISATIONS,
    THEMES,
    SERVICES,
    JOURNEYS,
    METRIC_ANSWERS,
    SERVICE_THEMES,
    STANDARD_ASSESSMENTS,
    SURVEY_RESPONSES,
    SURVEY_ANSWERS,
)
BY_NAME = {entity.name: entity for entity in ENTITIES}


def entity(name: str) -> Entity:
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(f"no entity {name!r}; choose one of {', '.join(BY_NAME)}") from None
