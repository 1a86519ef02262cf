"""A wide period file (or a metric answers file) that names services only by name, beside an
organisation column: import the services, then the figures, and each row reaches the stored
service of that organisation with that name. A name that matches no service, or two, is a
problem for its row that says what to do; never a crash, never a silent drop."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import text
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from dashboard.cli import app
from dashboard.importing.mapping import Mapping
from dashboard.importing.reading import Sheet
from dashboard.importing.service_names import with_service_codes
from dashboard.importing.validation import Known

DATA = Path(__file__).parent / "data" / "real_formats"
WIDE = DATA / "performance_wide_by_name.csv"
runner = CliRunner()


def _import_services(path: Path) -> None:
    args = ["data", "import", str(path), "--entity", "services", "--create-organisations"]
    args += ["--sector", "not recorded", "--set", "service_area=not recorded"]
    for name in ("stage", "contracting_type", "digitisation_level", "welsh_provision"):
        args += ["--set", f"{name}=not recorded"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output


def _figures_after_the_services(use_database, store: Engine, path: Path, lines: list[str]) -> Path:  # type: ignore[no-untyped-def]
    """Import the services the wide file names into `store` (the command's store from now on),
    and write a figures file of `lines` at `path`, to import after them."""
    use_database(str(store.url))
    _import_services(WIDE)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _volumes(engine: Engine) -> dict[tuple[str, str, str], float]:
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT o.name_en, s.name_en, m.period, m.value FROM metric_answer m "
                "JOIN service s ON s.id = m.service_id "
                "JOIN organisation o ON o.id = s.organisation_id "
                "WHERE m.metric = 'transactions_per_year' AND m.value IS NOT NULL"
            )
        ).all()
    return {(r[0], r[1], r[2]): float(r[3]) for r in rows}


def test_services_then_figures_by_organisation_and_name(use_database, sqlite_store: Engine) -> None:  # type: ignore[no-untyped-def]
    use_database(str(sqlite_store.url))
    _import_services(WIDE)
    result = runner.invoke(app, ["data", "import", str(WIDE)])
    assert result.exit_code == 0, result.output
    assert "by its organisation (the “Department” column)" in result.output
    frame = pd.read_csv(WIDE, dtype=str)
    expected = {}
    for column in [c for c in frame.columns if c.endswith(": volume")]:
        period = column.removesuffix(": volume")
        figures = pd.to_numeric(frame[column].str.replace(",", ""), errors="coerce")
        for department, name, figure in zip(
            frame["Department"], frame["Service name"], figures, strict=True
        ):
            if not np.isnan(figure):
                expected[(department, name, period)] = figure
    stored = _volumes(sqlite_store)
    assert stored == expected
    # the same name under two organisations reaches two services
    assert stored[("Natural Resources Wales", "Rod fishing licences", "2022-23")] == 9_200
    assert stored[("Welsh Government", "Rod fishing licences", "2022-23")] == 131_050
    again = runner.invoke(app, ["data", "import", str(WIDE)])  # the same file again: no change
    assert again.exit_code == 0 and "0 added" in again.output


def test_a_name_that_matches_no_service_is_a_problem_for_its_row(
    use_database, sqlite_store: Engine, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    wrong = _figures_after_the_services(
        use_database,
        sqlite_store,
        tmp_path / "figures.csv",
        [
            "Department,Service name,2022-23: volume,2023-24: volume",
            "Welsh Government,Blue Badge applications,1,2",
            "Welsh Government,Renew a dog licence,3,4",
            "Nowhere Council,Bins,5,6",
        ],
    )
    tried = runner.invoke(app, ["data", "import", str(wrong), "--dry-run"])
    assert tried.exit_code == 1 and "Traceback" not in tried.output
    assert (
        "row 3, service: No service of “Welsh Government” is called “Renew a dog licence”. "
        "Import the services first"
    ) in tried.output
    assert "row 4, Department: The service “Bins” is named by its name, but its organisation " in (
        tried.output
    )
    assert "There is no service" not in tried.output  # one problem per row, not per figure
    assert "same Service code" not in tried.output
    assert "2 problems" in tried.output
    kept = runner.invoke(app, ["data", "import", str(wrong), "--valid-only"])
    assert kept.exit_code == 0, kept.output
    stored = _volumes(sqlite_store)
    assert stored[("Welsh Government", "Blue Badge applications", "2023-24")] == 2
    assert not [key for key in stored if key[1] in {"Renew a dog licence", "Bins"}]


def test_a_metric_answers_file_by_name_goes_in_too(
    use_database, sqlite_store: Engine, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    figures = _figures_after_the_services(
        use_database,
        sqlite_store,
        tmp_path / "users.csv",
        [
            "Organisation,Service name,Metric,Period,Value",
            "Natural Resources Wales,Rod fishing licences,transactions_per_year,2024-25,800",
            "Welsh Revenue Authority,Land Transaction Tax returns,transactions_per_year,2024-25,70",
        ],
    )
    result = runner.invoke(app, ["data", "import", str(figures), "--entity", "metric_answers"])
    assert result.exit_code == 0, result.output
    stored = _volumes(sqlite_store)
    assert stored[("Natural Resources Wales", "Rod fishing licences", "2024-25")] == 800
    assert stored[("Welsh Revenue Authority", "Land Transaction Tax returns", "2024-25")] == 70


def test_a_name_two_services_of_one_organisation_share_is_a_problem_not_a_guess() -> None:
    frame = pd.DataFrame(
        {
            "service": ["Blue Badge", "Permits", "wg-x"],
            "metric": ["transactions_per_year"] * 3,
            "period": ["2022-23"] * 3,
            "value": ["1", "2", "3"],
            "Organisation": ["Welsh Government"] * 3,
        }
    )
    sheet = Sheet("figures", list(frame.columns), frame, np.arange(2, 5))
    mapping = Mapping("metric_answers", {c: c for c in frame.columns if c != "Organisation"})
    known = Known(services={"wg-x", "wg-blue-badge", "wg-blue-badge-2", "wg-permits"})
    known.add_organisation("wg", "Welsh Government")
    stored = {
        ("wg", "blue badge"): ("wg-blue-badge", "wg-blue-badge-2"),
        ("wg", "permits"): ("wg-permits",),
    }
    named = with_service_codes(sheet, mapping, known, stored)
    assert named.sheet.frame["service"].tolist() == ["Blue Badge", "wg-permits", "wg-x"]
    [problem] = named.problems
    assert problem.row == 2 and problem.value == "Blue Badge"
    assert problem.message == (
        "More than one service of “Welsh Government” is called “Blue Badge”: "
        "wg-blue-badge, wg-blue-badge-2."
    )
    assert "Service code column" in problem.action
