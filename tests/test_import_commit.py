"""Writing an import: one transaction, idempotent, updates in place, only the valid rows when
asked, logged; rolled back whole when anything fails part way; on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from dashboard.importing import commit as committing
from dashboard.importing import export, history, pipeline
from dashboard.importing.problems import ImportFailure
from dashboard.importing.reading import read_path, read_upload
from db import migrate
from db.demo.build import load_demo
from db.engine import make_engine
from tests.conftest import scratch_database, sqlite_url
from tests.import_files import (
    docx_bytes,
    organisations_csv,
    snapshot,
    sparse_file,
    workbook,
)


@pytest.fixture
def demo_store(store: Engine) -> Engine:
    load_demo(store)
    return store


def _import(engine: Engine, name: str, data: bytes, entity: str | None = None, **options):  # type: ignore[no-untyped-def]
    job = pipeline.prepare(read_upload(name, data), entity=entity)
    checked = pipeline.check(engine, job)
    return pipeline.run(engine, job, checked, "Test steward", **options)


def _scalar(engine: Engine, sql: str, **params: object) -> object:
    with engine.connect() as connection:
        return connection.execute(text(sql), params).scalar()


def _services_csv(engine: Engine, rows: int = 3, level: int = 2) -> bytes:
    org = _scalar(engine, "SELECT code FROM organisation ORDER BY code LIMIT 1")
    lines = [
        "code,name_en,name_cy,organisation,service_area,stage,contracting_type,"
        "digitisation_level,welsh_provision,channels,user_types"
    ]
    for i in range(rows):
        lines.append(
            f"imp-{i},Imported {i},Wedi'i fewnforio ŵ {i},{org},waste,Long running,In house,"
            f"{level},Bilingual,Online; Phone,Citizens"
        )
    return ("\r\n".join(lines) + "\r\n").encode()


def test_an_import_adds_then_the_same_file_changes_nothing(demo_store: Engine) -> None:
    data = _services_csv(demo_store)
    before = _scalar(demo_store, "SELECT data_version FROM dataset WHERE id = 1")
    first = _import(demo_store, "services.csv", data)
    assert first.total.added == 3 and first.total.updated == 0
    assert _scalar(demo_store, "SELECT data_version FROM dataset WHERE id = 1") == before + 1
    name = _scalar(demo_store, "SELECT name_cy FROM service WHERE code = 'imp-1'")
    assert name == "Wedi'i fewnforio ŵ 1"
    channels = _scalar(
        demo_store,
        "SELECT COUNT(*) FROM service_channel c JOIN service s ON s.id = c.service_id "
        "WHERE s.code = 'imp-1'",
    )
    assert channels == 2
    state = snapshot(demo_store)["frames"]
    again = _import(demo_store, "services.csv", data)
    assert (again.total.added, again.total.updated, again.total.unchanged) == (0, 0, 3)
    assert snapshot(demo_store)["frames"] == state


def test_a_changed_file_updates_in_place(demo_store: Engine) -> None:
    _import(demo_store, "services.csv", _services_csv(demo_store, level=2))
    ids = _scalar(demo_store, "SELECT SUM(id) FROM service WHERE code LIKE 'imp-%'")
    changed = _import(demo_store, "services.csv", _services_csv(demo_store, level=4))
    assert (changed.total.added, changed.total.updated) == (0, 3)
    assert _scalar(demo_store, "SELECT SUM(id) FROM service WHERE code LIKE 'imp-%'") == ids
    assert _scalar(demo_store, "SELECT digitisation_level FROM service WHERE code = 'imp-0'") == 4


def test_a_partial_file_updates_only_its_columns_and_lists_count_as_changes(
    demo_store: Engine,
) -> None:
    _import(demo_store, "services.csv", _services_csv(demo_store))
    before = _scalar(demo_store, "SELECT name_en FROM service WHERE code = 'imp-0'")
    outcome = _import(
        demo_store, "channels.csv", b"code,channels\r\nimp-0,Paper\r\nimp-1,Online; Phone\r\n"
    )
    assert (outcome.total.updated, outcome.total.unchanged) == (1, 1)
    assert _scalar(demo_store, "SELECT name_en FROM service WHERE code = 'imp-0'") == before
    assert (
        _scalar(
            demo_store,
            "SELECT channel FROM service_channel c JOIN service s ON s.id = c.service_id "
            "WHERE s.code = 'imp-0'",
        )
        == "paper"
    )


def test_nothing_is_written_while_errors_remain_unless_only_valid_rows_are_chosen(
    demo_store: Engine,
) -> None:
    data = organisations_csv(
        [
            "good-org,Good,Da,,Local authority,Principal council",
            "bad-org,Bad,,,Pigeon,Principal council",
        ]
    )
    before = snapshot(demo_store)
    with pytest.raises(ImportFailure) as failure:
        _import(demo_store, "orgs.csv", data)
    assert "1 problem" in failure.value.message or "One problem" in failure.value.message
    assert snapshot(demo_store) == before
    outcome = _import(demo_store, "orgs.csv", data, valid_only=True)
    assert (outcome.total.added, outcome.total.rejected) == (1, 1)
    assert _scalar(demo_store, "SELECT COUNT(*) FROM organisation WHERE code = 'bad-org'") == 0
    runs = history.runs(demo_store)
    assert runs.iloc[0]["Who"] == "Test steward" and runs.iloc[0]["Left out"] == 1
    assert runs.iloc[0]["Added"] == 1 and runs.iloc[0]["File"] == "orgs.csv"


class Boom(RuntimeError):
    pass


def test_a_failure_mid_write_rolls_everything_back(demo_store: Engine) -> None:
    """The full export of a changed catalogue is written table by table; a failure after the
    first tables are written leaves the database exactly as it was."""
    data = export.to_zip(demo_store)
    _scalar(demo_store, "SELECT 1")
    with demo_store.begin() as connection:  # change the store so the re-import has work to do
        connection.execute(text("DELETE FROM journey"))
        connection.execute(text("UPDATE organisation SET name_en = name_en || ' (old)'"))
    before = snapshot(demo_store)
    steps: list[str] = []

    def fail_after_two_tables(share: float, step: str) -> None:
        steps.append(step)
        if step == "journeys":
            raise Boom("injected failure while writing journeys")

    job = pipeline.prepare(read_upload("export.zip", data))
    checked = pipeline.check(demo_store, job)
    with pytest.raises(ImportFailure) as failure:
        pipeline.run(demo_store, job, checked, "Test", progress=fail_after_two_tables)
    assert "injected failure" in failure.value.message
    assert "organisations" in steps and "services" in steps  # those had been written
    assert snapshot(demo_store) == before
    logged = history.runs(demo_store).iloc[0]
    assert logged["Outcome"] == "Rolled back, nothing written"
    outcome = pipeline.run(demo_store, job, checked, "Test")
    assert outcome.tables["journeys"].added > 0
    assert outcome.tables["organisations"].updated > 0


def test_a_database_error_mid_write_rolls_back(demo_store: Engine, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    data = _services_csv(demo_store)
    before = snapshot(demo_store)
    original = committing._links

    def broken_links(connection, table, parent, child, wanted):  # type: ignore[no-untyped-def]
        original(connection, table, parent, child, wanted)
        connection.execute(
            text("INSERT INTO service_channel (service_id, channel) VALUES (-1, 'x')")
        )

    monkeypatch.setattr(committing, "_links", broken_links)
    with pytest.raises(ImportFailure) as failure:
        _import(demo_store, "services.csv", data)
    assert "nothing was written" in failure.value.message
    assert snapshot(demo_store) == before


# -- every bad input of the issue, on SQLite and on PostgreSQL ---------------------------------------


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def loaded_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """The demo data set in a store of each kind, loaded once for all the bad inputs: each test
    checks that it left the store exactly as it found it."""
    with ExitStack() as stack:
        if request.param == "sqlite":
            url = sqlite_url(tmp_path_factory.mktemp("bad-input") / "store.sqlite3")
        else:
            server = request.getfixturevalue("postgres_server_url")
            url = stack.enter_context(scratch_database(server, "landscape_test"))
        migrate.upgrade(url)
        engine = make_engine(url)
        stack.callback(engine.dispose)
        load_demo(engine)
        yield engine


GOOD_ORG = "ok-body,Good body,Corff da ŵ,,Local authority,Principal council"


def _free_services(engine: Engine, count: int) -> list[str]:
    with engine.connect() as connection:
        return list(
            connection.execute(
                text(
                    "SELECT code FROM service WHERE id NOT IN (SELECT service_id FROM "
                    "survey_response) ORDER BY code LIMIT :n"
                ),
                {"n": count},
            ).scalars()
        )


def _dates(engine: Engine) -> bytes:
    """Three services' submission dates in the three formats the import reads, and a fourth in
    the US order it refuses."""
    rows = zip(
        _free_services(engine, 4),
        ["2024-03-15", "15/03/2024", "15 March 2024", "03/15/2024"],
        strict=True,
    )
    lines = ["service,instrument,status,submitted_at"]
    lines += [f"{code},technology,submitted,{when}" for code, when in rows]
    return ("\r\n".join(lines) + "\r\n").encode()


def _words_for_numbers(engine: Engine) -> bytes:
    """One figure as people write it, then "n/a", "unknown" and "-" where a number belongs."""
    service = _free_services(engine, 1)[0]
    return (
        "service,metric,value,availability\r\n"
        f'{service},users_per_year,"1,250",provided\r\n'
        f"{service},transactions_per_year,n/a,provided\r\n"
        f"{service},digital_take_up,unknown,provided\r\n"
        f"{service},completion_rate,-,provided\r\n"
    ).encode()


# Each bad file holds a row that could be written on its own, so an import that wrote "what it
# could" would change the store. Each case: [(file name, the file, words the messages must say)]
Files = list[tuple[str, bytes, str]]
BAD_INPUTS: dict[str, Callable[[Engine], Files]] = {
    "empty": lambda _e: [
        ("empty.csv", b"", "is empty"),
        ("empty.csv", b"\xef\xbb\xbf\r\n\r\n", "is empty"),  # a byte-order mark and blank lines
    ],
    "another-type-renamed-to-csv": lambda _e: [
        ("catalogue.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "PNG file"),
        ("catalogue.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF file"),
        ("catalogue.csv", docx_bytes(), "Word file"),
        ("catalogue.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "old-style Office"),
        ("catalogue.csv", bytes(range(256)) * 8, "not a text file"),
    ],
    "ragged-rows": lambda _e: [
        (
            "ragged.csv",
            organisations_csv([GOOD_ORG, "r1,Ragged,,,LA,Charity,extra,cells"]),
            "8 cells",
        )
    ],
    "merged-header-cells": lambda _e: [
        (
            "merged.xlsx",
            workbook(
                [
                    ["code", "Names", None, "sector", "org_type"],
                    ["ok-body", "Good body", "Corff da", "LA", "Charity"],
                    ["m1", "Merged body", "Corff", "LA", "Charity"],
                ],
                merges=("B1:C1",),
            ),
            "The header “Names” is merged over columns B to C",
        )
    ],
    "formulas": lambda _e: [
        (
            "formula.xlsx",
            workbook(
                [
                    ["code", "name_en", "sector", "org_type"],
                    ["ok-body", "Good body", "LA", "Charity"],
                    ["f1", '=UPPER("x")', "LA", "Charity"],
                ]
            ),
            "formula",
        ),
        (
            "formula.csv",
            organisations_csv([GOOD_ORG, 'f2,=HYPERLINK("http://x"),,,LA,Principal council']),
            "spreadsheet formula",
        ),
    ],
    "mixed-encodings": lambda _e: [
        (
            "mixed.csv",
            "code,name_en,sector,org_type\r\nok-body,Ŵyn,LA,Charity\r\n".encode()
            + "mx,Café,Pigeon,Charity\r\n".encode("cp1252"),
            "mixes two encodings",
        )
    ],
    "dates-in-three-formats-and-a-us-one": lambda e: [("dates.csv", _dates(e), "US date")],
    "words-in-number-columns": lambda e: [("figures.csv", _words_for_numbers(e), "n/a")],
    "welsh-letters": lambda _e: [
        (
            "cyrff.csv",
            organisations_csv(
                [
                    "corff-ŵyn,Ŵyn body,Corff Ŵyn ŷ,,Awdurdod lleol,Prif gyngor",
                    "corff-arall,Another,Corff arall,,Bwrdd ŵyn,Prif gyngor",
                ],
                encoding="utf-16",
            ),
            "Bwrdd ŵyn",
        )
    ],
}


def _what_it_says(engine: Engine, name: str, data: bytes) -> str:
    """Every message the import gives for this file; it must end in a failure."""
    said: list[str] = []
    try:
        job = pipeline.prepare(read_upload(name, data))
        checked = pipeline.check(engine, job)
        said += [f"{p.message} {p.action} {p.value}" for p in pipeline.problems(job, checked)]
        pipeline.run(engine, job, checked, "Test steward")
    except ImportFailure as failure:
        return " ".join([str(failure), *said])
    raise AssertionError(f"{name} was imported")


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_a_failed_import_leaves_the_database_unchanged(loaded_store: Engine, case: str) -> None:
    before = snapshot(loaded_store)
    for name, data, words in BAD_INPUTS[case](loaded_store):
        said = _what_it_says(loaded_store, name, data)
        assert words in said, said
        assert "Traceback" not in said
    assert snapshot(loaded_store) == before


def test_a_200_megabyte_file_is_refused_before_it_is_read(
    loaded_store: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Generated in no time as a sparse file; reading any of it fails the test."""
    huge = sparse_file(tmp_path / "catalogue.csv", 200)

    def never(*_args, **_kwargs) -> bytes:  # type: ignore[no-untyped-def]
        raise AssertionError("the file was read before its size was checked")

    monkeypatch.setattr(Path, "read_bytes", never)
    monkeypatch.setattr(Path, "open", never)
    before = snapshot(loaded_store)
    with pytest.raises(ImportFailure) as failure:
        read_path(huge)
    assert "200 MB" in failure.value.message and "50 MB" in failure.value.message
    assert snapshot(loaded_store) == before


