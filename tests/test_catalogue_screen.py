"""The catalogue on screen: each figure cell holds the figure, marked where estimated, or the
reason there is none; the screen leads with the name, the organisation, the level and the
figures, at widths that fit a 1366 px laptop's window; the files keep numbers as numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.catalogue.table import (
    ESTIMATE_MARK,
    SCREEN_FIRST,
    SCREEN_WIDTHS,
    catalogue_table,
    columns,
    for_screen,
)
from dashboard.common.i18n import using


def _services() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "code": ["a", "b", "c", "d"],
            "name_en": ["Renew a permit", "Report a pothole", "Book a test", "Apply for a grant"],
            "name_cy": ["Adnewyddu trwydded", None, "Trefnu prawf", None],
            "organisation_code": ["o1", "o1", "o2", "o2"],
            "organisation_en": ["Cyngor A", "Cyngor A", "Health B", "Health B"],
            "organisation_cy": ["Cyngor A", "Cyngor A", "Iechyd B", "Iechyd B"],
            "journeys": [1, 0, 12, 0],
            "digitisation_level": ["3", "1", None, "2"],
            "sector": ["local_authority", "local_authority", "health", "health"],
            "stage": ["live", "live", "live", None],
            "is_deep_dive": [True, False, True, False],
            "service_type": ["parking-permit", "pothole", None, "central-grant"],
        },
        index=[1, 2, 3, 4],
    )


def _metrics() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "service_id": [1, 2, 3],
            "metric": ["users_per_year"] * 3,
            "value": [31000.0, 1234567.0, np.nan],
            "availability": ["estimated", "provided", "not_available"],
            "reason": [None, None, "shared_contract"],
            "period": ["2023-24", "2023-24", "2023-24"],
            "period_months": [12, 12, 12],
        }
    )


def test_a_figure_cell_says_the_figure_the_estimate_or_why_there_is_none() -> None:
    with using("en"):
        table = catalogue_table(_services(), _metrics())
        screen = for_screen(table)
    users = screen["Users per year"].tolist()
    assert users == [
        f"{ESTIMATE_MARK} 31,000",
        "1,234,567",
        "Not available (shared contract)",
        "Not reported",
    ]
    # the file's table is untouched: numbers stay numbers, the status in its own column
    assert table["Users per year"].tolist()[:2] == [31000.0, 1234567.0]
    assert table["Users figure"].tolist()[2] == "Not available (shared contract)"


def test_the_screen_leads_with_name_organisation_level_and_figures_in_welsh_too() -> None:
    for lang in ("en", "cy"):
        with using(lang):
            headers = columns()
            screen = for_screen(catalogue_table(_services(), _metrics()))
        assert list(screen.columns[: len(SCREEN_FIRST)]) == [headers[f] for f in SCREEN_FIRST]
        assert headers["users_status"] not in screen.columns
        assert screen.columns[-1] == headers["code"]
    with using("cy"):
        reason = for_screen(catalogue_table(_services(), _metrics()))[columns()["users"]]
    assert reason.tolist()[2] == "Ddim ar gael (contract a rennir)"


def test_the_leading_columns_fit_a_1366_laptop_window() -> None:
    # 1366 px less the sidebar (300), the page's side padding (2 x 80) and the row picker (36)
    assert sum(SCREEN_WIDTHS[f] for f in SCREEN_FIRST[:5]) <= 1366 - 300 - 160 - 36


def test_the_catalogue_main_points_count_figures_and_name_one_service_never_a_sum() -> None:
    from dashboard.catalogue.main_points import main_points

    metrics = pd.concat(
        [
            _metrics(),
            pd.DataFrame(
                {
                    "service_id": [4],
                    "metric": ["transactions_per_year"],
                    "value": [50.0],
                    "availability": ["provided"],
                    "reason": [None],
                    "period": ["2023-24"],
                    "period_months": [12],
                }
            ),
        ]
    )
    with using("en"):
        points = main_points(catalogue_table(_services(), metrics), 2)
    assert points == [
        "4 services from 2 organisations match; one row each, however many journeys they hold.",
        # users: 1 (estimated) and 2 gave one; 3 not available, 4 never answered: a tie, so no
        # answer is called the commonest
        "2 of the 4 services give a users figure and 1 a transactions figure.",
        # 1,234,567 is service 2's own figure, provided: not a sum of the two
        "The most used is Report a pothole (Cyngor A): 1,234,567 users a year, by its owner's "
        "own figure. Period: 2023-24.",
    ]
    # without service 4, "not available" is the one answer where there is no figure
    with using("en"):
        three = main_points(catalogue_table(_services().loc[[1, 2, 3]], metrics), 2)
    assert three[1] == (
        "2 of the 3 services give a users figure and 0 a transactions figure. Where there is no "
        "users figure, the commonest answer is “Not available (shared contract)” (1 service)."
    )
