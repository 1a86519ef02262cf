"""The Overview page, run through Streamlit's AppTest against real stores."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.common.queries import (
    dataset_info,
    load_metric_answers,
    load_services,
    load_survey_progress,
)
from dashboard.overview.headline import headline
from dashboard.ui.filter_panel import MORE_KEY
from db import migrate
from tests.app_downloads import Downloads, record_downloads
from tests.on_demand import on_demand_keys, open_expanders
from tests.welsh_pages import leaked_english, shown

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def _run(timeout: float = 30, **query: str | list[str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> Downloads:
    return record_downloads(monkeypatch)


def _most_reported_challenge(engine, sector: str) -> str:  # type: ignore[no-untyped-def]
    """A challenge theme some, but not all, of the sector's services report."""
    from dashboard.common.queries import load_memberships

    services, members = load_services(engine), load_memberships(engine)
    in_sector = services.index[services["sector"] == sector]
    themes = members.themes
    reported = themes[(themes["kind"] == "challenge") & themes["service_id"].isin(in_sector)]
    return str(reported["theme"].astype(str).value_counts().index[0])


def test_overview_shows_the_headline_figures_of_the_store(use_database, demo_db_url, demo_engine):  # type: ignore[no-untyped-def]
    use_database(demo_db_url)
    at = _run()
    assert not at.exception
    expected = headline(
        load_services(demo_engine),
        load_metric_answers(demo_engine),
        load_survey_progress(demo_engine),
    )
    assert at.title[0].value == "Digital public services in Wales"
    assert _metric(at, "Services") == f"{expected.services:,}"
    assert _metric(at, "Organisations") == f"{expected.organisations:,}"
    assert _metric(at, "Deep dives surveyed") == f"{expected.deep_dives_surveyed} of 15"
    assert _metric(at, "Digital end to end") == f"{expected.share_end_to_end:.0%}"
    assert _metric(at, "Metrics with a figure") == f"{expected.share_metrics_with_value:.0%}"


def test_demo_data_is_announced_as_illustrative(use_database, demo_db_url):  # type: ignore[no-untyped-def]
    use_database(demo_db_url)
    at = _run()
    notices = " ".join(w.value for w in at.warning)
    assert "Illustrative data" in notices
    assert "invented" in notices


def test_real_data_carries_no_demo_notice(use_database, sqlite_store, tmp_path):  # type: ignore[no-untyped-def]
    from db.dataset import stamp_dataset
    from db.engine import write_session

    with write_session(sqlite_store) as session:
        stamp_dataset(session, "real", "Imported catalogue")
    use_database(str(sqlite_store.url))
    at = _run()
    assert not at.exception
    assert not any("Illustrative data" in w.value for w in at.warning)
    assert _metric(at, "Services") == "0"


def test_unreachable_store_gives_a_message_not_a_traceback(use_database):  # type: ignore[no-untyped-def]
    use_database("postgresql://nobody@127.0.0.1:9/nowhere")
    at = _run()
    assert not at.exception
    message = at.error[0].value
    assert "cannot be reached" in message
    assert "DATABASE_URL" in message


def test_outdated_schema_says_what_to_run(use_database, tmp_path):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    migrate.upgrade(url, "0001")
    use_database(url)
    at = _run()
    assert not at.exception
    assert "landscape db upgrade" in at.error[0].value


def test_headline_figures_follow_the_shared_filter(use_database, demo_db_url, demo_engine):  # type: ignore[no-untyped-def]
    from dashboard.common.filters import Filter, match
    from dashboard.common.queries import load_memberships

    use_database(demo_db_url)
    at = _run(sector="health")
    services = load_services(demo_engine)
    health = services[match(services, load_memberships(demo_engine), Filter(sectors=("health",)))]
    expected = headline(health, load_metric_answers(demo_engine), load_survey_progress(demo_engine))
    assert _metric(at, "Services") == f"{expected.services:,}"
    assert expected.services < len(services)
    assert _metric(at, "Deep dives surveyed").endswith(f"of {expected.deep_dives_planned}")
    assert [shown(b.label) for b in at.button if b.key.startswith("overview_chip_")] == [
        "Sector: Health",
        "Clear all",
    ]


