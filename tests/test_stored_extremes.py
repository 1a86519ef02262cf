"""Pages survive any value already in the store: values put there with SQL, past every
check an import or a survey applies (a figure of 1e308, whole numbers at the top of the
64-bit range, a survey submitted in the year 1), and Prioritise, the Catalogue's detail view
and the survey page still draw, without an exception, for every visitor."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from dashboard.surveys import links
from db.engine import make_engine
from tests.conftest import writable_demo

APP = str(Path(__file__).resolve().parents[1] / "app.py")
LARGEST_INTEGER = 2**63 - 1


@pytest.fixture
def odd_store(demo_db_url: str, tmp_path: Path, use_database) -> tuple[Engine, str, str]:  # type: ignore[no-untyped-def]
    """A copy of the demo store with extreme values written straight in; (engine, the
    service holding them, an owner token for its survey)."""
    url = writable_demo(demo_db_url, tmp_path, "odd.sqlite3")
    use_database(url)
    engine = make_engine(url)
    with engine.begin() as connection:
        service_id, code, response_id = connection.execute(
            text(
                "SELECT s.id, s.code, r.id FROM service s JOIN survey_response r "
                "ON r.service_id = s.id JOIN survey_instrument i ON i.id = r.instrument_id "
                "WHERE i.code = 'generalist' ORDER BY s.code LIMIT 1"
            )
        ).one()
        connection.execute(
            text(
                "UPDATE metric_answer SET value = 1e308, availability = 'provided', reason = NULL, "
                "period_months = :big WHERE metric IN ('users_per_year', "
                "'transactions_per_year')"
            ),
            {"big": LARGEST_INTEGER},
        )
        connection.execute(
            text("UPDATE journey SET position = :big WHERE service_id = :id"),
            {"big": LARGEST_INTEGER, "id": service_id},
        )
        connection.execute(
            text(
                "UPDATE survey_response SET submitted_at = '0001-01-01 00:00:00.000000', "
                "updated_at = '0001-01-01 00:00:00.000000', "
                "created_at = '0001-01-01 00:00:00.000000' WHERE id = :id"
            ),
            {"id": response_id},
        )
    token = links.create_link(engine, response_id, links.OWNER, "Owner", "test")
    yield engine, code, token
    engine.dispose()


def _drawn(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def test_prioritise_draws_with_a_figure_of_1e308(odd_store: tuple[Engine, str, str]) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/prioritise.py").run()
    _drawn(at)
    assert at.title and at.dataframe  # the ranking is there


def test_the_catalogue_detail_view_draws_the_service_holding_them(
    odd_store: tuple[Engine, str, str],
) -> None:
    _engine, code, _token = odd_store
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["service"] = code
    at.run()
    at.switch_page("pages/catalogue.py").run()
    _drawn(at)


def test_the_survey_page_opens_a_survey_submitted_in_the_year_1(
    odd_store: tuple[Engine, str, str],
) -> None:
    _engine, _code, token = odd_store
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/survey.py")
    at.query_params["token"] = token
    at.run()
    _drawn(at)
    assert at.title
