"""Present: the current filter as a sequence of screens, one idea each, and as a slide deck."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime

import streamlit as st

from dashboard import deck
from dashboard import prioritise as p
from dashboard import slides as s
from dashboard.ui import filter_panel, store
from dashboard.ui.chart_panel import PLOTLY_CONFIG

# presenting: the sidebar folds away (the « control brings the filter back)
st.set_page_config(initial_sidebar_state="collapsed")

ORDER_PARAM, SLIDE_PARAM = "slides", "slide"
ORDER_KEY, INDEX_KEY, DECK_KEY = "present_order", "present_index", "present_deck"

version = st.session_state["data_version"]
info = store.guarded(store.dataset_info, version)
flt = filter_panel.current()


def _order_from_url() -> list[str]:
    raw = st.query_params.get_all(ORDER_PARAM)
    return s.parse_order(raw) if raw else list(s.DEFAULT_ORDER)


if ORDER_KEY not in st.session_state:
    st.session_state[ORDER_KEY] = _order_from_url()
    try:
        st.session_state[INDEX_KEY] = max(1, int(st.query_params.get(SLIDE_PARAM, "1"))) - 1
    except ValueError:
        st.session_state[INDEX_KEY] = 0

order: list[str] = [key for key in st.session_state[ORDER_KEY] if key in s.BY_KEY]
if order == list(s.DEFAULT_ORDER):
    if ORDER_PARAM in st.query_params:
        del st.query_params[ORDER_PARAM]
elif st.query_params.get(ORDER_PARAM) != ",".join(order):
    st.query_params[ORDER_PARAM] = ",".join(order)


def _go(step: int) -> None:
    count = len(st.session_state[ORDER_KEY]) or 1
    st.session_state[INDEX_KEY] = (st.session_state[INDEX_KEY] + step) % count


def _reset_order() -> None:
    st.session_state[ORDER_KEY] = list(s.DEFAULT_ORDER)
    st.session_state[INDEX_KEY] = 0


weights = p.clean_weights({c: st.query_params.get(f"w_{c}", p.DEFAULT_WEIGHTS[c]) for c in p.CODES})
try:
    parts = store.priority_parts(version, flt)
    ranking = p.score(parts, weights)
    services = filter_panel.matching(store.services(version))
    inputs = s.Inputs(
        overview=store.overview(version, flt),
        challenges=store.themes_view(version, flt, "challenge"),
        availability=store.availability_view(version, flt),
        priorities=p.ranked(ranking, services, parts, top=10) if len(ranking.table) else parts,
        weights=weights,
    )
except store.STORE_ERRORS as error:
    store.store_problem(error)
meta = s.Meta(filter_panel.describe(), info.source_line, datetime.now(UTC), info.is_invented)

if not order:
    st.info(
        "No slides are chosen. Pick some under **Choose slides**, or reset to the standard "
        "sequence.",
        icon=":material/slideshow:",
    )
else:
    index = min(st.session_state[INDEX_KEY], len(order) - 1)
    st.session_state[INDEX_KEY] = index
    if st.query_params.get(SLIDE_PARAM) != str(index + 1):
        st.query_params[SLIDE_PARAM] = str(index + 1)
    slide = s.BY_KEY[order[index]].build(inputs)

    back, where, forward = st.columns([1, 4, 1], vertical_alignment="center")
    back.button(
        "Previous",
        key="present_previous",
        on_click=_go,
        args=(-1,),
        icon=":material/arrow_back:",
        width="stretch",
    )
    where.caption(
        f"Slide {index + 1} of {len(order)} · {s.BY_KEY[order[index]].name}", width="stretch"
    )
    forward.button(
        "Next",
        key="present_next",
        on_click=_go,
        args=(1,),
        icon=":material/arrow_forward:",
        width="stretch",
    )

    st.title(slide.title, anchor=False)
    if slide.facts:
        columns = st.columns(len(slide.facts))
        for column, (name, value) in zip(columns, slide.facts, strict=True):
            with column.container(key=f"present_fact_{name}"):
                st.title(value, anchor=False)  # large type, for the back of the room
                st.markdown(f"**{name}**")
    if slide.figure is not None:
        figure = type(slide.figure)(slide.figure)
        # the screen's title states the finding; the chart keeps its subtitle, in large type
        figure.update_layout(
            title_text=figure.layout.title.subtitle.text or "",
            font_size=18,
            height=max(560, figure.layout.height or 0),
        )
        figure.layout.title.subtitle.text = None
        st.plotly_chart(
            figure, key="present_chart", config=PLOTLY_CONFIG, width="stretch", theme=None
        )
    st.caption(" · ".join(meta.footer))
    if slide.notes and st.toggle("Speaker notes", key="present_notes"):
        st.info(slide.notes, icon=":material/record_voice_over:")

st.divider()
with st.expander("Choose slides", icon=":material/view_carousel:"):
    st.multiselect(
        "Slides, in the order you pick them",
        list(s.DEFAULT_ORDER),
        format_func=lambda key: s.BY_KEY[key].name,
        key=ORDER_KEY,
        help="The choice and its order are kept in the link, so the same show can be reopened.",
    )
    st.button("Standard sequence", key="present_reset", on_click=_reset_order)

with st.expander("Download the deck (PPTX and PDF)", icon=":material/download:"):
    st.caption(
        "A title slide with the filter and date, then the chosen slides: charts as images, "
        "figures and words as text you can edit."
    )
    wanted = tuple(order)
    if st.button(
        "Build the deck", key="present_build", icon=":material/build:", disabled=not wanted
    ):
        problem = deck.images.renderer_problem()
        if problem:
            st.error(problem, icon=":material/error:")
        else:
            started = time.perf_counter()
            bar = st.progress(0.0, text="Starting")

            def progress(done: int, total: int, what: str) -> None:
                bar.progress(done / max(total, 1), text=what)

            drawn = deck.draw(s.build(wanted, inputs), progress)
            bar.progress(1.0, text="Writing the PPTX and the PDF")
            st.session_state[DECK_KEY] = {
                "for": (wanted, flt, tuple(weights.items())),
                "pptx": deck.to_pptx(drawn, meta),
                "pdf": deck.to_pdf(drawn, meta),
                "seconds": time.perf_counter() - started,
            }
            bar.empty()
    built = st.session_state.get(DECK_KEY)
    if built and built["for"] == (wanted, flt, tuple(weights.items())):
        stem = re.sub(r"[^a-z0-9]+", "-", f"landscape-deck-{meta.when:%Y%m%d}".lower())
        st.caption(f"Built {len(wanted) + 1} slides in {built['seconds']:.1f} s.")
        left, right, _ = st.columns([1, 1, 3])
        left.download_button(
            "Download PPTX",
            data=built["pptx"],
            file_name=f"{stem}.pptx",
            mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
            key="present_pptx",
            icon=":material/download:",
        )
        right.download_button(
            "Download PDF",
            data=built["pdf"],
            file_name=f"{stem}.pdf",
            mime="application/pdf",
            key="present_pdf",
            icon=":material/download:",
        )
    elif built:
        st.caption("The slides or the filter changed since the deck was built: build it again.")
