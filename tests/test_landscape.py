"""The tables and findings behind the Overview charts, on small frames with known answers."""

from __future__ import annotations

import pandas as pd

from dashboard.overview import tables as overview_tables

SERVICES = pd.DataFrame(
    {
        "name_en": ["Bins", "Parking", "Referral", "Repeat prescription", "Volunteering"],
        "organisation_en": ["Cardiff", "Cardiff", "BCUHB", "BCUHB", "Age Cymru"],
        "sector": ["local_authority", "local_authority", "health", "health", "third_sector"],
        "digitisation_level": [1, 3, 2, 4, 3],
        "is_deep_dive": [False, True, True, True, False],
    },
    index=pd.Index([1, 2, 3, 4, 5], name="id"),
)
SERVICE_THEMES = pd.DataFrame(
    {
        "service_id": [1, 2, 3, 3, 4, 2, 5],
        "theme": ["recruit", "recruit", "recruit", "legacy", "legacy", "forms", "forms"],
        "kind": ["challenge"] * 5 + ["opportunity"] * 2,
        "severity": [3, 3, 1, 2, 3, 2, 1],
    }
)
THEMES = pd.DataFrame(
    {
        "code": ["recruit", "legacy", "forms"],
        "kind": ["challenge", "challenge", "opportunity"],
        "category": ["skills", "technology", "technology"],
        "name_en": ["Recruiting developers", "Legacy systems", "Shared forms"],
    }
)
SURVEYS = pd.DataFrame(
    {
        "service_id": [2, 3, 3, 4],
        "instrument": ["generalist", "generalist", "technology", "generalist"],
        "status": ["submitted", "draft", "draft", "submitted"],
        "sections_complete": [7, 3, 1, 7],
        "sections_total": [7, 7, 6, 7],
    }
)


def test_sector_by_level_counts_every_cell_and_keeps_zero_levels() -> None:
    table = overview_tables.sector_by_level(SERVICES)
    # a sector with no matching service draws an empty bar that says nothing: left out
    assert list(table.index) == ["Local authority", "Health", "Third sector"]
    assert list(table.columns) == [
        "0 Not digital",
        "1 Information online",
        "2 Partly digital",
        "3 Digital end to end",
        "4 Digital by default, joined up",
        "All levels",
        "Level not recorded",
    ]
    assert table.loc["Local authority", "1 Information online"] == 1
    assert table.loc["Local authority", "3 Digital end to end"] == 1
    assert table.loc["Health", "4 Digital by default, joined up"] == 1
    assert table.loc["Local authority", "0 Not digital"] == 0
    assert table["All levels"].sum() == len(SERVICES)
    assert table["Level not recorded"].sum() == 0


def test_a_filtered_sector_chart_draws_only_the_chosen_sector() -> None:
    from dashboard.overview.figures import sector_level_figure

    health = SERVICES[SERVICES["sector"] == "health"]
    figure = sector_level_figure(overview_tables.sector_by_level(health))
    assert {row for trace in figure.data for row in trace.y} == {"Health"}


def test_sector_by_level_of_no_services_is_all_zeros() -> None:
    table = overview_tables.sector_by_level(SERVICES.iloc[:0])
    assert table.shape == (5, 7)
    assert table.to_numpy().sum() == 0
    assert overview_tables.level_finding(table) == "No services match this filter"


def test_level_finding_states_the_end_to_end_share() -> None:
    table = overview_tables.sector_by_level(SERVICES)
    # levels 3, 4, 3 of five services
    assert overview_tables.level_finding(table) == (
        "60% of 5 services are digital end to end (level 3 or 4)"
    )


