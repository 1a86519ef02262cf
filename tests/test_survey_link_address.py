"""Survey links start with the configured public address, never with the request's Host."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from dashboard.surveys import links
from dashboard.surveys.link_address import is_configured, survey_address
from db.settings import Settings, get_settings

APP = str(Path(__file__).resolve().parents[1] / "app.py")
SECRET = "correct-horse-battery-staple"


def test_the_address_comes_from_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANDSCAPE_PUBLIC_URL", "https://landscape.example.gov.wales/")
    settings = Settings()
    assert is_configured(settings)
    assert survey_address(settings, "abc") == "https://landscape.example.gov.wales/survey?token=abc"
    monkeypatch.delenv("LANDSCAPE_PUBLIC_URL")
    assert not is_configured(Settings(_env_file=None))


@pytest.fixture
def survey_db(demo_copy: Engine) -> Engine:
    return demo_copy


def _coordinator_makes_a_link(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("LANDSCAPE_ADMIN_TOKEN", SECRET)
    get_settings.cache_clear()
    # whatever Host the request claims, the link must not use it
    from streamlit.runtime.context import StreamlitHeaders

    monkeypatch.setattr(StreamlitHeaders, "get", lambda self, key, default=None: "evil")
    at = AppTest.from_file(APP, default_timeout=30)
    at.switch_page("pages/survey.py").run()
    next(t for t in at.text_input if t.label == "Administrator credential").input(SECRET)
    next(b for b in at.button if b.label == "Sign in").click().run()
    next(b for b in at.button if b.label == "Create owner link").click().run()
    assert not at.exception, at.exception
    return at


def test_a_configured_address_starts_the_link_whatever_the_host(
    survey_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANDSCAPE_PUBLIC_URL", "https://landscape.example.gov.wales")
    at = _coordinator_makes_a_link(monkeypatch)
    link = at.code[0].value
    assert link.startswith("https://landscape.example.gov.wales/survey?token=")
    assert "evil" not in link
    assert links.resolve(survey_db, link.split("token=")[1]).role == "owner"
    assert not any("LANDSCAPE_PUBLIC_URL" in i.value for i in at.info)


def test_without_the_setting_the_coordinator_is_told_links_are_local(
    survey_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LANDSCAPE_PUBLIC_URL", raising=False)
    monkeypatch.chdir(Path(survey_db.url.database or ".").parent)  # no .env here
    at = _coordinator_makes_a_link(monkeypatch)
    assert at.code[0].value.startswith("http://localhost:8501/survey?token=")
    assert "evil" not in at.code[0].value
    assert any("LANDSCAPE_PUBLIC_URL" in i.value for i in at.info)
