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


def _catalogue_services() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name_en": ["Bins", "Parking"],
            "name_cy": ["Biniau", None],
            "organisation_code": pd.Categorical(["cardiff", "cardiff"]),
            "organisation_en": pd.Categorical(["Cardiff", "Cardiff"]),
            "organisation_cy": pd.Categorical(["Caerdydd", "Caerdydd"]),
            "journeys": [0, 0],
            "digitisation_level": pd.array([None, 2], dtype="Int8"),
            "sector": pd.Categorical([None, "local_authority"]),
            "stage": pd.Categorical(["developing", None]),
            "is_deep_dive": [False, False],
            "service_type": pd.Categorical([None, "parking-permit"]),
            "code": ["bins", "parking"],
        },
        index=pd.Index([1, 2], name="id"),
    )


def test_catalogue_table_and_its_csv_say_not_recorded() -> None:
    from dashboard.catalogue.table import catalogue_table

    metrics = pd.DataFrame(
        {
            "service_id": [],
            "metric": [],
            "value": [],
            "availability": [],
            "reason": [],
            "period": [],
            "period_months": [],
        }
    )
    table = catalogue_table(_catalogue_services(), metrics)
    assert list(table["Digitisation level"]) == ["not recorded", "2 Partly digital"]
    assert list(table["Sector"]) == ["not recorded", "Local authority"]
    assert list(table["Stage"]) == ["Developing", "not recorded"]
    assert list(table["Service type"]) == ["not recorded", "Apply for a parking permit"]
    with using("cy"):
        welsh = catalogue_table(_catalogue_services(), metrics)
    assert welsh["Lefel digideiddio"].iloc[0] == "heb ei gofnodi"
    assert list(welsh["Math o wasanaeth"]) == [
        "heb ei gofnodi",
        "Gwneud cais am drwydded barcio",
    ]


def _filter_services() -> pd.DataFrame:
    frame = SERVICES.assign(
        sector=pd.Categorical(SERVICES["sector"]),
        stage=pd.Categorical(SERVICES["stage"]),
        contracting_type=pd.Categorical(["in_house"] * 5),
        organisation_code=pd.Categorical(["a", "a", "b", "b", "c"]),
        search_text=["x"] * 5,
    )
    return frame


def test_level_not_recorded_round_trips_in_the_link_and_matches_only_unknowns() -> None:
    from dashboard.common.filters import Filter, Memberships, match

    flt = Filter.from_query({"level": ["none"]})
    assert flt.level_not_recorded and flt.levels_active
    assert flt.to_query() == {"level": "none"}
    assert Filter.from_query(flt.to_query()) == flt
    mask = match(_filter_services(), Memberships(), flt)
    assert list(_filter_services().index[mask]) == [2, 4]
    assert not flt.without("levels").levels_active


def test_a_level_range_leaves_out_the_services_with_no_level() -> None:
    from dashboard.common.filters import Filter, Memberships, match

    services = _filter_services()
    assert match(services, Memberships(), Filter()).all()  # no filter: every service
    mask = match(services, Memberships(), Filter(level_min=0, level_max=3))
    assert list(services.index[mask]) == [1, 5]


def test_sector_and_stage_not_recorded_are_choices_of_their_own() -> None:
    from dashboard.common.filter_words import describe_filter, filter_chips
    from dashboard.common.filters import Filter, Memberships, match

    known = {"sectors": {"health", "local_authority"}, "stages": {"developing"}}
    flt = Filter.from_query({"sector": ["none", "health"], "stage": ["none"]}, known)
    assert flt.sectors == ("none", "health")
    assert flt.to_query() == {"sector": ["none", "health"], "stage": ["none"]}
    services = _filter_services()
    only_sector = Filter(sectors=("none",))
    assert list(services.index[match(services, Memberships(), only_sector)]) == [5]
    assert list(services.index[match(services, Memberships(), Filter(stages=("none",)))]) == [2]
    assert describe_filter(flt) == ["Sector: not recorded, Health", "Stage: not recorded"]
    chips = filter_chips(Filter(level_not_recorded=True))
    assert [chip.text for chip in chips] == ["Digitisation level: not recorded"]


def _parts(gap: list[float | None], reach: list[float]) -> pd.DataFrame:
    n = len(gap)
    return pd.DataFrame(
        {
            "reach": reach,
            "gap": pd.array(gap, dtype="float64"),
            "pain": [0.5] * n,
            "data": [0.0] * n,
            "cost": [0.5] * n,
        },
        index=pd.Index(range(1, n + 1), name="id"),
    )


def test_a_service_with_no_level_is_scored_on_the_other_parts_only() -> None:
    from dashboard.prioritise.score import score
    from dashboard.prioritise.weighting import ESTIMATE, KNOWN_ONLY

    weights = {"reach": 1, "gap": 1, "pain": 0, "data": 0, "cost": 0}
    parts = _parts([0.5, None], [0.2, 0.6])
    ranking = score(parts, weights, ESTIMATE)
    table = ranking.table
    # known level: (0.2 + 0.5) / 2; no level: reach alone, its weight renormalised to 1
    assert table.loc[1, "Score"] == 0.35
    assert table.loc[2, "Score"] == 0.6
    assert table.loc[2, "Digital gap contribution"] == 0.0
    assert table.loc[2, "Parts estimated"] == 0  # not estimated from a median: left out
    assert bool(table.loc[2, "_no_level"]) and not bool(table.loc[1, "_no_level"])
    assert ranking.without_level == 1
    assert ranking.estimated["gap"] == 0
    # leaving out services with an unknown part does not leave out a level not recorded
    assert len(score(parts, weights, KNOWN_ONLY).table) == 2


def test_with_only_the_level_weighted_a_service_without_one_cannot_be_scored() -> None:
    from dashboard.prioritise.notes import ranking_note
    from dashboard.prioritise.score import score
    from dashboard.prioritise.weighting import ESTIMATE

    weights = {"reach": 0, "gap": 1, "pain": 0, "data": 0, "cost": 0}
    ranking = score(_parts([0.5, None, 0.25], [0.2, 0.6, 0.1]), weights, ESTIMATE)
    assert list(ranking.table.index) == [1, 3]
    assert ranking.without_level == 1
    assert "1 service has no digitisation level recorded" in ranking_note(ranking, ESTIMATE)


def test_the_ranking_note_says_which_services_were_scored_without_a_level() -> None:
    from dashboard.prioritise.notes import ranking_note
    from dashboard.prioritise.score import score
    from dashboard.prioritise.weighting import ESTIMATE

    weights = {"reach": 1, "gap": 1, "pain": 0, "data": 0, "cost": 0}
    ranking = score(_parts([0.5, None, None], [0.2, 0.6, 0.3]), weights, ESTIMATE)
    note = ranking_note(ranking, ESTIMATE)
    assert (
        "2 services have no digitisation level recorded: they are scored on the other "
        "weighted parts only, their weights scaled up to make the whole." in note
    )


def test_data_availability_lists_the_catalogue_fields_not_recorded_with_counts() -> None:
    from dashboard.availability.catalogue_fields import not_recorded_fields

    table = not_recorded_fields(SERVICES)
    assert table.to_dict("records") == [
        {"Catalogue field": "Digitisation level", "Not recorded": 2, "Services": 5},
        {"Catalogue field": "Stage", "Not recorded": 1, "Services": 5},
        {"Catalogue field": "Sector", "Not recorded": 1, "Services": 5},
    ]
