"""A Welsh header beside an English one for the same field ("Enw'r gwasanaeth" beside
"Service name") feeds the Welsh field; a Welsh header alone still feeds the main field."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from dashboard.cli import app
from dashboard.importing.entities import BY_NAME
from dashboard.importing.mapping import auto_match

DATA = Path(__file__).parent / "data" / "real_formats"
BILINGUAL = DATA / "bilingual_services.csv"
runner = CliRunner()


@pytest.mark.parametrize(
    ("english", "welsh", "field"),
    [
        ("Service name", "Enw'r gwasanaeth", "name"),
        ("Name", "Enw", "name"),
        ("Description of service", "Disgrifiad o'r gwasanaeth", "description"),
        ("Description", "Disgrifiad", "description"),
    ],
)
def test_a_welsh_header_beside_an_english_one_feeds_the_welsh_field(
    english: str, welsh: str, field: str
) -> None:
    services = BY_NAME["services"]
    for columns in ([english, welsh], [welsh, english]):  # whichever comes first
        matched = auto_match(["Service code", *columns], services)
        assert matched[english] == f"{field}_en"
        assert matched[welsh] == f"{field}_cy"


def test_a_welsh_header_alone_still_feeds_the_main_field() -> None:
    matched = auto_match(["Service code", "Enw'r gwasanaeth"], BY_NAME["services"])
    assert matched["Enw'r gwasanaeth"] == "name_en"
    organisations = auto_match(["Cod sefydliad", "Enw"], BY_NAME["organisations"])
    assert organisations["Enw"] == "name_en"


def test_a_column_named_for_the_welsh_field_keeps_it() -> None:
    matched = auto_match(["Name", "Enw", "Welsh name"], BY_NAME["services"])
    assert matched["Welsh name"] == "name_cy"
    assert matched["Name"] == "name_en"
    assert matched.get("Enw") != "name_cy"


def test_organisation_and_theme_files_pair_their_headers_too() -> None:
    organisations = auto_match(["Code", "Name", "Enw"], BY_NAME["organisations"])
    assert (organisations["Name"], organisations["Enw"]) == ("name_en", "name_cy")
    themes = auto_match(["Code", "Description", "Disgrifiad"], BY_NAME["themes"])
    assert (themes["Description"], themes["Disgrifiad"]) == ("description_en", "description_cy")


def test_a_bilingual_services_file_stores_each_language_in_its_own_field(
    use_database, sqlite_store: Engine
) -> None:  # type: ignore[no-untyped-def]
    use_database(str(sqlite_store.url))
    args = ["data", "import", str(BILINGUAL), "--entity", "services", "--create-organisations"]
    args += ["--sector", "not recorded", "--set", "service_area=not recorded"]
    for name in ("stage", "contracting_type", "digitisation_level", "welsh_provision"):
        args += ["--set", f"{name}=not recorded"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(BILINGUAL, dtype=str)
    with sqlite_store.connect() as connection:
        stored = connection.execute(
            text("SELECT name_en, name_cy, description_en, description_cy FROM service")
        ).all()
    expected = frame[
        ["Service name", "Enw'r gwasanaeth", "Description of service", "Disgrifiad o'r gwasanaeth"]
    ]
    assert sorted(tuple(r) for r in stored) == sorted(
        tuple(r) for r in expected.itertuples(index=False)
    )
