"""Trends core: two rounds (and two periods) compared on a hand-built fixture, worked out by
hand, and a property: a service on one side only never changes a figure."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.common.i18n import using
from dashboard.trends.compare import DOWN, SAME, UP, compare_periods, compare_rounds
from dashboard.trends.findings import main_points, points_change
from dashboard.trends.states import RoundState, state


def _state(levels: dict[int, float | None], themes: list[tuple[int, str]]) -> RoundState:
    return state(
        pd.DataFrame(
            {"service_id": list(levels), "digitisation_level": list(levels.values())}, dtype=object
        ),
        pd.DataFrame(themes, columns=["service_id", "theme"]),
    )


# Service 5 is in the first round only, 6 in the second only; 4 has no level the first time.
THEN = _state({1: 1, 2: 2, 3: 3, 4: None, 5: 0}, [(1, "a"), (2, "a"), (3, "b"), (5, "a")])
NOW = _state({1: 2, 2: 2, 3: 2, 4: 3, 6: 4}, [(1, "a"), (2, "b"), (3, "b"), (4, "a"), (6, "a")])


def test_rounds_compared_over_the_services_in_both_worked_by_hand() -> None:
    result = compare_rounds(THEN, NOW)
    assert result.both == 4  # 1-4; 5 and 6 are on one side only
    assert result.compared == 3  # 4 has no level in the first round
    assert result.levels.set_index("service_id")["move"].to_dict() == {1: UP, 2: SAME, 3: DOWN}
    assert (result.moved(UP), result.moved(SAME), result.moved(DOWN)) == (1, 1, 1)
    # level 3 or 4: service 3 then (1 of 3), none of the three now
    assert result.end_to_end() == (1 / 3, 0.0)
    # among 1-4: theme a by 1, 2 then and by 1, 4 now; b by 3 then and by 2, 3 now
    assert result.themes.to_dict("records") == [
        {"theme": "b", "then": 1, "now": 2, "change": 1},
        {"theme": "a", "then": 2, "now": 2, "change": 0},
    ]


def test_the_filter_narrows_both_sides_alike() -> None:
    result = compare_rounds(THEN, NOW, within=pd.Index([1, 2, 5, 6]))
    assert result.both == 2
    assert (result.moved(UP), result.moved(SAME), result.moved(DOWN)) == (1, 1, 0)
    assert result.themes.set_index("theme")["change"].to_dict() == {"a": -1, "b": 1}


def test_main_points_say_how_many_and_the_change_in_points() -> None:
    with using("en"):
        points = main_points(
            compare_rounds(THEN, NOW), "Discovery 2021", "Review 2025", {"b": "Skills"}
        )
        assert points[0] == "4 services were in both rounds: Discovery 2021 and Review 2025."
        assert "1 moved up, 1 moved down, 1 stayed" in points[1]
        assert points[2].startswith(
            "Digital end to end (level 3 or 4): 0%, down 33 points since Discovery 2021 (33% then)"
        )
        assert (
            "Reported more often now: Skills, by 2 services against 1 in Discovery 2021." in points
        )
        assert points_change(0.36, 0.42) == "42%, up 6 points"


ANSWERS = pd.DataFrame(
    [
        (1, "users_per_year", "2022-23", "not_available"),
        (1, "users_per_year", "2023-24", "provided"),
        (2, "users_per_year", "2022-23", "provided"),
        (2, "users_per_year", "2023-24", "not_collected"),
        (3, "users_per_year", "2022-23", "provided"),  # first period only
        (4, "users_per_year", "2023-24", "provided"),  # second period only
        (1, "cost_per_transaction", "2022-23", "estimated"),
        (1, "cost_per_transaction", "2023-24", "provided"),
    ],
    columns=["service_id", "metric", "period", "availability"],
)


def test_figures_that_became_available_count_services_in_both_periods() -> None:
    table = compare_periods(ANSWERS, "2022-23", "2023-24").table.set_index("metric")
    assert table.loc["users_per_year"].to_dict() == {
        "both": 2,
        "became": 1,
        "stopped": 1,
        "then": 1,
        "now": 1,
    }
    assert table.loc["cost_per_transaction"].to_dict() == {
        "both": 1,
        "became": 0,
        "stopped": 0,
        "then": 1,
        "now": 1,
    }


# -- the property: a service on one side only changes nothing ---------------------------------

levels = st.one_of(st.none(), st.integers(0, 4))
theme_sets = st.sets(st.sampled_from("abcde"), max_size=3)


@st.composite
def round_pair(draw: st.DrawFn) -> tuple[RoundState, RoundState, int, float | None, set[str], bool]:
    n = draw(st.integers(0, 12))
    ids = list(range(1, n + 1))
    in_then = [i for i in ids if draw(st.booleans()) or i % 3]
    in_now = [i for i in ids if draw(st.booleans()) or i % 2]
    then_levels = {i: draw(levels) for i in in_then}
    now_levels = {i: draw(levels) for i in in_now}
    then_themes = [(i, th) for i in in_then for th in sorted(draw(theme_sets))]
    now_themes = [(i, th) for i in in_now for th in sorted(draw(theme_sets))]
    extra_level = draw(levels)
    extra_themes = draw(theme_sets)
    to_then = draw(st.booleans())
    return (
        _state(then_levels, then_themes),
        _state(now_levels, now_themes),
        n + 1,
        extra_level,
        extra_themes,
        to_then,
    )


def _with(side: RoundState, service: int, level: float | None, themes: set[str]) -> RoundState:
    levels = pd.concat(
        [side.levels, pd.Series([np.nan if level is None else level], index=[service])]
    )
    rows = pd.concat(
        [side.themes, pd.DataFrame({"service_id": service, "theme": sorted(themes)})],
        ignore_index=True,
    )
    return RoundState(levels.astype(float), rows.astype({"service_id": "int64"}))


@settings(max_examples=60, deadline=None)
@given(round_pair())
def test_a_service_in_one_round_only_changes_no_figure(
    drawn: tuple[RoundState, RoundState, int, float | None, set[str], bool],
) -> None:
    then, now, newcomer, level, themes, to_then = drawn
    before = compare_rounds(then, now)
    if to_then:
        after = compare_rounds(_with(then, newcomer, level, themes), now)
    else:
        after = compare_rounds(then, _with(now, newcomer, level, themes))
    assert after.both == before.both
    pd.testing.assert_frame_equal(after.levels, before.levels, check_dtype=False)
    assert after.end_to_end() == before.end_to_end()
    nonzero = lambda t: t[(t["then"] > 0) | (t["now"] > 0)].reset_index(drop=True)  # noqa: E731
    pd.testing.assert_frame_equal(nonzero(after.themes), nonzero(before.themes), check_dtype=False)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(1, 8),
            st.sampled_from(["users_per_year", "completion_rate"]),
            st.sampled_from(["2022-23", "2023-24"]),
            st.sampled_from(["provided", "estimated", "not_available", "not_collected"]),
        ),
        unique_by=lambda row: row[:3],
    ),
    st.sampled_from(["2022-23", "2023-24"]),
    st.sampled_from(["provided", "not_available"]),
)
def test_a_service_in_one_period_only_changes_no_figure(
    rows: list[tuple[int, str, str, str]], period: str, availability: str
) -> None:
    answers = pd.DataFrame(rows, columns=["service_id", "metric", "period", "availability"])
    before = compare_periods(answers, "2022-23", "2023-24").table
    extra = pd.DataFrame(
        [
            (99, "users_per_year", period, availability),
            (99, "completion_rate", period, availability),
        ],
        columns=answers.columns,
    )
    after = compare_periods(pd.concat([answers, extra]), "2022-23", "2023-24").table
    pd.testing.assert_frame_equal(after, before, check_dtype=False)