def test_theme_counts_split_by_severity_and_rank_by_services() -> None:
    table = overview_tables.theme_counts(SERVICES, SERVICE_THEMES, THEMES, "challenge")
    assert list(table["Theme"]) == ["Recruiting developers", "Legacy systems"]
    recruit = table.iloc[0]
    assert (recruit["High"], recruit["Medium"], recruit["Low"]) == (2, 0, 1)
    assert recruit["Services"] == 3
    assert recruit["Category"] == "Broader skills and ways of working"
    # four services reported a challenge (1, 2, 3, 4); three of them recruiting
    assert recruit["Share"] == 0.75


def test_theme_counts_follow_the_filtered_services() -> None:
    health = SERVICES[SERVICES["sector"] == "health"]
    table = overview_tables.theme_counts(health, SERVICE_THEMES, THEMES, "challenge")
    assert list(table["Theme"]) == ["Legacy systems", "Recruiting developers"]
    assert list(table["Services"]) == [2, 1]
    assert overview_tables.services_reporting(health, SERVICE_THEMES, "challenge") == 2


def test_theme_counts_top_n_and_empty() -> None:
    assert (
        len(overview_tables.theme_counts(SERVICES, SERVICE_THEMES, THEMES, "challenge", top=1)) == 1
    )
    none = overview_tables.theme_counts(SERVICES.iloc[:0], SERVICE_THEMES, THEMES, "challenge")
    assert none.empty
    assert (
        overview_tables.theme_finding(none, "challenge", 0)
        == "No matching service reported a challenge"
    )


def test_theme_finding_names_the_top_theme_with_its_share() -> None:
    table = overview_tables.theme_counts(SERVICES, SERVICE_THEMES, THEMES, "opportunity")
    reporting = overview_tables.services_reporting(SERVICES, SERVICE_THEMES, "opportunity")
    assert overview_tables.theme_finding(table, "opportunity", reporting) == (
        "Most reported aim or opportunity: Shared forms (100% of 2 services reporting)"
    )


def test_deep_dive_surveys_give_each_state_and_sections() -> None:
    table = overview_tables.deep_dive_surveys(SERVICES, SURVEYS).set_index("Service")
    assert list(table.index) == ["Referral", "Repeat prescription", "Parking"]
    assert table.loc["Parking", "Generalist survey"] == "Submitted"
    assert table.loc["Referral", "Generalist survey"] == "In progress"
    assert table.loc["Referral", "Generalist survey: sections complete"] == "3 of 7"
    assert table.loc["Parking", "Technology survey"] == "Not started"
    assert table.loc["Parking", "Technology survey: sections complete"] == "–"


def test_survey_progress_counts_deep_dives_by_state() -> None:
    progress = overview_tables.survey_progress(overview_tables.deep_dive_surveys(SERVICES, SURVEYS))
    generalist = progress.loc["Generalist survey"]
    assert (generalist["Submitted"], generalist["In progress"], generalist["Not started"]) == (
        2,
        1,
        0,
    )
    technology = progress.loc["Technology survey"]
    assert (technology["Submitted"], technology["In progress"], technology["Not started"]) == (
        0,
        1,
        2,
    )
    assert overview_tables.survey_finding(progress) == (
        "2 of 3 deep dives have submitted the generalist survey"
    )


def test_survey_progress_without_deep_dives() -> None:
    progress = overview_tables.survey_progress(
        overview_tables.deep_dive_surveys(SERVICES[~SERVICES["is_deep_dive"]], SURVEYS)
    )
    assert progress["Deep dives"].sum() == 0
    assert overview_tables.survey_finding(progress) == "No deep-dive service matches this filter"


def test_shares_within_rows_make_each_sector_whole() -> None:
    shares = overview_tables.shares_within_rows(overview_tables.sector_by_level(SERVICES))
    assert shares.loc["Local authority", "1 Information online"] == 0.5
    assert shares.loc["Health"].drop("Services").sum() == 1.0
    assert shares["Services"].sum() == len(SERVICES)


