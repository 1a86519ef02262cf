"""Improvement areas never call a sum of users across services "people": the lead says how many
services and organisations stand behind the total, and that a person using two services
counts twice."""

from __future__ import annotations

import pandas as pd

from dashboard.common.headers import localised
from dashboard.common.i18n import using
from dashboard.prioritise import areas as priority_areas
from dashboard.prioritise import figures as priority_figures
from dashboard.prioritise import score as p

SERVICES = pd.DataFrame(
    {
        "code": ["a", "b", "c"],
        "name_en": ["Alpha", "Bravo", "Charlie"],
        "organisation_id": [10, 10, 20],
        "organisation_en": ["Org one", "Org one", "Org two"],
        "sector": ["health"] * 3,
        "digitisation_level": [0, 2, 4],
    },
    index=pd.Index([1, 2, 3], name="id"),
)
METRICS = pd.DataFrame(
    [
        (1, "users_per_year", "provided", 1_000.0),
        (2, "users_per_year", "provided", 20_000.0),
        (3, "users_per_year", "provided", 300.0),
    ],
    columns=["service_id", "metric", "availability", "value"],
)
SERVICE_THEMES = pd.DataFrame(
    {
        # legacy: all three services, in two organisations; forms: service 3 alone
        "service_id": [1, 2, 3, 3],
        "theme": ["legacy", "legacy", "legacy", "forms"],
        "kind": ["challenge"] * 4,
        "severity": [3, 2, 1, 1],
    }
)
THEMES = pd.DataFrame({"code": ["legacy", "forms"], "name_en": ["Legacy systems", "Paper forms"]})


def _areas() -> pd.DataFrame:
    parts = p.components(SERVICES, METRICS, SERVICE_THEMES)
    return priority_areas.improvement_areas(SERVICES, SERVICE_THEMES, THEMES, parts)


def test_an_area_counts_its_services_and_organisations() -> None:
    table = _areas().set_index("Code")
    assert table.loc["legacy", "Services"] == 3
    assert table.loc["legacy", "Organisations"] == 2
    assert table.loc["forms", "Organisations"] == 1
    # 1,000 + 20,000 + 300 users added across the three services
    assert table.loc["legacy", "Users or transactions per year"] == 21_300


def test_the_total_reach_title_leads_with_services_and_never_says_people() -> None:
    figure = priority_figures.areas_figure(_areas(), "total")
    title = figure.layout.title.text.replace("<br>", " ")
    assert title == (
        "“Legacy systems”, reported by 3 services in 2 organisations, has the most service "
        "users per year: 21,300, added across services (a person using two services counts "
        "twice)"
    )
    assert "people" not in title
    axis = figure.layout.xaxis.title.text.replace("<br>", " ")
    assert "a person using two services counts twice" in axis
    with using("cy"):
        welsh = priority_figures.areas_figure(_areas(), "total").layout.title.text.replace(
            "<br>", " "
        )
    assert "”, a nodwyd gan 3 gwasanaeth mewn 2 sefydliad" in welsh
    assert "ddwywaith" in welsh


def test_one_service_in_one_organisation_is_said_in_the_singular() -> None:
    assert priority_figures.reach_sum_title("Paper forms", 1, 1, 300.0) == (
        "“Paper forms”, reported by 1 service in 1 organisation, has the most service users per "
        "year: 300, added across services (a person using two services counts twice)"
    )


def test_the_table_header_says_the_total_is_added_across_services() -> None:
    headers = list(localised(_areas()).columns)
    assert "Service users (or transactions) per year, added across services" in headers
