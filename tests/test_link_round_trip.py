"""Every page's link round-trips: a link sets the page's controls, changing a control rewrites
the link, and that link opened in a new session shows the same controls.

One test per page, through the one link-state helper (dashboard/ui/link_state.py) that the
filter, the Prioritise weights, the catalogue's order, the Present slides and the language
share.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

Link = dict[str, list[str]]

FILTER = {
    "sector": ["health"],
    "type": ["health-gp-appointment", "none"],
    "level": ["1-3"],
    "lang": ["cy"],
}


def link_of(at: AppTest) -> Link:
    """The app's link as parameters with all their values."""
    return {
        key: list(value) if isinstance(value, list) else [value]
        for key, value in at.query_params.items()
    }


def controls(at: AppTest) -> dict[str, object]:
    """The values of the controls that live in the link, where the page has them."""
    found: dict[str, object] = {"language": at.button_group(key="ui_language").value}
    keys = {
        "sectors": ("multiselect", "f_sectors"),
        "service types": ("multiselect", "f_service_types"),
        "levels": ("select_slider", "f_levels"),
        "order": ("selectbox", "catalogue_order"),
        "cost weight": ("slider", "weight_cost"),
        "missing": ("radio", "weight_missing"),
        "slides": ("multiselect", "present_order"),
    }
    for name, (kind, key) in keys.items():
        widgets = [w for w in at.get(kind) if getattr(w, "key", None) == key]
        if widgets:
            found[name] = widgets[0].value
    # the Present page's position: "Slide 2 of 3 · …" (Welsh "Sleid …")
    found["slide"] = [m.value for m in at.markdown if m.value.startswith(("Slide ", "Sleid "))]
    return found


def _open(open_app: Callable[..., AppTest], page: str, link: Link) -> AppTest:
    at = open_app(
        page, **{key: values if len(values) > 1 else values[0] for key, values in link.items()}
    )
    at.run()  # a second run, as a browser sends one: the link must hold
    assert not at.exception
    return at


def _narrow_to_councils(at: AppTest) -> None:
    at.multiselect(key="f_sectors").set_value(["local_authority"]).run()


def _english(at: AppTest) -> None:
    at.button_group(key="ui_language").set_value("en").run()


def _order_by_users(at: AppTest) -> None:
    at.selectbox(key="catalogue_order").set_value("users").run()


def _cost_weight_and_known_only(at: AppTest) -> None:
    at.slider(key="weight_cost").set_value(5).run()
    at.radio(key="weight_missing").set_value("known_only").run()


def _next_slide(at: AppTest) -> None:
    at.button(key="present_next").click().run()


PAGES = {
    "overview": ("pages/overview.py", FILTER, _narrow_to_councils, {"sector": ["local_authority"]}),
    "catalogue": (
        "pages/catalogue.py",
        {**FILTER, "order": ["name"]},
        _order_by_users,
        {"order": ["users"]},
    ),
    "themes": ("pages/themes.py", FILTER, _narrow_to_councils, {"sector": ["local_authority"]}),
    "prioritise": (
        "pages/prioritise.py",
        {**FILTER, "w_pain": ["5"], "w_reach": ["0"]},
        _cost_weight_and_known_only,
        {"w_cost": ["5"], "missing": ["known_only"]},
    ),
    "availability": (
        "pages/availability.py",
        FILTER,
        _narrow_to_councils,
        {"sector": ["local_authority"]},
    ),
    "present": (
        "pages/present.py",
        {**FILTER, "slides": ["levels,headline,surveys"], "slide": ["1"]},
        _next_slide,
        {"slide": ["2"]},
    ),
    "survey": ("pages/survey.py", {"lang": ["cy"]}, _english, {}),
    "data": ("pages/data.py", {"lang": ["cy"]}, _english, {}),
    "accessibility": ("pages/accessibility.py", {"lang": ["cy"]}, _english, {}),
    "method": ("pages/method.py", {"lang": ["cy"]}, _english, {}),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_a_link_round_trips(open_app, name: str) -> None:  # type: ignore[no-untyped-def]
    page, link, change, changed = PAGES[name]
    at = _open(open_app, page, link)
    # the link sets the controls, and the page writes back exactly the same link
    assert link_of(at) == link
    before = controls(at)
    change(at)
    assert not at.exception
    after_change = link_of(at)
    expected = {key: values for key, values in {**link, **changed}.items()}
    if change is _english:
        expected.pop("lang")
    assert after_change == expected
    # the changed link, opened in a new session, shows the changed controls
    again = _open(open_app, page, after_change)
    assert link_of(again) == after_change
    assert controls(again) == controls(at)
    assert controls(again) != before
