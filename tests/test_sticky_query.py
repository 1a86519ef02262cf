"""The filter, weights and language follow a person from page to page and survive a browser that
sends an out-of-date address; only the back and forward buttons change them from outside."""

from __future__ import annotations

from dashboard.ui.sticky_query import wanted


def _matching(at) -> str:  # type: ignore[no-untyped-def]
    return next(m.value for m in at.sidebar.markdown if "services match" in m.value)


KEPT = {"sector": ["health"], "w_cost": ["5"], "lang": ["cy"]}


def test_the_same_page_keeps_the_sessions_parameters_over_an_out_of_date_address() -> None:
    assert wanted({}, KEPT, same_page=True) == KEPT
    assert wanted({"sector": ["third_sector"]}, KEPT, same_page=True) == KEPT


def test_a_sidebar_link_to_another_page_brings_everything_back() -> None:
    assert wanted({}, KEPT, same_page=False) == KEPT


def test_a_drill_down_link_keeps_its_filter_and_gets_the_weights_and_language_back() -> None:
    now = {"sector": ["third_sector"], "level": ["1-2"]}
    assert wanted(now, KEPT, same_page=False) == {
        "sector": ["third_sector"],
        "level": ["1-2"],
        "w_cost": ["5"],
        "lang": ["cy"],
    }
    # a weight or language the link names is the link's
    assert wanted({"sector": ["x"], "lang": ["en"]}, KEPT, same_page=False)["lang"] == ["en"]


def test_a_rerun_that_lost_the_filter_from_its_address_keeps_the_filter(open_app) -> None:  # type: ignore[no-untyped-def]
    """A browser can send a rerun with the address it had before the page's last change reached
    it (a click during a page switch); the session's filter stays, and goes back into the URL."""
    at = open_app("pages/catalogue.py", sector="health", w_cost="5")
    health = _matching(at)
    assert health != _matching(open_app("pages/catalogue.py"))  # the filter narrows
    at.query_params.clear()
    at.run()
    assert not at.exception
    assert at.query_params["sector"] == "health" and at.query_params["w_cost"] == "5"
    assert at.multiselect(key="f_sectors").value == ["health"]
    assert _matching(at) == health


def test_the_back_button_to_an_address_without_the_filter_clears_it(open_app, history_run) -> None:  # type: ignore[no-untyped-def]
    at = open_app("pages/catalogue.py", sector="health")
    at.query_params.clear()
    history_run(at)
    assert not at.exception
    assert "sector" not in at.query_params
    assert at.multiselect(key="f_sectors").value == []


def test_a_rerun_that_lost_the_service_type_from_its_address_keeps_it(open_app) -> None:  # type: ignore[no-untyped-def]
    at = open_app("pages/catalogue.py", type="missed-bin")
    bins = _matching(at)
    assert bins != _matching(open_app("pages/catalogue.py"))
    at.query_params.clear()
    at.run()
    assert not at.exception
    assert at.query_params["type"] == "missed-bin"
    assert at.multiselect(key="f_service_types").value == ["missed-bin"]
    assert _matching(at) == bins


def test_my_organisation_follows_through_a_page_without_the_filter(open_app) -> None:  # type: ignore[no-untyped-def]
    """`?my_org=` is kept from page to page, through the profile (which has no filter), and
    the profile's own `?org=` is not taken for the filter's organisation. (The page menu's
    links carry no query string: the address is emptied before each switch, as they do.)"""
    at = open_app("pages/catalogue.py", sector="health", my_org="cardiff")
    at.query_params.clear()
    at.switch_page("pages/organisation.py").run()
    assert at.query_params.get("my_org") == "cardiff" and "sector" not in at.query_params
    at.selectbox(key="organisation_choice").set_value("cardiff").run()
    assert at.query_params.get("org") == "cardiff"
    at.query_params.clear()
    at.switch_page("pages/prioritise.py").run()
    assert not at.exception
    assert at.query_params.get("my_org") == "cardiff"
    assert at.query_params.get("sector") == "health" and "org" not in at.query_params