def test_survey_answers_start_a_draft_keep_progress_and_move_the_version(
    demo_store: Engine,
) -> None:
    code = _scalar(
        demo_store,
        "SELECT code FROM service WHERE id NOT IN (SELECT service_id FROM survey_response) "
        "ORDER BY code LIMIT 1",
    )
    data = (
        "service,instrument,question,answer\r\n"
        f"{code},generalist,service_name,Casglu gwastraff\r\n"
        f'{code},generalist,digital_take_up,"{{""value"": 64, ""availability"": ""estimated""}}"\r\n'
    ).encode()
    survey_version = _scalar(demo_store, "SELECT survey_version FROM dataset WHERE id = 1")
    outcome = _import(demo_store, "answers.csv", data)
    assert outcome.total.added == 2 and outcome.started_surveys == 1
    response = (
        "SELECT r.id FROM survey_response r JOIN service s ON s.id = r.service_id "
        "WHERE s.code = :code"
    )
    response_id = _scalar(demo_store, response, code=code)
    assert (
        _scalar(demo_store, "SELECT status FROM survey_response WHERE id = :i", i=response_id)
        == "draft"
    )
    statuses = _scalar(
        demo_store,
        "SELECT COUNT(*) FROM survey_section_progress WHERE response_id = :i AND status != "
        "'not_started'",
        i=response_id,
    )
    assert statuses == 2  # the two sections answered into
    assert _scalar(demo_store, "SELECT survey_version FROM dataset WHERE id = 1") > survey_version
    version = _scalar(
        demo_store, "SELECT version FROM survey_response WHERE id = :i", i=response_id
    )
    cleared = f"service,instrument,question,answer\r\n{code},generalist,service_name,\r\n"
    assert _import(demo_store, "clear.csv", cleared.encode()).total.updated == 1
    assert (
        _scalar(
            demo_store, "SELECT COUNT(*) FROM survey_answer WHERE response_id = :i", i=response_id
        )
        == 1
    )
    assert (
        _scalar(demo_store, "SELECT version FROM survey_response WHERE id = :i", i=response_id)
        > version
    )


def test_a_trial_run_counts_and_writes_nothing(demo_store: Engine) -> None:
    before = snapshot(demo_store)
    outcome = _import(demo_store, "services.csv", _services_csv(demo_store), trial=True)
    assert outcome.trial and outcome.total.added == 3
    assert snapshot(demo_store) == before
    assert history.runs(demo_store).empty


def test_an_import_into_an_empty_store_marks_it_as_imported_data(store: Engine) -> None:
    data = organisations_csv(["e1,Empty Org,,,Health,NHS trust"])
    _import(store, "orgs.csv", data)
    assert _scalar(store, "SELECT kind FROM dataset WHERE id = 1") == "real"
    assert _scalar(store, "SELECT org_type FROM organisation WHERE code = 'e1'") == "nhs_trust"


def test_blank_optional_numbers_are_stored_as_missing(demo_store: Engine) -> None:
    service = _scalar(demo_store, "SELECT code FROM service ORDER BY code LIMIT 1")
    data = f"service,position,name_en,digitisation_level\r\n{service},90,Blank level,\r\n"
    assert _import(demo_store, "journeys.csv", data.encode()).total.added == 1
    level = _scalar(demo_store, "SELECT digitisation_level FROM journey WHERE position = 90")
    assert level is None
