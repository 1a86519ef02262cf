"""The Survey page driven through its widgets: links, autosave that survives a new session,
field messages, the conflict of two editors, the coordinator's sign-in, status elsewhere."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from dashboard.surveys import links, responses
from db.engine import make_engine

APP = str(Path(__file__).resolve().parents[1] / "app.py")
ADMIN_SECRET = "correct-horse-battery-staple"


@pytest.fixture
def survey_db(demo_db_url: str, tmp_path: Path, use_database) -> Engine:  # type: ignore[no-untyped-def]
    """A private copy of the demo store that this test may write to."""
    source = Path(demo_db_url.removeprefix("sqlite:///"))
    copy = tmp_path / "survey.sqlite3"
    shutil.copy(source, copy)
    url = f"sqlite:///{copy}"
    use_database(url)
    engine = make_engine(url)
    yield engine
    engine.dispose()


def _service_without_survey(engine: Engine) -> str:
    from sqlalchemy import text

    with engine.connect() as connection:
        return connection.execute(
            text(
                "SELECT code FROM service WHERE NOT is_deep_dive AND id NOT IN "
                "(SELECT service_id FROM survey_response) ORDER BY code LIMIT 1"
            )
        ).scalar_one()


def _owner_token(engine: Engine) -> tuple[str, str]:
    code = _service_without_survey(engine)
    response_id = responses.ensure_response(engine, code, "generalist")
    return links.create_link(engine, response_id, links.OWNER, "Rhian", "test"), code


def _open(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.switch_page("pages/survey.py")
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, at.exception
    return at


def _text(at: AppTest, question: str, part: str = ""):  # type: ignore[no-untyped-def]
    return at.text_input(key=f"q_{question}{'__' + part if part else ''}")


def test_without_a_link_the_page_explains_and_offers_blank_surveys(survey_db: Engine) -> None:
    at = _open()
    body = " ".join(m.value for m in at.markdown) + " ".join(i.value for i in at.info)
    assert "use the link you were sent" in body
    assert all(w.key != "q_service_name" for w in at.text_input)


def test_a_wrong_link_says_so(survey_db: Engine) -> None:
    at = _open(token="not-a-real-token-but-long-enough")
    assert "not valid" in at.error[0].value
    assert all(w.key != "q_service_name" for w in at.text_input)


def test_answers_save_as_you_go_and_survive_a_new_session(survey_db: Engine) -> None:
    token, _ = _owner_token(survey_db)
    at = _open(token=token)
    assert "0 of 7 sections complete" in at.get("progress")[0].proto.text
    _text(at, "service_name").input("Renew a parking permit").run()
    at.text_area(key="q_service_summary").input("Residents renew <b>online</b>.").run()
    at.selectbox(key="q_service_stage").select("long_running").run()
    at.selectbox(key="q_digitisation_level").select("2").run()
    assert not at.exception
    assert "1 of 7 sections complete" in at.get("progress")[0].proto.text
    # the tab is closed: a brand-new session with the same link finds every answer
    resumed = _open(token=token)
    assert resumed.header[0].value == "2. Users"  # resumes at the first section not complete
    again = _open(token=token, section="about_service")
    assert _text(again, "service_name").value == "Renew a parking permit"
    assert again.text_area(key="q_service_summary").value == "Residents renew <b>online</b>."
    assert again.selectbox(key="q_digitisation_level").value == "2"


def test_bad_values_get_a_message_next_to_the_field_and_nothing_is_saved(
    survey_db: Engine,
) -> None:
    token, _ = _owner_token(survey_db)
    at = _open(token=token, section="performance_metrics")
    _text(at, "completion_rate", "value").input("185%").run()
    assert any("between 0 and 100" in e.value for e in at.error)
    _text(at, "users_per_year", "value").input("n/a").run()
    assert any("leave it blank and say why" in e.value for e in at.error)
    stored = responses.load_response(survey_db, links.resolve(survey_db, token))
    assert "completion_rate" not in stored.answers and "users_per_year" not in stored.answers
    # the typed values stay on screen to correct
    assert _text(at, "completion_rate", "value").value == "185%"
    _text(at, "completion_rate", "value").input("85%").run()
    assert not any("between 0 and 100" in e.value for e in at.error)
    stored = responses.load_response(survey_db, links.resolve(survey_db, token))
    assert stored.answers["completion_rate"]["value"] == 85.0


def test_a_colleagues_save_in_between_is_shown_and_mine_is_kept(survey_db: Engine) -> None:
    token, _ = _owner_token(survey_db)
    at = _open(token=token)
    owner = links.resolve(survey_db, token)
    colleague = links.resolve(survey_db, links.share(survey_db, owner, "Dafydd", 7))
    responses.save_answers(
        survey_db, colleague, colleague.response_id, {"service_name": "Dafydd's name"}, 1, {}
    )
    _text(at, "service_name").input("Rhian's name").run()
    warning = " ".join(w.value for w in at.warning)
    assert "Somebody else saved this survey" in warning
    assert _text(at, "service_name").value == "Rhian's name"  # still on screen
    assert responses.load_response(survey_db, owner).answers["service_name"] == "Dafydd's name"
    at.button(key="conflict_keep").click().run()
    assert responses.load_response(survey_db, owner).answers["service_name"] == "Rhian's name"
    assert not any("Somebody else saved" in w.value for w in at.warning)


def test_owner_shares_a_team_link_and_can_withdraw_it(survey_db: Engine) -> None:
    token, _ = _owner_token(survey_db)
    at = _open(token=token)
    at.sidebar.text_input[0].input("Finance lead")
    submit = next(b for b in at.sidebar.button if "Create team link" in b.label)
    submit.click().run()
    shared = next(c.value for c in at.sidebar.code)
    assert "/survey?token=" in shared
    team_token = shared.split("token=")[1].strip()
    team = links.resolve(survey_db, team_token)
    assert team.role == "editor" and team.who == "Finance lead"
    colleague_view = _open(token=team_token)
    assert all("Create team link" not in b.label for b in colleague_view.sidebar.button)


def test_coordinator_signs_in_and_creates_an_owner_link(
    survey_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANDSCAPE_ADMIN_TOKEN", ADMIN_SECRET)
    at = _open()
    for attempt in ("wrong guess here", ADMIN_SECRET):
        next(t for t in at.text_input if t.label == "Administrator credential").input(attempt)
        next(b for b in at.button if b.label == "Sign in").click().run()
        if attempt != ADMIN_SECRET:
            assert any("not right" in e.value for e in at.error)
            assert all(b.label != "Create owner link" for b in at.button)
    next(b for b in at.button if b.label == "Create owner link").click().run()
    assert not at.exception
    link = at.code[0].value
    assert links.resolve(survey_db, link.split("token=")[1]).role == "owner"


def test_without_a_configured_credential_nobody_can_sign_in(survey_db: Engine) -> None:
    at = _open()
    assert any("sign-in is switched off" in i.value for i in at.info)
    assert all(t.label != "Administrator credential" for t in at.text_input)


def test_survey_progress_shows_in_the_service_detail(survey_db: Engine) -> None:
    token, code = _owner_token(survey_db)
    at = _open(token=token)
    _text(at, "service_name").input("Renamed in the survey").run()
    detail = AppTest.from_file(APP, default_timeout=30)
    detail.query_params["service"] = code
    detail.run()
    detail.switch_page("pages/catalogue.py").run()
    frames = [f.value for f in detail.dataframe]
    surveys = next(f for f in frames if "Sections complete" in f.columns)
    row = surveys.iloc[0]
    assert row["Status"] == "In progress" and row["Sections complete"].startswith("0 of 7")