def test_tables_and_findings_in_welsh() -> None:
    from dashboard.common.i18n import using

    themes = THEMES.assign(name_cy=["Recriwtio datblygwyr", None, "Ffurflenni a rennir"])
    services = SERVICES.assign(
        name_cy=["Biniau", "Parcio", None, "Presgripsiwn amlroddadwy", None],
        organisation_cy=["Caerdydd", "Caerdydd", None, None, None],
    )
    with using("cy"):
        levels = overview_tables.sector_by_level(services)
        assert list(levels.index) == ["Awdurdod lleol", "Iechyd", "Trydydd sector"]
        assert levels.index.name == "Sector"
        assert "3 Digidol o'r dechrau i'r diwedd" in levels.columns
        assert overview_tables.level_finding(levels).startswith("60% o 5 gwasanaeth")
        table = overview_tables.theme_counts(services, SERVICE_THEMES, themes, "challenge")
        assert list(table.columns[:5]) == ["Thema", "Categori", "Uchel", "Canolig", "Isel"]
        # a theme with no Welsh name keeps its English one, marked
        assert list(table["Thema"]) == [
            "Recriwtio datblygwyr",
            "Legacy systems (yn Saesneg yn unig)",
        ]
        assert overview_tables.theme_finding(table, "challenge", 4).startswith(
            "Yr her a nodwyd amlaf"
        )
        deep = overview_tables.deep_dive_surveys(services, SURVEYS)
        assert "Parcio" in set(deep["Gwasanaeth"])
        assert set(deep["Arolwg cyffredinol"]) <= {"Wedi'i gyflwyno", "Ar y gweill", "Heb ddechrau"}
        progress = overview_tables.survey_progress(deep)
        assert overview_tables.survey_finding(progress) == (
            "Mae 2 o 3 archwiliad manwl wedi cyflwyno'r arolwg cyffredinol"
        )


def test_detail_metrics_show_notes_only_where_an_owner_wrote_some() -> None:
    from dashboard.catalogue.detail import _metrics_table

    rows = pd.DataFrame(
        {
            "metric": ["users_per_year", "cost_per_transaction"],
            "value": [1200.0, None],
            "availability": ["provided", "not_available"],
            "reason": [None, "shared_contract"],
            "period": ["2024-25", None],
            "source": ["survey", "catalogue"],
            "note": [None, None],
        }
    )
    table = _metrics_table(rows)
    assert list(table.columns) == ["Metric", "Figure", "Availability", "Period", "Source"]
    assert len(table) == 6  # every metric, reported or not
    users = table.set_index("Metric").loc["Users per year"]
    assert (users["Figure"], users["Source"]) == ("1,200", "Owner's survey")
    cost = table.set_index("Metric").loc["Cost per transaction"]
    assert cost["Availability"] == "Not available (shared contract)"
    noted = _metrics_table(rows.assign(note=[None, "One contract covers three services"]))
    assert noted.set_index("Metric").loc["Cost per transaction", "Note"] == (
        "One contract covers three services"
    )


def test_the_coverage_note_counts_services_not_journeys() -> None:
    from dashboard.overview.headline import Headline, coverage_note

    figures = Headline(
        services=12,
        organisations=3,
        deep_dives_planned=2,
        deep_dives_surveyed=1,
        digital_end_to_end=5,
        level_known=12,
        metric_answers_expected=30,
        metric_answers_with_value=21,
        services_reporting_metrics=5,
        journeys=40,
        services_with_journeys=4,
    )
    assert coverage_note(figures) == (
        "Metric coverage: 5 of 12 services reported any metrics. 4 of these services hold 40 "
        "separate journeys between them (one user need can fan out into many, as in health); "
        "every figure on this page counts a service once."
    )
    unknown = Headline(**{**figures.__dict__, "level_known": 9})
    assert "Digitisation level known for 9 of 12 services." in coverage_note(unknown)
    assert "Digitisation level known" not in coverage_note(figures)
    none = Headline(**{**figures.__dict__, "journeys": 0, "services_with_journeys": 0})
    assert coverage_note(none).endswith("Every figure on this page counts a service once.")