def _charts(at: AppTest) -> dict[str, dict]:  # type: ignore[type-arg]
    import json

    return {
        chart.proto.id.rsplit("-", 1)[1]: json.loads(chart.proto.spec)
        for chart in at.get("plotly_chart")
    }


def test_charts_draw_the_filtered_catalogue(use_database, demo_db_url, demo_engine):  # type: ignore[no-untyped-def]
    from dashboard.common.filters import Filter, match
    from dashboard.common.queries import load_memberships, load_themes
    from dashboard.overview import tables as overview_tables

    use_database(demo_db_url)
    at = _run(sector="health")
    services = load_services(demo_engine)
    memberships = load_memberships(demo_engine)
    health = services[match(services, memberships, Filter(sectors=("health",)))]
    charts = _charts(at)
    assert set(charts) == {
        "overview_trend_chart",
        "levels_chart",
        "challenge_chart",
        "opportunity_chart",
        "surveys_chart",
    }
    # every health service with a level recorded is drawn once in the sector x level bars,
    # nothing else (a level not recorded is in no bar)
    levels = charts["levels_chart"]
    known = int(health["digitisation_level"].notna().sum())
    assert 0 < known < len(health)
    assert sum(sum(trace["x"]) for trace in levels["data"]) == known
    assert levels["layout"]["title"]["text"] == overview_tables.level_finding(
        overview_tables.sector_by_level(health)
    )
    # the challenge chart draws the same table its expander shows
    expected = overview_tables.theme_counts(
        health, memberships.themes, load_themes(demo_engine), "challenge"
    )
    drawn = {trace["name"]: trace["x"] for trace in charts["challenge_chart"]["data"]}
    assert drawn["High"] == expected["High"].tolist()
    assert charts["challenge_chart"]["data"][0]["y"] == expected["Theme"].tolist()
    open_expanders(at, "challenge_data")
    shown = next(df.value for df in at.dataframe if "High" in df.value.columns)
    assert shown["Theme"].tolist() == expected["Theme"].tolist()
    # survey progress counts only health deep dives
    surveys = charts["surveys_chart"]
    assert sum(surveys["data"][0]["x"]) + sum(surveys["data"][1]["x"]) + sum(
        surveys["data"][2]["x"]
    ) == 2 * int(health["is_deep_dive"].sum())


def test_every_chart_offers_png_and_its_data(use_database, demo_db_url):  # type: ignore[no-untyped-def]
    use_database(demo_db_url)
    at = _run()
    assert not at.exception
    labels = [e.label for e in at.expander]
    for name in (
        "Services by sector and digitisation level",
        "Top challenges",
        "Top aims and opportunities",
        "Deep-dive survey progress",
        "Headline medians by year",
    ):
        assert f"Data behind this chart: {name}" in labels

    def buttons() -> set[str]:
        return {d.proto.id.rsplit("-", 1)[1] for d in at.get("download_button")}

    # closed, the data panels send nothing but their label: the PNG buttons stay
    panels = [key for key in on_demand_keys(at) if key != MORE_KEY]  # the filter's own
    assert {"levels_data", "challenge_data", "surveys_services_data"} <= set(panels)
    closed_tables = len(at.dataframe)
    assert {"levels_png", "challenge_png", "opportunity_png", "surveys_png"} <= buttons()
    assert not {"levels_csv", "challenge_xlsx", "surveys_services_csv"} & buttons()
    # opened, each brings its table and files, and stays open on the next run
    open_expanders(at, *panels)
    at.run()
    assert len(at.dataframe) == closed_tables + len(panels)
    for key in ("levels", "challenge", "opportunity", "surveys", "overview_trend"):
        assert {f"{key}_png", f"{key}_csv", f"{key}_xlsx"} <= buttons()
    assert {"surveys_services_csv", "surveys_services_xlsx"} <= buttons()


