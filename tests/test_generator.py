"""The scale generator draws N services with the same distributions as the demo data set."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy.engine import Engine

from dashboard.common.queries import (
    dataset_info,
    load_metric_answers,
    load_metric_answers_of_every_period,
    load_services,
)
from db.demo.build import MAX_GENERATED, generate


def _profile(engine: Engine) -> dict[str, pd.Series | float]:
    services = load_services(engine)
    metrics = load_metric_answers(engine)
    with_value = metrics["availability"].isin(["provided", "estimated"])
    return {
        "sector": services["sector"].value_counts(normalize=True).sort_index(),
        "level": float(services["digitisation_level"].mean()),
        "deep": int(services["is_deep_dive"].sum()),
        "reporting": metrics["service_id"].nunique() / len(services),
        "with_value": with_value.groupby(metrics["metric"], observed=True).mean(),
    }


def test_generated_catalogue_matches_the_demo_distributions(sqlite_store, demo_engine) -> None:  # type: ignore[no-untyped-def]
    summary = generate(sqlite_store, 6000, seed=11)
    assert summary.services == 6000
    assert len(load_services(sqlite_store)) == 6000
    info = dataset_info(sqlite_store)
    assert info.kind == "generated" and info.is_invented
    demo, big = _profile(demo_engine), _profile(sqlite_store)
    assert (big["sector"] - demo["sector"]).abs().max() < 0.06
    assert abs(big["level"] - demo["level"]) < 0.3
    assert abs(big["reporting"] - demo["reporting"]) < 0.08
    assert (big["with_value"] - demo["with_value"]).abs().max() < 0.12
    assert big["with_value"].idxmin() == "cost_per_transaction"
    assert big["deep"] == 15
    every = load_metric_answers_of_every_period(sqlite_store)
    dated = every[every["period"].astype(str) != ""]
    assert set(dated["period"].astype(str)) == {
        "2020-21",
        "2021-22",
        "2022-23",
        "2023-24",
        "2024-25",
    }
    assert summary.metric_answers == len(every)


def test_codes_stay_unique_when_one_body_runs_a_kind_of_service_many_times(sqlite_store) -> None:  # type: ignore[no-untyped-def]
    generate(sqlite_store, 3000, seed=3)
    services = load_services(sqlite_store)
    assert services["code"].is_unique
    assert services.duplicated(["organisation_id", "name_en"]).any()


def test_same_seed_same_catalogue(sqlite_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from db import migrate
    from db.engine import make_engine

    generate(sqlite_store, 1500, seed=5)
    other_url = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    migrate.upgrade(other_url)
    other = make_engine(other_url)
    generate(other, 1500, seed=5)
    cols = ["code", "digitisation_level", "stage", "service_type"]
    pd.testing.assert_frame_equal(load_services(sqlite_store)[cols], load_services(other)[cols])
    other.dispose()


def test_a_generated_catalogue_groups_by_type_like_the_demo(sqlite_store) -> None:  # type: ignore[no-untyped-def]
    from dashboard.common.service_types import group_by_type
    from db.demo.not_recorded import NO_TYPE_SHARE

    generate(sqlite_store, 4000, seed=9)
    services = load_services(sqlite_store)
    groups = group_by_type(services)
    assert groups.untyped == round(4000 * NO_TYPE_SHARE)
    councils = services[services["sector"] == "local_authority"]
    run_by = councils.groupby("service_type", observed=True)["organisation_code"].nunique()
    assert run_by.min() >= 18  # at scale nearly every council runs every council type
    top = groups.table.iloc[0]
    assert top["organisations"] >= 20 and top["services"] > top["organisations"]


@pytest.mark.parametrize("bad", [0, -5, MAX_GENERATED + 1])
def test_out_of_range_sizes_are_refused_before_anything_is_written(sqlite_store, bad: int) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="between 1 and"):
        generate(sqlite_store, bad)
    assert len(load_services(sqlite_store)) == 0


@pytest.mark.postgres
def test_generator_writes_to_postgresql(postgres_store) -> None:  # type: ignore[no-untyped-def]
    generate(postgres_store, 2500, seed=9)
    services = load_services(postgres_store)
    assert len(services) == 2500
    assert len(load_metric_answers(postgres_store)) > 2500 * 6 * 0.5
