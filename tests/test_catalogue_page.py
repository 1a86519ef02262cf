"""The shared filter and the Service catalogue page, driven through real widgets with AppTest."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.common.filters import Filter, match
from dashboard.common.markdown_text import plain
from dashboard.common.queries import dataset_info, load_memberships, load_services
from tests.app_downloads import Downloads, record_downloads
from tests.on_demand import open_expanders
from tests.welsh_pages import leaked_english, shown

CATALOGUE = "pages/catalogue.py"


@pytest.fixture
def demo_app(open_app):  # type: ignore[no-untyped-def]
    return lambda query=None: open_app(CATALOGUE, **(query or {}))


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> Downloads:
    return record_downloads(monkeypatch)


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


def test_a_search_with_a_comma_in_a_link_is_kept_whole(demo_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    """A link's search once lost everything after its first comma, and the URL with it."""
    at = demo_app({"q": ["school, transport"]})
    n = expected_count(demo_engine, Filter(text="school, transport"))
    assert 0 < n < expected_count(demo_engine, Filter(text="school"))
    assert at.text_input(key="f_text").value == "school, transport"
    assert summary(at).startswith(f"**{n:,} of")
    assert len(at.dataframe[0].value) == n
    # the URL is written back whole, on this run and the next
    assert at.query_params["q"] in ("school, transport", ["school, transport"])
    at.run()
    assert at.query_params["q"] in ("school, transport", ["school, transport"])
    assert at.text_input(key="f_text").value == "school, transport"


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
    from dashboard.catalogue.detail import load_service_detail

    code = _deep_fan_out_code(demo_engine)
    detail = load_service_detail(demo_engine, code)
    at = demo_app({"service": code})
    assert at.title[0].value == plain(detail.service["name_en"])
    # more journeys than are shown open: the list is built once its expander is opened
    assert not any("Journey" in d.value.columns for d in at.dataframe)
    open_expanders(at, f"service_journeys_{detail.service['id']}")
    journeys = next(m.value for m in at.metric if m.label == "Journeys")
    assert journeys == f"{detail.journey_count:,}" and detail.journey_count >= 24
    metrics = next(d.value for d in at.dataframe if "Availability" in d.value.columns)
    assert len(metrics) == 6
    assert (metrics["Availability"] != "").all()  # every metric says whether and why
    assert any("Figures elsewhere count this service once" in c.value for c in at.caption)
    # every journey is listed, not the first few, and every metric says where it came from
    journeys = next(d.value for d in at.dataframe if "Journey" in d.value.columns)
    assert len(journeys) == detail.journey_count
    assert list(metrics.columns)[:5] == ["Metric", "Figure", "Availability", "Period", "Source"]
    assert set(metrics["Source"]) <= {"Catalogue", "Owner's survey", "Imported", ""}
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
    for table in ("metrics", "challenges", "aims", "surveys", "standards", "journeys"):
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


def test_a_url_changed_from_outside_wins_over_the_widgets(
    demo_app, demo_engine, history_run
) -> None:  # type: ignore[no-untyped-def]
    """The back button changes the URL without touching the widgets."""
    at = demo_app({"sector": "health"})
    at.text_input(key="f_text").input("appointment").run()
    assert at.query_params["q"] in ("appointment", ["appointment"])
    # what the browser does on "back": the earlier URL returns, the session is the same
    del at.query_params["q"]
    history_run(at)
    assert at.text_input(key="f_text").value == ""
    assert at.multiselect(key="f_sectors").value == ["health"]
    n = expected_count(demo_engine, Filter(sectors=("health",)))
    assert summary(at).startswith(f"**{n:,} of")
    # and a widget change afterwards is still written to the URL
    at.multiselect(key="f_sectors").select("third_sector").run()
    assert sorted(at.query_params["sector"]) == ["health", "third_sector"]


def test_key_figures_come_first_and_the_code_last(demo_app) -> None:  # type: ignore[no-untyped-def]
    table = demo_app().dataframe[0].value
    assert list(table.columns[:6]) == [
        "Service",
        "Organisation",
        "Digitisation level",
        "Users per year",
        "Transactions per year",
        "Journeys",
    ]
    assert table.columns[-1] == "Code"
    assert "Welsh name" in table.columns
    # each figure's status is in its cell, not in a column off to the right
    assert "Users figure" not in table.columns and "Transactions figure" not in table.columns


