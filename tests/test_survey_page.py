"""The Survey page driven through its widgets: links, autosave that survives a new session,
moving between sections without losing anything, field messages, the conflict of two editors,
withdrawn links, the coordinator's sign-in, Welsh, status elsewhere."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import text
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from dashboard.common import audit
from dashboard.common.i18n import catalogue, using
from dashboard.common.markdown_text import plain
from dashboard.surveys import links, responses
from dashboard.surveys.instrument import load_instrument
from db.engine import make_engine
from tests.app_downloads import record_downloads
from tests.on_demand import open_expanders
from tests.survey_answers import PAYLOAD, REQUIRED_BUT_NAME_AND_SUMMARY
from tests.survey_links import a_colleague_saves, owner_link

APP = str(Path(__file__).resolve().parents[1] / "app.py")
ADMIN_SECRET = "correct-horse-battery-staple"
#: Every required answer of the generalist survey except the service's name.
REQUIRED_BUT_THE_NAME = {
    "service_summary": "Residents renew permits.",
    **REQUIRED_BUT_NAME_AND_SUMMARY,
}


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


def _owner_token(engine: Engine) -> tuple[str, str]:
    """A survey of a service that is not a deep dive, opened by Rhian, its owner."""
    return owner_link(engine, deep_dive=False, who="Rhian")


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


def _click(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception
    return at


def _stored(engine: Engine, token: str) -> dict:
    return responses.load_response(engine, links.resolve(engine, token)).answers


def _link_to(engine: Engine, service_code: str, instrument: str = "generalist") -> str:
    response_id = responses.find_response(engine, service_code, instrument)
    assert response_id is not None
    return links.create_link(engine, response_id, links.OWNER, "Owner", "test")


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
    assert resumed.subheader[0].value == "2. Users"  # resumes at the first section not complete
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


def _open_then_a_colleague_saves(engine: Engine, answers: dict[str, str]) -> tuple[AppTest, str]:
    """Rhian opens her survey (the page and her link's token); then Dafydd, a colleague she
    shared it with, saves `answers` before she saves anything."""
    token, _ = _owner_token(engine)
    at = _open(token=token)
    a_colleague_saves(engine, links.resolve(engine, token), answers)
    return at, token


def test_a_colleagues_save_in_between_is_shown_and_mine_is_kept(survey_db: Engine) -> None:
    at, token = _open_then_a_colleague_saves(survey_db, {"service_name": "Dafydd's name"})
    owner = links.resolve(survey_db, token)
    _text(at, "service_name").input("Rhian's name").run()
    warning = " ".join(w.value for w in at.warning)
    assert "Somebody else changed 1 of the same answers" in warning
    # next to the field itself: who saved what, and that mine is not saved yet
    assert "Dafydd saved a different answer" in warning and "Dafydd's name" in warning
    assert _text(at, "service_name").value == "Rhian's name"  # still on screen
    assert responses.load_response(survey_db, owner).answers["service_name"] == "Dafydd's name"
    table = at.table[0].value
    assert list(table.columns[:2]) == ["Question", "Your answer (not saved)"]
    at.button(key="conflict_keep").click().run()
    assert responses.load_response(survey_db, owner).answers["service_name"] == "Rhian's name"
    assert not any("Somebody else" in w.value for w in at.warning)


def test_a_colleague_changing_another_answer_is_merged_silently(survey_db: Engine) -> None:
    at, token = _open_then_a_colleague_saves(survey_db, {"user_need": "Theirs"})
    _text(at, "service_name").input("Mine").run()
    assert not at.warning or not any("Somebody else" in w.value for w in at.warning)
    assert _stored(survey_db, token) == {"user_need": "Theirs", "service_name": "Mine"}


def test_taking_their_answers_still_saves_my_other_changes(survey_db: Engine) -> None:
    at, token = _open_then_a_colleague_saves(survey_db, {"service_name": "Theirs"})
    # both answers typed, then the whole section saved at once: refused as a whole
    at.session_state["q_service_name"] = "Mine"
    at.session_state["q_user_need"] = "My user need"
    _click(at, "Save this section")
    assert "Somebody else changed 1" in " ".join(w.value for w in at.warning)
    assert "user_need" not in _stored(survey_db, token)
    at.button(key="conflict_theirs").click().run()
    stored = _stored(survey_db, token)
    assert stored["service_name"] == "Theirs" and stored["user_need"] == "My user need"
    assert _text(at, "service_name").value == "Theirs"
    assert at.text_area(key="q_user_need").value == "My user need"


def test_a_link_withdrawn_while_open_is_refused_with_words(survey_db: Engine) -> None:
    token, _ = _owner_token(survey_db)
    owner = links.resolve(survey_db, token)
    team_token = links.share(survey_db, owner, "Finance lead", 7)
    at = _open(token=team_token)
    links.revoke(survey_db, owner, links.resolve(survey_db, team_token).link_id)
    _text(at, "service_name").input("Too late").run()
    assert any("withdrawn by the survey's owner" in e.value for e in at.error)
    assert "service_name" not in _stored(survey_db, token)
    # the form is gone, but what was typed is shown to copy
    assert "Too late" in at.table[0].value.to_string()


def test_a_survey_with_saved_figures_opens_and_reopens(survey_db: Engine) -> None:
    """A demo draft with every metric answered (it crashed the form before)."""
    token = _link_to(survey_db, "swansea--parking-permit")
    at = _open(token=token, section="performance_metrics")
    figure = _text(at, "users_per_year", "value").value
    assert figure and figure.replace("%", "").replace("£", "").replace(".", "").isdigit()
    _text(at, "metrics_period").input("2024-25").run()
    assert not at.exception and not at.error
    again = _open(token=token, section="performance_metrics")
    assert _text(again, "users_per_year", "value").value == figure


def test_submitting_and_reopening_a_survey_with_figures(survey_db: Engine) -> None:
    token, _ = _owner_token(survey_db)
    access = links.resolve(survey_db, token)
    answers = {"service_name": "Renew a permit", **REQUIRED_BUT_THE_NAME}
    responses.save_answers(survey_db, access, access.response_id, answers, 1, {})
    at = _open(token=token, section="self_assessment")
    _click(at, "Submit the survey")
    assert any("Submitted on" in c.value for c in at.caption)
    _click(at, "Reopen to make changes")
    at.query_params["section"] = "performance_metrics"
    at.run()
    assert _text(at, "cost_per_transaction", "value").value == "£3.40"
    assert _text(at, "digital_take_up", "value").value == "64%"
    assert not at.exception


def test_moving_between_sections_keeps_every_answer(survey_db: Engine) -> None:
    """Next, then Previous: the earlier section shows its answers, saving it again keeps them,
    and adding a channel adds to the saved ones instead of replacing them."""
    token, _ = _owner_token(survey_db)
    at = _open(token=token, section="about_service")
    _text(at, "service_name").input("Book a bulky collection").run()
    at.multiselect(key="q_channels").select("online").run()
    at.multiselect(key="q_channels").select("phone").run()
    assert _stored(survey_db, token)["channels"] == ["online", "phone"]
    _click(at, "Next section")
    assert at.subheader[0].value == "2. Users"
    _click(at, "Previous section")
    assert _text(at, "service_name").value == "Book a bulky collection"
    assert at.multiselect(key="q_channels").value == ["online", "phone"]
    _click(at, "Save this section")
    assert _stored(survey_db, token)["service_name"] == "Book a bulky collection"
    # the sidebar too, and a multi-choice answer edited after coming back
    at.sidebar.radio[0].set_value("users").run()
    at.sidebar.radio[0].set_value("about_service").run()
    at.multiselect(key="q_channels").select("email").run()
    assert _stored(survey_db, token)["channels"] == ["online", "phone", "email"]
    at.multiselect(key="q_channels").unselect("phone").run()
    assert _stored(survey_db, token)["channels"] == ["online", "email"]


def test_challenges_and_standards_survive_a_trip_to_another_section(survey_db: Engine) -> None:
    token, _ = _owner_token(survey_db)
    at = _open(token=token, section="challenges")
    at.multiselect(key="q_challenge_themes").select("recruiting_developers").run()
    at.radio(key="q_challenge_themes__sev_recruiting_developers").set_value(3).run()
    _click(at, "Next section")
    _click(at, "Previous section")
    assert at.multiselect(key="q_challenge_themes").value == ["recruiting_developers"]
    assert at.radio(key="q_challenge_themes__sev_recruiting_developers").value == 3
    _click(at, "Save this section")
    assert _stored(survey_db, token)["challenge_themes"] == [
        {"code": "recruiting_developers", "severity": 3}
    ]


def test_optional_sections_are_marked_done_by_hand(survey_db: Engine) -> None:
    token, _ = _owner_token(survey_db)
    at = _open(token=token, section="feedback_design")
    at.multiselect(key="q_feedback_methods").select("complaints").run()
    assert "0 of 7 sections complete" in at.get("progress")[0].proto.text
    at.button(key="mark_done").click().run()
    assert "1 of 7 sections complete" in at.get("progress")[0].proto.text
    at.button(key="mark_undone").click().run()
    assert "0 of 7 sections complete" in at.get("progress")[0].proto.text


def test_a_token_of_another_survey_opens_that_survey_only(survey_db: Engine) -> None:
    """One browser session, one link after another: the page never carries the first
    survey's answers or version into the second, and saves land only where the link opens."""
    first, _ = _owner_token(survey_db)
    at = _open(token=first)
    _text(at, "service_name").input("First survey's name").run()
    at.session_state["q_user_need"] = "Typed for the first survey"  # left unsaved on screen
    second, _ = _owner_token(survey_db)
    at.query_params["token"] = second
    at.query_params["section"] = "about_service"
    at.run()
    assert not at.exception
    assert _text(at, "service_name").value == ""
    assert at.text_area(key="q_user_need").value == ""
    _text(at, "service_name").input("Second survey's name").run()
    assert _stored(survey_db, second) == {"service_name": "Second survey's name"}
    assert _stored(survey_db, first) == {"service_name": "First survey's name"}


def test_the_survey_in_welsh(survey_db: Engine) -> None:
    token, _ = _owner_token(survey_db)
    at = _open(token=token, lang="cy", section="about_service")
    assert at.title[0].value == "Arolwg o berchnogion gwasanaethau"
    assert at.subheader[0].value == "1. Am y gwasanaeth"
    body = " ".join(m.value for m in at.markdown)
    assert "Beth yw enw'r gwasanaeth?" in body and "What is the service called?" not in body
    assert "0 o 7 adran wedi'u cwblhau" in at.get("progress")[0].proto.text
    labels = [b.label for b in at.button]
    assert "Yr adran nesaf" in labels and "Next section" not in labels
    assert not _english_leaks(at)
    # AppTest formats option labels again in the test's own thread, which has no session:
    # run those steps in Welsh as the server does
    with using("cy"):
        at.query_params["section"] = "performance_metrics"
        at.run()
        _text(at, "completion_rate", "value").input("185%").run()
        errors = " ".join(e.value for e in at.error)
        assert "Mae canran rhwng 0 a 100" in errors and "A percentage" not in errors
        assert at.selectbox(key="q_users_per_year__availability").options[0] == "Wedi'i ddarparu"
        assert not at.exception


def _english_leaks(at: AppTest) -> list[str]:
    """English interface messages (those with Welsh) found on a Welsh page."""
    texts = [
        e.value
        for kind in (
            "markdown",
            "caption",
            "info",
            "warning",
            "error",
            "header",
            "subheader",
            "title",
        )
        for e in getattr(at, kind)
    ]
    texts += [
        w.label for w in (*at.button, *at.text_input, *at.selectbox, *at.multiselect, *at.radio)
    ]
    texts += [
        str(w.placeholder) for w in (*at.text_input, *at.selectbox) if hasattr(w, "placeholder")
    ]
    english = [
        message
        for message, welsh in catalogue("cy").items()
        if isinstance(message, str)
        and welsh != message
        and len(message) > 12
        and "{" not in message
    ]
    return [message for message in english if any(message in text for text in texts)]


def test_the_landing_page_and_coordinator_in_welsh(
    survey_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANDSCAPE_ADMIN_TOKEN", ADMIN_SECRET)
    at = _open(lang="cy")
    assert "Cydlynwyr arolygon" in [s.value for s in at.header]
    assert any("defnyddiwch y ddolen a anfonwyd atoch" in i.value for i in at.info)
    assert not _english_leaks(at)
    with using("cy"):
        next(t for t in at.text_input if t.label == "Manylion adnabod y gweinyddwr").input(
            ADMIN_SECRET
        )
        next(b for b in at.button if b.label == "Mewngofnodi").click().run()
        assert not at.exception
        table = at.dataframe[0].value
        assert {"Gwasanaeth", "Sefydliad", "Arolwg cyffredinol"} <= set(table.columns)
        assert not _english_leaks(at)


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
    token = link.split("token=")[1]
    assert links.resolve(survey_db, token).role == "owner"
    # the audit trail names the signed-in administrator and the service, never the token
    made = audit.events(survey_db, action=audit.LINK_MADE).iloc[0]
    assert made["who"] == "administrator credential" and made["detail"]["role"] == "owner"
    assert made["detail"]["service"] and token not in str(made["detail"])


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
    # the answers themselves, in progress or submitted, are in the detail too
    answers = next(f for f in frames if "Answer" in f.columns)
    assert "Renamed in the survey" in set(answers["Answer"])


def test_overview_shows_every_started_survey_not_only_deep_dives(survey_db: Engine) -> None:
    token, code = _owner_token(survey_db)  # a service that is not a deep dive
    at = _open(token=token)
    _text(at, "service_name").input("Started outside the deep dives").run()
    overview = AppTest.from_file(APP, default_timeout=30)
    open_expanders(overview.run(), "survey_started_data")
    assert not overview.exception
    assert "Survey progress across all services" in [s.value for s in overview.header]
    counts = next(
        f.value for f in overview.dataframe if "Sections done (in progress)" in f.value.columns
    )
    generalist = counts.set_index("Survey").loc["Generalist survey"]
    assert str(generalist["In progress"]) == "6"  # the 5 deep-dive drafts and this one
    started = next(f.value for f in overview.dataframe if "Last saved" in f.value.columns)
    with survey_db.connect() as connection:
        responses = connection.execute(text("SELECT COUNT(*) FROM survey_response")).scalar_one()
    # every started survey, deep dive or not (the demo's technology responses among them)
    assert len(started) == responses > 6 + 10
    with survey_db.connect() as connection:
        name = connection.execute(
            text("SELECT name_en FROM service WHERE code = :c"), {"c": code}
        ).scalar_one()
    newest = started.iloc[0]  # drafts first, the most recently saved first
    assert newest["Service"] == name and newest["Status"] == "In progress: 0 of 7 sections"
    row = started[started["Status"].str.startswith("In progress")].iloc[0]
    assert row["Status"].endswith("of 7 sections")


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_word_documents_offered_hold_every_question_and_the_answers_so_far(
    survey_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    downloads = record_downloads(monkeypatch)
    token, code = _owner_token(survey_db)
    at = _open(token=token)
    _text(at, "service_name").input("Renew a parking permit ŵ").run()
    filled, blank = downloads.of(at, "doc_filled"), downloads.of(at, "doc_blank")
    assert filled.file_name == f"{code}-generalist-answers.docx"
    assert blank.file_name == "generalist-survey-blank.docx"
    prompts = [q.prompt for q in load_instrument(survey_db, "generalist").questions.values()]
    filled_text, blank_text = _docx_text(filled.data()), _docx_text(blank.data())
    assert all(prompt in filled_text and prompt in blank_text for prompt in prompts)
    assert "Answer: Renew a parking permit ŵ" in filled_text
    assert "Renew a parking permit" not in blank_text and "Answer:" not in blank_text


def test_the_blank_documents_on_the_landing_page_in_welsh(
    survey_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    downloads = record_downloads(monkeypatch)
    at = _open(lang="cy")
    texts = {}
    for code in ("generalist", "technology"):
        document = downloads.of(at, f"blank_{code}")
        assert document.file_name == f"{code}-arolwg-gwag.docx"
        with using("cy"):
            prompts = [q.prompt for q in load_instrument(survey_db, code).questions.values()]
        texts[code] = _docx_text(document.data())  # built on the click, outside the page's run
        assert all(prompt in texts[code] for prompt in prompts)
    assert "Beth yw enw'r gwasanaeth?" in texts["generalist"]
    assert "What is the service called?" not in texts["generalist"]


def _no_html_rendered(at: AppTest) -> list[str]:
    """Everything drawn as Markdown that mentions the typed text: it must be escaped text, and
    no element may let HTML through."""
    shown = []
    for kind in ("markdown", "caption", "info", "warning", "error", "success"):
        for element in getattr(at, kind):
            assert not getattr(element.proto, "allow_html", False), element.value
            body = getattr(element.proto, "body", element.value)
            if "script" in body and "bold" in body:
                assert "<script>" not in body and "<b>" not in body, body
                shown.append(body)
    return shown


def test_html_and_script_typed_into_answers_stay_text(survey_db: Engine) -> None:
    token, code = _owner_token(survey_db)
    at = _open(token=token, section="about_service")
    _text(at, "service_name").input(PAYLOAD).run()
    at.text_area(key="q_service_summary").input(PAYLOAD).run()
    assert not at.exception and not at.error  # accepted as text, as typed
    stored = _stored(survey_db, token)
    assert stored["service_name"] == PAYLOAD and stored["service_summary"] == PAYLOAD
    # the owner shares the survey with a colleague named the same way
    owner = links.resolve(survey_db, token)
    team = links.share(survey_db, owner, PAYLOAD, 7)
    # a new session, as after a reload: the answers come back exactly as typed, as text
    again = _open(token=token, section="about_service")
    assert _text(again, "service_name").value == PAYLOAD
    assert again.text_area(key="q_service_summary").value == PAYLOAD
    assert plain(PAYLOAD) in " ".join(_no_html_rendered(again))  # the team link's name
    colleague = _open(token=team, section="about_service")
    assert plain(PAYLOAD) in " ".join(_no_html_rendered(colleague))  # "you are using the link…"

    # submitted, the name and summary feed the catalogue; its detail view shows them as text
    responses.save_answers(
        survey_db,
        owner,
        owner.response_id,
        {**REQUIRED_BUT_THE_NAME, "service_summary": PAYLOAD},
        stored_version(survey_db, token),
        stored,
    )
    submitted = _open(token=token, section="self_assessment")
    _click(submitted, "Submit the survey")
    assert any("Submitted on" in c.value for c in submitted.caption)
    detail = AppTest.from_file(APP, default_timeout=30)
    detail.query_params["service"] = code
    detail.run()
    detail.switch_page("pages/catalogue.py").run()
    assert not detail.exception
    assert detail.title[-1].value == plain(PAYLOAD)
    assert plain(PAYLOAD) in _no_html_rendered(detail)  # the description
    answers = next(f.value for f in detail.dataframe if "Answer" in f.value.columns)
    assert PAYLOAD in set(answers["Answer"])


def stored_version(engine: Engine, token: str) -> int:
    return responses.load_response(engine, links.resolve(engine, token)).version


def test_submit_with_a_required_answer_missing_names_it_and_stays_a_draft(
    survey_db: Engine,
) -> None:
    """The owner's page shows every required answer in; a colleague clears one; the owner
    presses Submit: not submitted, the page takes the saved answers and names what is
    missing, by section and question, and the survey stays a draft."""
    token, _ = _owner_token(survey_db)
    owner = links.resolve(survey_db, token)
    complete = {**REQUIRED_BUT_THE_NAME, "service_name": "Renew a permit"}
    responses.save_answers(survey_db, owner, owner.response_id, complete, 1, {})
    at = _open(token=token, section="self_assessment")
    assert any(b.label == "Submit the survey" for b in at.button)
    assert "3 of 7 sections complete" in at.get("progress")[0].proto.text
    a_colleague_saves(survey_db, owner, {"service_name": ""})
    _click(at, "Submit the survey")
    warnings = " ".join(w.value for w in at.warning)
    assert "Not submitted: somebody else changed 1 answer" in warnings
    assert "“What is the service called?”" in warnings
    assert "1 required answer is still missing" in warnings
    table = next(d.value for d in at.dataframe if "Question" in d.value.columns)
    assert table.to_dict("records") == [
        {"Section": "About the service", "Question": "What is the service called?"}
    ]
    assert all(b.label != "Submit the survey" for b in at.button)
    assert "2 of 7 sections complete" in at.get("progress")[0].proto.text
    state = responses.load_response(survey_db, owner)
    assert state.status == "draft" and state.submitted_at is None
    # the section itself shows the answer gone, ready to fill in again
    at.query_params["section"] = "about_service"
    at.run()
    assert _text(at, "service_name").value == ""
