"""The Organisation page through AppTest on the demo store: the choice is kept in the link,
the figures are the core's, it reads in Welsh, an unknown code is said in words, and the
reader's own organisation shows on Overview and Prioritise."""

from __future__ import annotations

from dashboard.common.i18n import using
from dashboard.common.queries import (
    load_assessments,
    load_memberships,
    load_metric_answers,
    load_services,
    load_survey_progress,
)
from dashboard.organisation.figures import OrganisationFigures, organisation_figures
from dashboard.organisation.profile import profile
from dashboard.organisation.words import main_points, position_words
from tests.welsh_pages import shown

PAGE = "pages/organisation.py"
COUNCIL = "cardiff"


def _figures(engine) -> OrganisationFigures:  # type: ignore[no-untyped-def]
    return organisation_figures(
        load_services(engine),
        load_metric_answers(engine),
        load_memberships(engine).themes,
        load_survey_progress(engine),
        load_assessments(engine),
    )


def _council(engine) -> str:  # type: ignore[no-untyped-def]
    table = _figures(engine).table
    return str(table.index[table["org_type"] == "principal_council"][0])


def test_with_no_choice_it_offers_one(open_app) -> None:  # type: ignore[no-untyped-def]
    at = open_app(PAGE)
    assert at.selectbox(key="organisation_choice").value is None
    assert any("Choose an organisation" in info.value for info in at.info)
    assert "org" not in at.query_params


