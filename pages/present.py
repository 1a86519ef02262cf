"""Present: the current filter as a sequence of screens, one idea each, and as a slide deck."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import streamlit as st

from dashboard import slide_sources
from dashboard.common.i18n import language, t
from dashboard.common.markdown_text import plain
from dashboard.common.slides import chart_table
from dashboard.present import deck, sequence
from dashboard.present.ui import presenting
from dashboard.prioritise import score as p
from dashboard.ui import filter_panel, store
from dashboard.ui.chart_panel import PLOTLY_CONFIG
from dashboard.ui.on_demand import open_expander

ORDER_PARAM, SLIDE_PARAM = "slides", "slide"
# the chosen slides live in plain session state, not in the widget's: full screen does not draw
# the widget, and Streamlit forgets the state of a widget a run leaves out
ORDER_KEY, PICK_KEY = "present_slides", "present_order"
INDEX_KEY, DECK_KEY = "present_index", "present_deck"
#: The slide part of the URL as this session last wrote it; any other came from outside.
URL_KEY = "present_url"

version = st.session_state["data_version"]
info = store.guarded(store.dataset_info, version)
flt = filter_panel.current()
full = presenting.is_full_screen()


def _slides_in_url() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in (ORDER_PARAM, SLIDE_PARAM)}


def _from_url() -> None:
    """The slides, their order and the slide shown, as the URL gives them."""
    raw = st.query_params.get_all(ORDER_PARAM)
    st.session_state[ORDER_KEY] = sequence.parse_order(raw) if raw else list(sequence.DEFAULT_ORDER)
    try:
        st.session_state[INDEX_KEY] = max(1, int(st.query_params.get(SLIDE_PARAM, "1"))) - 1
    except ValueError:
        st.session_state[INDEX_KEY] = 0


def _write_url(order: list[str], index: int | None) -> None:
    """Keep the URL equal to the slides shown, and note what was written (before anything
    slow is drawn, so a click that cuts this run short is not taken for an outside change)."""
    if order == list(sequence.DEFAULT_ORDER):
        if ORDER_PARAM in st.query_params:
            del st.query_params[ORDER_PARAM]
    elif st.query_params.get(ORDER_PARAM) != ",".join(order):
        st.query_params[ORDER_PARAM] = ",".join(order)
    if index is not None and st.query_params.get(SLIDE_PARAM) != str(index + 1):
        st.query_params[SLIDE_PARAM] = str(index + 1)
    st.session_state[URL_KEY] = _slides_in_url()


# The URL decides on a session's first run, and whenever it changed without this page: the
# back and forward buttons, or an edited address. Otherwise the page's own controls decide. A
# URL with no slide parameters at all is the sidebar's page menu arriving here (it empties the
# link): the session's slides stay.
in_url, written = _slides_in_url(), st.session_state.get(URL_KEY)
if ORDER_KEY not in st.session_state or (
    written is not None and in_url != written and any(in_url.values())
):
    _from_url()


def _go(step: int) -> None:
    count = len(st.session_state[ORDER_KEY]) or 1
    st.session_state[INDEX_KEY] = (st.session_state[INDEX_KEY] + step) % count


def _key_pressed(step: str) -> None:
    count = len(st.session_state[ORDER_KEY]) or 1
    if step == "first":
        st.session_state[INDEX_KEY] = 0
    elif step == "last":
        st.session_state[INDEX_KEY] = count - 1
    else:
        _go(1 if step == "next" else -1)


def _reset_order() -> None:
    st.session_state[ORDER_KEY] = list(sequence.DEFAULT_ORDER)
    st.session_state[INDEX_KEY] = 0


def _move(key: str, step: int) -> None:
    st.session_state[ORDER_KEY] = sequence.move(st.session_state[ORDER_KEY], key, step)


def _picked() -> None:
    picked = (sequence.key_of(str(value)) for value in st.session_state[PICK_KEY])
    st.session_state[ORDER_KEY] = [key for key in dict.fromkeys(picked) if key]


screen = presenting.mount(full, notice=info.is_invented and not full, on_step=_key_pressed)

order: list[str] = [key for key in st.session_state[ORDER_KEY] if key in slide_sources.KINDS]
index = st.session_state[INDEX_KEY] = min(st.session_state[INDEX_KEY], max(len(order) - 1, 0))
_write_url(order, index if order else None)

weights = p.clean_weights({c: st.query_params.get(f"w_{c}", p.DEFAULT_WEIGHTS[c]) for c in p.CODES})
missing = st.query_params.get("missing", p.ESTIMATE)
missing = missing if missing in (p.ESTIMATE, p.KNOWN_ONLY) else p.ESTIMATE
lang = language()
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
)
meta = sequence.Meta(
    filter_panel.describe(), info.source_line, datetime.now(UTC), info.loaded_at, info.is_invented
)

if not order:
    st.title(t("No slides are chosen"), anchor=False)
    st.info(
        t(
            "Pick some under **Choose slides**, or go back to the standard sequence of "
            "{count} slides.",
            count=len(sequence.DEFAULT_ORDER),
        ),
        icon=":material/slideshow:",
    )
    if full:  # the choice of slides is hidden in full screen: the way out must not be
        st.button(
            t("Leave full screen"),
            key="present_full_screen",
            on_click=presenting.toggle_full_screen,
            icon=":material/fullscreen_exit:",
        )
    slide = None
else:
    try:
        slide = slide_sources.build_one(order[index], inputs)
        # the slide fits the window: the chart takes the height the title and footer leave
        # it, with fewer bars on a small screen
        body = screen.body_height(slide.title, meta.footer)
        if screen.bars(body) < slide_sources.BARS_IN_DECK:
            slide = slide_sources.build_one(order[index], inputs, screen.bars(body))
    except store.STORE_ERRORS as error:
        store.store_problem(error)

    with st.container(key="present_slide", gap="small"):
        back, where, screen, forward = st.columns([1, 3, 1, 1], vertical_alignment="center")
        back.button(
            t("Previous"),
            key="present_previous",
            on_click=_go,
            args=(-1,),
            icon=":material/arrow_back:",
            width="stretch",
        )
        with where.container(key="present_where"):
            st.markdown(
                t(
                    "Slide {number} of {total} · {name}",
                    number=index + 1,
                    total=len(order),
                    name=sequence.kind_name(order[index]),
                )
            )
        screen.button(
            t("Leave full screen") if full else t("Full screen"),
            key="present_full_screen",
            on_click=presenting.toggle_full_screen,
            icon=":material/fullscreen_exit:" if full else ":material/fullscreen:",
            width="stretch",
            help=t(
                "Full screen hides the page header, the sidebar and the notice, keeping the "
                "note on the data at the foot of each slide. Keys: → or Page Down for the next "
                "slide, ← or Page Up for the previous one, F for full screen while one of "
                "these buttons has the focus, Esc to leave it."
            ),
        )
        forward.button(
            t("Next"),
            key="present_next",
            on_click=_go,
            args=(1,),
            icon=":material/arrow_forward:",
            width="stretch",
        )

        st.title(plain(slide.title), anchor=False)
        if slide.facts:
            with st.container(
                height=body, border=False, vertical_alignment="center", key="present_facts"
            ):
                for number, (column, fact) in enumerate(
                    zip(st.columns(len(slide.facts), gap="large"), slide.facts, strict=True)
                ):
                    with column.container(key=f"present_value_{number}"):
                        st.markdown(plain(fact.value))
                    with column.container(key=f"present_label_{number}"):
                        st.markdown(plain(fact.label))
                    with column.container(key=f"present_detail_{number}"):
                        st.markdown(plain(fact.detail))
        elif slide.figure is not None:
            figure = type(slide.figure)(slide.figure)
            # the screen's title states the finding; the chart keeps its subtitle, in large type
            figure.update_layout(
                title_text=figure.layout.title.subtitle.text or "",
                title_font_size=20,
                font_size=18,
                margin_t=80,
            )
            figure.layout.title.subtitle.text = None
            figure.layout.height = body
            st.plotly_chart(
                figure,
                key="present_chart",
                # a slide, not a workbench: no toolbar over the chart while presenting
                config={**PLOTLY_CONFIG, "displayModeBar": False},
                width="stretch",
                theme=None,
            )
        else:
            with st.container(height=body, border=False, key="present_message"):
                st.markdown(plain(slide.message))
        with st.container(key="present_footer"):
            st.markdown("  \n".join(plain(line) for line in meta.footer))

    if slide.notes and st.toggle(t("Speaker notes"), key="present_notes"):
        st.info(slide.notes, icon=":material/record_voice_over:")

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
            "buttons has the focus."
        )
    )
    st.divider()
    choose = open_expander(
        t("Choose slides"), key="present_choose_panel", icon=":material/view_carousel:"
    )
    if choose is not None:
        with choose:
            st.session_state[PICK_KEY] = order
            st.multiselect(
                t("Slides, in the order you pick them"),
                list(sequence.DEFAULT_ORDER),
                format_func=sequence.kind_name,
                key=PICK_KEY,
                on_change=_picked,
                help=t(
                    "The choice and its order are kept in the link, so the same show can be reopened."
                ),
            )
            for number, key in enumerate(order):
                name_column, up, down = st.columns([6, 1, 1], vertical_alignment="center")
                name_column.markdown(f"{number + 1}. {sequence.kind_name(key)}")
                up.button(
                    t("Up"),
                    key=f"present_up_{key}",
                    on_click=_move,
                    args=(key, -1),
                    icon=":material/arrow_upward:",
                    disabled=number == 0,
                    help=t("Move this slide one place earlier"),
                    width="stretch",
                )
                down.button(
                    t("Down"),
                    key=f"present_down_{key}",
                    on_click=_move,
                    args=(key, 1),
                    icon=":material/arrow_downward:",
                    disabled=number == len(order) - 1,
                    help=t("Move this slide one place later"),
                    width="stretch",
                )
            st.button(t("Standard sequence"), key="present_reset", on_click=_reset_order)

    deck_box = open_expander(
        t("Download the deck (PPTX and PDF)"), key="present_deck_panel", icon=":material/download:"
    )
    if deck_box is not None:
        with deck_box:
            st.caption(
                t(
                    "A title slide with the filter and dates, then the chosen slides: charts as "
                    "images, figures and words as text you can edit, in the language you are using."
                )
            )
            wanted = tuple(order)
            stamp = (wanted, flt, tuple(weights.items()), missing, lang, version)
            if st.button(
                t("Build the deck"),
                key="present_build",
                icon=":material/build:",
                disabled=not wanted,
            ):
                problem = deck.problem()
                if problem:
                    st.error(problem, icon=":material/error:")
                else:
                    bar = st.progress(0.0, text=t("Starting"))

                    def progress(done: int, total: int, what: str) -> None:
                        bar.progress(done / max(total, 1), text=what)

                    try:
                        # built in the language of the click, whatever the session does meanwhile
                        st.session_state[DECK_KEY] = {
                            "for": stamp,
                            "deck": deck.make(
                                lambda: slide_sources.build(wanted, inputs), meta, lang, progress
                            ),
                        }
                    except store.STORE_ERRORS as error:  # a view not cached, the store away
                        bar.empty()
                        store.store_problem(error)
                    except Exception:  # a browser that died mid-export: words, not a traceback
                        logging.getLogger(__name__).exception("building the deck failed")
                        st.error(
                            t(
                                "The deck could not be built this time (the chart browser did not "
                                "answer). Try again; if it keeps failing, restart the app."
                            ),
                            icon=":material/error:",
                        )
                    bar.empty()
            built = st.session_state.get(DECK_KEY)
            if built and built["for"] == stamp:
                made: deck.Deck = built["deck"]
                st.caption(
                    t(
                        "Built {count} slides in {seconds} s.",
                        count=made.slides,
                        seconds=f"{made.seconds:.1f}",
                    )
                )
                left, right, _ = st.columns([1, 1, 3])
                left.download_button(
                    t("Download PPTX"),
                    data=made.pptx,
                    file_name=made.file_name(".pptx", meta.made),
                    mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                    key="present_pptx",
                    icon=":material/download:",
                )
                right.download_button(
                    t("Download PDF"),
                    data=made.pdf,
                    file_name=made.file_name(".pdf", meta.made),
                    mime="application/pdf",
                    key="present_pdf",
                    icon=":material/download:",
                )
            elif built:
                st.caption(
                    t(
                        "The slides, the filter or the language changed since the deck was built: "
                        "build it again."
                    )
                )
