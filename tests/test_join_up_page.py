"""The Join up page through AppTest on the demo store: its main points and chart come from the
core under the filter, the order is kept in the link, the filter narrows it, it reads in
Welsh, and a filter with no typed service says so."""

from __future__ import annotations

import json
from datetime import date

from dashboard.common.filters import Filter, match
from dashboard.common.i18n import using
from dashboard.common.queries import load_memberships, load_metric_answers, load_services
from dashboard.join_up.charts import level_figure
from dashboard.join_up.figures import JoinUpView, join_up, ordered
from dashboard.join_up.findings import main_points
from dashboard.technology.answers import load_technology_answers
from tests.welsh_pages import shown

PAGE = "pages/join_up.py"


def _view(engine, flt: Filter) -> JoinUpView:  # type: ignore[no-untyped-def]
    services = load_services(engine)
    matching = services[match(services, load_memberships(engine), flt)]
    with using("en"):
        return join_up(
            matching,
            load_metric_answers(engine),
            load_technology_answers(engine, date.today()).answers,
        )


def _chart_title(at) -> str:  # type: ignore[no-untyped-def]
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return str(spec["layout"]["title"]["text"]).replace("<br>", " ")


def test_the_page_shows_the_cores_figures_and_keeps_the_order(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_app(PAGE, join_order="spread")
    assert at.selectbox(key="join_up_order").value == "spread"
    view = _view(demo_engine, Filter())
    with using("en"):
        expected = main_points(view, "spread")
        title = level_figure(ordered(view.table, "spread"), 0).layout.title.text
    assert shown(at.markdown[0].value) == "\n".join(f"- {p}" for p in expected)
    assert _chart_title(at) == str(title).replace("<br>", " ")
    at.selectbox(key="join_up_order").set_value("reach").run()
    assert not at.exception and at.query_params["join_order"] == "reach"
    with using("en"):
        assert shown(at.markdown[0].value).splitlines()[1] == f"- {main_points(view, 'reach')[1]}"


def test_the_filter_narrows_the_types(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_app(PAGE, sector="local_authority")
    view = _view(demo_engine, Filter(sectors=("local_authority",)))
    everyone = _view(demo_engine, Filter())
    assert view.services < everyone.services
    with using("en"):
        assert (
            shown(at.markdown[0].value).splitlines()[0]
            == f"- {main_points(view, 'organisations')[0]}"
        )
    table = next(df.value for df in at.dataframe if "Not digital end to end" in df.value.columns)
    assert len(table) == len(ordered(view.table, "organisations"))


def test_the_page_reads_in_welsh(open_app) -> None:  # type: ignore[no-untyped-def]
    at = open_app(PAGE, lang="cy")
    assert at.title[0].value == "Cydgysylltu"
    points = shown(at.markdown[0].value)
    assert "fath o wasanaeth" in points and "Gwneud cais am fudd-dal tai" in points


def test_a_filter_with_no_typed_service_says_so(open_app) -> None:  # type: ignore[no-untyped-def]
    at = open_app(PAGE, type="none")
    assert any("nothing to join up" in info.value for info in at.info)
    assert not at.get("plotly_chart")


def test_the_shared_switch_and_the_chosen_type_are_kept_in_the_link(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    view = _view(demo_engine, Filter())
    shared = ordered(view.table, "organisations")
    every = ordered(view.table, "organisations", shared_only=False)
    assert len(every) > len(shared)  # the demo has types run by one organisation

    at = open_app(PAGE)
    assert at.toggle(key="join_up_shared").value is True
    assert "shared" not in at.query_params
    assert len(_types_table(at)) == len(shared)
    at.toggle(key="join_up_shared").set_value(False).run()
    assert not at.exception and at.query_params["shared"] == "0"
    assert len(_types_table(at)) == len(every)

    last = str(every["service_type"].iloc[-1])
    again = open_app(PAGE, shared="0", join_type=last)
    assert again.toggle(key="join_up_shared").value is False
    assert again.selectbox(key="join_up_type").value == last
    with using("en"):
        assert any(s.value.startswith(str(every["name"].iloc[-1])) for s in again.subheader)


def _types_table(at):  # type: ignore[no-untyped-def]
    """The list of every type (the first table with a type column and an organisations count)."""
    return next(df.value for df in at.dataframe if "Organisations" in df.value.columns)
