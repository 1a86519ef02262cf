"""Typing part of a theme's name and pressing Enter picks that theme, and nothing else."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import settle

pytestmark = pytest.mark.browser


def test_typing_cyber_and_enter_picks_only_the_cyber_theme(page, app_url) -> None:  # type: ignore[no-untyped-def]
    page.goto(app_url)
    page.get_by_test_id("stMetricValue").first.wait_for(timeout=90_000)
    box = (
        page.get_by_test_id("stSidebar")
        .get_by_test_id("stMultiSelect")
        .filter(has_text="Challenge theme")
    )
    box.locator("input").click()
    page.keyboard.type("Cyber")
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()
    shown = options.all_inner_texts()
    assert shown and all("cyber" in text.lower() for text in shown), shown
    assert not any(text.startswith("Select") for text in shown), shown
    page.keyboard.press("Enter")
    settle(page)
    page.keyboard.press("Escape")
    from urllib.parse import parse_qs, urlparse

    def picked() -> list[str]:
        return parse_qs(urlparse(page.url).query).get("challenge", [])

    expect(page).to_have_url(re.compile("challenge="))
    assert picked() == ["cyber_security_skills"]
