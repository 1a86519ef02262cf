"""Presenting on a laptop with a filter set, in English and Welsh: every slide's chart, its whole
legend (the estimated key too) and its source line lie inside the window, the names beside the
bars do not print over one another, every row a chart draws is named (plotly leaves out every
other name where rows are too close), a chart that shows some of its rows says how many, and
full screen shows the audience the slide alone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from dashboard.common.i18n import t, using
from dashboard.present import fit, sequence
from tests.browser.conftest import ARTIFACTS, settle

pytestmark = pytest.mark.browser

#: A 1366 x 768 laptop, and the same laptop at Windows' default 125% scaling.
WINDOWS = [(1366, 768), (1093, 614)]
FILTER = "sector=health&sector=local_authority"
#: The fewest bars of the top priorities that must show, each with its two-line name clear of
#: the next: with the page's controls and the data notice above the slide, and in full screen.
#: (The Welsh names and legend are longer: these hold in both languages.)
LEAST_BARS = {(1366, 768): 4, (1093, 614): 2}
LEAST_BARS_FULL = {(1366, 768): 7, (1093, 614): 5}
#: The fewest rows the other bar charts show (of the ten the slides hold), each one named.
LEAST_ROWS = {(1366, 768): 9, (1093, 614): 5}
CHART_SLIDES = [key for key in sequence.DEFAULT_ORDER if key != "headline"]

MEASURE = """() => {
    const chart = document.querySelector('.st-key-present_slide [data-testid=stPlotlyChart]');
    if (!chart) return null;
    const box = e => { const r = e.getBoundingClientRect();
        return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
    const svg = chart.querySelector('.main-svg');
    const legend = chart.querySelector('.legend');
    const scroll = legend && legend.querySelector('.scrollbar');
    const ticks = [...chart.querySelectorAll('.ytick text')]
        .filter(t => t.getBoundingClientRect().height > 0)
        .map(t => ({text: t.textContent, ...box(t)}));
    const keys = legend ? [...legend.querySelectorAll('.traces')].map(k => ({
        text: k.textContent, ...box(k)})) : [];
    const footer = document.querySelector('.st-key-present_footer');
    // the rows the chart draws: the categories of its axis inside the axis's range
    const plot = chart.querySelector('.js-plotly-plot');
    const y = plot && plot._fullLayout ? plot._fullLayout.yaxis : null;
    if (!y) return null;
    const [low, high] = [Math.min(...y.range), Math.max(...y.range)];
    const categories = y.type === 'category' ? y._categories : [];
    return {
        rows: categories.filter((c, i) => i > low && i < high).length,
        categories: categories.length,
        chart: box(svg),
        plot: box(chart.querySelector('.nsewdrag') || svg),
        axisTitle: chart.querySelector('.xtitle') ? box(chart.querySelector('.xtitle')) : null,
        legend: legend ? box(legend) : null,
        legendScrolls: Boolean(scroll && scroll.getBoundingClientRect().height > 0),
        keys: keys,
        ticks: ticks,
        // a slide's chart carries the page chart's subtitle as its title
        subtitle: chart.querySelector('.gtitle')?.textContent ?? '',
        footer: box(footer),
        footerText: footer.textContent,
    };
}"""


def where_text(number: int, key: str, lang: str, total: int) -> str:
    with using(lang):
        return t(
            "Slide {number} of {total} · {name}",
            number=number,
            total=total,
            name=sequence.kind_name(key),
        )


@pytest.fixture(params=WINDOWS, ids=lambda w: f"{w[0]}x{w[1]}")
def laptop(browser, request) -> Iterator[object]:  # type: ignore[no-untyped-def]
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def open_present(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    expect(page.locator(".st-key-present_where")).to_be_visible(timeout=60_000)
    settle(page)
    page.wait_for_timeout(500)  # the browser may report its window: one more run
    settle(page)
    expect(page.locator("html[data-present-keys=ready]")).to_have_count(1)


def chart_drawn(page) -> None:  # type: ignore[no-untyped-def]
    settle(page)
    svg = page.locator(".st-key-present_slide [data-testid=stPlotlyChart] .main-svg").first
    expect(svg).to_be_visible(timeout=30_000)
    page.wait_for_timeout(400)  # plotly's own transition


def measured(page) -> dict:  # type: ignore[no-untyped-def]
    """The slide's measures once plotly has finished drawing (two looks in a row agree: a
    chart replacing another keeps the old one's labels for a moment)."""
    last = None
    for _ in range(30):
        now = page.evaluate(MEASURE)
        if now is not None and now == last:
            return now
        last = now
        page.wait_for_timeout(300)
    return last


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def overlapping(ticks: list[dict]) -> list[tuple[str, str]]:
    """Pairs of axis labels whose boxes overlap (more than a pixel of rounding)."""
    pairs = []
    for number, first in enumerate(ticks):
        for second in ticks[number + 1 :]:
            across = min(first["right"], second["right"]) - max(first["left"], second["left"])
            down = min(first["bottom"], second["bottom"]) - max(first["top"], second["top"])
            if across > 1 and down > 1:
                pairs.append((first["text"], second["text"]))
    return pairs


def assert_slide_fits(page, m: dict, key: str) -> None:  # type: ignore[no-untyped-def]
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    inside = lambda b: (  # noqa: E731
        b["top"] >= -1 and b["bottom"] <= height + 1 and b["left"] >= -1 and b["right"] <= width + 1
    )
    assert inside(m["chart"]), (key, m["chart"])
    assert inside(m["footer"]), (key, m["footer"])
    assert m["footer"]["top"] >= m["chart"]["bottom"] - 1, key
    # the plot keeps room for a bar and its two-line name (a legend never squeezes it away)
    assert m["plot"]["bottom"] - m["plot"]["top"] >= 40, (key, m["plot"])
    if m["legend"] is not None:
        assert not m["legendScrolls"], (key, "the legend scrolls")
        assert inside(m["legend"]), (key, m["legend"])
        if m["axisTitle"] is not None and m["legend"]["top"] > m["plot"]["top"]:
            # a legend under the plot stands under the axis's title, not on it
            assert m["legend"]["top"] >= m["axisTitle"]["bottom"] - 1, (key, m["legend"])
        for legend_key in m["keys"]:
            assert inside(legend_key), (key, legend_key)
            assert legend_key["bottom"] <= m["legend"]["bottom"] + 1, (key, legend_key)
    assert not overlapping(m["ticks"]), (key, overlapping(m["ticks"]))


def assert_every_row_named(m: dict, key: str, lang: str) -> None:
    """Each row the chart draws has its name beside it; a chart showing fewer rows than it
    holds says how many ("6 of 10 shown"; a ranking "3 of 336 ranked services shown")."""
    names = [tick["text"] for tick in m["ticks"]]
    assert m["rows"] and len(names) == m["rows"], (key, m["rows"], names)
    if m["rows"] < m["categories"] and key != "priorities":
        with using(lang):
            note = fit.shown_note(m["rows"], m["categories"])
        assert note.replace(" ", "") in m["subtitle"].replace(" ", ""), (key, m["subtitle"])


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_every_slide_fits_a_laptop_with_a_filter(laptop, app_url, lang) -> None:  # type: ignore[no-untyped-def]
    page = laptop
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    slides = ",".join(CHART_SLIDES)
    open_present(page, f"{app_url}/present?lang={lang}&slides={slides}&{FILTER}")
    for number, key in enumerate(CHART_SLIDES, start=1):
        where = where_text(number, key, lang, len(CHART_SLIDES))
        expect(page.get_by_text(where, exact=True)).to_be_visible()
        chart_drawn(page)
        assert page.get_by_test_id("stException").count() == 0
        m = measured(page)
        shot(page, f"present-fit-{width}x{height}-{lang}-{number}-{key}")
        assert m is not None, key
        assert_slide_fits(page, m, key)
        assert_every_row_named(m, key, lang)
        if key in ("challenges", "opportunities", "standards"):
            assert m["rows"] >= LEAST_ROWS[(width, height)], (key, m["rows"])
        if key == "priorities":
            with using(lang):
                estimated = t("Hatched, ≈: estimated from the median")
            assert any(k["text"] == estimated for k in m["keys"]), m["keys"]
            ranks = [tick["text"].split(".")[0] for tick in m["ticks"]]
            assert ranks == [str(n) for n in range(1, len(ranks) + 1)], ranks
            assert len(ranks) >= LEAST_BARS[(width, height)], ranks
            shown = "of" if lang == "en" else "o'r"
            # "N of M ranked services shown" in the subtitle (its tspans joined without spaces)
            assert f"{len(ranks)}{shown}" in m["subtitle"].replace(" ", ""), m["subtitle"]
        page.keyboard.press("PageDown")


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_full_screen_shows_the_audience_the_slide_alone(laptop, app_url, lang) -> None:  # type: ignore[no-untyped-def]
    page = laptop
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    open_present(page, f"{app_url}/present?lang={lang}&slides=priorities,levels&{FILTER}")
    with using(lang):
        full_label, leave_label = t("Full screen"), t("Leave full screen")
        notes_label = t("Speaker notes")
    expect(page.get_by_text(notes_label)).to_be_visible()
    page.get_by_role("button", name=full_label, exact=True).click()
    chart_drawn(page)
    expect(page.get_by_test_id("stHeader")).to_be_hidden()
    # only the slide: no buttons or toggles but the one small way out
    visible = page.evaluate(
        """() => [...document.querySelectorAll(
            'button, [role=button], input, [role=switch], [role=checkbox], select, textarea')]
            .filter(e => { const r = e.getBoundingClientRect();
                const s = getComputedStyle(e);
                return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'
                    && s.display !== 'none' && Number(s.opacity) > 0.05; })
            .map(e => (e.getAttribute('aria-label') || e.textContent || '').trim())"""
    )
    # (a button's text starts with its icon's name)
    assert len(visible) == 1 and visible[0].endswith(leave_label), visible
    expect(page.get_by_text(notes_label)).to_be_hidden()
    m = measured(page)
    shot(page, f"present-fit-full-{width}x{height}-{lang}")
    assert_slide_fits(page, m, "priorities")
    assert_every_row_named(m, "priorities", lang)
    ranks = [tick["text"].split(".")[0] for tick in m["ticks"]]
    assert len(ranks) >= LEAST_BARS_FULL[(width, height)], ranks
    shown = "of" if lang == "en" else "o'r"
    assert f"{len(ranks)}{shown}" in m["subtitle"].replace(" ", ""), m["subtitle"]
    # the slide keys still work, and Esc (or the small control) leaves
    page.keyboard.press("PageDown")
    expect(page.locator(".st-key-present_number")).to_have_text("2 / 2")
    settle(page)
    page.keyboard.press("Escape")
    settle(page)
    expect(page.get_by_test_id("stHeader")).to_be_visible()
    expect(page.get_by_role("button", name=full_label, exact=True)).to_be_visible()
