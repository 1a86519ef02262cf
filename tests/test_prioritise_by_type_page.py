"""Prioritise by service type through AppTest on the demo store: the choice reads the link and
writes it, the types table holds the core's ranking, the single-service view marks services
that share a type, and it reads in Welsh."""

from __future__ import annotations

from dashboard.common.filters import Filter, match
from dashboard.common.i18n import using
from dashboard.common.queries import load_memberships, load_metric_answers, load_services
from dashboard.common.service_types import type_labels
from dashboard.prioritise import by_type, weighting
from dashboard.prioritise import score as p

PAGE = "pages/prioritise.py"


def _types(engine):  # type: ignore[no-untyped-def]
    services, members = load_services(engine), load_memberships(engine)
    services = services[match(services, members, Filter())]
    parts = p.components(services, load_metric_answers(engine), members.themes)
    ranking = p.score(parts, weighting.DEFAULT_WEIGHTS)
    return by_type.type_ranking(ranking.table, parts, services, weighting.DEFAULT_WEIGHTS)


def _table(at, column: str):  # type: ignore[no-untyped-def]
    """The one table on the page with `column` (the types table's or the ranking's)."""
    (table,) = [df.value for df in at.dataframe if column in df.value.columns]
    return table


def test_a_link_opens_the_ranking_by_type_and_the_choice_writes_it(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_app(PAGE, rank_by="type")
    assert at.segmented_control(key="prioritise_rank_by").value == "type"
    expected = _types(demo_engine)
    shown = _table(at, "Service type")
    with using("en"):
        names = type_labels(expected["service_type"]).tolist()
    assert shown["Service type"].tolist() == names
    assert shown["Organisations"].tolist() == expected["organisations"].tolist()
    assert not any("Shares its type" in df.value.columns for df in at.dataframe)
    at.segmented_control(key="prioritise_rank_by").set_value("service").run()
    assert "rank_by" not in at.query_params
    single = _table(at, "Shares its type")
    marks = single["Shares its type"]
    assert marks.str.match(r"1 of \d+ organisations running this type").any()
    at.segmented_control(key="prioritise_rank_by").set_value("type").run()
    assert at.query_params["rank_by"] in ("type", ["type"])


def test_the_main_points_follow_what_is_ranked(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_app(PAGE, rank_by="type")
    expected = _types(demo_engine)
    with using("en"):
        top = type_labels(expected["service_type"].head(1)).iloc[0]
    points = _points(at)
    assert points.startswith(f"- Ranked as service types, the top priority is {top} (")
    assert "service types are ranked, from" in points
    assert "Under these weights the top priority is" not in points
    at.segmented_control(key="prioritise_rank_by").set_value("service").run()
    points = _points(at)
    assert points.startswith("- Under these weights the top priority is")
    assert "Ranked as service types" not in points


def _points(at) -> str:  # type: ignore[no-untyped-def]
    """The main points' list, the markdown under the "Main points" header, as read (the
    escapes that keep names from being read as Markdown taken off)."""
    return next(m.value for m in at.markdown if m.value.startswith("- ")).replace("\\", "")


def test_the_ranking_by_type_reads_in_welsh(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_app(PAGE, rank_by="type", lang="cy")
    shown = _table(at, "Math o wasanaeth")
    assert "Sefydliadau" in shown.columns and "Organisations" not in shown.columns
    assert any("cyfrif ddwywaith" in c.value for c in at.caption)  # reach added, said so


def test_the_ranking_by_type_draws_the_top_types_with_their_parts(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    import json

    at = open_app(PAGE, rank_by="type")
    assert not at.exception
    expected = _types(demo_engine)
    charts = {
        c.proto.id.rsplit("-", 1)[1]: json.loads(c.proto.spec) for c in at.get("plotly_chart")
    }
    chart = charts["ranking_types_chart_chart"]
    with using("en"):
        top = type_labels(expected["service_type"].head(1)).iloc[0]
    title = str(chart["layout"]["title"]["text"])
    assert title.startswith(f"Top priority type: {top} (")
    assert f"score {expected['Score'].iloc[0]:.2f}" in title
    bars = {y for trace in chart["data"] for y in trace["y"]}
    assert bars == set(expected["service_type"].head(15).astype(str))
    if len(expected) > 15:
        assert f"of {len(expected):,} ranked service types shown" in str(
            chart["layout"]["title"]["text"]
        ) + json.dumps(chart["layout"])
