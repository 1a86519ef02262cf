"""The Technology landscape page driven through AppTest on the demo store: its figures come
from the store's submitted answers under the filter, its security counts are suppressed for
everyone but an administrator (on screen and in the files), a service's own security answers
are withheld in its detail view, and the shared-component gap lists the services in it."""

from __future__ import annotations

import json
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.common.disclosure import SUPPRESSED
from dashboard.common.filters import Filter, match
from dashboard.common.i18n import t, using
from dashboard.common.queries import load_memberships, load_services
from dashboard.common.service_types import type_labels
from dashboard.technology.answers import load_technology_answers
from dashboard.technology.findings import coverage, finding
from dashboard.technology.gaps import component_gaps
from dashboard.technology.main_points import main_points
from dashboard.technology.tables import TechnologyView, build
from dashboard.ui.admin import SIGNED_IN
from tests.app_downloads import Downloads, record_downloads
from tests.on_demand import open_expanders
from tests.welsh_pages import shown

PAGE = "pages/technology.py"


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> Downloads:
    return record_downloads(monkeypatch)


def _charts(at: AppTest) -> dict[str, dict]:  # type: ignore[type-arg]
    return {c.proto.id.rsplit("-", 1)[1]: json.loads(c.proto.spec) for c in at.get("plotly_chart")}


def _title(chart: dict) -> str:  # type: ignore[type-arg]
    return str(chart["layout"]["title"]["text"]).replace("<br>", " ")


def _view(engine, flt: Filter) -> TechnologyView:  # type: ignore[no-untyped-def]
    services = load_services(engine)
    matching = services[match(services, load_memberships(engine), flt)]
    return build(load_technology_answers(engine, date.today()), matching)


def _topic(at: AppTest, topic: str) -> AppTest:
    at.segmented_control(key="technology_topic").set_value(topic).run()
    assert not at.exception
    return at


