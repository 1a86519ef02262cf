"""A council's own service list carrying LGSL numbers goes in as service types: a number, "LGSL
557", a blank or "Unknown" (not recorded); a number or name no type has is one problem for its
row, in words, and nothing is written; the export writes the types back as codes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sqlalchemy import text
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from dashboard.cli import app
from dashboard.importing import export
from tests.import_files import snapshot

DATA = Path(__file__).parent / "data" / "real_formats"
COUNCIL = DATA / "council_services_lgsl.csv"
runner = CliRunner()


def _import(path: Path, *extra: str) -> str:
    result = runner.invoke(app, ["data", "import", str(path), *extra])
    assert "Traceback" not in result.output
    return result.output


def _with_councils(use_database, engine: Engine) -> None:  # type: ignore[no-untyped-def]
    use_database(str(engine.url))
    mapping = str(DATA / "council_register_mapping.json")
    register = str(DATA / "council_register.tsv")
    result = runner.invoke(
        app, ["data", "import", register, "--mapping", mapping, "--sector", "local_authority"]
    )
    assert result.exit_code == 0, result.output


def _types(engine: Engine) -> dict[str, str | None]:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT code, service_type FROM service")).all()
    return {code: kind for code, kind in rows}


def test_a_council_file_with_lgsl_numbers_imports_its_types(
    use_database, sqlite_store: Engine
) -> None:  # type: ignore[no-untyped-def]
    _with_councils(use_database, sqlite_store)
    output = _import(COUNCIL)
    stored = _types(sqlite_store)
    frame = pd.read_csv(COUNCIL, dtype=str)
    assert len(stored) == len(frame), output
    assert stored == {
        "CRF-WST-001": "missed-bin",
        "CRF-WST-002": "bulky-waste",
        "CRF-HWY-001": "pothole",
        "CRF-PKG-001": "blue-badge",
        "CRF-EDU-001": "primary-school-place",
        "CRF-EDU-002": "free-school-meals",
        "CRF-SOC-001": "adult-social-care-assessment",
        "CRF-REV-001": None,  # blank: not recorded
        "CRF-REG-001": "register-birth",
        "CRF-LIC-001": None,  # "Unknown": not recorded
        "SWA-WST-001": "missed-bin",
        "SWA-PKG-001": "blue-badge",
    }
    # two councils' services now meet the same two needs
    exported = export.tables(sqlite_store)["services"].set_index("code")
    assert exported.loc["SWA-WST-001", "service_type"] == "missed-bin"
    assert exported.loc["CRF-LIC-001", "service_type"] == "not recorded"
    # importing the same file again changes nothing
    before = snapshot(sqlite_store)
    _import(COUNCIL)
    assert snapshot(sqlite_store)["frames"] == before["frames"]


def test_a_type_no_list_holds_is_one_problem_for_its_row_and_nothing_is_written(
    use_database, sqlite_store: Engine, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    _with_councils(use_database, sqlite_store)
    lines = COUNCIL.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",524,", ",LGSL 9999,")
    lines[3] = lines[3].replace(",LGSL 557,", ",Report a road defect,")
    wrong = tmp_path / "council_services_wrong.csv"
    wrong.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = snapshot(sqlite_store)
    output = " ".join(_import(wrong).split())
    assert snapshot(sqlite_store) == before
    assert "“LGSL 9999” is not a value “Service type” can take." in output
    assert "“Report a road defect” is not a value “Service type” can take." in output
    assert output.count("can take.") == 2  # one problem a row, and only those two rows
    assert "its Local Government Service List number (such as “524”)" in output
