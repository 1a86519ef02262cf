"""Every gate asks for its role: AppTest runs the pages as people signed in with the
organisation's account (`AppTest.user`, with `[auth]` in `AppTest.secrets`) and with none."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from dashboard.common import audit
from dashboard.common.people import list_people, set_role
from dashboard.common.roles import ADMINISTRATOR, DATA_STEWARD, SURVEY_COORDINATOR

APP = str(Path(__file__).resolve().parents[1] / "app.py")
CLIENT = "landscape-test"
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-cookie-secret-for-the-tests-only",
    "client_id": CLIENT,
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "http://localhost:9/.well-known/openid-configuration",
}
ROLES = {
    "claim": "groups",
    "contact": "the digital team (digital@example.gov.wales)",
    "map": {"0c1d-stewards": "data_steward"},
}
LOGIN = "Sign in with your organisation's account"


@pytest.fixture
def roles_db(demo_copy: Engine) -> Engine:
    return demo_copy


def person(email: str, **claims: Any) -> dict[str, Any]:
    return {
        "is_logged_in": True,
        "email": email,
        "name": email.split("@")[0].title(),
        "aud": CLIENT,
        "iat": int(time.time()) - 60,
        **claims,
    }


def _open(page: str, user: dict[str, Any] | None = None, **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = AUTH
    at.secrets["landscape_roles"] = ROLES
    at.user = user or {"is_logged_in": False}
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _words(at: AppTest) -> str:
    boxes = [*at.warning, *at.info, *at.error, *at.caption, *at.markdown]
    return " ".join(str(box.value) for box in boxes)


def _can_import(at: AppTest) -> bool:
    return any(u.key == "data_upload" for u in at.file_uploader)


def _coordinates(at: AppTest) -> bool:
    return any(b.label == "Create owner link" for b in at.button)


def test_signed_out_the_data_page_offers_the_organisation_sign_in(roles_db: Engine) -> None:
    at = _open("pages/data.py")
    assert any(b.label == LOGIN for b in at.button)
    assert not at.text_input  # no administrator credential configured: no credential form
    assert "switched off" not in _words(at)
    assert not _can_import(at)


def test_a_person_with_no_role_is_told_whom_to_ask_and_can_view(roles_db: Engine) -> None:
    at = _open("pages/data.py", person("nia@example.gov.wales", groups=["everyone"]))
    words = _words(at)
    assert "no role here yet" in words and "the digital team" in words
    assert not _can_import(at)
    assert any(b.label == "Sign out" for b in at.button)
    catalogue = _open("pages/catalogue.py", person("nia@example.gov.wales"))
    assert catalogue.title[0].value == "Service catalogue"


def test_a_data_steward_by_claim_imports_but_runs_no_survey(roles_db: Engine) -> None:
    steward = person("dai@example.gov.wales", groups=["0c1d-stewards"])
    at = _open("pages/data.py", steward)
    assert _can_import(at)
    assert "Dai" in _words(at) and "data steward" in _words(at)
    assert [tab.label for tab in at.tabs] == ["Import", "Import history", "Export", "Rounds"]
    survey = _open("pages/survey.py", steward)
    assert not _coordinates(survey)
    assert "survey coordinator role, which you do not have" in _words(survey)


def test_a_survey_coordinator_from_the_table_makes_links_but_imports_nothing(
    roles_db: Engine,
) -> None:
    set_role("cari@example.gov.wales", SURVEY_COORDINATOR, None, roles_db)
    coordinator = person("Cari@Example.gov.wales")
    survey = _open("pages/survey.py", coordinator)
    assert _coordinates(survey)
    data = _open("pages/data.py", coordinator)
    assert not _can_import(data)
    assert "data steward role, which you do not have" in _words(data)


def test_an_administrator_gives_and_takes_roles_on_the_data_page(roles_db: Engine) -> None:
    set_role("admin@example.gov.wales", ADMINISTRATOR, None, roles_db)
    at = _open("pages/data.py", person("admin@example.gov.wales"))
    assert _can_import(at)
    assert [tab.label for tab in at.tabs][-2:] == ["People and roles", "Audit trail"]
    at.text_input(key="people_email").input("not an address")
    next(b for b in at.button if b.label == "Give the role").click().run()
    assert any("not an e-mail address" in e.value.replace("\\", "") for e in at.error)
    assert [p.email for p in list_people(roles_db)] == ["admin@example.gov.wales"]
    at.text_input(key="people_email").input("Gwen@example.gov.wales")
    at.selectbox(key="people_role").set_value(DATA_STEWARD)
    next(b for b in at.button if b.label == "Give the role").click().run()
    assert not at.exception, at.exception
    given = {p.email: (p.role, p.updated_by) for p in list_people(roles_db)}
    assert given["gwen@example.gov.wales"] == (DATA_STEWARD, "admin@example.gov.wales")
    at.selectbox(key="people_out").set_value("gwen@example.gov.wales")
    next(b for b in at.button if b.label == "Take away the role").click().run()
    assert "gwen@example.gov.wales" not in {p.email for p in list_people(roles_db)}
    # both changes are in the audit trail under the administrator's own address
    events = audit.events(roles_db, action=audit.ROLE_CHANGED).head(2)
    assert list(events["who"]) == ["admin@example.gov.wales"] * 2
    assert [(d["before"], d["after"]) for d in events["detail"]] == [
        (DATA_STEWARD, None),
        (None, DATA_STEWARD),
    ]


def test_a_steward_sees_no_people_and_roles(roles_db: Engine) -> None:
    set_role("dai@example.gov.wales", DATA_STEWARD, None, roles_db)
    at = _open("pages/data.py", person("dai@example.gov.wales"))
    assert _can_import(at)
    assert "People and roles" not in [tab.label for tab in at.tabs]


def test_a_token_for_another_application_signs_nobody_in(roles_db: Engine) -> None:
    set_role("admin@example.gov.wales", ADMINISTRATOR, None, roles_db)
    at = _open("pages/data.py", person("admin@example.gov.wales", aud="another-app"))
    assert "meant for another application" in _words(at)
    assert not _can_import(at)
    assert any(b.label == LOGIN for b in at.button)


def test_an_old_sign_in_has_expired(roles_db: Engine) -> None:
    set_role("admin@example.gov.wales", ADMINISTRATOR, None, roles_db)
    old = int(time.time()) - 13 * 3600
    at = _open("pages/data.py", person("admin@example.gov.wales", iat=old))
    assert "has expired" in _words(at)
    assert not _can_import(at)


def test_a_refused_sign_in_is_said_in_words(roles_db: Engine) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": False}
    at.query_params["sign_in"] = "failed"
    at.run()
    assert not at.exception, at.exception
    assert any("did not work, so you are not signed in" in e.value for e in at.error)
    assert "sign_in" not in at.query_params


def test_without_auth_the_credential_stays_the_only_sign_in(
    roles_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANDSCAPE_ADMIN_TOKEN", "a-long-enough-credential")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/data.py").run()
    assert not any(b.label == LOGIN for b in at.button)
    at.text_input(key="data_credential").input("a-long-enough-credential")
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert _can_import(at)
    assert [tab.label for tab in at.tabs][-2:] == ["People and roles", "Audit trail"]


def test_opening_a_round_is_for_survey_coordinators(roles_db: Engine) -> None:
    steward = person("dai@example.gov.wales", groups=["0c1d-stewards"])
    at = _open("pages/data.py", steward)
    assert "survey coordinator role, which you do not have" in _words(at)
    assert not any(box.key == "rounds_name_en" for box in at.text_input)
    set_role("dai@example.gov.wales", SURVEY_COORDINATOR, None, roles_db)
    both = _open("pages/data.py", steward)
    assert _can_import(both)
    assert "which you do not have" not in _words(both)
    assert any(box.key == "rounds_name_en" for box in both.text_input)


def test_a_name_from_the_provider_is_shown_as_written(roles_db: Engine) -> None:
    set_role("dai@example.gov.wales", DATA_STEWARD, None, roles_db)
    crafted = "**Dai** [click](http://example.org) ![x](http://example.org/x.png) $x$ :red[r]"
    at = _open("pages/data.py", person("dai@example.gov.wales", name=crafted))
    line = next(c.value for c in at.caption if "Signed in as" in c.value)
    assert "\\*\\*Dai\\*\\*" in line and "\\[click\\]" in line and "\\$x\\$" in line
    assert "](http" not in line


@pytest.mark.parametrize(("role", "full"), [(SURVEY_COORDINATOR, True), (DATA_STEWARD, False)])
def test_every_technology_count_is_for_survey_coordinators(
    roles_db: Engine, role: str, full: bool
) -> None:
    set_role("someone@example.gov.wales", role, None, roles_db)
    at = _open("pages/technology.py", person("someone@example.gov.wales"))
    at.segmented_control(key="technology_topic").set_value("security").run()
    assert not at.exception, at.exception
    shown = any("every count is shown" in box.value for box in at.warning)
    assert shown is full


def test_the_sidebar_says_who_is_signed_in_on_every_page(roles_db: Engine) -> None:
    at = _open("pages/catalogue.py", person("nia@example.gov.wales", name="Nia Jones"))
    assert any("Signed in as Nia Jones" in c.value for c in at.sidebar.caption)
    assert any(b.key == "sidebar_sign_out" for b in at.sidebar.button)
    at.sidebar.button(key="sidebar_sign_out").click().run()
    at.run()  # in the browser, the page the provider sends the person back to
    assert not any("Signed in as" in c.value for c in at.sidebar.caption)
    nobody = _open("pages/catalogue.py")
    assert not any("Signed in as" in c.value for c in nobody.sidebar.caption)


def test_the_intro_names_the_organisation_sign_in_only_when_there_is_one(
    roles_db: Engine,
) -> None:
    with_auth = _open("pages/data.py")
    assert any("organisation's account" in box.value for box in with_auth.info)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/data.py").run()
    intro = " ".join(box.value for box in at.info)
    assert "data stewards" in intro and "organisation's account" not in intro


def test_a_mistake_in_the_roles_settings_is_said_once_and_grants_nothing(
    roles_db: Engine,
) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = AUTH
    at.secrets["landscape_roles"] = {"claim": "groups", "map": {"0c1d-stewards": "superuser"}}
    at.user = person("dai@example.gov.wales", groups=["0c1d-stewards"])
    at.run()
    at.switch_page("pages/data.py").run()
    assert not at.exception, at.exception
    problems = [e.value for e in at.error if "roles settings cannot be used" in e.value]
    assert len(problems) == 1
    assert not _can_import(at)
