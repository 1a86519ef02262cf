"""Property: whatever the database holds (generated themes too), its full export (zip of CSVs or
one workbook) imports
into an empty database as exactly the same data, and back into itself as no change at all."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import FromClause, Table, delete, insert, select
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel

from dashboard.importing import export, pipeline
from dashboard.importing.reading import read_upload
from db import migrate
from db.demo.write import clear_catalogue
from db.engine import make_engine, write_session
from db.models import (
    Journey,
    MetricAnswer,
    OecdDimension,
    Organisation,
    Service,
    ServiceChannel,
    ServiceTheme,
    ServiceUserType,
    StandardAssessment,
    SurveyAnswer,
    SurveyInstrument,
    SurveyQuestion,
    SurveyResponse,
    Theme,
    ThemeOecd,
    ThemeStandard,
)
from db.periods import period_months
from db.reference.frameworks import OECD_DIMENSIONS, THEMES
from db.reference.load import load_reference
from db.reference.service_types import SERVICE_TYPE_TERMS
from db.vocabulary import (
    ASSESSMENT_RATINGS,
    CHANNELS,
    CONTRACTING_TYPES,
    METRICS,
    ORGANISATION_TYPES,
    SECTORS,
    STAGES,
    THEME_CATEGORIES,
    THEME_KINDS,
    UNAVAILABLE_REASONS,
    USER_TYPES,
    WELSH_PROVISION,
    codes,
)
from tests.conftest import scratch_database

# Letters a spreadsheet or CSV gets wrong: Welsh, quotes, separators, formula triggers.
ALPHABET = "abcwyŵŷŴŶâêôéAB01 ,;|\"'=+-@#%£&"
NOW = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)
OECD_CODES = [d.code for d in OECD_DIMENSIONS]


def one_line(max_size: int) -> st.SearchStrategy[str]:
    return (
        st.text(ALPHABET, min_size=1, max_size=max_size)
        .map(lambda s: " ".join(s.split()))
        .filter(bool)
    )


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


codes_ = st.from_regex(r"[a-z][a-z0-9\-]{0,12}", fullmatch=True)
long_text = st.text(ALPHABET + "\n", max_size=60).map(str.strip)


@st.composite
def metric(draw: st.DrawFn) -> dict[str, Any]:
    code = draw(st.sampled_from([m.code for m in METRICS]))
    unit = next(m.unit for m in METRICS if m.code == code)
    availability = draw(
        st.sampled_from(
            ["provided", "estimated", "not_available", "not_collected", "not_applicable"]
        )
    )
    value = None
    if availability in ("provided", "estimated"):
        if unit == "count":
            value = float(draw(st.integers(0, 10**9)))
        elif unit == "percent":
            value = draw(st.floats(0, 100, allow_nan=False))
        else:
            value = draw(st.floats(0, 1e6, allow_nan=False, allow_infinity=False))
    reason = (
        draw(st.sampled_from(codes(UNAVAILABLE_REASONS)))
        if availability == "not_available"
        else None
    )
    period = draw(maybe(one_line(9))) or ""  # "" is undated
    return {
        "metric": code,
        "value": value,
        "availability": availability,
        "reason": reason,
        "period": period,
        # as the import reads it from the label when a file gives none
        "period_months": period_months(period),
        "source": draw(st.sampled_from(["catalogue", "survey", "import"])),
        "note": draw(maybe(long_text.filter(bool))),
    }


@st.composite
def catalogue(draw: st.DrawFn) -> dict[str, Any]:
    orgs = draw(st.lists(codes_, min_size=1, max_size=3, unique=True))
    services = draw(st.lists(codes_.map(lambda c: "s-" + c), min_size=1, max_size=4, unique=True))
    new_themes = draw(st.lists(codes_.map(lambda c: "t-" + c), max_size=3, unique=True))
    theme_codes = [th.code for th in THEMES] + new_themes
    return {
        "themes": [
            {
                "code": code,
                "kind": draw(st.sampled_from(codes(THEME_KINDS))),
                "category": draw(st.sampled_from(codes(THEME_CATEGORIES))),
                "name_en": draw(one_line(30)),
                "name_cy": draw(maybe(one_line(30))),
                "description_en": draw(long_text),
                "description_cy": draw(maybe(long_text.filter(bool))),
                "standards": draw(st.sets(st.integers(1, 12), max_size=3)),
                "oecd": draw(st.sets(st.sampled_from(OECD_CODES), max_size=2)),
            }
            for code in new_themes
        ],
        "organisations": [
            {
                "code": code,
                "name_en": draw(one_line(30)),
                "name_cy": draw(maybe(one_line(30))),
                "abbreviation": draw(maybe(one_line(8))),
                "sector": draw(st.sampled_from(codes(SECTORS))),
                "org_type": draw(st.sampled_from(codes(ORGANISATION_TYPES))),
            }
            for code in orgs
        ],
        "services": [
            {
                "code": code,
                "organisation": draw(st.sampled_from(orgs)),
                "name_en": draw(one_line(30)),
                "name_cy": draw(maybe(one_line(30))),
                "description_en": draw(long_text),
                "description_cy": draw(maybe(long_text.filter(bool))),
                "user_need": draw(maybe(long_text.filter(bool))),
                "service_area": draw(one_line(20)),
                "service_type": draw(maybe(st.sampled_from(codes(SERVICE_TYPE_TERMS)))),
                "stage": draw(st.sampled_from(codes(STAGES))),
                "contracting_type": draw(st.sampled_from(codes(CONTRACTING_TYPES))),
                "digitisation_level": draw(st.integers(0, 4)),
                "welsh_provision": draw(st.sampled_from(codes(WELSH_PROVISION))),
                "is_deep_dive": draw(st.booleans()),
                "user_types": draw(st.sets(st.sampled_from(codes(USER_TYPES)), max_size=3)),
                "channels": draw(st.sets(st.sampled_from(codes(CHANNELS)), max_size=3)),
                "metrics": draw(st.lists(metric(), max_size=3, unique_by=lambda m: m["metric"])),
                "journeys": draw(st.lists(maybe(st.integers(0, 4)), max_size=3)),
                "journey_names": draw(st.lists(one_line(20), min_size=3, max_size=3)),
                "themes": draw(
                    st.dictionaries(
                        st.sampled_from(theme_codes),
                        st.tuples(maybe(st.integers(1, 3)), maybe(one_line(20))),
                        max_size=3,
                    )
                ),
                "ratings": draw(
                    st.dictionaries(
                        st.integers(1, 12),
                        st.tuples(st.sampled_from(codes(ASSESSMENT_RATINGS)), maybe(one_line(20))),
                        max_size=3,
                    )
                ),
                "survey": draw(
                    maybe(
                        st.fixed_dictionaries(
                            {
                                "status": st.sampled_from(["draft", "submitted"]),
                                "service_name": maybe(one_line(30)),
                                "channels": maybe(
                                    st.lists(
                                        st.sampled_from(codes(CHANNELS)),
                                        min_size=1,
                                        max_size=3,
                                        unique=True,
                                    )
                                ),
                                "users_per_year": maybe(st.integers(0, 10**6).map(float)),
                            }
                        )
                    )
                ),
            }
            for code in services
        ],
    }


def write(engine: Engine, data: dict[str, Any]) -> None:
    """Put the drawn catalogue in the store directly (not through the importer)."""
    with write_session(engine) as session:
        load_reference(session)
        connection = session.connection()
        clear_catalogue(connection)
        connection.execute(delete(SurveyAnswer.__table__))
        drop_generated_themes(connection)
        dimensions = dict(connection.execute(select(OecdDimension.code, OecdDimension.id)).all())
        for theme in data["themes"]:
            row = {k: v for k, v in theme.items() if k in Theme.__table__.c}
            theme_id = connection.execute(insert(Theme).values(**row)).inserted_primary_key[0]
            for number in theme["standards"]:
                connection.execute(
                    insert(ThemeStandard).values(theme_id=theme_id, standard_id=number)
                )
            for code in theme["oecd"]:
                connection.execute(
                    insert(ThemeOecd).values(theme_id=theme_id, dimension_id=dimensions[code])
                )
        org_ids = {}
        for org in data["organisations"]:
            result = connection.execute(insert(Organisation).values(**org))
            org_ids[org["code"]] = result.inserted_primary_key[0]
        themes = dict(connection.execute(select(Theme.code, Theme.id)).all())
        instrument = connection.execute(
            select(SurveyInstrument.id).where(SurveyInstrument.code == "generalist")
        ).scalar_one()
        questions = dict(
            connection.execute(
                select(SurveyQuestion.code, SurveyQuestion.id).where(
                    SurveyQuestion.code.in_(["service_name", "channels", "users_per_year"])  # type: ignore[attr-defined]
                )
            ).all()
        )
        for service in data["services"]:
            row = {k: v for k, v in service.items() if k in Service.__table__.c}
            row["organisation_id"] = org_ids[service["organisation"]]
            sid = connection.execute(
                insert(Service).values(**row, created_at=NOW, updated_at=NOW)
            ).inserted_primary_key[0]
            for user_type in service["user_types"]:
                connection.execute(
                    insert(ServiceUserType).values(service_id=sid, user_type=user_type)
                )
            for channel in service["channels"]:
                connection.execute(insert(ServiceChannel).values(service_id=sid, channel=channel))
            for item in service["metrics"]:
                connection.execute(
                    insert(MetricAnswer).values(service_id=sid, updated_at=NOW, **item)
                )
            for position, level in enumerate(service["journeys"], start=1):
                connection.execute(
                    insert(Journey).values(
                        service_id=sid,
                        position=position,
                        name_en=service["journey_names"][position - 1],
                        digitisation_level=level,
                    )
                )
            for theme, (severity, note) in service["themes"].items():
                connection.execute(
                    insert(ServiceTheme).values(
                        service_id=sid, theme_id=themes[theme], severity=severity, note=note
                    )
                )
            for standard, (rating, note) in service["ratings"].items():
                connection.execute(
                    insert(StandardAssessment).values(
                        service_id=sid, standard_id=standard, rating=rating, note=note
                    )
                )
            survey = service["survey"]
            if survey:
                rid = connection.execute(
                    insert(SurveyResponse).values(
                        service_id=sid,
                        instrument_id=instrument,
                        status=survey["status"],
                        submitted_at=NOW if survey["status"] == "submitted" else None,
                        created_at=NOW,
                        updated_at=NOW,
                    )
                ).inserted_primary_key[0]
                answers = {
                    "service_name": survey["service_name"],
                    "channels": survey["channels"],
                    "users_per_year": None
                    if survey["users_per_year"] is None
                    else {
                        "value": survey["users_per_year"],
                        "availability": "provided",
                        "reason": None,
                        "period": None,
                    },
                }
                for code, value in answers.items():
                    if value is not None:
                        connection.execute(
                            insert(SurveyAnswer).values(
                                response_id=rid,
                                question_id=questions[code],
                                value=value,
                                updated_at=NOW,
                            )
                        )


def drop_generated_themes(connection: Connection) -> None:
    """Themes other than the reference ones (the catalogue is cleared first)."""
    generated = select(Theme.id).where(Theme.code.not_in([th.code for th in THEMES]))  # type: ignore[attr-defined]
    for link in (ThemeStandard, ThemeOecd):
        connection.execute(delete(link).where(link.theme_id.in_(generated)))  # type: ignore[attr-defined]
    connection.execute(delete(Theme).where(Theme.id.in_(generated)))  # type: ignore[union-attr]


def empty(engine: Engine) -> None:
    with write_session(engine) as session:
        load_reference(session)
        connection = session.connection()
        clear_catalogue(connection)
        drop_generated_themes(connection)


def _two_stores(urls: list[str]) -> Iterator[tuple[Engine, Engine]]:
    engines = []
    for url in urls:
        migrate.upgrade(url)
        engines.append(make_engine(url))
    yield engines[0], engines[1]
    for engine in engines:
        engine.dispose()


@pytest.fixture(scope="module")
def sqlite_stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, Engine]]:
    folder = tmp_path_factory.mktemp("roundtrip")
    yield from _two_stores([f"sqlite:///{folder / name}.sqlite3" for name in ("source", "target")])


@pytest.fixture(scope="module")
def postgres_stores(postgres_server_url: str) -> Iterator[tuple[Engine, Engine]]:
    with (
        scratch_database(postgres_server_url, "landscape_test") as source,
        scratch_database(postgres_server_url, "landscape_test") as target,
    ):
        yield from _two_stores([source, target])


def _frames(engine: Engine) -> dict[str, list]:
    return {k: v.astype(str).values.tolist() for k, v in export.tables(engine).items()}


def _moment(value: Any) -> Any:
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
    return value


#: Every table an export holds.
EXPORTED = (
    "organisation",
    "theme",
    "theme_standard",
    "theme_oecd",
    "service",
    "service_user_type",
    "service_channel",
    "journey",
    "metric_answer",
    "service_theme",
    "standard_assessment",
    "survey_response",
    "survey_answer",
)
#: What an export leaves out: database ids, edit times and editors, a response's save counter.
BOOKKEEPING = {"id", "created_at", "updated_at", "updated_by", "version"}


def _has_a_name(table: Table) -> bool:
    """Whether a row of the table is named by more than its id: by its code, or by the rows it
    refers to (a survey response: its service and survey). A standard's id is its number."""
    return "code" in table.c or any(column.foreign_keys for column in table.c)


