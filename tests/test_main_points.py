"""The Overview's main points on a small catalogue whose answers are worked out by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.common.filters import Filter
from dashboard.common.i18n import using
from dashboard.overview import tables as overview_tables
from dashboard.overview.main_points import main_points

# 13 services from 4 organisations: local authorities at levels 1 1 2 3 3 4 (3 of 6 at level 3
# or 4), health at 0 1 2 2 3 (1 of 5), the third sector at 3 and one not recorded
LEVELS = [1, 1, 2, 3, 3, 4, 0, 1, 2, 2, 3, 3, np.nan]
SECTORS = ["local_authority"] * 6 + ["health"] * 5 + ["third_sector"] * 2
SERVICES = pd.DataFrame(
    {
        "name_en": [f"Service {i}" for i in range(1, 14)],
        "organisation_id": [1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4],
        "organisation_en": ["A"] * 3 + ["B"] * 3 + ["C"] * 5 + ["D"] * 2,
        "sector": SECTORS,
        "digitisation_level": pd.array(LEVELS, dtype="Int64"),
        "is_deep_dive": [False] * 13,
        "journeys": [0] * 13,
    },
    index=pd.Index(range(1, 14), name="id"),
)
# two services answered metrics: 2 of their 4 answers hold a figure
METRICS = pd.DataFrame(
    {
        "service_id": [1, 1, 2, 2],
        "metric": ["users_per_year", "cost_per_transaction"] * 2,
        "availability": ["provided", "not_available", "estimated", "not_collected"],
    }
)
# challenges from services 1 2 3 4 7 (5 reporting): recruiting for 4 of them
SERVICE_THEMES = pd.DataFrame(
    {
        "service_id": [1, 2, 3, 4, 7, 5],
        "theme": ["recruit", "recruit", "recruit", "legacy", "recruit", "forms"],
        "kind": ["challenge"] * 5 + ["opportunity"],
        "severity": [3, 3, 1, 2, 3, 2],
    }
)
THEMES = pd.DataFrame(
    {
        "code": ["recruit", "legacy", "forms"],
        "kind": ["challenge", "challenge", "opportunity"],
        "category": ["skills", "technology", "technology"],
        "name_en": ["Recruiting developers", "Legacy systems", "Shared forms"],
        "name_cy": ["Recriwtio datblygwyr", "Systemau etifeddol", "Ffurflenni a rennir"],
    }
)
SURVEYS = pd.DataFrame(
    columns=["service_id", "instrument", "status", "sections_complete", "sections_total"]
)


def _points(services: pd.DataFrame, flt: Filter, lang: str = "en") -> list[str]:
    with using(lang):
        model = overview_tables.overview(services, METRICS, SURVEYS, SERVICE_THEMES, THEMES)
        return main_points(model, flt)


def test_the_main_points_answer_from_the_matching_services() -> None:
    assert _points(SERVICES, Filter()) == [
        "13 services from 4 organisations match this view. 42% of the 12 services whose "
        "digitisation level is known are digital end to end (level 3 or 4).",
        "By sector, Health is least often digital end to end (20% of 5 services) and Local "
        "authority most often (50% of 6).",
        "The challenge reported for the most services is Recruiting developers: 4 of the 5 "
        "services that reported challenges (80%).",
        "11 of 13 services reported no metrics; where owners did answer, 2 of 4 metric answers "
        "hold a figure (50%), and the rest say why not.",
        "The aim named for the most services is Shared forms: 1 of the 1 service that named "
        "aims (100%).",
    ]


def test_a_level_filter_below_3_says_the_share_follows_from_the_filter() -> None:
    flt = Filter(level_max=2)
    services = SERVICES[SERVICES["digitisation_level"] <= 2]  # 1 2 3 (A), 7 8 9 10 (C)
    points = _points(services, flt)
    assert points[0] == (
        "7 services from 2 organisations match this view. The filter keeps digitisation "
        "levels 0 to 2 only, so none of them is digital end to end: that follows from the "
        "filter, not from the data."
    )
    # no sector is compared on a share the filter decides
    assert not any(point.startswith("By sector") for point in points)
    assert "0%" not in points[0]


def test_a_sector_with_few_services_of_known_level_is_not_compared() -> None:
    # health alone has five; the others fall below the bar: nothing to compare it with
    services = SERVICES[SERVICES["sector"] != "local_authority"]
    assert not any(point.startswith("By sector") for point in _points(services, Filter()))


def test_the_main_points_in_welsh_name_the_welsh_theme() -> None:
    points = _points(SERVICES, Filter(), "cy")
    assert len(points) == 5
    assert points[2] == (
        "Yr her a nodwyd ar gyfer y nifer fwyaf o wasanaethau yw Recriwtio datblygwyr: 4 o'r 5 "
        "gwasanaeth a nododd heriau (80%)."
    )


def test_no_matching_service_has_no_main_points() -> None:
    assert _points(SERVICES.iloc[:0], Filter()) == []
