"""The app in real headless Chromium: it starts, shows the headline figures, no exception box."""

from __future__ import annotations

import pytest

from dashboard.headline import headline
from dashboard.queries import load_metric_answers, load_services, load_survey_progress
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def test_overview_in_chromium(page, app_url, demo_engine) -> None:  # type: ignore[no-untyped-def]
    expected = headline(
        load_services(demo_engine),
        load_metric_answers(demo_engine),
        load_survey_progress(demo_engine),
    )
    page.goto(app_url)  # the default page is served at the root
    metrics = page.get_by_test_id("stMetric")
    metrics.first.wait_for()
    page.get_by_test_id("stMetricValue").first.wait_for()
    texts = [t.strip() for t in metrics.all_inner_texts()]
    assert any(t.startswith("Services") and f"{expected.services:,}" in t for t in texts), texts
    assert any(f"{expected.deep_dives_surveyed} of 15" in t for t in texts), texts
    assert page.get_by_text("Illustrative data").is_visible()
    assert page.get_by_test_id("stException").count() == 0
    assert page.title() == "Overview"
    path = screenshot(page, "overview")
    assert path.stat().st_size > 10_000