def test_removing_a_chip_widens_the_view(use_database, demo_db_url):  # type: ignore[no-untyped-def]
    use_database(demo_db_url)
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["sector"] = ["health", "third_sector"]
    at.query_params["deep"] = "1"
    at.run()
    both = int(_metric(at, "Services"))
    chip = next(b for b in at.button if shown(b.label) == "Sector: Health")
    chip.click().run()
    assert not at.exception
    assert at.query_params["sector"] in (["third_sector"], "third_sector")
    assert at.query_params["deep"] in (["1"], "1")
    assert int(_metric(at, "Services")) < both
    at.button(key="overview_chip_reset").click().run()
    assert "sector" not in at.query_params and "deep" not in at.query_params
    assert int(_metric(at, "Services").replace(",", "")) > both


def test_a_filter_with_no_match_explains_itself_and_draws_nothing(use_database, demo_db_url):  # type: ignore[no-untyped-def]
    use_database(demo_db_url)
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["q"] = "no service is called this"
    at.run()
    assert not at.exception
    assert _metric(at, "Services") == "0"
    assert 'No service matches “Search: "no service is called this"”' in shown(at.info[0].value)
    assert not at.get("plotly_chart")


def test_sector_chart_switches_to_shares_within_each_sector(use_database, demo_db_url):  # type: ignore[no-untyped-def]
    use_database(demo_db_url)
    at = _run()
    counts = _charts(at)["levels_chart"]
    assert max(max(trace["x"]) for trace in counts["data"]) > 1
    at.segmented_control(key="levels_mode").set_value("shares").run()
    assert not at.exception
    shares = _charts(at)["levels_chart"]
    assert shares["layout"]["xaxis"]["tickformat"] == ".0%"
    per_sector = [sum(values) for values in zip(*(t["x"] for t in shares["data"]), strict=True)]
    assert all(abs(total - 1) < 0.01 for total in per_sector if total)
    open_expanders(at, "levels_data")
    table = next(df.value for df in at.dataframe if "Sector" in df.value.columns)
    # shares are of the services whose level is known; the others are counted beside them
    assert "Services" in table.columns and table["Services"].sum() == 393
    assert table["Level not recorded"].sum() == 9
    assert "Digitisation level known for 393 of 402 services" in str(
        shares["layout"]["title"]
    ).replace("<br>", " ")


def test_journeys_are_reported_but_services_count_once(use_database, demo_db_url, demo_engine):  # type: ignore[no-untyped-def]
    use_database(demo_db_url)
    at = _run()
    with demo_engine.connect() as connection:
        journeys, holders = connection.exec_driver_sql(
            "SELECT COUNT(*), COUNT(DISTINCT service_id) FROM journey"
        ).one()
        services = connection.exec_driver_sql("SELECT COUNT(*) FROM service").scalar()
    assert journeys > services  # the fan-out: more journeys than services
    assert _metric(at, "Services") == f"{services:,}"  # ...but services are counted once
    caption = next(c.value for c in at.caption if "separate journeys" in c.value)
    assert f"{holders:,} of these services hold {journeys:,} separate journeys" in caption


