"""The Overview page, run through Streamlit's AppTest against real stores."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.headline import headline
from dashboard.queries import load_metric_answers, load_services, load_survey_progress
from db import migrate

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def _run(timeout: float = 30) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.run()
    return at


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_overview_shows_the_headline_figures_of_the_store(use_database, demo_db_url, demo_engine):  # type: ignore[no-untyped-def]
    use_database(demo_db_url)
    at = _run()
    assert not at.exception
    expected = headline(
        load_services(demo_engine),
        load_metric_answers(demo_engine),
        load_survey_progress(demo_engine),
    )
    assert at.title[0].value == "Digital public services in Wales"
    assert _metric(at, "Services") == f"{expected.services:,}"
    assert _metric(at, "Organisations") == f"{expected.organisations:,}"
    assert _metric(at, "Deep dives surveyed") == f"{expected.deep_dives_surveyed} of 15"
    assert _metric(at, "Digital end to end") == f"{expected.share_end_to_end:.0%}"
    assert _metric(at, "Metrics provided") == f"{expected.share_metrics_with_value:.0%}"


def test_demo_data_is_announced_as_illustrative(use_database, demo_db_url):  # type: ignore[no-untyped-def]
    use_database(demo_db_url)
    at = _run()
    notices = " ".join(w.value for w in at.warning)
    assert "Illustrative data" in notices
    assert "invented" in notices


def test_real_data_carries_no_demo_notice(use_database, sqlite_store, tmp_path):  # type: ignore[no-untyped-def]
    from db.dataset import stamp_dataset
    from db.engine import write_session

    with write_session(sqlite_store) as session:
        stamp_dataset(session, "real", "Imported catalogue")
    use_database(str(sqlite_store.url))
    at = _run()
    assert not at.exception
    assert not any("Illustrative data" in w.value for w in at.warning)
    assert _metric(at, "Services") == "0"


def test_unreachable_store_gives_a_message_not_a_traceback(use_database):  # type: ignore[no-untyped-def]
    use_database("postgresql://nobody@127.0.0.1:9/nowhere")
    at = _run()
    assert not at.exception
    message = at.error[0].value
    assert "cannot be reached" in message
    assert "DATABASE_URL" in message


def test_outdated_schema_says_what_to_run(use_database, tmp_path):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    migrate.upgrade(url, "0001")
    use_database(url)
    at = _run()
    assert not at.exception
    assert "landscape db upgrade" in at.error[0].value


def test_headline_figures_follow_the_shared_filter(use_database, demo_db_url, demo_engine):  # type: ignore[no-untyped-def]
    from dashboard.filters import Filter, match
    from dashboard.queries import load_memberships

    use_database(demo_db_url)
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["sector"] = "health"
    at.run()
    assert not at.exception
    services = load_services(demo_engine)
    health = services[match(services, load_memberships(demo_engine), Filter(sectors=("health",)))]
    expected = headline(health, load_metric_answers(demo_engine), load_survey_progress(demo_engine))
    assert _metric(at, "Services") == f"{expected.services:,}"
    assert expected.services < len(services)
    assert _metric(at, "Deep dives surveyed").endswith(f"of {expected.deep_dives_planned}")
    assert any("Sector: Health" in m.value for m in at.markdown)
