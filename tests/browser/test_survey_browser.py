"""A service owner in Chromium: fill two sections, go forward and back, change a multi-choice
answer, reload the page, and find every answer on screen and in the database; in both
languages."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from dashboard.surveys import links, responses
from db.engine import make_engine
from tests.browser.conftest import (
    eventually,
    screenshot,
    settle,
    start_app,
    stop,
)
from tests.conftest import writable_demo
from tests.survey_answers import PAYLOAD, REQUIRED_BUT_NAME_AND_SUMMARY
from tests.survey_links import a_colleague_saves, owner_link

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def survey_app(demo_db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    """Its own server on a writable copy of the demo store, and an owner link to one survey."""
    folder = tmp_path_factory.mktemp("survey-app")
    url = writable_demo(demo_db_url, folder)
    engine = make_engine(url)
    token, _ = owner_link(engine)
    process, app_url = start_app(url, folder / "streamlit.log")
    yield app_url, token, engine
    stop(process)
    engine.dispose()


def _answer(page, label: str, value: str) -> None:  # type: ignore[no-untyped-def]
    field = page.get_by_label(label, exact=True)
    field.fill(value)
    field.press("Tab")  # leaving the field saves it
    settle(page)


def _choose(page, label: str, option: str) -> None:  # type: ignore[no-untyped-def]
    box = page.get_by_label(label, exact=True)
    box.click()
    box.press_sequentially(option[:12])  # the list filters as you type
    page.get_by_role("option", name=option).click()
    settle(page)


def _chips(page, label: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The choices shown in a multiselect (its chips), by the multiselect's label."""
    box = page.get_by_test_id("stMultiSelect").filter(has=page.get_by_label(label, exact=True))
    chips = box.get_by_test_id("stMultiSelectTagsContainer").first.locator("[data-tag] > span")
    return [str(chip.get_attribute("title")) for chip in chips.all()]


def _expect_chips(page, label: str, wanted: list[str]) -> None:  # type: ignore[no-untyped-def]
    """The multiselect shows these chips, once the page has caught up (a busy machine may
    still be drawing the last run when the test looks)."""
    deadline = time.monotonic() + 20
    while (shown := _chips(page, label)) != wanted and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert shown == wanted


def _pick(page, label: str, option: str) -> None:  # type: ignore[no-untyped-def]
    _choose(page, label, option)
    page.keyboard.press("Escape")
    settle(page)


def test_two_sections_forward_back_edit_and_reload(page, survey_app) -> None:  # type: ignore[no-untyped-def]
    app_url, token, engine = survey_app
    page.goto(f"{app_url}/survey?token={token}")
    # the first page of a fresh server also starts its chart renderer: allow it a minute
    expect(page.get_by_text("0 of 7 sections complete")).to_be_visible(timeout=60_000)
    assert page.get_by_test_id("stSidebar").get_by_text("Filter").count() == 0
    _answer(page, "Answer to question 1", "Collect a bulky item")
    _answer(page, "Answer to question 2", "Residents book a collection of furniture.")
    _choose(page, "Answer to question 3", "Long running")
    _pick(page, "Answer to question 5", "Online")
    _pick(page, "Answer to question 5", "Phone")
    _choose(
        page, "Answer to question 6", "Level 2: Online form or booking, with a manual back office"
    )
    expect(page.get_by_text("1 of 7 sections complete")).to_be_visible()
    screenshot(page, "survey-1-about")

    page.get_by_role("button", name="Next section").click()
    settle(page)
    expect(page.get_by_role("heading", name="2. Users")).to_be_visible()
    _pick(page, "Answer to question 8", "Citizens and residents")
    _answer(page, "Answer to question 9", "Every household in the county.")
    expect(page.get_by_text("2 of 7 sections complete")).to_be_visible()

    # back to the first section: every answer is still there, and editing one adds to it
    page.get_by_role("button", name="Previous section").click()
    settle(page)
    expect(page.get_by_role("heading", name="1. About the service")).to_be_visible()
    expect(page.get_by_label("Answer to question 1", exact=True)).to_have_value(
        "Collect a bulky item"
    )
    _expect_chips(page, "Answer to question 5", ["Online", "Phone"])
    _pick(page, "Answer to question 5", "Email")
    _expect_chips(page, "Answer to question 5", ["Online", "Phone", "Email"])

    def saved() -> None:
        stored = responses.load_response(engine, links.resolve(engine, token)).answers
        assert stored["channels"] == ["online", "phone", "email"]
        assert stored["service_name"] == "Collect a bulky item"

    eventually(saved)

    page.reload()
    expect(page.get_by_text("2 of 7 sections complete")).to_be_visible()
    expect(page.get_by_role("heading", name="1. About the service")).to_be_visible()
    expect(page.get_by_label("Answer to question 2", exact=True)).to_have_value(
        "Residents book a collection of furniture."
    )
    _expect_chips(page, "Answer to question 5", ["Online", "Phone", "Email"])
    page.get_by_role("button", name="Next section").click()
    settle(page)
    expect(page.get_by_label("Answer to question 9", exact=True)).to_have_value(
        "Every household in the county."
    )
    _expect_chips(page, "Answer to question 8", ["Citizens and residents"])
    # a fresh visit with the link alone resumes at the first section not yet complete
    page.goto(f"{app_url}/survey?token={token}")
    expect(page.get_by_role("heading", name="3. Performance metrics")).to_be_visible()
    stored = responses.load_response(engine, links.resolve(engine, token)).answers
    assert stored["user_types"] == ["citizens"] and stored["service_stage"] == "long_running"
    assert stored["user_reach"] == "Every household in the county."


