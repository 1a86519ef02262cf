"""Wide period files (a column per period and measure) import as metric answers per period,
through the ordinary import, with no hand-made script."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from dashboard.cli import app
from dashboard.importing import pipeline
from dashboard.importing.reading import read_path, read_upload
from dashboard.importing.wide_periods import as_long, period_column
from db.demo.build import load_demo

FILES = Path(__file__).parent / "data" / "real_formats"
PERFORMANCE = FILES / "performance_wide.csv"
QUARTERLY = FILES / "explorer_quarterly.csv"
MARKERS = ["[not provided]", "[x]", "-", "n/a", "ND"]
runner = CliRunner()


@pytest.mark.parametrize(
    ("column", "period", "measure"),
    [
        ("April 2011 to March 2012: volume", "April 2011 to March 2012", "transactions_per_year"),
        ("April 2011 to March 2012: digital volume", "April 2011 to March 2012", "digital_volume"),
        (
            "April 2011 to March 2012: cost per transaction (£)",
            "April 2011 to March 2012",
            "cost_per_transaction",
        ),
        ("2023-24 Q2 transactions", "2023-24 Q2", "transactions_per_year"),
        ("Digital take-up (%) 2022/23", "2022/23", "digital_take_up"),
        ("Jan-Mar 2024 - users", "Jan-Mar 2024", "users_per_year"),
    ],
)
def test_columns_named_by_period_and_measure_are_read(
    column: str, period: str, measure: str
) -> None:
    found = period_column(column)
    assert found is not None
    assert (found.period, found.measure) == (period, measure)


@pytest.mark.parametrize("column", ["Service name", "Volume", "2024", "Department 2023-24"])
def test_other_columns_are_not_period_columns(column: str) -> None:
    assert period_column(column) is None


def test_an_ordinary_table_is_read_as_it_was() -> None:
    upload = read_upload("services.csv", b"code,name_en,2024 budget\r\ns1,One,5\r\n")
    sheet = pipeline.prepare(upload, entity="services").plans[0].sheet
    assert sheet.wide is None
    assert sheet.columns == ["code", "name_en", "2024 budget"]


def test_markers_become_a_blank_figure_that_says_why() -> None:
    frame = as_long(read_path(QUARTERLY).sheets[0]).frame
    bins = frame[(frame["service"] == "cdf-missed-bin")]
    q3 = bins[(bins["period"] == "2023-24 Q3") & (bins["metric"] == "transactions_per_year")]
    assert q3[["value", "availability", "reason"]].to_dict("records") == [
        {"value": None, "availability": "not_available", "reason": "other"}
    ]
    assert "[x]" in q3["note"].iat[0]
    planning = frame[(frame["service"] == "gwy-planning")]
    q4 = planning[planning["period"] == "2023-24 Q4"]
    assert set(q4["availability"]) == {"not_applicable"}
    assert q4["reason"].isna().all()


def _wide_sums(path: Path, measure: str) -> dict[str, float]:
    """Per period, the sum of a measure's column as pandas reads the file."""
    frame = pd.read_csv(path, thousands=",", na_values=MARKERS, keep_default_na=False)
    sums = {}
    for column in frame.columns:
        found = period_column(column)
        if found and found.measure == measure:
            sums[found.period] = float(pd.to_numeric(frame[column]).sum())
    return sums


def _services(engine: Engine) -> None:
    """The services the files name, in the demo store's first organisation."""
    wide = pd.read_csv(PERFORMANCE, dtype=str)
    with engine.connect() as connection:
        org = connection.execute(text("SELECT code FROM organisation ORDER BY code")).scalar()
    lines = [
        "code,name_en,organisation,service_area,stage,contracting_type,"
        "digitisation_level,welsh_provision"
    ]
    for code, name in zip(wide["Service code"], wide["Service name"], strict=True):
        lines.append(f"{code},{name},{org},other,Long running,In house,2,Bilingual")
    data = ("\r\n".join(lines) + "\r\n").encode()
    job = pipeline.prepare(read_upload("services.csv", data))
    checked = pipeline.check(engine, job)
    assert not [p for p in pipeline.problems(job, checked) if p.is_error]
    pipeline.run(engine, job, checked, "Test steward")