def test_choosing_a_row_opens_the_detail_view_and_back_returns(demo_app) -> None:  # type: ignore[no-untyped-def]
    at = demo_app({"sector": "health"})
    table = at.dataframe[0].value
    key = at.dataframe[0].key
    # what the browser sends when a row is clicked: the row's position in the table
    at.session_state[key] = {"selection": {"rows": [3], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    code = table.iloc[3]["Code"]
    assert at.query_params["service"] in (code, [code])
    assert at.title[0].value == plain(table.iloc[3]["Service"])
    assert any(s.value == "Metrics" for s in at.header)
    # back: the table again, and it stays (the choice was forgotten, nothing bounces back)
    at.button(key="detail_back").click().run()
    assert "service" not in at.query_params
    assert summary(at).startswith("**")
    at.run()
    assert "service" not in at.query_params
    assert len(at.dataframe) == 1 and at.dataframe[0].key != key
    # the browser's back button: the address loses ?service= without a click
    at.query_params["service"] = code
    at.run()
    assert at.title[0].value == plain(table.iloc[3]["Service"])
    del at.query_params["service"]
    at.run()
    assert summary(at).startswith("**") and len(at.dataframe) == 1


def test_search_ignores_the_circumflex_and_shows_the_welsh_name(demo_app) -> None:  # type: ignore[no-untyped-def]
    at = demo_app({"q": "swn niwsans"})
    table = at.dataframe[0].value
    assert len(table) > 0
    # the English names say "noise"; the Welsh name column shows why they matched
    assert table["Service"].str.contains("noise").all()
    assert table["Welsh name"].str.contains("sŵn").all()


def test_the_organisation_list_narrows_to_the_chosen_sectors(demo_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    services = load_services(demo_engine)
    everyone = demo_app().multiselect(key="f_organisations").options
    at = demo_app({"sector": "health", "org": "cardiff"})
    offered = at.multiselect(key="f_organisations").options
    health = services.loc[services["sector"] == "health", "organisation_en"].astype(str).unique()
    assert len(offered) == len(health) + 1 < len(everyone)
    # an organisation already chosen stays, so nothing is dropped without a word
    assert at.multiselect(key="f_organisations").value == ["cardiff"]


def test_catalogue_and_detail_in_welsh(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_app(CATALOGUE, lang="cy")
    assert at.title[0].value == "Catalog gwasanaethau"
    total = len(load_services(demo_engine))
    assert any(m.value == f"**{total:,} o {total:,} gwasanaeth**" for m in at.markdown)
    table = at.dataframe[0].value
    assert list(table.columns[:6]) == [
        "Gwasanaeth",
        "Sefydliad",
        "Lefel digideiddio",
        "Defnyddwyr y flwyddyn",
        "Trafodion y flwyddyn",
        "Teithiau",
    ]
    assert table.columns[-2:].tolist() == ["Enw Saesneg", "Cod"]
    services = load_services(demo_engine).set_index("code")
    named = services["name_cy"].notna()
    names = table.set_index("Cod")["Gwasanaeth"]
    welsh_code = services.index[named][0]
    english_only = services.index[~named][0]
    assert names[welsh_code] == services.loc[welsh_code, "name_cy"]
    # a service with no Welsh name keeps its English one, marked as English only
    assert names[english_only] == f"{services.loc[english_only, 'name_en']} (yn Saesneg yn unig)"
    assert set(table["Sector"]) <= {
        "Llywodraeth ganolog",
        "Awdurdod lleol",
        "Iechyd",
        "Corff hyd braich",
        "Trydydd sector",
    }
    assert set(table["Archwiliad manwl"]) == {"Ie", "Na"}

    code = _deep_fan_out_code(demo_engine)
    at.query_params["service"] = code
    at.run()
    assert not at.exception
    assert at.title[0].value == plain(services.loc[code, "name_cy"])
    assert [s.value for s in at.header][:3] == ["Metrigau", "Heriau", "Nodau a chyfleoedd"]
    assert at.button(key="detail_back").label == "Yn ôl i'r catalog"
    metrics = next(d.value for d in at.dataframe if "Argaeledd" in d.value.columns)
    assert metrics["Metrig"].tolist()[0] == "Defnyddwyr y flwyddyn"
    aims = next(d.value for d in at.dataframe if "Blaenoriaeth" in d.value.columns)
    assert "Nod neu gyfle" in aims.columns
    challenges = next(d.value for d in at.dataframe if "Difrifoldeb" in d.value.columns)
    assert set(challenges["Difrifoldeb"]) <= {"Uchel", "Canolig", "Isel"}
    # the description is the Welsh one; the English sits in an expander
    with demo_engine.connect() as connection:
        description = connection.exec_driver_sql(
            "SELECT description_cy FROM service WHERE code = ?", (code,)
        ).scalar()
    assert any(shown(m.value) == description for m in at.markdown)
    assert any(e.label == "Yn Saesneg" for e in at.expander)
    assert leaked_english(at) == []


def test_catalogue_in_welsh_shows_no_english_interface(open_app) -> None:  # type: ignore[no-untyped-def]
    at = open_app(CATALOGUE, lang="cy", sector="health")
    assert leaked_english(at) == []
    empty = open_app(CATALOGUE, lang="cy", sector="health", q="swn")
    assert empty.info[0].value.startswith("Does dim gwasanaeth yn cyfateb")
    assert leaked_english(empty) == []


def test_every_detail_table_downloads_as_a_workbook(demo_engine) -> None:  # type: ignore[no-untyped-def]
    """Titles such as "Metrics: <service>" once broke every XLSX (":" in a sheet name)."""
    import io

    import openpyxl

    from dashboard.catalogue.detail import load_service_detail
    from dashboard.catalogue.ui.service_view import download_title
    from dashboard.common.exports import header_lines, to_csv, to_xlsx
    from dashboard.common.i18n import local_name, using

    services = load_services(demo_engine)
    longest = services["name_en"].str.len().idxmax()
    codes = [_deep_fan_out_code(demo_engine), str(services.loc[longest, "code"])]
    for lang in ("en", "cy"):
        with using(lang):
            for code in codes:
                detail = load_service_detail(demo_engine, code)
                name = local_name(detail.service["name_en"], detail.service["name_cy"])
                for table in (
                    detail.metrics,
                    detail.challenges,
                    detail.aims,
                    detail.surveys,
                    detail.standards,
                    detail.journeys,
                ):
                    title = download_title(str(table.columns[0]), name)
                    header = header_lines(title, [], datetime(2026, 11, 25))
                    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(table, header, sheet=title)))
                    rows = list(book.active.iter_rows(values_only=True))
                    assert rows[0][0] == title
                    assert len(rows) == len(header) + 2 + len(table)
                    assert to_csv(table, header).decode("utf-8-sig").count("\r\n") >= len(table)


#: A deep dive whose owner has answered both surveys.
SURVEYED = "conwy--adult-social-care"


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_every_detail_download_names_the_service_and_the_date(  # type: ignore[no-untyped-def]
    demo_app, demo_engine, downloads, lang
) -> None:
    """The survey answers' files once said "Filter: none (all services)"."""
    from dashboard.common.i18n import local_name, t, using

    services = load_services(demo_engine).set_index("code")
    with using(lang):
        name = local_name(services.loc[SURVEYED, "name_en"], services.loc[SURVEYED, "name_cy"])
        about = t("Filter: {parts}", parts=t("Service: {name} ({code})", name=name, code=SURVEYED))
        source = dataset_info(demo_engine).source_line
        generalist = t("{survey} ({state})", survey=t("Generalist survey"), state=t("submitted"))
        downloaded = t("Downloaded: {when} UTC", when=f"{datetime.now(UTC):%Y-%m-%d}")
    at = demo_app({"service": SURVEYED, "lang": lang, "sector": "health"})
    keys = {d.proto.id.rsplit("-", 1)[1] for d in at.get("download_button")}
    tables = sorted(
        k.removesuffix("_csv") for k in keys if k.endswith("_csv") and not k.endswith("_tidy_csv")
    )
    assert {"survey_answers_generalist", "survey_answers_technology", "detail_metrics"} <= set(
        tables
    )
    for table in tables:
        rows = downloads.csv_rows(at, f"{table}_csv")
        assert rows[0][0].endswith(f": {name}"), (table, rows[0])
        assert rows[1] == [about], table  # the service, not the catalogue's filter
        assert rows[2][0].startswith(downloaded.split(" UTC")[0]), table
        assert rows[3] == [source], table
        # the file for analysis: the headings first, what it is last, a label and a value apiece
        tidy = downloads.csv_rows(at, f"{table}_tidy_csv")
        block = {row[0]: row[1] for row in tidy if row and row[0].startswith("# ")}
        assert tidy[0] == rows[5], table  # the same column headings, on the first line
        with using(lang):
            assert f"# {t('About this table')}" in block, table
            assert block[f"# {t('Title')}"].endswith(f": {name}"), table
            assert block[f"# {t('Service')}"] == f"{name} ({SURVEYED})", table
            label, _, value = source.partition(": ")
            assert block[f"# {label}"] == value, table
    rows = downloads.csv_rows(at, "survey_answers_generalist_csv")
    assert rows[0] == [f"{generalist}: {name}"]
    answers = downloads.xlsx_rows(at, "survey_answers_generalist_xlsx")
    assert [row[0] for row in answers[:2]] == [f"{generalist}: {name}", about]
    assert str(answers[2][0]).startswith(downloaded.split(" UTC")[0])
    # the file holds the answers shown, row for row
    shown_answers = next(
        df.value
        for df in at.dataframe
        if list(df.value.columns) == rows[5] and len(df.value) == len(rows) - 6
    )
    assert rows[6:] == shown_answers.astype(str).values.tolist()
    assert [list(row) for row in answers[6:]] == shown_answers.astype(str).values.tolist()


def test_catalogue_download_is_in_the_chosen_order_and_says_so(demo_app, downloads) -> None:  # type: ignore[no-untyped-def]
    at = demo_app({"sector": "health"})
    table = at.dataframe[0].value
    buttons = {d.proto.id.rsplit("-", 1)[1]: d.proto for d in at.get("download_button")}
    for key in ("catalogue_csv", "catalogue_xlsx"):
        assert "in the order chosen above" in buttons[key].help
        assert "sorting by a column heading on screen does not change it" in buttons[key].help
    rows = downloads.csv_rows(at, "catalogue_csv")
    assert [row[-1] for row in rows[6:]] == table["Code"].tolist()
    # the workbook too (missing figures once stopped it being built at all)
    cells = downloads.xlsx_rows(at, "catalogue_xlsx")
    assert [row[-1] for row in cells[6:]] == table["Code"].tolist()
    welsh = demo_app({"sector": "health", "lang": "cy"})
    help_cy = next(
        d.proto.help for d in welsh.get("download_button") if d.proto.id.endswith("catalogue_csv")
    )
    assert "yn y drefn a ddewiswyd uchod" in help_cy


def test_the_catalogue_leads_with_main_points(demo_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = demo_app({"sector": "health"})
    assert at.header[0].value == "Main points"
    services = load_services(demo_engine)
    health = services[services["sector"] == "health"]
    points = next(m.value for m in at.markdown if m.value.startswith("- ")).replace("\\", "")
    assert points.startswith(
        f"- {len(health):,} services from {health['organisation_id'].nunique():,} organisations "
        "match"
    )
    assert "users a year, by its owner's own figure" in points


def test_a_service_type_in_the_link_narrows_the_table_and_the_detail_names_it(
    demo_app, demo_engine
) -> None:  # type: ignore[no-untyped-def]
    at = demo_app({"type": ["missed-bin", "none"]})
    flt = Filter(service_types=("missed-bin", "none"))
    n = expected_count(demo_engine, flt)
    services = load_services(demo_engine)
    bins = int((services["service_type"] == "missed-bin").sum())
    unknown = int(services["service_type"].isna().sum())
    assert n == bins + unknown and bins > 1 and unknown > 0
    assert summary(at).startswith(f"**{n:,} of")
    table = at.dataframe[0].value
    assert len(table) == n
    assert table["Service type"].astype(str).value_counts().to_dict() == {
        "Report a missed bin collection": bins,
        "not recorded": unknown,
    }
    assert at.multiselect(key="f_service_types").value == ["missed-bin", "none"]
    code = services.loc[services["service_type"] == "missed-bin", "code"].iloc[0]
    detail = demo_app({"service": code})
    facts = " ".join(m.value for m in detail.markdown)
    assert "**Service type:** Report a missed bin collection (LGSL 524)" in facts


def test_the_service_type_filter_and_column_in_welsh(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_app(CATALOGUE, lang="cy", type="blue-badge")
    table = at.dataframe[0].value
    assert set(table["Math o wasanaeth"]) == {"Gwneud cais am Fathodyn Glas"}
    chips = [shown(b.label) for b in at.button if b.label.startswith("Math o wasanaeth")]
    assert chips == ["Math o wasanaeth: Gwneud cais am Fathodyn Glas"]


def test_a_demo_service_detail_shows_each_metric_s_history(demo_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    """A demo service that reported in all three years: its detail lists every period of its
    take-up, newest first, with the latest figure in the metrics table above."""
    with demo_engine.connect() as connection:
        code = connection.exec_driver_sql(
            "SELECT s.code FROM metric_answer m JOIN service s ON s.id = m.service_id "
            "WHERE m.metric = 'digital_take_up' AND m.value IS NOT NULL "
            "GROUP BY s.code HAVING COUNT(DISTINCT m.period) = 3 ORDER BY s.code LIMIT 1"
        ).scalar_one()
    at = demo_app({"service": code})
    assert not at.exception
    # the metrics table has one row per metric (6); the history one per metric and period
    history = next(
        d.value for d in at.dataframe if "Period" in d.value.columns and len(d.value) > 6
    )
    take_up = history[history["Metric"] == "Digital take-up"]
    assert take_up["Period"].tolist() == ["2024-25", "2023-24", "2022-23"]
    assert any(s.value == "Metrics by period" for s in at.subheader)
    metrics = next(d.value for d in at.dataframe if "Availability" in d.value.columns)
    shown_now = metrics.loc[metrics["Metric"] == "Digital take-up", "Figure"].iloc[0]
    assert shown_now == take_up["Figure"].iloc[0]  # the latest period's figure
