"""Invariants of the demo data set: the discovery's shape, its gaps, its Welsh, its journeys."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from dashboard.common.queries import dataset_info, load_metric_answers, load_services
from db.demo.build import DEMO_SEED, is_empty, load_demo, reset
from db.models import Journey, Organisation, Service, SurveyResponse, SurveySectionProgress
from db.vocabulary import Sector


def _frame(engine: Engine, sql: str) -> pd.DataFrame:
    with engine.connect() as connection:
        return pd.DataFrame(connection.execute(text(sql)).mappings().all())


def test_about_four_hundred_services_across_every_sector(demo_engine: Engine) -> None:
    services = load_services(demo_engine)
    assert 350 <= len(services) <= 450
    by_sector = services["sector"].value_counts()
    assert set(by_sector.index) == {str(s) for s in Sector}
    assert (by_sector > 0).all()
    assert by_sector[Sector.LOCAL_AUTHORITY] > len(services) / 2  # most services are councils'


def test_real_welsh_organisations_with_welsh_names(demo_engine: Engine) -> None:
    orgs = _frame(demo_engine, "SELECT * FROM organisation")
    councils = orgs[orgs["org_type"] == "principal_council"]
    assert len(councils) == 22
    assert councils["name_cy"].notna().all()
    assert "Cyngor Sir Ynys Môn" in set(councils["name_cy"])
    assert (orgs["org_type"] == "local_health_board").sum() == 7
    assert "Welsh Government" in set(orgs["name_en"])
    assert set(orgs["sector"]) == {str(s) for s in Sector}
    assert orgs["name_cy"].isna().any()  # a realistic gap: some bodies lack a recorded Welsh name


def test_fifteen_deep_dives_two_thirds_submitted(demo_engine: Engine) -> None:
    services = load_services(demo_engine)
    deep = services[services["is_deep_dive"]]
    assert len(deep) == 15
    assert deep["sector"].nunique() == 5
    responses = _frame(
        demo_engine,
        "SELECT r.service_id, r.status, i.code FROM survey_response r "
        "JOIN survey_instrument i ON i.id = r.instrument_id",
    )
    generalist = responses[responses["code"] == "generalist"]
    assert set(generalist["service_id"]) == set(deep.index)
    assert len(generalist) == 15
    assert (generalist["status"] == "submitted").sum() == 10
    assert (generalist["status"] == "draft").sum() == 5


def test_about_120_technology_responses_as_in_the_alpha_most_submitted(
    demo_engine: Engine,
) -> None:
    responses = _frame(
        demo_engine,
        "SELECT r.service_id, r.status FROM survey_response r "
        "JOIN survey_instrument i ON i.id = r.instrument_id WHERE i.code = 'technology'",
    )
    assert 100 <= len(responses) <= 140
    assert (responses["status"] == "submitted").mean() > 0.7
    services = load_services(demo_engine).loc[responses["service_id"]]
    assert services["sector"].nunique() == 5  # every sector answered
    platforms = _frame(
        demo_engine,
        "SELECT a.value FROM survey_answer a JOIN survey_question q ON q.id = a.question_id "
        "WHERE q.code = 'main_platform'",
    )
    # invented generic products, several shared by many services
    assert platforms["value"].nunique() < len(platforms) / 2


def test_drafts_are_part_done_and_submissions_complete(demo_engine: Engine) -> None:
    with Session(demo_engine) as session:
        rows = session.exec(
            select(SurveyResponse.status, SurveySectionProgress.status, func.count())
            .join(SurveySectionProgress, SurveySectionProgress.response_id == SurveyResponse.id)
            .group_by(SurveyResponse.status, SurveySectionProgress.status)
        ).all()
    counts = {(r, s): n for r, s, n in rows}
    assert counts.get(("submitted", "in_progress"), 0) == 0
    assert counts.get(("submitted", "not_started"), 0) == 0
    assert counts[("draft", "complete")] > 0
    assert counts[("draft", "in_progress")] > 0


def test_volumetrics_and_cost_are_the_hardest_metrics_to_get(demo_engine: Engine) -> None:
    metrics = load_metric_answers(demo_engine)
    with_value = metrics["availability"].isin(["provided", "estimated"])
    share = with_value.groupby(metrics["metric"], observed=True).mean()
    assert share["cost_per_transaction"] < share["user_satisfaction"]
    assert share["transactions_per_year"] < share["users_per_year"]
    assert share.idxmin() == "cost_per_transaction"
    missing = metrics[metrics["availability"] == "not_available"]
    assert missing["reason"].notna().all()  # every gap says why
    reasons = set(missing["reason"])
    assert {"shared_system", "shared_contract", "not_measured"} <= reasons
    has_value = metrics[with_value]
    assert has_value["value"].notna().all() and (has_value["value"] >= 0).all()


def test_a_health_service_fans_out_into_dozens_of_journeys(demo_engine: Engine) -> None:
    with Session(demo_engine) as session:
        rows = session.exec(
            select(Organisation.sector, Service.id, func.count(Journey.id))
            .join(Service, Service.organisation_id == Organisation.id)
            .join(Journey, Journey.service_id == Service.id)
            .group_by(Organisation.sector, Service.id)
        ).all()
    health = [n for sector, _, n in rows if sector == Sector.HEALTH]
    assert max(health) >= 24
    deep_health = _frame(
        demo_engine,
        "SELECT s.id, COUNT(j.id) AS n FROM service s JOIN organisation o ON o.id = s.organisation_id "
        "JOIN journey j ON j.service_id = s.id WHERE s.is_deep_dive AND o.sector = 'health' "
        "GROUP BY s.id",
    )
    assert deep_health["n"].max() >= 24  # the deep-dive sample includes the fan-out case


def test_marked_as_demo_and_deterministic(demo_engine: Engine, sqlite_store: Engine) -> None:
    info = dataset_info(demo_engine)
    assert info.kind == "demo" and info.is_invented
    assert "invented" in info.label
    load_demo(sqlite_store, seed=DEMO_SEED)
    first = load_services(demo_engine)[["code", "digitisation_level", "service_type"]]
    second = load_services(sqlite_store)[["code", "digitisation_level", "service_type"]]
    pd.testing.assert_frame_equal(first, second)


def test_loading_again_replaces_and_reset_empties(sqlite_store: Engine) -> None:
    assert is_empty(sqlite_store)
    load_demo(sqlite_store)
    version = dataset_info(sqlite_store).data_version
    count = len(load_services(sqlite_store))
    load_demo(sqlite_store)
    assert len(load_services(sqlite_store)) == count  # replaced, not doubled
    assert dataset_info(sqlite_store).data_version > version
    reset(sqlite_store)
    assert is_empty(sqlite_store)
    assert dataset_info(sqlite_store).kind == "empty"


@pytest.mark.postgres
def test_demo_loads_on_postgresql(postgres_store: Engine, demo_engine: Engine) -> None:
    load_demo(postgres_store)
    pg = load_services(postgres_store)
    lite = load_services(demo_engine)
    assert len(pg) == len(lite)
    assert pg["code"].tolist() == lite["code"].tolist()
    with Session(postgres_store) as session:  # sequences moved past the bulk-inserted ids
        org = Organisation(
            code="new-body", name_en="New body", sector="third_sector", org_type="charity"
        )
        session.add(org)
        session.commit()
        assert org.id > len(_frame(demo_engine, "SELECT id FROM organisation"))


def test_every_demo_survey_answer_is_one_the_form_accepts(demo_engine: Engine) -> None:
    """An owner opening a demo survey must be able to save it again unchanged."""
    from dashboard.surveys.answers import parse_answer
    from dashboard.surveys.instrument import load_instrument
    from db.models import SurveyAnswer, SurveyInstrument, SurveyQuestion, SurveySection

    with Session(demo_engine) as session:
        rows = session.exec(
            select(SurveyInstrument.code, SurveyQuestion.code, SurveyAnswer.value)
            .join(SurveyQuestion, SurveyQuestion.id == SurveyAnswer.question_id)
            .join(SurveySection, SurveySection.id == SurveyQuestion.section_id)
            .join(SurveyInstrument, SurveyInstrument.id == SurveySection.instrument_id)
        ).all()
    instruments = {code: load_instrument(demo_engine, code) for code, _, _ in rows}
    kinds = set()
    refused = []
    for instrument, question_code, value in rows:
        question = instruments[instrument].questions[question_code]
        kinds.add(question.answer_type)
        parsed = parse_answer(question, value)
        if not parsed.ok:
            refused.append((instrument, question_code, value, parsed.error))
    assert {"multi_choice", "metric", "themes"} <= kinds
    assert refused == []


def test_a_handful_of_services_have_no_level_or_stage_recorded(demo_engine: Engine) -> None:
    """Not recorded is part of the demo, so every page shows how it treats an unknown."""
    services = _frame(demo_engine, "SELECT digitisation_level, stage, is_deep_dive FROM service")
    no_level = services["digitisation_level"].isna()
    no_stage = services["stage"].isna()
    assert no_level.sum() == 9
    assert no_stage.sum() == 4
    assert not services.loc[no_level | no_stage, "is_deep_dive"].astype(bool).any()
    assert services.loc[~no_level, "digitisation_level"].between(0, 4).all()


def test_councils_share_council_types_and_every_sector_has_its_own(demo_engine: Engine) -> None:
    """Most councils run most council types: one type is run by most of the 22 councils and
    every council type in the demo by more than one; health boards share health types; a few
    services have no type recorded (deep dives keep theirs)."""
    from db.demo.not_recorded import NO_TYPE
    from db.reference.service_types import service_type

    services = load_services(demo_engine)
    typed = services[services["service_type"].notna()]
    schemes = typed["service_type"].astype(str).map(lambda c: service_type(c).scheme)  # type: ignore[union-attr]
    councils = typed[typed["sector"] == "local_authority"]
    assert set(schemes[councils.index]) == {"council"}
    assert set(schemes[typed["sector"] == "health"]) == {"health"}
    assert set(schemes[typed["sector"].isin(["central_government", "third_sector"])]) == {"central"}
    run_by = councils.groupby("service_type", observed=True)["organisation_code"].nunique()
    assert run_by.max() > 22 / 2  # a type most councils run
    assert run_by.min() >= 2  # no council type in the demo stands alone
    assert len(run_by) >= 20
    health = typed[typed["org_type"] == "local_health_board"]
    boards = health.groupby("service_type", observed=True)["organisation_code"].nunique()
    assert boards.max() == 7  # a need every health board meets
    missing = services["service_type"].isna()
    assert int(missing.sum()) == NO_TYPE
    assert not services.loc[missing, "is_deep_dive"].any()


def test_two_rounds_with_believable_change_drawn_the_same_each_time(
    demo_engine: Engine, sqlite_store: Engine
) -> None:
    from dashboard.trends.compare import DOWN, UP, compare_rounds
    from dashboard.trends.states import load_state

    rounds = _frame(demo_engine, "SELECT code, name_en, name_cy, closed_at FROM review_round")
    assert rounds.sort_values("code")[["code", "name_en", "name_cy"]].values.tolist() == [
        ["discovery-2021", "Discovery 2021", "Darganfod 2021"],
        ["review-2025", "Review 2025", "Adolygiad 2025"],
    ]
    assert rounds.set_index("code")["closed_at"].isna().to_dict() == {
        "discovery-2021": False,
        "review-2025": True,
    }
    result = compare_rounds(
        load_state(demo_engine, "discovery-2021"), load_state(demo_engine, "current")
    )
    services = len(load_services(demo_engine))
    assert 0.8 * services < result.both < services  # some services joined since
    assert result.moved(UP) > 3 * result.moved(DOWN) > 0  # most moves are up, a few down
    shares = result.end_to_end()
    assert shares is not None and shares[1] > shares[0]
    assert (result.themes["change"] > 0).any() and (result.themes["change"] < 0).any()
    load_demo(sqlite_store, seed=DEMO_SEED)
    query = "SELECT service_id, digitisation_level FROM round_service ORDER BY service_id"
    pd.testing.assert_frame_equal(_frame(demo_engine, query), _frame(sqlite_store, query))
    themes = "SELECT service_id, theme_id, severity FROM round_service_theme ORDER BY 1, 2"
    pd.testing.assert_frame_equal(_frame(demo_engine, themes), _frame(sqlite_store, themes))


def _every_period(engine: Engine) -> pd.DataFrame:
    return _frame(
        engine,
        "SELECT m.service_id, m.metric, m.value, m.availability, m.period, m.period_months "
        "FROM metric_answer m",
    )


def test_three_yearly_periods_of_metric_figures(demo_engine: Engine) -> None:
    answers = _every_period(demo_engine)
    dated = answers[answers["period"] != ""]
    assert set(dated["period"]) == {"2022-23", "2023-24", "2024-25"}
    assert (dated["period_months"] == 12).all()
    per_service = dated.groupby("service_id")["period"].nunique()
    assert (per_service == 3).sum() > 50  # many services report all three years
    assert (per_service == 1).sum() > 10  # some appear only in a later period
    # some early figures were not collected yet
    early = dated[dated["period"] == "2022-23"]
    assert (early["availability"] == "not_collected").any()


def test_the_latest_figures_are_what_the_pages_count(demo_engine: Engine) -> None:
    """History adds earlier years only: each service's latest answer is one row per metric."""
    latest = load_metric_answers(demo_engine)
    assert not latest.duplicated(["service_id", "metric"]).any()
    assert (latest["period"].astype(str).isin({"", "2022-23", "2023-24", "2024-25"})).all()
    dated = latest["period"].astype(str)
    assert (dated[dated != ""] == "2024-25").mean() > 0.6


def test_change_between_periods_is_believable(demo_engine: Engine) -> None:
    """Over the services giving a figure in both years: take-up and completion rise a few
    points, cost per transaction falls, and nothing leaves its bounds."""
    answers = _every_period(demo_engine)
    given = answers[answers["value"].notna()]

    def paired(metric: str) -> pd.DataFrame:
        rows = given[given["metric"] == metric]
        wide = rows.pivot_table(index="service_id", columns="period", values="value")
        return wide[["2023-24", "2024-25"]].dropna()

    take_up = paired("digital_take_up")
    rise = (take_up["2024-25"] - take_up["2023-24"]).median()
    assert 1 <= rise <= 8
    completion = paired("completion_rate")
    assert 0 < (completion["2024-25"] - completion["2023-24"]).median() <= 5
    cost = paired("cost_per_transaction")
    assert (cost["2024-25"] / cost["2023-24"]).median() < 1
    for metric, low, high in (
        ("digital_take_up", 0, 100),
        ("completion_rate", 5, 100),
        ("user_satisfaction", 10, 100),
    ):
        values = given.loc[given["metric"] == metric, "value"]
        assert values.between(low, high).all(), metric
    assert (given["value"] >= 0).all()
