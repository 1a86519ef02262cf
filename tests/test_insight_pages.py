"""The Insight pages (Challenges and aims, Data availability) driven through AppTest."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.availability import tables as availability
from dashboard.common import answers
from dashboard.common.filters import Filter, match
from dashboard.common.queries import (
    load_assessments,
    load_framework,
    load_memberships,
    load_metric_answers,
    load_services,
    load_themes,
)
from dashboard.themes import tables as themes_tables
from tests.welsh_pages import shown


@pytest.fixture
def open_page(open_app):  # type: ignore[no-untyped-def]
    return open_app


def _charts(at: AppTest) -> dict[str, dict]:  # type: ignore[type-arg]
    return {c.proto.id.rsplit("-", 1)[1]: json.loads(c.proto.spec) for c in at.get("plotly_chart")}


def _matching(engine, flt: Filter):  # type: ignore[no-untyped-def]
    services = load_services(engine)
    return services[match(services, load_memberships(engine), flt)]


def test_availability_page_shows_the_hardest_metric(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_page("pages/availability.py")
    expected = availability.by_metric(load_services(demo_engine), load_metric_answers(demo_engine))
    charts = _charts(at)
    title = charts["by_metric_chart"]["layout"]["title"]["text"].replace("<br>", " ")
    assert title == availability.hardest_finding(expected)  # long titles wrap over lines
    # on the demo data the discovery's finding shows: cost is the hardest figure to get
    assert charts["by_metric_chart"]["layout"]["title"]["text"].startswith("Cost per transaction")
    assert "by_sector_chart" in charts
    missing = next(df.value for df in at.dataframe if "Key metrics missing" in df.value.columns)
    assert (missing["Key metrics missing"] >= 1).all()


def test_availability_follows_the_filter(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_page("pages/availability.py", sector="health")
    health = _matching(demo_engine, Filter(sectors=("health",)))
    cover = availability.coverage(health, load_metric_answers(demo_engine))
    assert any(
        f"{cover.answering:,} of {cover.services:,} matching services" in m.value
        for m in at.markdown
    )
    heat = _charts(at)["by_sector_chart"]["data"][0]["z"]
    rows_with_values = [row for row in heat if any(v is not None for v in row)]
    assert len(rows_with_values) == 1  # only the health row has answers


def _link_to_this_view(at: AppTest) -> str:
    """The address the page's "Link to this view" control offers to copy."""
    (popover,) = at.get("popover")
    return popover.children[1].value


def test_a_filter_matching_nothing_is_explained_on_every_insight_page(
    open_page, demo_engine
) -> None:  # type: ignore[no-untyped-def]
    services, members = load_services(demo_engine), load_memberships(demo_engine)
    without_sector = int(match(services, members, Filter(text="swn")).sum())
    health = int(match(services, members, Filter(sectors=("health",))).sum())
    for page, path in (
        ("pages/availability.py", "data-availability"),
        ("pages/themes.py", "themes"),
        ("pages/prioritise.py", "prioritise"),
    ):
        # noise complaints are council services: no health service matches the search
        at = open_page(page, sector="health", q="swn")
        message = shown(at.info[0].value)
        # the Overview's explanation: which part to remove, and what each removal brings back
        assert message.startswith("No service matches every part of this filter"), page
        assert f"without “Sector: Health”: {without_sector} services" in message, page
        assert f'without “Search: "swn"”: {health} services' in message, page
        assert not at.get("plotly_chart"), page
        assert _link_to_this_view(at).endswith(f"/{path}?sector=health&q=swn"), page


def test_matching_services_without_answers_say_which_filter_part_to_remove(
    open_page, demo_engine
) -> None:  # type: ignore[no-untyped-def]
    services, members = load_services(demo_engine), load_memberships(demo_engine)
    metrics = load_metric_answers(demo_engine)
    answered = services.index.isin(metrics["service_id"].unique())
    qualifications = match(services, members, Filter(organisations=("qualifications-wales",)))
    assert qualifications.sum() and not (qualifications & answered).any()
    at = open_page("pages/availability.py", org="qualifications-wales")
    message = shown(at.info[0].value)
    assert message.startswith(
        "None of the matching services has answered the metric questions yet. Remove one part "
        "of the filter to see some:"
    )
    assert (
        f"without “Organisation: Qualifications Wales”: {int(answered.sum())} services that "
        "answered" in message
    )
    assert not at.get("plotly_chart")

    reporting = services.index.isin(
        members.themes.loc[members.themes["kind"].astype(str) == "challenge", "service_id"]
    )
    at = open_page("pages/themes.py", org="children-in-wales")
    message = shown(at.info[0].value)
    assert message.startswith("No matching service reported a challenge. Remove one part")
    assert (
        f"without “Organisation: Children in Wales”: {int(reporting.sum())} services reporting "
        "a challenge" in message
    )