def _stored_sums(engine: Engine, metric: str) -> dict[str, float]:
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT period, SUM(value) FROM metric_answer WHERE metric = :metric "
                "AND source = 'import' GROUP BY period"
            ),
            {"metric": metric},
        ).all()
    return {str(period): float(total) for period, total in rows}


@pytest.mark.parametrize("path", [PERFORMANCE, QUARTERLY], ids=["performance", "quarterly"])
def test_a_dry_run_on_an_empty_store_reports_every_row_and_writes_nothing(
    use_database, sqlite_store: Engine, tmp_path, path: Path
) -> None:  # type: ignore[no-untyped-def]
    use_database(str(sqlite_store.url))
    report = tmp_path / "report.csv"
    result = runner.invoke(app, ["data", "import", str(path), "--dry-run", "--report", str(report)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "wide period file" in result.output
    problems = pd.read_csv(report, encoding="utf-8-sig")
    rows = set(problems["Row"].dropna().astype(int))
    assert rows == set(range(2, 2 + len(pd.read_csv(path))))  # every service row, unknown
    with sqlite_store.connect() as connection:
        assert connection.execute(text("SELECT COUNT(*) FROM metric_answer")).scalar() == 0


def test_both_files_import_whole_and_store_what_pandas_sums(store: Engine) -> None:
    load_demo(store)
    _services(store)
    for path in (PERFORMANCE, QUARTERLY):
        job = pipeline.prepare(read_path(path))
        assert job.entity_name == "metric_answers"
        checked = pipeline.check(store, job)
        assert not [p for p in pipeline.problems(job, checked) if p.is_error]
        outcome = pipeline.run(store, job, checked, "Test steward")
        assert outcome.total.added == job.plans[0].sheet.row_count
        assert outcome.total.rejected == 0
    volumes = _stored_sums(store, "transactions_per_year")
    for path in (PERFORMANCE, QUARTERLY):
        for period, total in _wide_sums(path, "transactions_per_year").items():
            assert volumes[period] == pytest.approx(total)
    costs = _stored_sums(store, "cost_per_transaction")
    for period, total in _wide_sums(PERFORMANCE, "cost_per_transaction").items():
        assert costs[period] == pytest.approx(total)
    with store.connect() as connection:
        take_up = connection.execute(
            text(
                "SELECT a.value, a.period_months FROM metric_answer a JOIN service s "
                "ON s.id = a.service_id WHERE s.code = 'wg-fishing-licence' "
                "AND a.metric = 'digital_take_up' AND a.period = '2023-24 Q1'"
            )
        ).one()
        months = dict(
            connection.execute(
                text("SELECT DISTINCT period, period_months FROM metric_answer")
            ).all()
        )
    assert take_up.value == pytest.approx(5_888_000 / 6_400_000 * 100)
    assert take_up.period_months == 3
    assert months["April 2011 to March 2012"] == 12 and months["2024-25 Q1"] == 3


def test_a_file_of_digital_volumes_alone_says_why_nothing_is_imported() -> None:
    data = (
        b"Service code,2022-23: digital volume,2023-24: digital volume\r\nwg-blue-badge,100,200\r\n"
    )
    sheet = pipeline.prepare(read_upload("digital.csv", data)).plans[0].sheet
    assert sheet.row_count == 0
    assert any("digital volumes but no total volumes" in p.message for p in sheet.notes)


def test_no_marker_is_made_of_digits_so_figures_skip_the_marker_words() -> None:
    import re

    from dashboard.importing.wide_periods import _MARKERS

    # a cell of digits, commas and points reads as digits between spaces: never a marker
    assert not [m for m in _MARKERS if re.fullmatch(r"[0-9 ]*[0-9][0-9 ]*", m)]
    long = as_long(read_path(QUARTERLY).sheets[0]).frame
    assert "6,400,000" in set(long["value"])  # a figure with commas stays a figure