def test_the_choice_is_kept_in_the_link_and_shows_the_cores_figures(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    code = _council(demo_engine)
    at = open_app(PAGE)
    at.selectbox(key="organisation_choice").set_value(code).run()
    assert not at.exception
    assert at.query_params["org"] == code
    chosen = profile(_figures(demo_engine), code)
    assert chosen is not None
    with using("en"):
        expected = main_points(chosen.name_en, chosen.group, chosen.positions, chosen.journeys)
        end = position_words(chosen.positions["end_to_end"], chosen.group)
    assert shown(at.markdown[0].value) == "\n".join(f"- {p}" for p in expected)
    assert "of 22 councils for services digital end to end" in end
    assert any(end[:1].upper() + end[1:] in shown(md.value) for md in at.markdown)


def test_a_link_opens_the_organisation_it_names(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    code = _council(demo_engine)
    at = open_app(PAGE, org=code)
    assert at.selectbox(key="organisation_choice").value == code
    assert at.query_params["org"] == code
    table = next(df.value for df in at.dataframe if "Place among peers" in df.value.columns)
    assert len(table) == 7


def test_chosen_peers_narrow_every_place_and_are_kept_in_the_link(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    figures = _figures(demo_engine)
    code = _council(demo_engine)
    others = [c for c in figures.table.index[figures.table["org_type"] == "principal_council"]]
    peers = [str(c) for c in others if c != code][:4]
    at = open_app(PAGE, org=code)
    box = at.multiselect(key=f"organisation_peers_{code}")
    assert box.value == [] and len(box.options) == 21
    at = box.set_value(peers).run()
    assert not at.exception
    assert sorted(at.query_params["peers"]) == sorted(peers)
    chosen = profile(figures, code, peers)
    assert chosen is not None and chosen.group.chosen and chosen.group.size == 5
    with using("en"):
        end = position_words(chosen.positions["end_to_end"], chosen.group)
    assert "chosen councils" in end or end.startswith("Not ranked")
    assert any(end[:1].upper() + end[1:] in shown(md.value) for md in at.markdown)
    # the peers table lists the chosen five only
    table = next(
        df.value
        for df in at.dataframe
        if {"Organisation", "This organisation"} <= set(df.value.columns)
    )
    assert len(table) == 5
    # emptied: the whole group again, and the link forgets the peers
    at = at.multiselect(key=f"organisation_peers_{code}").set_value([]).run()
    assert "peers" not in at.query_params
    table = next(
        df.value
        for df in at.dataframe
        if {"Organisation", "This organisation"} <= set(df.value.columns)
    )
    assert len(table) == 22


def test_a_link_with_peers_opens_the_narrowed_comparison(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    figures = _figures(demo_engine)
    code = _council(demo_engine)
    peer = next(
        str(c)
        for c in figures.table.index[figures.table["org_type"] == "principal_council"]
        if c != code
    )
    open_app()
    at = _opened_at({"org": code, "peers": [peer, "not-a-peer"]})  # type: ignore[dict-item]
    assert not at.exception
    assert at.multiselect(key=f"organisation_peers_{code}").value == [peer]
    assert any("1 organisation in the link is not a peer" in c.value for c in at.caption)


def _opened_at(query: dict[str, str]):  # type: ignore[no-untyped-def]
    """The page opened straight from a link (as the map's links open it), not after the
    Overview, whose filter would drop an organisation it does not know."""
    from streamlit.testing.v1 import AppTest

    from tests.conftest import APP_PATH

    at = AppTest.from_file(APP_PATH, default_timeout=30)
    at.switch_page(PAGE)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def test_an_unknown_code_is_said_in_words(open_app) -> None:  # type: ignore[no-untyped-def]
    open_app()  # the demo store
    at = _opened_at({"org": "unknown"})
    assert not at.exception
    assert any("No organisation has the code “unknown”" in w.value for w in at.warning)
    assert at.selectbox(key="organisation_choice").value is None


def test_the_page_reads_in_welsh(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_app(PAGE, org=_council(demo_engine), lang="cy")
    assert at.title[0].value == "Sefydliad"
    points = shown(at.markdown[0].value)
    assert "o 22 cyngor" in points or "Heb ei osod" in points
    assert at.selectbox(key="organisation_choice").label == "Sefydliad"


def test_my_organisation_is_kept_in_the_link_and_shown_on_overview(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    code = _council(demo_engine)
    at = open_app(PAGE, org=code)
    at.toggle(key=f"organisation_mine_{code}").set_value(True).run()
    assert at.query_params["my_org"] == code
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    assert at.query_params["my_org"] == code
    chosen = profile(_figures(demo_engine), code)
    assert chosen is not None
    line = next(md.value for md in at.markdown if "Your organisation" in md.value)
    assert chosen.name_en in shown(line)
    with using("en"):
        assert position_words(chosen.positions["end_to_end"], chosen.group) in shown(line)


def test_prioritise_marks_my_organisations_services(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    code = _council(demo_engine)
    at = open_app("pages/prioritise.py", my_org=code)
    table = next(df.value for df in at.dataframe if "Yours" in df.value.columns)
    services = load_services(demo_engine)
    names = set(services.loc[services["organisation_code"] == code, "organisation_en"].astype(str))
    yours = table[table["Yours"] == "✓"]
    assert len(yours) and set(yours["Organisation"]) == names
    assert set(table.loc[table["Yours"] != "✓", "Organisation"]).isdisjoint(names)


def test_the_filter_links_one_organisation_to_its_profile(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    code = _council(demo_engine)
    at = open_app("pages/catalogue.py", org=code)
    links = [link for link in at.sidebar.get("page_link") if "Open its profile" in link.proto.label]
    assert len(links) == 1 and links[0].proto.query_string == f"org={code}"
    assert links[0].proto.page == "organisation"
    at = open_app("pages/catalogue.py", org=[code, "cardiff"])
    assert not [
        link for link in at.sidebar.get("page_link") if "Open its profile" in link.proto.label
    ]


def test_a_services_detail_view_links_its_organisation(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    services = load_services(demo_engine)
    first = services.iloc[0]
    at = open_app("pages/catalogue.py", service=str(first["code"]))
    links = [link for link in at.get("page_link") if link.proto.page == "organisation"]
    assert [link.proto.query_string for link in links] == [f"org={first['organisation_code']}"]
    assert links[0].proto.label == str(first["organisation_en"])
