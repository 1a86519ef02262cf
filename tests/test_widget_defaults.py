"""Widgets set from a link declare that value as their default on every run.

A browser draws a widget late while its code is still loading (each kind of widget loads
lazily), and on a busy machine the next run has begun by then: a widget drawn late starts from
the default of the latest run and sends it back. With the bare default (no sector, weight 0)
a link's filter or weights were undone; the default must be the value the widget holds.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from dashboard.catalogue.table import ORDERS
from dashboard.prioritise import weighting

LINK = {
    "sector": "health",
    "level": "1-3",
    "q": "appointment",
    "deep": "1",
    "lang": "cy",
}


def _rerun(at: AppTest) -> AppTest:
    """A second run, as the browser sends when a component reports or a person clicks."""
    at.run()
    assert not at.exception
    return at


def test_the_filter_widgets_default_to_the_links_filter_on_later_runs(open_app) -> None:  # type: ignore[no-untyped-def]
    at = _rerun(open_app(**LINK))
    sector = at.multiselect(key="f_sectors")
    assert [sector.options[i] for i in sector.proto.default] == ["Iechyd"]
    levels = at.select_slider(key="f_levels")
    assert [levels.options[int(i)] for i in levels.proto.default] == ["1", "3"]
    assert at.text_input(key="f_text").proto.default == "appointment"
    assert at.toggle(key="f_deep_dive_only").proto.default is True
    assert at.multiselect(key="f_organisations").proto.default == []
    language = at.button_group(key="ui_language")
    assert [language.options[i] for i in language.proto.default] == ["Cymraeg"]


def test_the_weights_and_the_order_default_to_the_link_on_later_runs(open_app) -> None:  # type: ignore[no-untyped-def]
    at = _rerun(open_app("pages/prioritise.py", w_pain="5", w_reach="0", missing="known_only"))
    assert at.slider(key="weight_pain").proto.default == [5]
    assert at.slider(key="weight_reach").proto.default == [0]
    radio = at.radio(key="weight_missing")
    assert radio.options[radio.proto.default] == radio.format_func(weighting.KNOWN_ONLY)

    at = _rerun(open_app("pages/catalogue.py", order="users"))
    order = at.selectbox(key="catalogue_order")
    assert order.proto.default == list(ORDERS).index("users")
