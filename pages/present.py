"""Present: the current filter as a sequence of screens, one idea each, and as a slide deck."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import streamlit as st

from dashboard import slide_sources
from dashboard.common.i18n import language, t
from dashboard.common.slides import chart_table
from dashboard.present import sequence
from dashboard.present.ui import controls, presenting
from dashboard.present.ui.choose import choose_panel
from dashboard.present.ui.deck_panel import deck_panel
from dashboard.present.ui.slide_view import draw_slide, nothing_chosen
from dashboard.prioritise import weighting
from dashboard.prioritise.ui.weights import LINK as WEIGHTS_LINK
from dashboard.ui import store
from dashboard.ui.on_demand import open_expander
from dashboard.ui.page_opening import page_view

view = page_view()
full = presenting.is_full_screen()
order, index = controls.settle()
screen = presenting.mount(
    full, notice=view.info.is_invented and not full, on_step=controls.key_pressed
)

weights, missing = weighting.from_link(WEIGHTS_LINK.in_link())
lang = language()
version, flt = view.version, view.flt
# each view is worked out (or taken from the shared cache) only when a slide asks for it
inputs = slide_sources.Inputs(
    overview=lambda: store.overview(version, flt),
    challenges=lambda: store.themes_view(version, flt, "challenge"),
    availability=lambda: store.availability_view(version, flt),
    priorities=lambda: store.priority_top(
        version, flt, tuple(weights.items()), missing, slide_sources.BARS_IN_DECK, lang
    ),
    weights=weights,
    journeys=lambda: store.journey_bands(version, flt),
    owners_words=lambda: store.owners_words(version, flt, "challenge"),
    priority_types=lambda: store.priority_types(version, flt, tuple(weights.items()), missing),
    invented=view.info.is_invented,
    # as the Map page draws it: every council, whatever organisations the filter chose
    map_view=lambda: store.map_view(
        version, replace(flt, organisations=()), "digital", "councils", ""
    ),
    since_last_round=lambda: store.since_last_round(version, flt),
)
meta = sequence.Meta(
    view.summary, view.source, datetime.now(UTC), view.info.loaded_at, view.info.is_invented
)

slide = None
if not order:
    nothing_chosen(full)
else:
    try:
        slide = slide_sources.build_one(order[index], inputs)
        # the slide fits the window: the chart takes the height the title and footer leave
        # it, and a ranking shows the bars that height holds (dashboard/present/fit.py)
        body = screen.body_height(slide.title, meta.footer)
    except store.STORE_ERRORS as error:
        store.store_problem(error)
    draw_slide(slide, order, index, body, full, meta.footer, screen.chart_width)

if not full:
    if slide is not None and slide.figure is not None:
        box = open_expander(
            t("The data behind this chart"), key="present_data", icon=":material/table:"
        )
        if box is not None:
            box.dataframe(chart_table(slide.figure), width="stretch")
    st.caption(
        t(
            "Keys: → or Page Down for the next slide, ← or Page Up for the previous one (a "
            "presenter's clicker works too); F for full screen while one of the slide's "
            "buttons has the focus. Full screen shows the room the slide alone; Esc, or the "
            "small 'Leave full screen' control in the top right corner, leaves it."
        )
    )
    st.divider()
    choose_panel(order)
    stamp = (tuple(order), flt, tuple(weights.items()), missing, lang, version)
    deck_panel(order, lambda keys: slide_sources.build(keys, inputs), meta, lang, stamp)