def test_themes_page_ranks_challenges_and_switches_to_aims(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_page("pages/themes.py")
    services, members = load_services(demo_engine), load_memberships(demo_engine)
    themes = load_themes(demo_engine)
    expected = themes_tables.theme_table(services, members.themes, themes, "challenge")
    drawn = _charts(at)["themes_chart"]
    assert drawn["data"][0]["y"] == expected["Theme"].tolist()
    assert drawn["data"][0]["x"] == expected["High"].tolist()

    at.segmented_control(key="themes_kind").set_value("opportunity").run()
    assert not at.exception
    aims = themes_tables.theme_table(services, members.themes, themes, "opportunity")
    assert _charts(at)["themes_chart"]["data"][0]["y"] == aims["Theme"].tolist()


def test_standards_at_risk_and_self_assessment(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_page("pages/themes.py", sector="local_authority")
    local = _matching(demo_engine, Filter(sectors=("local_authority",)))
    framework = load_framework(demo_engine)
    members = load_memberships(demo_engine)
    risk = themes_tables.standards_at_risk(
        local, members.themes, framework.standards, framework.theme_standards
    )
    charts = _charts(at)
    assert charts["standards_chart"]["data"][0]["y"] == risk["Standard"].tolist()
    assert charts["standards_chart"]["data"][0]["x"] == risk["of them rated high"].tolist()
    assessed = themes_tables.assessment_summary(
        local, load_assessments(demo_engine), framework.standards
    )
    met = next(t for t in charts["assessment_chart"]["data"] if t["name"] == "Met")
    assert met["x"] == assessed["Met"].tolist()


def test_drill_from_a_theme_to_its_services(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_page("pages/themes.py", sector="health")
    health = _matching(demo_engine, Filter(sectors=("health",)))
    members = load_memberships(demo_engine)
    at.selectbox(key="themes_drill").set_value("legacy_systems_lock_in").run()
    assert not at.exception
    table = next(df.value for df in at.dataframe if "Severity" in df.value.columns)
    expected = themes_tables.services_reporting(health, members.themes, "legacy_systems_lock_in")
    assert table["Service"].tolist() == expected["Service"].tolist()
    assert set(table["Sector"]) == {"Health"}
    framework = load_framework(demo_engine)
    links = next(m.value for m in at.markdown if "OECD dimensions:" in m.value)
    for name in themes_tables.links_of(
        "legacy_systems_lock_in", framework.standards, framework.theme_standards
    ) + themes_tables.dimensions_of(
        "legacy_systems_lock_in", framework.dimensions, framework.theme_dimensions
    ):
        assert name in shown(links)
    # the first link is the method's, under the page's opening; then the drill-down's
    link = next(p.proto for p in at.get("page_link") if p.proto.page != "method")
    assert link.page == "catalogue"
    assert link.query_string == "sector=health&challenge=legacy_systems_lock_in"
    assert f"({len(expected):,})" in link.label


def test_availability_follows_the_sidebar_widgets(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_page("pages/availability.py")
    at.multiselect(key="f_sectors").select("third_sector").run()
    at.toggle(key="f_deep_dive_only").set_value(False).run()
    assert not at.exception
    third = _matching(demo_engine, Filter(sectors=("third_sector",)))
    metrics = load_metric_answers(demo_engine)
    expected = availability.by_metric(third, metrics)
    drawn = _charts(at)["by_metric_chart"]
    provided = next(t for t in drawn["data"] if t["name"] == "Provided")
    assert provided["x"] == expected["Provided"].tolist()
    assert at.query_params["sector"] in ("third_sector", ["third_sector"])


def _translated_english() -> set[str]:
    from dashboard.common.i18n import WELSH, catalogue

    return {key for key in catalogue(WELSH) if isinstance(key, str) and len(key) > 12}


def _texts(at: AppTest) -> list[str]:
    return [
        e.value for e in [*at.title, *at.header, *at.subheader, *at.caption, *at.markdown, *at.info]
    ]


def test_availability_says_cost_and_volumetrics_are_hardest(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_page("pages/availability.py")
    table = availability.by_metric(load_services(demo_engine), load_metric_answers(demo_engine))
    assert availability.cost_and_volumetrics_hardest(table)
    callout = at.info[0].value
    assert callout.startswith("**Cost and volumetrics are the hardest figures to get.**")
    # "not applicable" left out of the share: cost 28%, transactions 36% on the demo data
    cost = table.loc["Cost per transaction", "With a figure"]
    assert (
        f"Cost per transaction: {cost:.0%} of the services it applies to gave a figure" in callout
    )
    title = _charts(at)["by_metric_chart"]["layout"]["title"]["text"].replace("<br>", " ")
    assert title.startswith("Cost per transaction is the hardest to get")
    assert "then transactions per year" in title
    missing = next(df.value for df in at.dataframe if "Key metrics missing" in df.value.columns)
    assert missing["Details"].str.startswith("catalogue?service=").all()
    assert "Code" not in missing


def test_availability_in_welsh(open_page) -> None:  # type: ignore[no-untyped-def]
    at = open_page("pages/availability.py", lang="cy")
    assert at.title[0].value == "Argaeledd data"
    assert {h.value for h in at.header} >= {
        "Yn ôl sefydliad",
        "Gwasanaethau heb ffigurau allweddol",
    }
    assert at.info[0].value.startswith("**Ffigurau cost")
    charts = _charts(at)
    title = charts["by_metric_chart"]["layout"]["title"]["text"]
    assert title.startswith("Cost fesul trafodiad yw'r anoddaf i'w gael")
    assert charts["by_metric_chart"]["data"][0]["name"] == "Wedi'i ddarparu"
    assert charts["by_metric_chart"]["data"][0]["y"][0] == "Defnyddwyr y flwyddyn"
    assert charts["by_sector_chart"]["data"][0]["y"][0] == "Llywodraeth ganolog"
    missing = next(df.value for df in at.dataframe if "Manylion" in df.value.columns)
    assert "Metrigau allweddol ar goll" in missing.columns
    assert missing["Manylion"].str.endswith("&lang=cy").all()
    assert "Ddim ar gael: system a rennir" in set(missing["Trafodion y flwyddyn"])
    english = _translated_english()
    assert not [text for text in _texts(at) if text in english]


def test_themes_drill_from_a_standard_and_the_gaps_explained(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_page("pages/themes.py")
    framework = load_framework(demo_engine)
    members, themes = load_memberships(demo_engine), load_themes(demo_engine)
    services = load_services(demo_engine)
    # the drill opens on the standard most at risk
    risk = themes_tables.standards_at_risk(
        services, members.themes, framework.standards, framework.theme_standards
    )
    most = f"standard:{risk['_id'].iloc[0]}"
    assert at.selectbox(key="themes_framework_drill").value == most
    at.selectbox(key="themes_framework_drill").set_value("dimension:user_driven").run()
    assert not at.exception
    table = next(df.value for df in at.dataframe if "Linked themes reported" in df.value.columns)
    expected = themes_tables.drill_framework(
        services, members.themes, themes, framework, "dimension:user_driven", "challenge"
    )
    assert table["Service"].tolist() == expected["Service"].tolist()
    assert table["Details"].str.startswith("catalogue?service=").all()
    captions = [c.value for c in at.caption]
    # a standard and a dimension no theme is linked to are explained, not left as empty bars
    assert any("No theme in the framework is linked to 9. Work in the open" in c for c in captions)
    assert any("linked to Open by default" in c for c in captions)
    assessed = themes_tables.services_assessed(services, load_assessments(demo_engine))
    assert any(
        c.startswith(f"{assessed:,} of {len(services):,} matching services have assessed")
        for c in captions
    )


def test_themes_follow_the_sidebar_filter(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_page("pages/themes.py")
    at.multiselect(key="f_sectors").select("health").run()
    assert not at.exception
    health = _matching(demo_engine, Filter(sectors=("health",)))
    members, themes = load_memberships(demo_engine), load_themes(demo_engine)
    expected = themes_tables.theme_table(health, members.themes, themes, "challenge")
    assert _charts(at)["themes_chart"]["data"][0]["x"] == expected["High"].tolist()


def test_themes_in_welsh(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_page("pages/themes.py", lang="cy")
    assert at.title[0].value == "Heriau, nodau a safonau"
    headers = {h.value for h in at.header}
    assert {
        "Safonau a dimensiynau'r OECD sydd mewn perygl",
        "Hunanasesiad yn erbyn y safonau",
    } <= headers
    themes = load_themes(demo_engine)
    welsh_names = set(themes["name_cy"].dropna())
    charts = _charts(at)
    assert set(charts["themes_chart"]["data"][0]["y"]) <= welsh_names
    assert charts["themes_chart"]["data"][0]["name"] == "Uchel"
    framework = load_framework(demo_engine)
    welsh_standards = {
        f"{i}. {n}"
        for i, n in zip(framework.standards["id"], framework.standards["name_cy"], strict=True)
    }
    assert set(charts["standards_chart"]["data"][0]["y"]) == welsh_standards
    assert set(charts["dimensions_chart"]["data"][0]["y"]) == set(framework.dimensions["name_cy"])
    assert charts["standards_chart"]["layout"]["title"]["text"].startswith("Mewn mwyaf o berygl")
    drill = next(df.value for df in at.dataframe if "Difrifoldeb" in df.value.columns)
    assert set(drill["Difrifoldeb"]) <= {"Uchel", "Canolig", "Isel", "Heb ei raddio"}
    links = next(m.value for m in at.markdown if "Dimensiynau'r OECD" in m.value)
    assert "Safonau Gwasanaeth Digidol i Gymru" in links
    english = _translated_english()
    assert not [text for text in _texts(at) if text in english]


def test_a_long_service_table_shows_its_first_rows_and_says_so() -> None:
    def script() -> None:
        import pandas as pd

        from dashboard.common.i18n import using
        from dashboard.ui.service_table import service_table

        table = pd.DataFrame(
            {"Code": ["a", "b", "c"], "Service": ["Alpha", "Bravo", "Charlie"], "Sector": "Health"}
        )
        service_table(table, "Three", key="three", filter_summary=[], source="", shown=2)
        with using("cy"):
            service_table(table, "Tri", key="tri", filter_summary=[], source="", shown=2)

    at = AppTest.from_function(script).run()
    assert not at.exception
    english, welsh = at.dataframe[0].value, at.dataframe[1].value
    assert english["Service"].tolist() == ["Alpha", "Bravo"]
    assert english["Details"].tolist() == ["catalogue?service=a", "catalogue?service=b"]
    assert (
        at.caption[0].value == "The first 2 of 3 services are listed; the download holds them all."
    )
    assert list(welsh.columns) == ["Gwasanaeth", "Manylion", "Sector"]
    assert welsh["Manylion"].iloc[0] == "catalogue?service=a&lang=cy"
    assert at.caption[1].value.startswith("Dangosir y 2 cyntaf o 3 gwasanaeth")


def test_every_insight_page_says_it_counts_services_not_journeys(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    health = _matching(demo_engine, Filter(sectors=("health",)))
    journeys, holders = int(health["journeys"].sum()), int((health["journeys"] > 0).sum())
    assert journeys > len(health)  # health fans out: more journeys than services
    expected = (
        "Figures here count each service once, never once per journey: "
        f"{holders:,} of the matching services hold {journeys:,} journeys between them"
    )
    for page in ("pages/availability.py", "pages/themes.py", "pages/prioritise.py"):
        at = open_page(page, sector="health")
        assert any(c.value.startswith(expected) for c in at.caption), page
    at = open_page("pages/themes.py", sector="health", lang="cy")
    assert any(
        c.value.startswith(
            "Mae'r ffigurau yma'n cyfrif pob gwasanaeth unwaith, byth unwaith am bob taith: "
            f"rhwng {holders:,} o'r gwasanaethau sy'n cyfateb mae {journeys:,} taith"
        )
        for c in at.caption
    )


def _catalogue_count(open_page, query_string: str) -> int:  # type: ignore[no-untyped-def]
    """Follow a link to the catalogue and read how many services it shows."""
    from urllib.parse import parse_qs

    at = open_page("pages/catalogue.py", **parse_qs(query_string))
    counted = next(m.value for m in at.markdown if m.value.startswith("**") and " of " in m.value)
    return int(counted.strip("*").split(" of ")[0].replace(",", ""))


def _drill_link(at: AppTest):  # type: ignore[no-untyped-def]
    return next(link.proto for link in at.get("page_link") if link.proto.page == "catalogue")


def test_the_drill_link_opens_exactly_the_services_it_counts(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    services, members = load_services(demo_engine), load_memberships(demo_engine)
    both = ("legacy_systems_lock_in", "recruiting_developers")

    def count(flt: Filter) -> int:
        return int(match(services, members, flt).sum())

    # the filter already holds the chosen challenge (and another): the link keeps only it
    at = open_page("pages/themes.py", sector="health", challenge=list(both))
    at.selectbox(key="themes_drill").set_value("recruiting_developers").run()
    assert not at.exception
    table = next(df.value for df in at.dataframe if "Severity" in df.value.columns)
    link = _drill_link(at)
    listed = len(table)
    assert count(Filter(sectors=("health",), challenges=both)) > listed  # "any of" opens more
    assert f"({listed:,})" in link.label
    assert link.query_string == "sector=health&challenge=recruiting_developers"
    assert _catalogue_count(open_page, link.query_string) == listed

    # the filter holds another challenge only: the catalogue cannot say "this one and that
    # one", so the link opens the services reporting this one, and counts those
    at = open_page("pages/themes.py", sector="health", challenge="legacy_systems_lock_in")
    at.selectbox(key="themes_drill").set_value("recruiting_developers").run()
    assert not at.exception
    link = _drill_link(at)
    opened = count(Filter(sectors=("health",), challenges=("recruiting_developers",)))
    assert link.label == f"Open every service reporting it in the catalogue ({opened:,})"
    assert _catalogue_count(open_page, link.query_string) == opened
    assert any("cannot open only these" in c.value for c in at.caption)


def test_availability_of_one_metric_by_sector_and_organisation(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_page("pages/availability.py")
    services, metrics = load_services(demo_engine), load_metric_answers(demo_engine)
    view = availability.build(services, metrics)
    # the metric chosen first is the hardest to get: cost per transaction on the demo data
    assert at.selectbox(key="availability_metric").value == "cost_per_transaction"

    def check(metric: str, name: str) -> None:
        sectors = availability.metric_by_sector(view.sector_categories, metric)
        answered = sectors[sectors["Services answering"] > 0]
        chart = _charts(at)["metric_by_sector_chart"]
        assert [trace["name"] for trace in chart["data"]] == list(answers.CATEGORIES)
        for trace in chart["data"]:  # every category drawn, sector by sector
            assert trace["x"] == answered[trace["name"]].tolist()
        title = chart["layout"]["title"]["text"].replace("<br>", " ")
        assert title == availability.sector_finding(sectors, name)
        organisations = availability.metric_by_organisation(
            view.organisation_categories, view.organisations, metric
        )
        shown_table = next(
            df.value
            for df in at.dataframe
            if "Not available: shared contract" in df.value
            and df.value.index.name == "Organisation"
        )
        assert list(shown_table.index) == list(organisations.index)
        for column in ("Services answering", *answers.CATEGORIES):
            assert shown_table[column].tolist() == organisations[column].round(2).tolist()

    check("cost_per_transaction", "Cost per transaction")
    at.selectbox(key="availability_metric").set_value("users_per_year").run()
    assert not at.exception
    check("users_per_year", "Users per year")
    assert {s.value for s in at.subheader} >= {"Users per year by organisation"}


def test_availability_leads_with_main_points_for_the_filter(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    from dashboard.availability.main_points import main_points
    from dashboard.common.markdown_text import plain

    at = open_page("pages/availability.py", sector="health")
    assert at.header[0].value == "Main points"
    health = _matching(demo_engine, Filter(sectors=("health",)))
    expected = main_points(availability.build(health, load_metric_answers(demo_engine)))
    assert 3 <= len(expected) <= 5
    assert at.markdown[0].value == "\n".join(f"- {plain(point)}" for point in expected)


def test_challenges_and_aims_lead_with_main_points(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_page("pages/themes.py", sector="health")
    assert at.header[0].value == "Main points"
    health = _matching(demo_engine, Filter(sectors=("health",)))
    reporting = load_memberships(demo_engine).themes
    challenged = reporting[
        (reporting["kind"].astype(str) == "challenge") & reporting["service_id"].isin(health.index)
    ]["service_id"].nunique()
    points = at.markdown[0].value.replace("\\", "")
    assert points.startswith(
        f"- {challenged:,} of {len(health):,} matching services reported at least one challenge"
    )
    assert "About these figures" in [e.label for e in at.expander]
