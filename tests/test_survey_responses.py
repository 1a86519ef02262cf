"""Saving survey answers: all or nothing, merged unless the same answer changed, shared only
through valid links checked at every write, and a submitted survey feeding the catalogue.
Each runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import text, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from dashboard.surveys import links, responses
from dashboard.surveys.links import Access, AccessDenied
from dashboard.surveys.responses import Closed, Incomplete, Invalid, Response, Stale
from db.dataset import read_data_version
from db.demo.build import load_demo
from db.models import MetricAnswer, Service, SurveyLink
from db.models.columns import utcnow
from tests.survey_answers import FIGURES


@pytest.fixture
def demo_store(store: Engine) -> Engine:
    load_demo(store)
    return store


def _unsurveyed_service(engine: Engine) -> str:
    with engine.connect() as connection:
        return connection.execute(
            text(
                "SELECT code FROM service WHERE id NOT IN (SELECT service_id FROM survey_response)"
                " ORDER BY code LIMIT 1"
            )
        ).scalar_one()


def _owner(engine: Engine, instrument: str = "generalist") -> tuple[Access, str]:
    code = _unsurveyed_service(engine)
    response_id = responses.ensure_response(engine, code, instrument)
    token = links.create_link(engine, response_id, links.OWNER, "Owner", "test", days=30)
    return links.resolve(engine, token), code


def _with_dana(engine: Engine) -> tuple[Access, Access, Response, Response]:
    """The owner and Dana, a colleague the survey is shared with, each with the survey as they
    opened it at the same moment: (owner, Dana, owner's view, Dana's view)."""
    access, _ = _owner(engine)
    colleague = links.resolve(engine, links.share(engine, access, "Dana", days=7))
    mine = responses.load_response(engine, access)
    theirs = responses.load_response(engine, colleague)
    return access, colleague, mine, theirs


def _table_counts(engine: Engine) -> dict[str, int]:
    tables = ("survey_response", "survey_answer", "survey_section_progress", "metric_answer")
    with engine.connect() as connection:
        return {
            t: connection.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one() for t in tables
        }


ABOUT = {
    "service_name": "Report a pothole",
    "service_summary": "Residents report potholes; crews fix them.",
    "service_stage": "long_running",
    "digitisation_level": "2",
}


def test_answers_saved_survive_reopening(demo_store: Engine) -> None:
    access, _ = _owner(demo_store)
    start = responses.load_response(demo_store, access)
    assert start.answers == {} and start.version == 1
    saved = responses.save_answers(
        demo_store, access, access.response_id, ABOUT, start.version, start.answers
    )
    assert saved.version == 2
    again = responses.load_response(demo_store, access)  # a new session, same link
    assert again.answers["service_name"] == "Report a pothole"
    assert again.answers["digitisation_level"] == "2"
    assert again.statuses["about_service"] == "complete"
    assert again.progress_line == "1 of 7 sections complete"
    assert again.authors["service_name"][0] == "Owner"


def test_one_bad_answer_means_nothing_is_saved(demo_store: Engine) -> None:
    access, _ = _owner(demo_store)
    start = responses.load_response(demo_store, access)
    responses.save_answers(demo_store, access, access.response_id, {"service_name": "Kept"}, 1, {})
    before = _table_counts(demo_store)
    with pytest.raises(Invalid) as refused:
        responses.save_answers(
            demo_store,
            access,
            access.response_id,
            {
                "service_name": "Changed",
                "completion_rate": {"value": "185%", "availability": "provided"},
                "users_per_year": {"value": "-4"},
            },
            2,
            {"service_name": "Kept"},
        )
    assert set(refused.value.errors) == {"completion_rate", "users_per_year"}
    assert "between 0 and 100" in refused.value.errors["completion_rate"]
    after = responses.load_response(demo_store, access)
    assert after.answers == {"service_name": "Kept"} and after.version == 2
    assert _table_counts(demo_store) == before
    assert start.id == after.id


def test_stale_save_is_refused_showing_what_changed(demo_store: Engine) -> None:
    access, colleague, mine, theirs = _with_dana(demo_store)
    responses.save_answers(
        demo_store,
        colleague,
        colleague.response_id,
        {"service_name": "Their name"},
        theirs.version,
        theirs.answers,
    )
    with pytest.raises(Stale) as refused:
        responses.save_answers(
            demo_store,
            access,
            access.response_id,
            {"service_name": "My name"},
            mine.version,
            mine.answers,
        )
    [change] = refused.value.changes
    assert change.question.code == "service_name"
    assert (change.yours_before, change.theirs, change.by) == (None, "Their name", "Dana")
    assert "Somebody else changed 1 of the same answers" in str(refused.value)
    assert responses.load_response(demo_store, access).answers["service_name"] == "Their name"
    # after loading their changes, the same save goes through on the new version
    fresh = refused.value.current
    merged = responses.save_answers(
        demo_store,
        access,
        access.response_id,
        {"service_name": "My name"},
        fresh.version,
        fresh.answers,
    )
    assert merged.answers["service_name"] == "My name"


def test_two_real_concurrent_writers_never_overwrite_each_other(demo_store: Engine) -> None:
    """Two threads with their own connections save from the same version at the same moment:
    exactly one wins, the other is told, and the winner's answer is what is stored."""
    access, _ = _owner(demo_store)
    colleague = links.resolve(demo_store, links.share(demo_store, access, "Sam", days=7))
    base = responses.load_response(demo_store, access)
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def write(who: Access, name: str) -> None:
        barrier.wait()
        try:
            responses.save_answers(
                demo_store, who, who.response_id, {"service_name": name}, base.version, {}
            )
            outcomes[name] = "saved"
        except Stale:
            outcomes[name] = "stale"

    threads = [
        threading.Thread(target=write, args=(access, "Owner's")),
        threading.Thread(target=write, args=(colleague, "Sam's")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes.values()) == ["saved", "stale"]
    winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
    final = responses.load_response(demo_store, access)
    assert final.answers["service_name"] == winner
    assert final.version == base.version + 1


def test_links_open_one_survey_only(demo_store: Engine) -> None:
    access, _ = _owner(demo_store)
    other_id = responses.ensure_response(demo_store, _unsurveyed_service(demo_store), "generalist")
    assert other_id != access.response_id
    with pytest.raises(AccessDenied, match="needs the survey link"):
        links.resolve(demo_store, None)
    with pytest.raises(AccessDenied, match="not valid"):
        links.resolve(demo_store, "x" * 32)
    with pytest.raises(AccessDenied, match="not valid"):
        links.resolve(demo_store, "short")
    # a valid link of another survey cannot be used to write this one
    foreign = Access(response_id=other_id, role="editor", who="intruder")
    with pytest.raises(AccessDenied, match="different survey"):
        responses.save_answers(
            demo_store, foreign, access.response_id, {"service_name": "X"}, 1, {}
        )
    with pytest.raises(AccessDenied, match="different survey"):
        responses.load_response(demo_store, foreign, access.response_id)
    # a made-up access with no link behind it cannot write either
    with pytest.raises(AccessDenied):
        responses.save_answers(demo_store, foreign, other_id, {"service_name": "X"}, 1, {})
    other_token = links.create_link(demo_store, other_id, links.EDITOR, "Other", "t", days=3)
    other = links.resolve(demo_store, other_token)
    assert other.response_id == other_id and other.role == "editor"
    responses.save_answers(demo_store, other, other.response_id, {"service_name": "Theirs"}, 1, {})
    assert "service_name" not in responses.load_response(demo_store, access).answers
    # editors cannot share, withdraw or submit
    with pytest.raises(AccessDenied):
        links.share(demo_store, other, "friend")
    with pytest.raises(AccessDenied):
        responses.submit(demo_store, other, other.response_id, 2)


def test_expired_and_revoked_links_are_refused(demo_store: Engine) -> None:
    access, _ = _owner(demo_store)
    token = links.share(demo_store, access, "Temp", days=1)
    granted = links.resolve(demo_store, token)
    later = utcnow() + timedelta(days=2)
    with pytest.raises(AccessDenied, match="expired"):
        links.resolve(demo_store, token, now=later)
    links.revoke(demo_store, access, granted.link_id)
    with pytest.raises(AccessDenied, match="withdrawn"):
        links.resolve(demo_store, token)
    listed = links.list_links(demo_store, access)
    assert set(listed["state"]) == {"active", "withdrawn"}
    assert "token_hash" not in listed.columns
    with demo_store.connect() as connection:
        stored = connection.execute(select(SurveyLink.token_hash)).scalars().all()
    assert token not in stored and links.hash_token(token) in stored


def test_submit_checks_required_answers_then_feeds_the_catalogue(demo_store: Engine) -> None:
    access, code = _owner(demo_store)
    state = responses.save_answers(demo_store, access, access.response_id, ABOUT, 1, {})
    with pytest.raises(Incomplete) as refused:
        responses.submit(demo_store, access, access.response_id, state.version)
    missing = {m.question.code for m in refused.value.missing}
    assert "user_types" in missing and "cost_per_transaction" in missing
    metrics = {
        **FIGURES,
        "cost_per_transaction": {"availability": "not_available", "reason": "shared_contract"},
    }
    state = responses.save_answers(
        demo_store,
        access,
        access.response_id,
        {"user_types": ["citizens"], **metrics},
        state.version,
        state.answers,
    )
    version_before = read_data_version(demo_store)
    done = responses.submit(demo_store, access, access.response_id, state.version)
    assert done.status == "submitted" and done.submitted_at is not None
    assert read_data_version(demo_store) == version_before + 1
    with Session(demo_store) as session:
        service = session.exec(select(Service).where(Service.code == code)).one()
        cost = session.exec(
            select(MetricAnswer).where(
                MetricAnswer.service_id == service.id, MetricAnswer.metric == "cost_per_transaction"
            )
        ).one()
    assert service.name_en == "Report a pothole" and service.digitisation_level == 2
    assert (cost.availability, cost.reason, cost.source) == (
        "not_available",
        "shared_contract",
        "survey",
    )
    with pytest.raises(Closed):
        responses.save_answers(
            demo_store, access, access.response_id, {"service_name": "late"}, done.version, {}
        )
    submitted_version = read_data_version(demo_store)
    reopened = responses.reopen(demo_store, access, access.response_id)
    assert reopened.status == "draft" and reopened.answers["service_name"] == "Report a pothole"
    # the Insight pages count submitted answers only: reopening moves the data version on
    assert read_data_version(demo_store) == submitted_version + 1


def test_a_link_of_a_survey_deleted_with_its_service_is_refused(demo_store: Engine) -> None:
    access, code = _owner(demo_store)
    token = links.share(demo_store, access, "Someone", days=5)
    with demo_store.begin() as connection:
        connection.execute(update(Service).where(Service.code == code).values(name_en="X"))
        connection.execute(text("DELETE FROM service WHERE code = :c"), {"c": code})
    with pytest.raises(AccessDenied):
        responses.load_response(demo_store, links.resolve(demo_store, token))


def test_colleagues_changing_different_answers_are_merged(demo_store: Engine) -> None:
    """Both start from the same version; each changes other questions: both land."""
    access, colleague, mine, theirs = _with_dana(demo_store)
    responses.save_answers(
        demo_store, colleague, colleague.response_id, {"user_need": "Theirs"}, theirs.version, {}
    )
    merged = responses.save_answers(
        demo_store, access, access.response_id, {"service_name": "Mine"}, mine.version, {}
    )
    assert merged.answers == {"user_need": "Theirs", "service_name": "Mine"}
    assert merged.version == mine.version + 2
    # the same answer changed by both is a true overlap, unless the saver chose to overwrite
    with pytest.raises(Stale) as refused:
        responses.save_answers(
            demo_store, colleague, colleague.response_id, {"service_name": "Dana's"}, 2, {}
        )
    assert [c.question.code for c in refused.value.changes] == ["service_name"]
    assert refused.value.changes[0].theirs == "Mine"
    assert responses.load_response(demo_store, access).answers["service_name"] == "Mine"
    kept = responses.save_answers(
        demo_store,
        colleague,
        colleague.response_id,
        {"service_name": "Dana's"},
        2,
        {},
        overwrite={"service_name"},
    )
    assert kept.answers["service_name"] == "Dana's" and kept.answers["user_need"] == "Theirs"


def test_a_link_withdrawn_while_the_page_is_open_cannot_save(demo_store: Engine) -> None:
    access, _ = _owner(demo_store)
    colleague = links.resolve(demo_store, links.share(demo_store, access, "Eli", days=7))
    page = responses.load_response(demo_store, colleague)  # the colleague's page is open
    links.revoke(demo_store, access, colleague.link_id)
    with pytest.raises(AccessDenied, match="withdrawn"):
        responses.save_answers(
            demo_store, colleague, colleague.response_id, {"user_need": "Late"}, page.version, {}
        )
    assert "user_need" not in responses.load_response(demo_store, access).answers
    # an expired link is refused the same way, inside the write
    later = links.resolve(demo_store, links.share(demo_store, access, "Fi", days=1))
    with demo_store.begin() as connection:
        connection.execute(
            update(SurveyLink)
            .where(SurveyLink.id == later.link_id)
            .values(expires_at=utcnow() - timedelta(minutes=1))
        )
    with pytest.raises(AccessDenied, match="expired"):
        responses.save_answers(
            demo_store, later, later.response_id, {"user_need": "Late"}, page.version, {}
        )


def test_a_section_of_optional_questions_needs_every_answer_or_a_mark(demo_store: Engine) -> None:
    access, _ = _owner(demo_store, "technology")
    state = responses.save_answers(demo_store, access, access.response_id, {"apis": "uses"}, 1, {})
    assert state.statuses["components_integration"] == "in_progress"
    marked = responses.mark_section(
        demo_store, access, access.response_id, "components_integration", True
    )
    assert marked.statuses["components_integration"] == "complete"
    assert marked.progress_line == "1 of 6 sections complete"
    # the mark survives other saves and a new session
    later = responses.save_answers(
        demo_store, access, access.response_id, {"main_platform": "Civica"}, marked.version, {}
    )
    assert later.statuses["components_integration"] == "complete"
    assert responses.load_response(demo_store, access).marked_done == {"components_integration"}
    undone = responses.mark_section(
        demo_store, access, access.response_id, "components_integration", False
    )
    assert undone.statuses["components_integration"] == "in_progress"
    with pytest.raises(ValueError):  # a section with required questions is never marked
        responses.mark_section(demo_store, access, access.response_id, "platforms_hosting", True)


def test_metric_figures_survive_reopening_and_show_their_units(demo_store: Engine) -> None:
    from dashboard.surveys.answers import display

    access, _ = _owner(demo_store)
    saved = responses.save_answers(
        demo_store,
        access,
        access.response_id,
        {
            "users_per_year": {"value": "12,500", "period": "2024-25"},
            "digital_take_up": {"value": "85%"},
            "cost_per_transaction": {"value": "£3.40", "availability": "estimated"},
        },
        1,
        {},
    )
    questions = saved.instrument.questions
    again = responses.load_response(demo_store, access)
    assert display(questions["users_per_year"], again.answers["users_per_year"]) == (
        "12,500 a year (provided, 2024-25)"
    )
    assert display(questions["digital_take_up"], again.answers["digital_take_up"]) == (
        "85% (provided)"
    )
    assert display(questions["cost_per_transaction"], again.answers["cost_per_transaction"]) == (
        "£3.40 (estimated)"
    )


def test_an_answer_cleared_before_submitting_clears_the_catalogue(demo_store: Engine) -> None:
    from db.models import ServiceChannel

    access, code = _owner(demo_store)
    metrics = {
        m: {"availability": "not_collected"}
        for m in (
            "users_per_year",
            "transactions_per_year",
            "digital_take_up",
            "completion_rate",
            "cost_per_transaction",
            "user_satisfaction",
        )
    }
    first = {**ABOUT, "user_types": ["citizens"], **metrics}
    first |= {"user_need": "A need", "channels": ["online", "phone"]}
    state = responses.save_answers(demo_store, access, access.response_id, first, 1, {})
    done = responses.submit(demo_store, access, access.response_id, state.version)
    with Session(demo_store) as session:
        service = session.exec(select(Service).where(Service.code == code)).one()
        assert service.user_need == "A need"
    reopened = responses.reopen(demo_store, access, access.response_id)
    assert done.status == "submitted" and reopened.status == "draft"
    cleared = responses.save_answers(
        demo_store,
        access,
        access.response_id,
        {"user_need": "", "channels": []},
        reopened.version,
        reopened.answers,
    )
    assert "user_need" not in cleared.answers and cleared.cleared == {"user_need", "channels"}
    responses.submit(demo_store, access, access.response_id, cleared.version)
    with Session(demo_store) as session:
        service = session.exec(select(Service).where(Service.code == code)).one()
        channels = session.exec(
            select(ServiceChannel).where(ServiceChannel.service_id == service.id)
        ).all()
    assert service.user_need is None and channels == []
    # a question never answered leaves the catalogue's value alone
    assert service.welsh_provision
