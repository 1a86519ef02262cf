"""Files as real bodies publish them: a council register (TSV, hyphenated headers) and a national
service inventory (byte-order mark, NA/ND, comma-separated channel codes, French columns,
organisations by name, no service codes). A dry run with no help reports in words; the least
steward action gets every row in; what is stored adds up to what pandas reads from the file."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sqlalchemy import text
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from dashboard.cli import app

DATA = Path(__file__).parent / "data" / "real_formats"
REGISTER = DATA / "council_register.tsv"
INVENTORY = DATA / "national_inventory.csv"
runner = CliRunner()


def _rows(engine: Engine, sql: str) -> list[tuple[object, ...]]:
    with engine.connect() as connection:
        return [tuple(r) for r in connection.execute(text(sql)).all()]


def _import_register(engine: Engine) -> None:
    mapping = str(DATA / "council_register_mapping.json")
    args = ["data", "import", str(REGISTER), "--mapping", mapping, "--sector", "local_authority"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output


def test_the_council_register_reports_then_imports_with_a_mapping_and_a_sector(
    use_database, sqlite_store: Engine
) -> None:  # type: ignore[no-untyped-def]
    use_database(str(sqlite_store.url))
    tried = runner.invoke(app, ["data", "import", str(REGISTER), "--dry-run"])
    assert "Traceback" not in tried.output
    assert tried.exit_code == 1 and "local-authority-code" not in tried.output.split(":")[0]
    assert "No column holds" in tried.output or "--entity" in tried.output
    _import_register(sqlite_store)
    frame = pd.read_csv(REGISTER, sep="\t", dtype=str)
    stored = _rows(
        sqlite_store, "SELECT code, name_en, name_cy, sector, org_type FROM organisation"
    )
    assert len(stored) == len(frame) == 22
    assert sum(1 for r in stored if r[2]) == frame["name-cy"].notna().sum() == 21
    assert {r[3] for r in stored} == {"local_authority"}
    assert {r[4] for r in stored} == {"principal_council"}
    assert sorted(r[0] for r in stored) == sorted(frame["local-authority-code"])


def test_the_national_inventory_reports_then_imports_with_a_mapping_and_new_organisations(
    use_database, sqlite_store: Engine
) -> None:  # type: ignore[no-untyped-def]
    use_database(str(sqlite_store.url))
    _import_register(sqlite_store)
    unclear = runner.invoke(app, ["data", "import", str(INVENTORY), "--dry-run"])
    assert unclear.exit_code == 1 and "Say which with --entity" in unclear.output
    args = ["data", "import", str(INVENTORY), "--entity", "services", "--dry-run"]
    tried = runner.invoke(app, args)
    assert isinstance(tried.exception, SystemExit) and tried.exit_code == 1
    assert "Traceback" not in tried.output
    assert "organisation “Welsh Government” (2 rows)" in tried.output
    assert "EML" in tried.output  # the channel codes it does not know are named
    mapping = str(DATA / "national_inventory_mapping.json")
    args = ["data", "import", str(INVENTORY), "--mapping", mapping, "--create-organisations"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(INVENTORY, encoding="utf-8-sig", dtype=str, na_values=["NA", "ND"])
    services = _rows(
        sqlite_store,
        "SELECT o.name_en, s.digitisation_level, s.notes FROM service s "
        "JOIN organisation o ON o.id = s.organisation_id",
    )
    assert len(services) == len(frame)
    by_org = pd.Series([r[0] for r in services]).value_counts().sort_index()
    assert by_org.to_dict() == frame["Department"].value_counts().sort_index().to_dict()
    assert sum(int(str(r[1])) for r in services) == frame["Digitisation level"].astype(int).sum()
    codes = {
        "EML": "email",
        "ONL": "online",
        "TEL": "phone",
        "PERSON": "face_to_face",
        "POST": "paper",
    }
    expected = frame["Channels"].str.split(",").explode().map(codes).value_counts().to_dict()
    stored = dict(
        _rows(sqlite_store, "SELECT channel, COUNT(*) FROM service_channel GROUP BY channel")
    )
    assert stored == expected
    french = [r[2] for r in services if r[2]]
    assert len(french) == len(frame) and all(str(n).startswith("French (") for n in french)
    sectors = dict(
        _rows(
            sqlite_store,
            "SELECT name_en, sector FROM organisation WHERE code NOT IN "
            "(SELECT code FROM organisation WHERE sector = 'local_authority')",
        )
    )
    assert sectors == {
        "Welsh Government": "central_government",
        "Welsh Revenue Authority": "central_government",
        "Natural Resources Wales": "arms_length_body",
    }


def test_a_wide_period_file_goes_in_with_two_commands_and_invents_nothing(
    use_database, sqlite_store: Engine
) -> None:  # type: ignore[no-untyped-def]
    """The README's worked example: the services the file names first (organisations created,
    every field the file lacks stored as not recorded), then its figures, period by period."""
    use_database(str(sqlite_store.url))
    wide = DATA / "performance_wide.csv"
    unknown = ["stage", "contracting_type", "digitisation_level", "welsh_provision"]
    services = ["data", "import", str(wide), "--entity", "services", "--create-organisations"]
    services += ["--sector", "not recorded", "--set", "service_area=not recorded"]
    for name in unknown:
        services += ["--set", f"{name}=not recorded"]
    first = runner.invoke(app, services)
    assert first.exit_code == 0, first.output
    second = runner.invoke(app, ["data", "import", str(wide)])
    assert second.exit_code == 0, second.output
    frame = pd.read_csv(wide, dtype=str)
    assert _rows(sqlite_store, "SELECT COUNT(*), COUNT(digitisation_level) FROM service") == [
        (len(frame), 0)
    ]
    assert _rows(sqlite_store, "SELECT COUNT(sector), COUNT(org_type) FROM organisation") == [
        (0, 0)
    ]
    volumes = dict(
        _rows(
            sqlite_store,
            "SELECT period, SUM(value) FROM metric_answer WHERE metric = 'transactions_per_year' "
            "GROUP BY period",
        )
    )
    for column in [c for c in frame.columns if c.endswith(": volume")]:
        period = column.removesuffix(": volume")
        figures = pd.to_numeric(frame[column].str.replace(",", ""), errors="coerce")
        assert volumes[period] == figures.sum()
