"""A digitisation-level filter that decides the share digital end to end by itself (levels 0 to
2 give 0%, levels 3 to 4 give 100%) says so instead of headlining a share true by construction."""

from __future__ import annotations

import pandas as pd

from dashboard.common.i18n import using
from dashboard.overview import slides as overview_slides
from dashboard.overview import tables as overview_tables
from dashboard.overview.headline import end_to_end_by_filter, end_to_end_value, headline

SERVICES = pd.DataFrame(
    {
        "code": ["a", "b", "c"],
        "name_en": ["A", "B", "C"],
        "organisation_id": [1, 1, 2],
        "organisation_en": ["Org one", "Org one", "Org two"],
        "sector": ["health", "health", "local_authority"],
        "digitisation_level": pd.array([0, 1, 2], dtype="Int8"),
        "is_deep_dive": [False] * 3,
    },
    index=pd.Index([1, 2, 3], name="id"),
)
NO_METRICS = pd.DataFrame(columns=["service_id", "metric", "availability", "value"])
NO_SURVEYS = pd.DataFrame(
    columns=["service_id", "instrument", "status", "sections_complete", "sections_total"]
)


def test_levels_below_three_leave_end_to_end_out_and_say_so() -> None:
    figures = headline(SERVICES, NO_METRICS, NO_SURVEYS)
    assert figures.share_end_to_end == 0.0  # true, but only because of the filter
    assert end_to_end_value(figures, 0, 2) == "Left out by the filter"
    assert end_to_end_by_filter(0, 2) == (
        "The filter keeps digitisation levels 0 to 2 only, so it leaves out the services at "
        "level 3 or 4 (digital end to end)."
    )
    table = overview_tables.sector_by_level(SERVICES)
    assert overview_tables.level_finding(table, (0, 2)) == end_to_end_by_filter(0, 2)
    assert "0%" not in overview_tables.level_finding(table, (0, 2))
    # with no level filter the same services are a finding: 0% of 3
    assert overview_tables.level_finding(table).startswith("0% of 3 services")
    with using("cy"):
        assert end_to_end_value(figures, 0, 2) == "Wedi'u gadael allan gan yr hidlydd"


def test_levels_three_and_four_only_are_all_end_to_end_by_the_filter() -> None:
    figures = headline(SERVICES.assign(digitisation_level=[3, 4, 4]), NO_METRICS, NO_SURVEYS)
    assert end_to_end_value(figures, 3, 4) == "All, by the filter"
    assert "by the filter's choice" in end_to_end_by_filter(3, 4)


def test_a_range_across_level_three_is_a_finding() -> None:
    figures = headline(SERVICES, NO_METRICS, NO_SURVEYS)
    assert end_to_end_by_filter(1, 3) == ""
    assert end_to_end_by_filter(0, 4) == ""
    assert end_to_end_value(figures, 1, 3) == "0%"


def test_the_headline_slide_says_what_the_filter_did() -> None:
    model = overview_tables.overview(
        SERVICES,
        NO_METRICS,
        NO_SURVEYS,
        pd.DataFrame(columns=["service_id", "theme", "kind", "severity", "priority"]),
        pd.DataFrame(columns=["code", "name_en", "category"]),
        level_range=(0, 2),
    )
    slide = overview_slides.headline_slide(model)
    fact = next(f for f in slide.facts if f.label == "Digital end to end")
    assert (fact.value, fact.detail) == ("Left out by the filter", end_to_end_by_filter(0, 2))


def test_the_overview_page_with_a_level_filter(open_app) -> None:  # type: ignore[no-untyped-def]
    at = open_app(level="0-2")
    tile = next(m for m in at.metric if m.label == "Digital end to end")
    assert tile.value == "Left out by the filter"
    everything = open_app()
    tile = next(m for m in everything.metric if m.label == "Digital end to end")
    assert tile.value.endswith("%")
