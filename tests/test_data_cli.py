"""`landscape data`: import a file with a saved mapping, export everything; words and exit code
1 on failure, never a traceback."""

from __future__ import annotations

import zipfile

from sqlalchemy import text
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from dashboard.cli import app
from dashboard.importing.mapping import Mapping, save_mapping
from dashboard.importing.pipeline import ensure_reference
from db import migrate
from db.demo.build import load_demo
from db.engine import make_engine
from tests.import_files import snapshot, sparse_file

runner = CliRunner()


def test_import_with_a_saved_mapping_then_history(
    use_database, sqlite_store: Engine, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    use_database(str(sqlite_store.url))
    save_mapping(
        sqlite_store,
        "Council list",
        Mapping(
            "organisations",
            {"Ref": "code", "Title": "name_en", "Part": "sector", "Kind": "org_type"},
            {"sector": {"Quango": "arms_length_body"}},
        ),
        "Rhian",
    )
    source = tmp_path / "councils.csv"
    source.write_text("Ref,Title,Part,Kind\r\nq1,Quango One ŵ,Quango,Charity\r\n", encoding="utf-8")
    result = runner.invoke(
        app, ["data", "import", str(source), "--mapping", "Council list", "--who", "Rhian"]
    )
    assert result.exit_code == 0, result.output
    assert "1 added" in result.output
    with sqlite_store.connect() as connection:
        assert (
            connection.execute(text("SELECT sector FROM organisation WHERE code = 'q1'")).scalar()
            == "arms_length_body"
        )
    again = runner.invoke(app, ["data", "import", str(source), "--mapping", "Council list"])
    assert "0 added, 0 updated, 1 unchanged" in again.output
    history = runner.invoke(app, ["data", "history"])
    assert history.exit_code == 0 and "councils.csv" in history.output and "Rhian" in history.output
    assert "Council list" in runner.invoke(app, ["data", "mappings"]).output


def test_problems_exit_1_with_a_report_and_write_nothing(
    use_database, sqlite_store: Engine, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    use_database(str(sqlite_store.url))
    load_demo(sqlite_store)
    before = snapshot(sqlite_store)
    source = tmp_path / "metrics.csv"
    service = "no-such-service"
    source.write_text(f"service,metric,value\r\n{service},users_per_year,n/a\r\n")
    report = tmp_path / "report.csv"
    result = runner.invoke(app, ["data", "import", str(source), "--report", str(report)])
    assert result.exit_code == 1
    assert "nothing was written" in result.output and "Traceback" not in result.output
    assert "n/a" in report.read_text(encoding="utf-8-sig")
    assert snapshot(sqlite_store) == before


def test_bad_files_give_words_not_tracebacks(use_database, sqlite_store: Engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    use_database(str(sqlite_store.url))
    huge = sparse_file(tmp_path / "huge.csv", 200)
    picture = tmp_path / "picture.csv"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    for args, words in (
        ([str(huge)], "largest file"),
        ([str(picture)], "PNG file"),
        ([str(tmp_path / "missing.csv")], "cannot be opened"),
        ([str(picture), "--entity", "widgets"], "no entity"),
        ([str(picture), "--mapping", "nope"], "no saved mapping"),
    ):
        result = runner.invoke(app, ["data", "import", *args])
        assert result.exit_code == 1, args
        assert words in result.output, (args, result.output)
        assert "Traceback" not in result.output


def test_export_everything_as_zip_and_workbook_then_import_both_back(
    use_database, sqlite_store: Engine, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    use_database(str(sqlite_store.url))
    load_demo(sqlite_store)
    target = tmp_path / "everything.zip"
    result = runner.invoke(app, ["data", "export", str(target)])
    assert result.exit_code == 0, result.output
    names = zipfile.ZipFile(target).namelist()
    assert {"organisations.csv", "services.csv", "survey_answers.csv", "README.txt"} <= set(names)
    assert runner.invoke(app, ["data", "export", str(tmp_path / "everything.xlsx")]).exit_code == 0
    for exported in (target, tmp_path / "everything.xlsx"):
        result = runner.invoke(app, ["data", "import", str(exported), "--dry-run"])
        assert result.exit_code == 0, (exported.name, result.output)
        assert "0 added, 0 updated" in result.output, exported.name
    # the workbook into an empty store rebuilds the same data
    expected = snapshot(sqlite_store)["frames"]
    empty_url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    migrate.upgrade(empty_url)
    use_database(empty_url)
    result = runner.invoke(
        app, ["data", "import", str(tmp_path / "everything.xlsx"), "--who", "Rhian"]
    )
    assert result.exit_code == 0, result.output
    assert "0 updated" in result.output and "Traceback" not in result.output
    rebuilt = make_engine(empty_url)
    assert snapshot(rebuilt)["frames"] == expected
    rebuilt.dispose()
    bad = runner.invoke(app, ["data", "export", str(tmp_path / "everything.pdf")])
    assert bad.exit_code == 1 and ".zip" in bad.output


NEW_ORGANISATIONS = (
    "Body/Agency,Service name,Stage,Contracting type,Digitisation level,Welsh provision,"
    "Service area\r\n"
    "Cyngor Gwynedd,Bulky waste,long_running,in_house,2,full,waste\r\n"
    "Cyngor Gwynedd,School transport,long_running,in_house,1,full,education\r\n"
    "Ceredigion County Council,Bulky waste,long_running,in_house,2,partial,waste\r\n"
)


def test_new_organisations_are_listed_then_created_with_a_sector(
    use_database, sqlite_store: Engine, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    use_database(str(sqlite_store.url))
    source = tmp_path / "services.csv"
    source.write_text(NEW_ORGANISATIONS, encoding="utf-8")
    ensure_reference(sqlite_store)  # every check loads it: not what the import writes
    before = snapshot(sqlite_store)
    listed = runner.invoke(app, ["data", "import", str(source), "--dry-run"])
    assert listed.exit_code == 1 and "Traceback" not in listed.output
    assert "organisation “Cyngor Gwynedd” (2 rows): not in the store" in listed.output
    assert listed.output.count("which is not in the catalogue") == 2
    assert "--create-organisations --sector" in listed.output
    assert snapshot(sqlite_store) == before
    no_sector = runner.invoke(app, ["data", "import", str(source), "--create-organisations"])
    assert no_sector.exit_code == 1 and "No sector is given" in no_sector.output
    wrong = runner.invoke(app, ["data", "import", str(source), "--sector", "council-ish"])
    assert wrong.exit_code == 1 and "local_authority" in wrong.output
    assert snapshot(sqlite_store) == before
    args = ["data", "import", str(source), "--create-organisations", "--sector", "LA"]
    written = runner.invoke(app, args)
    assert written.exit_code == 0, written.output
    assert "will be created as cyngor-gwynedd (Local authority)" in written.output
    with sqlite_store.connect() as connection:
        codes = connection.execute(text("SELECT code FROM service ORDER BY code")).scalars().all()
        sectors = connection.execute(text("SELECT DISTINCT sector FROM organisation")).all()
    assert codes == [
        "ceredigion-county-council-bulky-waste",
        "cyngor-gwynedd-bulky-waste",
        "cyngor-gwynedd-school-transport",
    ]
    assert sectors == [("local_authority",)]


def test_real_rows_into_the_demo_need_replace_demo(
    use_database, sqlite_store: Engine, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    use_database(str(sqlite_store.url))
    load_demo(sqlite_store)
    source = tmp_path / "services.csv"
    source.write_text(NEW_ORGANISATIONS, encoding="utf-8")
    before = snapshot(sqlite_store)
    base = ["data", "import", str(source), "--create-organisations", "--sector", "local_authority"]
    refused = runner.invoke(app, base)
    assert refused.exit_code == 1 and "--replace-demo" in refused.output
    assert "Traceback" not in refused.output
    tried = runner.invoke(app, [*base, "--dry-run"])
    assert tried.exit_code == 0, tried.output
    assert "needs --replace-demo" in tried.output and "Would write" in tried.output
    assert snapshot(sqlite_store) == before
    replaced = runner.invoke(app, [*base, "--replace-demo", "--who", "Rhian"])
    assert replaced.exit_code == 0, replaced.output
    with sqlite_store.connect() as connection:
        assert connection.execute(text("SELECT COUNT(*) FROM service")).scalar() == 3
        assert connection.execute(text("SELECT COUNT(*) FROM organisation")).scalar() == 2
        kind, label = connection.execute(text("SELECT kind, label FROM dataset")).one()
    assert kind == "real" and label.startswith("Imported data: services.csv by Rhian, ")