def test_an_empty_result_names_the_part_of_the_filter_to_remove(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    from dashboard.common.filters import Filter, match
    from dashboard.common.queries import load_memberships

    # noise complaints are council services: no health service matches the search
    at = open_app(sector="health", q="swn")
    assert _metric(at, "Services") == "0"
    message = shown(at.info[0].value)
    services, members = load_services(demo_engine), load_memberships(demo_engine)
    without_sector = int(match(services, members, Filter(text="swn")).sum())
    assert without_sector > 0
    assert f"without “Sector: Health”: {without_sector} services" in message
    # taking out the search alone brings back every health service
    health = int(match(services, members, Filter(sectors=("health",))).sum())
    assert f"{health} services" in message.split("Search")[1]
    assert not at.get("plotly_chart")


def test_a_filter_change_does_not_go_back_to_the_database(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    """Data loads are shared and cached: a new filter asks the store only for its version."""
    from sqlalchemy import event

    from dashboard.common.filters import Filter
    from dashboard.ui import store

    at = open_app()
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    engine = store.engine()
    event.listen(engine, "before_cursor_execute", record)
    try:
        at.multiselect(key="f_sectors").select("health").run()
        at.select_slider(key="f_levels").set_range(1, 3).run()
        at.text_input(key="f_text").input("appointment").run()
        at.segmented_control(key="levels_mode").set_value("shares").run()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert not at.exception
    expected = Filter(sectors=("health",), level_min=1, level_max=3, text="appointment")
    assert int(_metric(at, "Services")) == _count(demo_engine, expected) > 0
    loads = [
        s
        for s in statements
        if any(table in s for table in ("FROM service", "metric_answer", "service_theme"))
    ]
    assert loads == [], loads
    # what does run on each rerun is the schema and version check, nothing more
    checks = ("BEGIN", "PRAGMA", "alembic_version", "data_version", "survey_version", "ROLLBACK")
    assert statements and all(
        s.startswith(checks) or any(c in s for c in checks[2:]) for s in statements
    ), sorted(set(statements))


def test_overview_in_welsh(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_app(lang="cy", sector="health")
    assert at.title[0].value == "Gwasanaethau cyhoeddus digidol yng Nghymru"
    labels = [m.label for m in at.metric]
    assert labels[:5] == [
        "Gwasanaethau",
        "Sefydliadau",
        "Archwiliadau manwl wedi'u harolygu",
        "Digidol o'r dechrau i'r diwedd",
        "Metrigau â ffigur",
    ]
    # each median says, in Welsh, how many services stand behind it
    for label, name in zip(
        labels[5:],
        (
            "Defnydd digidol (canolrif)",
            "Cyfradd cwblhau (canolrif)",
            "Boddhad defnyddwyr (canolrif)",
            "Cost fesul trafodiad (canolrif)",
        ),
        strict=True,
    ):
        assert re.fullmatch(re.escape(name) + r"(, [\d,]+ gwasanaeth)?", label), label
    assert re.fullmatch(r"\d+ o \d+", at.metric[2].value)
    charts = _charts(at)
    levels = charts["levels_chart"]
    assert "gwasanaeth yn ddigidol o'r dechrau i'r diwedd" in levels["layout"]["title"]["text"]
    assert levels["layout"]["xaxis"]["title"]["text"] == "Gwasanaethau"
    assert {trace["name"] for trace in levels["data"]} >= {
        "0 Dim yn ddigidol",
        "2 Rhannol ddigidol",
    }
    assert {row for trace in levels["data"] for row in trace["y"]} == {"Iechyd"}
    challenge = charts["challenge_chart"]
    assert challenge["layout"]["title"]["text"].startswith("Yr her a nodwyd amlaf")
    assert [trace["name"] for trace in challenge["data"]] == ["Uchel", "Canolig", "Isel"]
    assert "Sector: %{y}" not in challenge["data"][0]["hovertemplate"]
    open_expanders(at)
    table = next(df.value for df in at.dataframe if "Thema" in df.value.columns)
    assert list(table.columns) == [
        "Thema",
        "Categori",
        "Uchel",
        "Canolig",
        "Isel",
        "Gwasanaethau",
        "Cyfran",
    ]
    deep = next(df.value for df in at.dataframe if "Gwasanaeth" in df.value.columns)
    assert set(deep["Sector"]) == {"Iechyd"}
    # organisation names are shown in Welsh
    assert deep["Sefydliad"].str.startswith("Bwrdd Iechyd").any()
    assert leaked_english(at) == []


def test_download_buttons_and_file_names_follow_the_language(open_app) -> None:  # type: ignore[no-untyped-def]
    at = open_expanders(open_app(lang="cy"), "levels_data")
    buttons = {d.proto.id.rsplit("-", 1)[1]: d.proto for d in at.get("download_button")}
    assert buttons["levels_csv"].label == "Lawrlwytho CSV"
    assert buttons["levels_xlsx"].label == "Lawrlwytho XLSX"
    assert buttons["levels_png"].label == "Lawrlwytho PNG"


def _count(engine, flt) -> int:  # type: ignore[no-untyped-def]
    from dashboard.common.filters import match
    from dashboard.common.queries import load_memberships

    return int(match(load_services(engine), load_memberships(engine), flt).sum())


def test_sector_and_challenge_widgets_set_the_headline_figures(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    from dashboard.common.filters import Filter, match
    from dashboard.common.queries import load_memberships

    services = load_services(demo_engine)
    total = len(services)
    challenge = _most_reported_challenge(demo_engine, "health")
    at = open_app()
    assert _metric(at, "Services") == f"{total:,}"

    at.multiselect(key="f_sectors").select("health").run()
    assert not at.exception
    health = _count(demo_engine, Filter(sectors=("health",)))
    assert 0 < health < total
    assert _metric(at, "Services") == f"{health:,}"

    at.multiselect(key="f_challenges").select(challenge).run()
    assert not at.exception
    flt = Filter(sectors=("health",), challenges=(challenge,))
    both = services[match(services, load_memberships(demo_engine), flt)]
    assert 0 < len(both) < health
    assert _metric(at, "Services") == f"{len(both):,}"
    assert _metric(at, "Organisations") == f"{both['organisation_code'].nunique():,}"
    # the URL follows the widgets, so the view can be shared
    assert at.query_params["sector"] in ("health", ["health"])
    assert at.query_params["challenge"] in (challenge, [challenge])


def test_survey_progress_of_all_services_downloads_what_it_shows(  # type: ignore[no-untyped-def]
    open_app, demo_engine, downloads
) -> None:
    at = open_app(sector="health")
    shown_table = next(df.value for df in at.dataframe if "Sections done (in progress)" in df.value)
    assert len(shown_table) == 2  # the generalist and the technology survey
    source = dataset_info(demo_engine).source_line
    today = f"Downloaded: {datetime.now(UTC):%Y-%m-%d} "
    header = ["Survey progress across all services", "Filter: Sector: Health"]

    name, _ = downloads.file(at, "survey_progress_all_csv")
    assert re.fullmatch(r"survey-progress-across-all-services-\d{8}\.csv", name)
    rows = downloads.csv_rows(at, "survey_progress_all_csv")
    assert [row[0] for row in rows[:2]] == header
    assert rows[2][0].startswith(today)
    assert rows[3] == [source]
    assert rows[4] == []
    assert rows[5] == list(shown_table.columns)
    assert rows[6:] == shown_table.astype(str).values.tolist()

    name, _ = downloads.file(at, "survey_progress_all_xlsx")
    assert name.endswith(".xlsx")
    cells = downloads.xlsx_rows(at, "survey_progress_all_xlsx")
    assert [row[0] for row in cells[:2]] == header
    assert str(cells[2][0]).startswith(today)
    assert cells[3][0] == source
    assert list(cells[5]) == list(shown_table.columns)
    assert [list(row) for row in cells[6:]] == shown_table.astype(str).values.tolist()


def test_the_page_leads_with_main_points_that_follow_the_filter(
    use_database, demo_db_url, demo_engine
):  # type: ignore[no-untyped-def]
    from dashboard.common.filters import Filter, match
    from dashboard.common.queries import load_memberships

    use_database(demo_db_url)
    at = _run(sector="health")
    assert at.header[0].value == "Main points"
    services = load_services(demo_engine)
    health = services[match(services, load_memberships(demo_engine), Filter(sectors=("health",)))]
    figures = headline(health, load_metric_answers(demo_engine), load_survey_progress(demo_engine))
    # escaped as Markdown source (names come from the data); as read, without the escapes
    points = next(m.value for m in at.markdown if m.value.startswith("- ")).replace("\\", "")
    assert points.startswith(
        f"- {figures.services:,} services from {figures.organisations:,} organisations match "
        "this view."
    )
    assert 3 <= points.count("\n- ") + 1 <= 5
    # the main points come before the headline figures' caveats, which sit in an expander
    assert "About these figures" in [e.label for e in at.expander]


def test_overview_shows_each_headline_metric_change_since_the_previous_year(  # type: ignore[no-untyped-def]
    use_database, demo_db_url, demo_engine
):
    """The take-up tile gives the median over the services in both years and its change in
    words, as the core works it out, and says how many services it counts; in Welsh too."""
    from dashboard.common.i18n import using
    from dashboard.common.queries import load_metric_answers_of_every_period
    from dashboard.overview.change import (
        change_words,
        figure_changes,
        figure_value,
        period_values,
    )

    values = period_values(
        load_metric_answers_of_every_period(demo_engine), load_services(demo_engine).index
    )
    take_up = next(c for c in figure_changes(values) if c.metric == "digital_take_up")
    assert (take_up.previous, take_up.latest) == ("2023-24", "2024-25")
    assert take_up.both > 20 and take_up.change is not None and take_up.change > 0
    use_database(demo_db_url)
    at = _run()
    tile = next(m for m in at.metric if m.label.startswith("Digital take-up (median)"))
    # the services behind the median are on the tile itself, not only in its help
    assert tile.label == f"Digital take-up (median), {take_up.both:,} services"
    assert tile.value == figure_value("digital_take_up", take_up.now)
    with using("en"):
        words = change_words(take_up)
    assert words.startswith("up ") and words.endswith(" since 2023-24")
    assert tile.delta.replace("\\", "") == words
    assert f"{take_up.both} services reported in both 2023" in tile.proto.help.replace("\\", "")
    welsh = _run(lang="cy")
    tile = next(m for m in welsh.metric if m.label.startswith("Defnydd digidol (canolrif)"))
    assert tile.label.endswith(f"{take_up.both:,} gwasanaeth")
    assert tile.delta.replace("\\", "").startswith("i fyny ")
    # a filter narrows the services compared: the count follows it
    sector = _run(sector="health")
    tile = next(m for m in sector.metric if m.label.startswith("Digital take-up (median)"))
    assert f"{take_up.both} services" not in tile.proto.help.replace("\\", "")
    assert f"{take_up.both:,} services" not in tile.label


def test_the_medians_by_year_are_drawn_from_the_services_in_every_year(  # type: ignore[no-untyped-def]
    use_database, demo_db_url, demo_engine
):
    """Under the tiles, each headline metric's line is the median per year over the services
    that reported in every year, as the core works it out, each panel naming its services,
    with the table and files of exactly what is drawn; in Welsh too."""
    from dashboard.common.queries import load_metric_answers_of_every_period
    from dashboard.overview.change import figure_changes, period_values

    values = period_values(
        load_metric_answers_of_every_period(demo_engine), load_services(demo_engine).index
    )
    take_up = next(c for c in figure_changes(values) if c.metric == "digital_take_up")
    assert take_up.trend_periods == ("2022-23", "2023-24", "2024-25")
    use_database(demo_db_url)
    at = _run()
    trend = _charts(at)["overview_trend_chart"]
    lines = {trace["name"]: trace for trace in trend["data"]}
    drawn = lines["Digital take-up (median)"]
    assert drawn["x"] == list(take_up.trend_periods)
    assert drawn["y"] == pytest.approx(list(take_up.trend))
    names = [note["text"] for note in trend["layout"]["annotations"]]
    assert f"Digital take-up (median)<br>{take_up.trend_services:,} services" in names
    assert trend["layout"]["title"]["text"] == "Medians by year, 2022-23 to 2024-25"
    open_expanders(at, "overview_trend_data")
    table = next(df.value for df in at.dataframe if "Median" in df.value.columns)
    rows = table[table["Figure"] == "Digital take-up (median)"]
    assert rows["Year"].tolist() == list(take_up.trend_periods)
    assert set(rows["Services that reported in every year"]) == {take_up.trend_services}
    buttons = {d.proto.id.rsplit("-", 1)[1] for d in at.get("download_button")}
    assert {"overview_trend_png", "overview_trend_csv", "overview_trend_xlsx"} <= buttons
    # the tile's help says where the line is, in words
    tile = next(m for m in at.metric if m.label.startswith("Digital take-up (median)"))
    assert "Medians by year draws the median in each year from 2022-23 to 2024-25" in (
        tile.proto.help.replace("\\", "")
    )
    # a filter narrows the services behind each line
    health = _charts(_run(sector="health"))["overview_trend_chart"]
    assert f"{take_up.trend_services:,} services" not in " ".join(
        note["text"] for note in health["layout"]["annotations"]
    )
    welsh = _charts(_run(lang="cy"))["overview_trend_chart"]
    assert welsh["layout"]["title"]["text"] == "Canolrifau fesul blwyddyn, 2022-23 i 2024-25"
