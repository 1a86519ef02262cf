"""Mappings that do what a steward needs without making a derived file first.

A value for every row (sector = local authority for a council register), one label meaning
several codes ("Digital" = online and email), a label dropped from a list, and words written
instead of a figure ("[not provided]", "ND") turned into a blank and the availability they mean.
All of it is saved by name and in the downloadable JSON.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from dashboard.cli import app
from dashboard.importing import pipeline
from dashboard.importing.entities import BY_NAME, METRIC_ANSWERS, ORGANISATIONS, SERVICES
from dashboard.importing.mapping import (
    Mapping,
    load_mapping,
    propose,
    save_mapping,
)
from dashboard.importing.reading import read_upload
from dashboard.importing.validation import Known, validate
from dashboard.importing.value_labels import unknown_values
from db.demo.build import load_demo
from tests.import_files import mark_as_real
from tests.test_data_page import data_db  # noqa: F401  (the fixture)

runner = CliRunner()


@pytest.fixture
def demo_store(use_database, sqlite_store: Engine) -> Engine:  # type: ignore[no-untyped-def]
    load_demo(sqlite_store)
    use_database(str(sqlite_store.url))
    return sqlite_store


def _sheet(content: str, name: str = "file.csv"):  # type: ignore[no-untyped-def]
    return read_upload(name, content.encode("utf-8")).sheets[0]


def _services(engine: Engine, n: int = 3) -> list[str]:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT code FROM service ORDER BY code LIMIT :n"), {"n": n})
        return [str(r[0]) for r in rows]


def _check(engine: Engine, content: str, entity, mapping: Mapping):  # type: ignore[no-untyped-def]
    return validate(_sheet(content), entity, mapping, Known.load(engine))


# -- a value for every row -------------------------------------------------------------------------


REGISTER = "Code,Name\nw06000015,Cardiff\nw06000011,Swansea\n"


def test_without_a_sector_column_the_register_cannot_go_in(demo_store: Engine) -> None:
    sheet = _sheet(REGISTER)
    checked = validate(sheet, ORGANISATIONS, propose(sheet, ORGANISATIONS), Known.load(demo_store))
    assert checked.accepted == 0
    assert any(p.column == "Sector" for p in checked.errors)


def test_a_value_for_every_row_fills_a_field_the_file_has_no_column_for(
    demo_store: Engine,
) -> None:
    sheet = _sheet(REGISTER)
    mapping = propose(sheet, ORGANISATIONS)
    mapping.constants = {"sector": "local authority", "org_type": "Principal council"}
    checked = validate(sheet, ORGANISATIONS, mapping, Known.load(demo_store))
    assert [p.message for p in checked.errors] == []
    assert checked.accepted == 2
    assert checked.frame["sector"].tolist() == ["local_authority", "local_authority"]
    assert "sector" in checked.provided


def test_a_value_for_every_row_fills_only_the_blank_cells_of_a_column(demo_store: Engine) -> None:
    sheet = _sheet("Code,Name,Sector\nw1,Cardiff,\nw2,NHS body,health\n")
    mapping = propose(sheet, ORGANISATIONS)
    mapping.constants = {"sector": "local_authority", "org_type": "principal_council"}
    checked = validate(sheet, ORGANISATIONS, mapping, Known.load(demo_store))
    assert checked.frame["sector"].tolist() == ["local_authority", "health"]


def test_a_wrong_value_for_every_row_is_reported_not_written(demo_store: Engine) -> None:
    sheet = _sheet(REGISTER)
    mapping = propose(sheet, ORGANISATIONS)
    mapping.constants = {"sector": "county hall", "org_type": "principal_council"}
    checked = validate(sheet, ORGANISATIONS, mapping, Known.load(demo_store))
    assert checked.accepted == 0
    assert any(
        "“county hall” is not a value “Sector” can take" in p.message for p in checked.errors
    )


def test_the_register_goes_in_with_the_value_for_every_row(demo_store: Engine) -> None:
    upload = read_upload("register.csv", REGISTER.encode())
    sheet = upload.sheets[0]
    mapping = propose(sheet, ORGANISATIONS)
    mapping.constants = {"sector": "local_authority", "org_type": "principal_council"}
    job = pipeline.Job(upload, [pipeline.Plan(sheet, ORGANISATIONS, mapping)])
    checked = pipeline.check(demo_store, job)
    pipeline.run(demo_store, job, checked, who="steward")
    with demo_store.connect() as connection:
        stored = connection.execute(
            text("SELECT code, sector FROM organisation WHERE code IN ('w06000015','w06000011')")
        ).all()
    assert sorted(stored) == [("w06000011", "local_authority"), ("w06000015", "local_authority")]


# -- one label, several codes; a label dropped from a list -------------------------------------------


def test_one_label_can_mean_several_codes_and_a_label_can_be_dropped(demo_store: Engine) -> None:
    a, b, c = _services(demo_store)
    content = f'Service code,Channels\n{a},"Digital,PERSON"\n{b},"EML,PERSON"\n{c},PERSON\n'
    sheet = _sheet(content)
    mapping = propose(sheet, SERVICES)
    assert set(unknown_values(sheet, SERVICES, mapping)["channels"]) == {"PERSON", "EML"}
    mapping.values["channels"] = {
        "Digital": ["online", "email"],
        "EML": "email",
        "PERSON": [],  # counted elsewhere: not a channel of this catalogue
    }
    assert unknown_values(sheet, SERVICES, mapping) == {}
    checked = validate(sheet, SERVICES, mapping, Known.load(demo_store))
    assert [p.message for p in checked.errors] == []
    assert [tuple(v) for v in checked.frame["channels"]] == [("email", "online"), ("email",), ()]


def test_a_label_mapped_to_a_code_the_list_lacks_is_an_error(demo_store: Engine) -> None:
    (a,) = _services(demo_store, 1)
    sheet = _sheet(f"Service code,Channels\n{a},Digital\n")
    mapping = propose(sheet, SERVICES)
    mapping.values["channels"] = {"Digital": ["online", "carrier pigeon"]}
    checked = validate(sheet, SERVICES, mapping, Known.load(demo_store))
    assert checked.accepted == 0
    assert "Digital → carrier pigeon" in checked.errors[0].message


def test_a_single_choice_label_mapped_to_several_codes_is_an_error(demo_store: Engine) -> None:
    sheet = _sheet("Code,Name,Sector,Type\nw1,Cardiff,Council,principal_council\n")
    mapping = propose(sheet, ORGANISATIONS)
    mapping.values["sector"] = {"Council": ["local_authority", "health"]}
    checked = validate(sheet, ORGANISATIONS, mapping, Known.load(demo_store))
    assert checked.accepted == 0
    assert "mapped to several values" in checked.errors[0].message


def test_a_single_choice_label_mapped_to_a_missing_code_is_an_error(demo_store: Engine) -> None:
    sheet = _sheet("Code,Name,Sector,Type\nw1,Cardiff,Council,principal_council\n")
    mapping = propose(sheet, ORGANISATIONS)
    mapping.values["sector"] = {"Council": "councils"}
    checked = validate(sheet, ORGANISATIONS, mapping, Known.load(demo_store))
    assert checked.accepted == 0
    assert "mapped to “councils”" in checked.errors[0].message


# -- words instead of a figure -----------------------------------------------------------------------


def test_words_in_the_figures_are_offered_for_mapping(demo_store: Engine) -> None:
    (a,) = _services(demo_store, 1)
    content = (
        "service,metric,value\n"
        f"{a},transactions_per_year,100\n"
        f"{a},cost_per_transaction,[not provided]\n"
        f"{a},completion_rate,ND\n"
    )
    sheet = _sheet(content)
    mapping = propose(sheet, METRIC_ANSWERS)
    assert dict(unknown_values(sheet, METRIC_ANSWERS, mapping)["value"]) == {
        "[not provided]": 1,
        "ND": 1,
    }


def test_mapped_words_become_a_blank_and_the_availability_they_mean(demo_store: Engine) -> None:
    (a,) = _services(demo_store, 1)
    content = (
        "service,metric,value\n"
        f"{a},transactions_per_year,100\n"
        f"{a},cost_per_transaction,[not provided]\n"
        f"{a},completion_rate,ND\n"
    )
    upload = read_upload("answers.csv", content.encode())
    sheet = upload.sheets[0]
    mapping = propose(sheet, METRIC_ANSWERS)
    mapping.values["value"] = {
        "[not provided]": "not_collected",
        "nd": "not_available:shared_system",
    }
    job = pipeline.Job(upload, [pipeline.Plan(sheet, METRIC_ANSWERS, mapping)])
    checked = pipeline.check(demo_store, job)
    assert [p.message for p in checked[0].errors] == []
    assert checked[0].accepted == 3
    pipeline.run(demo_store, job, checked, who="steward")
    with demo_store.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT metric, value, availability, reason FROM metric_answer "
                "WHERE service_id = (SELECT id FROM service WHERE code = :a) "
                "AND metric IN ('transactions_per_year','cost_per_transaction','completion_rate')"
            ),
            {"a": a},
        ).all()
    stored = {r[0]: tuple(r[1:]) for r in rows}
    assert stored["transactions_per_year"] == (100, "provided", None)
    assert stored["cost_per_transaction"] == (None, "not_collected", None)
    assert stored["completion_rate"] == (None, "not_available", "shared_system")


def test_unmapped_words_in_the_figures_still_say_what_to_do(demo_store: Engine) -> None:
    (a,) = _services(demo_store, 1)
    checked = _check(
        demo_store,
        f"service,metric,value\n{a},transactions_per_year,[not provided]\n",
        METRIC_ANSWERS,
        Mapping("metric_answers", {"service": "service", "metric": "metric", "value": "value"}),
    )
    assert checked.accepted == 0
    assert "Availability" in checked.errors[0].action


# -- saved and downloaded -------------------------------------------------------------------------


def test_every_choice_survives_the_json_and_the_saved_mapping(demo_store: Engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    mapping = Mapping(
        "services",
        {"Service code": "code", "Channels": "channels"},
        {"channels": {"Digital": ["online", "email"], "PERSON": [], "EML": "email"}},
        constants={"stage": "live"},
    )
    again = Mapping.from_json(json.loads(json.dumps(mapping.to_json())))
    assert again.values == mapping.values
    assert again.constants == {"stage": "live"}
    save_mapping(demo_store, "Inventory", mapping, "steward")
    saved = load_mapping(demo_store, "Inventory")
    assert saved.values == mapping.values
    assert saved.constants == mapping.constants
    path = tmp_path / "inventory.json"
    path.write_text(json.dumps(mapping.to_json()), encoding="utf-8")
    assert load_mapping(demo_store, str(path)).constants == {"stage": "live"}


def test_a_saved_value_for_every_row_is_proposed_for_the_next_file(demo_store: Engine) -> None:
    saved = Mapping("organisations", {}, constants={"sector": "local_authority"}, name="Register")
    sheet = _sheet(REGISTER)
    assert propose(sheet, ORGANISATIONS, saved).constants == {"sector": "local_authority"}
    assert propose(sheet, BY_NAME["services"], saved).constants == {}


def test_the_command_imports_a_register_with_a_value_for_every_row(
    demo_store: Engine, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "register.csv"
    source.write_text(REGISTER, encoding="utf-8")
    spec = tmp_path / "register.json"
    spec.write_text(
        json.dumps(
            {
                "entity": "organisations",
                "columns": {"Code": "code", "Name": "name"},
                "constants": {"sector": "local authority", "org_type": "principal council"},
            }
        ),
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["data", "import", str(source), "--mapping", str(spec), "--dry-run"]
    )
    assert result.exit_code == 0, result.output
    assert "2 rows" in result.output


# -- on the Data page ------------------------------------------------------------------------------


def test_the_page_takes_a_value_for_every_row_and_several_codes_for_a_label(
    data_db: Engine,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.test_data_page import _signed_in

    at = _signed_in(monkeypatch)
    at.text_input(key="data_who").input("Rhian")
    at.file_uploader(key="data_upload").upload("register.csv", REGISTER.encode(), "text/csv").run()
    assert not at.exception
    at.selectbox(key="data_entity_register").set_value("organisations").run()
    at.button(key="data_check").click().run()
    assert at.button(key="data_commit").disabled  # no sector, no type: nothing can go in
    at.selectbox(key="data_every_sector").set_value("local_authority").run()
    at.selectbox(key="data_every_org_type").set_value("principal_council").run()
    at.button(key="data_check").click().run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["New"] == "2" and metrics["Rows with problems"] == "0"
    at.button(key="data_commit").click().run()
    assert not at.exception
    with data_db.connect() as connection:
        stored = dict(
            connection.execute(
                text("SELECT code, sector FROM organisation WHERE code LIKE 'w0600001%'")
            ).all()
        )
    assert stored == {"w06000015": "local_authority", "w06000011": "local_authority"}


def test_the_page_maps_one_label_to_several_channels(
    data_db: Engine,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.test_data_page import _signed_in

    a, b, _c = _services(data_db)
    content = f"Service code,Channels\n{a},Digital;PERSON\n{b},PERSON\n"
    at = _signed_in(monkeypatch)
    at.text_input(key="data_who").input("Rhian")
    at.file_uploader(key="data_upload").upload("channels.csv", content.encode(), "text/csv").run()
    at.selectbox(key="data_entity_channels").set_value("services").run()
    boxes = {m.label: m for m in at.multiselect if m.key.startswith("data_value_channels")}
    assert set(boxes) == {"“PERSON” (2 rows)"}  # "Digital" is a word the list knows
    boxes["“PERSON” (2 rows)"].set_value(["face_to_face", "phone"]).run()
    at.button(key="data_check").click().run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Rows with problems"] == "0"
    at.button(key="data_commit").click().run()
    assert not at.exception
    with data_db.connect() as connection:
        channels = connection.execute(
            text(
                "SELECT channel FROM service_channel WHERE service_id = "
                "(SELECT id FROM service WHERE code = :b) ORDER BY channel"
            ),
            {"b": b},
        ).scalars()
        assert list(channels) == ["face_to_face", "phone"]


def test_the_command_sets_a_value_for_every_row_with_set(demo_store: Engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    mark_as_real(str(demo_store.url))
    source = tmp_path / "register.csv"
    source.write_text(REGISTER, encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "data",
            "import",
            str(source),
            "--entity",
            "organisations",
            "--set",
            "sector=local authority",
            "--set",
            "org_type=principal council",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "every row: sector = local authority, org_type = principal council" in result.output
    with demo_store.connect() as connection:
        sectors = connection.execute(
            text("SELECT sector FROM organisation WHERE code IN ('w06000015','w06000011')")
        ).scalars()
        assert list(sectors) == ["local_authority", "local_authority"]


def test_the_command_refuses_a_field_the_table_does_not_have(demo_store: Engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "register.csv"
    source.write_text(REGISTER, encoding="utf-8")
    result = runner.invoke(
        app,
        ["data", "import", str(source), "--entity", "organisations", "--set", "colour=blue"],
    )
    assert result.exit_code == 1
    assert "FIELD is one of the fields of organisations" in result.output


def test_the_page_can_say_a_label_means_not_recorded(
    data_db: Engine,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.test_data_page import _signed_in

    content = "Code,Name,Sector,Type\nw9,Unknown body,Dunno,Charity\n"
    at = _signed_in(monkeypatch)
    at.text_input(key="data_who").input("Rhian")
    at.file_uploader(key="data_upload").upload("orgs.csv", content.encode(), "text/csv").run()
    at.selectbox(key="data_entity_orgs").set_value("organisations").run()
    box = next(s for s in at.selectbox if s.key.startswith("data_value_sector"))
    assert "not recorded" in box.options or "Not recorded" in box.options
    box.set_value("not recorded").run()
    at.button(key="data_check").click().run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Rows with problems"] == "0"
    at.button(key="data_commit").click().run()
    assert not at.exception
    with data_db.connect() as connection:
        sector = connection.execute(text("SELECT sector FROM organisation WHERE code = 'w9'")).one()
    assert sector == (None,)
