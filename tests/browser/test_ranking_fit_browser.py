"""Prioritise's top-priority chart, measured in Chromium from a phone to a 1080p screen: the
bars keep at least half the chart's width, the legend sits under them, the rank numbers and
names start inside the chart and are drawn 11 px or more (read from the SVG), and a phone says
how many of the ranking it shows."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from tests.browser.conftest import ARTIFACTS, settle
from tests.browser.test_heat_labels_browser import LEAST_LABEL, drawn_sizes

pytestmark = pytest.mark.browser

#: (window width, height): a small phone, an iPhone, 1024 with the sidebar open, a 1366 laptop
#: at 125% (1093 CSS px), the laptop at 100%, a 1080p screen.
WINDOWS = [(360, 780), (390, 844), (1024, 768), (1093, 614), (1366, 768), (1920, 1080)]

MEASURE = """() => {
    const chart = document.querySelector('.st-key-ranking_chart [data-testid=stPlotlyChart]');
    const svg = chart.querySelector('.main-svg').getBoundingClientRect();
    const plot = chart.querySelector('.nsewdrag').getBoundingClientRect();
    // bars beyond the axis's range (a phone shows the first eight) are clipped away
    const bars = [...chart.querySelectorAll('.barlayer .point path')]
        .map(p => p.getBoundingClientRect())
        .filter(b => b.width > 0 && b.height > 0 && b.top < plot.bottom);
    const legend = chart.querySelector('.legend').getBoundingClientRect();
    const ticks = [...chart.querySelectorAll('.ytick text')]
        .map(t => [t.textContent, t.getBoundingClientRect().left - svg.left]);
    return {
        svg: [svg.left, svg.right, svg.width],
        plot: [plot.left, plot.right, plot.top, plot.bottom, plot.width],
        barsBottom: Math.max(...bars.map(b => b.bottom)),
        barsRight: Math.max(...bars.map(b => b.right)),
        legend: [legend.top, legend.bottom, legend.left, legend.right],
        ticks: ticks,
        subtitle: chart.querySelector('.gtitle-subtitle')?.textContent ?? '',
        axisTitle: (r => [r.left, r.right])(chart.querySelector('.xtitle').getBoundingClientRect()),
    };
}"""


#: The text of the ranking's row names: the rank and service (the tick's own text) and the
#: organisation under it (a tspan of its own, in smaller type).
RANK_NAMES = (
    ".st-key-ranking_chart .ytick text, .st-key-ranking_chart .ytick text tspan[style*=font-size]"
)

#: The subtitle's note on a phone, as textContent gives it (its lines' tspans joined without
#: spaces, so compared with the spaces taken out).
SHOWN_NOTE = {"en": "8of402rankedservicesshown", "cy": "Dangosir8o'r402gwasanaetharestrwyd"}


@pytest.mark.parametrize(
    ("width", "height", "lang"),
    [(w, h, "en") for w, h in WINDOWS] + [(390, 844, "cy"), (1093, 614, "cy")],
)
def test_ranking_bars_keep_half_the_chart(
    page, app_url, width: int, height: int, lang: str
) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{app_url}/prioritise?lang={lang}")
    chart = page.locator(".st-key-ranking_chart .main-svg").first
    chart.wait_for(timeout=90_000)
    page.locator(".st-key-ranking_chart .barlayer .point").first.wait_for()
    settle(page)
    chart.scroll_into_view_if_needed()
    m = page.evaluate(MEASURE)
    svg_left, svg_right, svg_width = m["svg"]
    plot_left, plot_right, _, plot_bottom, plot_width = m["plot"]
    assert plot_width / svg_width >= 0.5, m
    assert plot_left >= svg_left and plot_right <= svg_right
    assert m["barsRight"] <= plot_right + 1  # the bars are drawn in that plot area
    # the legend is under the bars, not on them
    legend_top, _, legend_left, legend_right = m["legend"]
    assert legend_top >= plot_bottom and legend_top >= m["barsBottom"], m
    assert legend_left >= svg_left - 1 and legend_right <= svg_right + 1
    # the axis title (longer in Welsh) is inside the chart too
    assert m["axisTitle"][0] >= svg_left - 1 and m["axisTitle"][1] <= svg_right + 1, m
    # every name starts inside the chart and carries its rank
    assert m["ticks"] and all(left >= -1 for _, left in m["ticks"]), m["ticks"]
    assert m["ticks"][0][0].startswith("1. ")
    ranks = [text.split(".")[0] for text, _ in m["ticks"]]
    if width <= 390:
        assert ranks == [str(n) for n in range(1, 9)]
        assert SHOWN_NOTE[lang] in m["subtitle"].replace(" ", "")
    else:
        assert len(ranks) == 15
    # each row's name and organisation (a line of its own, in smaller type) readable
    sizes = drawn_sizes(page, RANK_NAMES)
    assert len(sizes) >= 2 * len(ranks), (len(sizes), ranks)
    assert min(sizes) >= LEAST_LABEL, sorted(sizes)[:5]
    if (width, height) in ((1093, 614), (1366, 768), (390, 844)):
        _pictures(page, width, height, lang)


def _pictures(page, width: int, height: int, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The window as a person sees it at the chart, and the whole chart (the window grown to
    hold it), in tests/artifacts/ to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    close = page.get_by_test_id("stSidebarCollapseButton").locator("button")
    if width < 768 and close.count() and close.first.is_visible():
        close.first.click()  # on a phone the sidebar floats over the page until closed
        page.wait_for_timeout(500)
    page.locator(".st-key-ranking_chart").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"prioritise-ranking-window-{width}x{height}-{lang}.png"))
    page.set_viewport_size({"width": width, "height": 2400})
    page.wait_for_timeout(500)
    page.locator(".st-key-ranking_chart").screenshot(
        path=str(ARTIFACTS / f"prioritise-ranking-{width}x{height}-{lang}.png")
    )


def test_ranking_png_download_is_16_by_9_with_its_footer_inside(page, app_url) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 1093, "height": 614})
    page.goto(f"{app_url}/prioritise")
    page.locator(".st-key-ranking_chart .main-svg").first.wait_for(timeout=90_000)
    settle(page)
    with page.expect_download() as download_info:
        page.locator(".st-key-ranking_png button:visible").first.click()
    png = Path(download_info.value.path()).read_bytes()
    image = Image.open(io.BytesIO(png)).convert("L")
    assert image.size == (3200, 1800)
    # the footer's last row (the source line) is drawn inside the image, and the filter line
    # above it wraps before the right edge
    bottom = image.crop((0, image.height - 70, image.width, image.height - 20))
    assert bottom.getextrema()[0] < 128
    edge = image.crop((image.width - 16, image.height - 200, image.width, image.height))
    assert edge.getextrema() == (255, 255)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "prioritise-ranking-download.png").write_bytes(png)