def test_the_page_leads_with_main_points_from_the_submitted_answers(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_app(PAGE)
    view = _view(demo_engine, Filter())
    assert view.responding >= 90 and view.drafts > 0  # the demo's ~120 responses, some drafts
    with using("en"):
        expected = main_points(view)
    assert expected and shown(at.markdown[0].value) == "\n".join(f"- {p}" for p in expected)
    charts = _charts(at)
    hosting = view.distribution("hosting_model")
    with using("en"):
        assert _title(charts["technology_hosting_model_chart"]) == finding(
            hosting, hosting.disclosed(False)
        ).replace("<br>", " ")
        subtitle = charts["technology_hosting_model_chart"]["layout"]["title"]["subtitle"]["text"]
        assert subtitle.replace("<br>", " ") == coverage(hosting)
    # every bar is a count of services answering, in the question's order
    assert charts["technology_hosting_model_chart"]["data"][0]["x"] == [
        float(v) for v in hosting.counts
    ]
    assert "technology_platforms_chart" in charts


def test_every_topic_draws_its_questions_and_follows_the_filter(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_app(PAGE, sector="local_authority")
    view = _view(demo_engine, Filter(sectors=("local_authority",)))
    for topic, keys in {
        "components": ["shared_components", "apis"],
        "identity": ["sign_in", "login_type", "identity_checks"],
        "skills": ["team_roles", "hard_to_fill_vacancies", "contractor_reliance"],
        "contracts": ["contract_end_date", "contract_split_by_service"],
    }.items():
        charts = _charts(_topic(at, topic))
        for key in keys:
            dist = view.distribution(key)
            subtitle = charts[f"technology_{key}_chart"]["layout"]["title"]["subtitle"]["text"]
            with using("en"):
                assert subtitle.replace("<br>", " ") == coverage(dist), key
            assert dist.services == view.services  # M: every council service under the filter


def _small_security_filter(engine) -> tuple[str, TechnologyView]:  # type: ignore[no-untyped-def]
    """An organisation whose security counts include one under five (at least five answered)."""
    services = load_services(engine)
    for code in services["organisation_code"].astype(str).unique():
        view = _view(engine, Filter(organisations=(code,)))
        dist = view.distribution("last_penetration_test")
        if dist.answered >= 5 and dist.disclosed(False).hidden.any():
            return code, view
    raise AssertionError("the demo should hold a body with a small security count")


def test_small_security_counts_are_suppressed_on_screen_and_in_the_files(  # type: ignore[no-untyped-def]
    open_app, demo_engine, downloads
) -> None:
    code, view = _small_security_filter(demo_engine)
    dist = view.distribution("last_penetration_test")
    disclosed = dist.disclosed(False)
    at = _topic(open_app(PAGE, org=code), "security")
    chart = _charts(at)["technology_last_penetration_test_chart"]
    labels = chart["data"][0]["text"]
    hidden = [i for i, h in enumerate(disclosed.hidden) if h]
    assert hidden and all(labels[i] == SUPPRESSED for i in hidden)
    assert all(chart["data"][0]["x"][i] == 0 for i in hidden)  # no bar, never a real count
    with using("en"):
        assert any(t("[c]: not shown") in shown(c.value) for c in at.caption)
    at = open_expanders(at, "technology_last_penetration_test_data")
    rows = downloads.csv_rows(at, "technology_last_penetration_test_csv")
    body = [row for row in rows if row and row[0] in set(labels) | {r[0] for r in rows[6:]}]
    services_column = rows[5].index("Services")
    column = [row[services_column] for row in rows[6 : 6 + len(dist.counts)]]
    assert [column[i] for i in hidden] == [SUPPRESSED] * len(hidden)
    assert body  # the file holds the rows the chart draws
    assert any(SUPPRESSED in line for line in map(" ".join, rows[6:]))


def test_an_administrator_sees_every_count(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    code, view = _small_security_filter(demo_engine)
    dist = view.distribution("last_penetration_test")
    at = open_app()
    at.session_state[SIGNED_IN] = True
    at.query_params["org"] = code
    at.switch_page(PAGE).run()
    at = _topic(at, "security")
    chart = _charts(at)["technology_last_penetration_test_chart"]
    assert SUPPRESSED not in chart["data"][0]["text"]
    assert chart["data"][0]["x"] == [float(v) for v in dist.counts]
    with using("en"):
        assert any(
            "signed in as a survey coordinator or administrator" in w.value for w in at.warning
        )


def test_the_gap_lists_services_without_forms_that_ask_for_shared_components(  # type: ignore[no-untyped-def]
    open_app, demo_engine
) -> None:
    at = _topic(open_app(PAGE), "gaps")
    services = load_services(demo_engine)
    answers = load_technology_answers(demo_engine, date.today()).answers
    group = services["organisation_en"].astype(str)
    expected = component_gaps(
        answers["shared_components"], load_memberships(demo_engine).themes, group, "forms"
    )
    assert expected.gap > 0
    chart = _charts(at)["technology_gaps_chart"]
    top = expected.by_group[expected.by_group["Of them asking for it"] > 0].head(10)
    assert chart["data"][0]["y"] == top["Group"].tolist()
    listed = next(df.value for df in at.dataframe if "Service" in df.value.columns)
    gap = services.loc[expected.services]
    assert sorted(zip(listed["Service"], listed["Organisation"], strict=True)) == sorted(
        zip(gap["name_en"].astype(str), gap["organisation_en"].astype(str), strict=True)
    )

    at.segmented_control(key="technology_component").set_value("login").run()
    assert not at.exception
    login = component_gaps(
        answers["shared_components"], load_memberships(demo_engine).themes, group, "login"
    )
    assert f"{login.gap:,} of the {login.without:,}" in _title(_charts(at)["technology_gaps_chart"])


def test_the_page_in_welsh(open_app) -> None:  # type: ignore[no-untyped-def]
    at = open_app(PAGE, lang="cy")
    with using("cy"):
        assert at.title[0].value == t("Technology landscape") != "Technology landscape"
        assert any(t("Main points") == h.value for h in at.header)
    titles = [_title(c) for c in _charts(at).values()]
    assert any("o 1" in title or " o " in title for title in titles)


def test_no_submitted_survey_is_explained(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    services = load_services(demo_engine)
    answered = load_technology_answers(demo_engine, date.today()).answers.index
    quiet = next(
        code
        for code in services["organisation_code"].astype(str).unique()
        if not services[services["organisation_code"] == code].index.isin(answered).any()
    )
    at = open_app(PAGE, org=quiet)
    assert not at.get("plotly_chart")
    assert shown(at.info[0].value).startswith(
        "None of the matching services has submitted the technology survey yet."
    )


def test_a_services_security_answers_are_withheld_in_its_detail_view(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    services = load_services(demo_engine)
    answers = load_technology_answers(demo_engine, date.today()).answers
    code = str(services.loc[answers.index[answers["security_incidents"].notna()][0], "code"])
    at = open_app("pages/catalogue.py", service=code)
    table = next(
        df.value for df in at.dataframe if "Question" in df.value.columns and len(df.value) > 10
    )
    with using("en"):
        withheld = t(
            "Not shown: security answers and vacancies are shown to survey coordinators and"
            " administrators only."
        )
    asked = dict(zip(table["Question"], table["Answer"], strict=True))
    incident = "Has the service had a security or data incident in the last two years?"
    assert asked[incident] == withheld
    assert asked["Where is the service hosted?"] != withheld

    at.session_state[SIGNED_IN] = True
    at.run()
    table = next(
        df.value for df in at.dataframe if "Question" in df.value.columns and len(df.value) > 10
    )
    assert dict(zip(table["Question"], table["Answer"], strict=True))[incident] in ("Yes", "No")


def test_the_gap_by_service_type_opens_from_its_link_and_groups_by_type(  # type: ignore[no-untyped-def]
    open_app, demo_engine
) -> None:
    at = open_app(PAGE, topic="gaps", component="login", gap_by="type")
    assert not at.exception
    assert at.segmented_control(key="technology_topic").value == "gaps"
    assert at.segmented_control(key="technology_component").value == "login"
    assert at.segmented_control(key="technology_gap_by").value == "type"

    services = load_services(demo_engine)
    answers = load_technology_answers(demo_engine, date.today()).answers
    with using("en"):
        group = type_labels(services["service_type"])
    expected = component_gaps(
        answers["shared_components"], load_memberships(demo_engine).themes, group, "login"
    )
    chart = _charts(at)["technology_gaps_chart"]
    top = expected.by_group[expected.by_group["Of them asking for it"] > 0].head(10)
    assert expected.gap > 0
    assert chart["data"][0]["y"] == top["Group"].tolist()
    # the gap's services are the same ones, whatever they are grouped by
    by_organisation = component_gaps(
        answers["shared_components"],
        load_memberships(demo_engine).themes,
        services["organisation_en"].astype(str),
        "login",
    )
    assert sorted(expected.services) == sorted(by_organisation.services)


def test_the_topic_and_the_grouping_are_written_into_the_link(open_app) -> None:  # type: ignore[no-untyped-def]
    at = _topic(open_app(PAGE), "gaps")
    assert at.query_params["topic"] == "gaps"
    assert "gap_by" not in at.query_params  # the default stays out of the link
    at.segmented_control(key="technology_gap_by").set_value("type").run()
    assert not at.exception
    assert at.query_params["gap_by"] == "type"
    _topic(at, "systems")
    assert "topic" not in at.query_params
