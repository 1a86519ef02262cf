"""The pages show a value not recorded as "not recorded", filter on it, and leave it out of
shares and scores, on the demo data set (nine services with no level, four with no stage)."""

from __future__ import annotations

import pytest

from dashboard.common.queries import load_services
from tests.welsh_pages import shown

CATALOGUE = "pages/catalogue.py"


@pytest.fixture
def catalogue(open_app):  # type: ignore[no-untyped-def]
    return lambda query=None: open_app(CATALOGUE, **(query or {}))


def _no_level_codes(engine) -> list[str]:  # type: ignore[no-untyped-def]
    services = load_services(engine)
    return sorted(services.loc[services["digitisation_level"].isna(), "code"].astype(str))


def test_catalogue_shows_not_recorded_and_its_filter_round_trips(catalogue, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = catalogue()
    table = at.dataframe[0].value.set_index("Code")
    codes = _no_level_codes(demo_engine)
    assert len(codes) == 9
    assert set(table.loc[codes, "Digitisation level"]) == {"not recorded"}
    assert (table["Stage"] == "not recorded").sum() == 4
    at.checkbox(key="f_level_none").check().run()
    assert not at.exception
    assert sorted(at.dataframe[0].value["Code"]) == codes
    assert at.query_params["level"] in ("none", ["none"])
    assert any("Digitisation level: not recorded" in shown(str(b.label)) for b in at.button)


def test_a_shared_link_to_not_recorded_opens_the_same_view(catalogue, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = catalogue({"level": "none"})
    assert at.checkbox(key="f_level_none").value
    assert sorted(at.dataframe[0].value["Code"]) == _no_level_codes(demo_engine)
    at = catalogue({"stage": "none"})
    assert set(at.dataframe[0].value["Stage"]) == {"not recorded"}
    assert len(at.dataframe[0].value) == 4


def test_detail_of_a_service_with_no_level_says_not_recorded(catalogue, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = catalogue({"service": _no_level_codes(demo_engine)[0]})
    level = next(m for m in at.metric if m.label == "Digitisation level")
    assert level.value == "not recorded"
    assert any("**Digitisation level:** not recorded" in m.value for m in at.markdown)


def test_overview_says_how_many_levels_are_known(open_app) -> None:  # type: ignore[no-untyped-def]
    at = open_app()
    assert any("Digitisation level known for 393 of 402 services." in c.value for c in at.caption)
    end_to_end = next(m for m in at.metric if m.label == "Digital end to end")
    assert "9 services have no level recorded" in str(end_to_end.help)


def test_prioritise_scores_services_without_a_level_and_says_so(open_app) -> None:  # type: ignore[no-untyped-def]
    at = open_app("pages/prioritise.py", level="none")
    assert any(
        "9 services have no digitisation level recorded: they are scored on the other weighted "
        "parts only" in c.value
        for c in at.caption
    )
    ranking = next(df.value for df in at.dataframe if "Score" in df.value.columns)
    assert len(ranking) > 0
    assert set(ranking["Digitisation level"]) == {"not recorded"}


def test_data_availability_lists_the_catalogue_fields_not_recorded(open_app) -> None:  # type: ignore[no-untyped-def]
    at = open_app("pages/availability.py")
    table = next(df.value for df in at.dataframe if "Catalogue field" in df.value.columns)
    counts = dict(zip(table["Catalogue field"], table["Not recorded"], strict=True))
    assert counts == {"Digitisation level": 9, "Stage": 4}