def _completion_rate(page: Page, label: str, value: str) -> None:
    """The completion rate's figure typed and left. It is found by its question: a position
    among the figures could land on another question's while the section is being drawn."""
    figure = page.locator(".st-key-q_completion_rate__value").get_by_label(label, exact=True)
    figure.fill(value)
    figure.press("Tab")
    settle(page)


def test_the_survey_in_welsh(page, survey_app) -> None:  # type: ignore[no-untyped-def]
    app_url, token, _ = survey_app
    page.goto(f"{app_url}/survey?token={token}&section=about_service&lang=cy")
    expect(page.get_by_role("heading", name="1. Am y gwasanaeth")).to_be_visible()
    expect(page.get_by_text("Beth yw enw'r gwasanaeth?")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    screenshot(page, "survey-3-about-cy")
    page.goto(f"{app_url}/survey?token={token}&section=performance_metrics&lang=cy")
    expect(page.get_by_role("heading", name="3. Metrigau perfformiad")).to_be_visible()
    _completion_rate(page, "Ffigur", "185%")
    expect(page.get_by_text("Mae canran rhwng 0 a 100; ysgrifennoch chi 185.")).to_be_visible()
    screenshot(page, "survey-4-metrics-error-cy")
    assert page.get_by_test_id("stException").count() == 0
    page.goto(f"{app_url}/survey?lang=cy")
    expect(page.get_by_text("I agor arolwg, defnyddiwch y ddolen")).to_be_visible()
    screenshot(page, "survey-5-landing-cy")


def test_a_bad_figure_is_explained_next_to_it(page, survey_app) -> None:  # type: ignore[no-untyped-def]
    app_url, token, _ = survey_app
    page.goto(f"{app_url}/survey?token={token}&section=performance_metrics")
    expect(page.get_by_role("heading", name="3. Performance metrics")).to_be_visible()
    _completion_rate(page, "Figure", "185%")
    screenshot(page, "survey-2-metrics-error")
    expect(page.get_by_text("A percentage is between 0 and 100; you wrote 185.")).to_be_visible()
    assert page.get_by_test_id("stException").count() == 0


def test_a_colleagues_change_to_the_same_answer_is_flagged_at_the_field(page, survey_app) -> None:  # type: ignore[no-untyped-def]
    app_url, token, engine = survey_app
    page.goto(f"{app_url}/survey?token={token}&section=about_service")
    expect(page.get_by_role("heading", name="1. About the service")).to_be_visible(timeout=60_000)
    owner = links.resolve(engine, token)
    a_colleague_saves(
        engine, owner, {"service_name": "Dafydd's name", "user_need": "Dafydd's need"}
    )
    _answer(page, "Answer to question 1", "Owner's name")
    expect(page.get_by_text("Dafydd saved a different answer")).to_be_visible()
    expect(page.get_by_role("button", name="Keep my answers")).to_be_visible()
    screenshot(page, "survey-6-conflict")
    page.get_by_role("button", name="Keep my answers").click()
    expect(page.get_by_text("Dafydd saved a different answer")).to_have_count(0)

    def kept() -> None:
        stored = responses.load_response(engine, owner).answers
        assert stored["service_name"] == "Owner's name" and stored["user_need"] == "Dafydd's need"

    eventually(kept)


def _nothing_ran(page) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("() => typeof window.__x") == "undefined"
    assert page.locator("b", has_text="bold").count() == 0
    assert page.locator("script", has_text="window.__x").count() == 0


def test_html_typed_into_answers_is_shown_as_text_and_never_run(page, survey_app) -> None:  # type: ignore[no-untyped-def]
    app_url, _, engine = survey_app
    token, code = owner_link(engine, last=True)  # its own survey: the other tests' stays as it is
    page.goto(f"{app_url}/survey?token={token}&section=about_service")
    expect(page.get_by_role("heading", name="1. About the service")).to_be_visible(timeout=60_000)
    _answer(page, "Answer to question 1", PAYLOAD)
    _answer(page, "Answer to question 2", PAYLOAD)
    page.reload()
    expect(page.get_by_label("Answer to question 1", exact=True)).to_have_value(PAYLOAD)
    expect(page.get_by_label("Answer to question 2", exact=True)).to_have_value(PAYLOAD)
    _nothing_ran(page)
    screenshot(page, "survey-7-html-as-text")

    access = links.resolve(engine, token)
    state = responses.load_response(engine, access)
    assert state.answers["service_name"] == PAYLOAD
    state = responses.save_answers(
        engine,
        access,
        access.response_id,
        REQUIRED_BUT_NAME_AND_SUMMARY,
        state.version,
        state.answers,
    )
    responses.submit(engine, access, access.response_id, state.version, state.answers)
    # the submitted name and summary are the catalogue's now: its detail view shows them as text
    page.goto(f"{app_url}/catalogue?service={code}")
    expect(page.get_by_role("heading", name=PAYLOAD, exact=True)).to_be_visible(timeout=60_000)
    expect(page.get_by_text(PAYLOAD, exact=True).nth(1)).to_be_visible()
    _nothing_ran(page)
    screenshot(page, "survey-8-html-as-text-in-the-catalogue")
