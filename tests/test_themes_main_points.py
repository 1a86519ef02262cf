"""Challenges and aims: the main points on hand-made tables with answers worked out by hand."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from dashboard.common.i18n import using
from dashboard.themes.main_points import main_points
from dashboard.themes.tables import ThemesView

# 20 services reported challenges: 12 local authority services, 8 health services
THEMES = pd.DataFrame(
    {
        "Code": ["recruit", "legacy", "funding"],
        "Theme": ["Recruiting developers", "Legacy systems", "Short-term funding"],
        "Services": [10, 8, 5],
        "High": [4, 2, 1],
    }
)
COUNTS = pd.DataFrame(
    {"Local authority": [6, 6, 0], "Health": [4, 2, 5]},
    index=pd.Index(["Recruiting developers", "Legacy systems", "Short-term funding"]),
)
REPORTING = pd.Series({"Local authority": 12, "Health": 8})
STANDARDS = pd.DataFrame(
    {
        "Standard": ["8. Iterate and improve frequently", "1. Understand users"],
        "Services with linked challenges": [9, 6],
        "of them rated high": [4, 1],
    }
)


def _view(kind: str = "challenge", standards: pd.DataFrame = STANDARDS) -> ThemesView:
    empty = pd.DataFrame()
    return ThemesView(
        kind=kind,
        reporting=20,
        themes=THEMES,
        sector_shares=COUNTS / REPORTING,
        sector_counts=COUNTS,
        standards=standards,
        dimensions=empty,
        assessments=empty,
        services=30,
    )


def test_the_main_points_of_the_challenges() -> None:
    with using("en"):
        points = main_points(_view())
    assert points == [
        "20 of 30 matching services reported at least one challenge; shares are of those that did.",
        # 10 of 20; 8 of 20
        "The challenge reported most is Recruiting developers: 10 services (50%), 4 of them "
        "rating it high. Next comes Legacy systems (40%).",
        # funding: 5 of health's 8 (62%) against 5 of 20 (25%): 38 points above, the most
        "Short-term funding stands out in Health: 62% of its 8 services reporting challenges, "
        "against 25% across all sectors.",
        "By the challenges linked to it, the standard most at risk is 8. Iterate and improve "
        "frequently: 4 services report a high-severity challenge that bears on it (the links, "
        "not the owners' self-assessment).",
    ]


def test_a_sector_with_few_reporting_services_is_not_compared() -> None:
    # health's 8 fall below the bar once only 4 of them reported: nothing stands out
    counts = COUNTS.assign(Health=[2, 1, 3])
    reporting = pd.Series({"Local authority": 12, "Health": 4})
    view = _view()
    view = ThemesView(
        **{**view.__dict__, "sector_counts": counts, "sector_shares": counts / reporting}
    )
    with using("en"):
        assert not any("stands out" in point for point in main_points(view))


def test_aims_name_no_standard_at_risk_and_say_named() -> None:
    with using("en"):
        points = main_points(_view("opportunity"))
    assert points[0].startswith("20 of 30 matching services named at least one aim")
    assert points[1].startswith("The aim named most is Recruiting developers: 10 services")
    assert not any("at risk" in point for point in points)


def test_no_reports_no_main_points_and_welsh_words() -> None:
    view = _view()
    assert main_points(replace(view, reporting=0)) == []
    with using("cy"):
        points = main_points(view)
    assert points[0].startswith("Nododd 20 o 30 gwasanaeth cyfatebol o leiaf un her")
