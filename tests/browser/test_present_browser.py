"""Presenting in Chromium: the sidebar folds away, every screen draws, the deck downloads."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pptx import Presentation

from dashboard import slides
from tests.browser.conftest import screenshot, settle

pytestmark = pytest.mark.browser


def test_each_presentation_screen(page, app_url) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{app_url}/present")
    total = len(slides.DEFAULT_ORDER)
    for number, key in enumerate(slides.DEFAULT_ORDER, start=1):
        name = slides.BY_KEY[key].name
        expect(page.get_by_text(f"Slide {number} of {total} · {name}")).to_be_visible()
        settle(page)
        assert page.get_by_test_id("stException").count() == 0
        if number == 1:  # presenting: the filter sidebar starts folded away
            expect(page.get_by_test_id("stExpandSidebarButton")).to_have_attribute(
                "aria-expanded", "false"
            )
        screenshot(page, f"present-{number}-{key}")
        page.get_by_role("button", name="Next").click()
    expect(page.get_by_text(f"Slide 1 of {total}")).to_be_visible()  # wraps round


def test_deck_downloads_through_the_page(page, app_url) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{app_url}/present?slides=headline,levels,surveys&sector=health")
    page.get_by_text("Download the deck (PPTX and PDF)").click()
    page.get_by_role("button", name="Build the deck").click()
    download_button = page.get_by_role("button", name="Download PPTX")
    download_button.wait_for(timeout=60_000)
    with page.expect_download() as download_info:
        download_button.click()
    deck = Presentation(io.BytesIO(Path(download_info.value.path()).read_bytes()))
    assert len(deck.slides) == 4
    cover = " ".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    assert "Filter: Sector: Health" in cover
