"""The owners' words in Chromium on a 1366×768 laptop: the section on Challenges and aims with
a search, its CSV holding exactly the quotes listed, and the optional slide on Present."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import expect

from dashboard.common import queries
from dashboard.common.filters import Filter, match
from dashboard.common.service_labels import ServiceLabels
from dashboard.themes import owners_words as words
from tests.browser.conftest import ARTIFACTS, eventually, settle

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}


def _listed(engine, search: str) -> words.OwnersWords:  # type: ignore[no-untyped-def]
    services = queries.load_services(engine)
    index = words.WordsIndex.build(services, words.load_words(engine))
    mask = match(services, queries.load_memberships(engine), Filter())
    assert isinstance(mask, np.ndarray)
    return words.owners_words(
        index,
        ServiceLabels.build(services),
        queries.load_themes(engine),
        mask,
        "challenge",
        None,
        search,
    )


def _shot(page, name: str) -> Path:  # type: ignore[no-untyped-def]
    """What the laptop's window shows now (not the whole page)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def test_the_section_on_a_laptop_searches_and_downloads_what_it_lists(  # type: ignore[no-untyped-def]
    page, app_url, demo_engine
) -> None:
    page.set_viewport_size(LAPTOP)
    page.goto(f"{app_url}/themes")
    heading = page.get_by_role("heading", name="In owners' words", exact=True).first
    heading.wait_for()
    expected = _listed(demo_engine, "contract")
    assert expected.counts.quotes
    search = page.get_by_role("textbox", name="Search the words")
    search.fill("contract")
    search.press("Enter")
    settle(page)
    expect(page.get_by_text(expected.counts.sentence).first).to_be_visible()
    assert page.get_by_test_id("stException").count() == 0
    heading.evaluate("element => element.scrollIntoView({block: 'start'})")
    _shot(page, "owners-words-1366")

    with page.expect_download() as download_info:
        section = page.locator("[class*='st-key-words_csv']")
        section.get_by_role("button", name="Download CSV").click()
    raw = Path(download_info.value.path()).read_bytes()
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["In owners' words: challenges"]
    start = next(i for i, row in enumerate(rows) if row and row[0] == "In the owner's words")
    table = rows[start + 1 :]
    assert [row[0] for row in table] == expected.table["Quote"].tolist()


def test_a_search_that_finds_nothing_says_so_on_a_laptop(page, app_url) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size(LAPTOP)
    page.goto(f"{app_url}/themes?lang=cy")
    page.get_by_role("heading", name="Yng ngeiriau'r perchnogion", exact=True).first.wait_for()
    search = page.get_by_role("textbox", name="Chwilio'r geiriau")
    search.fill("sebra")
    search.press("Enter")
    settle(page)
    message = page.get_by_text("Nid oes dyfyniadau'n cyfateb i “sebra”.")
    expect(message).to_be_visible()
    page.get_by_role("heading", name="Yng ngeiriau'r perchnogion", exact=True).first.evaluate(
        "element => element.scrollIntoView({block: 'start'})"
    )
    _shot(page, "owners-words-none-cy-1366")


def test_the_slide_on_a_laptop(page, app_url) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size(LAPTOP)
    page.goto(f"{app_url}/present?slides=owners_words")
    expect(page.get_by_role("heading", name="In owners' words:").first).to_be_visible()
    settle(page)
    caption = page.locator(".st-key-present_caption")
    expect(caption).to_contain_text("Invented for the demo data set")
    assert page.get_by_test_id("stException").count() == 0

    # the quotes and the caption stand in the window (once the slide is fitted to it)
    def in_window() -> None:
        box = caption.bounding_box()
        assert box is not None and box["y"] + box["height"] <= LAPTOP["height"]

    eventually(in_window)
    _shot(page, "owners-words-slide-1366")
