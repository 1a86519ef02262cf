"""Not recorded is a value: shown in words, counted in coverage, never counted as a level."""

from __future__ import annotations

import pandas as pd

from dashboard.common.i18n import using
from dashboard.common.not_recorded import coverage_line, level_coverage
from dashboard.overview import tables as overview_tables
from dashboard.overview.headline import headline

#: Five services: two with no digitisation level, one of an organisation with no sector.
SERVICES = pd.DataFrame(
    {
        "sector": ["local_authority", "local_authority", "health", "health", None],
        "digitisation_level": pd.array([3, None, 4, None, 1], dtype="Int8"),
        "stage": ["developing", None, "long_running", "developing", "developing"],
        "is_deep_dive": [False] * 5,
        "organisation_id": [1, 1, 2, 2, 3],
        "journeys": [0] * 5,
    },
    index=pd.Index([1, 2, 3, 4, 5], name="id"),
)
NO_METRICS = pd.DataFrame({"service_id": [], "metric": [], "availability": []})
NO_SURVEYS = pd.DataFrame({"service_id": [], "instrument": [], "status": []})


def test_coverage_line_says_what_is_known_of_how_many() -> None:
    assert coverage_line("Digitisation level", 412, 2485) == (
        "Digitisation level known for 412 of 2,485 services"
    )
    assert level_coverage(SERVICES) == "Digitisation level known for 3 of 5 services"
    with using("cy"):
        assert level_coverage(SERVICES) == "Lefel digideiddio yn hysbys ar gyfer 3 o 5 gwasanaeth"


def test_end_to_end_share_is_of_the_services_whose_level_is_known() -> None:
    figures = headline(SERVICES, NO_METRICS, NO_SURVEYS)
    assert figures.services == 5
    assert figures.level_known == 3
    assert figures.digital_end_to_end == 2  # levels 3 and 4; an unknown is never "below 3"
    assert figures.share_end_to_end == 2 / 3


def test_sector_by_level_counts_unknowns_apart_from_every_level() -> None:
    table = overview_tables.sector_by_level(SERVICES)
    levels = [c for c in table.columns if c[0].isdigit()]
    assert table[levels].to_numpy().sum() == 3  # only the known levels
    assert table["All levels"].sum() == 3
    assert table.loc["Local authority", "Level not recorded"] == 1
    assert table.loc["Health", "Level not recorded"] == 1
    # a service whose organisation has no sector is a row of its own, never a guessed sector
    assert table.loc["Sector not recorded", "1 Information online"] == 1
    assert overview_tables.level_finding(table) == (
        "67% of 3 services are digital end to end (level 3 or 4)"
    )


def test_shares_within_a_sector_leave_the_unknown_out() -> None:
    shares = overview_tables.shares_within_rows(overview_tables.sector_by_level(SERVICES))
    assert shares.loc["Local authority", "3 Digital end to end"] == 1.0
    assert "Level not recorded" in shares.columns  # a count beside the shares, not a share
    assert shares.loc["Local authority", "Level not recorded"] == 1
