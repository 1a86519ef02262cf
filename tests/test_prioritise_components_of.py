"""Priority components for a filter taken from every service's (prioritise.components_of)
against components worked out for the matching services alone (prioritise.components): the
same frame, column for column, whatever the filter, on the demo data and a generated catalogue."""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.testing import assert_frame_equal

from dashboard.common.filters import Filter, match
from dashboard.common.queries import load_memberships, load_metric_answers, load_services
from dashboard.prioritise import score as p
from db.demo.build import generate

FILTERS = (
    Filter(),
    Filter(sectors=("health",)),
    Filter(sectors=("local_authority", "third_sector")),
    Filter(level_min=4, level_max=5),
    Filter(deep_dive_only=True),
    Filter(text="zzzz no such service"),
)


def check(engine) -> list[pd.DataFrame]:  # type: ignore[no-untyped-def]
    services, metrics = load_services(engine), load_metric_answers(engine)
    members = load_memberships(engine)
    everyone = p.components(services, metrics, members.themes)
    got_all = []
    for flt in FILTERS:
        mask = match(services, members, flt)
        expected = p.components(services[mask], metrics, members.themes)
        got = p.components_of(everyone, mask)
        assert_frame_equal(got, expected, obj=repr(flt))
        got_all.append(got)
    return got_all


def test_a_filters_components_are_a_selection_of_everyones_on_the_demo_data(demo_engine) -> None:  # type: ignore[no-untyped-def]
    whole, health, *_rest, nothing = check(demo_engine)
    assert len(whole) > len(health) > 0 and nothing.empty
    # reach is relative to the services ranked: the health services' own spread, not everyone's
    assert health["reach"].max() == 1.0 and health["reach"].min() == 0.0


def test_a_filters_components_are_a_selection_of_everyones_on_a_generated_catalogue(
    sqlite_store,
) -> None:  # type: ignore[no-untyped-def]
    generate(sqlite_store, 1_200, seed=3)
    whole, health, *_ = check(sqlite_store)
    chosen = whole.loc[health.index]
    # the same services score differently once ranked among fewer: their relative parts move
    assert not np.allclose(chosen["reach"].fillna(-1), health["reach"].fillna(-1))
    assert_frame_equal(chosen[["users", "gap", "data"]], health[["users", "gap", "data"]])