def _naming(
    table: FromClause, model: Table, joins: list[tuple[FromClause, Any]], *, whole: bool = True
) -> list[Any]:
    """The columns that say what each row of `table` (an alias of `model`) holds: all of them
    but bookkeeping (only its references, unless `whole`), each reference to another row
    replaced by that row's code or, for a row without one, by what names it in turn."""
    columns: list[Any] = []
    for column in model.columns:
        if column.name in BOOKKEEPING or not (whole or column.foreign_keys):
            continue
        reference = next(iter(column.foreign_keys), None)
        referred = SQLModel.metadata.tables[reference.column.table.name] if reference else None
        if reference is None or referred is None or not _has_a_name(referred):
            columns.append(table.c[column.name])
            continue
        alias = referred.alias()
        joins.append((alias, alias.c[reference.column.name] == table.c[column.name]))
        if "code" in referred.c:
            columns.append(alias.c.code)
        else:
            columns.extend(_naming(alias, referred, joins, whole=False))
    return columns


def stored(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table an export holds, read straight from the database (not through
    the exporter): every column but bookkeeping, the rows it refers to named by their codes
    instead of database ids."""
    queries = {}
    for name in EXPORTED:
        model = SQLModel.metadata.tables[name]
        joins: list[tuple[FromClause, Any]] = []
        query = select(*_naming(model, model, joins)).select_from(model)
        for alias, on in joins:
            query = query.join(alias, on)
        queries[name] = query
    with engine.connect() as connection:
        return {
            name: sorted(
                (tuple(_moment(v) for v in row) for row in connection.execute(query)), key=repr
            )
            for name, query in queries.items()
        }


def _import(engine: Engine, name: str, data: bytes):  # type: ignore[no-untyped-def]
    job = pipeline.prepare(read_upload(name, data))
    checked = pipeline.check(engine, job)
    errors = [p for c in checked for p in c.errors]
    assert not errors, errors[:3]
    return pipeline.run(engine, job, checked, "round trip")


def round_trip(source: Engine, target: Engine, data: dict[str, Any]) -> None:
    """Export the source as a zip and as a workbook; each imported into an empty store gives
    the same tables, and imported back into the source changes nothing."""
    write(source, data)
    expected = _frames(source)
    expected_rows = stored(source)
    generated = {theme["code"] for theme in data["themes"]}
    assert generated <= {row[0] for row in expected_rows["theme"]}
    for name, builder in (
        ("everything.zip", export.to_zip),
        ("everything.xlsx", export.to_workbook),
    ):
        exported = builder(source)
        empty(target)
        _import(target, name, exported)
        assert stored(target) == expected_rows, name
        assert _frames(target) == expected, name
        again = _import(source, name, exported)  # into the database it came from: no change
        assert (again.total.added, again.total.updated) == (0, 0), name
        assert stored(source) == expected_rows, name


EXAMPLE_SETTINGS = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}


@settings(max_examples=8, **EXAMPLE_SETTINGS)
@given(data=catalogue())
def test_export_then_import_reproduces_the_database_exactly(
    sqlite_stores: tuple[Engine, Engine], data: dict[str, Any]
) -> None:
    round_trip(*sqlite_stores, data)


@settings(max_examples=3, **EXAMPLE_SETTINGS)
@given(data=catalogue())
def test_export_then_import_reproduces_the_database_exactly_on_postgresql(
    postgres_stores: tuple[Engine, Engine], data: dict[str, Any]
) -> None:
    round_trip(*postgres_stores, data)
