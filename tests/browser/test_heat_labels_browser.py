"""Heat-map cell labels on a 1366 laptop and a 1093 one (1366 at 125%): 11 px or more, or none."""

from __future__ import annotations

import pytest

from tests.browser.conftest import settle

pytestmark = pytest.mark.browser

SIZES = """() => Array.from(document.querySelectorAll('.heatmaplayer text'))
    .filter(t => t.textContent.trim())
    .map(t => parseFloat(t.style.fontSize || getComputedStyle(t).fontSize))"""


@pytest.mark.parametrize("width", [1093, 1366])
@pytest.mark.parametrize("path", ["themes", "data-availability"])
def test_heat_map_labels_are_readable_or_absent(page, app_url, path: str, width: int) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": width, "height": 768})
    page.goto(f"{app_url}/{path}")
    page.locator(".heatmaplayer").first.wait_for(timeout=90_000)
    settle(page)
    sizes = page.evaluate(SIZES)
    assert page.locator(".heatmaplayer").count() >= 1
    assert all(size >= 11 for size in sizes), sorted(sizes)[:5]
