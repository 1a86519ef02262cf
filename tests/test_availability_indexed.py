"""The Data availability page's table of services missing key figures, taken from the labels
every service has once per data version and language (availability.missing_key_metrics_indexed),
against the table built directly (availability.missing_key_metrics): the same rows in the same
order with the same words, for every kind of filter, on the demo data and a generated
catalogue, in English and Welsh."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from dashboard.availability import tables as availability
from dashboard.common.filters import Filter, match
from dashboard.common.i18n import using
from dashboard.common.queries import load_memberships, load_metric_answers, load_services
from dashboard.common.service_labels import ServiceLabels
from db.demo.build import generate

FILTERS = (
    Filter(),
    Filter(sectors=("health",)),
    Filter(sectors=("local_authority", "third_sector")),
    Filter(level_min=1, level_max=2),
    Filter(deep_dive_only=True),
    Filter(text="zzzz no such service"),
)


def assert_same(
    services: pd.DataFrame, metrics: pd.DataFrame, mask: np.ndarray, lang: str
) -> pd.DataFrame:
    with using(lang):
        labels = ServiceLabels.build(services)
        matching = services[mask]
        expected = availability.build(matching, metrics).missing
        got = availability.build(matching, metrics, labels=labels, everyone=services.index).missing
    # the labels' words are pandas strings, the direct table's Python objects: the same text
    assert_frame_equal(got, expected, check_dtype=False, check_index_type=False)
    assert list(got.columns) == list(expected.columns)
    return got


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_indexed_table_is_the_direct_one_on_the_demo_data(demo_engine, lang) -> None:  # type: ignore[no-untyped-def]
    services, metrics = load_services(demo_engine), load_metric_answers(demo_engine)
    members = load_memberships(demo_engine)
    shown = [
        len(assert_same(services, metrics, match(services, members, f), lang)) for f in FILTERS
    ]
    assert shown[0] > shown[1] > 0  # the demo data has services missing key figures
    assert shown[-1] == 0  # and a filter matching nothing gives an empty table


def test_the_indexed_table_is_the_direct_one_on_a_generated_catalogue(sqlite_store) -> None:  # type: ignore[no-untyped-def]
    generate(sqlite_store, 1_500, seed=11)
    services, metrics = load_services(sqlite_store), load_metric_answers(sqlite_store)
    members = load_memberships(sqlite_store)
    got = assert_same(services, metrics, match(services, members, Filter()), "en")
    # ties (same count of missing figures, same sector and name) are many at this size: the
    # order among them is checked by the comparison above
    assert len(got) > 100
    assert got["Key metrics missing"].is_monotonic_decreasing
    assert_same(services, metrics, match(services, members, Filter(sectors=("health",))), "cy")


def test_no_answers_to_key_metrics_gives_an_empty_table_with_its_columns() -> None:
    services = pd.DataFrame(
        {"code": ["a"], "name_en": ["A"], "organisation_en": ["Org"], "sector": ["health"]},
        index=pd.Index([1], name="id"),
    )
    metrics = pd.DataFrame(
        {
            "service_id": [1],
            "metric": ["completion_rate"],
            "availability": ["provided"],
            "reason": [None],
        }
    )
    labels = ServiceLabels.build(services)
    got = availability.build(services, metrics, labels=labels, everyone=services.index).missing
    assert got.empty
    assert list(got.columns) == list(availability.build(services, metrics).missing.columns)
