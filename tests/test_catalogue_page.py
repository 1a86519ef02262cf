"""The shared filter and the Service catalogue page, driven through real widgets with AppTest."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.filters import Filter, match
from dashboard.markdown_text import plain
from dashboard.queries import load_memberships, load_services

CATALOGUE = "pages/catalogue.py"


@pytest.fixture
def demo_app(open_app):  # type: ignore[no-untyped-def]
    return lambda query=None: open_app(CATALOGUE, **(query or {}))


def expected_count(engine, flt: Filter) -> int:  # type: ignore[no-untyped-def]
    return int(match(load_services(engine), load_memberships(engine), flt).sum())


def summary(at: AppTest) -> str:
    return next(m.value for m in at.markdown if " services**" in m.value)


def test_whole_catalogue_without_a_filter(demo_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = demo_app()
    total = len(load_services(demo_engine))
    assert summary(at).startswith(f"**{total:,} of {total:,} services**")
    assert len(at.dataframe[0].value) == total
    assert at.button(key="f_reset").disabled
    # a service that fans out into many journeys is still one row, with its journey count
    table = at.dataframe[0].value.set_index("Code")
    code = _deep_fan_out_code(demo_engine)
    with demo_engine.connect() as connection:
        journeys = connection.exec_driver_sql(
            "SELECT COUNT(*) FROM journey j JOIN service s ON s.id = j.service_id WHERE s.code = ?",
            (code,),
        ).scalar()
    assert journeys > 1 and table.loc[code, "Journeys"] == journeys
    assert table.index.is_unique


def test_choosing_a_sector_narrows_the_table_and_the_url(demo_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = demo_app()
    at.multiselect(key="f_sectors").select("health").run()
    n = expected_count(demo_engine, Filter(sectors=("health",)))
    assert 0 < n < len(load_services(demo_engine))
    assert summary(at).startswith(f"**{n:,} of")
    assert len(at.dataframe[0].value) == n
    assert set(at.dataframe[0].value["Sector"]) == {"Health"}
    assert at.query_params["sector"] in ("health", ["health"])


def test_a_theme_and_a_level_range_combine(demo_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    themes = load_memberships(demo_engine).themes
    challenge = themes.loc[themes["kind"] == "challenge", "theme"].astype(str).mode()[0]
    at = demo_app({"challenge": challenge})
    at.select_slider(key="f_levels").set_range(2, 3).run()
    n = expected_count(demo_engine, Filter(challenges=(challenge,), level_min=2, level_max=3))
    assert n > 0
    assert summary(at).startswith(f"**{n:,} of")
    assert at.query_params["level"] in ("2-3", ["2-3"])
    assert at.query_params["challenge"] in (challenge, [challenge])
    assert set(at.dataframe[0].value["Digitisation level"]) <= {
        "2 Partly digital",
        "3 Digital end to end",
    }


def test_a_shared_link_reopens_the_same_view(demo_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = demo_app({"sector": ["health", "third_sector"], "level": "1-2", "q": "support"})
    flt = Filter(sectors=("health", "third_sector"), level_min=1, level_max=2, text="support")
    n = expected_count(demo_engine, flt)
    assert n > 0
    assert summary(at).startswith(f"**{n:,} of")
    assert at.multiselect(key="f_sectors").value == ["health", "third_sector"]
    assert at.text_input(key="f_text").value == "support"
    assert not at.button(key="f_reset").disabled


def test_reset_clears_every_field(demo_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = demo_app({"sector": "health", "deep": "1"})
    at.button(key="f_reset").click().run()
    total = len(load_services(demo_engine))
    assert summary(at).startswith(f"**{total:,} of {total:,}")
    assert "sector" not in at.query_params and "deep" not in at.query_params


def test_no_match_explains_itself(demo_app) -> None:  # type: ignore[no-untyped-def]
    at = demo_app({"q": "no service is called this"})
    assert summary(at).startswith("**0 of")
    assert "No service matches" in at.info[0].value
    assert len(at.dataframe) == 0


def test_unknown_values_in_a_link_are_ignored(demo_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = demo_app({"sector": ["martian", "health"], "level": "banana"})
    assert at.multiselect(key="f_sectors").value == ["health"]
    n = expected_count(demo_engine, Filter(sectors=("health",)))
    assert summary(at).startswith(f"**{n:,} of")


def _deep_fan_out_code(engine) -> str:  # type: ignore[no-untyped-def]
    services = load_services(engine)
    deep = services[services["is_deep_dive"] & services["code"].str.contains("planned-care")]
    return str(deep["code"].iloc[0])


def test_detail_view_has_its_own_url(demo_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    from dashboard.detail import load_service_detail

    code = _deep_fan_out_code(demo_engine)
    detail = load_service_detail(demo_engine, code)
    at = demo_app({"service": code})
    assert at.title[0].value == plain(detail.service["name_en"])
    journeys = next(m.value for m in at.metric if m.label == "Journeys")
    assert journeys == f"{detail.journey_count:,}" and detail.journey_count >= 24
    metrics = next(d.value for d in at.dataframe if "Availability" in d.value.columns)
    assert len(metrics) == 6
    assert (metrics["Availability"] != "").all()  # every metric says whether and why
    assert any("Figures elsewhere count this service once" in c.value for c in at.caption)
    surveys = next(d.value for d in at.dataframe if "Sections complete" in d.value.columns)
    with demo_engine.connect() as connection:
        responses = connection.exec_driver_sql(
            "SELECT r.status, COUNT(p.section_id) FROM survey_response r JOIN service s ON "
            "s.id = r.service_id LEFT JOIN survey_section_progress p ON p.response_id = r.id "
            "AND p.status = 'complete' WHERE s.code = ? GROUP BY r.id, r.status",
            (code,),
        ).all()
    assert len(surveys) == len(responses) > 0
    downloads = {d.proto.id.rsplit("-", 1)[1] for d in at.get("download_button")}
    for table in ("metrics", "themes", "surveys", "standards", "journeys"):
        assert {f"detail_{table}_csv", f"detail_{table}_xlsx"} <= downloads
    shown_done = sorted(int(text.split(" of ")[0]) for text in surveys["Sections complete"])
    assert shown_done == sorted(done for _, done in responses)


def test_back_returns_to_the_table_and_drops_the_url_parameter(demo_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = demo_app({"service": _deep_fan_out_code(demo_engine), "sector": "health"})
    at.button(key="detail_back").click().run()
    assert "service" not in at.query_params
    assert at.query_params["sector"] in ("health", ["health"])
    assert summary(at).startswith("**")


def test_an_unknown_service_code_gives_a_clear_message(demo_app) -> None:  # type: ignore[no-untyped-def]
    at = demo_app({"service": "no-such-service"})
    assert "No service has the code" in at.error[0].value
    assert not at.exception


def test_a_url_changed_from_outside_wins_over_the_widgets(demo_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    """The back button (or an edited address) changes the URL without touching the widgets."""
    at = demo_app({"sector": "health"})
    at.text_input(key="f_text").input("appointment").run()
    assert at.query_params["q"] in ("appointment", ["appointment"])
    # what the browser does on "back": the earlier URL returns, the session is the same
    del at.query_params["q"]
    at.run()
    assert at.text_input(key="f_text").value == ""
    assert at.multiselect(key="f_sectors").value == ["health"]
    n = expected_count(demo_engine, Filter(sectors=("health",)))
    assert summary(at).startswith(f"**{n:,} of")
    # and a widget change afterwards is still written to the URL
    at.multiselect(key="f_sectors").select("third_sector").run()
    assert sorted(at.query_params["sector"]) == ["health", "third_sector"]
