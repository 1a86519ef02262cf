"""The Join up core on a hand-built catalogue: counts per service type, the best known
performer (never from an estimate or a shorter period), platforms "N of M", the orders, and a
property test that a type's figures are the sums of its services'."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.common.charts import LEVEL_COLOURS, LEVEL_NOT_RECORDED
from dashboard.common.i18n import using
from dashboard.common.names import level_names
from dashboard.join_up.charts import level_figure
from dashboard.join_up.figures import join_up, join_up_of, ordered
from dashboard.join_up.findings import finding, main_points
from dashboard.join_up.inputs import service_inputs

TYPES = ["missed-bin", "pothole", "council-tax"]


def services(rows: list[tuple[int, str | None, str, int | None]]) -> pd.DataFrame:
    """(id, type, organisation, level) rows as the catalogue frame."""
    ids, kinds, orgs, levels = zip(*rows, strict=True)
    return pd.DataFrame(
        {
            "service_type": pd.Series(kinds, dtype=object).astype("category").to_numpy(),
            "organisation_code": pd.Categorical(orgs),
            "organisation_en": pd.Categorical([f"Org {o}" for o in orgs]),
            "organisation_cy": pd.Categorical([None] * len(orgs)),
            "name_en": [f"Service {i}" for i in ids],
            "name_cy": [None] * len(ids),
            "digitisation_level": pd.array(levels, dtype="Int8"),
        },
        index=pd.Index(ids, name="id"),
    )


def answers(rows: list[tuple[int, str, float, str, int | None]]) -> pd.DataFrame:
    """(service, metric, value, availability, months) rows as the latest-answers frame."""
    frame = pd.DataFrame(rows, columns=["service_id", "metric", "value", "availability", "months"])
    yearly = frame["months"].isna() | (frame["months"] == 12)
    return pd.DataFrame(
        {
            "service_id": frame["service_id"],
            "metric": frame["metric"].astype("category"),
            "value": frame["value"].astype(float),
            "availability": frame["availability"].astype("category"),
            "period": ["2024-25"] * len(frame),
            "period_months": frame["months"].astype("Int64"),
            "year_value": frame["value"].where((frame["metric"] == "users_per_year") & yearly),
        }
    )


CATALOGUE = services(
    [
        (1, "missed-bin", "A", 2),
        (2, "missed-bin", "B", 4),
        (3, "missed-bin", "B", 1),
        (4, "pothole", "A", 3),
        (5, "pothole", "C", None),
        (6, "council-tax", "A", 0),
        (7, None, "C", 2),
    ]
)
ANSWERS = answers(
    [
        (1, "users_per_year", 1000, "provided", 12),
        (2, "users_per_year", 500, "estimated", 12),
        (3, "users_per_year", 9999, "provided", 3),  # a quarter: no reach
        (4, "users_per_year", 5000, "provided", None),
        (1, "digital_take_up", 40, "provided", 12),
        (2, "digital_take_up", 90, "estimated", 12),  # an estimate is never the best
        (3, "digital_take_up", 60, "provided", 12),
        (1, "cost_per_transaction", 5.0, "provided", 12),
        (2, "cost_per_transaction", 3.0, "provided", 3),  # a shorter period: not comparable
    ]
)
TECHNOLOGY = pd.DataFrame(
    {"platform_key": ["abc", "abc", None, "xyz"], "platform_name": ["ABC", "Abc", None, "XYZ"]},
    index=pd.Index([1, 2, 3, 4]),
)


def _row(table: pd.DataFrame, code: str) -> pd.Series:
    return table.set_index("service_type").loc[code]


def test_counts_levels_reach_and_platforms_per_type() -> None:
    view = join_up(CATALOGUE, ANSWERS, TECHNOLOGY)
    assert (view.services, view.untyped) == (7, 1)
    bins = _row(view.table, "missed-bin")
    assert (bins["services"], bins["organisations"]) == (3, 2)
    assert [bins[f"level_{n}"] for n in range(5)] == [0, 1, 1, 0, 1]
    assert (bins["best_level"], bins["worst_level"], bins["spread"]) == (4, 1, 3)
    assert bins["not_end_to_end"] == 2  # levels 2 and 1
    assert bins["reach"] == 1500 and bins["reach_services"] == 2 and bins["reach_estimated"] == 1
    assert bins["reach_score"] == 3000
    assert (bins["technology"], bins["platform_answers"], bins["platforms"]) == (3, 2, 1)
    potholes = _row(view.table, "pothole")
    assert (potholes["level_known"], potholes["level_unknown"], potholes["spread"]) == (1, 1, 0)
    assert potholes["reach_score"] == 10000
    platforms = view.platforms[view.platforms["service_type"] == "missed-bin"]
    assert platforms[["key", "Services", "Organisations"]].values.tolist() == [["abc", 2, 2]]


def test_best_performer_skips_estimates_and_shorter_periods() -> None:
    best = join_up(CATALOGUE, ANSWERS, TECHNOLOGY).best
    bins = best[best["service_type"] == "missed-bin"].set_index("measure")
    assert bins.loc["level", "service_id"] == 2 and bins.loc["level", "givers"] == 3
    # 90% was estimated: the best known is service 3's provided 60%, of 2 comparable figures
    assert bins.loc["take_up", "service_id"] == 3 and bins.loc["take_up", "value"] == 60
    assert bins.loc["take_up", "givers"] == 2
    # £3.00 was for a quarter: only service 1's yearly £5.00 is comparable
    assert bins.loc["cost", "service_id"] == 1 and bins.loc["cost", "givers"] == 1
    assert "completion" not in bins.index  # nobody gave one


def test_orders_and_the_shared_switch() -> None:
    table = join_up(CATALOGUE, ANSWERS, TECHNOLOGY).table
    assert list(ordered(table, "organisations")["service_type"]) == ["missed-bin", "pothole"]
    assert list(ordered(table, "reach")["service_type"]) == ["pothole", "missed-bin"]
    assert list(ordered(table, "spread")["service_type"]) == ["missed-bin", "pothole"]
    everything = ordered(table, "reach", shared_only=False)
    assert list(everything["service_type"]) == ["pothole", "missed-bin", "council-tax"]


def test_the_finding_and_main_points_say_what_they_count() -> None:
    view = join_up(CATALOGUE, ANSWERS, TECHNOLOGY)
    with using("en"):
        bins = _row(view.table, "missed-bin").rename("missed-bin")
        line = finding(bins)
        assert line == (
            "2 organisations run “Report a missed bin collection” on 1 main platform "
            "(2 of 3 services answered); 2 of 3 services with a level are not digital end to end"
        )
        points = main_points(view, "reach")
    assert points[0].startswith("6 of 7 matching services have a service type: 3 types, 2 of")
    assert "added across services (a person using two services counts twice)" in points[2]
    assert "from 1 service's figure" in points[2]


def test_the_levels_are_drawn_in_the_overviews_colours() -> None:
    """Level 3 is the same dark blue on Join up as on the Overview; "not recorded" is grey."""
    rows = ordered(join_up(CATALOGUE, ANSWERS, TECHNOLOGY).table, "organisations")
    with using("en"):
        fig = level_figure(rows, len(rows))
        names = level_names()
    fills = {trace.name: trace.marker.color for trace in fig.data}
    assert [fills[names[level]] for level in range(5)] == list(LEVEL_COLOURS)
    assert fills["Level not recorded"] == LEVEL_NOT_RECORDED
    assert LEVEL_NOT_RECORDED not in LEVEL_COLOURS


def test_figures_under_a_mask_are_those_of_the_matching_services_alone() -> None:
    # the inputs are worked out once for the whole catalogue; a filter only masks them
    inputs = service_inputs(CATALOGUE, ANSWERS, TECHNOLOGY)
    for keep in ([1, 2, 4, 7], [2, 3, 5, 6], [3]):
        mask = CATALOGUE.index.isin(keep)
        masked = join_up_of(inputs, mask)
        alone = join_up(CATALOGUE[mask], ANSWERS, TECHNOLOGY)
        pd.testing.assert_frame_equal(masked.table, alone.table)
        pd.testing.assert_frame_equal(masked.best, alone.best)
        pd.testing.assert_frame_equal(masked.platforms, alone.platforms)
        assert (masked.services, masked.untyped) == (alone.services, alone.untyped)
    bins = _row(join_up_of(inputs, CATALOGUE.index.isin([1, 2, 4, 7])).table, "missed-bin")
    assert (bins["services"], bins["reach"], bins["platforms"]) == (2, 1500, 1)


def test_no_typed_service_gives_no_points() -> None:
    view = join_up(services([(1, None, "A", 1)]), ANSWERS.iloc[:0], TECHNOLOGY.iloc[:0])
    assert view.table.empty and main_points(view, "organisations") == []


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(TYPES),
            st.sampled_from(["A", "B", "C"]),
            st.one_of(st.none(), st.integers(0, 4)),
            st.one_of(st.none(), st.integers(1, 10_000)),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_a_types_figures_are_the_sums_of_its_services(rows: list) -> None:  # type: ignore[type-arg]
    catalogue = services([(i + 1, k, o, lv) for i, (k, o, lv, _) in enumerate(rows)])
    users = [
        (i + 1, "users_per_year", float(u), "provided", 12) for i, (*_, u) in enumerate(rows) if u
    ]
    view = join_up(
        catalogue,
        answers(users) if users else answers([(1, "x", 0, "provided", 12)]),
        TECHNOLOGY.iloc[:0],
    )
    for code, group in pd.DataFrame(rows, columns=["k", "o", "lv", "u"]).groupby("k"):
        row = _row(view.table, str(code))
        assert row["services"] == len(group)
        assert row["organisations"] == group["o"].nunique()
        levels = group["lv"].dropna()
        assert row["level_known"] == len(levels)
        assert sum(row[f"level_{n}"] for n in range(5)) == len(levels)
        if len(levels):
            assert row["best_level"] == levels.max() and row["worst_level"] == levels.min()
        given_users = group["u"].dropna()
        assert row["reach_services"] == len(given_users)
        if len(given_users):
            assert np.isclose(row["reach"], given_users.sum())
        else:
            assert pd.isna(row["reach"])
