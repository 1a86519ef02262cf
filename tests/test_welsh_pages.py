"""Every page in Welsh shows a heading or label that only Welsh writes that way, not the
English one, and no interface English leaks into it (a title such as "Data", alike in both
languages, proves nothing on its own)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from dashboard.common.i18n import t, using
from dashboard.surveys import links, responses
from db.engine import make_engine
from tests.conftest import writable_demo
from tests.welsh_pages import leaked_english, page_texts, welsh_only

APP = str(Path(__file__).resolve().parents[1] / "app.py")
ADMIN_SECRET = "correct-horse-battery-staple"

#: page state: (script, English heading or label the Welsh page must show in Welsh)
CASES = {
    "overview": ("pages/overview.py", "Survey progress across all services"),
    "catalogue": ("pages/catalogue.py", "English name"),
    "organisation": ("pages/organisation.py", "Each peer's figures"),
    "themes": ("pages/themes.py", "Standards and OECD dimensions at risk"),
    "prioritise": ("pages/prioritise.py", "The whole ranking"),
    "availability": ("pages/availability.py", "By organisation"),
    "technology": ("pages/technology.py", "Topic"),
    "map": ("pages/map.py", "Every area"),
    "survey": ("pages/survey.py", "Survey coordinators"),
    "survey form": ("pages/survey.py", "Next section"),
    "present": ("pages/present.py", "Choose slides"),
    "data": ("pages/data.py", "Administrator credential"),
    "data signed in": ("pages/data.py", "Import history"),
    "accessibility": ("pages/accessibility.py", "Enforcement procedure"),
    "method": ("pages/method.py", "The priority score"),
}


@pytest.fixture
def welsh_page(demo_db_url: str, tmp_path: Path, use_database, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Open a page state in Welsh on a private copy of the demo store (a survey link writes)."""
    url = writable_demo(demo_db_url, tmp_path, "welsh.sqlite3")
    use_database(url)
    monkeypatch.setenv("LANDSCAPE_ADMIN_TOKEN", ADMIN_SECRET)

    def _open(state: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params["lang"] = "cy"
        if state == "organisation":
            at.query_params["org"] = "blaenau-gwent"
        if state == "survey form":
            engine = make_engine(url)
            with engine.connect() as connection:
                code = connection.execute(
                    text("SELECT code FROM service ORDER BY code LIMIT 1")
                ).scalar_one()
            response = responses.ensure_response(engine, code, "generalist")
            at.query_params["token"] = links.create_link(
                engine, response, links.OWNER, "Rhian", "test"
            )
            engine.dispose()
        at.run()
        at.switch_page(CASES[state][0]).run()
        if state == "data signed in":
            at.text_input(key="data_credential").input(ADMIN_SECRET)
            at.button[0].click().run()
        assert not at.exception, at.exception
        return at

    return _open


@pytest.mark.parametrize("state", list(CASES))
def test_every_page_shows_welsh_headings_and_labels(welsh_page, state: str) -> None:  # type: ignore[no-untyped-def]
    at = welsh_page(state)
    english = CASES[state][1]
    with using("cy"):
        welsh = t(english)
    assert welsh != english, "the chosen text must read differently in Welsh"
    assert welsh in welsh_only(at)
    assert english not in page_texts(at)
    assert leaked_english(at) == []


def test_the_check_sees_tabs_and_widget_labels() -> None:
    """The Data page's Welsh shows in its tabs and fields: the check must read them."""
    at = AppTest.from_string(
        "import streamlit as st\n"
        "from dashboard.common.i18n import t, using\n"
        "with using('cy'):\n"
        "    st.tabs([t('Import'), t('Export')])\n"
        "    st.text_input(t('Your name'))\n"
        "    st.selectbox('Import history', ['a'])\n"
    ).run()
    texts = page_texts(at)
    assert {"Mewnforio", "Allforio", "Eich enw"} <= set(welsh_only(at))
    assert leaked_english(at) == ["Import history"] and "Import history" in texts
