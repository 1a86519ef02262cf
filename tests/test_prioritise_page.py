"""The Prioritise page through AppTest: sliders change the ranking and live in the URL."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.common.filters import Filter, match
from dashboard.common.queries import load_memberships, load_metric_answers, load_services
from dashboard.prioritise import score as p
from dashboard.prioritise import weighting
from tests.on_demand import open_expanders

PAGE = "pages/prioritise.py"


@pytest.fixture
def open_page(open_app):  # type: ignore[no-untyped-def]
    return lambda **query: open_app(PAGE, **query)


def _expected(engine, weights, missing=weighting.ESTIMATE, flt=None):  # type: ignore[no-untyped-def]
    services, members = load_services(engine), load_memberships(engine)
    services = services[match(services, members, flt or Filter())]
    parts = p.components(services, load_metric_answers(engine), members.themes)
    return p.ranked(p.score(parts, weights, missing), services, parts)


def _ranking(at: AppTest):  # type: ignore[no-untyped-def]
    return next(
        df.value for df in at.dataframe if "Score" in df.value.columns and len(df.value) > 15
    )


def test_default_ranking_matches_the_scoring_core(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_page()
    expected = _expected(demo_engine, weighting.DEFAULT_WEIGHTS)
    shown = _ranking(at)
    assert shown["Service"].head(20).tolist() == expected["Service"].head(20).tolist()
    assert shown["Rank"].tolist() == expected["Rank"].tolist()
    charts = {c.proto.id.rsplit("-", 1)[1] for c in at.get("plotly_chart")}
    assert {"ranking_chart", "areas_chart", "scatter_chart"} <= charts
    assert any("Estimated from the median" in c.value for c in at.caption)


def test_a_weight_slider_reorders_and_goes_into_the_url(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_page()
    before = _ranking(at)["Service"].head(10).tolist()
    at.slider(key="weight_reach").set_value(0).run()
    at.slider(key="weight_gap").set_value(0).run()
    at.slider(key="weight_cost").set_value(5).run()
    assert not at.exception
    weights = {**weighting.DEFAULT_WEIGHTS, "reach": 0, "gap": 0, "cost": 5}
    expected = _expected(demo_engine, weights)
    after = _ranking(at)["Service"].head(10).tolist()
    assert after == expected["Service"].head(10).tolist()
    assert after != before
    assert at.query_params["w_reach"] in ("0", ["0"])
    assert at.query_params["w_cost"] in ("5", ["5"])
    assert "w_pain" not in at.query_params  # defaults stay out of the link


def test_a_link_with_weights_reopens_the_same_ranking(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_page(w_pain="5", w_reach="1", missing="known_only", sector="health")
    assert at.slider(key="weight_pain").value == 5
    assert at.radio(key="weight_missing").value == weighting.KNOWN_ONLY
    weights = {**weighting.DEFAULT_WEIGHTS, "pain": 5, "reach": 1}
    expected = _expected(demo_engine, weights, weighting.KNOWN_ONLY, Filter(sectors=("health",)))
    shown = next(df.value for df in at.dataframe if "Score" in df.value.columns)
    assert shown["Service"].tolist() == expected["Service"].tolist()
    assert any("left out because a weighted part is not known" in c.value for c in at.caption)


def test_the_ranking_follows_the_sidebar_filter(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_page()
    at.multiselect(key="f_sectors").select("third_sector").run()
    at.slider(key="weight_pain").set_value(5).run()
    assert not at.exception
    weights = {**weighting.DEFAULT_WEIGHTS, "pain": 5}
    expected = _expected(demo_engine, weights, flt=Filter(sectors=("third_sector",)))
    shown = next(df.value for df in at.dataframe if "Details" in df.value.columns)
    assert shown["Service"].tolist() == expected["Service"].tolist()
    assert set(shown["Sector"]) == {"Third sector"}


def test_all_weights_zero_is_explained(open_page) -> None:  # type: ignore[no-untyped-def]
    at = open_page(**{f"w_{c}": "0" for c in weighting.CODES})
    assert "Every weight is 0" in at.warning[-1].value
    at.button(key="weight_reset").click().run()
    assert at.slider(key="weight_reach").value == weighting.DEFAULT_WEIGHTS["reach"]
    assert "w_reach" not in at.query_params


def test_the_chart_shows_why_each_service_ranks_there(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_page()
    chart = next(
        json.loads(c.proto.spec)
        for c in at.get("plotly_chart")
        if c.proto.id.endswith("ranking_chart")
    )
    expected = _expected(demo_engine, weighting.DEFAULT_WEIGHTS).head(15)
    parts = [trace for trace in chart["data"] if trace["x"] != [0]]
    totals = [sum(v or 0 for v in values) for values in zip(*(t["x"] for t in parts), strict=True)]
    assert totals == pytest.approx(expected["Score"].tolist(), abs=1e-3)
    assert {t["name"] for t in parts} == {c.name for c in weighting.COMPONENTS}
    # every bar names the organisation: five services share "Book your maternity care"
    labels = chart["layout"]["yaxis"]["ticktext"]
    for label, (_, row) in zip(labels, expected.iterrows(), strict=True):
        assert row["Service"][:20] in label and row["Organisation"][:20] in label
    # an estimated part is hatched, and the legend says what hatching means
    hatched = [t for t in parts if t.get("marker", {}).get("pattern")]
    first_estimated = expected.iloc[0]["_estimated"]
    assert first_estimated and any(t["x"][0] is not None for t in hatched)
    assert any("estimated from the median" in t["name"] for t in chart["data"])


def test_the_ranking_table_gives_reasons_and_links(open_page) -> None:  # type: ignore[no-untyped-def]
    at = open_expanders(open_page())
    shown = _ranking(at)
    assert "None" not in set(shown["Users per year"].astype(str))
    assert "Not available: shared system" in set(shown["Transactions per year"])
    assert shown["Details"].str.startswith("catalogue?service=").all()
    assert {"Parts estimated", "Estimated from the median"} <= set(shown.columns)
    # the weights go with the chart's data and every file from the page
    assert any(c.value.startswith("Weights: reach 3, digital gap 3, pain 2") for c in at.caption)


def _reach_chart(at: AppTest) -> dict:  # type: ignore[type-arg]
    return next(
        json.loads(c.proto.spec)
        for c in at.get("plotly_chart")
        if c.proto.id.endswith("scatter_chart")
    )


def test_the_top_services_not_on_the_reach_chart_are_named(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_page()
    top = _expected(demo_engine, weighting.DEFAULT_WEIGHTS).head(15)
    unplotted = top[top["Users per year"].isna() & top["Transactions per year"].isna()]
    assert len(unplotted)  # the demo data has some
    chart = _reach_chart(at)
    plotted = len(top) - len(unplotted)
    assert chart["layout"]["title"]["text"].startswith(f"{plotted} of the top 15 by score")
    diamonds = chart["data"][2]
    marked = [
        int(r) for label in diamonds["hovertext"] for r in re.findall(r"(?:^|<br>)(\d+)\. ", label)
    ]
    assert sorted(marked) == sorted(set(top["Rank"]) - set(unplotted["Rank"]))
    for label, listed in zip(diamonds["text"], diamonds["hovertext"], strict=True):
        assert label.split(",")[0] == listed.split(".")[0]  # the best rank of the cell first
    caption = next(c.value for c in at.caption if c.value.startswith("Not plotted"))
    for _, row in unplotted.iterrows():
        assert f"{row['Rank']}. {row['Service']} ({row['Organisation']})" in caption


def test_the_reach_chart_counts_every_service_with_a_known_reach(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    flt = Filter(sectors=("local_authority",))
    at = open_page(sector="local_authority")
    services, members = load_services(demo_engine), load_memberships(demo_engine)
    services = services[match(services, members, flt)]
    parts = p.components(services, load_metric_answers(demo_engine), members.themes)
    reach = parts["users"].fillna(parts["transactions"])
    known = reach[reach > 0]
    assert 0 < len(known) < len(services)  # some reach is unknown, and is not counted
    # a service with no digitisation level recorded has no column to stand in: not counted
    no_level = services.loc[known.index, "digitisation_level"].isna()
    assert no_level.any()
    known = known[~no_level]

    heat, counts = _reach_chart(at)["data"][:2]
    assert heat["type"] == "heatmap"
    printed = [int(n.replace(",", "")) for n in counts["text"]]
    assert sum(printed) == len(known)
    # each row is a digitisation level: its cells add up to that level's services
    levels = services.loc[known.index, "digitisation_level"].value_counts()
    by_level = pd.Series(printed).groupby(pd.Series(counts["x"]).round().astype(int)).sum()
    assert by_level.to_dict() == {int(k): int(v) for k, v in levels.items()}
    # the shading follows the counts: cells with the most services are the darkest
    shades = [z for row in heat["z"] for z in row if z is not None]
    assert max(shades) == pytest.approx(np.log10(max(printed)))

    # the data behind the chart: one row per cell, the same counts, readable band edges
    at = open_expanders(at, "scatter_data")
    table = next(df.value for df in at.dataframe if "Top ranked here (by rank)" in df.value.columns)
    assert int(table["Services"].sum()) == len(known)
    assert (
        table["Users or transactions per year, from"] < table["Users or transactions per year, to"]
    ).all()
    assert table["Digitisation level"].iloc[0].startswith("0 ") or levels.get(0, 0) == 0
    assert table["Top ranked here (by rank)"].str.len().gt(0).any()


def test_improvement_areas_by_another_measure(open_page) -> None:  # type: ignore[no-untyped-def]
    at = open_page()
    assert any("one service gives more than half the total reach" in c.value for c in at.caption)
    at.segmented_control(key="areas_measure").set_value("services").run()
    assert not at.exception
    chart = next(
        json.loads(c.proto.spec)
        for c in at.get("plotly_chart")
        if c.proto.id.endswith("areas_chart")
    )
    counts = chart["data"][0]["x"]
    assert counts == sorted(counts, reverse=True)
    assert "is reported by the most services" in chart["layout"]["title"]["text"].replace(
        "<br>", " "
    )


def test_the_page_in_welsh(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_page(lang="cy")
    assert at.title[0].value == "Blaenoriaethu"
    assert [s.label for s in at.slider][-5:] == [
        "Cyrhaeddiad",
        "Bwlch digidol",
        "Poen",
        "Bylchau yn y data",
        "Cost",
    ]
    headers = {h.value for h in at.header} | {h.value for h in at.subheader}
    assert {"Meysydd i'w gwella", "Cyrhaeddiad yn erbyn digideiddio", "Y rhestr gyfan"} <= headers
    shown = next(df.value for df in at.dataframe if "Manylion" in df.value.columns)
    assert {"Safle", "Gwasanaeth", "Sefydliad", "Manylion"} <= set(shown.columns)
    assert "Cael cymorth iechyd meddwl" in set(shown["Gwasanaeth"])
    assert set(shown["Sector"]) <= {
        "Iechyd",
        "Awdurdod lleol",
        "Llywodraeth ganolog",
        "Corff hyd braich",
        "Trydydd sector",
    }
    charts = {
        c.proto.id.rsplit("-", 1)[1]: json.loads(c.proto.spec) for c in at.get("plotly_chart")
    }
    assert charts["ranking_chart"]["layout"]["title"]["text"].startswith("Y flaenoriaeth uchaf")
    names = {t.get("name") for t in charts["ranking_chart"]["data"]}
    assert {"Cyrhaeddiad", "Bwlch digidol", "Poen"} <= names
    levels = charts["scatter_chart"]["layout"]["xaxis"]["ticktext"]
    assert levels[0].replace("<br>", " ") == "0 Dim yn ddigidol"
    # nothing English that has a Welsh translation leaks onto the page
    english = _translated_english()
    texts = [e.value for e in [*at.title, *at.header, *at.subheader, *at.caption, *at.markdown]]
    leaks = [text for text in texts if text in english]
    assert not leaks


def _translated_english() -> set[str]:
    from dashboard.common.i18n import WELSH, catalogue

    return {key for key in catalogue(WELSH) if isinstance(key, str) and len(key) > 12}


def test_a_link_changed_from_outside_wins_over_the_sliders(
    open_page, demo_engine, history_run
) -> None:  # type: ignore[no-untyped-def]
    """The back and forward buttons change the link, not the sliders."""
    at = open_page()
    at.slider(key="weight_reach").set_value(0).run()
    assert at.query_params["w_reach"] in ("0", ["0"])
    # what the browser does on "back": the earlier link returns, the session is the same
    del at.query_params["w_reach"]
    history_run(at)
    assert not at.exception
    assert at.slider(key="weight_reach").value == weighting.DEFAULT_WEIGHTS["reach"]
    assert "w_reach" not in at.query_params  # the page did not write its old weights back
    default = _expected(demo_engine, weighting.DEFAULT_WEIGHTS)
    assert _ranking(at)["Service"].head(10).tolist() == default["Service"].head(10).tolist()

    # "forward": its weights and missing-figure choice win
    at.query_params["w_cost"] = "5"
    at.query_params["missing"] = weighting.KNOWN_ONLY
    history_run(at)
    assert at.slider(key="weight_cost").value == 5
    assert at.radio(key="weight_missing").value == weighting.KNOWN_ONLY
    weights = {**weighting.DEFAULT_WEIGHTS, "cost": 5}
    expected = _expected(demo_engine, weights, weighting.KNOWN_ONLY)
    shown = next(df.value for df in at.dataframe if "Details" in df.value.columns)
    assert shown["Service"].tolist() == expected["Service"].tolist()

    # and a slider moved afterwards still goes into the link, beside what came from outside
    at.slider(key="weight_pain").set_value(4).run()
    assert at.query_params["w_pain"] in ("4", ["4"])
    assert at.query_params["w_cost"] in ("5", ["5"])
    assert at.slider(key="weight_cost").value == 5


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_ranking_for_analysis_keeps_figures_as_numbers_and_the_reason_apart(  # type: ignore[no-untyped-def]
    open_page, monkeypatch, lang
) -> None:
    import io

    from dashboard.common.exports import why_column
    from dashboard.common.headers import headers
    from dashboard.common.i18n import t, using
    from tests.app_downloads import record_downloads

    downloads = record_downloads(monkeypatch)
    at = open_page(lang=lang)
    _, data = downloads.file(at, "ranking_all_tidy_csv")
    frame = pd.read_csv(io.StringIO(data.decode("utf-8-sig")), comment="#")
    with using(lang):
        users, code = headers()["Users per year"], t("Code")
        why = why_column(users)
    assert code in frame.columns
    if lang == "cy":
        assert "Code" not in frame.columns  # every heading in the file's language
    assert pd.api.types.is_float_dtype(frame[users])  # numbers only
    gaps = frame[users].isna()
    assert gaps.any() and frame.loc[gaps, why].notna().all()  # each gap says why
    assert frame.loc[~gaps, why].isna().all()


def _demo_parts(engine):  # type: ignore[no-untyped-def]
    services, members = load_services(engine), load_memberships(engine)
    return services, p.components(services, load_metric_answers(engine), members.themes)


def test_each_ranked_service_says_how_sure_and_the_top_five_are_checked(
    open_page, demo_engine
) -> None:  # type: ignore[no-untyped-def]
    from dashboard.prioritise import confidence, stability

    at = open_page()
    services, parts = _demo_parts(demo_engine)
    expected = _expected(demo_engine, weighting.DEFAULT_WEIGHTS)
    shown = _ranking(at)
    assert shown["How sure"].tolist() == expected["How sure"].tolist()
    assert set(shown["How sure"]) <= {
        "● all parts known",
        "◐ some parts estimated",
        "○ reach unknown",
    }
    # the demo ranking has services of more than one level
    assert shown["How sure"].nunique() > 1
    assert any("How sure each score is" in c.value for c in at.caption)
    check = stability.check(parts, weighting.DEFAULT_WEIGHTS, weighting.ESTIMATE)
    said = stability.sentence(check, stability.names_of(check, services))
    words = [m.value.replace("\\", "") for m in at.markdown]
    assert said.replace("\\", "") in words
    # the chart's subtitle counts the top 15 resting on estimates; each bar's hover has its mark
    chart = next(
        json.loads(c.proto.spec)
        for c in at.get("plotly_chart")
        if c.proto.id.endswith("ranking_chart")
    )
    top = expected.head(15)
    counted = confidence.top_sentence(top)
    assert counted.endswith("rest on at least one estimate")
    subtitle = chart["layout"]["title"]["subtitle"]["text"].replace("<br>", " ")
    assert counted in subtitle
    hovers = chart["data"][0]["customdata"]
    assert [h.rsplit("<br>", 1)[1] for h in hovers] == top["How sure"].tolist()


def test_a_weight_move_changes_the_stability_sentence(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    from dashboard.prioritise import stability

    at = open_page(w_reach="0", w_gap="0", w_pain="0", w_data="1", w_cost="0")
    services, parts = _demo_parts(demo_engine)
    weights = {"reach": 0, "gap": 0, "pain": 0, "data": 1, "cost": 0}
    check = stability.check(parts, weights, weighting.ESTIMATE)
    said = stability.sentence(check, stability.names_of(check, services))
    words = [m.value.replace("\\", "") for m in at.markdown]
    assert said.replace("\\", "") in words


def test_the_marks_and_the_check_in_welsh(open_page) -> None:  # type: ignore[no-untyped-def]
    at = open_page(lang="cy")
    shown = next(
        df.value for df in at.dataframe if "Sgôr" in df.value.columns and len(df.value) > 15
    )
    assert set(shown["Pa mor sicr"]) <= {
        "● pob rhan yn hysbys",
        "◐ rhai rhannau wedi'u hamcangyfrif",
        "○ cyrhaeddiad yn anhysbys",
    }
    assert any("Pa mor sicr yw pob sgôr" in c.value for c in at.caption)
    assert any("uchaf" in m.value and "pan fydd" in m.value for m in at.markdown)


def test_the_page_leads_with_main_points_for_the_weights(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    weights = {"reach": 0, "gap": 0, "pain": 0, "data": 1, "cost": 0}
    at = open_page(w_reach="0", w_gap="0", w_pain="0", w_data="1", w_cost="0")
    assert at.header[0].value == "Main points"
    expected = _expected(demo_engine, weights)
    first = expected.iloc[0]
    points = next(m.value for m in at.markdown if m.value.startswith("- ")).replace("\\", "")
    assert points.startswith(
        f"- Under these weights the top priority is {first['Service']} "
        f"({first['Organisation']}), score {first['Score']:.2f}."
    )
    # only data gaps weighted: they make up the whole of every score
    assert "- Data gaps makes up the largest share of the top 15 services' scores (100%)." in (
        points
    )
    assert f"{len(load_services(demo_engine)):,} matching services are ranked" in points
    # the caveats wait in an expander
    assert "About these figures" in [e.label for e in at.expander]
