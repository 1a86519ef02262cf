"""The priority score: hand-computed ranks, missing data, ties, zero weights, one service,
and the property that weighting a component up never pushes its leader down."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.common.i18n import using
from dashboard.prioritise import areas as priority_areas
from dashboard.prioritise import ranking_table, weighting
from dashboard.prioritise import reach as priority_reach
from dashboard.prioritise import score as p
from tests.priority_parts import parts_from_columns, services_for

SERVICES = pd.DataFrame(
    {
        "code": ["a", "b", "c", "d"],
        "name_en": ["Alpha", "Bravo", "Charlie", "Delta"],
        "organisation_en": ["Org"] * 4,
        "sector": ["health"] * 4,
        "digitisation_level": [0, 2, 4, 3],
    },
    index=pd.Index([1, 2, 3, 4], name="id"),
)


def _metric_rows() -> pd.DataFrame:
    rows = [
        # service, metric, availability, value
        (1, "users_per_year", "provided", 999.0),  # log10(1000) = 3
        (1, "cost_per_transaction", "provided", 9.0),  # log10(10) = 1
        (1, "completion_rate", "not_available", None),
        (2, "users_per_year", "provided", 99_999.0),  # log10 = 5
        (2, "cost_per_transaction", "not_available", None),
        (2, "completion_rate", "not_applicable", None),
        (3, "transactions_per_year", "estimated", 9_999.0),  # no users: transactions, log = 4
        (3, "cost_per_transaction", "estimated", 99.0),  # log10(100) = 2
        (3, "completion_rate", "provided", 80.0),
    ]
    return pd.DataFrame(rows, columns=["service_id", "metric", "availability", "value"])


THEMES = pd.DataFrame(
    {
        "service_id": [1, 1, 2, 3],
        "theme": ["recruit", "legacy", "recruit", "forms"],
        "kind": ["challenge", "challenge", "challenge", "opportunity"],
        "severity": [3, 2, 1, 2],
    }
)


def test_components_on_a_hand_built_catalogue() -> None:
    parts = p.components(SERVICES, _metric_rows(), THEMES)
    # reach: log values 3, 5, 4 and unknown (service 4 gave nothing)
    assert parts.loc[1, "reach"] == pytest.approx(0.0)
    assert parts.loc[2, "reach"] == pytest.approx(1.0)
    assert parts.loc[3, "reach"] == pytest.approx(0.5)
    assert math.isnan(parts.loc[4, "reach"])
    # digital gap: (4 - level) / 4
    assert parts["gap"].tolist() == [1.0, 0.5, 0.0, 0.25]
    # pain: severities 5, 1; service 3 reported only an aim (asked, no challenge): 0;
    # service 4 reported nothing at all: unknown
    assert parts.loc[1, "pain"] == 1.0
    assert parts.loc[2, "pain"] == pytest.approx(0.2)
    assert parts.loc[3, "pain"] == 0.0
    assert math.isnan(parts.loc[4, "pain"])
    # data gaps: share of applicable metrics without a figure
    assert parts.loc[1, "data"] == pytest.approx(1 / 3)
    assert parts.loc[2, "data"] == pytest.approx(0.5)  # "not applicable" is not a gap
    assert parts.loc[3, "data"] == 0.0
    assert math.isnan(parts.loc[4, "data"])
    # cost: log 1 and 2; unknown for 2 and 4
    assert parts.loc[1, "cost"] == 0.0 and parts.loc[3, "cost"] == 1.0
    assert math.isnan(parts.loc[2, "cost"])


def _ranks(parts: pd.DataFrame, weights: dict[str, int], missing: str = weighting.ESTIMATE) -> dict:  # type: ignore[type-arg]
    services = services_for(parts)
    table = p.ranked(p.score(parts, weights, missing), services, parts)
    return dict(zip(table["Code"], table["Rank"], strict=True))


def test_hand_computed_scores_and_ranks() -> None:
    parts = parts_from_columns(reach=[1.0, 0.5, 0.0], gap=[0.0, 0.5, 1.0])
    weights = {"reach": 3, "gap": 1, "pain": 0, "data": 0, "cost": 0}
    ranking = p.score(parts, weights)
    # (3 * reach + 1 * gap) / 4: 0.75, 0.5, 0.25
    assert ranking.table["Score"].tolist() == [0.75, 0.5, 0.25]
    assert ranking.table.loc[1, "Reach contribution"] == 0.75
    assert ranking.table.loc[3, "Digital gap contribution"] == 0.25
    assert _ranks(parts, weights) == {"s1": 1, "s2": 2, "s3": 3}
    # weight the gap instead and the order turns round
    assert _ranks(parts, {"reach": 1, "gap": 3}) == {"s3": 1, "s2": 2, "s1": 3}


def test_ties_share_a_rank() -> None:
    parts = parts_from_columns(reach=[0.5, 1.0, 0.5, 0.0])
    assert _ranks(parts, {"reach": 1, "gap": 0, "pain": 0, "data": 0, "cost": 0}) == {
        "s2": 1,
        "s1": 2,
        "s3": 2,
        "s4": 4,
    }


def test_zero_weights_rank_everyone_equal() -> None:
    parts = parts_from_columns(reach=[0.5, 1.0])
    ranking = p.score(parts, dict.fromkeys(weighting.CODES, 0))
    assert ranking.table["Score"].tolist() == [0.0, 0.0]
    assert set(_ranks(parts, dict.fromkeys(weighting.CODES, 0)).values()) == {1}


def test_a_single_service() -> None:
    parts = p.components(SERVICES.loc[[3]], _metric_rows(), THEMES)
    # alone, nothing to compare its reach or cost with: the middle, not the top
    assert parts.loc[3, "reach"] == 0.5 and parts.loc[3, "cost"] == 0.5
    assert p.flat_components(parts) == ["reach", "cost"]
    ranking = p.score(parts, weighting.DEFAULT_WEIGHTS)
    # weights 3, 3, 2, 1, 1 (total 10): reach 0.5, gap (4 - 4) / 4 = 0, pain 0 (reported only
    # an aim), data gaps 0 (every applicable metric given), cost 0.5
    # score = (3 * 0.5 + 3 * 0 + 2 * 0 + 1 * 0 + 1 * 0.5) / 10 = 0.2
    assert ranking.table.loc[3, "Score"] == pytest.approx(0.2)
    assert ranking.table.loc[3, "Reach contribution"] == pytest.approx(0.15)
    assert _ranks_of(SERVICES.loc[[3]], parts, weighting.DEFAULT_WEIGHTS) == {"c": 1}


def _ranks_of(services: pd.DataFrame, parts: pd.DataFrame, weights: dict) -> dict:  # type: ignore[type-arg]
    table = p.ranked(p.score(parts, weights), services, parts)
    return dict(zip(table["Code"], table["Rank"], strict=True))


def test_one_known_reach_does_not_set_the_unknown_one_at_the_top() -> None:
    """Two services, one with a reach: its reach cannot be "the most" of one; the other's
    estimate (the median of the known) is the same middle value, not the maximum."""
    metrics = _metric_rows()
    metrics = metrics[~((metrics["service_id"] == 2) & (metrics["metric"] == "users_per_year"))]
    parts = p.components(SERVICES.loc[[1, 2]], metrics, THEMES)
    assert parts.loc[1, "reach"] == 0.5
    assert math.isnan(parts.loc[2, "reach"])
    ranking = p.score(parts, {"reach": 1, "gap": 0, "pain": 0, "data": 0, "cost": 0})
    assert ranking.table.loc[2, "Reach"] == 0.5
    assert ranking.table["Score"].tolist() == [0.5, 0.5]


def test_a_challenge_without_severity_leaves_pain_unknown() -> None:
    themes = pd.DataFrame(
        {
            "service_id": [1, 1, 2, 3],
            "theme": ["recruit", "legacy", "recruit", "legacy"],
            "kind": ["challenge"] * 4,
            "severity": [3, None, 2, 1],
        }
    )
    parts = p.components(SERVICES, _metric_rows(), themes)
    # service 1 reported a high and an unrated challenge: its pain is not known, never 3 or 0
    assert math.isnan(parts.loc[1, "pain_raw"]) and math.isnan(parts.loc[1, "pain"])
    assert parts.loc[2, "pain"] == 1.0 and parts.loc[3, "pain"] == 0.5
    ranking = p.score(parts, {"reach": 0, "gap": 0, "pain": 1, "data": 0, "cost": 0})
    assert ranking.table.loc[1, "Pain"] == 0.75  # the median of 1.0 and 0.5, flagged
    assert p.estimated_codes(ranking.table.loc[1, "_estimated"]) == ["pain"]


def test_missing_components_are_estimated_from_the_median_and_flagged() -> None:
    parts = parts_from_columns(reach=[1.0, 0.2, np.nan, 0.4], gap=[0.0, 0.0, 0.0, 0.0])
    ranking = p.score(parts, {"reach": 1, "gap": 1, "pain": 0, "data": 0, "cost": 0})
    # the median of 1.0, 0.2, 0.4 is 0.4, not 0
    assert ranking.table.loc[3, "Reach"] == 0.4
    assert ranking.table.loc[3, "Score"] == pytest.approx(0.2)
    named = p.ranked(ranking, services_for(parts), parts).set_index("Code")["Estimated (median)"]
    assert (named["s3"], named["s1"]) == ("Reach", "")
    assert ranking.estimated["reach"] == 1 and ranking.left_out == 0
    # scores (reach + gap) / 2: 0.5, 0.1, 0.2 (estimated), 0.2; the tie shares rank 2
    assert _ranks(parts, {"reach": 1, "gap": 1, "pain": 0, "data": 0, "cost": 0}) == {
        "s1": 1,
        "s3": 2,
        "s4": 2,
        "s2": 4,
    }
    # how much of each score is estimated: one of the two weighted parts for service 3
    assert ranking.table["Parts estimated"].tolist() == [0, 0, 1, 0]
    assert ranking.weighted == 2
    assert ranking.estimated_counts() == {0: 3, 1: 1}


def test_known_only_leaves_out_services_missing_a_weighted_component() -> None:
    parts = parts_from_columns(reach=[1.0, 0.2, np.nan], cost=[np.nan, 0.5, 0.5])
    ranking = p.score(
        parts, {"reach": 1, "gap": 0, "pain": 0, "data": 0, "cost": 1}, weighting.KNOWN_ONLY
    )
    assert list(ranking.table.index) == [2]
    assert ranking.left_out == 2
    # cost unweighted: its gaps no longer matter
    ranking = p.score(
        parts, {"reach": 1, "gap": 0, "pain": 0, "data": 0, "cost": 0}, weighting.KNOWN_ONLY
    )
    assert list(ranking.table.index) == [1, 2]


def test_weights_from_a_url_are_cleaned() -> None:
    assert weighting.clean_weights({"reach": "9", "gap": "-2", "pain": "x"}) == {
        "reach": 5,
        "gap": 0,
        "pain": 2,
        "data": 1,
        "cost": 1,
    }


def test_the_weights_link_holds_only_what_differs_from_the_defaults() -> None:
    assert weighting.to_link(weighting.DEFAULT_WEIGHTS, weighting.ESTIMATE) == {}
    changed = {**weighting.DEFAULT_WEIGHTS, "cost": 5, "reach": 0}
    assert weighting.to_link(changed, weighting.KNOWN_ONLY) == {
        "w_reach": ["0"],
        "w_cost": ["5"],
        "missing": ["known_only"],
    }
    assert weighting.from_link({"w_reach": ["0"], "w_cost": ["5"], "missing": ["known_only"]}) == (
        changed,
        weighting.KNOWN_ONLY,
    )
    # an unreadable link gives the defaults, never an error
    assert weighting.from_link({"w_cost": ["lots"], "missing": ["guess"]}) == (
        weighting.DEFAULT_WEIGHTS,
        weighting.ESTIMATE,
    )
    assert weighting.is_link_param("w_cost") and weighting.is_link_param("missing")
    assert not weighting.is_link_param("sector")


@settings(max_examples=60, deadline=None)
@given(
    st.fixed_dictionaries({code: st.integers(0, weighting.MAX_WEIGHT) for code in weighting.CODES}),
    st.sampled_from([weighting.ESTIMATE, weighting.KNOWN_ONLY]),
)
def test_any_weights_round_trip_through_the_link(weights: dict[str, int], missing: str) -> None:
    assert weighting.from_link(weighting.to_link(weights, missing)) == (weights, missing)


def test_the_ranking_note_counts_the_estimated_parts() -> None:
    from dashboard.prioritise.notes import flat_note, ranking_note

    parts = parts_from_columns(reach=[1.0, 0.2, np.nan, 0.4], gap=[0.0, 0.0, 0.0, 0.0])
    weights = {"reach": 1, "gap": 1, "pain": 0, "data": 0, "cost": 0}
    estimated = p.score(parts, weights)
    assert ranking_note(estimated, weighting.ESTIMATE) == (
        "Ranking 4 services. Estimated from the median because the owner gave no figure: reach "
        "for 1 service. 3 of 4 have every weighted part known; 1 rest on at least one "
        "estimate or have no digitisation level (the “How sure” column marks each; “Parts "
        "estimated” says how many of the 2 parts were estimated)."
    )
    left_out = p.score(parts, weights, weighting.KNOWN_ONLY)
    assert ranking_note(left_out, weighting.KNOWN_ONLY) == (
        "Ranking 3 services; 1 left out because a weighted part is not known for them."
    )
    known = p.score(parts, {"reach": 0, "gap": 1, "pain": 0, "data": 0, "cost": 0})
    assert ranking_note(known, weighting.ESTIMATE) == (
        "Ranking 4 services. Every weighted part is known for every service."
    )
    # a service with no level recorded is not "every part known", even with nothing estimated
    no_level = parts_from_columns(reach=[1.0, 0.2], gap=[0.5, np.nan])
    note = ranking_note(p.score(no_level, weights), weighting.ESTIMATE)
    assert note.startswith(
        "Ranking 2 services. 1 of 2 have every weighted part known; 1 rest on at least one "
        "estimate or have no digitisation level"
    )
    assert "Every weighted part is known" not in note
    assert flat_note([]) == ""
    assert flat_note(["reach", "cost"]).startswith("Reach, Cost: only one known value")


def test_improvement_areas_rank_themes_by_reach() -> None:
    parts = p.components(SERVICES, _metric_rows(), THEMES)
    themes = pd.DataFrame(
        {"code": ["recruit", "legacy"], "name_en": ["Recruiting developers", "Legacy systems"]}
    )
    table = priority_areas.improvement_areas(SERVICES, THEMES, themes, parts).set_index(
        "Improvement area"
    )
    # recruit: services 1 and 2, users 999 + 99,999; legacy: service 1 only
    assert table.loc["Recruiting developers", "Users or transactions per year"] == 100_998
    assert table.loc["Recruiting developers", "Median reach"] == pytest.approx(50_499)
    assert table.loc["Legacy systems", "Services"] == 1
    assert table.index[0] == "Recruiting developers"
    assert table.loc["Recruiting developers", "Rated high"] == 1
    # service 2 alone gives 99,999 of 100,998: the total is carried by one service
    assert table.loc["Recruiting developers", "Largest service"] == "Bravo"
    assert table.loc["Recruiting developers", "Largest service's share"] == pytest.approx(0.99)


def test_an_area_with_no_known_reach_is_unknown_not_zero() -> None:
    service_themes = pd.concat(
        [
            THEMES,
            pd.DataFrame(
                {"service_id": [4], "theme": ["paper"], "kind": ["challenge"], "severity": [None]}
            ),
        ]
    )
    parts = p.components(SERVICES, _metric_rows(), service_themes)
    themes = pd.DataFrame(
        {
            "code": ["recruit", "legacy", "paper"],
            "name_en": ["Recruiting developers", "Legacy systems", "Paper forms"],
        }
    )
    table = priority_areas.improvement_areas(SERVICES, service_themes, themes, parts)
    paper = table.set_index("Code").loc["paper"]
    assert math.isnan(paper["Users or transactions per year"])  # service 4 gave no figures
    assert math.isnan(paper["Median reach"])
    assert (paper["Services"], paper["Services with unknown reach"]) == (1, 1)
    assert paper["Largest service"] == ""
    assert table["Code"].iloc[-1] == "paper"  # unknown goes last, not first or as 0
    by_services = priority_areas.areas_by(table, "services")
    assert by_services["Code"].iloc[0] == "recruit"
    by_median = priority_areas.areas_by(table, "median")
    assert by_median["Code"].tolist() == ["recruit", "legacy", "paper"]


def test_the_ranking_shows_why_a_figure_is_missing_and_links_to_the_catalogue() -> None:
    parts = p.components(SERVICES, _metric_rows(), THEMES)
    table = p.ranked(p.score(parts, weighting.DEFAULT_WEIGHTS), SERVICES, parts)
    screen = ranking_table.for_screen(table).set_index("Service")
    # Bravo's cost per transaction: the owner said "not available" (no reason: other)
    assert screen.loc["Bravo", "Cost per transaction"] == "Not available: other"
    assert screen.loc["Bravo", "Users per year"] == "99,999"
    assert screen.loc["Alpha", "Cost per transaction"] == "£9.00"
    assert screen.loc["Delta", "Users per year"] == "Not answered"
    assert screen.loc["Alpha", "Details"] == "catalogue?service=a"
    assert "Code" not in screen and "_estimated" not in screen
    assert list(screen.columns[:2]) == ["Rank", "Details"]
    file = ranking_table.for_download(table).set_index("Service")
    assert file.loc["Bravo", "Users per year"] == 99_999.0  # numbers stay numbers in a file
    assert file.loc["Bravo", "Cost per transaction"] == "Not available: other"
    assert file.loc["Delta", "Parts estimated"] == 4  # reach, pain, data gaps and cost


def test_weights_are_written_out_for_files_and_images() -> None:
    weights = {**weighting.DEFAULT_WEIGHTS, "cost": 0}
    assert weighting.weights_text(weights, weighting.KNOWN_ONLY) == (
        "Weights: reach 3, digital gap 3, pain 2, data gaps 1, cost 0; "
        "services missing a weighted part left out"
    )
    with using("cy"):
        text = weighting.weights_text(weights, weighting.ESTIMATE)
    assert text.startswith("Pwysoliadau: cyrhaeddiad 3, bwlch digidol 3")


def test_the_ranking_in_welsh() -> None:
    services = SERVICES.assign(
        name_cy=["Alffa", None, "Charli", "Delta"], organisation_cy=["Sefydliad"] * 4
    )
    parts = p.components(services, _metric_rows(), THEMES)
    with using("cy"):
        ranking = p.score(parts, weighting.DEFAULT_WEIGHTS)
        table = p.ranked(ranking, services, parts)
        screen = ranking_table.for_screen(table)
    row = table.set_index("Code").loc["d"]
    assert row["Estimated (median)"] == "Cyrhaeddiad, Poen, Bylchau yn y data, Cost"
    assert set(table["Sector"]) == {"Iechyd"}
    assert "Bravo (yn Saesneg yn unig)" in set(table["Service"])
    assert {"Safle", "Sgôr", "Gwasanaeth", "Manylion"} <= set(screen.columns)
    assert "Heb ei ateb" in set(screen["Defnyddwyr y flwyddyn"])
    assert screen.set_index("Gwasanaeth").loc["Alffa", "Manylion"].endswith("&lang=cy")


component_values = st.one_of(st.none(), st.floats(0, 1, allow_nan=False))


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.tuples(*[component_values] * len(weighting.CODES)), min_size=1, max_size=8),
    weights=st.tuples(*[st.integers(0, weighting.MAX_WEIGHT)] * len(weighting.CODES)),
    component=st.sampled_from(weighting.CODES),
    missing=st.sampled_from([weighting.ESTIMATE, weighting.KNOWN_ONLY]),
)
def test_raising_a_weight_never_lowers_the_leader_of_that_component(
    rows, weights, component, missing
) -> None:  # type: ignore[no-untyped-def]
    """Among the services whose part is known, while the digital gap is known wherever it
    counts. A service with no digitisation level is scored on its other parts, their weights
    scaled up (tests/test_not_recorded.py): its score does not move with the gap's weight,
    so a leader whose own gap pulls it down may fall behind it, by design."""
    parts = parts_from_columns(
        **{
            c: [np.nan if r[i] is None else r[i] for r in rows]
            for i, c in enumerate(weighting.CODES)
        }
    )
    known = parts[component].dropna()
    if known.empty:
        return
    leader = f"s{known.idxmax()}"
    before = dict(zip(weighting.CODES, weights, strict=True))
    if before[component] == weighting.MAX_WEIGHT:
        return
    if parts["gap"].isna().any() and (before["gap"] or component == "gap"):
        return  # the level not recorded somewhere: scaled weights, tested on their own
    after = {**before, component: before[component] + 1}
    ranks_before, ranks_after = _ranks(parts, before, missing), _ranks(parts, after, missing)
    if leader not in ranks_before:  # left out for a missing component: nothing to compare
        return
    peers = [f"s{i}" for i in known.index]

    def place(ranks: dict) -> int:  # type: ignore[type-arg]
        return sum(ranks[s] < ranks[leader] for s in peers if s in ranks)

    assert place(ranks_after) <= place(ranks_before)


def test_top_n_keeps_the_full_ranks_and_ties_at_the_edge() -> None:
    parts = parts_from_columns(reach=[0.1, 0.9, 0.5, 0.5, 0.3])
    weights = {"reach": 1, "gap": 0, "pain": 0, "data": 0, "cost": 0}
    services = services_for(parts)
    ranking = p.score(parts, weights)
    whole = p.ranked(ranking, services, parts)
    top = p.ranked(ranking, services, parts, top=2)
    assert top["Code"].tolist() == whole["Code"].head(2).tolist() == ["s2", "s3"]
    assert top["Rank"].tolist() == [1, 2]
    assert whole["Rank"].tolist() == [1, 2, 2, 4, 5]


def test_reach_bands_put_an_edge_in_the_band_above_it() -> None:
    # two bands to a power of ten: 1 to 3.16, 3.16 to 10, 10 to 31.6, ...
    reach = np.array([1.0, 3.0, 3.17, 9.99, 10.0, 999.0, 1_000.0, 1_000_000.0, 0.5])
    assert priority_reach.reach_bands(reach).tolist() == [0, 0, 1, 1, 2, 5, 6, 12, -1]
    assert priority_reach.band_edge(6) == pytest.approx(1_000)
    assert priority_reach.band_edge(7) == pytest.approx(3_162.28, abs=0.01)


def test_reach_cells_count_every_known_reach_by_level_and_band() -> None:
    index = pd.Index([10, 11, 12, 13, 14, 15, 16], name="id")
    reach = pd.Series([1_000.0, 2_000.0, 5_000.0, None, 0.0, 1_500.0, 20.0], index=index)
    levels = pd.Series([2, 2, 2, 1, 3, 0, 2], index=index)
    ranks = pd.Series([None, 3, 1, 2, None, None, None], index=index, dtype=float)
    cells = priority_reach.reach_cells(reach, levels, ranks)
    # unknown and zero reach are not counted (a log scale has no 0); the rest are, once each
    assert int(cells["services"].sum()) == 5
    rows = {(r.level, r.band): (r.services, r.top) for r in cells.itertuples()}
    assert rows == {
        (0, 6): (1, ()),  # 1,500 is in 1,000 to 3,162
        (2, 2): (1, ()),  # 20 is in 10 to 31.6
        (2, 6): (2, (3,)),  # 1,000 and 2,000; the second is ranked 3rd
        (2, 7): (1, (1,)),  # 5,000 is in 3,162 to 10,000
    }
    assert cells[["level", "band"]].apply(tuple, axis=1).tolist() == sorted(rows)
    first = cells.iloc[0]
    assert first["low"] == pytest.approx(1_000) and first["high"] == pytest.approx(3_162.28, 1e-4)


def test_reach_cells_list_the_top_ranks_of_a_cell_lowest_first() -> None:
    index = pd.RangeIndex(4)
    cells = priority_reach.reach_cells(
        pd.Series([100.0, 110.0, 120.0, 130.0], index=index),
        pd.Series([1, 1, 1, 1], index=index),
        pd.Series([9, None, 2, 5], index=index, dtype=float),
    )
    assert len(cells) == 1
    assert cells.iloc[0]["top"] == (2, 5, 9)
    assert cells.iloc[0]["services"] == 4


def test_reach_cells_of_no_known_reach_are_empty() -> None:
    index = pd.RangeIndex(2)
    cells = priority_reach.reach_cells(
        pd.Series([None, 0.0], index=index, dtype=float),
        pd.Series([1, 2], index=index),
        pd.Series([1, 2], index=index, dtype=float),
    )
    assert cells.empty
    assert list(cells.columns) == ["level", "band", "low", "high", "services", "top"]


def test_a_cells_ranks_keep_short() -> None:
    from dashboard.prioritise.figures import rank_label

    assert rank_label((4,)) == "4"
    assert rank_label((7, 14)) == "7, 14"
    assert rank_label((1, 2, 3, 8, 9, 10, 11)) == "1, +6"


def test_the_reach_view_marks_the_top_ranks_and_names_those_it_cannot_place() -> None:
    parts = parts_from_columns(reach=[0.0] * 4)
    parts["users"] = [1_000.0, 50.0, np.nan, 0.0]
    services = services_for(parts).assign(digitisation_level=[0, 3, 2, 1])
    top = pd.DataFrame(
        {
            "Rank": [1, 2, 3],
            "_id": [3, 1, 4],
            "Service": ["Service 3", "Service 1", "Service 4"],
            "Organisation": ["Org"] * 3,
        }
    )
    view = priority_reach.reach_view(parts, services, top)
    # two services have a known reach above 0: 1,000 a year at level 0, 50 at level 3
    assert view.cells[["level", "services"]].to_dict("list") == {
        "level": [0, 3],
        "services": [1, 1],
    }
    assert view.rank_names == {2: "Service 1 (Org)"}
    assert view.title == "1 of the top 3 by score, against every service with a known reach"
    assert "(2 in all)" in view.subtitle
    assert list(view.table["Top ranked here"]) == ["2", ""]
    assert view.unknown == (
        "Not plotted, because the owner gave neither users nor transactions: 1. Service 3 (Org)."
    )
    assert view.zero.endswith("(a log scale has no 0): 3. Service 4 (Org).")
