"""Guessing through the pages: after five wrong administrator credentials, or five unknown
survey links, a session is told in words how long to wait, and even the right credential or
a real link is refused until then (the limiter itself: tests/test_attempt_limits.py)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from tests.survey_links import owner_link

APP = str(Path(__file__).resolve().parents[1] / "app.py")
SECRET = "correct-horse-battery-staple"
WAIT = "Too many wrong attempts. Try again in 30 seconds."


@pytest.fixture
def survey_db(demo_copy: Engine) -> Engine:
    return demo_copy


def _sign_in(at: AppTest, credential: str) -> None:
    next(t for t in at.text_input if t.label == "Administrator credential").input(credential)
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert not at.exception, at.exception


def _errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def test_too_many_wrong_credentials_lock_the_sign_in_even_for_the_right_one(
    survey_db: Engine, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("LANDSCAPE_ADMIN_TOKEN", SECRET)
    at = AppTest.from_file(APP, default_timeout=30)
    at.switch_page("pages/survey.py").run()
    with caplog.at_level(logging.WARNING, logger="dashboard.common.attempt_limits"):
        for guess in range(4):
            _sign_in(at, f"wrong guess number {guess}")
            assert any("not right" in e for e in _errors(at))
        _sign_in(at, "wrong guess number 4")
        assert WAIT in _errors(at)
        _sign_in(at, SECRET)
    assert any("Try again in" in e for e in _errors(at))
    assert all(b.label != "Create owner link" for b in at.button), "signed in during a lockout"
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert logged.count("Wrong administrator sign-in") == 5
    assert "Refused administrator sign-in" in logged
    assert SECRET not in logged and "wrong guess" not in logged


def test_a_fresh_session_signs_in_as_before(
    survey_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANDSCAPE_ADMIN_TOKEN", SECRET)
    at = AppTest.from_file(APP, default_timeout=30)
    at.switch_page("pages/survey.py").run()
    _sign_in(at, "one wrong guess here")
    _sign_in(at, SECRET)
    assert any(b.label == "Create owner link" for b in at.button)


def test_too_many_unknown_survey_links_lock_out_even_a_real_one(
    survey_db: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    real, _ = owner_link(survey_db, deep_dive=False)
    at = AppTest.from_file(APP, default_timeout=30)
    at.switch_page("pages/survey.py")
    with caplog.at_level(logging.WARNING, logger="dashboard.common.attempt_limits"):
        for guess in range(5):
            at.query_params["token"] = f"guessed-token-{guess:02d}-abcdefghijklmnop"
            at.run()
            if guess < 4:
                assert any("not valid" in e for e in _errors(at))
                at.run()  # a rerun of the same link is not another guess
        assert WAIT in _errors(at)
        at.query_params["token"] = real
        at.run()
    assert not at.exception, at.exception
    assert any("Try again in" in e for e in _errors(at))
    assert all("Create team link" not in b.label for b in at.sidebar.button), "opened when locked"
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert logged.count("Wrong survey link") == 5
    assert "Refused survey link" in logged
    assert "guessed-token" not in logged and real not in logged


def test_a_real_link_opens_after_a_mistyped_one(survey_db: Engine) -> None:
    real, _ = owner_link(survey_db, deep_dive=False)
    at = AppTest.from_file(APP, default_timeout=30)
    at.switch_page("pages/survey.py")
    at.query_params["token"] = real[:-3] + "xyz"
    at.run()
    assert any("not valid" in e for e in _errors(at))
    at.query_params["token"] = real
    at.run()
    assert not at.exception and not _errors(at)
    assert any("Create team link" in b.label for b in at.sidebar.button)
